import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deptId } from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
let sup: Agent

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
})
afterAll(() => t.close())

const zoneId = (name: string) => deptId(t, name)

describe('negative list', () => {
  it('401 without a session, 403 for roles that cannot configure, 400 naming the field', async () => {
    expect((await t.agent().get('/api/negative-list')).statusCode).toBe(401)
    expect((await (await t.as('norole')).get('/api/negative-list')).statusCode).toBe(403)
    const officer = await t.as('a_officer')
    expect((await officer.get('/api/negative-list')).statusCode).toBe(200)
    expect(
      (await officer.post('/api/negative-list', { industryCode: '25', kind: 'restricted' })).statusCode,
    ).toBe(403)
    let res = await sup.post('/api/negative-list', { industryCode: '7', kind: 'restricted' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'industryCode', message: '行业格式不正确' })
    res = await sup.post('/api/negative-list', { industryCode: '25', kind: 'maybe' })
    expect(errorOf(res)).toMatchObject({ field: 'kind' })
    res = await sup.post('/api/negative-list', { industryCode: '98', kind: 'restricted' })
    expect(errorOf(res)).toMatchObject({ field: 'industryCode' })
  })

  it('adds divisions and whole sections, refuses duplicates, edits with versions, removes; all audited', async () => {
    let res = await sup.post('/api/negative-list', {
      industryCode: '25',
      kind: 'restricted',
      reason: '高耗能',
    })
    expect(res.statusCode, res.body).toBe(201)
    const coke = res.json()
    expect(coke).toMatchObject({
      industryCode: '25',
      industryName: '石油、煤炭及其他燃料加工业',
      industryLevel: 2,
      sectionCode: 'C',
      sectionName: '制造业',
      kind: 'restricted',
      reason: '高耗能',
      zoneName: '甲开发区',
    })
    res = await sup.post('/api/negative-list', {
      industryCode: 'B',
      kind: 'forbidden',
      reason: '生态保护红线',
    })
    expect(res.statusCode).toBe(201)
    const mining = res.json()
    res = await sup.post('/api/negative-list', { industryCode: '25', kind: 'forbidden' })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res)).toMatchObject({ code: 'DUPLICATE', field: 'industryCode' })

    const list = (await sup.get('/api/negative-list')).json()
    expect(list.items.map((x: { industryCode: string }) => x.industryCode)).toEqual(['25', 'B'])
    expect((await sup.get('/api/negative-list?kind=forbidden')).json().total).toBe(1)
    expect((await sup.get(`/api/negative-list?keyword=${encodeURIComponent('煤炭')}`)).json().total).toBe(1)

    res = await sup.patch(`/api/negative-list/${coke.id}`, { kind: 'forbidden', version: coke.version })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'forbidden', reason: '高耗能', version: 2 })
    res = await sup.patch(`/api/negative-list/${coke.id}`, { reason: '别人也在改', version: coke.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).code).toBe('VERSION_CONFLICT')
    expect((await sup.delete(`/api/negative-list/${mining.id}?version=9`)).statusCode).toBe(409)
    expect((await sup.delete(`/api/negative-list/${mining.id}?version=1`)).statusCode).toBe(200)
    expect((await sup.get(`/api/negative-list/${mining.id}`)).statusCode).toBe(404)

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'negative_list')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'negative_list.create',
      'negative_list.create',
      'negative_list.update',
      'negative_list.delete',
    ])
  })

  it("keeps zones apart: another zone neither sees nor changes this zone's list", async () => {
    const b = await t.as('b_sup')
    expect((await b.get('/api/negative-list')).json().total).toBe(0)
    const item = (await sup.get('/api/negative-list')).json().items[0]
    expect((await b.get(`/api/negative-list/${item.id}`)).statusCode).toBe(404)
    expect(
      (await b.patch(`/api/negative-list/${item.id}`, { kind: 'restricted', version: item.version }))
        .statusCode,
    ).toBe(404)
    expect((await b.delete(`/api/negative-list/${item.id}?version=${item.version}`)).statusCode).toBe(404)
    // a user of the zone without a zone-wide scope (handler) still reads the zone's policy
    expect((await (await t.as('a_handler')).get('/api/negative-list')).json().total).toBe(1)
    // the same industry may be listed by another zone
    expect((await b.post('/api/negative-list', { industryCode: '25', kind: 'restricted' })).statusCode).toBe(
      201,
    )
  })

  it('check(): a division matches itself or its listed section; the division entry wins', async () => {
    const svc = t.app.services.admission
    const a = await zoneId('甲开发区')
    await sup.post('/api/negative-list', { industryCode: 'D', kind: 'restricted', reason: '能耗双控' })
    expect(await svc.check(t.database.db, a, '44')).toMatchObject({
      kind: 'restricted',
      industryCode: 'D',
      industryName: '电力、热力、燃气及水生产和供应业',
    })
    expect(await svc.check(t.database.db, a, '25')).toMatchObject({ kind: 'forbidden', industryCode: '25' })
    expect(await svc.check(t.database.db, a, '13')).toBeNull()
    expect(await svc.check(t.database.db, a, null)).toBeNull()
    expect(await svc.check(t.database.db, await zoneId('乙开发区'), '44')).toBeNull()
    const res = await sup.get('/api/negative-list/check?industryCode=45')
    expect(res.json()).toEqual({
      admission: {
        kind: 'restricted',
        reason: '能耗双控',
        industryCode: 'D',
        industryName: '电力、热力、燃气及水生产和供应业',
      },
    })
    expect((await sup.get('/api/negative-list/check?industryCode=13')).json()).toEqual({ admission: null })
  })

  it('exports what the list shows', async () => {
    const res = await sup.get('/api/negative-list/export.xlsx?kind=restricted')
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '开发区',
      '行业代码',
      '行业名称',
      '所属门类',
      '类别',
      '原因',
      '更新时间',
    ])
    expect(ws.rowCount - 1).toBe((await sup.get('/api/negative-list?kind=restricted')).json().total)
    expect(ws.getRow(2).getCell(5).value).toBe('限制类')
  })
})
