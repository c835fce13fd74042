/**
 * 序时进度 (time-schedule progress): by the end of a month, the share of the year's planned
 * investment that should be done. SPEC §3: plan × elapsed months / 12. Projects whose construction
 * period starts or ends inside the year count only the months of the year they run in, so a project
 * starting in July is on schedule with half its plan at the end of September (3 of 6 months).
 *
 * Example: plan 1015, completed 313.64 at the end of March → 30.90 % vs 25.00 % → ahead 5.90 points.
 */
export interface ScheduleInput {
  year: number
  /** month whose end we measure at, 1–12 */
  asOfMonth: number
  /** 年度计划投资 (万元) */
  annualPlan: number
  /** completed this year up to and including asOfMonth (万元) */
  completed: number
  /** construction period, 'YYYY-MM-DD' */
  startDate?: string | null
  endDate?: string | null
}

export interface ScheduleResult {
  firstMonth: number
  lastMonth: number
  totalMonths: number
  elapsedMonths: number
  /** 0–1 */
  scheduleRate: number
  /** 0–∞ (can exceed 1) */
  completionRate: number
  /** completion − schedule, in percentage points (positive = ahead) */
  gapPoints: number
}

function monthIn(date: string | null | undefined, year: number, fallback: number): number {
  if (!date) return fallback
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  if (y < year) return 1
  if (y > year) return 13 // after the year
  return m
}

export function scheduleProgress(i: ScheduleInput): ScheduleResult | null {
  if (!(i.annualPlan > 0) || i.asOfMonth < 1 || i.asOfMonth > 12) return null
  const first = Math.max(1, monthIn(i.startDate, i.year, 1))
  let last = i.endDate ? Math.min(12, monthIn(i.endDate, i.year, 12)) : 12
  if (i.endDate && Number(i.endDate.slice(0, 4)) < i.year) last = 0
  if (first > 12 || last < first) return null
  const total = last - first + 1
  const elapsed = Math.min(total, Math.max(0, i.asOfMonth - first + 1))
  const scheduleRate = elapsed / total
  const completionRate = i.completed / i.annualPlan
  return {
    firstMonth: first,
    lastMonth: last,
    totalMonths: total,
    elapsedMonths: elapsed,
    scheduleRate,
    completionRate,
    gapPoints: round2((completionRate - scheduleRate) * 100),
  }
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100
}

/** "30.90%" */
export function percent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(2)}%`
}
