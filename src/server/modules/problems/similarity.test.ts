import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addUserWithRole,
  deptId,
  insertProblem,
  linkEnterpriseUser,
  makeEnterprise,
} from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import * as deptRepo from '../departments/departments.repository.ts'
import { keywords, sameArea, textSimilarity } from './similarity.service.ts'

let t: TestApp
let sup: Agent
let zoneA: number
let zoneB: number
let logistics: number // 甲物流
let steel: number // 甲钢铁
let chem: number // 甲化工
let traffic: number // 甲交通运输局
let power: number // 甲供电所
let eco: number // 甲生态环境分局
const ids: Record<string, number> = {}

async function addDept(name: string, parentName: string) {
  const parent = (await deptRepo.findById(t.database.db, await deptId(t, parentName)))!
  return deptRepo.insert(t.database.db, {
    parent: { id: parent.id, path: parent.path, depth: parent.depth, zone_id: parent.zone_id },
    kind: 'department',
    name,
    short_name: null,
    code: null,
    sort: 0,
    region_code: null,
    phone: null,
    at: t.clock.now(),
  })
}

const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000)

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
  zoneA = await deptId(t, '甲开发区')
  zoneB = await deptId(t, '乙开发区')
  logistics = await makeEnterprise(t, '甲开发区', '甲物流有限公司')
  steel = await makeEnterprise(t, '甲开发区', '甲钢铁有限公司')
  chem = await makeEnterprise(t, '甲开发区', '甲化工有限公司')
  traffic = await addDept('甲交通运输局', '甲开发区')
  power = await addDept('甲供电所', '甲开发区')
  eco = await deptId(t, '甲生态环境分局')
  await linkEnterpriseUser(t, 'a_ent', logistics)

  // open problems of zone 甲
  ids.narrow = await insertProblem(t, {
    zoneId: zoneA,
    code: 'JA-2026-0001',
    title: '道路太窄大货车进不来',
    description: '厂区门前道路太窄，大货车进不来，原料运输受影响',
    category: 'road',
    enterpriseId: steel,
    status: 'accepted',
    leadDepartmentId: traffic,
    lng: 110.0,
    lat: 40.0,
  })
  ids.power = await insertProblem(t, {
    zoneId: zoneA,
    code: 'JA-2026-0002',
    title: '供电线路容量不足，经常停电',
    category: 'power',
    enterpriseId: logistics,
    status: 'in_progress',
    leadDepartmentId: power,
  })
  ids.lamp = await insertProblem(t, {
    zoneId: zoneA,
    code: 'JA-2026-0003',
    title: '夜间照明不足，车辆通行不安全',
    category: 'other',
    enterpriseId: chem,
  })
  // finished ones and another zone's never show
  ids.closed = await insertProblem(t, {
    zoneId: zoneA,
    code: 'JA-2026-0004',
    title: '道路狭窄货车通行困难',
    category: 'road',
    status: 'closed',
    leadDepartmentId: traffic,
  })
  ids.otherZone = await insertProblem(t, {
    zoneId: zoneB,
    code: 'YI-2026-0001',
    title: '道路狭窄货车通行困难',
    category: 'road',
  })
})
afterAll(() => t.close())

const similar = async (agent: Agent, body: Record<string, unknown>) => {
  const res = await agent.post('/api/problems/suggest/similar', body)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as {
    items: Array<{
      id: number
      code: string
      title: string
      score: number
      words: string[]
      isCommon: boolean
      commonId: number | null
      enterpriseName: string | null
      reasons: { text: number; sameCategory: boolean; sameArea: boolean; sameEnterprise: boolean }
    }>
    hint: { enterprises: number; message: string } | null
  }
}

describe('text similarity (unit)', () => {
  it('drops the words every problem has and finds shared and contained words', () => {
    const q = keywords('园区企业道路狭窄问题，需要协调重型货车通行')
    expect(q).not.toContain('问题')
    expect(q).not.toContain('企业')
    expect(q).not.toContain('园区')
    expect(q).toEqual(expect.arrayContaining(['道路', '狭窄', '货车', '通行']))
    const idf = new Map(q.map((w) => [w, 1]))
    const r = textSimilarity(q, new Set(keywords('道路太窄大货车进不来')), idf)
    expect(r.words).toEqual(expect.arrayContaining(['道路', '货车']))
    expect(r.score).toBeGreaterThan(0.4)
    expect(textSimilarity(q, new Set(keywords('供电线路容量不足')), idf).score).toBe(0)
  })

  it('same area: within 2 km, or the particular words of two addresses', () => {
    expect(sameArea({ address: null, lng: 110, lat: 40 }, { address: null, lng: 110.01, lat: 40.01 })).toBe(
      true,
    )
    expect(sameArea({ address: null, lng: 110, lat: 40 }, { address: null, lng: 110.1, lat: 40.1 })).toBe(
      false,
    )
    expect(
      sameArea(
        { address: '通辽市科尔沁区创业大道与辽河路交叉口', lng: null, lat: null },
        { address: '辽河路88号', lng: null, lat: null },
      ),
    ).toBe(true)
    // the same district is not the same area
    expect(
      sameArea(
        { address: '通辽市科尔沁区', lng: null, lat: null },
        { address: '通辽市科尔沁区', lng: null, lat: null },
      ),
    ).toBe(false)
  })
})

describe('POST /api/problems/suggest/similar', () => {
  it('401 without a session, 403 without problem:report or problem:read, 400 naming the field', async () => {
    expect((await t.agent().post('/api/problems/suggest/similar', { text: '道路' })).statusCode).toBe(401)
    const nobody = await t.as('norole')
    expect((await nobody.post('/api/problems/suggest/similar', { text: '道路狭窄' })).statusCode).toBe(403)
    let res = await sup.post('/api/problems/suggest/similar', {})
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'text' })
    expect(errorOf(res).message).toContain('问题描述')
    res = await sup.post('/api/problems/suggest/similar', { text: '道路狭窄', excludeId: 'x' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('excludeId')
  })

  it('another zone is 404; a user above zones must name one', async () => {
    let res = await sup.post('/api/problems/suggest/similar', { text: '道路狭窄', zoneId: zoneB })
    expect(res.statusCode).toBe(404)
    await addUserWithRole(t, {
      username: 'city_p3',
      displayName: '市级督查',
      department: '测试市',
      role: {
        code: 'city_p3',
        name: '市级督查P3',
        dataScope: 'all',
        permissions: ['problem:read', 'problem:triage'],
      },
    })
    const city = await t.as('city_p3')
    res = await city.post('/api/problems/suggest/similar', { text: '道路狭窄' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('zoneId')
    const ok = await similar(city, { text: '道路狭窄货车', zoneId: zoneB })
    expect(ok.items.map((i) => i.code)).toEqual(['YI-2026-0001'])
  })

  it('ranks the narrow-road problem first, without the unrelated, closed or other-zone ones', async () => {
    const r = await similar(sup, { text: '园区道路狭窄，重型货车通行困难', category: 'road' })
    expect(r.items[0]).toMatchObject({
      id: ids.narrow,
      code: 'JA-2026-0001',
      enterpriseName: '甲钢铁有限公司',
    })
    expect(r.items[0].words).toEqual(expect.arrayContaining(['道路', '货车']))
    expect(r.items[0].reasons.sameCategory).toBe(true)
    expect(r.items[0].score).toBeGreaterThan(0)
    expect(r.items[0].score).toBeLessThanOrEqual(1)
    const got = r.items.map((i) => i.id)
    expect(got).not.toContain(ids.power)
    expect(got).not.toContain(ids.closed)
    expect(got).not.toContain(ids.otherZone)
    // the lighting problem shares 通行 only: below
    if (got.includes(ids.lamp)) expect(got.indexOf(ids.lamp)).toBeGreaterThan(got.indexOf(ids.narrow))
    for (let i = 1; i < r.items.length; i++)
      expect(r.items[i - 1].score).toBeGreaterThanOrEqual(r.items[i].score)
  })

  it('excludes the problem being looked at', async () => {
    const r = await similar(sup, { text: '道路太窄大货车进不来', excludeId: ids.narrow })
    expect(r.items.map((i) => i.id)).not.toContain(ids.narrow)
  })

  it('gives bonuses for the same category, area and enterprise', async () => {
    const a = await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0011',
      title: '污水管网未接通',
      category: 'water',
      enterpriseId: chem,
    })
    const b = await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0012',
      title: '污水管网未接通',
      category: 'environment',
      enterpriseId: steel,
      lng: 110.005,
      lat: 40.005,
    })
    // same text: the category decides
    let r = await similar(sup, { text: '污水管网接入', category: 'water' })
    expect(r.items.slice(0, 2).map((i) => i.id)).toEqual([a, b])
    expect(r.items[0].score).toBeGreaterThan(r.items[1].score)
    // the enterprise the staff member is entering for decides
    r = await similar(sup, { text: '污水管网接入', enterpriseId: steel })
    expect(r.items[0]).toMatchObject({ id: b, reasons: { sameEnterprise: true } })
    // near the given place
    r = await similar(sup, { text: '污水管网接入', lng: 110.0, lat: 40.0 })
    expect(r.items[0]).toMatchObject({ id: b, reasons: { sameArea: true } })
    expect(r.items.find((i) => i.id === a)?.reasons.sameArea).toBe(false)
  })

  it('enterprise users see only their own problems, and an anonymous hint from common problems', async () => {
    const ent = await t.as('a_ent')
    // the steel company's road problem is not shown to the logistics company
    let r = await similar(ent, { text: '园区道路狭窄，重型货车通行困难', category: 'road' })
    expect(r.items.map((i) => i.id)).not.toContain(ids.narrow)
    expect(r.hint).toBeNull()
    // a common problem of two other enterprises about the same thing: a count, no names
    const common = await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0020',
      title: '园区主干道路狭窄，货车通行困难',
      category: 'road',
      status: 'accepted',
      isCommon: true,
    })
    await t.database.db
      .updateTable('problems')
      .set({ common_id: common })
      .where('id', '=', ids.narrow)
      .execute()
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0021',
      title: '道路狭窄，运输车辆难以通行',
      category: 'road',
      enterpriseId: chem,
      commonId: common,
    })
    const res = await ent.post('/api/problems/suggest/similar', {
      text: '园区道路狭窄，重型货车通行困难',
      category: 'road',
    })
    r = res.json()
    expect(r.items).toEqual([])
    expect(r.hint).toMatchObject({ enterprises: 2, message: '已有 2 家企业反映了类似问题（正在处理中）' })
    expect(res.body).not.toContain('甲钢铁')
    expect(res.body).not.toContain('甲化工')
    expect(res.body).not.toContain('JA-2026-00')
    // their own problem is found, with the same-enterprise bonus
    r = await similar(ent, { text: '线路容量不足经常停电', enterpriseId: steel })
    expect(r.items[0]).toMatchObject({ id: ids.power, reasons: { sameEnterprise: true } })
    // staff see the common problem itself, flagged so they can join it
    r = await similar(sup, { text: '园区道路狭窄，重型货车通行困难', category: 'road' })
    expect(r.items.find((i) => i.id === common)).toMatchObject({ isCommon: true })
    expect(r.items.find((i) => i.id === ids.narrow)).toMatchObject({ commonId: common })
    expect(r.hint).toBeNull()
  })
})

describe('POST /api/problems/suggest/departments', () => {
  it('401, 403 without problem:triage, 400 naming the field', async () => {
    expect((await t.agent().post('/api/problems/suggest/departments', { text: '道路' })).statusCode).toBe(401)
    for (const u of ['a_handler', 'a_ent', 'a_officer']) {
      const a = await t.as(u)
      expect((await a.post('/api/problems/suggest/departments', { text: '道路狭窄' })).statusCode, u).toBe(
        403,
      )
    }
    const res = await sup.post('/api/problems/suggest/departments', { text: '' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('text')
  })

  it('suggests the lead departments of similar accepted problems, with the reason', async () => {
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0031',
      title: '道路狭窄拓宽改造',
      category: 'road',
      status: 'closed',
      leadDepartmentId: traffic,
      acceptedAt: daysAgo(40),
    })
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0032',
      title: '货车通行道路破损',
      category: 'road',
      status: 'resolved',
      leadDepartmentId: traffic,
      acceptedAt: daysAgo(20),
    })
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0033',
      title: '道路扬尘污染',
      category: 'environment',
      status: 'closed',
      leadDepartmentId: eco,
      acceptedAt: daysAgo(700),
    })
    const res = await sup.post('/api/problems/suggest/departments', {
      text: '园区道路狭窄，重型货车通行困难',
      category: 'road',
    })
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json().items
    expect(items.length).toBeLessThanOrEqual(3)
    expect(items[0]).toMatchObject({
      departmentId: traffic,
      departmentName: '甲交通运输局',
      basis: 'similar',
    })
    expect(items[0].count).toBeGreaterThanOrEqual(3)
    expect(items[0].reason).toMatch(/^依据：\d+ 件相似问题由该部门牵头办理（如 JA-2026-\d{4}/)
    expect(items[0].score).toBeGreaterThan(0)
    expect(items[0].score).toBeLessThanOrEqual(1)
    const ecoItem = items.find((i: { departmentId: number }) => i.departmentId === eco)
    expect(ecoItem).toBeTruthy()
    expect(ecoItem.score).toBeLessThan(items[0].score)
    // open (not accepted) and never-routed problems do not count
    expect(items.map((i: { departmentId: number }) => i.departmentId)).not.toContain(power)
  })

  it('recency: of two equally similar problems, the recent routing weighs more', async () => {
    const dA = await addDept('甲住建局', '甲开发区')
    const dB = await addDept('甲城管局', '甲开发区')
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0041',
      title: '围墙倒塌隐患',
      category: 'other',
      status: 'closed',
      leadDepartmentId: dA,
      acceptedAt: daysAgo(800),
    })
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0042',
      title: '围墙倒塌隐患',
      category: 'other',
      status: 'closed',
      leadDepartmentId: dB,
      acceptedAt: daysAgo(10),
    })
    const items = (await sup.post('/api/problems/suggest/departments', { text: '围墙倒塌' })).json().items
    expect(items.slice(0, 2).map((i: { departmentId: number }) => i.departmentId)).toEqual([dB, dA])
  })

  it("falls back to the category's most frequent lead department", async () => {
    await insertProblem(t, {
      zoneId: zoneA,
      code: 'JA-2026-0051',
      title: '变压器需要增容',
      category: 'power',
      status: 'closed',
      leadDepartmentId: power,
      acceptedAt: daysAgo(30),
    })
    const res = await sup.post('/api/problems/suggest/departments', {
      text: '申请临时用电',
      category: 'power',
    })
    const items = res.json().items
    expect(items[0]).toMatchObject({ departmentId: power, basis: 'category' })
    expect(items[0].reason).toContain('供电类问题以往')
    expect(items[0].reason).toContain('件由该部门牵头办理')
  })
})
