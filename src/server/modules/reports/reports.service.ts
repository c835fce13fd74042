import { round2, type ScheduleResult, scheduleProgress } from '../../../shared/schedule.ts'
import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { LightReason } from '../../db/schema.ts'
import { AppError, found, invalid, notFound, versionConflict } from '../../errors.ts'
import { normMoney, wanText } from '../../lib/money.ts'
import { pageOf, sortOf } from '../../lib/pagination.ts'
import { MONEY_PATTERN } from '../../lib/schema-parts.ts'
import { MAX_EXPORT_ROWS } from '../../lib/spreadsheet.ts'
import { trimOrNull } from '../../lib/text.ts'
import {
  addDays,
  beijingDate,
  beijingYearMonth,
  daysBetween,
  isRealDate,
  weekStart as mondayOf,
} from '../../lib/time.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { type DueRules, isoWeekKey, monthlyDue, weeklyDue } from '../cadence/cadence-periods.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService } from '../events/events.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'
import * as repo from './reports.repository.ts'
import { MISSING_SORTS, MONTHLY_SORTS, WEEKLY_SORTS } from './reports.schema.ts'
import { type Punctuality, punctualityOf } from './reports-punctuality.ts'

// ── types and pure helpers ──────────────────────────────────────────────────

/**
 * The reporting deadlines (the cadence engine's due rules): monthly report due by monthlyDueDay of
 * the following month (1–28); weekly progress by weeklyDueWeekday (1 = Monday … 7 = Sunday) at
 * weeklyDueHour (0–23, Beijing); the quarterly roll-up by a day of the next month or N working days
 * after the quarter. A due date on a day off moves to the next working day (cadence-periods.ts).
 */
export type ReportSettings = DueRules
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  monthlyDueDay: 5,
  weeklyDueWeekday: 5,
  weeklyDueHour: 17,
  quarterlyDueMode: 'dayOfMonth',
  quarterlyDueValue: 10,
}
const SETTINGS_KEY = 'report_settings'

export interface ScheduleStatus {
  year: number
  asOfMonth: number
  annualPlan: string | null
  completedThisYear: string
  completedTotal: string
  schedule: ScheduleResult | null
  lastReportedMonth: number | null
}

export type MonthlyStatus = 'reported' | 'late' | 'missing' | 'pending' | 'notRequired'

/** The last month that has ended, in Beijing: at 2026-11-24 October 2026; in January, December before. */
export function lastCompletedMonth(at: Date): { year: number; month: number } {
  const { year, month } = beijingYearMonth(at)
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 }
}

const ym = (year: number, month: number) => `${year}年${month}月`
const LIGHT_RANK: Record<string, number> = { green: 0, yellow: 1, red: 2 }

/** A year plan's amount is valid (throws the field's Chinese message otherwise). */
export function checkPlanned(planned: string) {
  checkMoney('planned', '年度计划投资', planned)
}

function checkMoney(field: string, label: string, v: string) {
  if (!new RegExp(MONEY_PATTERN).test(v.trim())) {
    throw invalid(field, `${label}格式不正确，应为不小于 0 的金额（万元，最多两位小数）`)
  }
}

function presentMonthly(r: repo.MonthlyReportRow) {
  return {
    id: r.id,
    projectId: r.project_id,
    year: r.year,
    month: r.month,
    completed: r.completed,
    note: r.note,
    late: r.late,
    submittedAt: new Date(r.submitted_at).toISOString(),
    submittedBy: r.submitted_by_name,
    version: r.version,
  }
}
export type MonthlyReportJson = ReturnType<typeof presentMonthly>

/**
 * Monthly investment (月报) with 序时进度 and roll-ups, annual plans, weekly progress (周对接) and
 * who has not reported, and the reporting deadlines. Figures: src/shared/schedule.ts.
 */
export function createReportsService(
  deps: Deps,
  s: { audit: AuditService; events: EventsService; calendar: CalendarService },
) {
  const { db, clock } = deps
  const { audit, events, calendar } = s

  // ── due dates: one rule for the reports pages and the cadence engine ─────────

  /** When a month's report is due, moved to the next working day when it falls on a day off. */
  async function monthDue(year: number, month: number, cfg?: ReportSettings) {
    return monthlyDue(year, month, cfg ?? (await settings()), await calendar.calendar())
  }

  /** When a week's progress is due (the week given by its Monday), moved off days off. */
  async function weekDue(weekStart: string, cfg?: ReportSettings) {
    return weeklyDue(weekStart, cfg ?? (await settings()), await calendar.calendar())
  }

  // ── settings ──────────────────────────────────────────────────────────────

  async function settings(trx: Db = db): Promise<ReportSettings> {
    return {
      ...DEFAULT_REPORT_SETTINGS,
      ...((await getSetting<Partial<ReportSettings>>(trx, SETTINGS_KEY)) ?? {}),
    }
  }

  /**
   * Saves the deadlines; fields left out keep their value (older clients send no quarterly rule).
   * The cadence page saves them with cadence:manage, the light-rules page with portfolio:configure.
   */
  async function updateSettings(
    ctx: AnyCtx,
    input: Partial<ReportSettings>,
    permission: 'portfolio:configure' | 'cadence:manage' = 'portfolio:configure',
  ): Promise<ReportSettings> {
    if (ctx.actor) authorize(ctx.actor, permission)
    const before = await settings()
    const next: ReportSettings = { ...before, ...input }
    if (next.quarterlyDueMode === 'dayOfMonth' && next.quarterlyDueValue > 28) {
      throw invalid('quarterlyDueValue', '季度截止日按“次月几日”计时应为 1–28 日')
    }
    await db.transaction().execute(async (trx) => {
      await putSetting(trx, SETTINGS_KEY, next, clock.now(), ctx.actor?.id ?? null)
      await audit.record(trx, ctx, {
        action: 'settings.reports.update',
        targetType: 'settings',
        targetId: SETTINGS_KEY,
        summary: '修改填报截止时间（周进展、月报、季度汇总）',
        before: before as unknown as Record<string, unknown>,
        after: next as unknown as Record<string, unknown>,
      })
    })
    return settings()
  }

  // ── projects ──────────────────────────────────────────────────────────────

  /** The project, if the actor (when there is one) may see it; else 404. */
  async function loadProject(ctx: AnyCtx, id: number, trx: Db = db) {
    return found(await repo.findProject(trx, id, ctx.actor), '项目')
  }

  // ── year plans ────────────────────────────────────────────────────────────

  async function plans(ctx: Ctx, projectId: number) {
    authorize(ctx.actor, 'project:read')
    await loadProject(ctx, projectId)
    const items = await repo.listPlans(db, projectId)
    return { projectId, items: items.map((r) => ({ year: r.year, planned: r.planned })) }
  }

  /**
   * Sets a project's annual planned investment (年度计划投资), audited, with a timeline event.
   * Does not recompute the light: callers that change many projects (imports, the demo seed) call
   * projects.recomputeMany afterwards; the API route (putYearPlan) emits projectChanged itself.
   * A bulk caller that writes one summary audit entry (the ledger import) passes `{ audit: false }`.
   */
  async function setYearPlan(
    trx: Db,
    ctx: AnyCtx,
    projectId: number,
    year: number,
    planned: string,
    opts: { audit?: boolean } = {},
  ) {
    await setYearPlans(trx, ctx, [{ projectId, year, planned }], opts)
  }

  /** Many plans in few statements (the ledger import); unchanged ones are skipped, each change is on its timeline. */
  async function setYearPlans(
    trx: Db,
    ctx: AnyCtx,
    items: Array<{ projectId: number; year: number; planned: string }>,
    opts: { audit?: boolean } = {},
  ) {
    if (!items.length) return
    for (const it of items) checkPlanned(it.planned)
    const ids = [...new Set(items.map((it) => it.projectId))]
    const [heads, befores] = await Promise.all([repo.projectHeads(trx, ids), repo.plansOf(trx, ids)])
    // One change per project and year (the last value wins), compared with what is stored.
    const latest = new Map<string, { projectId: number; year: number; value: string }>()
    for (const it of items)
      latest.set(`${it.projectId}|${it.year}`, {
        projectId: it.projectId,
        year: it.year,
        value: normMoney(it.planned),
      })
    const changes = [...latest].flatMap(([key, it]) => {
      const p = found(heads.get(it.projectId) ?? null, '项目')
      const before = befores.get(key) ?? null
      if (before != null && normMoney(before) === it.value) return []
      return [{ p, year: it.year, value: it.value, before }]
    })
    await repo.upsertPlans(
      trx,
      changes.map((c) => ({ projectId: c.p.id, year: c.year, planned: c.value })),
    )
    if (opts.audit !== false)
      for (const { p, year, value, before } of changes)
        await audit.record(trx, ctx, {
          action: 'report.plan.set',
          targetType: 'project',
          targetId: p.id,
          zoneId: p.zone_id,
          summary: `设定项目 ${p.code} ${year} 年度计划投资 ${wanText(value)}`,
          before: before == null ? null : { year, planned: before },
          after: { year, planned: value },
        })
    await events.recordMany(
      trx,
      ctx,
      changes.map(({ p, year, value, before }) => ({
        zoneId: p.zone_id,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterprise_id,
        kind: 'report.plan',
        summary:
          before == null
            ? `设定 ${year} 年度计划投资 ${wanText(value)}`
            : `${year} 年度计划投资由 ${wanText(before)} 调整为 ${wanText(value)}`,
        data: { year, before, planned: value },
      })),
    )
  }

  async function putYearPlan(ctx: AnyCtx, input: { projectId: number; year: number; planned: string }) {
    if (ctx.actor) authorize(ctx.actor, 'project:manage')
    await db.transaction().execute(async (trx) => {
      await loadProject(ctx, input.projectId, trx)
      await setYearPlan(trx, ctx, input.projectId, input.year, input.planned)
      await deps.hooks.emit('projectChanged', trx, input.projectId)
    })
    const items = await repo.listPlans(db, input.projectId)
    return { projectId: input.projectId, items: items.map((r) => ({ year: r.year, planned: r.planned })) }
  }

  // ── monthly reports ───────────────────────────────────────────────────────

  /**
   * Submits or corrects a project's completed investment for a month (one per project per month).
   * `late` is set at the first submission: after the due day of the following month (Beijing date).
   * With a SystemCtx (demo seed) no scope applies and `submittedAt` may be given.
   */
  async function submitMonthly(
    ctx: AnyCtx,
    input: {
      projectId: number
      year: number
      month: number
      completed: string
      note?: string | null
      version?: number
    },
    opts: { submittedAt?: Date } = {},
  ) {
    if (ctx.actor) authorize(ctx.actor, 'project:report')
    checkMoney('completed', '本月完成投资', input.completed)
    const completed = normMoney(input.completed)
    const at = (!ctx.actor && opts.submittedAt) || clock.now()
    const now = beijingYearMonth(at)
    if (input.year * 12 + input.month > now.year * 12 + now.month) {
      throw invalid('month', `不能填报未来月份（${ym(input.year, input.month)}）的投资完成情况`)
    }
    const cfg = await settings()
    const note = trimOrNull(input.note)
    return db.transaction().execute(async (trx) => {
      const p = await loadProject(ctx, input.projectId, trx)
      const existing = await repo.findMonthly(trx, p.id, input.year, input.month)
      const who = ctx.actor?.id ?? null
      let id: number
      if (existing) {
        if (input.version === undefined) {
          throw new AppError(
            'VERSION_CONFLICT',
            `该项目 ${ym(input.year, input.month)} 的月报已填报，请刷新后在原记录上修改`,
            { field: 'version' },
          )
        }
        if (existing.version !== input.version) throw versionConflict()
        const ok = await repo.updateMonthly(trx, existing.id, input.version, {
          completed,
          note,
          submitted_by: who,
          submitted_at: at,
        })
        if (!ok) throw versionConflict()
        id = existing.id
      } else {
        const late = at.getTime() > (await monthDue(input.year, input.month, cfg)).dueAt.getTime()
        id = await repo.insertMonthly(trx, {
          zone_id: p.zone_id,
          project_id: p.id,
          year: input.year,
          month: input.month,
          completed,
          note,
          submitted_by: who,
          submitted_at: at,
          late,
        })
      }
      const after = presentMonthly((await repo.findMonthlyById(trx, id))!)
      const before = existing ? presentMonthly(existing) : null
      const period = ym(input.year, input.month)
      await audit.record(trx, ctx, {
        action: existing ? 'report.monthly.update' : 'report.monthly.submit',
        targetType: 'project',
        targetId: p.id,
        zoneId: p.zone_id,
        summary: existing
          ? `修改项目 ${p.code} ${period} 月报：完成投资 ${wanText(existing.completed)} → ${wanText(after.completed)}`
          : `填报项目 ${p.code} ${period} 月报：完成投资 ${wanText(after.completed)}${after.late ? '（逾期）' : ''}`,
        before: before && { completed: before.completed, note: before.note, version: before.version },
        after: {
          year: after.year,
          month: after.month,
          completed: after.completed,
          note: after.note,
          late: after.late,
        },
      })
      await events.record(trx, ctx, {
        zoneId: p.zone_id,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterprise_id,
        kind: 'report.monthly',
        summary: existing
          ? `更正 ${period} 完成投资：${wanText(existing.completed)} → ${wanText(after.completed)}`
          : `填报 ${period} 完成投资 ${wanText(after.completed)}${after.late ? '（逾期填报）' : ''}`,
        data: { year: after.year, month: after.month, completed: after.completed, late: after.late },
      })
      await deps.hooks.emit('reportSubmitted', trx, {
        cadence: 'monthly',
        projectId: p.id,
        periodKey: `${after.year}-${String(after.month).padStart(2, '0')}`,
        submittedAt: at,
        late: after.late,
      })
      await deps.hooks.emit('projectChanged', trx, p.id)
      return after
    })
  }

  function monthlyStatusOf(
    today: string,
    month: number,
    due: string,
    report: { late: boolean; submitted_at: Date | string } | null,
    plan: string | null,
    schedule: ScheduleResult | null,
  ): { status: MonthlyStatus; daysLate: number | null } {
    if (report) {
      if (!report.late) return { status: 'reported', daysLate: null }
      return {
        status: 'late',
        daysLate: Math.max(1, daysBetween(due, beijingDate(new Date(report.submitted_at)))),
      }
    }
    const planned = plan != null && normMoney(plan) !== '0.00'
    if (!planned || !schedule || month < schedule.firstMonth || month > schedule.lastMonth) {
      return { status: 'notRequired', daysLate: null }
    }
    if (today > due) return { status: 'missing', daysLate: daysBetween(due, today) }
    return { status: 'pending', daysLate: null }
  }

  function presentMonthlyRow(
    r: repo.MonthlyListRow,
    year: number,
    month: number,
    today: string,
    due: string,
  ) {
    const sched = r.annual_plan
      ? scheduleProgress({
          year,
          asOfMonth: month,
          annualPlan: Number(r.annual_plan),
          completed: Number(r.ytd),
          startDate: r.start_date,
          endDate: r.end_date,
        })
      : null
    const report =
      r.r_id != null
        ? {
            id: r.r_id,
            projectId: r.id,
            year,
            month,
            completed: r.r_completed!,
            note: r.r_note,
            late: !!r.r_late,
            submittedAt: new Date(r.r_submitted_at!).toISOString(),
            submittedBy: r.r_submitted_by,
            version: r.r_version!,
          }
        : null
    const st = monthlyStatusOf(
      today,
      month,
      due,
      report ? { late: report.late, submitted_at: report.submittedAt } : null,
      r.annual_plan,
      sched,
    )
    return {
      projectId: r.id,
      code: r.code,
      name: r.name,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      stage: r.stage,
      level: r.level,
      enterpriseName: r.enterprise_name,
      leadUnitName: r.lead_unit_name,
      light: r.light as string,
      lightReasons: (r.light_reasons ?? []) as LightReason[],
      annualPlan: r.annual_plan,
      report,
      completedThisYear: r.ytd,
      completionRate: sched?.completionRate ?? null,
      scheduleRate: sched?.scheduleRate ?? null,
      gapPoints: sched?.gapPoints ?? null,
      status: st.status as string,
      daysLate: st.daysLate,
    }
  }
  type MonthlyRowJson = ReturnType<typeof presentMonthlyRow>

  const MONTHLY_SORT_VALUE: Record<string, (r: MonthlyRowJson) => string | number | null> = {
    code: (r) => r.code,
    name: (r) => r.name,
    annualPlan: (r) => (r.annualPlan == null ? null : Number(r.annualPlan)),
    completed: (r) => (r.report ? Number(r.report.completed) : null),
    completedThisYear: (r) => Number(r.completedThisYear),
    completionRate: (r) => r.completionRate,
    gapPoints: (r) => r.gapPoints,
    light: (r) => LIGHT_RANK[r.light] ?? 0,
  }

  type MonthlyQuery = repo.PortfolioFilter & {
    year: number
    month: number
    status?: MonthlyStatus
    sort?: string
    page?: number
    pageSize?: number
  }

  /** Every visible key project with its figures for the month (computed, filtered and sorted here). */
  async function monthlyAll(ctx: Ctx, q: MonthlyQuery) {
    authorize(ctx.actor, 'project:read')
    const due = (await monthDue(q.year, q.month)).dueDate
    const today = beijingDate(clock.now())
    const rows = (await repo.monthlyRows(db, ctx.actor, q, q.year, q.month)).map((r) =>
      presentMonthlyRow(r, q.year, q.month, today, due),
    )
    const counts = { reported: 0, late: 0, missing: 0, pending: 0, notRequired: 0 }
    for (const r of rows) counts[r.status as MonthlyStatus]++
    const filtered = q.status ? rows.filter((r) => r.status === q.status) : rows
    const s = sortOf(q.sort, MONTHLY_SORTS, 'code')
    const field = s.field.replace('-', '')
    const val = MONTHLY_SORT_VALUE[field] ?? MONTHLY_SORT_VALUE.code
    const dir = s.dir === 'desc' ? -1 : 1
    filtered.sort((a, b) => {
      const x = val(a)
      const y = val(b)
      if (x === y) return a.code < b.code ? -1 : a.code > b.code ? 1 : a.projectId - b.projectId
      if (x == null) return 1 // no figure: last either way
      if (y == null) return -1
      return (x < y ? -1 : 1) * dir
    })
    return {
      rows: filtered,
      counts,
      dueDate: due,
    }
  }

  async function monthlyList(ctx: Ctx, q: MonthlyQuery) {
    const p = pageOf(q)
    const { rows, counts, dueDate } = await monthlyAll(ctx, q)
    return {
      items: rows.slice(p.offset, p.offset + p.pageSize),
      total: rows.length,
      page: p.page,
      pageSize: p.pageSize,
      year: q.year,
      month: q.month,
      dueDate,
      counts,
    }
  }

  async function monthlyExportRows(ctx: Ctx, q: MonthlyQuery) {
    const { rows } = await monthlyAll(ctx, q)
    return rows.slice(0, MAX_EXPORT_ROWS)
  }

  /** Plan, completed and plan-weighted 序时进度 per zone / lead unit / industry section / level. */
  async function rollup(
    ctx: AnyCtx,
    q: { year: number; month: number; by: 'zone' | 'department' | 'industry' | 'level'; zoneId?: number },
  ) {
    // A SystemCtx (the cadence engine closing a month) sees the zone it names, with no scope.
    if (ctx.actor) authorize(ctx.actor, 'project:read')
    const rows = await repo.rollupRows(db, ctx.actor, q.by, q.year, q.month, q.zoneId)
    const EMPTY_LABEL = {
      zone: '未知开发区',
      department: '未指定牵头单位',
      industry: '未分类行业',
      level: '未定级',
    }[q.by]
    type Acc = {
      key: string | null
      label: string
      ord: number | null
      projects: number
      annualPlan: string
      completed: string
      weighted: number
      weight: number
    }
    const groups = new Map<string | null, Acc>()
    const total: Acc = {
      key: null,
      label: '合计',
      ord: null,
      projects: 0,
      annualPlan: '0.00',
      completed: '0.00',
      weighted: 0,
      weight: 0,
    }
    for (const r of rows) {
      let g = groups.get(r.key)
      if (!g) {
        g = {
          key: r.key,
          label: r.label ?? EMPTY_LABEL,
          ord: r.ord,
          projects: r.g_projects,
          annualPlan: r.g_plan,
          completed: r.g_completed,
          weighted: 0,
          weight: 0,
        }
        groups.set(r.key, g)
        Object.assign(total, { projects: r.t_projects, annualPlan: r.t_plan, completed: r.t_completed })
      }
      if (!r.planned) continue
      const sched = scheduleProgress({
        year: q.year,
        asOfMonth: q.month,
        annualPlan: Number(r.planned),
        completed: Number(r.ytd),
        startDate: r.start_date,
        endDate: r.end_date,
      })
      if (!sched) continue
      // 序时进度 of a group: each project's schedule weighted by its annual plan.
      for (const acc of [g, total]) {
        acc.weighted += Number(r.planned) * sched.scheduleRate
        acc.weight += Number(r.planned)
      }
    }
    const out = (a: Acc) => {
      const plan = Number(a.annualPlan)
      const completionRate = plan > 0 ? Number(a.completed) / plan : null
      const scheduleRate = a.weight > 0 ? a.weighted / a.weight : null
      return {
        key: a.key,
        label: a.label,
        projects: a.projects,
        annualPlan: a.annualPlan,
        completed: a.completed,
        completionRate,
        scheduleRate,
        gapPoints:
          completionRate != null && scheduleRate != null
            ? round2((completionRate - scheduleRate) * 100)
            : null,
      }
    }
    const list = [...groups.values()].sort((a, b) => {
      if (a.key == null || b.key == null) return a.key == null ? (b.key == null ? 0 : 1) : -1
      if (q.by === 'level' && a.ord !== b.ord) return (a.ord ?? 1e9) - (b.ord ?? 1e9)
      const d = Number(b.annualPlan) - Number(a.annualPlan)
      return d !== 0 ? d : a.label.localeCompare(b.label, 'zh-CN')
    })
    return { year: q.year, month: q.month, by: q.by, rows: list.map(out), total: out(total) }
  }

  /** A project's investment year: plan, monthly figures with cumulative and 序时进度 per month. */
  async function investment(ctx: Ctx, projectId: number, year?: number) {
    authorize(ctx.actor, 'project:read')
    const p = await loadProject(ctx, projectId)
    const now = clock.now()
    const today = beijingDate(now)
    const last = lastCompletedMonth(now)
    const y = year ?? last.year
    const asOfMonth = y < last.year ? 12 : y === last.year ? last.month : 0
    const cfg = await settings()
    const cal = await calendar.calendar()
    const [plan, reports, total, planRows, years] = await Promise.all([
      repo.getPlan(db, p.id, y),
      repo.projectYearReports(db, p.id, y),
      repo.completedTotal(db, p.id),
      repo.listPlans(db, p.id),
      repo.projectYears(db, p.id),
    ])
    const byMonth = new Map(reports.map((r) => [r.month, r]))
    let cumulative = '0.00'
    const months = []
    let completedThisYear = '0.00'
    for (let m = 1; m <= 12; m++) {
      const r = byMonth.get(m) ?? null
      if (r) cumulative = r.cumulative
      if (m <= asOfMonth) completedThisYear = cumulative
      const sched = plan
        ? scheduleProgress({
            year: y,
            asOfMonth: m,
            annualPlan: Number(plan),
            completed: Number(cumulative),
            startDate: p.start_date,
            endDate: p.end_date,
          })
        : null
      const dueDate = monthlyDue(y, m, cfg, cal).dueDate
      const st = monthlyStatusOf(today, m, dueDate, r, plan, sched)
      months.push({
        month: m,
        completed: r?.completed ?? null,
        cumulative,
        scheduleRate: sched?.scheduleRate ?? null,
        completionRate: sched?.completionRate ?? null,
        dueDate,
        status: st.status as string,
        report: r ? presentMonthly(r) : null,
      })
    }
    const schedule =
      plan && asOfMonth > 0
        ? scheduleProgress({
            year: y,
            asOfMonth,
            annualPlan: Number(plan),
            completed: Number(completedThisYear),
            startDate: p.start_date,
            endDate: p.end_date,
          })
        : null
    const allYears = [...new Set([...years, last.year, beijingYearMonth(now).year, y])].sort((a, b) => a - b)
    return {
      projectId: p.id,
      code: p.code,
      name: p.name,
      year: y,
      asOfMonth,
      annualPlan: plan,
      totalInvestment: p.total_investment,
      completedThisYear,
      completedTotal: total,
      startDate: p.start_date,
      endDate: p.end_date,
      schedule,
      dueDay: cfg.monthlyDueDay,
      months,
      plans: planRows.map((r) => ({ year: r.year, planned: r.planned })),
      years: allYears,
    }
  }

  // ── contract: figures for lights and lists ────────────────────────────────

  /** 序时进度 figures of many projects at a moment (two queries at most, whatever the count). */
  async function scheduleStatuses(
    trx: Db,
    projectIds: number[],
    asOf: Date,
  ): Promise<Map<number, ScheduleStatus>> {
    const { year, month } = lastCompletedMonth(asOf)
    const out = new Map<number, ScheduleStatus>()
    const ids = [...new Set(projectIds)]
    for (let i = 0; i < ids.length; i += 20_000) {
      const rows = await repo.scheduleFigures(trx, ids.slice(i, i + 20_000), year, month)
      for (const r of rows) {
        out.set(r.id, {
          year,
          asOfMonth: month,
          annualPlan: r.planned,
          completedThisYear: r.ytd,
          completedTotal: r.completed_total,
          schedule: r.planned
            ? scheduleProgress({
                year,
                asOfMonth: month,
                annualPlan: Number(r.planned),
                completed: Number(r.ytd),
                startDate: r.start_date,
                endDate: r.end_date,
              })
            : null,
          lastReportedMonth: r.last_month == null ? null : Number(r.last_month),
        })
      }
    }
    return out
  }

  async function scheduleStatus(trx: Db, projectId: number, asOf: Date): Promise<ScheduleStatus> {
    const s = (await scheduleStatuses(trx, [projectId], asOf)).get(projectId)
    if (!s) throw notFound('项目')
    return s
  }

  /** The latest week with a weekly entry, per project ('YYYY-MM-DD'). */
  async function lastWeeklyMap(trx: Db, projectIds: number[]): Promise<Map<number, string>> {
    const rows = await repo.lastWeekly(trx, [...new Set(projectIds)])
    return new Map(rows.map((r) => [r.project_id, r.week_start]))
  }

  // ── weekly progress ───────────────────────────────────────────────────────

  const currentWeek = () => mondayOf(beijingDate(clock.now()))

  function checkWeekStart(ws: string) {
    if (!isRealDate(ws)) throw invalid('weekStart', '周（周一日期）不是有效日期')
    if (mondayOf(ws) !== ws) throw invalid('weekStart', `周的开始日期应为周一（${ws} 不是周一）`)
  }

  /** The weekly due instant per week, with the settings and calendar read once. */
  async function weekDueFn(): Promise<(weekStart: string) => Date> {
    const cfg = await settings()
    const cal = await calendar.calendar()
    return (ws) => weeklyDue(ws, cfg, cal).dueAt
  }

  function presentWeekly(r: repo.WeeklyRow, dueAt: (weekStart: string) => Date, thisWeek: string) {
    return {
      id: r.id,
      projectId: r.project_id,
      projectCode: r.project_code,
      projectName: r.project_name,
      zoneId: r.zone_id,
      leadUnitName: r.lead_unit_name,
      weekStart: r.week_start,
      done: r.done,
      nextPlan: r.next_plan,
      problems: r.problems,
      submittedBy: r.submitted_by_name,
      submittedAt: new Date(r.submitted_at).toISOString(),
      late: new Date(r.submitted_at).getTime() > dueAt(r.week_start).getTime(),
      editable: r.week_start >= addDays(thisWeek, -7),
      version: r.version,
    }
  }

  /**
   * This week's (or last week's) progress of a project: one entry per project per week, editable
   * during its week and the next. With a SystemCtx (demo seed) any past week and `submittedAt` may be given.
   */
  async function submitWeekly(
    ctx: AnyCtx,
    input: {
      projectId: number
      weekStart?: string
      done: string
      nextPlan?: string | null
      problems?: string | null
      version?: number
    },
    opts: { submittedAt?: Date } = {},
  ) {
    if (ctx.actor) authorize(ctx.actor, 'project:report')
    const thisWeek = currentWeek()
    const ws = input.weekStart ?? thisWeek
    checkWeekStart(ws)
    if (ws > thisWeek) throw invalid('weekStart', `不能填报未来周（${ws} 起的一周）的周进展`)
    if (ctx.actor && ws < addDays(thisWeek, -7)) {
      throw invalid('weekStart', `${ws} 起的一周已过填报期：周进展只能在当周和下一周内填报或修改`)
    }
    const done = input.done.trim()
    if (!done) throw invalid('done', '本周完成不能为空')
    const at = (!ctx.actor && opts.submittedAt) || clock.now()
    const cfg = await weekDueFn()
    return db.transaction().execute(async (trx) => {
      const p = await loadProject(ctx, input.projectId, trx)
      const existing = await repo.findWeekly(trx, p.id, ws)
      const values = {
        done,
        next_plan: trimOrNull(input.nextPlan),
        problems: trimOrNull(input.problems),
        submitted_by: ctx.actor?.id ?? null,
        submitted_at: at,
      }
      let id: number
      if (existing) {
        if (input.version === undefined) {
          throw new AppError(
            'VERSION_CONFLICT',
            `该项目 ${ws} 起的一周已填报周进展，请刷新后在原记录上修改`,
            {
              field: 'version',
            },
          )
        }
        if (existing.version !== input.version) throw versionConflict()
        if (!(await repo.updateWeekly(trx, existing.id, input.version, values))) throw versionConflict()
        id = existing.id
      } else {
        id = await repo.insertWeekly(trx, { zone_id: p.zone_id, project_id: p.id, week_start: ws, ...values })
      }
      const after = presentWeekly((await repo.findWeeklyById(trx, id))!, cfg, thisWeek)
      const pick = (w: { done: string; nextPlan: string | null; problems: string | null }) => ({
        done: w.done,
        nextPlan: w.nextPlan,
        problems: w.problems,
      })
      await audit.record(trx, ctx, {
        action: existing ? 'report.weekly.update' : 'report.weekly.submit',
        targetType: 'project',
        targetId: p.id,
        zoneId: p.zone_id,
        summary: `${existing ? '修改' : '填报'}项目 ${p.code} ${ws} 起一周的周进展`,
        before: existing ? pick(presentWeekly(existing, cfg, thisWeek)) : null,
        after: { weekStart: ws, ...pick(after) },
      })
      const brief = done.length > 60 ? `${done.slice(0, 60)}…` : done
      await events.record(trx, ctx, {
        zoneId: p.zone_id,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterprise_id,
        kind: 'report.weekly',
        summary: `${existing ? '修改' : '填报'}周进展（${ws} 起）：${brief}`,
        data: { weekStart: ws, hasProblems: !!after.problems },
      })
      await deps.hooks.emit('reportSubmitted', trx, {
        cadence: 'weekly',
        projectId: p.id,
        periodKey: isoWeekKey(ws),
        submittedAt: at,
        late: after.late,
      })
      await deps.hooks.emit('projectChanged', trx, p.id)
      return after
    })
  }

  type WeeklyQuery = repo.WeeklyFilter & { sort?: string; page?: number; pageSize?: number }

  function weeklySort(q: { sort?: string }) {
    const s = sortOf(q.sort, WEEKLY_SORTS, '-weekStart')
    // sortOf's fallback is the field name; '-weekStart' as a fallback means newest first.
    const raw = s.field.startsWith('-')
      ? { field: s.field.slice(1), dir: 'desc' as const }
      : { field: s.field, dir: s.dir }
    return raw as { field: 'weekStart' | 'submittedAt' | 'projectCode' | 'projectName'; dir: 'asc' | 'desc' }
  }

  async function weeklyList(ctx: Ctx, q: WeeklyQuery) {
    authorize(ctx.actor, 'project:read')
    const p = pageOf(q)
    const cfg = await weekDueFn()
    const thisWeek = currentWeek()
    const { items, total } = await repo.listWeekly(db, ctx.actor, q, weeklySort(q), p)
    return {
      items: items.map((r) => presentWeekly(r, cfg, thisWeek)),
      total,
      page: p.page,
      pageSize: p.pageSize,
    }
  }

  async function weeklyExportRows(ctx: Ctx, q: WeeklyQuery) {
    authorize(ctx.actor, 'project:read')
    const cfg = await weekDueFn()
    const thisWeek = currentWeek()
    const { items } = await repo.listWeekly(db, ctx.actor, q, weeklySort(q), {
      offset: 0,
      pageSize: MAX_EXPORT_ROWS,
    })
    return items.map((r) => presentWeekly(r, cfg, thisWeek))
  }

  type MissingQuery = repo.PortfolioFilter & {
    weekStart?: string
    sort?: string
    page?: number
    pageSize?: number
  }

  /** 本周未报送: visible key projects not in production without an entry for the week. */
  async function weeklyMissing(ctx: Ctx, q: MissingQuery, all = false) {
    authorize(ctx.actor, 'project:read')
    const ws = q.weekStart ?? currentWeek()
    checkWeekStart(ws)
    const p = all ? { page: 1, pageSize: MAX_EXPORT_ROWS, offset: 0 } : pageOf(q)
    const s = sortOf(q.sort, MISSING_SORTS, 'code')
    const { items, total } = await repo.listMissing(
      db,
      ctx.actor,
      q,
      ws,
      { field: s.field.replace('-', '') as 'code', dir: s.dir },
      p,
    )
    const dueAt = (await weekDue(ws)).dueAt
    return {
      items: items.map((r) => ({
        projectId: r.id,
        code: r.code,
        name: r.name,
        stage: r.stage,
        zoneId: r.zone_id,
        leadUnitName: r.lead_unit_name,
        teamHeads: r.team_heads ?? [],
        stewards: r.stewards ?? [],
        leaders: r.leaders ?? [],
        lastWeekStart: r.last_week_start,
      })),
      total,
      page: p.page,
      pageSize: p.pageSize,
      weekStart: ws,
      dueAt: dueAt.toISOString(),
      overdue: clock.now().getTime() > dueAt.getTime(),
    }
  }

  /** The projects a reporter picks from on the weekly page: their own (专班 / 包联) first. */
  async function weeklyTargets(ctx: Ctx, q: { weekStart?: string; keyword?: string }) {
    authorize(ctx.actor, 'project:report')
    const ws = q.weekStart ?? currentWeek()
    checkWeekStart(ws)
    const rows = await repo.weeklyTargets(db, ctx.actor, ws, q.keyword)
    return {
      weekStart: ws,
      previousWeekStart: addDays(currentWeek(), -7),
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        stage: r.stage,
        mine: !!r.mine,
        reported: !!r.reported,
      })),
    }
  }

  /** 按时报送率 per lead unit of a zone's key projects over [from, to] (see reports-punctuality.ts). */
  async function punctuality(zoneId: number, from: string, to: string): Promise<Punctuality[]> {
    return punctualityOf(db, await settings(), await calendar.calendar(), {
      zoneId,
      from,
      to,
      now: clock.now(),
    })
  }

  return {
    // contract
    scheduleStatus,
    punctuality,
    scheduleStatuses,
    lastWeeklyMap,
    setYearPlan,
    setYearPlans,
    // settings
    settings,
    updateSettings,
    // plans
    plans,
    putYearPlan,
    // monthly
    submitMonthly,
    monthlyList,
    monthlyExportRows,
    rollup,
    investment,
    // weekly
    submitWeekly,
    weeklyList,
    weeklyExportRows,
    weeklyMissing,
    weeklyTargets,
  }
}

export type ReportsService = ReturnType<typeof createReportsService>
