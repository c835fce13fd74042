import { describe, expect, it } from 'vitest'
import {
  competitionRanks,
  configProblem,
  type Indicator,
  pointsOf,
  type SubjectFigures,
  scoreSubjects,
} from './scorecard-math.ts'

const rate = (numerator: number, denominator: number) => ({ kind: 'rate' as const, numerator, denominator })
const gap = (gapPoints: number, projects = 2) => ({ kind: 'gap' as const, gapPoints, projects })
const visits = (count: number) => ({ kind: 'count' as const, count })

const INDICATORS: Indicator[] = [
  { key: 'onTimeRate', weight: 40, enabled: true },
  { key: 'satisfactionRate', weight: 20, enabled: true },
  { key: 'investmentVsSchedule', weight: 20, enabled: true },
  { key: 'visitCount', weight: 20, enabled: true },
  { key: 'milestonesOnTime', weight: 30, enabled: false },
]

// Five departments: A and D tie, C has no resolved problem, E has nothing at all.
const FIXTURE: SubjectFigures[] = [
  {
    subjectId: 1,
    subjectName: '甲局',
    raw: {
      onTimeRate: rate(12, 15),
      satisfactionRate: rate(4, 5),
      investmentVsSchedule: gap(-15),
      visitCount: visits(4),
      milestonesOnTime: rate(0, 3),
    },
  },
  {
    subjectId: 2,
    subjectName: '乙局',
    raw: {
      onTimeRate: rate(9, 10),
      satisfactionRate: rate(3, 4),
      investmentVsSchedule: gap(2),
      visitCount: visits(2),
    },
  },
  {
    subjectId: 3,
    subjectName: '丙局',
    raw: {
      onTimeRate: rate(0, 0),
      satisfactionRate: rate(1, 1),
      investmentVsSchedule: gap(-45),
      visitCount: visits(2),
    },
  },
  {
    subjectId: 4,
    subjectName: '丁局',
    raw: {
      onTimeRate: rate(8, 10),
      satisfactionRate: rate(8, 10),
      investmentVsSchedule: gap(-15, 1),
      visitCount: visits(4),
    },
  },
  { subjectId: 5, subjectName: '戊局', raw: { onTimeRate: null, visitCount: visits(0) } },
]

describe('scorecard maths on a fixture', () => {
  const out = scoreSubjects(
    INDICATORS,
    FIXTURE,
    new Map([
      [1, 1],
      [2, 3],
      [3, 4],
    ]),
  )
  const by = (id: number) => out.find((s) => s.subjectId === id)!

  it('weights the points: Σ weight × points / 100', () => {
    // 乙: 90 × 40% + 75 × 20% + 100 × 20% + 50 × 20% = 36 + 15 + 20 + 10
    expect(by(2).score).toBe(81)
    // 甲: 80 × 40% + 80 × 20% + 50 × 20% + 100 × 20% (gap −15 → 50 points)
    expect(by(1).score).toBe(78)
  })

  it('ties share a rank and the next rank skips (1, 2, 2, 4); no-data subjects are not ranked', () => {
    expect(out.map((s) => [s.subjectName, s.rank])).toEqual([
      ['乙局', 1],
      ['丁局', 2],
      ['甲局', 2],
      ['丙局', 4],
    ])
    expect(out.find((s) => s.subjectId === 5)).toBeUndefined()
  })

  it('leaves out an indicator without data and shares its weight among the others', () => {
    // 丙: no resolved problem → 按期办结率 excluded; 20 + 20 + 20 = 60 → (100 + 0 + 50) × 20 / 60
    expect(by(3).score).toBe(50)
    const onTime = by(3).parts.find((p) => p.key === 'onTimeRate')!
    expect(onTime).toMatchObject({ value: null, points: null, contribution: 0 })
    expect(onTime.detail).toContain('不计入')
    const sat = by(3).parts.find((p) => p.key === 'satisfactionRate')!
    expect(sat.detail).toBe(
      '满意评价 1/1 件，100.0%，得 100.0 分 × 权重 20%（按有数据指标折算为 33.3%） = 33.3',
    )
    expect(by(3).parts.find((p) => p.key === 'investmentVsSchedule')!.points).toBe(0)
  })

  it('explains each part in a sentence, contributions adding up to the score', () => {
    const p = by(1).parts
    expect(p.find((x) => x.key === 'onTimeRate')!.detail).toBe(
      '按期办结 12/15 件，80.0%，得 80.0 分 × 权重 40% = 32.0',
    )
    expect(p.find((x) => x.key === 'investmentVsSchedule')!.detail).toBe(
      '2 个项目平均落后序时进度 15.0 个百分点，得 50.0 分 × 权重 20% = 10.0',
    )
    expect(p.find((x) => x.key === 'visitCount')!.detail).toBe(
      '走访 4 次（最多单位为满分），得 100.0 分 × 权重 20% = 20.0',
    )
    expect(p.map((x) => x.key)).not.toContain('milestonesOnTime') // disabled
    expect(p.reduce((s, x) => s + x.contribution, 0)).toBeCloseTo(by(1).score, 1)
  })

  it('change from last week = previous rank − rank; new subjects have none', () => {
    expect(by(2)).toMatchObject({ previousRank: 3, rank: 1, change: 2 })
    expect(by(1)).toMatchObject({ previousRank: 1, rank: 2, change: -1 })
    expect(by(3)).toMatchObject({ previousRank: 4, change: 0 })
    expect(by(4)).toMatchObject({ previousRank: null, change: null })
  })

  it('visits alone do not rank a subject, but they set the best count', () => {
    const leaders = { subjectId: 9, subjectName: '领导班子', raw: { visitCount: visits(8) } }
    const r = scoreSubjects(INDICATORS, [...FIXTURE, leaders])
    expect(r.find((s) => s.subjectId === 9)).toBeUndefined()
    expect(r.find((s) => s.subjectId === 1)!.parts.find((p) => p.key === 'visitCount')!.points).toBe(50)
  })

  it('changing the weights changes the order', () => {
    const visitsOnly: Indicator[] = [
      { key: 'onTimeRate', weight: 0, enabled: true },
      { key: 'visitCount', weight: 100, enabled: true },
    ]
    const r = scoreSubjects(visitsOnly, FIXTURE)
    expect(r.map((s) => [s.subjectName, s.score, s.rank])).toEqual([
      ['丁局', 100, 1],
      ['甲局', 100, 1],
      ['丙局', 50, 3],
      ['乙局', 50, 3],
    ])
  })
})

describe('points', () => {
  it('maps the schedule gap linearly: ≥ 0 → 100, −15 → 50, −30 and below → 0', () => {
    expect(pointsOf(gap(3.5), 0)!.points).toBe(100)
    expect(pointsOf(gap(0), 0)!.points).toBe(100)
    expect(pointsOf(gap(-15), 0)!.points).toBe(50)
    expect(pointsOf(gap(-30), 0)!.points).toBe(0)
    expect(pointsOf(gap(-60), 0)!.points).toBe(0)
    expect(pointsOf(gap(-5, 0), 0)).toBeNull()
  })
  it('rates in percent; nothing owed is no data; visit counts scale to the best', () => {
    expect(pointsOf(rate(3, 4), 0)!.points).toBe(75)
    expect(pointsOf(rate(0, 0), 0)).toBeNull()
    expect(pointsOf(visits(3), 6)!.points).toBe(50)
    expect(pointsOf(visits(0), 0)).toBeNull()
  })
  it('competition ranks: 1, 1, 3', () => {
    expect(competitionRanks([90, 90, 80])).toEqual([1, 1, 3])
    expect(competitionRanks([70, 90, 90, 90])).toEqual([4, 1, 1, 1])
  })
})

describe('configuration checks', () => {
  const ok: Indicator[] = [
    { key: 'onTimeRate', weight: 60, enabled: true },
    { key: 'visitCount', weight: 40, enabled: true },
    { key: 'satisfactionRate', weight: 25, enabled: false },
  ]
  it('accepts enabled weights summing to 100 (disabled ones do not count)', () => {
    expect(configProblem(ok)).toBeNull()
  })
  it('names the field and says what is wrong', () => {
    expect(configProblem([{ ...ok[0]!, weight: 50 }, ok[1]!])).toEqual({
      field: 'indicators',
      message: '已启用指标的权重合计应为 100%，当前为 90%',
    })
    expect(
      configProblem([
        { ...ok[0]!, weight: -10 },
        { ...ok[1]!, weight: 110 },
      ]),
    ).toEqual({
      field: 'indicators[0].weight',
      message: '「按期办结率」的权重不能小于 0',
    })
    expect(configProblem([ok[0]!, ok[0]!])?.message).toBe('评比指标「按期办结率」重复')
    expect(configProblem([{ ...ok[0]!, enabled: false }])?.message).toBe('至少启用一项评比指标')
  })
})
