import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions, deptId, insertProblem } from '../../../../test/factories.ts'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

// Every endpoint of /api/scorecards: 401, 400 (field named), 403 / 404, success. Clock: Tue 2026-11-24.
let t: TestApp
let zoneA: number
let eco: number
const W = '2026-11-16'

beforeAll(async () => {
  t = await createTestApp()
  zoneA = await deptId(t, '甲开发区')
  eco = await deptId(t, '甲生态环境分局')
  const id = await insertProblem(t, {
    zoneId: zoneA,
    code: 'P-1',
    title: '道路未硬化',
    status: 'resolved',
    leadDepartmentId: eco,
    receivedAt: new Date('2026-11-17T09:00:00+08:00'),
  })
  await t.database.db
    .updateTable('problems')
    .set({
      resolved_at: new Date('2026-11-18T09:00:00+08:00'),
      deadline_at: new Date('2026-11-20T23:59:59+08:00'),
    })
    .where('id', '=', id)
    .execute()
}, 60_000)
afterAll(() => t?.close())

const q = (o: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)]))

describe('POST /api/scorecards/compute', () => {
  it('401 / 403 without scorecard:manage / 404 for another zone', async () => {
    const body = { subjectType: 'department', weekStart: W }
    expect((await t.agent().post('/api/scorecards/compute', body)).statusCode).toBe(401)
    expect((await (await t.as('a_handler')).post('/api/scorecards/compute', body)).statusCode).toBe(403)
    const res = await (await t.as('b_sup')).post('/api/scorecards/compute', { ...body, zoneId: zoneA })
    expect(res.statusCode).toBe(404)
    expect(errorOf(res).field).toBe('zoneId')
  })

  it('400 naming the field: not a Monday, a week not begun, no unit above zones', async () => {
    const sup = await t.as('a_sup')
    const notMonday = await sup.post('/api/scorecards/compute', {
      subjectType: 'department',
      weekStart: '2026-11-18',
    })
    expect(notMonday.statusCode).toBe(400)
    expect(errorOf(notMonday)).toMatchObject({
      field: 'weekStart',
      message: '评比周应从周一开始（2026-11-18 不是周一）',
    })
    const future = await sup.post('/api/scorecards/compute', {
      subjectType: 'department',
      weekStart: '2026-11-30',
    })
    expect(errorOf(future)).toMatchObject({
      field: 'weekStart',
      message: '2026-11-30 起的一周还未开始，不能评比',
    })
    const zone = await sup.post('/api/scorecards/compute', { subjectType: 'zone', weekStart: W })
    expect(zone.statusCode).toBe(400)
    expect(errorOf(zone).field).toBe('zoneId')
    const bad = await sup.post('/api/scorecards/compute', { subjectType: 'city', weekStart: W })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('subjectType')
  })

  it('the supervisor computes their zone’s week', async () => {
    const res = await (await t.as('a_sup')).post('/api/scorecards/compute', {
      subjectType: 'department',
      weekStart: W,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ weekStart: W, subjects: 1 })
    expect(await auditActions(t, 'scorecard_run', res.json().runId)).toEqual(['scorecard.compute'])
  })
})

describe('GET /api/scorecards/ranking, weeks, history, export, units', () => {
  it('401 / 403 for a user without rhythm:read', async () => {
    for (const url of ['ranking', 'weeks', 'history?subjectId=1', 'ranking/export.xlsx', 'units', 'config']) {
      expect((await t.agent().get(`/api/scorecards/${url}`)).statusCode, url).toBe(401)
      expect((await (await t.as('a_ent')).get(`/api/scorecards/${url}`)).statusCode, url).toBe(403)
    }
  })

  it('404 for a zone out of scope, naming zoneId', async () => {
    const b = await t.as('b_sup')
    for (const url of ['ranking', 'weeks', 'history', 'ranking/export.xlsx']) {
      const res = await b.get(`/api/scorecards/${url}?${q({ zoneId: zoneA, subjectId: eco })}`)
      expect(res.statusCode, url).toBe(404)
      expect(errorOf(res).field).toBe('zoneId')
    }
  })

  it('400 naming the field', async () => {
    const h = await t.as('a_handler')
    const day = await h.get('/api/scorecards/ranking?weekStart=2026-02-30')
    expect(errorOf(day)).toMatchObject({ field: 'weekStart' })
    expect(errorOf(await h.get('/api/scorecards/weeks?page=0')).field).toBe('page')
    expect(errorOf(await h.get('/api/scorecards/history')).field).toBe('subjectId')
    expect(errorOf(await h.get('/api/scorecards/history?subjectId=1&weeks=60')).field).toBe('weeks')
  })

  it('a handler of the zone reads the ranking, its parts, the weeks and a department’s history', async () => {
    const h = await t.as('a_handler')
    const r = (await h.get('/api/scorecards/ranking')).json()
    expect(r.run).toMatchObject({ weekStart: W })
    expect(r.items).toHaveLength(1)
    expect(r.items[0]).toMatchObject({ subjectId: eco, subjectName: '甲生态环境分局', rank: 1, change: null })
    expect(r.items[0].parts.find((p: { key: string }) => p.key === 'onTimeRate').detail).toContain(
      '按期办结 1/1 件',
    )
    const empty = (await h.get(`/api/scorecards/ranking?weekStart=2026-11-09`)).json()
    expect(empty).toEqual({ run: null, items: [] })
    const weeks = (await h.get('/api/scorecards/weeks')).json()
    expect(weeks).toMatchObject({
      total: 1,
      zoneName: '甲开发区',
      items: [{ weekStart: W, weekEnd: '2026-11-22', subjects: 1 }],
    })
    const hist = (await h.get(`/api/scorecards/history?subjectId=${eco}`)).json()
    expect(hist.items).toEqual([
      { weekStart: W, score: r.items[0].score, rank: 1, subjects: 1, change: null },
    ])
    const units = (await h.get('/api/scorecards/units')).json()
    expect(units).toEqual({ zones: [{ id: zoneA, name: '甲开发区' }], parents: [], defaultZoneId: zoneA })
  })

  it('exports the ranking: one row per department, a column per indicator', async () => {
    const res = await (await t.as('a_sup')).get(`/api/scorecards/ranking/export.xlsx?weekStart=${W}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('部门每周评比_2026-11-16.xlsx'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(1).values as string[]).slice(1)
    expect(header.slice(0, 5)).toEqual(['名次', '较上周', '单位', '得分', '按期办结率（30%）'])
    expect(header.at(-1)).toBe('得分说明')
    expect((ws.getRow(2).values as unknown[]).slice(1, 5)).toEqual([
      1,
      '新',
      '甲生态环境分局',
      expect.any(Number),
    ])
    expect(ws.rowCount).toBe(2)
  })
})

describe('GET / PUT /api/scorecards/config', () => {
  const body = (version: number, weights = [40, 20, 20, 20]) => ({
    subjectType: 'department',
    windowWeeks: 2,
    version,
    indicators: [
      { key: 'onTimeRate', weight: weights[0], enabled: true },
      { key: 'satisfactionRate', weight: weights[1], enabled: true },
      { key: 'reportingPunctuality', weight: weights[2], enabled: true },
      { key: 'visitCount', weight: weights[3], enabled: true },
      { key: 'milestonesOnTime', weight: 15, enabled: false },
    ],
  })

  it('reads the defaults: every indicator, enabled weights summing to 100', async () => {
    const c = (await (await t.as('a_handler')).get('/api/scorecards/config?subjectType=zone')).json()
    expect(c.indicators).toHaveLength(6)
    expect(c.indicators.reduce((s: number, i: { weight: number }) => s + i.weight, 0)).toBe(100)
    expect(c).toMatchObject({ version: 0, windowWeeks: 4, updatedAt: null })
  })

  it('401 / 403 for someone without scorecard:manage', async () => {
    expect((await t.agent().put('/api/scorecards/config', body(0))).statusCode).toBe(401)
    expect((await (await t.as('a_handler')).put('/api/scorecards/config', body(0))).statusCode).toBe(403)
  })

  it('400: weights must sum to 100 and not be negative, naming the field', async () => {
    const sup = await t.as('a_sup')
    const sum = await sup.put('/api/scorecards/config', body(0, [40, 20, 20, 10]))
    expect(sum.statusCode).toBe(400)
    expect(errorOf(sum)).toMatchObject({
      field: 'indicators',
      message: '已启用指标的权重合计应为 100%，当前为 90%',
    })
    const neg = await sup.put('/api/scorecards/config', body(0, [-10, 50, 40, 20]))
    expect(neg.statusCode).toBe(400)
    expect(errorOf(neg).field).toContain('indicators')
    const win = await sup.put('/api/scorecards/config', { ...body(0), windowWeeks: 20 })
    expect(errorOf(win).field).toBe('windowWeeks')
  })

  it('saves, is audited, and a stale version is refused with 409', async () => {
    const sup = await t.as('a_sup')
    const ok = await sup.put('/api/scorecards/config', body(0))
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ version: 1, windowWeeks: 2 })
    expect(ok.json().indicators.find((i: { key: string }) => i.key === 'onTimeRate')).toMatchObject({
      weight: 40,
      label: '按期办结率',
    })
    expect((await sup.put('/api/scorecards/config', body(0))).statusCode).toBe(409)
    expect(await auditActions(t, 'settings', 'scorecard_indicators.department')).toEqual([
      'scorecard.config.update',
    ])
    // the next computation uses the new weights
    await sup.post('/api/scorecards/compute', { subjectType: 'department', weekStart: W })
    const r = (await sup.get('/api/scorecards/ranking')).json()
    expect(r.run.indicators.map((i: { weight: number }) => i.weight)).toEqual([40, 20, 20, 20])
  })
})
