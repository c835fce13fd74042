import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { jsonb } from '../../db/sql-helpers.ts'
import { reportsFixture } from './reports-fixture.ts'

// Monthly investment, annual plans, weekly progress and the reporting deadlines, through the API.
// The test clock starts on Tuesday 2026-11-24 09:00 Beijing; this week starts Monday 2026-11-23.

let t: TestApp
let fx: ReturnType<typeof reportsFixture>
let eco: number // 甲 project, lead unit 甲生态环境分局
let sup: number // 甲 project, lead unit 甲督查室

beforeAll(async () => {
  t = await createTestApp()
  fx = reportsFixture(t.database.db)
  eco = await fx.project({
    zone: '甲开发区',
    code: 'JA-001',
    name: '金旗牛业肉牛屠宰加工项目',
    lead: '甲生态环境分局',
    plan: { 2026: '1200' },
    heads: ['a_officer'],
    stewards: ['a_handler'],
    leaders: ['a_leader'],
  })
  sup = await fx.project({ zone: '甲开发区', code: 'JA-002', name: '园区污水处理厂', lead: '甲督查室' })
  await fx.project({ zone: '乙开发区', code: 'YI-001', name: '乙区光伏项目', lead: '乙生态环境分局' })
})
afterAll(() => t.close())

async function auditRows(action: string) {
  return t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()
}
async function eventRows(projectId: number, kind: string) {
  return t.database.db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', 'project')
    .where('subject_id', '=', projectId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute()
}

describe('reporting deadlines (settings)', () => {
  it('401 without a session, 403 without the permission, defaults for readers', async () => {
    expect((await t.agent().get('/api/reports/settings')).statusCode).toBe(401)
    expect((await (await t.as('norole')).get('/api/reports/settings')).statusCode).toBe(403)
    const res = await (await t.as('a_handler')).get('/api/reports/settings')
    expect(res.json()).toEqual({
      monthlyDueDay: 5,
      weeklyDueWeekday: 5,
      weeklyDueHour: 17,
      quarterlyDueMode: 'dayOfMonth',
      quarterlyDueValue: 10,
    })
  })

  it('only portfolio:configure may change them; bad values name the field', async () => {
    const body = { monthlyDueDay: 10, weeklyDueWeekday: 1, weeklyDueHour: 12 }
    expect((await (await t.as('a_officer')).put('/api/reports/settings', body)).statusCode).toBe(403)
    const a = await t.as('a_sup')
    const bad = await a.put('/api/reports/settings', { ...body, monthlyDueDay: 30 })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad)).toMatchObject({ field: 'monthlyDueDay' })
    expect(errorOf(bad).message).toContain('月报截止日')
    const ok = await a.put('/api/reports/settings', body)
    const saved = { ...body, quarterlyDueMode: 'dayOfMonth', quarterlyDueValue: 10 }
    expect(ok.json()).toEqual(saved)
    expect((await a.get('/api/reports/settings')).json()).toEqual(saved)
    expect(await auditRows('settings.reports.update')).toHaveLength(1)
    // back to the defaults for the rest of the file
    await a.put('/api/reports/settings', { monthlyDueDay: 5, weeklyDueWeekday: 5, weeklyDueHour: 17 })
  })
})

describe('annual plans (年度计划投资)', () => {
  it('401 / 403 / 404 for another zone', async () => {
    expect((await t.agent().get(`/api/reports/plans?projectId=${eco}`)).statusCode).toBe(401)
    expect((await (await t.as('norole')).get(`/api/reports/plans?projectId=${eco}`)).statusCode).toBe(403)
    const b = await t.as('b_sup')
    expect((await b.get(`/api/reports/plans?projectId=${eco}`)).statusCode).toBe(404)
    expect((await b.put('/api/reports/plans', { projectId: eco, year: 2026, planned: '1' })).statusCode).toBe(
      404,
    )
    // a handler reports but does not manage projects
    const h = await t.as('a_handler')
    expect((await h.put('/api/reports/plans', { projectId: eco, year: 2026, planned: '1' })).statusCode).toBe(
      403,
    )
  })

  it('400 names the field', async () => {
    const a = await t.as('a_sup')
    const res = await a.put('/api/reports/plans', { projectId: eco, year: 2026, planned: '12亿' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('planned')
    expect(errorOf(res).message).toContain('年度计划投资')
    const noYear = await a.put('/api/reports/plans', { projectId: eco, planned: '100' })
    expect(errorOf(noYear)).toMatchObject({ field: 'year', message: '缺少必填项：年度' })
  })

  it('sets and adjusts a plan, audited and on the timeline', async () => {
    const a = await t.as('a_officer')
    const res = await a.put('/api/reports/plans', { projectId: sup, year: 2026, planned: '800.5' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ projectId: sup, items: [{ year: 2026, planned: '800.50' }] })
    await a.put('/api/reports/plans', { projectId: sup, year: 2026, planned: 900 })
    await a.put('/api/reports/plans', { projectId: sup, year: 2027, planned: '1000' })
    // the same value again changes nothing
    await a.put('/api/reports/plans', { projectId: sup, year: 2027, planned: '1000.00' })
    const list = await (await t.as('a_handler')).get(`/api/reports/plans?projectId=${sup}`)
    // a_handler is not a responsible unit of this project
    expect(list.statusCode).toBe(404)
    const mine = (await a.get(`/api/reports/plans?projectId=${sup}`)).json()
    expect(mine.items).toEqual([
      { year: 2026, planned: '900.00' },
      { year: 2027, planned: '1000.00' },
    ])
    const ev = await eventRows(sup, 'report.plan')
    expect(ev.map((e) => e.summary)).toEqual([
      '设定 2026 年度计划投资 800.50 万元',
      '2026 年度计划投资由 800.50 万元 调整为 900.00 万元',
      '设定 2027 年度计划投资 1,000.00 万元',
    ])
    expect((await auditRows('report.plan.set')).length).toBe(3)
  })
})

describe('monthly investment (月报)', () => {
  it('401 / 403 for roles that do not report / 404 for another zone', async () => {
    const body = { projectId: eco, year: 2026, month: 10, completed: '100' }
    expect((await t.agent().put('/api/reports/monthly', body)).statusCode).toBe(401)
    expect((await (await t.as('a_leader')).put('/api/reports/monthly', body)).statusCode).toBe(403)
    expect((await (await t.as('a_ent')).put('/api/reports/monthly', body)).statusCode).toBe(403)
    expect((await (await t.as('b_sup')).put('/api/reports/monthly', body)).statusCode).toBe(404)
    // a handler only reports for projects its department is responsible for
    expect(
      (await (await t.as('a_handler')).put('/api/reports/monthly', { ...body, projectId: sup })).statusCode,
    ).toBe(404)
    expect((await t.agent().get('/api/reports/monthly?year=2026&month=10')).statusCode).toBe(401)
    expect((await (await t.as('norole')).get('/api/reports/monthly?year=2026&month=10')).statusCode).toBe(403)
  })

  it('400: bad amount, bad month, a month in the future — naming the field', async () => {
    const a = await t.as('a_handler')
    const bad = await a.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '-5',
    })
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION', field: 'completed' })
    expect(errorOf(bad).message).toContain('本月完成投资')
    const m13 = await a.put('/api/reports/monthly', { projectId: eco, year: 2026, month: 13, completed: '5' })
    expect(errorOf(m13)).toMatchObject({ field: 'month', message: '月份不能大于 12' })
    const future = await a.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 12,
      completed: '5',
    })
    expect(future.statusCode).toBe(400)
    expect(errorOf(future)).toMatchObject({
      field: 'month',
      message: '不能填报未来月份（2026年12月）的投资完成情况',
    })
    const noYear = await a.get('/api/reports/monthly?month=10')
    expect(errorOf(noYear).field).toBe('year')
  })

  it('one report per project per month: a second submission needs the version; stale → 409', async () => {
    const h = await t.as('a_handler')
    const first = await h.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '98.5',
      note: '设备基础浇筑',
    })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '98.50',
      note: '设备基础浇筑',
      late: true, // October was due on 5 November
      submittedBy: '甲经办',
      version: 1,
    })
    const again = await h.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '99',
    })
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).message).toContain('已填报')
    const fixed = await h.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '120',
      version: 1,
    })
    expect(fixed.json()).toMatchObject({ completed: '120.00', version: 2, id: first.json().id })
    const stale = await h.put('/api/reports/monthly', {
      projectId: eco,
      year: 2026,
      month: 10,
      completed: '130',
      version: 1,
    })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    const ev = await eventRows(eco, 'report.monthly')
    expect(ev.map((e) => e.summary)).toEqual([
      '填报 2026年10月 完成投资 98.50 万元（逾期填报）',
      '更正 2026年10月 完成投资：98.50 万元 → 120.00 万元',
    ])
    expect(await auditRows('report.monthly.submit')).toHaveLength(1)
    expect(await auditRows('report.monthly.update')).toHaveLength(1)
  })

  it('lists every visible key project for the month, with 未报 and days late once due', async () => {
    const a = await t.as('a_sup')
    // Nov 24: October was due on Nov 5.
    const res = await a.get('/api/reports/monthly?year=2026&month=10')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.dueDate).toBe('2026-11-05')
    expect(body.items.map((r: { code: string }) => r.code)).toEqual(['JA-001', 'JA-002'])
    const ecoRow = body.items[0]
    expect(ecoRow).toMatchObject({
      annualPlan: '1200.00',
      completedThisYear: '120.00',
      status: 'late',
      daysLate: 19,
      leadUnitName: '甲生态环境分局',
      zoneName: '甲开发区',
    })
    expect(ecoRow.report.completed).toBe('120.00')
    expect(ecoRow.scheduleRate).toBeCloseTo(10 / 12, 10)
    expect(ecoRow.gapPoints).toBe(-73.33)
    // JA-002 has a 2026 plan (900) and no October report: missing, 19 days after Nov 5.
    expect(body.items[1]).toMatchObject({ status: 'missing', daysLate: 19, report: null })
    expect(body.counts).toMatchObject({ reported: 0, late: 1, missing: 1 })
    const missing = (await a.get('/api/reports/monthly?year=2026&month=10&status=missing')).json()
    expect(missing.items.map((r: { code: string }) => r.code)).toEqual(['JA-002'])
    const sorted = (await a.get('/api/reports/monthly?year=2026&month=10&sort=-completedThisYear')).json()
    expect(sorted.items[0].code).toBe('JA-001')
    // the handler sees only the project its department is responsible for
    const h = (await (await t.as('a_handler')).get('/api/reports/monthly?year=2026&month=10')).json()
    expect(h.items.map((r: { code: string }) => r.code)).toEqual(['JA-001'])
    // another zone sees its own
    const b = (await (await t.as('b_sup')).get('/api/reports/monthly?year=2026&month=10')).json()
    expect(b.items.map((r: { code: string }) => r.code)).toEqual(['YI-001'])
    expect(b.items[0].status).toBe('notRequired')
  })

  it('exports exactly what the list shows', async () => {
    const a = await t.as('a_sup')
    const res = await a.get('/api/reports/monthly/export.xlsx?year=2026&month=10&sort=-code')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(1).value).toBe('项目编号')
    expect(ws.getRow(2).getCell(1).value).toBe('JA-002')
    expect(ws.getRow(2).getCell(14).value).toBe('未报')
    expect(ws.getRow(3).getCell(2).value).toBe('金旗牛业肉牛屠宰加工项目')
    expect(ws.getRow(3).getCell(9).value).toBe(120)
    expect(ws.rowCount).toBe(3)
  })

  it('an enterprise user sees only its own enterprise’s projects', async () => {
    const db = t.database.db
    const zone = await fx.dept('甲开发区')
    const { id: ent } = await db
      .insertInto('enterprises')
      .values({
        zone_id: zone.id,
        name: '金旗牛业',
        contacts: jsonb([]),
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.updateTable('projects').set({ enterprise_id: ent }).where('id', '=', eco).execute()
    await db.updateTable('users').set({ enterprise_id: ent }).where('username', '=', 'a_ent').execute()
    const e = await t.as('a_ent')
    const list = (await e.get('/api/reports/monthly?year=2026&month=10')).json()
    expect(
      list.items.map((r: { code: string; enterpriseName: string }) => [r.code, r.enterpriseName]),
    ).toEqual([['JA-001', '金旗牛业']])
    expect((await e.get(`/api/reports/projects/${sup}/investment`)).statusCode).toBe(404)
  })
})

describe('the late flag (injected clock)', () => {
  it('on the due day is on time; the next day (Beijing) is late; a due Saturday moves to Monday', async () => {
    const p = await fx.project({ zone: '甲开发区', code: 'JA-LATE', name: '逾期测试项目', lead: '甲督查室' })
    const q = await fx.project({
      zone: '甲开发区',
      code: 'JA-LATE2',
      name: '逾期测试项目二',
      lead: '甲督查室',
    })
    // November's report is due the 5th of December, a Saturday: it moves to Monday 12-07.
    t.clock.set('2026-12-07T23:59:00+08:00')
    let a = await t.as('a_officer')
    const onTime = await a.put('/api/reports/monthly', {
      projectId: p,
      year: 2026,
      month: 11,
      completed: '10',
    })
    expect(onTime.json().late).toBe(false)
    // 2026-12-07 16:30 UTC is already 12-08 00:30 in Beijing
    t.clock.set('2026-12-07T16:30:00Z')
    a = await t.as('a_officer')
    const late = await a.put('/api/reports/monthly', { projectId: q, year: 2026, month: 11, completed: '10' })
    expect(late.json().late).toBe(true)
    expect((await eventRows(q, 'report.monthly'))[0].summary).toBe(
      '填报 2026年11月 完成投资 10.00 万元（逾期填报）',
    )
    // correcting an on-time report later keeps it on time
    t.clock.set('2026-12-20T10:00:00+08:00')
    a = await t.as('a_officer')
    const fix = await a.put('/api/reports/monthly', {
      projectId: p,
      year: 2026,
      month: 11,
      completed: '11',
      version: 1,
    })
    expect(fix.json().late).toBe(false)
    const list = (await a.get('/api/reports/monthly?year=2026&month=11&keyword=逾期测试')).json()
    expect(
      list.items.map((r: { status: string; daysLate: number | null }) => [r.status, r.daysLate]),
    ).toEqual([
      ['reported', null],
      ['late', 1],
    ])
    t.clock.set('2026-11-24T09:00:00+08:00')
  })
})

describe('weekly progress (周对接)', () => {
  it('401 / 403 / 404 / 400', async () => {
    const body = { projectId: eco, done: '完成主体钢结构吊装' }
    expect((await t.agent().put('/api/reports/weekly', body)).statusCode).toBe(401)
    expect((await (await t.as('a_leader')).put('/api/reports/weekly', body)).statusCode).toBe(403)
    expect((await (await t.as('b_sup')).put('/api/reports/weekly', body)).statusCode).toBe(404)
    const a = await t.as('a_officer')
    const empty = await a.put('/api/reports/weekly', { projectId: eco, done: '  ' })
    expect(errorOf(empty)).toMatchObject({ field: 'done', message: '本周完成不能为空' })
    const missing = await a.put('/api/reports/weekly', { projectId: eco })
    expect(errorOf(missing)).toMatchObject({ field: 'done', message: '缺少必填项：本周完成' })
    const tuesday = await a.put('/api/reports/weekly', { ...body, weekStart: '2026-11-24' })
    expect(errorOf(tuesday)).toMatchObject({ field: 'weekStart' })
    expect(errorOf(tuesday).message).toContain('周一')
    const future = await a.put('/api/reports/weekly', { ...body, weekStart: '2026-11-30' })
    expect(errorOf(future)).toMatchObject({ field: 'weekStart' })
    const old = await a.put('/api/reports/weekly', { ...body, weekStart: '2026-11-09' })
    expect(errorOf(old).message).toContain('已过填报期')
    expect((await t.agent().get('/api/reports/weekly')).statusCode).toBe(401)
    expect((await (await t.as('norole')).get('/api/reports/weekly/missing')).statusCode).toBe(403)
    expect((await (await t.as('a_leader')).get('/api/reports/weekly/projects')).statusCode).toBe(403)
  })

  it('one entry per project per week, this week by default, editable with its version', async () => {
    const a = await t.as('a_officer')
    const res = await a.put('/api/reports/weekly', {
      projectId: eco,
      done: '完成主体钢结构吊装',
      nextPlan: '屋面板安装',
      problems: '施工用电容量不足',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      weekStart: '2026-11-23',
      projectCode: 'JA-001',
      leadUnitName: '甲生态环境分局',
      submittedBy: '甲专员',
      late: false,
      editable: true,
      version: 1,
    })
    const dup = await a.put('/api/reports/weekly', { projectId: eco, done: '重复' })
    expect(dup.statusCode).toBe(409)
    const edit = await a.put('/api/reports/weekly', {
      projectId: eco,
      weekStart: '2026-11-23',
      done: '完成主体钢结构吊装及验收',
      problems: null,
      version: 1,
    })
    expect(edit.json()).toMatchObject({
      done: '完成主体钢结构吊装及验收',
      problems: null,
      nextPlan: null,
      version: 2,
    })
    // last week may still be filled in
    const last = await a.put('/api/reports/weekly', {
      projectId: eco,
      weekStart: '2026-11-16',
      done: '基础验收',
    })
    expect(last.statusCode).toBe(200)
    expect(last.json().late).toBe(true) // after Friday 17:00 of that week
    const ev = await eventRows(eco, 'report.weekly')
    expect(ev).toHaveLength(3)
    expect(ev[0].summary).toBe('填报周进展（2026-11-23 起）：完成主体钢结构吊装')
    expect(await auditRows('report.weekly.submit')).toHaveLength(2)
  })

  it('after the following week the entry can no longer be changed', async () => {
    t.clock.set('2026-12-07T09:00:00+08:00')
    const a = await t.as('a_officer')
    const list = (await a.get(`/api/reports/weekly?projectId=${eco}`)).json()
    expect(
      list.items.map((w: { weekStart: string; editable: boolean }) => [w.weekStart, w.editable]),
    ).toEqual([
      ['2026-11-23', false],
      ['2026-11-16', false],
    ])
    const res = await a.put('/api/reports/weekly', {
      projectId: eco,
      weekStart: '2026-11-23',
      done: '补充',
      version: 2,
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('weekStart')
    t.clock.set('2026-11-24T09:00:00+08:00')
  })

  it('lists entries with filters, and exports them', async () => {
    const a = await t.as('a_sup')
    const week = (await a.get('/api/reports/weekly?weekStart=2026-11-23')).json()
    expect(week.total).toBe(1)
    expect(week.items[0]).toMatchObject({ projectId: eco, done: '完成主体钢结构吊装及验收' })
    expect((await a.get('/api/reports/weekly?keyword=钢结构')).json().total).toBe(1)
    expect((await a.get('/api/reports/weekly?hasProblems=true')).json().total).toBe(0)
    expect((await (await t.as('b_sup')).get('/api/reports/weekly')).json().total).toBe(0)
    const x = await a.get('/api/reports/weekly/export.xlsx?weekStart=2026-11-23')
    expect(x.statusCode).toBe(200)
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('周进展-2026-11-23.xlsx'))
  })

  it('lists who has not reported this week, with their 专班 head, steward and lead unit', async () => {
    await fx.project({
      zone: '甲开发区',
      code: 'JA-PROD',
      name: '已投产项目',
      stage: 'production',
      lead: '甲督查室',
    })
    const a = await t.as('a_sup')
    const res = (await a.get('/api/reports/weekly/missing')).json()
    expect(res.weekStart).toBe('2026-11-23')
    expect(res.dueAt).toBe('2026-11-27T09:00:00.000Z')
    expect(res.overdue).toBe(false)
    const codes = res.items.map((r: { code: string }) => r.code)
    expect(codes).toContain('JA-002')
    expect(codes).not.toContain('JA-001') // reported
    expect(codes).not.toContain('JA-PROD') // in production
    expect(codes).not.toContain('YI-001') // other zone
    const lastWeek = (await a.get('/api/reports/weekly/missing?weekStart=2026-11-09')).json()
    const row = lastWeek.items.find((r: { code: string }) => r.code === 'JA-001')
    expect(row).toMatchObject({
      teamHeads: ['甲专员'],
      stewards: ['甲经办'],
      leaders: ['甲领导'],
      leadUnitName: '甲生态环境分局',
      lastWeekStart: '2026-11-23',
    })
    expect(lastWeek.overdue).toBe(true)
    const x = await a.get('/api/reports/weekly/missing/export.xlsx')
    expect(x.statusCode).toBe(200)
    const h = (await (await t.as('a_handler')).get('/api/reports/weekly/missing?weekStart=2026-11-16')).json()
    expect(h.items.map((r: { code: string }) => r.code)).toEqual([])
  })

  it('offers the reporter their own projects first', async () => {
    const a = await t.as('a_officer')
    const res = (await a.get('/api/reports/weekly/projects')).json()
    expect(res.weekStart).toBe('2026-11-23')
    expect(res.items[0]).toMatchObject({ code: 'JA-001', mine: true, reported: true })
    expect(res.items.find((r: { code: string }) => r.code === 'JA-002')).toMatchObject({
      mine: false,
      reported: false,
    })
    expect(res.items.some((r: { code: string }) => r.code === 'YI-001')).toBe(false)
  })
})

describe('project investment panel', () => {
  it('gives plan, months, cumulative and 序时进度 for the year; 404 elsewhere', async () => {
    expect((await (await t.as('b_sup')).get(`/api/reports/projects/${eco}/investment`)).statusCode).toBe(404)
    await fx.monthly(eco, 2026, 3, '200')
    const a = await t.as('a_sup')
    const res = (await a.get(`/api/reports/projects/${eco}/investment`)).json()
    expect(res).toMatchObject({
      year: 2026,
      asOfMonth: 10,
      annualPlan: '1200.00',
      completedThisYear: '320.00',
      completedTotal: '320.00',
    })
    expect(res.months[1]).toMatchObject({ month: 2, completed: null, cumulative: '0.00', status: 'missing' })
    expect(res.months[2]).toMatchObject({ month: 3, completed: '200.00', cumulative: '200.00' })
    expect(res.months[9]).toMatchObject({
      month: 10,
      completed: '120.00',
      cumulative: '320.00',
      status: 'late',
    })
    expect(res.months[11]).toMatchObject({ status: 'pending' })
    expect(res.months[2].scheduleRate).toBe(0.25)
    expect(res.schedule.gapPoints).toBe(-56.67)
    expect(res.years).toEqual([2026])
    expect((await a.get(`/api/reports/projects/${sup}/investment?year=2027`)).json()).toMatchObject({
      year: 2027,
      asOfMonth: 0,
      annualPlan: '1000.00',
      schedule: null,
    })
  })
})
