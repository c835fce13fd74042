/**
 * 每周评比 maths, pure: raw figures per subject → points 0–100 per indicator → weighted score →
 * ranks, with every part explained in a Chinese sentence. No database, no clock.
 *
 * Points:
 * - rates (按期办结率, 满意率, 按时报送率, 节点按期率): the rate in percent, 0–100;
 * - 投资完成 vs 序时进度: the average gap in points g → 100 when g ≥ 0, else 100 + g × 100 / 30,
 *   floored at 0 (30 points behind schedule or more scores 0);
 * - 走访次数: count / best subject's count × 100 (no data for anyone when the best is 0).
 *
 * Missing data: an indicator with no figure for a subject (no resolved problems, nothing owed…)
 * is left out for that subject and the weights of its other enabled indicators are scaled up to
 * total 100 %, so a department is neither rewarded nor punished for having nothing to measure.
 * A subject with no figure but its visit count (the leaders' team) is not ranked.
 */

export const INDICATOR_KEYS = [
  'onTimeRate',
  'satisfactionRate',
  'reportingPunctuality',
  'investmentVsSchedule',
  'milestonesOnTime',
  'visitCount',
] as const
export type IndicatorKey = (typeof INDICATOR_KEYS)[number]
export type SubjectType = 'department' | 'zone'

export const INDICATOR_LABEL: Record<IndicatorKey, string> = {
  onTimeRate: '按期办结率',
  satisfactionRate: '满意率',
  reportingPunctuality: '按时报送率',
  investmentVsSchedule: '投资完成序时进度',
  milestonesOnTime: '节点按期率',
  visitCount: '走访次数',
}

/** Points are 0 at this many points behind 序时进度. */
export const GAP_ZERO_AT = 30

export interface Indicator {
  key: IndicatorKey
  weight: number
  enabled: boolean
}

/** One subject's raw figure for one indicator; `null` when there is nothing to measure. */
export type Raw =
  | { kind: 'rate'; numerator: number; denominator: number }
  | { kind: 'gap'; gapPoints: number; projects: number }
  | { kind: 'count'; count: number }

export interface SubjectFigures {
  subjectId: number
  subjectName: string
  raw: Partial<Record<IndicatorKey, Raw | null>>
}

export interface Part {
  key: IndicatorKey
  label: string
  /** the configured weight, percent */
  weight: number
  /** the raw value: a rate in percent, the gap in points, a count; null without data */
  value: number | null
  points: number | null
  /** weight × points / 100, after the weights of indicators without data are shared out */
  contribution: number
  detail: string
}

export interface Scored {
  subjectId: number
  subjectName: string
  score: number
  rank: number
  previousRank: number | null
  /** previous rank − rank: positive means moved up; null when not ranked last week */
  change: number | null
  parts: Part[]
}

const r1 = (n: number) => Math.round(n * 10) / 10
const r2 = (n: number) => Math.round(n * 100) / 100
const f1 = (n: number) => r1(n).toFixed(1)

/** What a rate counts, for the sentence: "按期办结 12/15 件". */
const RATE_WORDS: Partial<Record<IndicatorKey, [string, string]>> = {
  onTimeRate: ['按期办结', '件'],
  satisfactionRate: ['满意评价', '件'],
  reportingPunctuality: ['按时报送', '次'],
  milestonesOnTime: ['节点按期完成', '个'],
}

const NO_DATA: Record<IndicatorKey, string> = {
  onTimeRate: '统计期内无办结问题',
  satisfactionRate: '统计期内无企业评价',
  reportingPunctuality: '统计期内无应报送的周报、月报',
  investmentVsSchedule: '无有年度计划的牵头项目',
  milestonesOnTime: '统计期内无到期节点',
  visitCount: '统计期内各单位均无走访',
}

export function pointsOf(raw: Raw, best: number): { value: number; points: number } | null {
  switch (raw.kind) {
    case 'rate':
      if (raw.denominator <= 0) return null
      return {
        value: (raw.numerator / raw.denominator) * 100,
        points: (raw.numerator / raw.denominator) * 100,
      }
    case 'gap':
      if (raw.projects <= 0) return null
      return {
        value: raw.gapPoints,
        points: raw.gapPoints >= 0 ? 100 : Math.max(0, 100 + (raw.gapPoints * 100) / GAP_ZERO_AT),
      }
    case 'count':
      if (best <= 0) return null
      return { value: raw.count, points: (raw.count / best) * 100 }
  }
}

function sentence(
  key: IndicatorKey,
  raw: Raw,
  value: number,
  points: number,
  weight: number,
  share: number,
  contribution: number,
) {
  let what: string
  if (raw.kind === 'rate') {
    const [verb, unit] = RATE_WORDS[key] ?? ['达标', '项']
    what = `${verb} ${raw.numerator}/${raw.denominator} ${unit}，${f1(value)}%`
  } else if (raw.kind === 'gap') {
    what =
      value >= 0
        ? `${raw.projects} 个项目平均超序时进度 ${f1(value)} 个百分点`
        : `${raw.projects} 个项目平均落后序时进度 ${f1(-value)} 个百分点`
  } else what = `走访 ${raw.count} 次（最多单位为满分）`
  const w = Math.abs(share - weight) < 0.05 ? `${weight}%` : `${weight}%（按有数据指标折算为 ${f1(share)}%）`
  return `${what}，得 ${f1(points)} 分 × 权重 ${w} = ${f1(contribution)}`
}

/** Dense-free competition ranks: equal scores share a rank and the next rank skips (1, 1, 3). */
export function competitionRanks(scores: number[]): number[] {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s)
  const ranks = new Array<number>(scores.length)
  order.forEach((o, pos) => {
    ranks[o.i] = pos > 0 && order[pos - 1]!.s === o.s ? ranks[order[pos - 1]!.i]! : pos + 1
  })
  return ranks
}

/**
 * Scores and ranks the subjects. `previousRanks` is last week's rank per subject id; the result is
 * ordered by rank, then name.
 */
export function scoreSubjects(
  indicators: Indicator[],
  subjects: SubjectFigures[],
  previousRanks: ReadonlyMap<number, number> = new Map(),
): Scored[] {
  const enabled = indicators.filter((i) => i.enabled && i.weight > 0)
  const best = new Map<IndicatorKey, number>()
  for (const i of enabled) {
    let b = 0
    for (const s of subjects) {
      const raw = s.raw[i.key]
      if (raw?.kind === 'count') b = Math.max(b, raw.count)
    }
    best.set(i.key, b)
  }
  const onlyVisits = enabled.every((i) => i.key === 'visitCount')
  const scored: Omit<Scored, 'rank' | 'previousRank' | 'change'>[] = []
  for (const s of subjects) {
    const measured = enabled.map((i) => {
      const raw = s.raw[i.key] ?? null
      return { i, raw, pv: raw ? pointsOf(raw, best.get(i.key) ?? 0) : null }
    })
    // Visits alone do not make a subject rankable (the leaders' team visits but leads no work);
    // unless visits are the only indicator in use.
    const active = measured.some(
      (m) => m.pv && (m.i.key !== 'visitCount' || (onlyVisits && m.raw?.kind === 'count' && m.raw.count > 0)),
    )
    if (!active) continue
    const weightWithData = measured.reduce((sum, m) => sum + (m.pv ? m.i.weight : 0), 0)
    const parts: Part[] = measured.map(({ i, raw, pv }) => {
      const label = INDICATOR_LABEL[i.key]
      if (!raw || !pv)
        return {
          key: i.key,
          label,
          weight: i.weight,
          value: null,
          points: null,
          contribution: 0,
          detail: `${NO_DATA[i.key]}，不计入（其权重按其余指标折算）`,
        }
      const share = (i.weight * 100) / weightWithData
      const contribution = (pv.points * share) / 100
      return {
        key: i.key,
        label,
        weight: i.weight,
        value: r2(pv.value),
        points: r1(pv.points),
        contribution: r2(contribution),
        detail: sentence(i.key, raw, pv.value, pv.points, i.weight, share, contribution),
      }
    })
    const score = r2(
      measured.reduce((sum, m) => sum + (m.pv ? (m.pv.points * m.i.weight) / weightWithData : 0), 0),
    )
    scored.push({ subjectId: s.subjectId, subjectName: s.subjectName, score, parts })
  }
  const ranks = competitionRanks(scored.map((s) => s.score))
  return scored
    .map((s, idx) => {
      const previousRank = previousRanks.get(s.subjectId) ?? null
      const rank = ranks[idx]!
      return { ...s, rank, previousRank, change: previousRank == null ? null : previousRank - rank }
    })
    .sort((a, b) => a.rank - b.rank || a.subjectName.localeCompare(b.subjectName, 'zh-CN'))
}

/** Checks a configuration: weights ≥ 0, enabled weights sum to 100, each key once. Returns the message. */
export function configProblem(indicators: Indicator[]): { field: string; message: string } | null {
  const seen = new Set<string>()
  for (const [n, i] of indicators.entries()) {
    if (!INDICATOR_KEYS.includes(i.key))
      return { field: `indicators[${n}].key`, message: `未知的评比指标「${i.key}」` }
    if (seen.has(i.key))
      return { field: `indicators[${n}].key`, message: `评比指标「${INDICATOR_LABEL[i.key]}」重复` }
    seen.add(i.key)
    if (!Number.isFinite(i.weight) || i.weight < 0)
      return {
        field: `indicators[${n}].weight`,
        message: `「${INDICATOR_LABEL[i.key]}」的权重不能小于 0`,
      }
  }
  const on = indicators.filter((i) => i.enabled)
  if (!on.length) return { field: 'indicators', message: '至少启用一项评比指标' }
  const sum = r2(on.reduce((s, i) => s + i.weight, 0))
  if (sum !== 100) return { field: 'indicators', message: `已启用指标的权重合计应为 100%，当前为 ${sum}%` }
  return null
}
