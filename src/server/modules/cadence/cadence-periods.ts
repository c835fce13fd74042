import type { Cadence } from '../../db/schema-rhythm.ts'
import { addDays, isRealDate, weekStart } from '../../lib/time.ts'
import {
  addWorkingDays,
  endOfBeijingDay,
  isWorkingDay,
  nextWorkingDay,
  type WorkCalendar,
} from '../../lib/working-days.ts'

// Pure period maths of the cadence engine (周对接 · 月汇总 · 季通报). Keys:
// - weekly: the ISO 8601 week, '2026-W48' (weeks run Monday–Sunday, the week-year is the year of
//   its Thursday, so 2026-12-28 … 2027-01-03 is '2026-W53'); starts_on is the Monday, which is
//   the `week_start` of project_weekly_progress;
// - monthly: '2026-11'; quarterly: '2026-Q4'.
// A due date that falls on a day off (holiday or weekend, per the editable calendar) moves to the
// next working day; a 调休 working Saturday counts as a working day.

export type { Cadence }
export const CADENCES: readonly Cadence[] = ['weekly', 'monthly', 'quarterly']

export interface DueRules {
  /** weekly progress due by this weekday of its week (1 = Monday … 7 = Sunday) */
  weeklyDueWeekday: number
  /** … at this hour, Beijing time */
  weeklyDueHour: number
  /** the monthly report is due by this day of the following month (end of that day) */
  monthlyDueDay: number
  /** quarterly: a day of the month after the quarter, or a count of working days after it ends */
  quarterlyDueMode: 'dayOfMonth' | 'workingDays'
  quarterlyDueValue: number
}

export interface PeriodSpan {
  cadence: Cadence
  key: string
  startsOn: string
  endsOn: string
}

export interface PeriodDue {
  /** the date the rule gives before the calendar is applied */
  nominalDate: string
  /** the date it is actually due (a working day) */
  dueDate: string
  dueAt: Date
  /** true when a day off pushed the due date back (因节假日顺延) */
  moved: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The ISO week key of the week containing a date: its Thursday decides the week-year. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(weekStart(date), 3)
  const year = Number(thursday.slice(0, 4))
  const week1Thursday = addDays(weekStart(`${year}-01-04`), 3)
  const n = Math.round((Date.parse(thursday) - Date.parse(week1Thursday)) / (7 * 86_400_000)) + 1
  return `${year}-W${pad(n)}`
}

/** The period of a cadence that contains a Beijing date. */
export function periodOf(cadence: Cadence, date: string): PeriodSpan {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  if (cadence === 'weekly') {
    const monday = weekStart(date)
    return { cadence, key: isoWeekKey(monday), startsOn: monday, endsOn: addDays(monday, 6) }
  }
  if (cadence === 'monthly') {
    return {
      cadence,
      key: `${y}-${pad(m)}`,
      startsOn: `${y}-${pad(m)}-01`,
      endsOn: `${y}-${pad(m)}-${lastDayOfMonth(y, m)}`,
    }
  }
  const q = Math.ceil(m / 3)
  const last = q * 3
  return {
    cadence,
    key: `${y}-Q${q}`,
    startsOn: `${y}-${pad(last - 2)}-01`,
    endsOn: `${y}-${pad(last)}-${lastDayOfMonth(y, last)}`,
  }
}

/** The period a key names, or null when the key is malformed for the cadence. */
export function periodByKey(cadence: Cadence, key: string): PeriodSpan | null {
  if (cadence === 'weekly') {
    const w = /^(\d{4})-W(\d{2})$/.exec(key)
    if (!w) return null
    const monday = addDays(weekStart(`${w[1]}-01-04`), (Number(w[2]) - 1) * 7)
    const p = periodOf('weekly', monday)
    return p.key === key ? p : null
  }
  if (cadence === 'monthly') {
    const m = /^(\d{4})-(\d{2})$/.exec(key)
    return m && isRealDate(`${key}-01`) ? periodOf('monthly', `${key}-01`) : null
  }
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  return q ? periodOf('quarterly', `${q[1]}-${pad(Number(q[2]) * 3)}-01`) : null
}

/** The period `n` steps after (negative: before) the given one. */
export function shiftPeriod(p: PeriodSpan, n: number): PeriodSpan {
  if (p.cadence === 'weekly') return periodOf('weekly', addDays(p.startsOn, 7 * n))
  const months = p.cadence === 'monthly' ? n : 3 * n
  const y = Number(p.startsOn.slice(0, 4))
  const idx = y * 12 + Number(p.startsOn.slice(5, 7)) - 1 + months
  return periodOf(p.cadence, `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}-01`)
}

/** "2026年第48周（11月23日—11月29日）", "2026年11月", "2026年第四季度" */
export function periodLabel(p: PeriodSpan): string {
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
  if (p.cadence === 'weekly') {
    const [y, w] = p.key.split('-W')
    return `${y}年第${Number(w)}周（${md(p.startsOn)}—${md(p.endsOn)}）`
  }
  if (p.cadence === 'monthly') return `${p.key.slice(0, 4)}年${Number(p.key.slice(5, 7))}月`
  return `${p.key.slice(0, 4)}年第${'一二三四'[Number(p.key.slice(6)) - 1]}季度`
}

function moveToWorkingDay(cal: WorkCalendar, nominal: string) {
  const dueDate = nextWorkingDay(cal, nominal)
  return { nominalDate: nominal, dueDate, moved: dueDate !== nominal }
}

/** A week's progress: its configured weekday at the configured hour, moved off days off. */
export function weeklyDue(
  monday: string,
  r: Pick<DueRules, 'weeklyDueWeekday' | 'weeklyDueHour'>,
  cal: WorkCalendar,
): PeriodDue {
  const d = moveToWorkingDay(cal, addDays(monday, r.weeklyDueWeekday - 1))
  return { ...d, dueAt: new Date(`${d.dueDate}T${pad(r.weeklyDueHour)}:00:00+08:00`) }
}

/** A month's investment report: the configured day of the following month, to the end of that day. */
export function monthlyDue(
  year: number,
  month: number,
  r: Pick<DueRules, 'monthlyDueDay'>,
  cal: WorkCalendar,
): PeriodDue {
  const y = month === 12 ? year + 1 : year
  const m = month === 12 ? 1 : month + 1
  const d = moveToWorkingDay(cal, `${y}-${pad(m)}-${pad(r.monthlyDueDay)}`)
  return { ...d, dueAt: endOfBeijingDay(d.dueDate) }
}

/** A quarter's roll-up: a day of the next month, or N working days after the quarter's last day. */
export function quarterlyDue(
  p: PeriodSpan,
  r: Pick<DueRules, 'quarterlyDueMode' | 'quarterlyDueValue'>,
  cal: WorkCalendar,
): PeriodDue {
  if (r.quarterlyDueMode === 'workingDays') {
    const dueDate = addWorkingDays(cal, p.endsOn, r.quarterlyDueValue)
    return { nominalDate: dueDate, dueDate, moved: false, dueAt: endOfBeijingDay(dueDate) }
  }
  const next = addDays(p.endsOn, 1)
  const d = moveToWorkingDay(cal, `${next.slice(0, 8)}${pad(r.quarterlyDueValue)}`)
  return { ...d, dueAt: endOfBeijingDay(d.dueDate) }
}

export function dueOf(p: PeriodSpan, r: DueRules, cal: WorkCalendar): PeriodDue {
  if (p.cadence === 'weekly') return weeklyDue(p.startsOn, r, cal)
  if (p.cadence === 'monthly') return monthlyDue(Number(p.key.slice(0, 4)), Number(p.key.slice(5, 7)), r, cal)
  return quarterlyDue(p, r, cal)
}

/** The last working day before a date (the day-before reminder of a due date). */
export function previousWorkingDay(cal: WorkCalendar, date: string): string {
  let d = addDays(date, -1)
  while (!isWorkingDay(cal, d)) d = addDays(d, -1)
  return d
}
