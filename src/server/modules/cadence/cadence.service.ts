import type { Ctx, Deps } from '../../context.ts'
import type { Cadence } from '../../db/schema-rhythm.ts'
import { found, invalid, notFound } from '../../errors.ts'
import { pageOf, sortOf } from '../../lib/pagination.ts'
import { MAX_EXPORT_ROWS } from '../../lib/spreadsheet.ts'
import { addDays, beijingDate, weekStart } from '../../lib/time.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ReportSettings, ReportsService } from '../reports/reports.service.ts'
import * as repo from './cadence.repository.ts'
import { createCadenceEngine, spanOf } from './cadence-engine.ts'
import { dueOf, periodLabel } from './cadence-periods.ts'

export type ObligationStatus = repo.ObligationStatus

function statusOf(
  r: { submitted_at: Date | string | null; late: boolean; due_at: Date | string },
  now: Date,
) {
  if (r.submitted_at) return r.late ? 'late' : 'submitted'
  return now.getTime() > new Date(r.due_at).getTime() ? 'missing' : 'pending'
}
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/**
 * 报送调度: the engine (cadence-engine.ts) plus what people and the other rhythm modules read —
 * periods with their counts, who owes what, 催报, the due rules, and the punctuality figures the
 * scorecard and the bulletins use.
 */
export function createCadenceService(
  deps: Deps,
  s: { audit: AuditService; events: EventsService; reports: ReportsService; calendar: CalendarService },
) {
  const { db, clock } = deps
  const engine = createCadenceEngine(deps, s)

  // A report's first submission marks its obligation delivered, inside the report's transaction:
  // a hook rather than a sync step, so the reports module never writes cadence tables and the
  // cadence page is right the moment the entry is saved.
  deps.hooks.on('reportSubmitted', (trx, r) => repo.markSubmitted(trx, r))

  async function presentPeriods(rows: Array<repo.PeriodRow & { zone_name?: string }>) {
    const now = clock.now()
    const rules = await s.reports.settings()
    const cal = await s.calendar.calendar()
    const counts = new Map(
      (
        await repo.periodCounts(
          db,
          rows.map((r) => r.id),
        )
      ).map((c) => [c.period_id, c]),
    )
    return rows.map((p) => {
      const span = spanOf(p)
      const c = counts.get(p.id)
      const pastDue = now.getTime() > new Date(p.due_at).getTime()
      const nominal = dueOf(span, rules, cal).nominalDate
      return {
        id: p.id,
        zoneId: p.zone_id,
        zoneName: p.zone_name ?? null,
        cadence: p.cadence as string,
        periodKey: p.period_key,
        label: periodLabel(span),
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        dueAt: iso(p.due_at)!,
        /** 因节假日顺延: the due date is later than the rule's date because of days off */
        moved: beijingDate(new Date(p.due_at)) > nominal,
        pastDue,
        closedAt: iso(p.closed_at),
        counts: {
          owed: c?.owed ?? 0,
          submitted: c?.on_time ?? 0,
          late: c?.late ?? 0,
          missing: pastDue ? (c?.open ?? 0) : 0,
          pending: pastDue ? 0 : (c?.open ?? 0),
        },
      }
    })
  }

  async function periods(ctx: Ctx, q: repo.PeriodFilter & { page?: number; pageSize?: number }, all = false) {
    authorize(ctx.actor, 'rhythm:read')
    const p = all ? { page: 1, pageSize: MAX_EXPORT_ROWS, offset: 0 } : pageOf(q)
    const { items, total } = await repo.listPeriods(db, ctx.actor, q, p)
    return { items: await presentPeriods(items), total, page: p.page, pageSize: p.pageSize }
  }

  async function loadPeriod(ctx: Ctx, id: number) {
    authorize(ctx.actor, 'rhythm:read')
    return found(await repo.findPeriod(db, id, ctx.actor), '报送周期')
  }

  async function period(ctx: Ctx, id: number) {
    const p = await loadPeriod(ctx, id)
    const [json] = await presentPeriods([p])
    const n = await repo.neighbours(db, p)
    return { ...json, rollup: p.rollup ?? null, previousId: n.prev?.id ?? null, nextId: n.next?.id ?? null }
  }

  function presentObligation(r: repo.ObligationRow, now: Date) {
    return {
      periodId: r.period_id,
      cadence: r.cadence as string,
      periodKey: r.period_key,
      periodLabel: periodLabel(spanOf({ cadence: r.cadence, period_key: r.period_key } as repo.PeriodRow)),
      projectId: r.project_id,
      code: r.code,
      name: r.name,
      stage: r.stage,
      ownerId: r.owner_user_id,
      ownerName: r.owner_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      status: statusOf(r, now) as ObligationStatus,
      submittedAt: iso(r.submitted_at),
      remindedAt: iso(r.reminded_at),
      dueAt: iso(r.due_at)!,
    }
  }

  type ObligationQuery = {
    status?: ObligationStatus | 'unsubmitted'
    departmentId?: number
    sort?: string
    page?: number
    pageSize?: number
  }

  async function obligations(ctx: Ctx, periodId: number, q: ObligationQuery, all = false) {
    const p = await loadPeriod(ctx, periodId)
    if (p.cadence === 'quarterly') throw invalid('id', '季度汇总没有逐项目的报送任务，请查看其汇总数据')
    const page = all ? { page: 1, pageSize: MAX_EXPORT_ROWS, offset: 0 } : pageOf(q)
    const s = sortOf(q.sort, [...repo.OBLIGATION_SORT_FIELDS], 'code')
    const now = clock.now()
    const status = q.status === 'unsubmitted' ? undefined : q.status
    const { items, total } = await repo.listObligations(
      db,
      { periodId, status, departmentId: q.departmentId, ...(q.status === 'unsubmitted' && { open: true }) },
      now,
      s,
      page,
    )
    return {
      items: items.map((r) => presentObligation(r, now)),
      total,
      page: page.page,
      pageSize: page.pageSize,
    }
  }

  /** 催报: one obligation (projectId) or every one not delivered in the period. */
  async function remind(ctx: Ctx, periodId: number, projectId?: number) {
    authorize(ctx.actor, 'cadence:manage')
    const p = await loadPeriod(ctx, periodId)
    const now = clock.now()
    const { items } = await repo.listObligations(
      db,
      { periodId, open: true, ...(projectId && { projectIds: [projectId] }) },
      now,
      { field: 'code', dir: 'asc' },
      { offset: 0, pageSize: 100_000 },
    )
    if (projectId && !items.length) {
      const any = await repo.listObligations(
        db,
        { periodId, projectIds: [projectId] },
        now,
        { field: 'code', dir: 'asc' },
        { offset: 0, pageSize: 1 },
      )
      if (!any.total) throw notFound('该项目本期的报送任务')
      throw invalid('projectId', '该项目本期已报送，无需催报')
    }
    if (!items.length) throw invalid('periodId', '本期没有未报送的项目，无需催报')
    await db.transaction().execute(async (trx) => {
      await engine.sendReminders(trx, ctx, p, items, now)
      await s.audit.record(trx, ctx, {
        action: 'cadence.remind',
        targetType: 'cadence_period',
        targetId: p.id,
        zoneId: p.zone_id,
        summary: `催报${periodLabel(spanOf(p))}：${items.map((r) => r.code).join('、')}`,
        after: { projectIds: items.map((r) => r.project_id) },
      })
    })
    return { reminded: items.length }
  }

  /** 我的待报: what the signed-in user owes and can still enter. */
  async function mine(ctx: Ctx) {
    const now = clock.now()
    const today = beijingDate(now)
    const { items } = await repo.listObligations(
      db,
      // due within the coming week (this week's progress, last month's report) or overdue
      { ownerId: ctx.actor.id, open: true, dueBy: addDays(today, 7), dueAfter: addDays(today, -45) },
      now,
      { field: 'code', dir: 'asc' },
      { offset: 0, pageSize: 200 },
    )
    // Weekly entries can be made during their week and the next (the reports module's rule).
    const lastWeek = addDays(weekStart(today), -7)
    const open = items.filter((r) => r.cadence !== 'weekly' || r.starts_on >= lastWeek)
    return {
      items: open.map((r) => ({
        ...presentObligation(r, now),
        weekStart: r.cadence === 'weekly' ? r.starts_on : null,
        year: Number(r.period_key.slice(0, 4)),
        month: r.cadence === 'monthly' ? Number(r.period_key.slice(5, 7)) : null,
      })),
    }
  }

  async function settings(ctx: Ctx) {
    authorize(ctx.actor, 'rhythm:read')
    return s.reports.settings()
  }

  async function updateSettings(ctx: Ctx, input: ReportSettings) {
    authorize(ctx.actor, 'cadence:manage')
    const next = await s.reports.updateSettings(ctx, input, 'cadence:manage')
    // Open periods follow the new rules at once (the job would do it within the hour).
    for (const z of await repo.activeZones(db)) await engine.ensurePeriods(z.id, clock.now())
    return next
  }

  // ── contract for the scorecard and bulletin modules ──────────────────────

  /** Obligations whose period's due date falls in [from, to], per lead department. */
  async function punctuality(zoneId: number, from: string, to: string) {
    const rows = await repo.punctuality(db, zoneId, from, to, clock.now())
    return rows
      .filter((r) => r.department_id != null)
      .map((r) => ({
        departmentId: r.department_id as number,
        owed: r.owed,
        onTime: r.on_time,
        late: r.late,
        missing: r.missing,
      }))
  }

  /** Late and missing entries of weekly and monthly periods due in [from, to]. */
  /** 未报送名单 of a closed period, as a message for the zone's work groups (null when all reported). */
  async function nonReportersOf(periodId: number) {
    const p = await repo.findPeriod(db, periodId)
    if (!p || p.cadence === 'quarterly') return null
    const due = beijingDate(new Date(p.due_at))
    const rows = (await lateReporters(p.zone_id, due, due)).filter(
      (r) => r.periodKey === p.period_key && r.status === 'missing',
    )
    if (!rows.length) return null
    return {
      zoneId: p.zone_id,
      title: `${rows[0].periodLabel}未报送名单（${rows.length} 个项目）`,
      text: rows
        .map((r) =>
          `- ${r.code} ${r.name}：${r.departmentName ?? '未定牵头单位'} ${r.ownerName ?? ''}`.trim(),
        )
        .join('\n'),
    }
  }

  async function lateReporters(zoneId: number, from: string, to: string) {
    const now = clock.now()
    const { items } = await repo.listObligations(
      db,
      { zoneId, dueFrom: from, dueTo: to, cadences: ['weekly', 'monthly'], lateOrMissing: true },
      now,
      { field: 'code', dir: 'asc' },
      { offset: 0, pageSize: MAX_EXPORT_ROWS },
    )
    return items.map((r) => {
      const o = presentObligation(r, now)
      return {
        cadence: r.cadence as 'weekly' | 'monthly',
        periodKey: r.period_key,
        periodLabel: o.periodLabel,
        projectId: r.project_id,
        code: r.code,
        name: r.name,
        departmentName: r.department_name,
        ownerName: r.owner_name,
        status: o.status as 'late' | 'missing',
        submittedAt: o.submittedAt,
      }
    })
  }

  return {
    ensurePeriods: (zoneId: number, at: Date) => engine.ensurePeriods(zoneId, at),
    runCycle: (at: Date) => engine.runCycle(at),
    nonReportersOf,
    periods,
    period,
    obligations,
    remind,
    mine,
    settings,
    updateSettings,
    punctuality,
    lateReporters,
  }
}

export type CadenceService = ReturnType<typeof createCadenceService>
export type PeriodJson = Awaited<ReturnType<CadenceService['periods']>>['items'][number]
export type ObligationJson = Awaited<ReturnType<CadenceService['obligations']>>['items'][number]
export type { Cadence }
