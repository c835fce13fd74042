import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, auditActions, deptId, insertProblem, userId } from '../../../../test/factories.ts'
import { createTestApp, type TestApp } from '../../../../test/harness.ts'
import type { SystemCtx } from '../../context.ts'
import { reportsFixture } from '../reports/reports-fixture.ts'

// Two consecutive weeks of zone 甲 (clock: Tuesday 2026-11-24), figures written through the
// modules' services where they have one: the ranks must follow what the departments did.
const sys: SystemCtx = { actor: null, ip: null, requestId: null, label: '测试' }
const W1 = '2026-11-09'
const W2 = '2026-11-16'
const bj = (s: string) => new Date(`${s}+08:00`)

let t: TestApp
let zoneA: number
let eco: number
let sup: number

async function problem(code: string, lead: number, received: string, deadline: string, resolved: string) {
  const id = await insertProblem(t, {
    zoneId: zoneA,
    code,
    title: `问题${code}`,
    status: 'resolved',
    leadDepartmentId: lead,
    receivedAt: bj(received),
    acceptedAt: bj(received),
  })
  await t.database.db
    .updateTable('problems')
    .set({ deadline_at: bj(deadline), resolved_at: bj(resolved) })
    .where('id', '=', id)
    .execute()
}

async function visit(username: string, date: string) {
  await t.app.services.visits.create(
    sys,
    { zoneId: zoneA, kind: 'onsite', visitDate: date, place: '园区', leaderIds: [await userId(t, username)] },
    { at: bj(`${date}T10:00:00`) },
  )
}

beforeAll(async () => {
  t = await createTestApp()
  const svc = t.app.services
  zoneA = await deptId(t, '甲开发区')
  eco = await deptId(t, '甲生态环境分局')
  sup = await deptId(t, '甲督查室')
  const waste = await deptId(t, '甲固废科')
  const fx = reportsFixture(t.database.db)
  const p1 = await fx.project({ zone: '甲开发区', code: 'A-1', name: '固废处置中心', lead: '甲固废科' })
  const p2 = await fx.project({ zone: '甲开发区', code: 'A-2', name: '园区污水处理厂', lead: '甲督查室' })
  await svc.scorecards.updateConfig(sys, 'department', {
    windowWeeks: 1,
    version: 0,
    indicators: [
      { key: 'onTimeRate', weight: 40, enabled: true },
      { key: 'reportingPunctuality', weight: 20, enabled: true },
      { key: 'milestonesOnTime', weight: 20, enabled: true },
      { key: 'visitCount', weight: 20, enabled: true },
      { key: 'satisfactionRate', weight: 10, enabled: false },
      { key: 'investmentVsSchedule', weight: 0, enabled: false },
    ],
  })
  // Week 1 — 生态 (through its section 固废科): 1 of 2 on time, reported on time, milestone on time, 2 visits.
  //          督查室: 1 of 1 on time, reported late, milestone late, 1 visit.
  await problem('W1-1', waste, '2026-11-09T09:00:00', '2026-11-12T23:59:59', '2026-11-11T10:00:00')
  await problem('W1-2', eco, '2026-11-09T09:00:00', '2026-11-10T23:59:59', '2026-11-13T10:00:00')
  await problem('W1-3', sup, '2026-11-10T09:00:00', '2026-11-14T23:59:59', '2026-11-12T10:00:00')
  await svc.reports.submitWeekly(
    sys,
    { projectId: p1, weekStart: W1, done: '完成设备基础' },
    { submittedAt: bj('2026-11-12T16:00:00') },
  )
  await svc.reports.submitWeekly(
    sys,
    { projectId: p2, weekStart: W1, done: '管网铺设' },
    { submittedAt: bj('2026-11-14T09:00:00') },
  )
  await svc.projects.createMilestone(sys, p1, {
    name: '设备进场',
    plannedDate: '2026-11-10',
    actualDate: '2026-11-10',
  })
  await svc.projects.createMilestone(sys, p2, {
    name: '主体封顶',
    plannedDate: '2026-11-11',
    actualDate: '2026-11-13',
  })
  await visit('a_handler', '2026-11-10')
  await visit('a_waste', '2026-11-11')
  await visit('a_sup', '2026-11-12')
  // Week 2 — 生态: late, no report, no milestone, 1 visit. 督查室: everything on time, 2 visits.
  await problem('W2-1', eco, '2026-11-16T09:00:00', '2026-11-17T23:59:59', '2026-11-19T10:00:00')
  await problem('W2-2', sup, '2026-11-16T09:00:00', '2026-11-20T23:59:59', '2026-11-18T10:00:00')
  await svc.reports.submitWeekly(
    sys,
    { projectId: p2, weekStart: W2, done: '调试设备' },
    { submittedAt: bj('2026-11-18T09:00:00') },
  )
  await svc.projects.createMilestone(sys, p2, {
    name: '通水试运行',
    plannedDate: '2026-11-19',
    actualDate: '2026-11-18',
  })
  await visit('a_handler', '2026-11-17')
  await visit('a_sup', '2026-11-17')
  await visit('a_sup', '2026-11-18')
}, 120_000)
afterAll(() => t?.close())

const ranking = (weekStart: string) =>
  t.app.services.scorecards.ranking(sys, { zoneId: zoneA, subjectType: 'department', weekStart })

describe('two consecutive weeks of department rankings', () => {
  it('week 1: scores from the parts, 生态 first; departments with nothing to measure are not ranked', async () => {
    await t.app.services.scorecards.computeWeek(zoneA, 'department', W1)
    const r = await ranking(W1)
    expect(r.run?.indicators.map((i) => i.key)).toEqual([
      'onTimeRate',
      'reportingPunctuality',
      'milestonesOnTime',
      'visitCount',
    ])
    expect(r.items.map((i) => [i.subjectName, i.score, i.rank, i.change])).toEqual([
      ['甲生态环境分局', 80, 1, null],
      ['甲督查室', 50, 2, null],
    ])
    const eco1 = r.items[0]!.parts
    expect(eco1.find((p) => p.key === 'onTimeRate')!.detail).toBe(
      '按期办结 1/2 件，50.0%，得 50.0 分 × 权重 40% = 20.0',
    )
    expect(eco1.find((p) => p.key === 'visitCount')!.detail).toContain('走访 2 次')
    expect(r.items[1]!.parts.find((p) => p.key === 'reportingPunctuality')!.detail).toBe(
      '按时报送 0/1 次，0.0%，得 0.0 分 × 权重 20% = 0.0',
    )
  })

  it('week 2: 督查室 overtakes, with the change from last week; a missing indicator is left out', async () => {
    await t.app.services.scorecards.computeWeek(zoneA, 'department', W2)
    const r = await ranking(W2)
    expect(r.items.map((i) => [i.subjectId, i.score, i.rank, i.previousRank, i.change])).toEqual([
      [sup, 100, 1, 2, 1],
      [eco, 12.5, 2, 1, -1],
    ])
    const ms = r.items[1]!.parts.find((p) => p.key === 'milestonesOnTime')!
    expect(ms).toMatchObject({ points: null, contribution: 0 })
    // the latest run is the default
    expect(
      (await t.app.services.scorecards.ranking(sys, { zoneId: zoneA, subjectType: 'department' })).run
        ?.weekStart,
    ).toBe(W2)
  })

  it('recomputing a week replaces its run, is audited, and the next week follows the new ranks', async () => {
    const before = (await ranking(W1)).run!.id
    // 督查室's week-1 milestone turns out to have been done on time: recompute week 1.
    await t.database.db
      .updateTable('milestones')
      .set({ actual_date: '2026-11-11' })
      .where('name', '=', '主体封顶')
      .execute()
    await t.database.db
      .updateTable('problems')
      .set({ resolved_at: bj('2026-11-10T10:00:00') })
      .where('code', '=', 'W1-2')
      .execute()
    const { runId } = await t.app.services.scorecards.computeWeek(zoneA, 'department', W1)
    expect(runId).not.toBe(before)
    const w1 = await ranking(W1)
    // 生态 100+20+20+20 = 100 · 40% … = 100; 督查室 40 + 0 + 20 + 10 = 70
    expect(w1.items.map((i) => [i.subjectId, i.score, i.rank])).toEqual([
      [eco, 100, 1],
      [sup, 70, 2],
    ])
    expect(await auditActions(t, 'scorecard_run', runId)).toEqual(['scorecard.compute'])
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('target_type', '=', 'scorecard_run')
      .where('target_id', '=', String(runId))
      .executeTakeFirstOrThrow()
    expect(audit.summary).toBe(
      '重新生成甲开发区 2026-11-09 起一周的部门评比（2 个单位，第一名：甲生态环境分局）',
    )
    const w2 = await ranking(W2)
    expect(w2.items.find((i) => i.subjectId === eco)).toMatchObject({ previousRank: 1, change: -1 })
    const weeks = await t.app.services.scorecards.weeks(sys, { zoneId: zoneA, subjectType: 'department' })
    expect(weeks.items.map((w) => w.weekStart)).toEqual([W2, W1])
    const h = await t.app.services.scorecards.history(sys, {
      zoneId: zoneA,
      subjectType: 'department',
      subjectId: sup,
    })
    expect(h.items.map((i) => [i.weekStart, i.score, i.rank])).toEqual([
      [W1, 70, 2],
      [W2, 100, 1],
    ])
  })

  it('zone rankings compare the zones under 测试市; the weekly job computes last week everywhere', async () => {
    await visit('a_sup', '2026-11-19')
    const zoneB = await deptId(t, '乙开发区')
    await t.app.services.visits.create(
      sys,
      {
        zoneId: zoneB,
        kind: 'onsite',
        visitDate: '2026-11-18',
        place: '乙园区',
        leaderIds: [await userId(t, 'b_handler')],
      },
      { at: bj('2026-11-18T10:00:00') },
    )
    // 乙 closed a problem late: it is ranked (on visits alone it would not be)
    const late = await insertProblem(t, {
      zoneId: zoneB,
      code: 'B-1',
      title: '乙问题',
      status: 'resolved',
      leadDepartmentId: await deptId(t, '乙生态环境分局'),
      receivedAt: bj('2026-11-17T09:00:00'),
    })
    await t.database.db
      .updateTable('problems')
      .set({ deadline_at: bj('2026-11-18T23:59:59'), resolved_at: bj('2026-11-20T10:00:00') })
      .where('id', '=', late)
      .execute()
    const job = await t.app.services.scorecards.computeLastWeek()
    expect(job.weekStart).toBe(W2)
    expect(job.failed).toEqual([])
    expect(job.done).toEqual(['甲开发区', '乙开发区', '测试市'])
    const city = await deptId(t, '测试市')
    const r = await t.app.services.scorecards.ranking(sys, { zoneId: city, subjectType: 'zone' })
    expect(r.items.map((i) => [i.subjectName, i.rank])).toEqual([
      ['甲开发区', 1],
      ['乙开发区', 2],
    ])
    await addUserWithRole(t, {
      username: 'city_viewer',
      displayName: '市领导',
      department: '测试市',
      role: { code: 'cityv', name: '市级查看', dataScope: 'dept_and_below', permissions: ['rhythm:read'] },
    })
    const agent = await t.as('city_viewer')
    const res = await agent.get('/api/scorecards/ranking?subjectType=zone')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().items).toHaveLength(2)
  })
})
