import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deptId as deptIdOf } from '../../../../test/factories.ts'
import { createTestApp, errorOf, TEST_PASSWORD, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const deptId = (name: string) => deptIdOf(t, name)
const user = async (username: string) =>
  t.database.db
    .selectFrom('users')
    .select(['id', 'version'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
const roleId = async (code: string) =>
  (await t.database.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

describe('user list and data scope', () => {
  it('401 without a session, 403 without user:read', async () => {
    expect((await t.agent().get('/api/users')).statusCode).toBe(401)
    expect((await (await t.as('a_ent')).get('/api/users')).statusCode).toBe(403)
    expect((await (await t.as('auditadmin')).get('/api/users')).statusCode).toBe(403)
  })

  it('filters the list by the data scope of the role', async () => {
    const names = async (u: string) =>
      ((await (await t.as(u)).get('/api/users?pageSize=200')).json().items as Array<{ username: string }>)
        .map((x) => x.username)
        .sort()
    const all = await names('sysadmin')
    expect(all).toEqual(expect.arrayContaining(['a_sup', 'b_sup', 'b_handler', 'norole']))
    const zoneA = await names('a_leader')
    expect(zoneA).toContain('a_handler')
    expect(zoneA).not.toContain('b_sup')
    // handler: own department (生态环境分局) and below (固废科)
    expect(await names('a_handler')).toEqual(['a_handler', 'a_waste', 'norole'])
  })

  it('404 for a user outside the scope', async () => {
    const handler = await t.as('a_handler')
    expect((await handler.get(`/api/users/${(await user('b_sup')).id}`)).statusCode).toBe(404)
    expect((await handler.get(`/api/users/${(await user('a_waste')).id}`)).statusCode).toBe(200)
  })

  it('filters by department subtree, role, status, keyword; sorts and paginates', async () => {
    const admin = await t.as('sysadmin')
    const byDept = (await admin.get(`/api/users?departmentId=${await deptId('甲生态环境分局')}`)).json()
    expect(byDept.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'a_handler',
      'a_waste',
      'norole',
    ])
    const byRole = (await admin.get(`/api/users?roleId=${await roleId('supervisor')}`)).json()
    expect(byRole.items.map((u: { username: string }) => u.username).sort()).toEqual(['a_sup', 'b_sup'])
    const kw = (await admin.get('/api/users?keyword=固废')).json()
    expect(kw.items.map((u: { username: string }) => u.username)).toEqual(['a_waste'])
    const page = (await admin.get('/api/users?sort=-username&pageSize=2&page=2')).json()
    expect(page.pageSize).toBe(2)
    expect(page.items).toHaveLength(2)
    expect(page.total).toBeGreaterThanOrEqual(12)
    const bad = await admin.get('/api/users?sort=password')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('sort')
  })
})

describe('creating and editing users', () => {
  it('creates a user who must change the password at first sign-in', async () => {
    const admin = await t.as('sysadmin')
    const res = await admin.post('/api/users', {
      username: 'new_clerk',
      displayName: '新文员',
      departmentId: await deptId('甲督查室'),
      phone: '13800001111',
      password: 'Initial#2026',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ username: 'new_clerk', mustChangePassword: true, roles: [] })
    const clerk = t.agent()
    const login = await clerk.login('new_clerk', 'Initial#2026')
    expect(login.json().user.mustChangePassword).toBe('initial')
    expect(errorOf(await clerk.get('/api/departments/tree')).code).toBe('PASSWORD_CHANGE_REQUIRED')
    expect(
      (
        await clerk.post('/api/auth/password', {
          currentPassword: 'Initial#2026',
          newPassword: 'MyOwn#Pass1',
        })
      ).statusCode,
    ).toBe(200)
    expect((await clerk.get('/api/auth/me')).json().mustChangePassword).toBeNull()
  })

  it('rejects bad input naming the field', async () => {
    const admin = await t.as('sysadmin')
    const base = {
      username: 'x_user',
      displayName: '某人',
      departmentId: await deptId('甲督查室'),
      password: 'Initial#2026',
    }
    expect(errorOf(await admin.post('/api/users', { ...base, username: '1bad' })).field).toBe('username')
    expect(errorOf(await admin.post('/api/users', { ...base, phone: '12345' })).field).toBe('phone')
    expect(errorOf(await admin.post('/api/users', { ...base, email: 'not-mail' })).field).toBe('email')
    const weak = await admin.post('/api/users', { ...base, password: 'password' })
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_POLICY', field: 'password' })
    const dup = await admin.post('/api/users', { ...base, username: 'A_SUP' })
    expect(dup.statusCode).toBe(409)
    expect(errorOf(dup).field).toBe('username')
    const noDept = await admin.post('/api/users', { ...base, departmentId: 999999 })
    expect(errorOf(noDept).field).toBe('departmentId')
    const missing = await admin.post('/api/users', { username: 'y_user' })
    expect(missing.statusCode).toBe(400)
    expect(errorOf(missing).message).toMatch(/缺少必填项/)
  })

  it('only the system admin manages users', async () => {
    const sec = await t.as('secadmin')
    const res = await sec.post('/api/users', {
      username: 'sneaky',
      displayName: '某人',
      departmentId: await deptId('甲督查室'),
      password: 'Initial#2026',
    })
    expect(res.statusCode).toBe(403)
  })

  it('edits with optimistic concurrency: a stale version gets 409', async () => {
    const admin = await t.as('sysadmin')
    const u = await user('a_officer')
    const ok = await admin.patch(`/api/users/${u.id}`, { title: '项目管家', version: u.version })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().title).toBe('项目管家')
    const stale = await admin.patch(`/api/users/${u.id}`, { title: '别的', version: u.version })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
  })

  it("disabling ends the user's sessions and blocks sign-in", async () => {
    const victim = await t.as('a_leader')
    const admin = await t.as('sysadmin')
    const u = await user('a_leader')
    expect((await admin.post(`/api/users/${u.id}/disable`, { version: u.version })).statusCode).toBe(200)
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401)
    expect(errorOf(await t.agent().login('a_leader', TEST_PASSWORD)).code).toBe('ACCOUNT_DISABLED')
    const u2 = await user('a_leader')
    expect((await admin.post(`/api/users/${u2.id}/enable`, { version: u2.version })).statusCode).toBe(200)
    expect((await t.agent().login('a_leader', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('reset password forces a change; unlock is for the security admin', async () => {
    const admin = await t.as('sysadmin')
    const u = await user('b_handler')
    expect(
      (
        await admin.post(`/api/users/${u.id}/reset-password`, {
          password: 'Reset#Pass2026',
          version: u.version,
        })
      ).statusCode,
    ).toBe(200)
    expect((await t.agent().login('b_handler', 'Reset#Pass2026')).json().user.mustChangePassword).toBe(
      'initial',
    )
    for (let i = 0; i < 5; i++) await t.agent().login('a_waste', 'Wrong#pass1')
    expect((await t.agent().login('a_waste', TEST_PASSWORD)).statusCode).toBe(423)
    const waste = await user('a_waste')
    expect((await admin.post(`/api/users/${waste.id}/unlock`)).statusCode).toBe(403)
    const sec = await t.as('secadmin')
    const unlocked = await sec.post(`/api/users/${waste.id}/unlock`)
    expect(unlocked.statusCode).toBe(200)
    expect(unlocked.json().locked).toBe(false)
    expect((await t.agent().login('a_waste', TEST_PASSWORD)).statusCode).toBe(200)
  })
})

describe('三员分立 (separation of the three administrators)', () => {
  it('no account can hold two of the three administrator roles', async () => {
    const sec = await t.as('secadmin')
    const u = await user('norole')
    const res = await sec.put(`/api/users/${u.id}/roles`, {
      roleIds: [await roleId('sysadmin'), await roleId('auditadmin')],
      version: u.version,
    })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res)).toMatchObject({ code: 'TRIAD_CONFLICT', field: 'roleIds' })
    const one = await sec.put(`/api/users/${u.id}/roles`, {
      roleIds: [await roleId('auditadmin'), await roleId('viewer')],
      version: u.version,
    })
    expect(one.statusCode).toBe(200)
    expect(
      one
        .json()
        .roles.map((r: { code: string }) => r.code)
        .sort(),
    ).toEqual(['auditadmin', 'viewer'])
  })

  it('the system admin cannot grant roles, and nobody changes their own roles', async () => {
    const admin = await t.as('sysadmin')
    const u = await user('norole')
    expect(
      (await admin.put(`/api/users/${u.id}/roles`, { roleIds: [], version: u.version })).statusCode,
    ).toBe(403)
    const sec = await t.as('secadmin')
    const self = await user('secadmin')
    expect(
      (
        await sec.put(`/api/users/${self.id}/roles`, {
          roleIds: [await roleId('sysadmin')],
          version: self.version,
        })
      ).statusCode,
    ).toBe(403)
  })

  it('the audit admin reads logs and nothing else', async () => {
    const auditor = await t.as('auditadmin')
    expect((await auditor.get('/api/audit-logs')).statusCode).toBe(200)
    expect((await auditor.get('/api/departments/tree')).statusCode).toBe(403)
    expect((await auditor.get('/api/roles')).statusCode).toBe(403)
  })

  it('exports the user list as shown', async () => {
    const admin = await t.as('sysadmin')
    const res = await admin.get(`/api/users/export.xlsx?roleId=${await roleId('supervisor')}`)
    expect(res.statusCode).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as any)
    const ws = wb.worksheets[0]
    expect(ws.rowCount).toBe(3)
    expect([ws.getRow(2).getCell(1).value, ws.getRow(3).getCell(1).value].sort()).toEqual(['a_sup', 'b_sup'])
  })
})
