import { describe, expect, it } from 'vitest'
import { addDays } from '../../lib/time.ts'
import type { WorkCalendar } from '../../lib/working-days.ts'
import { OFFICIAL_ARRANGEMENTS } from '../calendar/official-holidays.ts'
import {
  type DueRules,
  dueOf,
  isoWeekKey,
  monthlyDue,
  periodByKey,
  periodLabel,
  periodOf,
  quarterlyDue,
  shiftPeriod,
  weeklyDue,
} from './cadence-periods.ts'

/** The shipped State Council arrangements for 2025 and 2026, as the calendar service loads them. */
function officialCalendar(): WorkCalendar {
  const holidays = new Set<string>()
  const makeup = new Set<string>()
  for (const a of OFFICIAL_ARRANGEMENTS) {
    for (const h of a.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.add(d)
    for (const m of a.makeupWorkdays) makeup.add(m.date)
  }
  return { holidays, makeupWorkdays: makeup }
}

const RULES: DueRules = {
  weeklyDueWeekday: 5,
  weeklyDueHour: 17,
  monthlyDueDay: 5,
  quarterlyDueMode: 'dayOfMonth',
  quarterlyDueValue: 10,
}
const cal = officialCalendar()
const iso = (d: Date) => d.toISOString()

describe('cadence periods', () => {
  it('keys weeks by ISO week, months and quarters by number', () => {
    expect(periodOf('weekly', '2026-11-24')).toEqual({
      cadence: 'weekly',
      key: '2026-W48',
      startsOn: '2026-11-23',
      endsOn: '2026-11-29',
    })
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53') // its Thursday is 2026-12-31
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01')
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01')
    expect(periodOf('monthly', '2026-02-14')).toMatchObject({ key: '2026-02', endsOn: '2026-02-28' })
    expect(periodOf('quarterly', '2026-11-24')).toMatchObject({
      key: '2026-Q4',
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
    })
  })

  it('parses keys back and steps to the previous and next period across years', () => {
    expect(periodByKey('weekly', '2026-W53')?.startsOn).toBe('2026-12-28')
    expect(periodByKey('weekly', '2025-W53')).toBeNull() // 2025 has 52 ISO weeks
    expect(periodByKey('monthly', '2026-13')).toBeNull()
    expect(periodByKey('quarterly', '2026-Q5')).toBeNull()
    expect(shiftPeriod(periodByKey('weekly', '2026-W01')!, -1).key).toBe('2025-W52')
    expect(shiftPeriod(periodByKey('monthly', '2026-01')!, -1).key).toBe('2025-12')
    expect(shiftPeriod(periodByKey('quarterly', '2026-Q4')!, 1).key).toBe('2027-Q1')
    expect(periodLabel(periodByKey('weekly', '2026-W48')!)).toBe('2026年第48周（11月23日—11月29日）')
    expect(periodLabel(periodByKey('quarterly', '2026-Q3')!)).toBe('2026年第三季度')
  })

  it('weekly: Friday 17:00 Beijing in an ordinary week', () => {
    const d = weeklyDue('2026-11-23', RULES, cal)
    expect(d).toMatchObject({ dueDate: '2026-11-27', moved: false })
    expect(iso(d.dueAt)).toBe('2026-11-27T09:00:00.000Z')
  })

  it('weekly: the National Day week moves to the first working day after the holiday', () => {
    // Friday 2026-10-02 is in 国庆节 (10-01 … 10-07): due Thursday 10-08 at 17:00.
    const d = weeklyDue('2026-09-28', RULES, cal)
    expect(d).toMatchObject({ nominalDate: '2026-10-02', dueDate: '2026-10-08', moved: true })
    expect(iso(d.dueAt)).toBe('2026-10-08T09:00:00.000Z')
  })

  it('weekly: the Spring Festival week moves to Tuesday after the holiday', () => {
    // Friday 2026-02-20 is in 春节 (02-15 … 02-23).
    expect(weeklyDue('2026-02-16', RULES, cal)).toMatchObject({ dueDate: '2026-02-24', moved: true })
  })

  it('a due Saturday stays put when it is a 调休 working day', () => {
    const saturday = { ...RULES, weeklyDueWeekday: 6 }
    expect(weeklyDue('2026-02-23', saturday, cal)).toMatchObject({ dueDate: '2026-02-28', moved: false })
    // an ordinary Saturday moves to Monday
    expect(weeklyDue('2026-11-23', saturday, cal)).toMatchObject({ dueDate: '2026-11-30', moved: true })
  })

  it('monthly: the 5th of the next month, end of the day, moved off holidays', () => {
    const oct = monthlyDue(2026, 10, RULES, cal)
    expect(oct).toMatchObject({ dueDate: '2026-11-05', moved: false })
    expect(iso(oct.dueAt)).toBe('2026-11-05T15:59:59.999Z')
    // September's report: 10-05 is in 国庆节 → 10-08
    expect(monthlyDue(2026, 9, RULES, cal)).toMatchObject({
      nominalDate: '2026-10-05',
      dueDate: '2026-10-08',
    })
    // April's report: 05-05 is in 劳动节 → 05-06
    expect(monthlyDue(2026, 4, RULES, cal).dueDate).toBe('2026-05-06')
    // January's report due the 15th: 春节 → 02-24
    expect(monthlyDue(2026, 1, { monthlyDueDay: 15 }, cal).dueDate).toBe('2026-02-24')
    // December rolls into the next year
    expect(monthlyDue(2025, 12, RULES, cal).dueDate).toBe('2026-01-05')
  })

  it('quarterly: the 10th of the next month by default; a 调休 Saturday is a working day', () => {
    // Q3 2026: 10-10 is a Saturday worked in exchange for 国庆节: no move.
    const q3 = quarterlyDue(periodByKey('quarterly', '2026-Q3')!, RULES, cal)
    expect(q3).toMatchObject({ dueDate: '2026-10-10', moved: false })
    // Q4 2025: 2026-01-10 is an ordinary Saturday → Monday 01-12
    expect(dueOf(periodByKey('quarterly', '2025-Q4')!, RULES, cal)).toMatchObject({
      dueDate: '2026-01-12',
      moved: true,
    })
  })

  it('quarterly: N working days after the quarter ends skips the holidays', () => {
    const rule = { ...RULES, quarterlyDueMode: 'workingDays' as const, quarterlyDueValue: 3 }
    // after 2026-09-30: 10-08 (1), 10-09 (2), 10-10 Saturday 调休 (3)
    expect(quarterlyDue(periodByKey('quarterly', '2026-Q3')!, rule, cal).dueDate).toBe('2026-10-10')
    // after 2025-12-31: 01-01…01-03 off, 01-04 Sunday 调休 (1), 01-05 (2), 01-06 (3)
    expect(quarterlyDue(periodByKey('quarterly', '2025-Q4')!, rule, cal).dueDate).toBe('2026-01-06')
  })
})
