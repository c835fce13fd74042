import { scheduleProgress } from '../../../shared/schedule.ts'
import type { AnyCtx, Deps, SystemCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { addDays, beijingDate, daysBetween, formatBeijing } from '../../lib/time.ts'
import { isWorkingDay, type WorkCalendar } from '../../lib/working-days.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import * as repo from './cadence.repository.ts'
import {
  CADENCES,
  type DueRules,
  dueOf,
  type PeriodSpan,
  periodByKey,
  periodLabel,
  periodOf,
  previousWorkingDay,
  shiftPeriod,
} from './cadence-periods.ts'
import { computeRollup } from './cadence-rollup.ts'

const JOB_CTX: SystemCtx = { actor: null, ip: null, requestId: null, label: '报送调度' }
const WHAT = { weekly: '周进展', monthly: '月度投资', quarterly: '季度汇总' } as const
/** Reminders go out in office hours only: the 00:10 run closes periods, it does not wake people. */
const FIRST_REMINDER_HOUR = 8

export const spanOf = (p: repo.PeriodRow): PeriodSpan => periodByKey(p.cadence, p.period_key)!

/**
 * The cadence engine: creates each zone's periods and who owes an entry in them, reminds those
 * who have not reported, and closes periods after their due time with a roll-up. Every step is
 * idempotent and takes its time from the caller, so the job can run hourly and tests can walk time.
 */
export function createCadenceEngine(
  deps: Deps,
  s: { events: EventsService; reports: ReportsService; calendar: CalendarService },
) {
  const { db } = deps
  const { events, reports, calendar } = s

  /** The obligations a period should have: the same sets as 本周未报送 and the monthly 未报. */
  async function owed(
    trx: Db,
    zoneId: number,
    span: PeriodSpan,
    dueAt: Date,
  ): Promise<repo.ObligationInsert[]> {
    if (span.cadence === 'weekly') {
      const [rows, subs] = await Promise.all([
        repo.weeklyOwed(trx, zoneId),
        repo.weeklySubmissions(trx, zoneId, span.startsOn),
      ])
      const at = new Map(subs.map((r) => [r.project_id, new Date(r.submitted_at)]))
      return rows.map((r) => {
        const sub = at.get(r.id) ?? null
        return {
          period_id: 0,
          project_id: r.id,
          zone_id: zoneId,
          owner_user_id: r.owner_id,
          department_id: r.department_id,
          submitted_at: sub,
          late: !!sub && sub.getTime() > dueAt.getTime(),
        }
      })
    }
    const year = Number(span.key.slice(0, 4))
    const month = Number(span.key.slice(5, 7))
    const [rows, subs] = await Promise.all([
      repo.monthlyCandidates(trx, zoneId, year, month),
      repo.monthlySubmissions(trx, zoneId, year, month),
    ])
    const sub = new Map(subs.map((r) => [r.project_id, r]))
    return rows
      .filter((r) => {
        if (r.reported) return true
        // monthlyStatusOf's rule: required when the year has a plan and the month is in its span.
        const plan = Number(r.planned ?? 0)
        const sched = scheduleProgress({
          year,
          asOfMonth: month,
          annualPlan: plan,
          completed: 0,
          startDate: r.start_date,
          endDate: r.end_date,
        })
        return !!sched && month >= sched.firstMonth && month <= sched.lastMonth
      })
      .map((r) => {
        const s = sub.get(r.id)
        return {
          period_id: 0,
          project_id: r.id,
          zone_id: zoneId,
          owner_user_id: r.owner_id,
          department_id: r.department_id,
          submitted_at: s ? new Date(s.submitted_at) : null,
          late: !!s?.late,
        }
      })
  }

  async function ensureOne(zoneId: number, span: PeriodSpan, rules: DueRules, cal: WorkCalendar, at: Date) {
    const due = dueOf(span, rules, cal)
    await db.transaction().execute(async (trx) => {
      const existing = await repo.findPeriodByKey(trx, zoneId, span.cadence, span.key)
      if (existing?.closed_at) return
      const period =
        existing ??
        (await repo.insertPeriod(trx, {
          zone_id: zoneId,
          cadence: span.cadence,
          period_key: span.key,
          starts_on: span.startsOn,
          ends_on: span.endsOn,
          due_at: due.dueAt,
          created_at: at,
        }))
      // Until it closes, a period follows the deadline settings and the calendar.
      if (existing && new Date(existing.due_at).getTime() !== due.dueAt.getTime())
        await repo.setPeriodDue(trx, period.id, due.dueAt)
      if (span.cadence === 'quarterly') return
      const rows = (await owed(trx, zoneId, span, due.dueAt)).map((r) => ({ ...r, period_id: period.id }))
      await repo.insertObligations(trx, rows)
      await repo.dropObligations(
        trx,
        period.id,
        rows.map((r) => r.project_id),
      )
    })
  }

  /** Creates (or refreshes, while open) the current and the just-finished period of each cadence. */
  async function ensurePeriods(zoneId: number, at: Date) {
    const rules = await reports.settings()
    const cal = await calendar.calendar()
    for (const cadence of CADENCES) {
      const current = periodOf(cadence, beijingDate(at))
      for (const span of [shiftPeriod(current, -1), current]) await ensureOne(zoneId, span, rules, cal, at)
    }
  }

  /** Records a reminder on each project's timeline (cadence.remind) and sets reminded_at. */
  async function sendReminders(
    trx: Db,
    ctx: AnyCtx,
    p: repo.PeriodRow,
    rows: repo.ObligationRow[],
    at: Date,
  ) {
    const span = spanOf(p)
    const dueAt = new Date(p.due_at)
    const today = beijingDate(at)
    const overdue = at.getTime() > dueAt.getTime()
    const lateDays = Math.max(1, daysBetween(beijingDate(dueAt), today))
    for (const r of rows) {
      await events.record(trx, ctx, {
        zoneId: p.zone_id,
        subjectType: 'project',
        subjectId: r.project_id,
        enterpriseId: r.enterprise_id,
        kind: 'cadence.remind',
        summary: overdue
          ? `催报：${periodLabel(span)}${WHAT[p.cadence]}已逾期 ${lateDays} 天未报送，请${r.owner_name ?? '责任人'}尽快补报`
          : `催报：${periodLabel(span)}${WHAT[p.cadence]}尚未报送，截止 ${formatBeijing(dueAt)}`,
        data: {
          cadence: p.cadence,
          periodKey: p.period_key,
          dueAt: dueAt.toISOString(),
          ownerUserId: r.owner_user_id,
          manual: !!ctx.actor,
        },
      })
    }
    await repo.setReminded(
      trx,
      p.id,
      rows.map((r) => r.project_id),
      at,
    )
  }

  /**
   * Reminds the owners who have not reported: the working day before the due date, on the due
   * morning, then once a working day while late — for as long as the entry can still be made
   * (weekly: through the following week; monthly: a month after the due date).
   */
  async function remindDue(at: Date) {
    const hour = Number(formatBeijing(at).slice(11, 13))
    const cal = await calendar.calendar()
    const today = beijingDate(at)
    if (hour < FIRST_REMINDER_HOUR || !isWorkingDay(cal, today)) return 0
    const periods = await db
      .selectFrom('cadence_periods')
      .selectAll()
      .where('cadence', 'in', ['weekly', 'monthly'])
      .where('due_at', '>', new Date(at.getTime() - 40 * 86_400_000))
      .where('due_at', '<', new Date(at.getTime() + 10 * 86_400_000))
      .execute()
    let n = 0
    for (const p of periods) {
      const dueDate = beijingDate(new Date(p.due_at))
      const overdue = at.getTime() > new Date(p.due_at).getTime()
      const window = p.cadence === 'weekly' ? addDays(p.ends_on, 7) : addDays(dueDate, 31)
      const remindToday = overdue
        ? today <= window
        : today === dueDate || today === previousWorkingDay(cal, dueDate)
      if (!remindToday) continue
      const { items } = await repo.listObligations(
        db,
        { periodId: p.id, status: overdue ? 'missing' : 'pending' },
        at,
        { field: 'code', dir: 'asc' },
        { offset: 0, pageSize: 100_000 },
      )
      const todo = items.filter((r) => !r.reminded_at || beijingDate(new Date(r.reminded_at)) < today)
      if (!todo.length) continue
      await db.transaction().execute((trx) => sendReminders(trx, JOB_CTX, p, todo, at))
      n += todo.length
    }
    return n
  }

  /**
   * Closes the periods past their due time: undelivered entries are marked late (shown as 未报
   * until they come in), the roll-up is kept, closed_at set. Three idempotent steps rather than one
   * transaction, because the investment roll-up reads through the reports service's own handle;
   * a crash in between is finished by the next run (closed_at is set last).
   */
  async function closeDue(at: Date) {
    const closed: number[] = []
    for (const p of await repo.openPeriodsDueBefore(db, at)) {
      await repo.markMissingLate(db, p.id)
      const rollup = await computeRollup(db, reports, p)
      if (await repo.closePeriod(db, p.id, at, rollup)) closed.push(p.id)
    }
    return closed
  }

  /** The job body: periods for every zone, reminders, closing. */
  async function runCycle(at: Date) {
    for (const z of await repo.activeZones(db)) await ensurePeriods(z.id, at)
    const reminded = await remindDue(at)
    const closed = await closeDue(at)
    return { reminded, closed: closed.length, closedIds: closed }
  }

  return { ensurePeriods, remindDue, closeDue, runCycle, sendReminders }
}

export type CadenceEngine = ReturnType<typeof createCadenceEngine>
