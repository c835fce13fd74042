import { describe, expect, it } from 'vitest'
import { OFFICIAL_ARRANGEMENTS } from '../modules/calendar/official-holidays.ts'
import { addDays } from './time.ts'
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  type WorkCalendar,
  workingDaysBetween,
  workingDaysUntil,
} from './working-days.ts'

function calendar(): WorkCalendar {
  const holidays = new Set<string>()
  const makeup = new Set<string>()
  for (const a of OFFICIAL_ARRANGEMENTS) {
    for (const h of a.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d)
    for (const m of a.makeupWorkdays) makeup.add(m.date)
  }
  return { holidays, makeupWorkdays: makeup }
}

describe('working-day calendar (2026 State Council arrangement)', () => {
  const cal = calendar()

  it('knows holidays, weekends and make-up working weekends', () => {
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false) // Monday in Spring Festival
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true) // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true)
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false)
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true) // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-11-28')).toBe(false) // ordinary Saturday
  })

  it('counts across Spring Festival: accepted Friday 13 February, 3 working days', () => {
    // Sat 14 (make-up) is the 1st, then the holiday runs to Mon 23; Tue 24 is the 2nd, Wed 25 the 3rd.
    expect(addWorkingDays(cal, '2026-02-13', 3)).toBe('2026-02-25')
  })

  it('counts across National Day: accepted 30 September, 15 working days', () => {
    // Oct 1–7 off; Oct 8 (Thu) 1, 9 (Fri) 2, 10 (Sat, make-up) 3, then Oct 12–16 (4–8), 19–23 (9–13), 26 (14), 27 (15)
    expect(addWorkingDays(cal, '2026-09-30', 15)).toBe('2026-10-27')
  })

  it('counts a make-up Sunday before National Day', () => {
    // Fri 18 Sept + 1 working day = Sun 20 Sept (调休上班)
    expect(addWorkingDays(cal, '2026-09-18', 1)).toBe('2026-09-20')
  })

  it('does not count the acceptance day itself, and skips ordinary weekends', () => {
    expect(addWorkingDays(cal, '2026-11-24', 1)).toBe('2026-11-25')
    expect(addWorkingDays(cal, '2026-11-27', 1)).toBe('2026-11-30')
  })

  it('counts working days between dates and moves a due date off a holiday', () => {
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-10')).toBe(3)
    expect(workingDaysBetween(cal, '2026-10-10', '2026-10-01')).toBe(0)
    expect(nextWorkingDay(cal, '2026-10-05')).toBe('2026-10-08')
    expect(nextWorkingDay(cal, '2026-11-24')).toBe('2026-11-24')
  })

  it('counts back from one day as workingDaysBetween does, in any order of asking', () => {
    const to = '2026-10-12'
    const until = workingDaysUntil(cal, to)
    const days = ['2026-10-01', '2026-09-15', '2026-10-12', '2026-10-20', '2026-09-30', '2026-01-01']
    for (const from of days) expect(until(from)).toBe(workingDaysBetween(cal, from, to))
    for (let d = '2025-12-25'; d <= '2026-10-15'; d = addDays(d, 1))
      expect(until(d)).toBe(workingDaysBetween(cal, d, to))
  })

  it("also has the 2025 arrangement (Spring Festival from New Year's Eve)", () => {
    expect(isWorkingDay(cal, '2025-01-28')).toBe(false)
    expect(isWorkingDay(cal, '2025-01-26')).toBe(true)
    expect(addWorkingDays(cal, '2025-01-27', 1)).toBe('2025-02-05')
  })
})
