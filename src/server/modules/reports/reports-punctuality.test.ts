import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/harness.ts'
import type { SystemCtx } from '../../context.ts'
import { reportsFixture } from './reports-fixture.ts'

// reports.punctuality: what each lead unit owed (weekly progress, monthly reports) in a window and
// delivered on time. Clock: Tuesday 2026-11-24; weekly due Friday 18:00, monthly due the 5th.
const sys: SystemCtx = { actor: null, ip: null, requestId: null, label: '测试' }
let t: TestApp
let zoneA: number
let eco: number
let sup: number

beforeAll(async () => {
  t = await createTestApp()
  const fx = reportsFixture(t.database.db)
  zoneA = (await fx.dept('甲开发区')).id
  eco = (await fx.dept('甲生态环境分局')).id
  sup = (await fx.dept('甲督查室')).id
  const plan = { 2026: '1200' }
  const p1 = await fx.project({ zone: '甲开发区', code: 'A-1', name: '固废处置中心', lead: '甲固废科', plan })
  const p2 = await fx.project({ zone: '甲开发区', code: 'A-2', name: '污水处理厂', lead: '甲督查室', plan })
  await fx.project({
    zone: '甲开发区',
    code: 'A-3',
    name: '已投产项目',
    lead: '甲督查室',
    stage: 'production',
    plan,
  })
  await fx.project({ zone: '甲开发区', code: 'A-4', name: '无计划项目', lead: '甲生态环境分局' })
  const weekly = (projectId: number, weekStart: string, at: string) =>
    t.app.services.reports.submitWeekly(
      sys,
      { projectId, weekStart, done: '推进中' },
      { submittedAt: new Date(`${at}+08:00`) },
    )
  await weekly(p1, '2026-11-02', '2026-11-06T17:00:00') // on time
  await weekly(p1, '2026-11-16', '2026-11-21T09:00:00') // after Friday 18:00
  await weekly(p2, '2026-11-02', '2026-11-05T10:00:00')
  await weekly(p2, '2026-11-09', '2026-11-13T17:00:00') // exactly at the deadline: on time
  await fx.monthly(p1, 2026, 10, '100') // October's report, on time
  await t.database.db
    .insertInto('project_monthly_reports')
    .values({
      zone_id: zoneA,
      project_id: p2,
      year: 2026,
      month: 10,
      completed: '80',
      submitted_at: new Date('2026-11-07T10:00:00+08:00'),
      late: true,
    })
    .execute()
}, 60_000)
afterAll(() => t?.close())

describe('reports.punctuality', () => {
  it('counts weekly and monthly reports owed per lead unit, and those on time', async () => {
    const rows = await t.app.services.reports.punctuality(zoneA, '2026-11-02', '2026-11-22')
    const of = (id: number) => rows.find((r) => r.departmentId === id)
    // 固废科: 3 weeks + October → on time: week of 11-02 and October
    expect(of((await reportsFixture(t.database.db).dept('甲固废科')).id)).toEqual({
      departmentId: expect.any(Number),
      owed: 4,
      onTime: 2,
    })
    // 督查室 (A-2 only: A-3 is in production): 3 weeks + October (late) → 2 on time
    expect(of(sup)).toEqual({ departmentId: sup, owed: 4, onTime: 2 })
    // 生态 (A-4, no plan): the weekly reports only, none delivered
    expect(of(eco)).toEqual({ departmentId: eco, owed: 3, onTime: 0 })
  })

  it('a week whose deadline has not passed yet is not owed', async () => {
    const rows = await t.app.services.reports.punctuality(zoneA, '2026-11-23', '2026-11-29')
    expect(rows).toEqual([])
  })

  it('a project entered after a deadline owes nothing for that week, unless it reported for it', async () => {
    const fx = reportsFixture(t.database.db)
    const p = await fx.project({ zone: '乙开发区', code: 'B-1', name: '新录入项目', lead: '乙督查室' })
    await t.database.db
      .updateTable('projects')
      .set({ created_at: new Date('2026-11-24T08:00:00+08:00') })
      .where('id', '=', p)
      .execute()
    const zoneB = (await fx.dept('乙开发区')).id
    expect(await t.app.services.reports.punctuality(zoneB, '2026-11-09', '2026-11-22')).toEqual([])
    await t.app.services.reports.submitWeekly(
      sys,
      { projectId: p, weekStart: '2026-11-16', done: '补录上周进展' },
      { submittedAt: new Date('2026-11-20T10:00:00+08:00') },
    )
    const rows = await t.app.services.reports.punctuality(zoneB, '2026-11-09', '2026-11-22')
    expect(rows).toEqual([{ departmentId: (await fx.dept('乙督查室')).id, owed: 1, onTime: 1 }])
  })
})
