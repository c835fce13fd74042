import { describe, expect, it } from 'vitest'
import { scheduleProgress } from '../../../shared/schedule.ts'
import { evaluateLight } from './lights.engine.ts'

describe('序时进度', () => {
  it('reproduces the SPEC example: 1015 planned, 313.64 done by the end of March', () => {
    const r = scheduleProgress({ year: 2026, asOfMonth: 3, annualPlan: 1015, completed: 313.64 })!
    expect((r.completionRate * 100).toFixed(2)).toBe('30.90')
    expect((r.scheduleRate * 100).toFixed(2)).toBe('25.00')
    expect(r.gapPoints).toBe(5.9)
  })

  it('January and December are 1/12 and 12/12 of the year', () => {
    expect(scheduleProgress({ year: 2026, asOfMonth: 1, annualPlan: 1200, completed: 50 })).toMatchObject({
      elapsedMonths: 1,
      totalMonths: 12,
      gapPoints: -4.17,
    })
    expect(scheduleProgress({ year: 2026, asOfMonth: 12, annualPlan: 1200, completed: 1200 })).toMatchObject({
      scheduleRate: 1,
      gapPoints: 0,
    })
  })

  it('a project starting mid-year counts only its months of the year', () => {
    const r = scheduleProgress({
      year: 2026,
      asOfMonth: 9,
      annualPlan: 600,
      completed: 300,
      startDate: '2026-07-15',
    })!
    expect(r).toMatchObject({ firstMonth: 7, totalMonths: 6, elapsedMonths: 3, gapPoints: 0 })
    // Before it starts, nothing is due yet.
    expect(
      scheduleProgress({ year: 2026, asOfMonth: 5, annualPlan: 600, completed: 0, startDate: '2026-07-01' }),
    ).toMatchObject({ elapsedMonths: 0, gapPoints: 0 })
  })

  it('a project ending mid-year must be done by its end month', () => {
    expect(
      scheduleProgress({
        year: 2026,
        asOfMonth: 6,
        annualPlan: 500,
        completed: 250,
        startDate: '2025-03-01',
        endDate: '2026-06-30',
      }),
    ).toMatchObject({
      totalMonths: 6,
      elapsedMonths: 6,
      gapPoints: -50,
    })
  })

  it('a multi-year project counts all twelve months of the year', () => {
    expect(
      scheduleProgress({
        year: 2026,
        asOfMonth: 10,
        annualPlan: 1200,
        completed: 1000,
        startDate: '2025-03-01',
        endDate: '2027-06-30',
      }),
    ).toMatchObject({
      firstMonth: 1,
      lastMonth: 12,
      totalMonths: 12,
      elapsedMonths: 10,
    })
  })

  it('has no schedule without a plan or outside the period', () => {
    expect(scheduleProgress({ year: 2026, asOfMonth: 3, annualPlan: 0, completed: 10 })).toBeNull()
    expect(
      scheduleProgress({ year: 2026, asOfMonth: 3, annualPlan: 100, completed: 10, startDate: '2027-01-01' }),
    ).toBeNull()
    expect(
      scheduleProgress({ year: 2026, asOfMonth: 3, annualPlan: 100, completed: 10, endDate: '2025-12-31' }),
    ).toBeNull()
  })
})

describe('红黄绿灯', () => {
  const base = {
    today: '2026-11-24',
    started: true,
    plannedStart: null,
    scheduleGapPoints: null,
    milestones: [],
  }

  it('is green with nothing wrong', () => {
    expect(evaluateLight(base)).toEqual({ light: 'green', reasons: [] })
  })

  it('turns yellow 10–30 points behind schedule and red beyond 30, saying by how much', () => {
    expect(evaluateLight({ ...base, scheduleGapPoints: -9.99 }).light).toBe('green')
    const y = evaluateLight({ ...base, scheduleGapPoints: -12.3 })
    expect(y).toEqual({
      light: 'yellow',
      reasons: [{ rule: 'schedule', light: 'yellow', text: '落后序时进度 12.3 个百分点' }],
    })
    expect(evaluateLight({ ...base, scheduleGapPoints: -30 }).light).toBe('yellow')
    expect(evaluateLight({ ...base, scheduleGapPoints: -30.5 }).light).toBe('red')
  })

  it('not started after the planned month is yellow, three months late red', () => {
    const notStarted = { ...base, started: false }
    expect(evaluateLight({ ...notStarted, plannedStart: '2026-11-01' }).light).toBe('green')
    expect(evaluateLight({ ...notStarted, plannedStart: '2026-10-01' }).reasons[0].text).toBe(
      '计划 2026年10月 开工，至今未开工',
    )
    expect(evaluateLight({ ...notStarted, plannedStart: '2026-08-15' }).light).toBe('red')
    expect(evaluateLight({ ...base, plannedStart: '2026-01-01' }).light).toBe('green')
  })

  it('an overdue milestone is yellow, more than 30 days red; the worst wins', () => {
    const r = evaluateLight({
      ...base,
      scheduleGapPoints: -15,
      milestones: [
        { name: '环评批复', plannedDate: '2026-10-01', actualDate: null },
        { name: '施工许可', plannedDate: '2026-11-10', actualDate: null },
        { name: '用地预审', plannedDate: '2026-06-01', actualDate: '2026-06-20' },
        { name: '竣工验收', plannedDate: '2027-06-01', actualDate: null },
      ],
    })
    expect(r.light).toBe('red')
    expect(r.reasons.map((x) => x.text)).toEqual([
      '节点「环评批复」逾期 54 天（计划 2026-10-01）',
      '落后序时进度 15 个百分点',
      '节点「施工许可」逾期 14 天（计划 2026-11-10）',
    ])
  })

  it('follows changed rules', () => {
    expect(
      evaluateLight(
        { ...base, scheduleGapPoints: -12 },
        { scheduleYellowPoints: 15, scheduleRedPoints: 40, startLateRedMonths: 3, milestoneRedDays: 30 },
      ).light,
    ).toBe('green')
  })

  it('a permit past its legal time limit turns the project yellow, saying which and since when', () => {
    const r = evaluateLight({
      ...base,
      overduePermits: [{ name: '环评批复', acceptedOn: '2026-08-03', dueDate: '2026-10-30', limitDays: 60 }],
    })
    expect(r.light).toBe('yellow')
    expect(r.reasons).toEqual([
      {
        rule: 'permit',
        light: 'yellow',
        text: '手续「环评批复」超过法定时限未批复（2026-08-03 受理，法定时限 60 个工作日，应于 2026-10-30 前办结）',
      },
    ])
    expect(evaluateLight({ ...base, overduePermits: [] }).light).toBe('green')
  })
})
