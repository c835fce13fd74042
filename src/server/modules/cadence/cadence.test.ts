import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import type { Services } from '../../services.ts'
import { reportsFixture } from '../reports/reports-fixture.ts'

// The /api/cadence endpoints: 401 / 400 / 403 / 404 and what each answers. The clock stands on
// Thursday 2026-12-03 10:00 Beijing: week 2026-W49 (11-30 … 12-06) is open, due Friday 17:00.

let t: TestApp
let fx: ReturnType<typeof reportsFixture>
let w49: number // 甲's open week
let yiWeek: number // 乙's open week
let q4: number
const ids: Record<string, number> = {}

async function periodId(zone: string, cadence: string, key: string) {
  const z = await fx.dept(zone)
  return (
    await t.database.db
      .selectFrom('cadence_periods')
      .select('id')
      .where('zone_id', '=', z.id)
      .where('cadence', '=', cadence as 'weekly')
      .where('period_key', '=', key)
      .executeTakeFirstOrThrow()
  ).id
}

beforeAll(async () => {
  t = await createTestApp()
  fx = reportsFixture(t.database.db)
  const plan = { 2026: '800' }
  ids.a = await fx.project({
    zone: '甲开发区',
    code: 'JA-A',
    name: '肉牛屠宰加工项目',
    lead: '甲生态环境分局',
    heads: ['a_officer'],
    plan,
  })
  ids.b = await fx.project({
    zone: '甲开发区',
    code: 'JA-B',
    name: '污水处理厂提标改造',
    lead: '甲督查室',
    leaders: ['a_leader'],
  })
  ids.c = await fx.project({
    zone: '甲开发区',
    code: 'JA-C',
    name: '氢能产业园',
    lead: '甲生态环境分局',
    stewards: ['a_handler'],
  })
  ids.y = await fx.project({
    zone: '乙开发区',
    code: 'YI-A',
    name: '乙区光伏项目',
    lead: '乙生态环境分局',
    heads: ['b_handler'],
  })
  // the cycle runs before office hours: periods and obligations, but no reminders yet
  t.clock.set('2026-12-03T07:00:00+08:00')
  const services = (t.app as unknown as { services: Services }).services
  await services.cadence.runCycle(t.clock.now())
  t.clock.set('2026-12-03T10:00:00+08:00')
  const a = await t.as('a_officer')
  expect((await a.put('/api/reports/weekly', { projectId: ids.a, done: '主体结构封顶' })).statusCode).toBe(
    200,
  )
  w49 = await periodId('甲开发区', 'weekly', '2026-W49')
  yiWeek = await periodId('乙开发区', 'weekly', '2026-W49')
  q4 = await periodId('甲开发区', 'quarterly', '2026-Q4')
})
afterAll(() => t.close())

describe('GET /api/cadence/periods', () => {
  it('401 / 403 / 400 naming the field', async () => {
    expect((await t.agent().get('/api/cadence/periods')).statusCode).toBe(401)
    expect((await (await t.as('a_ent')).get('/api/cadence/periods')).statusCode).toBe(403)
    const bad = await (await t.as('a_sup')).get('/api/cadence/periods?cadence=daily')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad)).toMatchObject({ field: 'cadence' })
    expect(errorOf(bad).message).toContain('报送周期')
  })

  it('lists the zone’s periods with counts, filtered and paginated; another zone sees its own', async () => {
    const a = await t.as('a_leader')
    const res = (await a.get('/api/cadence/periods?cadence=weekly&pageSize=1')).json()
    expect(res.total).toBe(2) // W48 (closed) and W49
    expect(res.items[0]).toMatchObject({
      periodKey: '2026-W49',
      label: '2026年第49周（11月30日—12月6日）',
      dueAt: '2026-12-04T09:00:00.000Z',
      moved: false,
      pastDue: false,
      closedAt: null,
      counts: { owed: 3, submitted: 1, late: 0, missing: 0, pending: 2 },
    })
    const all = (await a.get('/api/cadence/periods?year=2026&pageSize=50')).json()
    expect(new Set(all.items.map((p: { zoneName: string }) => p.zoneName))).toEqual(new Set(['甲开发区']))
    expect(all.items.map((p: { cadence: string }) => p.cadence).sort()).toEqual([
      'monthly',
      'monthly',
      'quarterly',
      'quarterly',
      'weekly',
      'weekly',
    ])
    const yi = (await (await t.as('b_sup')).get('/api/cadence/periods?pageSize=50')).json()
    expect(yi.items.every((p: { zoneName: string }) => p.zoneName === '乙开发区')).toBe(true)
    const x = await a.get('/api/cadence/periods/export.xlsx?cadence=weekly')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets[0].getRow(2).getCell(3).value).toBe('2026年第49周（11月30日—12月6日）')
  })
})

describe('GET /api/cadence/periods/:id and its obligations', () => {
  it('401 / 400 / 404 out of scope', async () => {
    expect((await t.agent().get(`/api/cadence/periods/${w49}`)).statusCode).toBe(401)
    const a = await t.as('a_sup')
    expect((await a.get('/api/cadence/periods/abc')).statusCode).toBe(400)
    expect((await a.get(`/api/cadence/periods/${yiWeek}`)).statusCode).toBe(404)
    expect((await a.get(`/api/cadence/periods/${yiWeek}/obligations`)).statusCode).toBe(404)
    const bad = await a.get(`/api/cadence/periods/${w49}/obligations?status=lost`)
    expect(errorOf(bad)).toMatchObject({ field: 'status' })
    const q = await a.get(`/api/cadence/periods/${q4}/obligations`)
    expect(q.statusCode).toBe(400)
    expect(errorOf(q).message).toContain('季度汇总')
  })

  it('shows the period with its neighbours, and who owes, filtered and sorted', async () => {
    const a = await t.as('a_handler')
    const p = (await a.get(`/api/cadence/periods/${w49}`)).json()
    expect(p).toMatchObject({ periodKey: '2026-W49', nextId: null, rollup: null })
    const prev = (await a.get(`/api/cadence/periods/${p.previousId}`)).json()
    expect(prev).toMatchObject({ periodKey: '2026-W48', rollup: { owed: 3, missing: 3 } })
    const list = (await a.get(`/api/cadence/periods/${w49}/obligations?sort=-code`)).json()
    expect(
      list.items.map((o: { code: string; status: string; ownerName: string }) => [
        o.code,
        o.status,
        o.ownerName,
      ]),
    ).toEqual([
      ['JA-C', 'pending', '甲经办'],
      ['JA-B', 'pending', '甲领导'],
      ['JA-A', 'submitted', '甲专员'],
    ])
    const eco = (await fx.dept('甲生态环境分局')).id
    const open = (
      await a.get(`/api/cadence/periods/${w49}/obligations?status=pending&departmentId=${eco}`)
    ).json()
    expect(open.items.map((o: { code: string }) => o.code)).toEqual(['JA-C'])
    expect(open.total).toBe(1)
    const page2 = (await a.get(`/api/cadence/periods/${w49}/obligations?pageSize=2&page=2`)).json()
    expect(page2).toMatchObject({ total: 3, page: 2 })
    expect(page2.items).toHaveLength(1)
  })

  it('exports the 未报送 list by default', async () => {
    const res = await (await t.as('a_sup')).get(`/api/cadence/periods/${w49}/obligations/export.xlsx`)
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('未报送名单')
    expect(ws.rowCount).toBe(3)
    expect([ws.getRow(2).getCell(2).value, ws.getRow(3).getCell(2).value]).toEqual(['JA-B', 'JA-C'])
  })
})

describe('POST /api/cadence/periods/:id/remind (催报)', () => {
  it('401 / 403 / 404 / 400', async () => {
    expect((await t.agent().post(`/api/cadence/periods/${w49}/remind`, {})).statusCode).toBe(401)
    expect((await (await t.as('a_officer')).post(`/api/cadence/periods/${w49}/remind`, {})).statusCode).toBe(
      403,
    )
    const a = await t.as('a_sup')
    expect((await a.post(`/api/cadence/periods/${yiWeek}/remind`, {})).statusCode).toBe(404)
    expect((await a.post(`/api/cadence/periods/${w49}/remind`, { projectId: ids.y })).statusCode).toBe(404)
    const done = await a.post(`/api/cadence/periods/${w49}/remind`, { projectId: ids.a })
    expect(errorOf(done)).toMatchObject({ field: 'projectId', message: '该项目本期已报送，无需催报' })
    expect(errorOf(await a.post(`/api/cadence/periods/${w49}/remind`, { projectId: 0 }))).toMatchObject({
      field: 'projectId',
    })
  })

  it('reminds one project, then all not yet reported, on their timelines and in the audit log', async () => {
    const a = await t.as('a_sup')
    const one = await a.post(`/api/cadence/periods/${w49}/remind`, { projectId: ids.b })
    expect(one.json()).toEqual({ reminded: 1 })
    const all = await a.post(`/api/cadence/periods/${w49}/remind`, {})
    expect(all.json()).toEqual({ reminded: 2 })
    const ev = await t.database.db
      .selectFrom('events')
      .select(['subject_id', 'summary', 'actor_name'])
      .where('kind', '=', 'cadence.remind')
      .orderBy('id')
      .execute()
    expect(ev.map((e) => e.subject_id)).toEqual([ids.b, ids.b, ids.c])
    expect(ev[0]).toMatchObject({
      actor_name: '甲督查',
      summary: expect.stringContaining('截止 2026-12-04 17:00'),
    })
    const rows = (await a.get(`/api/cadence/periods/${w49}/obligations?status=pending`)).json()
    expect(
      rows.items.every((o: { remindedAt: string | null }) => o.remindedAt === '2026-12-03T02:00:00.000Z'),
    ).toBe(true)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'cadence.remind')
      .execute()
    expect(audit.map((x) => x.summary)).toEqual([
      '催报2026年第49周（11月30日—12月6日）：JA-B',
      '催报2026年第49周（11月30日—12月6日）：JA-B、JA-C',
    ])
  })
})

describe('GET /api/cadence/mine (我的待报)', () => {
  it('401, and what the signed-in owner has not reported', async () => {
    expect((await t.agent().get('/api/cadence/mine')).statusCode).toBe(401)
    const leader = (await (await t.as('a_leader')).get('/api/cadence/mine')).json()
    expect(
      leader.items.map((i: { cadence: string; code: string; weekStart: string }) => [
        i.cadence,
        i.code,
        i.weekStart,
      ]),
    ).toEqual([
      ['weekly', 'JA-B', '2026-11-30'],
      ['weekly', 'JA-B', '2026-11-23'],
    ])
    // a_officer reported this week; November's investment report is still to come
    const officer = (await (await t.as('a_officer')).get('/api/cadence/mine')).json()
    expect(
      officer.items.map((i: { cadence: string; periodKey: string; status: string }) => [
        i.cadence,
        i.periodKey,
        i.status,
      ]),
    ).toEqual([
      ['weekly', '2026-W48', 'missing'],
      ['monthly', '2026-11', 'pending'],
    ])
    expect((await (await t.as('b_sup')).get('/api/cadence/mine')).json().items).toEqual([])
  })
})

describe('GET / PUT /api/cadence/settings', () => {
  it('401 / 403 / 400 naming the field in Chinese', async () => {
    expect((await t.agent().get('/api/cadence/settings')).statusCode).toBe(401)
    expect((await (await t.as('a_ent')).get('/api/cadence/settings')).statusCode).toBe(403)
    const body = {
      monthlyDueDay: 5,
      weeklyDueWeekday: 5,
      weeklyDueHour: 17,
      quarterlyDueMode: 'workingDays',
      quarterlyDueValue: 8,
    }
    expect((await (await t.as('a_officer')).put('/api/cadence/settings', body)).statusCode).toBe(403)
    const a = await t.as('a_sup')
    const mode = await a.put('/api/cadence/settings', { ...body, quarterlyDueMode: 'weeks' })
    expect(errorOf(mode)).toMatchObject({ field: 'quarterlyDueMode' })
    const day = await a.put('/api/cadence/settings', {
      ...body,
      quarterlyDueMode: 'dayOfMonth',
      quarterlyDueValue: 29,
    })
    expect(day.statusCode).toBe(400)
    expect(errorOf(day)).toMatchObject({
      field: 'quarterlyDueValue',
      message: '季度截止日按“次月几日”计时应为 1–28 日',
    })
  })

  it('a new quarterly rule moves the open quarter’s due date at once', async () => {
    const a = await t.as('a_sup')
    expect((await a.get(`/api/cadence/periods/${q4}`)).json()).toMatchObject({
      dueAt: '2027-01-11T15:59:59.999Z',
      moved: true,
    })
    const body = {
      monthlyDueDay: 5,
      weeklyDueWeekday: 5,
      weeklyDueHour: 17,
      quarterlyDueMode: 'workingDays',
      quarterlyDueValue: 8,
    }
    expect((await a.put('/api/cadence/settings', body)).json()).toEqual(body)
    expect((await (await t.as('a_handler')).get('/api/cadence/settings')).json()).toEqual(body)
    // 8 working days after 2026-12-31 (2027 has no arrangement loaded: weekdays only) → 01-12
    expect((await a.get(`/api/cadence/periods/${q4}`)).json()).toMatchObject({
      dueAt: '2027-01-12T15:59:59.999Z',
    })
  })
})
