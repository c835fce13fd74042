import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

async function deptId(name: string) {
  const row = await t.database.db
    .selectFrom('departments')
    .select(['id', 'version'])
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row
}

describe('departments', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.agent().get('/api/departments/tree')).statusCode).toBe(401)
    const ent = await t.as('a_ent')
    expect((await ent.get('/api/departments/tree')).statusCode).toBe(403)
    const leader = await t.as('a_leader')
    const res = await leader.post('/api/departments', {
      parentId: (await deptId('甲开发区')).id,
      kind: 'department',
      name: '新部门',
    })
    expect(res.statusCode).toBe(403)
  })

  it('shows each user only the departments in their data scope', async () => {
    const names = async (u: string) =>
      ((await (await t.as(u)).get('/api/departments/tree')).json().items as Array<{ name: string }>).map(
        (d) => d.name,
      )
    const admin = await names('sysadmin')
    expect(admin).toEqual(expect.arrayContaining(['测试市', '甲开发区', '乙开发区', '乙督查室']))
    const zoneA = await names('a_sup')
    expect(zoneA).toContain('甲固废科')
    expect(zoneA).not.toContain('乙督查室')
    expect(zoneA).not.toContain('测试市')
    // handler: own department and below
    expect((await names('a_handler')).sort()).toEqual(['甲固废科', '甲生态环境分局'].sort())
  })

  it('creates a department with a materialised path and its zone', async () => {
    const admin = await t.as('sysadmin')
    const zone = await deptId('甲开发区')
    const res = await admin.post('/api/departments', {
      parentId: zone.id,
      kind: 'department',
      name: '甲行政审批局',
      code: 'A-APPROVAL',
    })
    expect(res.statusCode).toBe(201)
    const d = res.json()
    expect(d.path).toBe(`/${(await deptId('测试市')).id}/${zone.id}/${d.id}/`)
    expect(d.zoneId).toBe(zone.id)
    expect(d.depth).toBe(3)
  })

  it('rejects bad input naming the field', async () => {
    const admin = await t.as('sysadmin')
    const zone = await deptId('甲开发区')
    const empty = await admin.post('/api/departments', { parentId: zone.id, kind: 'department', name: '' })
    expect(empty.statusCode).toBe(400)
    expect(errorOf(empty)).toMatchObject({ code: 'VALIDATION', field: 'name' })
    const badKind = await admin.post('/api/departments', { parentId: zone.id, kind: 'planet', name: 'x' })
    expect(errorOf(badKind).field).toBe('kind')
    const wrongParent = await admin.post('/api/departments', {
      parentId: zone.id,
      kind: 'zone',
      name: '嵌套开发区',
    })
    expect(errorOf(wrongParent)).toMatchObject({ field: 'parentId' })
    expect(errorOf(wrongParent).message).toContain('开发区/园区的上级只能是')
    const dup = await admin.post('/api/departments', {
      parentId: zone.id,
      kind: 'department',
      name: '甲督查室',
    })
    expect(dup.statusCode).toBe(409)
    expect(errorOf(dup)).toMatchObject({ code: 'DUPLICATE', field: 'name' })
  })

  it('renames keeping the name history, and refuses a stale version with 409', async () => {
    const admin = await t.as('sysadmin')
    const d = await deptId('甲生态环境分局')
    const res = await admin.patch(`/api/departments/${d.id}`, { name: '甲生态环境局', version: d.version })
    expect(res.statusCode).toBe(200)
    const stale = await admin.patch(`/api/departments/${d.id}`, { name: '又一个名字', version: d.version })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    const detail = (await admin.get(`/api/departments/${d.id}`)).json()
    expect(detail.name).toBe('甲生态环境局')
    expect(detail.nameHistory[0]).toMatchObject({
      oldName: '甲生态环境分局',
      newName: '甲生态环境局',
      changedBy: '系统管理员',
    })
    expect(detail.pathNames).toEqual(['测试市', '甲开发区', '甲生态环境局'])
  })

  it('moves a subtree within its zone, recomputing paths; not across zones or under itself', async () => {
    const admin = await t.as('sysadmin')
    const waste = await deptId('甲固废科')
    const sup = await deptId('甲督查室')
    const moved = await admin.post(`/api/departments/${waste.id}/move`, {
      parentId: sup.id,
      version: waste.version,
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().path).toMatch(new RegExp(`/${sup.id}/${waste.id}/$`))
    // users follow the department: the handler in 固废科 is now visible under 督查室's subtree
    const crossZone = await admin.post(`/api/departments/${sup.id}/move`, {
      parentId: (await deptId('乙开发区')).id,
      version: sup.version,
    })
    expect(crossZone.statusCode).toBe(400)
    expect(errorOf(crossZone).field).toBe('parentId')
    const sup2 = await deptId('甲督查室')
    const loop = await admin.post(`/api/departments/${sup2.id}/move`, {
      parentId: (await deptId('甲固废科')).id,
      version: sup2.version,
    })
    expect(loop.statusCode).toBe(400)
  })

  it('will not disable a department that still has enabled users', async () => {
    const admin = await t.as('sysadmin')
    const d = await deptId('乙生态环境分局')
    const res = await admin.post(`/api/departments/${d.id}/disable`, { version: d.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toContain('名启用的用户')
    const created = (
      await admin.post('/api/departments', {
        parentId: (await deptId('乙开发区')).id,
        kind: 'department',
        name: '乙临时办',
      })
    ).json()
    const off = await admin.post(`/api/departments/${created.id}/disable`, { version: created.version })
    expect(off.statusCode).toBe(200)
    expect(off.json().enabled).toBe(false)
  })

  it("hides another zone's department as 404, not 403", async () => {
    const sup = await t.as('a_sup')
    const other = await deptId('乙督查室')
    expect((await sup.get(`/api/departments/${other.id}`)).statusCode).toBe(404)
  })

  it('lists with pagination, filter and sort, and exports the same rows to Excel', async () => {
    const admin = await t.as('sysadmin')
    const page = (await admin.get('/api/departments?kind=zone&sort=-id&pageSize=1')).json()
    expect(page.total).toBe(2)
    expect(page.items).toHaveLength(1)
    expect(page.items[0].name).toBe('乙开发区')
    const xlsx = await admin.get('/api/departments/export.xlsx?kind=zone')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as any)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(2).value).toBe('名称')
    expect(ws.rowCount).toBe(3)
  })

  it('sets the department head (督办 escalates to them): a staff user of the same zone', async () => {
    const admin = await t.as('sysadmin')
    const eco = await deptId('甲生态环境局') // renamed above
    const user = async (username: string) =>
      (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id
    const otherZone = await admin.patch(`/api/departments/${eco.id}`, {
      headUserId: await user('b_handler'),
      version: eco.version,
    })
    expect(otherZone.statusCode).toBe(400)
    expect(errorOf(otherZone).field).toBe('headUserId')
    expect(
      errorOf(await admin.patch(`/api/departments/${eco.id}`, { headUserId: 999999, version: eco.version }))
        .field,
    ).toBe('headUserId')
    const res = await admin.patch(`/api/departments/${eco.id}`, {
      headUserId: await user('a_handler'),
      version: eco.version,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ headUserId: await user('a_handler'), headUserName: '甲经办' })
    const detail = (await admin.get(`/api/departments/${eco.id}`)).json()
    expect(detail.headUserName).toBe('甲经办')
    const cleared = await admin.patch(`/api/departments/${eco.id}`, {
      headUserId: null,
      version: detail.version,
    })
    expect(cleared.json()).toMatchObject({ headUserId: null, headUserName: null })
  })

  it('writes every change to the audit trail', async () => {
    const auditor = await t.as('auditadmin')
    const rows = (await auditor.get('/api/audit-logs?action=department.')).json().items as Array<{
      action: string
    }>
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'department.create',
        'department.rename',
        'department.move',
        'department.disable',
      ]),
    )
  })
})
