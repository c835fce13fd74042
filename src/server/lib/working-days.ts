import { addDays } from './time.ts'

/**
 * Chinese working days (限时办结): Monday–Friday, except official holidays, plus the make-up
 * working weekends (调休) of the State Council's yearly arrangement. The calendar is data.
 */
export interface WorkCalendar {
  /** 'YYYY-MM-DD' days off that would otherwise be working days (and holiday weekends) */
  holidays: ReadonlySet<string>
  /** 'YYYY-MM-DD' weekend days that are working days (调休上班) */
  makeupWorkdays: ReadonlySet<string>
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.makeupWorkdays.has(date)) return true
  if (cal.holidays.has(date)) return false
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
  return dow !== 0 && dow !== 6
}

/** The Nth working day after `date` (the day itself not counted); n = 0 gives `date`. */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  let d = date
  let left = n
  while (left > 0) {
    d = addDays(d, 1)
    if (isWorkingDay(cal, d)) left--
  }
  return d
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  return workingDaysUntil(cal, to)(from)
}

/**
 * Working days strictly after each `from` up to and including one `to` (a board's day, the
 * escalation run's today): one walk back from `to`, extended only as far as the earliest `from`
 * asked, instead of a walk per date.
 */
export function workingDaysUntil(cal: WorkCalendar, to: string): (from: string) => number {
  const counts = new Map<string, number>([[to, 0]])
  let earliest = to
  let n = 0
  return (from) => {
    if (from >= to) return 0
    while (earliest > from) {
      if (isWorkingDay(cal, earliest)) n++
      earliest = addDays(earliest, -1)
      counts.set(earliest, n)
    }
    return counts.get(from)!
  }
}

/** The first working day on or after `date` (a due date falling on a holiday moves forward). */
export function nextWorkingDay(cal: WorkCalendar, date: string): string {
  let d = date
  while (!isWorkingDay(cal, d)) d = addDays(d, 1)
  return d
}

/** End of a Beijing calendar day as an instant (23:59:59.999 +08:00). */
export function endOfBeijingDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`)
}
