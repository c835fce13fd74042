import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, deptId, insertProblem, insertProject } from '../../../test/factories.ts'
import { TEST_PASSWORD } from '../../../test/fixture-org.ts'
import { type Agent, createTestApp, type TestApp } from '../../../test/harness.ts'

// A reader above the zones (city level) sees the zones inside their subtree whole: also the records
// no unit is linked to yet. A department's subtree that holds no zone keeps the unit rule.
let t: TestApp
let city: Agent
let branch: Agent
let project: number
let problem: number

beforeAll(async () => {
  t = await createTestApp()
  const read = ['project:read', 'problem:read']
  await addUserWithRole(t, {
    username: 'city_reader',
    displayName: '市督查',
    department: '测试市',
    role: { code: 'city_reader', name: '市级督查（测试）', dataScope: 'zone', permissions: read },
  })
  await addUserWithRole(t, {
    username: 'eco_tree',
    displayName: '分局及下属',
    department: '甲生态环境分局',
    role: { code: 'eco_tree', name: '本部门及下属（测试）', dataScope: 'dept_and_below', permissions: read },
  })
  // a new project and a new problem with no responsible unit yet
  project = await insertProject(t, {
    zoneId: await deptId(t, '甲开发区'),
    code: 'CITY-1',
    name: '无牵头单位的新项目',
  })
  problem = await insertProblem(t, {
    zoneId: await deptId(t, '乙开发区'),
    code: 'CITY-P1',
    title: '尚未分办的问题',
  })
  city = await t.as('city_reader', TEST_PASSWORD)
  branch = await t.as('eco_tree', TEST_PASSWORD)
}, 60_000)
afterAll(() => t?.close())

const ids = async (a: Agent, url: string) => {
  const res = await a.get(url)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json().items as Array<{ id: number }>).map((x) => x.id)
}

describe('city-level scope', () => {
  it('sees projects and problems of every zone under the city, linked to a unit or not', async () => {
    expect(await ids(city, '/api/projects?keyword=CITY-1')).toEqual([project])
    expect((await city.get(`/api/projects/${project}`)).statusCode).toBe(200)
    expect(await ids(city, '/api/problems?keyword=尚未分办')).toEqual([problem])
    expect((await city.get(`/api/problems/${problem}`)).statusCode).toBe(200)
  })

  it('a department subtree without a zone in it still sees only what its units are linked to', async () => {
    expect(await ids(branch, '/api/projects?keyword=CITY-1')).toEqual([])
    expect((await branch.get(`/api/projects/${project}`)).statusCode).toBe(404)
    expect((await branch.get(`/api/problems/${problem}`)).statusCode).toBe(404)
  })
})
