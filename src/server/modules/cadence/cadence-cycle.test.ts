import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/harness.ts'
import type { Services } from '../../services.ts'
import { reportsFixture } from '../reports/reports-fixture.ts'

// The cadence engine over a fortnight, with the test clock: week 2026-W49 runs Monday 11-30 to
// Sunday 12-06, its weekly progress is due Friday 12-04 17:00; November's investment report is due
// the 5th of December — a Saturday — so it moves to Monday 12-07 (end of day).

let t: TestApp
let svc: Services['cadence']
let fx: ReturnType<typeof reportsFixture>
const ids: Record<string, number> = {}
let zoneA: number
let deptEco: number
let deptSup: number

const at = (s: string) => {
  t.clock.set(s)
  return svc.runCycle(t.clock.now())
}

async function period(cadence: string, key: string) {
  return t.database.db
    .selectFrom('cadence_periods')
    .selectAll()
    .where('zone_id', '=', zoneA)
    .where('cadence', '=', cadence as 'weekly')
    .where('period_key', '=', key)
    .executeTakeFirstOrThrow()
}
async function obligations(periodId: number) {
  const rows = await t.database.db
    .selectFrom('cadence_obligations as o')
    .innerJoin('projects as p', 'p.id', 'o.project_id')
    .select(['p.code', 'o.owner_user_id', 'o.submitted_at', 'o.late', 'o.reminded_at'])
    .where('o.period_id', '=', periodId)
    .orderBy('p.code')
    .execute()
  return rows
}
async function reminders(code: string, periodKey: string) {
  const rows = await t.database.db
    .selectFrom('events')
    .select(['summary', 'data', 'at'])
    .where('kind', '=', 'cadence.remind')
    .where('subject_type', '=', 'project')
    .where('subject_id', '=', ids[code])
    .orderBy('id')
    .execute()
  return rows.filter((r) => (r.data as { periodKey: string }).periodKey === periodKey)
}
async function submitWeekly(code: string) {
  const a = await t.as('a_officer')
  const res = await a.put('/api/reports/weekly', { projectId: ids[code], done: '完成本周形象进度' })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
async function submitMonthly(code: string) {
  const a = await t.as('a_officer')
  const res = await a.put('/api/reports/monthly', {
    projectId: ids[code],
    year: 2026,
    month: 11,
    completed: '100',
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

beforeAll(async () => {
  t = await createTestApp()
  svc = (t.app as unknown as { services: Services }).services.cadence
  fx = reportsFixture(t.database.db)
  zoneA = (await fx.dept('甲开发区')).id
  deptEco = (await fx.dept('甲生态环境分局')).id
  deptSup = (await fx.dept('甲督查室')).id
  const plan = { 2026: '1200' }
  const span = { start: '2026-01-01', end: '2027-12-31' }
  ids['JA-C01'] = await fx.project({
    zone: '甲开发区',
    code: 'JA-C01',
    name: '肉牛屠宰加工项目',
    lead: '甲生态环境分局',
    heads: ['a_officer'],
    stewards: ['a_handler'],
    plan,
    ...span,
  })
  ids['JA-C02'] = await fx.project({
    zone: '甲开发区',
    code: 'JA-C02',
    name: '污水处理厂提标改造',
    lead: '甲督查室',
    stewards: ['a_handler'],
    plan,
    ...span,
  })
  ids['JA-C03'] = await fx.project({
    zone: '甲开发区',
    code: 'JA-C03',
    name: '氢能产业园前期',
    stage: 'preliminary',
    lead: '甲生态环境分局',
    leaders: ['a_leader'],
  })
  ids['JA-C04'] = await fx.project({
    zone: '甲开发区',
    code: 'JA-C04',
    name: '已投产铝业项目',
    stage: 'production',
    lead: '甲督查室',
    heads: ['a_officer'],
    plan,
    ...span,
  })
  ids['JA-N01'] = await fx.project({
    zone: '甲开发区',
    code: 'JA-N01',
    name: '一般项目',
    isKey: false,
    plan,
    ...span,
  })
  ids['YI-C01'] = await fx.project({
    zone: '乙开发区',
    code: 'YI-C01',
    name: '乙区光伏项目',
    lead: '乙生态环境分局',
    heads: ['b_handler'],
  })
})
afterAll(() => t.close())

describe('a week and a month of the cadence engine', () => {
  it('creates the periods with who owes an entry, and closes those already past due', async () => {
    await at('2026-11-30T09:00:00+08:00')
    const w49 = await period('weekly', '2026-W49')
    expect(w49.starts_on).toBe('2026-11-30')
    expect(new Date(w49.due_at).toISOString()).toBe('2026-12-04T09:00:00.000Z')
    expect(w49.closed_at).toBeNull()
    const owners = (await obligations(w49.id)).map((o) => [o.code, o.owner_user_id])
    // key projects not in production; owner = 专班 head, else steward, else 包联 leader
    expect(owners).toEqual([
      ['JA-C01', await fx.userId('a_officer')],
      ['JA-C02', await fx.userId('a_handler')],
      ['JA-C03', await fx.userId('a_leader')],
    ])
    const nov = await period('monthly', '2026-11')
    expect(new Date(nov.due_at).toISOString()).toBe('2026-12-07T15:59:59.999Z') // moved off Saturday
    // monthly: projects with a plan this year (production included), not the one without a plan
    expect((await obligations(nov.id)).map((o) => o.code)).toEqual(['JA-C01', 'JA-C02', 'JA-C04'])
    // last week was due Friday 11-27: closed at once, nobody reported
    const w48 = await period('weekly', '2026-W48')
    expect(w48.closed_at).not.toBeNull()
    expect(w48.rollup).toMatchObject({ owed: 3, onTime: 0, late: 0, missing: 3 })
    // the quarter holds no per-project obligations
    expect(await obligations((await period('quarterly', '2026-Q4')).id)).toEqual([])
    // running again creates nothing twice
    await at('2026-11-30T10:00:00+08:00')
    expect(await obligations(w49.id)).toHaveLength(3)
  })

  it('marks an entry delivered the moment it is submitted (on time)', async () => {
    t.clock.set('2026-12-01T10:00:00+08:00')
    await submitWeekly('JA-C01')
    const [c01] = await obligations((await period('weekly', '2026-W49')).id)
    expect(c01.submitted_at).not.toBeNull()
    expect(c01.late).toBe(false)
  })

  it('reminds those who owe the working day before and on the due morning, once a day', async () => {
    await at('2026-12-02T09:00:00+08:00') // Wednesday: nothing yet
    expect(await reminders('JA-C02', '2026-W49')).toHaveLength(0)
    await at('2026-12-03T09:00:00+08:00') // Thursday, the working day before
    await at('2026-12-03T15:00:00+08:00')
    const thu = await reminders('JA-C02', '2026-W49')
    expect(thu).toHaveLength(1)
    expect(thu[0].summary).toBe('催报：2026年第49周（11月30日—12月6日）周进展尚未报送，截止 2026-12-04 17:00')
    expect(await reminders('JA-C01', '2026-W49')).toHaveLength(0) // already reported
    await at('2026-12-04T08:00:00+08:00') // the due morning
    expect(await reminders('JA-C02', '2026-W49')).toHaveLength(2)
    expect(await reminders('JA-C03', '2026-W49')).toHaveLength(2)
  })

  it('closes after the due time: one on time, one late, one missing', async () => {
    t.clock.set('2026-12-04T17:30:00+08:00')
    expect((await submitWeekly('JA-C02')).late).toBe(true) // the reports page agrees
    const cycle = await at('2026-12-04T18:00:00+08:00')
    const w49 = await period('weekly', '2026-W49')
    expect(w49.closed_at).not.toBeNull()
    expect(cycle.closedIds).toContain(w49.id)
    // the list the zone's work groups get: only the one still missing
    expect(await svc.nonReportersOf(w49.id)).toEqual({
      zoneId: zoneA,
      title: '2026年第49周（11月30日—12月6日）未报送名单（1 个项目）',
      text: expect.stringMatching(/^- JA-C03 .+：甲生态环境分局 甲领导$/),
    })
    expect(w49.rollup).toMatchObject({
      owed: 3,
      onTime: 1,
      late: 1,
      missing: 1,
      byDepartment: [
        { departmentId: deptEco, departmentName: '甲生态环境分局', owed: 2, onTime: 1, late: 0, missing: 1 },
        { departmentId: deptSup, departmentName: '甲督查室', owed: 1, onTime: 0, late: 1, missing: 0 },
      ],
    })
    const rows = await obligations(w49.id)
    expect(rows.map((o) => [o.code, !!o.submitted_at, o.late])).toEqual([
      ['JA-C01', true, false],
      ['JA-C02', true, true],
      ['JA-C03', false, true],
    ])
    const closedAt = w49.closed_at
    await at('2026-12-04T19:00:00+08:00')
    expect((await period('weekly', '2026-W49')).closed_at).toEqual(closedAt) // closes once
  })

  it('keeps reminding the missing one once a working day while late', async () => {
    await at('2026-12-05T10:00:00+08:00') // Saturday: no reminders
    expect(await reminders('JA-C03', '2026-W49')).toHaveLength(2)
    await at('2026-12-07T09:00:00+08:00')
    await at('2026-12-07T14:00:00+08:00')
    const late = await reminders('JA-C03', '2026-W49')
    expect(late).toHaveLength(3)
    expect(late[2].summary).toBe(
      '催报：2026年第49周（11月30日—12月6日）周进展已逾期 3 天未报送，请甲领导尽快补报',
    )
    expect(await reminders('JA-C02', '2026-W49')).toHaveLength(2) // delivered: no more
  })

  it('the monthly report follows the moved due date and closes with the investment roll-up', async () => {
    t.clock.set('2026-12-07T20:00:00+08:00') // Monday, the moved due date: on time
    expect((await submitMonthly('JA-C04')).late).toBe(false)
    t.clock.set('2026-12-08T00:05:00+08:00')
    expect((await submitMonthly('JA-C01')).late).toBe(true)
    await at('2026-12-08T00:10:00+08:00') // the midnight run closes the month, reminds nobody
    expect(await reminders('JA-C03', '2026-W49')).toHaveLength(3)
    const nov = await period('monthly', '2026-11')
    expect(nov.closed_at).not.toBeNull()
    const r = nov.rollup as Record<string, any>
    expect(r).toMatchObject({ owed: 3, onTime: 1, late: 1, missing: 1 })
    expect(r.investment.month).toBe(11)
    expect(r.investment.byDepartment.map((d: { label: string }) => d.label).sort()).toEqual(
      ['甲督查室', '甲生态环境分局'].sort(),
    ) // the next working morning: the missing weekly entry is reminded again, the late one is not
    await at('2026-12-08T09:00:00+08:00')
    expect(await reminders('JA-C03', '2026-W49')).toHaveLength(4)
    expect(await reminders('JA-C02', '2026-11')).toHaveLength(3) // 12-04, 12-07 (due day), 12-08
  })

  it('punctuality and lateReporters give the scorecard and bulletins their rows', async () => {
    const week = await svc.punctuality(zoneA, '2026-12-01', '2026-12-06')
    expect(week).toHaveLength(2)
    const byDept = Object.fromEntries(week.map((r) => [r.departmentId, r]))
    expect(byDept[deptEco]).toEqual({ departmentId: deptEco, owed: 2, onTime: 1, late: 0, missing: 1 })
    expect(byDept[deptSup]).toEqual({ departmentId: deptSup, owed: 1, onTime: 0, late: 1, missing: 0 })
    // both periods due in the range: W49 (12-04) and November (12-07)
    const both = Object.fromEntries(
      (await svc.punctuality(zoneA, '2026-12-01', '2026-12-07')).map((r) => [r.departmentId, r]),
    )
    expect(both[deptSup]).toEqual({ departmentId: deptSup, owed: 3, onTime: 1, late: 1, missing: 1 })
    expect(both[deptEco]).toEqual({ departmentId: deptEco, owed: 3, onTime: 1, late: 1, missing: 1 })

    const late = await svc.lateReporters(zoneA, '2026-12-01', '2026-12-07')
    expect(
      late.map((r) => [r.cadence, r.periodKey, r.code, r.status, r.ownerName, r.departmentName]),
    ).toEqual(
      [
        ['weekly', '2026-W49', 'JA-C02', 'late', '甲经办', '甲督查室'],
        ['weekly', '2026-W49', 'JA-C03', 'missing', '甲领导', '甲生态环境分局'],
        ['monthly', '2026-11', 'JA-C01', 'late', '甲专员', '甲生态环境分局'],
        ['monthly', '2026-11', 'JA-C02', 'missing', '甲经办', '甲督查室'],
      ].sort((a, b) => (a[2] === b[2] ? 0 : a[2] < b[2] ? -1 : 1)),
    )
    expect(late.find((r) => r.code === 'JA-C02' && r.cadence === 'weekly')).toMatchObject({
      periodLabel: '2026年第49周（11月30日—12月6日）',
      submittedAt: '2026-12-04T09:30:00.000Z',
    })
    // another zone's figures are its own
    expect(await svc.lateReporters((await fx.dept('乙开发区')).id, '2026-12-01', '2026-12-02')).toEqual([])
  })
})
