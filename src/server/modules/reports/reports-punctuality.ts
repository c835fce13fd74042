import { scheduleProgress } from '../../../shared/schedule.ts'
import type { Db } from '../../db/database.ts'
import { addDays, weekStart as mondayOf } from '../../lib/time.ts'
import type { WorkCalendar } from '../../lib/working-days.ts'
import { monthlyDue, weeklyDue } from '../cadence/cadence-periods.ts'
import * as repo from './reports.repository.ts'
import type { ReportSettings } from './reports.service.ts'

export interface Punctuality {
  /** the lead unit (牵头单位) of the projects; null for projects without one */
  departmentId: number | null
  /** reports that fell due in the window: one weekly progress per week, one monthly report per month */
  owed: number
  /** of those, delivered by their deadline */
  onTime: number
}

/**
 * 按时报送率 of a zone's key projects between two dates, per lead unit — the source of the
 * scorecards' reporting indicator (the cadence module records obligations of its own later).
 * - weekly: each week starting in the window owes one entry per key project not in production
 *   that existed at its due time (or reported for it); on time when submitted by the configured
 *   weekday and hour;
 * - monthly: each month whose report falls due in the window (the due day of the next month) owes
 *   one report per project with a plan for that year, inside its construction months; on time when
 *   not marked late;
 * - only deadlines already passed at `now` count, so a week in progress is not held against anyone.
 */
export async function punctualityOf(
  db: Db,
  cfg: ReportSettings,
  cal: WorkCalendar,
  q: { zoneId: number; from: string; to: string; now: Date },
): Promise<Punctuality[]> {
  const projects = await repo.punctualityProjects(db, q.zoneId)
  const weeks: Array<{ start: string; due: Date }> = []
  for (
    let w = mondayOf(q.from) < q.from ? addDays(mondayOf(q.from), 7) : q.from;
    w <= q.to;
    w = addDays(w, 7)
  ) {
    // the same due instants as the cadence engine: moved off days off by the calendar
    const due = weeklyDue(w, cfg, cal).dueAt
    if (due <= q.now) weeks.push({ start: w, due })
  }
  const months: Array<{ year: number; month: number; due: string }> = []
  const [fy, fm] = [Number(q.from.slice(0, 4)), Number(q.from.slice(5, 7))]
  for (let y = fy, m = fm - 1; months.length < 40; m++) {
    if (m < 1) {
      y--
      m = 12
    }
    if (m > 12) {
      y++
      m = 1
    }
    const { dueDate: due, dueAt } = monthlyDue(y, m, cfg, cal)
    if (due > q.to) break
    if (due >= q.from && dueAt <= q.now) months.push({ year: y, month: m, due })
  }
  const ids = projects.map((p) => p.id)
  const [weekly, monthly, plans] = await Promise.all([
    weeks.length ? repo.punctualityWeekly(db, q.zoneId, weeks[0]!.start, weeks.at(-1)!.start) : [],
    repo.punctualityMonthly(db, q.zoneId, months),
    repo.punctualityPlans(db, ids, [...new Set(months.map((m) => m.year))]),
  ])
  const submitted = new Map(weekly.map((w) => [`${w.project_id}:${w.week_start}`, new Date(w.submitted_at)]))
  const reported = new Map(monthly.map((r) => [`${r.project_id}:${r.year}-${r.month}`, r.late]))
  const planned = new Map(plans.map((p) => [`${p.project_id}:${p.year}`, Number(p.planned)]))
  const out = new Map<number | null, Punctuality>()
  const at = (k: number | null) => {
    const e = out.get(k) ?? { departmentId: k, owed: 0, onTime: 0 }
    out.set(k, e)
    return e
  }
  for (const p of projects) {
    const created = new Date(p.created_at)
    for (const w of weeks) {
      const s = submitted.get(`${p.id}:${w.start}`)
      // A project entered after the deadline owed nothing that week, unless it reported anyway
      // (a ledger imported later with its history).
      if (created > w.due && !s) continue
      const e = at(p.lead_department_id)
      e.owed++
      if (s && s <= w.due) e.onTime++
    }
    for (const m of months) {
      const plan = planned.get(`${p.id}:${m.year}`) ?? 0
      const sched = scheduleProgress({
        year: m.year,
        asOfMonth: m.month,
        annualPlan: plan,
        completed: 0,
        startDate: p.start_date,
        endDate: p.end_date,
      })
      if (!sched || m.month < sched.firstMonth || m.month > sched.lastMonth) continue
      const late = reported.get(`${p.id}:${m.year}-${m.month}`)
      if (created > new Date(`${m.due}T23:59:59+08:00`) && late === undefined) continue
      const e = at(p.lead_department_id)
      e.owed++
      if (late === false) e.onTime++
    }
  }
  return [...out.values()]
}
