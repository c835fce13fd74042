import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deptId as deptIdOf } from '../../../../test/factories.ts'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const deptId = (name: string) => deptIdOf(t, name)

describe('roles', () => {
  it('401, 403 by role', async () => {
    expect((await t.agent().get('/api/roles')).statusCode).toBe(401)
    expect((await (await t.as('a_sup')).get('/api/roles')).statusCode).toBe(403)
    expect((await (await t.as('sysadmin')).get('/api/roles')).statusCode).toBe(200)
    expect(
      (
        await (
          await t.as('sysadmin')
        ).post('/api/roles', { code: 'x_role', name: 'X', permissions: [], dataScope: 'dept' })
      ).statusCode,
    ).toBe(403)
  })

  it('lists the built-in roles with their permissions and the catalogue', async () => {
    const sec = await t.as('secadmin')
    const roles = (await sec.get('/api/roles?builtin=true')).json()
    const codes = roles.items.map((r: { code: string }) => r.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'sysadmin',
        'secadmin',
        'auditadmin',
        'leader',
        'supervisor',
        'officer',
        'handler',
        'enterprise',
        'viewer',
      ]),
    )
    const audit = roles.items.find((r: { code: string }) => r.code === 'auditadmin')
    expect(audit).toMatchObject({
      triad: 'audit',
      dataScope: 'all',
      permissions: ['audit:read', 'loginlog:read'],
    })
    const cat = (await sec.get('/api/roles/permissions')).json().items
    expect(cat.find((p: { key: string }) => p.key === 'user:manage')).toMatchObject({
      triad: 'system',
      zh: '管理用户',
    })
  })

  it('creates a custom role with a custom data scope, which then filters lists', async () => {
    const sec = await t.as('secadmin')
    const bad = await sec.post('/api/roles', {
      code: 'inspector',
      name: '巡查员',
      permissions: ['user:read'],
      dataScope: 'custom',
      customDepartmentIds: [],
    })
    expect(errorOf(bad).field).toBe('customDepartmentIds')
    const triad = await sec.post('/api/roles', {
      code: 'inspector',
      name: '巡查员',
      permissions: ['user:read', 'audit:read'],
      dataScope: 'dept',
    })
    expect(errorOf(triad)).toMatchObject({ field: 'permissions' })
    expect(errorOf(triad).message).toContain('三员权限')
    const res = await sec.post('/api/roles', {
      code: 'inspector',
      name: '巡查员',
      permissions: ['user:read', 'org:read'],
      dataScope: 'custom',
      customDepartmentIds: [await deptId('乙开发区')],
    })
    expect(res.statusCode).toBe(201)
    const role = res.json()
    const norole = await t.database.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'norole')
      .executeTakeFirstOrThrow()
    expect(
      (await sec.put(`/api/users/${norole.id}/roles`, { roleIds: [role.id], version: norole.version }))
        .statusCode,
    ).toBe(200)
    const inspector = await t.as('norole')
    const names = (await inspector.get('/api/users?pageSize=100'))
      .json()
      .items.map((u: { username: string }) => u.username)
      .sort()
    expect(names).toEqual(['b_handler', 'b_sup'])
    expect(
      (await sec.post('/api/roles', { code: 'inspector', name: '重复', permissions: [], dataScope: 'dept' }))
        .statusCode,
    ).toBe(409)
  })

  it('built-in roles cannot be edited or deleted; a granted role cannot be deleted; stale edits 409', async () => {
    const sec = await t.as('secadmin')
    const leader = (await sec.get('/api/roles?keyword=包联')).json().items[0]
    expect(
      (await sec.patch(`/api/roles/${leader.id}`, { name: 'x', version: leader.version })).statusCode,
    ).toBe(409)
    expect((await sec.delete(`/api/roles/${leader.id}?version=${leader.version}`)).statusCode).toBe(409)
    const inspector = (await sec.get('/api/roles?keyword=inspector')).json().items[0]
    const inUse = await sec.delete(`/api/roles/${inspector.id}?version=${inspector.version}`)
    expect(inUse.statusCode).toBe(409)
    expect(errorOf(inUse).message).toContain('仍授予了 1 名用户')
    const renamed = await sec.patch(`/api/roles/${inspector.id}`, {
      name: '片区巡查员',
      version: inspector.version,
    })
    expect(renamed.statusCode).toBe(200)
    expect(
      (await sec.patch(`/api/roles/${inspector.id}`, { name: '再改', version: inspector.version }))
        .statusCode,
    ).toBe(409)
    const temp = (
      await sec.post('/api/roles', { code: 'temp_role', name: '临时', permissions: [], dataScope: 'self' })
    ).json()
    expect((await sec.delete(`/api/roles/${temp.id}?version=${temp.version}`)).statusCode).toBe(200)
    expect((await sec.get(`/api/roles/${temp.id}`)).statusCode).toBe(404)
  })
})
