import type { AnyCtx, Deps, SystemCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError } from '../../errors.ts'
import { addDays, beijingDate, daysBetween, isRealDate } from '../../lib/time.ts'
import {
  addWorkingDays,
  isWorkingDay,
  type WorkCalendar,
  workingDaysBetween,
  workingDaysUntil,
} from '../../lib/working-days.ts'
import type { Actor } from '../../policies/index.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService, TimelineEvent } from '../events/events.service.ts'
import type { DeadlineSettings, DeadlineSettingsService } from './deadline-settings.ts'
import type { ProblemsService } from './problems.service.ts'
import * as repo from './supervision.repository.ts'
import {
  chineseDate,
  HANDLING,
  lightOf,
  SUPERVISION_LABEL,
  shortChineseDate,
  targetLevel,
  WAITING,
  YELLOW_WITHIN_WORKING_DAYS,
} from './supervision-rules.ts'

const jobCtx: SystemCtx = { actor: null, ip: null, requestId: null, label: '督办任务' }

/** How far back late resolutions still get their overdue days filled in (if the job runner was down). */
const OVERDUE_LOOKBACK_DAYS = 45

export const FIGURE_SORT_FIELDS = [
  'name',
  'received',
  'responseRate',
  'firstReplyRate',
  'onTimeRate',
  'resolutionRate',
  'satisfactionRate',
  'overdueCount',
  'overdueDays',
  'avgResolveDays',
] as const
export type FigureSortField = (typeof FIGURE_SORT_FIELDS)[number]
export const FIGURE_SORTS = FIGURE_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as Array<
  FigureSortField | `-${FigureSortField}`
>

export interface Rate {
  numerator: number
  denominator: number
  /** numerator / denominator, 0–1 (4 decimals); null when there is nothing to measure */
  rate: number | null
}

const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
})

export interface FigureRow {
  key: number | null
  name: string
  received: number
  accepted: number
  resolved: number
  confirmed: number
  /** 响应率: accepted by the acceptance deadline / problems whose acceptance was due */
  responseRate: Rate
  /** 首次答复及时率: first reply by its due time / accepted problems whose first reply was due */
  firstReplyRate: Rate
  /** 按期办结率: resolved by the deadline / resolved */
  onTimeRate: Rate
  /** 办结率: resolved or closed / accepted */
  resolutionRate: Rate
  /** 满意率: (satisfied + basically satisfied) / confirmed */
  satisfactionRate: Rate
  /** problems with overdue working days in the period, and those days (责任追究) */
  overdueCount: number
  overdueDays: number
  /** average working days from acceptance to resolution (resolved problems of the period) */
  avgResolveDays: number | null
}

/**
 * 督办 and 日调度 (SPEC §4): the escalation job (催办, 督办 to the department head then the 包联
 * leader, 受理超时, overdue working days against the lead department, lights), the daily board and
 * its text for the work group, and the departments' figures (三率 + overdue).
 */
export function createSupervisionService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    calendar: CalendarService
    deadlines: DeadlineSettingsService
    problems: ProblemsService
  },
) {
  const { db } = deps

  // ——— the escalation job ———

  /**
   * One pass of 督办 at `now` (idempotent: a second pass at the same time changes nothing):
   * - lights: red overdue (or acceptance overdue), yellow due within 3 working days or extended;
   * - 催办: on working days, a reminder on the timeline of each handled problem due within
   *   `remindBeforeDays` working days (once a day);
   * - 督办: an overdue problem goes to level 1 (the lead department's head), then level 2 (the 包联
   *   leader) after one more working day overdue or at once when 重点 / 挂牌; each step is a timeline
   *   event and an audit entry;
   * - 受理超时: a problem not accepted by its acceptance deadline is flagged on its timeline once;
   * - 责任追究: each overdue working day is recorded once against the lead department.
   */
  async function runEscalation(now: Date) {
    const today = beijingDate(now)
    const cal = await s.calendar.calendar()
    const settings = await s.deadlines.get()
    const soonLimit = addWorkingDays(cal, today, YELLOW_WITHIN_WORKING_DAYS)
    const remindLimit = addWorkingDays(cal, today, settings.remindBeforeDays)
    const workingToday = isWorkingDay(cal, today)
    let reminded = 0
    let escalated = 0
    let acceptOverdue = 0
    let lights = await repo.greenFinished(db)

    // working days late, counted back from today in one walk for every overdue problem
    const lateBy = workingDaysUntil(cal, today)
    for (const p of await repo.escalationCandidates(db)) {
      const deadlineAt = p.deadline_at ? new Date(p.deadline_at) : null
      const acceptDueAt = p.accept_due_at ? new Date(p.accept_due_at) : null
      const dueDate = deadlineAt ? beijingDate(deadlineAt) : null
      const light = lightOf(
        { status: p.status, deadlineAt, acceptDueAt, extended: p.extended },
        now,
        dueDate,
        soonLimit,
      )
      const patch: Parameters<typeof repo.setEscalationFields>[2] = {}
      const steps: Array<{ level: 1 | 2; summary: string; data: Record<string, unknown> }> = []
      let remind: TimelineEvent | null = null
      let flag: TimelineEvent | null = null
      if (light !== p.light) patch.light = light

      if (HANDLING.includes(p.status) && deadlineAt && dueDate) {
        if (now > deadlineAt) {
          const late = lateBy(dueDate)
          const target = targetLevel(late, p.supervision_level)
          const base = { workingDaysLate: late, deadlineAt: deadlineAt.toISOString(), dueDate }
          if (p.escalation_level < 1) {
            const head = p.lead_department_id ? await repo.departmentHead(db, p.lead_department_id) : null
            const to = head
              ? `${head.name}负责人${head.head_name ?? '（未设置部门负责人，请在组织机构中设置）'}`
              : '牵头单位负责人（未确定牵头单位）'
            steps.push({
              level: 1,
              summary: `逾期，升级督办至${to}`,
              data: { ...base, level: 1, toUserIds: head?.head_user_id ? [head.head_user_id] : [] },
            })
          }
          if (target === 2 && p.escalation_level < 2) {
            const leaders = await repo.liaisonLeaders(db, p)
            const why =
              p.supervision_level !== 'normal' && late < 2
                ? `${SUPERVISION_LABEL[p.supervision_level]}问题逾期`
                : `逾期 ${late} 个工作日`
            steps.push({
              level: 2,
              summary: `${why}，升级督办至包联领导${
                leaders.length ? leaders.map((l) => l.display_name).join('、') : '（未设置包联领导）'
              }`,
              data: { ...base, level: 2, toUserIds: leaders.map((l) => l.id) },
            })
          }
          if (steps.length) {
            patch.escalation_level = steps[steps.length - 1]!.level
            patch.escalated_at = now
          }
        } else {
          // The deadline moved (an approved extension, a new triage): escalation starts over.
          if (p.escalation_level > 0) patch.escalation_level = 0
          const remindedToday = p.reminded_at && beijingDate(new Date(p.reminded_at)) >= today
          if (workingToday && dueDate <= remindLimit && !remindedToday) {
            const left = workingDaysBetween(cal, today, dueDate)
            const unit = p.lead_department_name
              ? `，请牵头单位${p.lead_department_name}抓紧办理`
              : '，请抓紧办理'
            remind = {
              zoneId: p.zone_id,
              subjectType: 'problem',
              subjectId: p.id,
              kind: 'remind',
              summary:
                left === 0
                  ? `催办：今日（${shortChineseDate(dueDate)}）到期${unit}`
                  : `催办：${shortChineseDate(dueDate)}到期，还有 ${left} 个工作日${unit}`,
              data: { dueDate, workingDaysLeft: left, departmentId: p.lead_department_id },
            }
            patch.reminded_at = now
          }
        }
      } else if (WAITING.includes(p.status) && acceptDueAt && now > acceptDueAt) {
        const key = acceptDueAt.toISOString()
        if (!(await repo.acceptOverdueFlagged(db, p.id, key))) {
          const late = lateBy(beijingDate(acceptDueAt))
          flag = {
            zoneId: p.zone_id,
            subjectType: 'problem',
            subjectId: p.id,
            kind: 'escalate',
            summary: `受理超时：应于${shortChineseDate(beijingDate(acceptDueAt))}前受理分办${
              late ? `，已超过 ${late} 个工作日` : ''
            }，请督查室尽快分办`,
            data: { reason: 'accept_overdue', acceptDueAt: key, workingDaysLate: late },
          }
        }
      }

      if (!Object.keys(patch).length && !remind && !flag) continue
      await db.transaction().execute(async (trx) => {
        await repo.setEscalationFields(trx, p.id, patch)
        if (remind) await s.events.record(trx, jobCtx, remind)
        if (flag) await s.events.record(trx, jobCtx, flag)
        for (const step of steps) {
          await s.events.record(trx, jobCtx, {
            zoneId: p.zone_id,
            subjectType: 'problem',
            subjectId: p.id,
            kind: 'escalate',
            summary: step.summary,
            data: { reason: 'overdue', ...step.data },
          })
          await s.audit.record(trx, jobCtx, {
            action: 'problem.escalate',
            targetType: 'problem',
            targetId: p.id,
            zoneId: p.zone_id,
            summary: `问题 ${p.code}：${step.summary}`,
            before: { escalationLevel: p.escalation_level },
            after: { escalationLevel: step.level },
          })
        }
      })
      if (patch.light) lights++
      if (remind) reminded++
      if (flag) acceptOverdue++
      escalated += steps.length
    }
    const overdueDays = await recordOverdueDays(db, cal, now)
    return { reminded, escalated, overdueDays, acceptOverdue, lights }
  }

  /** 责任追究: each overdue working day once per problem, against the lead department. */
  async function recordOverdueDays(trx: Db, cal: WorkCalendar, now: Date) {
    const today = beijingDate(now)
    const lookback = new Date(now.getTime() - OVERDUE_LOOKBACK_DAYS * 86_400_000)
    let added = 0
    for (const p of await repo.overdueSpans(trx, now, lookback)) {
      const dueDate = beijingDate(new Date(p.deadline_at!))
      const end = HANDLING.includes(p.status) ? today : beijingDate(new Date(p.resolved_at!))
      const rows: Parameters<typeof repo.insertOverdueDays>[1] = []
      for (let d = addDays(dueDate, 1); d <= end; d = addDays(d, 1)) {
        if (isWorkingDay(cal, d))
          rows.push({ problem_id: p.id, day: d, zone_id: p.zone_id, department_id: p.lead_department_id })
      }
      added += await repo.insertOverdueDays(trx, rows)
    }
    return added
  }

  // ——— 日调度 board ———

  function dayOf(date: string | undefined, field = 'date') {
    const day = date ?? beijingDate(deps.clock.now())
    if (!isRealDate(day)) throw new AppError('VALIDATION', '日期格式应为 YYYY-MM-DD', { field })
    return day
  }

  /**
   * The 日调度 board of a day. `limit` caps each list (worst first; the counts stay exact): a big
   * zone has thousands of open problems, the page shows the first ones and the problem list the rest.
   * The database counts the buckets and fetches only the rows shown.
   */
  async function board(actor: Actor, q: { date?: string; zoneId?: number; limit?: number } = {}) {
    const date = dayOf(q.date)
    const f = {
      from: repo.beijingMidnight(date),
      to: repo.beijingMidnight(addDays(date, 1)),
      zoneId: q.zoneId,
    }
    const list = (name: repo.BoardList, limit = q.limit) => repo.boardList(db, actor, f, name, { limit })
    const [cal, c, byDeptRows, extensions, events, ...rows] = await Promise.all([
      s.calendar.calendar(),
      repo.boardCounts(db, actor, f),
      repo.boardOverdueByDepartment(db, actor, f),
      repo.pendingExtensions(db, actor, q.zoneId),
      repo.supervisionEvents(db, actor, f),
      list('newToday'),
      list('dueToday'),
      // one row past the limit: whether the limit cuts a run of equally late rows
      list('overdue', q.limit && q.limit + 1),
      list('escalated'),
      list('acceptOverdue'),
      list('awaitingConfirmation'),
      list('returned'),
    ])
    const [newToday, dueToday, overdue, escalated, acceptOverdue, awaitingConfirmation, returned] = rows
    // Working days late by due date: the rows shown share a few hundred due dates, and a walk
    // from each of them to the day was most of the board's time; one walk back from the day serves all.
    const daysLate = workingDaysUntil(cal, date)
    type Item = ReturnType<typeof item>
    function item(r: repo.BoardRow) {
      const dueDate = r.deadline_at ? beijingDate(new Date(r.deadline_at)) : null
      const acceptDueDate = r.accept_due_at ? beijingDate(new Date(r.accept_due_at)) : null
      const confirmDueDate = r.confirm_due_at ? beijingDate(new Date(r.confirm_due_at)) : null
      let workingDaysLate = 0
      if (HANDLING.includes(r.status) && dueDate && dueDate < date) workingDaysLate = daysLate(dueDate)
      else if (WAITING.includes(r.status) && acceptDueDate && acceptDueDate < date)
        workingDaysLate = daysLate(acceptDueDate)
      return {
        id: r.id,
        zoneId: r.zone_id,
        code: r.code,
        title: r.title,
        status: r.status,
        category: r.category,
        type: r.type,
        light: r.light,
        supervisionLevel: r.supervision_level,
        enterpriseId: r.enterprise_id,
        enterpriseName: r.enterprise_name,
        leadDepartmentId: r.lead_department_id,
        leadDepartmentName: r.lead_department_name,
        leadDepartmentShort: r.lead_department_short ?? r.lead_department_name,
        receivedAt: new Date(r.received_at).toISOString(),
        acceptDueDate,
        dueDate,
        deadlineAt: r.deadline_at ? new Date(r.deadline_at).toISOString() : null,
        extended: r.extended,
        resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
        confirmDueDate,
        /** resolved and the enterprise's confirmation wait is over: ready for a call-back (回访) */
        pastConfirmWait: r.status === 'resolved' && !!confirmDueDate && confirmDueDate < date,
        escalationLevel: r.escalation_level,
        escalatedAt: r.escalated_at ? new Date(r.escalated_at).toISOString() : null,
        workingDaysLate,
        link: `/problems/${r.id}`,
      }
    }
    const overdueItems = await worstFirst(overdue!.map(item))
    /**
     * The overdue list, worst first: most working days late, then id. Fetched by deadline (the
     * earliest due is the latest), which is the same order but for runs of rows equally late on
     * several due dates (a Friday and the weekend after it); when the limit cuts such a run, the
     * run's rows are fetched again by id.
     */
    async function worstFirst(byDeadline: Item[]) {
      const byLate = (a: Item, b: Item) => b.workingDaysLate - a.workingDaysLate || a.id - b.id
      const limit = q.limit
      if (!limit || byDeadline.length <= limit) return byDeadline.sort(byLate)
      const edge = byDeadline[limit - 1]!.workingDaysLate
      if (byDeadline[limit]!.workingDaysLate < edge) return byDeadline.slice(0, limit).sort(byLate)
      const worse = byDeadline.filter((i) => i.workingDaysLate > edge).sort(byLate)
      const first = byDeadline.find((i) => i.workingDaysLate === edge)!.dueDate!
      let last = first
      for (let d = addDays(first, 1); d < date && daysLate(d) === edge; d = addDays(d, 1)) last = d
      const run = await repo.boardList(db, actor, f, 'overdue', {
        limit: limit - worse.length,
        deadlines: { from: repo.beijingMidnight(first), to: repo.beijingMidnight(addDays(last, 1)) },
      })
      return [...worse, ...run.map(item)]
    }
    const overdueByDepartment = byDeptRows
      .map((r) => ({
        departmentId: r.lead_department_id,
        name: r.short_name ?? r.name ?? '未确定牵头单位',
        count: r.count,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    const counts = {
      newToday: c.newToday,
      dueToday: c.dueToday,
      overdue: c.overdue,
      escalated: c.escalated,
      acceptOverdue: c.acceptOverdue,
      awaitingConfirmation: c.awaitingConfirmation,
      pastConfirmWait: c.pastConfirmWait,
      extensionRequests: extensions.length,
      returned: c.returned,
    }
    return {
      date,
      today: beijingDate(deps.clock.now()),
      workingDay: isWorkingDay(cal, date),
      listLimit: q.limit ?? null,
      counts,
      overdueByDepartment,
      newToday: newToday!.map(item),
      dueToday: dueToday!.map(item),
      overdue: overdueItems,
      escalated: escalated!.map(item),
      acceptOverdue: acceptOverdue!.map(item),
      awaitingConfirmation: awaitingConfirmation!.map(item),
      returned: returned!.map(item),
      extensionRequests: extensions.map((x) => ({
        id: x.id,
        problemId: x.problem_id,
        code: x.code,
        title: x.title,
        status: x.status,
        enterpriseName: x.enterprise_name,
        leadDepartmentName: x.lead_department_name,
        dueDate: x.deadline_at ? beijingDate(new Date(x.deadline_at)) : null,
        days: x.days,
        reason: x.reason,
        requestedAt: new Date(x.requested_at).toISOString(),
        requestedBy: x.requested_by_name,
        link: `/problems/${x.problem_id}`,
      })),
      events: events.map((e) => ({
        id: String(e.id),
        kind: e.kind,
        at: new Date(e.at).toISOString(),
        summary: e.summary,
        problemId: e.problem_id,
        code: e.code,
        title: e.title,
        level: typeof e.data?.level === 'number' ? e.data.level : null,
        link: `/problems/${e.problem_id}`,
      })),
    }
  }
  type Board = Awaited<ReturnType<typeof board>>

  /** The day's board as text for the work group (the notifications issue adds the robots). */
  async function summaryText(actor: Actor, q: { date?: string; zoneId?: number } = {}) {
    const b = await board(actor, q)
    return { date: b.date, text: composeSummary(b) }
  }

  function composeSummary(b: Board) {
    const c = b.counts
    const parts = [`新增问题 ${c.newToday} 件`, `今日到期 ${c.dueToday} 件`]
    if (c.overdue) {
      const depts = b.overdueByDepartment.map((d) => `${d.name} ${d.count} 件`).join('、')
      parts.push(`逾期 ${c.overdue} 件（${depts}）`)
    } else parts.push('无逾期问题')
    if (c.escalated) parts.push(`已升级督办 ${c.escalated} 件`)
    if (c.acceptOverdue) parts.push(`受理超时 ${c.acceptOverdue} 件`)
    if (c.awaitingConfirmation)
      parts.push(
        `待企业确认 ${c.awaitingConfirmation} 件${c.pastConfirmWait ? `（其中 ${c.pastConfirmWait} 件已超过等待期，请安排回访）` : ''}`,
      )
    if (c.extensionRequests) parts.push(`延期申请 ${c.extensionRequests} 件待审批`)
    if (c.returned) parts.push(`退回待重新分办 ${c.returned} 件`)
    const lines = [`【日调度】${chineseDate(b.date)}：${parts.join('，')}。`]
    const who = (i: Board['overdue'][number]) =>
      [i.enterpriseName, i.leadDepartmentShort ? `牵头：${i.leadDepartmentShort}` : null]
        .filter(Boolean)
        .join('，')
    if (b.overdue.length) {
      lines.push('逾期清单：')
      b.overdue.forEach((i, n) => {
        const level =
          i.escalationLevel >= 2
            ? '，已升级至包联领导'
            : i.escalationLevel === 1
              ? '，已升级至部门负责人'
              : ''
        const sup = i.supervisionLevel !== 'normal' ? `【${SUPERVISION_LABEL[i.supervisionLevel]}】` : ''
        lines.push(
          `${n + 1}. ${sup}${i.code} ${i.title}（${who(i)}）——逾期 ${i.workingDaysLate} 个工作日${level}`,
        )
      })
    }
    if (b.dueToday.length) {
      lines.push('今日到期：')
      b.dueToday.forEach((i, n) => {
        lines.push(`${n + 1}. ${i.code} ${i.title}（${who(i)}）`)
      })
    }
    if (b.extensionRequests.length) {
      lines.push('延期申请：')
      b.extensionRequests.forEach((x, n) => {
        lines.push(
          `${n + 1}. ${x.code} ${x.title}（${x.leadDepartmentName ?? ''}申请延期 ${x.days} 个工作日）`,
        )
      })
    }
    if (b.acceptOverdue.length) {
      lines.push('受理超时：')
      b.acceptOverdue.forEach((i, n) => {
        lines.push(`${n + 1}. ${i.code} ${i.title}${i.enterpriseName ? `（${i.enterpriseName}）` : ''}`)
      })
    }
    if (c.pastConfirmWait) {
      lines.push('待回访：')
      b.awaitingConfirmation
        .filter((i) => i.pastConfirmWait)
        .forEach((i, n) => {
          lines.push(`${n + 1}. ${i.code} ${i.title}${i.enterpriseName ? `（${i.enterpriseName}）` : ''}`)
        })
    }
    return lines.join('\n')
  }

  // ——— 三率 figures ———

  function periodOf(q: { from?: string; to?: string }) {
    const today = beijingDate(deps.clock.now())
    const from = q.from ?? `${today.slice(0, 8)}01`
    const to = q.to ?? today
    if (!isRealDate(from)) throw new AppError('VALIDATION', '开始日期格式应为 YYYY-MM-DD', { field: 'from' })
    if (!isRealDate(to)) throw new AppError('VALIDATION', '结束日期格式应为 YYYY-MM-DD', { field: 'to' })
    if (to < from) throw new AppError('VALIDATION', '结束日期不能早于开始日期', { field: 'to' })
    if (daysBetween(from, to) > 731) throw new AppError('VALIDATION', '统计区间不能超过两年', { field: 'to' })
    return { from, to }
  }

  async function figures(
    actor: Actor,
    q: { from?: string; to?: string; by?: repo.FiguresBy; zoneId?: number; sort?: string } = {},
  ) {
    const { from, to } = periodOf(q)
    const by = q.by ?? 'department'
    const range = {
      from: repo.beijingMidnight(from),
      to: repo.beijingMidnight(addDays(to, 1)),
      by,
      zoneId: q.zoneId,
    }
    const [counts, spans, overdue, cal] = await Promise.all([
      repo.figureCounts(db, actor, { ...range, now: deps.clock.now() }),
      repo.resolvedSpans(db, actor, range),
      repo.overdueFigures(db, actor, { fromDay: from, toDay: to, by, zoneId: q.zoneId }),
      s.calendar.calendar(),
    ])
    type Acc = Omit<(typeof counts)[number], 'key'> & {
      overdue_count: number
      overdue_days: number
      spanDays: number[]
    }
    const zero = (): Acc => ({
      received: 0,
      accept_due: 0,
      accepted_on_time: 0,
      accepted: 0,
      reply_due: 0,
      replied_on_time: 0,
      resolved: 0,
      resolved_on_time: 0,
      confirmed: 0,
      satisfied: 0,
      overdue_count: 0,
      overdue_days: 0,
      spanDays: [],
    })
    const acc = new Map<number | null, Acc>()
    const at = (k: number | null) => {
      const a = acc.get(k) ?? zero()
      acc.set(k, a)
      return a
    }
    for (const c of counts) {
      const { key, ...rest } = c
      Object.assign(at(key), rest)
    }
    for (const o of overdue) {
      const a = at(o.key)
      a.overdue_count = o.overdue_count
      a.overdue_days = o.overdue_days
    }
    for (const sp of spans) {
      at(sp.key).spanDays.push(
        workingDaysBetween(
          cal,
          beijingDate(new Date(sp.accepted_at!)),
          beijingDate(new Date(sp.resolved_at!)),
        ),
      )
    }
    const names = await repo.departmentNames(
      db,
      [...acc.keys()].filter((k): k is number => k !== null),
    )
    const toRow = (key: number | null, a: Acc, name: string): FigureRow => ({
      key,
      name,
      received: a.received,
      accepted: a.accepted,
      resolved: a.resolved,
      confirmed: a.confirmed,
      responseRate: rate(a.accepted_on_time, a.accept_due),
      firstReplyRate: rate(a.replied_on_time, a.reply_due),
      onTimeRate: rate(a.resolved_on_time, a.resolved),
      resolutionRate: rate(a.resolved, a.accepted),
      satisfactionRate: rate(a.satisfied, a.confirmed),
      overdueCount: a.overdue_count,
      overdueDays: a.overdue_days,
      avgResolveDays: a.spanDays.length
        ? Math.round((a.spanDays.reduce((x, y) => x + y, 0) / a.spanDays.length) * 10) / 10
        : null,
    })
    const rows = [...acc.entries()].map(([k, a]) =>
      toRow(k, a, k === null ? (by === 'zone' ? '未知开发区' : '未分办') : (names.get(k)?.name ?? `#${k}`)),
    )
    const sum = zero()
    for (const a of acc.values()) {
      for (const f of Object.keys(sum) as Array<keyof Acc>) {
        if (f === 'spanDays') sum.spanDays.push(...a.spanDays)
        else sum[f] += a[f]
      }
    }
    return { from, to, by, rows: sortFigures(rows, q.sort), total: toRow(null, sum, '合计') }
  }

  function sortFigures(rows: FigureRow[], sort = '-received') {
    const desc = sort.startsWith('-')
    const field = (desc ? sort.slice(1) : sort) as FigureSortField
    const value = (r: FigureRow): number | string | null => {
      const v = r[field]
      if (v !== null && typeof v === 'object') return v.rate
      return v
    }
    return [...rows].sort((a, b) => {
      const va = value(a)
      const vb = value(b)
      if (va === vb) return a.name.localeCompare(b.name, 'zh-CN')
      if (va === null) return 1 // no figure: last either way
      if (vb === null) return -1
      const cmp = typeof va === 'string' ? va.localeCompare(String(vb), 'zh-CN') : va - Number(vb)
      return desc ? -cmp : cmp
    })
  }

  // ——— deadline settings (限时办结) ———

  /** Checks the category limits against the dictionary and the maximum, then saves. */
  async function updateDeadlines(ctx: AnyCtx, next: DeadlineSettings) {
    if (ctx.actor) authorize(ctx.actor, 'portfolio:configure')
    const codes = Object.keys(next.byCategory)
    if (codes.length) {
      const known = new Map(
        (
          await db
            .selectFrom('dict_items')
            .select(['code', 'label'])
            .where('type_code', '=', 'problem_category')
            .where('code', 'in', codes)
            .execute()
        ).map((r) => [r.code, r.label]),
      )
      for (const code of codes) {
        if (!known.has(code))
          throw new AppError('VALIDATION', `问题类别「${code}」不在字典中`, { field: 'byCategory' })
        if (next.byCategory[code]! > next.maxDays)
          throw new AppError(
            'VALIDATION',
            `类别「${known.get(code)}」的时限不能超过最长时限 ${next.maxDays} 个工作日`,
            { field: 'byCategory' },
          )
      }
    }
    return s.deadlines.update(ctx, next)
  }

  return { runEscalation, board, summaryText, figures, updateDeadlines }
}

export type SupervisionService = ReturnType<typeof createSupervisionService>
