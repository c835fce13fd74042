import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { ProblemStatus } from '../../db/schema-problems.ts'
import { deleteVersioned, updateVersioned } from '../../db/sql-helpers.ts'
import { AppError, forbidden, found, invalid, notFound, versionConflict } from '../../errors.ts'
import { searchVector } from '../../lib/chinese-search.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { beijingDate, formatBeijing, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import {
  targetZone,
  unitsServingZone,
  usersServingZone,
  type ZoneRef,
  zoneById,
} from '../../policies/zone-target.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { DepartmentsService } from '../departments/departments.service.ts'
import type { EnterprisesService } from '../enterprises/enterprises.service.ts'
import { insertEvent } from '../events/events.repository.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { DeadlineSettingsService } from './deadline-settings.ts'
import {
  assertTransition,
  canFrom,
  FLOW,
  FLOW_ACTIONS,
  type FlowAction,
  OPEN_STATUSES,
  SATISFACTION_LABEL,
  STATUS_LABEL,
  SUPERVISION_LABEL,
  TASK_STATUS_LABEL,
  TYPE_LABEL,
  type Who,
} from './problem-flow.ts'
import { oneProblemText, problemSetText, type TextLabels } from './problem-lists-text.ts'
import {
  type ProblemRowOut,
  presentExtension,
  presentRaw,
  presentRow,
  presentTask,
  presentTaskListRow,
} from './problems.presenters.ts'
import * as repo from './problems.repository.ts'
import { PROBLEM_SORTS } from './problems.schema.ts'

export type { PresentedProblem } from './problems.presenters.ts'

/** A new problem, from any intake: the web form, weekly progress, visits, Open311, seeds. */
export interface NewProblemInput {
  zoneId: number
  title: string
  description: string
  category?: string | null
  source: string
  enterpriseId?: number | null
  projectId?: number | null
  address?: string | null
  lng?: number | null
  lat?: number | null
  reporterUserId?: number | null
  reporterName?: string | null
  reporterPhone?: string | null
  firstReceiverId?: number | null
  rectifyDeadline?: string | null
  visitId?: number | null
  /** when it was received (seeds place history in the past); default now */
  at?: Date
}

/** Options of every write: `at` places the step in the past (demo seed); default now. */
export interface At {
  at?: Date
}

type ProblemType = 'onsite' | 'common' | 'longterm'
type Level = 'normal' | 'key' | 'listed'
type Satisfaction = 'satisfied' | 'basic' | 'unsatisfied'

export interface AcceptInput {
  type: ProblemType
  category: string
  leadDepartmentId: number
  coDepartmentIds?: number[]
  responsibleLeaderId?: number | null
  responsibleUserId?: number | null
  deadlineDays?: number
  supervisionLevel?: Level
  note?: string
  version?: number
}

export interface TaskInput {
  title?: string
  ownerDepartmentId?: number | null
  ownerUserId?: number | null
  dueDate?: string | null
  note?: string | null
  status?: 'todo' | 'doing' | 'done'
  sort?: number
}

type Filter = repo.ProblemFilter & { sort?: string }

const DICT_TYPES = ['problem_category', 'problem_source'] as const
type DictType = (typeof DICT_TYPES)[number]
const DICT_TITLE: Record<DictType, string> = { problem_category: '问题类别', problem_source: '问题来源' }
const DICT_TTL_MS = 10_000

const FORBIDDEN_BY_WHO: Record<Who, string> = {
  staff: '企业账号不能接收问题',
  triage: '只有督查室（受理分办权限）可以执行此操作',
  handler: '只有牵头单位、配合单位、责任人或督查室可以办理该问题',
  reporter: '只有反映问题的企业（或反映人本人）可以执行此操作',
  callback: '回访须由办理人以外的人员进行（不能是责任人、牵头单位人员或办结人）',
}

/**
 * Enterprise accounts — linked to an enterprise, or holding only the "own records" data scope (the
 * built-in 企业用户 role): they report and confirm, they do not receive or handle.
 */
export function isEnterpriseUser(actor: Actor) {
  const g = actor.scope
  const onlySelf = g.self && !g.all && !g.zoneIds.length && !g.subtreePaths.length && !g.deptIds.length
  return actor.enterpriseId != null || onlySelf
}

interface Facts {
  p: repo.RawProblem
  units: Awaited<ReturnType<typeof repo.unitsOf>>
  pending: Awaited<ReturnType<typeof repo.pendingExtension>>
}

/**
 * The problem closed loop (SPEC §4): intake with 首问责任制, triage into the 三个清单, handling
 * with replies, tasks, returns and extensions, resolution with evidence, closure by the enterprise's
 * confirmation or an independent call-back. Every step is checked against one transition table
 * (problem-flow.ts), is an event on the problem's timeline and an audit entry.
 */
export function createProblemsService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    calendar: CalendarService
    deadlines: DeadlineSettingsService
    projects: ProjectsService
    enterprises: EnterprisesService
    attachments: AttachmentsService
    departments: DepartmentsService
  },
) {
  const { db, clock } = deps

  // ---------- dictionaries ----------

  let dictCache: {
    at: number
    byType: Map<string, Map<string, { label: string; enabled: boolean }>>
  } | null = null
  async function dicts(trx: Db = db) {
    if (!dictCache || Date.now() - dictCache.at > DICT_TTL_MS) {
      const byType = new Map<string, Map<string, { label: string; enabled: boolean }>>()
      for (const r of await repo.dictItems(trx, [...DICT_TYPES])) {
        const m = byType.get(r.type_code) ?? new Map()
        m.set(r.code, { label: r.label, enabled: r.enabled })
        byType.set(r.type_code, m)
      }
      dictCache = { at: Date.now(), byType }
    }
    return dictCache.byType
  }
  async function checkDict(trx: Db, type: DictType, code: string, field: string) {
    const item = (await dicts(trx)).get(type)?.get(code)
    if (!item?.enabled) throw invalid(field, `${DICT_TITLE[type]}「${code}」不在字典中`)
  }
  async function labels(): Promise<TextLabels> {
    const d = await dicts()
    const lbl = (type: DictType) => (code: string | null) =>
      code ? (d.get(type)?.get(code)?.label ?? code) : '未分类'
    return { category: lbl('problem_category'), source: lbl('problem_source') }
  }

  // ---------- who may do what ----------

  const under = (actor: Actor, path: string | null | undefined) =>
    !!path && actor.departmentPath.startsWith(path)

  function inUnits(actor: Actor, f: Facts) {
    return f.units.some((u) => under(actor, u.path))
  }

  function leadPath(f: Facts) {
    return f.units.find((u) => u.role === 'lead')?.path ?? null
  }

  function who(actor: Actor, w: Who, f: Facts): boolean {
    const has = (perm: string) => hasPermission(actor, perm)
    switch (w) {
      case 'staff':
        return (
          !isEnterpriseUser(actor) &&
          (has('problem:report') || has('problem:triage') || has('problem:handle'))
        )
      case 'triage':
        return has('problem:triage')
      case 'handler':
        return (
          has('problem:handle') &&
          (has('problem:triage') || inUnits(actor, f) || f.p.responsible_user_id === actor.id)
        )
      case 'reporter':
        return (
          has('problem:report') &&
          ((actor.enterpriseId != null && actor.enterpriseId === f.p.enterprise_id) ||
            f.p.reporter_user_id === actor.id)
        )
      case 'callback':
        return has('problem:callback') && independent(actor, f)
    }
  }

  /** 回访 by someone who did not handle it: not the responsible person, not in the lead unit, not the resolver. */
  function independent(actor: Actor, f: Facts) {
    return f.p.responsible_user_id !== actor.id && f.p.resolved_by !== actor.id && !under(actor, leadPath(f))
  }

  /** Extra conditions of a step beyond status and role (shown as buttons only when they hold). */
  function ready(action: FlowAction, f: Facts, now: Date) {
    switch (action) {
      case 'receive':
        return f.p.first_receiver_id == null
      case 'extension':
        return !f.pending && !!f.p.deadline_at
      case 'decideExtension':
        return !!f.pending
      case 'callback':
        return !!f.p.confirm_due_at && now.getTime() > new Date(f.p.confirm_due_at).getTime()
      default:
        return true
    }
  }

  function actionsFor(actor: Actor | null, f: Facts, now: Date): FlowAction[] {
    if (!actor) return []
    return FLOW_ACTIONS.filter(
      (a) => canFrom(a, f.p.status) && who(actor, FLOW[a].who, f) && ready(a, f, now),
    )
  }

  async function facts(trx: Db, id: number): Promise<Facts> {
    const p = found(await repo.findRaw(trx, id), '问题')
    const [units, pending] = await Promise.all([repo.unitsOf(trx, id), repo.pendingExtension(trx, id)])
    return { p, units, pending }
  }

  /**
   * Loads a problem for a step: not visible → 404, wrong role → 403, wrong status → 409
   * INVALID_TRANSITION (with the Chinese message), stale version → 409 VERSION_CONFLICT.
   * A system context (seed, job, another module) skips the role check, never the status check.
   */
  async function loadForStep(trx: Db, ctx: AnyCtx, id: number, action: FlowAction, version?: number) {
    if (ctx.actor && !(await repo.findVisible(trx, id, ctx.actor))) throw notFound('问题')
    const f = await facts(trx, id)
    if (ctx.actor && !who(ctx.actor, FLOW[action].who, f)) throw forbidden(FORBIDDEN_BY_WHO[FLOW[action].who])
    assertTransition(action, f.p.status)
    if (version !== undefined && version !== f.p.version) throw versionConflict()
    return f
  }

  async function save(trx: Db, f: Facts, values: Record<string, unknown>, at: Date) {
    if (!(await repo.updateProblem(trx, f.p.id, f.p.version, values, at))) throw versionConflict()
  }

  // ---------- timeline and audit ----------

  async function event(
    trx: Db,
    ctx: AnyCtx,
    p: { id: number; zone_id: number; enterprise_id: number | null },
    kind: string,
    summary: string,
    data: Record<string, unknown> | undefined,
    at: Date | undefined,
  ) {
    const e = { zoneId: p.zone_id, subjectType: 'problem', subjectId: p.id, enterpriseId: p.enterprise_id }
    if (!at) return s.events.record(trx, ctx, { ...e, kind, summary, data })
    // A step placed in the past (demo seed): the entry carries that time.
    await insertEvent(trx, {
      zone_id: e.zoneId,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      enterprise_id: e.enterpriseId,
      kind,
      at,
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor ? ctx.actor.displayName : ctx.label,
      summary,
      data: data ?? null,
    })
  }

  async function audit(
    trx: Db,
    ctx: AnyCtx,
    p: { id: number; zone_id: number; code: string },
    action: string,
    summary: string,
    before?: Record<string, unknown> | null,
    after?: Record<string, unknown> | null,
  ) {
    await s.audit.record(trx, ctx, {
      action: `problem.${action}`,
      targetType: 'problem',
      targetId: p.id,
      zoneId: p.zone_id,
      summary: `问题 ${p.code}：${summary}`,
      before: before ?? null,
      after: after ?? null,
    })
  }

  const statusView = (p: repo.RawProblem) => ({ status: p.status, version: p.version })
  const dateText = (d: Date) => beijingDate(d)
  const inTx = <T>(trx: Db, work: (t: Db) => Promise<T>) =>
    trx.isTransaction ? work(trx) : trx.transaction().execute(work)

  // ---------- validation helpers ----------

  async function checkDepartments(trx: Db, zone: ZoneRef, ids: number[], field: string) {
    const rows = await unitsServingZone(trx, zone, ids)
    const missing = ids.filter((id) => !rows.some((d) => d.id === id))
    if (missing.length) throw invalid(field, `部门不存在、已停用或不属于本开发区：#${missing.join('、#')}`)
    return ids.map((id) => rows.find((d) => d.id === id)!)
  }

  async function checkUser(trx: Db, zone: ZoneRef, id: number | null | undefined, field: string) {
    if (!id) return null
    const rows = await usersServingZone(trx, zone, [id])
    if (!rows.length) throw invalid(field, `用户不存在、已停用或不属于本开发区：#${id}`)
    return rows[0]
  }

  function checkDate(v: string | null | undefined, field: string, label: string) {
    if (v && !isRealDate(v)) throw invalid(field, `${label}不是有效的日期`)
  }

  // ---------- codes ----------

  async function nextCode(trx: Db, zone: ZoneRef, at: Date) {
    const prefix = `${(zone.code?.trim() || 'WT').toUpperCase()}-${beijingDate(at).slice(0, 4)}-`
    await repo.lockCodes(trx, zone.id)
    const n = (await repo.maxSequence(trx, zone.id, prefix)) + 1
    return `${prefix}${String(n).padStart(4, '0')}`
  }

  // ---------- reads ----------

  async function findVisible(actor: Actor, id: number) {
    const r = await repo.findVisible(db, id, actor)
    return r
      ? {
          id: r.id,
          zoneId: r.zone_id,
          enterpriseId: r.enterprise_id,
          status: r.status,
          code: r.code,
          title: r.title,
          leadDepartmentId: r.lead_department_id,
        }
      : null
  }

  /** The stored row, no scope check (internal callers). */
  async function get(trx: Db, id: number) {
    return repo.findRaw(trx, id)
  }

  async function presentRows(rows: repo.ProblemRowDb[]): Promise<ProblemRowOut[]> {
    const cal = await s.calendar.calendar()
    const now = clock.now()
    return rows.map((r) => presentRow(r, cal, now))
  }

  function listArgs(q: Filter) {
    const s2 = sortOf(q.sort, PROBLEM_SORTS, '-receivedAt')
    const field = s2.field.replace('-', '') as repo.ProblemSortField
    // '-receivedAt' as the default means newest first.
    const dir = !q.sort ? 'desc' : s2.field.startsWith('-') ? 'desc' : s2.dir
    const { sort: _s, ...filter } = q
    return { filter: filter as repo.ProblemFilter, sort: { field, dir } as repo.ProblemSort }
  }

  const ledger = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window, clock.now()),
    present: presentRows,
  })

  const taskList = pagedList({
    args: (q: Filter & { taskStatus?: string }) => {
      const a = listArgs(q)
      return { filter: { ...a.filter, taskStatus: q.taskStatus }, sort: a.sort }
    },
    fetch: (actor: Actor, filter, sort, window) =>
      repo.listTasks(db, actor, filter, sort, window, clock.now()),
    present: (rows: repo.TaskListRowDb[]) => {
      const today = beijingDate(clock.now())
      return rows.map((r) => presentTaskListRow(r, today))
    },
  })

  async function detailOf(id: number, actor: Actor | null) {
    const row = found(await repo.findRow(db, id), '问题')
    const now = clock.now()
    const today = beijingDate(now)
    const [[head], f, tasks, extensions, timeline, counts, resolvedByName, common] = await Promise.all([
      presentRows([row]),
      facts(db, id),
      repo.tasksOf(db, [id]),
      repo.extensionsOf(db, id),
      s.events.timeline({ subjectType: 'problem', subjectId: id }, { page: 1, pageSize: 50 }),
      s.attachments.counts(db, 'problem', [id]),
      repo.userName(db, row.resolved_by),
      row.common_id ? repo.findRaw(db, row.common_id) : Promise.resolve(undefined),
    ])
    const raw = presentRaw(f.p)
    return {
      ...head,
      description: row.description,
      address: row.address,
      lng: raw.lng,
      lat: raw.lat,
      reporterName: row.reporter_name,
      reporterPhone: row.reporter_phone,
      reporterUserId: row.reporter_user_id,
      visitId: row.visit_id,
      rectifyDeadline: row.rectify_deadline,
      acceptDueAt: raw.acceptDueAt,
      replyDueAt: raw.replyDueAt,
      firstReplyAt: raw.firstReplyAt,
      resolution: row.resolution,
      resolvedBy: row.resolved_by
        ? { id: row.resolved_by, name: resolvedByName ?? `#${row.resolved_by}` }
        : null,
      evidence: raw.evidence,
      confirmDueAt: raw.confirmDueAt,
      closeMethod: row.close_method,
      reopenCount: row.reopen_count,
      remindedAt: raw.remindedAt,
      escalatedAt: raw.escalatedAt,
      publicProjectId: row.public_project_id,
      common: common ? { id: common.id, code: common.code, title: common.title } : null,
      createdAt: raw.createdAt,
      tasks: tasks.map((t) => presentTask(t, today, OPEN_STATUSES.includes(row.status))),
      extensions: extensions.map(presentExtension),
      timeline: timeline.items,
      attachmentCount: counts.get(id) ?? 0,
      actions: actionsFor(actor, f, now),
      callbackFrom: f.p.status === 'resolved' ? raw.confirmDueAt : null,
    }
  }
  async function detail(actor: Actor, id: number) {
    if (!(await repo.findVisible(db, id, actor))) throw notFound('问题')
    return detailOf(id, actor)
  }

  async function timeline(actor: Actor, id: number, q: { page?: number; pageSize?: number }) {
    if (!(await repo.findVisible(db, id, actor))) throw notFound('问题')
    return s.events.timeline({ subjectType: 'problem', subjectId: id }, q)
  }

  async function listTasksOf(actor: Actor, id: number) {
    if (!(await repo.findVisible(db, id, actor))) throw notFound('问题')
    const today = beijingDate(clock.now())
    return { items: (await repo.tasksOf(db, [id])).map((t) => presentTask(t, today)) }
  }

  /** The three lists of one problem as a text block for the work group. */
  async function listsText(actor: Actor, id: number) {
    const d = await detail(actor, id)
    return { text: oneProblemText(d, await labels()), count: 1 }
  }

  /** The three lists of the problems the filters select (at most `limit`, default 50). */
  async function listsTextOf(actor: Actor, q: Filter & { limit?: number }) {
    const page = await ledger.list(actor, { ...q, page: 1, pageSize: q.limit ?? 50 })
    const today = beijingDate(clock.now())
    const tasks = await repo.tasksOf(
      db,
      page.items.map((p) => p.id),
    )
    const items = page.items.map((p) => ({
      ...p,
      tasks: tasks.filter((t) => t.problem_id === p.id).map((t) => presentTask(t, today)),
    }))
    return {
      text: problemSetText(items, await labels(), { total: page.total, at: clock.now() }),
      count: page.total,
    }
  }

  /** Labels for exports (dictionary codes → names). */
  async function exportLabels() {
    const l = await labels()
    return {
      category: (c: string | null) => (c ? l.category(c) : ''),
      source: (c: string | null) => l.source(c),
      type: (c: string | null) => (c ? TYPE_LABEL[c as ProblemType] : ''),
      supervision: (c: string) => SUPERVISION_LABEL[c as Level] ?? c,
      satisfaction: (c: string | null) => (c ? SATISFACTION_LABEL[c as Satisfaction] : ''),
    }
  }

  // ---------- intake ----------

  /**
   * A new problem from any intake, no authorisation (the caller has checked): validates the
   * references against the zone, numbers it per zone and year, starts the acceptance clock, and
   * records the event and the audit entry. Runs in the caller's transaction when given one.
   */
  async function createInternal(
    trx: Db,
    ctx: AnyCtx,
    input: NewProblemInput,
  ): Promise<{ id: number; code: string }> {
    return inTx(trx, async (t) => {
      const zone = await zoneById(t, input.zoneId)
      const title = input.title.trim()
      const description = input.description.trim()
      if (title.length < 2) throw invalid('title', '问题标题至少 2 个字')
      if (!description) throw invalid('description', '请描述问题')
      if (input.category) await checkDict(t, 'problem_category', input.category, 'category')
      await checkDict(t, 'problem_source', input.source, 'source')
      let enterpriseId = input.enterpriseId ?? null
      let enterpriseName: string | null = null
      if (input.projectId) {
        const pr = await repo.projectOf(t, input.projectId)
        if (!pr || pr.zone_id !== zone.id) throw invalid('projectId', '项目不存在或不属于本开发区')
        if (enterpriseId && pr.enterprise_id && pr.enterprise_id !== enterpriseId)
          throw invalid('projectId', '项目不属于该企业')
        enterpriseId ??= pr.enterprise_id
      }
      if (enterpriseId) {
        const e = await repo.enterpriseOf(t, enterpriseId)
        if (!e || e.zone_id !== zone.id) throw invalid('enterpriseId', '企业不存在或不属于本开发区')
        enterpriseName = e.name
      }
      const at = input.at ?? clock.now()
      checkDate(input.rectifyDeadline, 'rectifyDeadline', '整改期限')
      if (input.source === 'inspection') {
        if (!input.rectifyDeadline) throw invalid('rectifyDeadline', '隐患排查发现的问题须填写整改期限')
        if (input.rectifyDeadline < beijingDate(at)) throw invalid('rectifyDeadline', '整改期限不能早于今天')
      }
      const settings = await s.deadlines.get()
      const code = await nextCode(t, zone, at)
      const values: repo.ProblemInsert = {
        zone_id: zone.id,
        code,
        title,
        description,
        category: input.category || null,
        source: input.source,
        status: 'submitted',
        enterprise_id: enterpriseId,
        project_id: input.projectId ?? null,
        visit_id: input.visitId ?? null,
        address: input.address?.trim() || null,
        lng: input.lng == null ? null : input.lng.toFixed(6),
        lat: input.lat == null ? null : input.lat.toFixed(6),
        reporter_user_id: input.reporterUserId ?? null,
        reporter_name: input.reporterName?.trim() || null,
        reporter_phone: input.reporterPhone?.trim() || null,
        first_receiver_id: input.firstReceiverId ?? null,
        received_at: at,
        accept_due_at: await s.calendar.deadlineFrom(at, settings.acceptDays),
        rectify_deadline: input.rectifyDeadline || null,
        created_by: ctx.actor?.id ?? null,
      }
      const id = await repo.insertProblem(
        t,
        values,
        searchVector(title, description, enterpriseName, code),
        at,
      )
      const l = await labels()
      const p = { id, zone_id: zone.id, enterprise_id: enterpriseId, code }
      const by = values.reporter_name ?? enterpriseName
      const receiver = values.first_receiver_id ? await repo.userName(t, values.first_receiver_id) : null
      await event(
        t,
        ctx,
        p,
        'created',
        `登记问题 ${code}（${l.source(input.source)}${by ? `，反映人 ${by}` : ''}）${receiver ? `；首问责任人：${receiver}` : ''}`,
        { source: input.source, acceptDueAt: values.accept_due_at.toISOString() },
        input.at,
      )
      await audit(t, ctx, p, 'create', `登记问题「${title}」`, null, {
        ...values,
        received_at: at.toISOString(),
        accept_due_at: values.accept_due_at.toISOString(),
      } as unknown as Record<string, unknown>)
      return { id, code }
    })
  }

  /** POST /api/problems: an enterprise reports for itself; staff enter with a source (首问: themselves). */
  async function create(
    ctx: Ctx,
    body: Omit<NewProblemInput, 'zoneId' | 'source' | 'at'> & { source?: string; zoneId?: number },
  ) {
    const actor = ctx.actor
    authorize(actor, 'problem:report')
    let input: NewProblemInput
    const common = {
      title: body.title,
      description: body.description,
      category: body.category ?? null,
      projectId: body.projectId ?? null,
      address: body.address ?? null,
      lng: body.lng ?? null,
      lat: body.lat ?? null,
    }
    if (isEnterpriseUser(actor)) {
      if (!actor.enterpriseId) throw invalid('enterpriseId', '你的账号还没有关联企业，请联系管委会')
      const ent = found(await repo.enterpriseOf(db, actor.enterpriseId), '企业')
      if (body.projectId) {
        const pr = await repo.projectOf(db, body.projectId)
        if (!pr || pr.enterprise_id !== ent.id) throw invalid('projectId', '项目不存在或不属于本企业')
      }
      input = {
        ...common,
        zoneId: ent.zone_id,
        source: 'enterprise',
        enterpriseId: ent.id,
        reporterUserId: actor.id,
        reporterName: actor.displayName,
        reporterPhone: body.reporterPhone ?? null,
        firstReceiverId: null,
      }
    } else {
      if (!body.source) throw invalid('source', '请选择问题来源')
      if (body.source === 'open311') throw invalid('source', '「接口接入」来源只用于系统对接')
      const zone = await targetZone(db, actor, body.zoneId, { missing: '请选择问题所属开发区' })
      input = {
        ...common,
        zoneId: zone.id,
        source: body.source,
        enterpriseId: body.enterpriseId ?? null,
        reporterName: body.reporterName ?? null,
        reporterPhone: body.reporterPhone ?? null,
        rectifyDeadline: body.rectifyDeadline ?? null,
        firstReceiverId: actor.id,
      }
    }
    const { id } = await db.transaction().execute((trx) => createInternal(trx, ctx, input))
    return detailOf(id, actor)
  }

  /** 首问责任制: a staff member takes an enterprise's report; they own it until it is accepted. */
  async function receive(
    ctx: AnyCtx,
    id: number,
    input: { version?: number; userId?: number },
    opts: At = {},
  ) {
    const receiverId = ctx.actor?.id ?? input.userId
    if (!receiverId) throw invalid('userId', '请指定首问责任人')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'receive', input.version)
      if (f.p.first_receiver_id) {
        const name = await repo.userName(trx, f.p.first_receiver_id)
        throw new AppError('CONFLICT', `该问题已由 ${name ?? '他人'} 接收（首问责任人）`)
      }
      const at = opts.at ?? clock.now()
      await save(trx, f, { first_receiver_id: receiverId }, at)
      const name = await repo.userName(trx, receiverId)
      await event(trx, ctx, f.p, 'received', `接收问题，首问责任人：${name}`, { userId: receiverId }, opts.at)
      await audit(
        trx,
        ctx,
        f.p,
        'receive',
        `首问责任人：${name}`,
        { firstReceiverId: null },
        { firstReceiverId: receiverId },
      )
    })
    return detailOf(id, ctx.actor)
  }

  // ---------- triage ----------

  /** 受理分办: type, category, lead and co units, responsible people, deadline in working days. */
  async function accept(ctx: AnyCtx, id: number, input: AcceptInput, opts: At = {}) {
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'accept', input.version)
      const zone = await zoneById(trx, f.p.zone_id)
      await checkDict(trx, 'problem_category', input.category, 'category')
      const [lead] = await checkDepartments(trx, zone, [input.leadDepartmentId], 'leadDepartmentId')
      const coIds = [...new Set(input.coDepartmentIds ?? [])].filter((d) => d !== input.leadDepartmentId)
      const co = await checkDepartments(trx, zone, coIds, 'coDepartmentIds')
      const leader = await checkUser(trx, zone, input.responsibleLeaderId, 'responsibleLeaderId')
      const person = await checkUser(trx, zone, input.responsibleUserId, 'responsibleUserId')
      const settings = await s.deadlines.get()
      const days = input.deadlineDays ?? (await s.deadlines.daysFor(input.type, input.category))
      if (input.type !== 'longterm' && days > settings.maxDays)
        throw invalid('deadlineDays', `办结时限不能超过 ${settings.maxDays} 个工作日（长远事除外）`)
      const at = opts.at ?? clock.now()
      const deadline = await s.calendar.deadlineFrom(at, days)
      const replyDue = await s.calendar.deadlineFrom(at, settings.firstReplyDays)
      const level = input.supervisionLevel ?? f.p.supervision_level
      const receiver = f.p.first_receiver_id ?? ctx.actor?.id ?? null
      await save(
        trx,
        f,
        {
          status: 'accepted',
          type: input.type,
          category: input.category,
          lead_department_id: lead.id,
          responsible_leader_id: leader?.id ?? null,
          responsible_user_id: person?.id ?? null,
          deadline_days: days,
          deadline_at: deadline,
          reply_due_at: replyDue,
          accepted_at: at,
          supervision_level: level,
          first_receiver_id: receiver,
          extended: false,
          light: 'green',
          escalation_level: 0,
          reminded_at: null,
          escalated_at: null,
        },
        at,
      )
      await repo.replaceUnits(trx, id, lead.id, coIds)
      const l = await labels()
      const text = [
        `${TYPE_LABEL[input.type]} · ${l.category(input.category)}`,
        `牵头单位：${lead.name}${co.length ? `，配合单位：${co.map((d) => d.name).join('、')}` : ''}`,
        ...(leader ? [`责任领导：${leader.display_name}`] : []),
        ...(person ? [`责任人：${person.display_name}`] : []),
        `办结时限 ${days} 个工作日（${dateText(deadline)} 前）`,
        ...(level !== 'normal' ? [SUPERVISION_LABEL[level]] : []),
      ].join('；')
      const note = input.note?.trim()
      await event(
        trx,
        ctx,
        f.p,
        'accepted',
        `受理分办：${text}${note ? `。${note}` : ''}`,
        {
          type: input.type,
          category: input.category,
          leadDepartmentId: lead.id,
          coDepartmentIds: coIds,
          deadlineDays: days,
          deadlineAt: deadline.toISOString(),
        },
        opts.at,
      )
      await audit(trx, ctx, f.p, 'accept', `受理分办：${text}`, statusView(f.p), {
        status: 'accepted',
        type: input.type,
        category: input.category,
        leadDepartmentId: lead.id,
        coDepartmentIds: coIds,
        responsibleLeaderId: leader?.id ?? null,
        responsibleUserId: person?.id ?? null,
        deadlineDays: days,
        deadlineAt: deadline.toISOString(),
        supervisionLevel: level,
      })
    })
    return detailOf(id, ctx.actor)
  }

  // ---------- handling ----------

  /** 答复 / progress note; the first one is the 首次答复, and the problem is then in progress. */
  async function reply(ctx: AnyCtx, id: number, input: { text: string; version?: number }, opts: At = {}) {
    const text = input.text.trim()
    if (!text) throw invalid('text', '答复内容不能为空')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'reply', input.version)
      const at = opts.at ?? clock.now()
      const first = !f.p.first_reply_at
      await save(trx, f, { status: 'in_progress', first_reply_at: f.p.first_reply_at ?? at }, at)
      await event(
        trx,
        ctx,
        f.p,
        'reply',
        `${first ? '首次答复' : '办理进展'}：${text}`,
        { text, first },
        opts.at,
      )
      await audit(trx, ctx, f.p, 'reply', `${first ? '首次答复' : '办理进展'}`, statusView(f.p), {
        status: 'in_progress',
        text,
      })
    })
    return detailOf(id, ctx.actor)
  }

  async function taskValues(trx: Db, zone: ZoneRef, input: TaskInput) {
    const v: Record<string, unknown> = {}
    const names: { dept?: string | null; user?: string | null } = {}
    if (input.title !== undefined) {
      const title = input.title.trim()
      if (!title) throw invalid('title', '任务（措施）不能为空')
      v.title = title
    }
    if (input.ownerDepartmentId !== undefined) {
      if (input.ownerDepartmentId) {
        const [d] = await checkDepartments(trx, zone, [input.ownerDepartmentId], 'ownerDepartmentId')
        names.dept = d.name
      }
      v.owner_department_id = input.ownerDepartmentId ?? null
    }
    if (input.ownerUserId !== undefined) {
      const u = await checkUser(trx, zone, input.ownerUserId, 'ownerUserId')
      names.user = u?.display_name ?? null
      v.owner_user_id = input.ownerUserId ?? null
    }
    if (input.dueDate !== undefined) {
      checkDate(input.dueDate, 'dueDate', '完成时限')
      v.due_date = input.dueDate || null
    }
    if (input.note !== undefined) v.note = input.note?.trim() || null
    if (input.sort !== undefined) v.sort = input.sort
    if (input.status !== undefined) v.status = input.status
    return { v, names }
  }

  function taskText(t: { title: string; dept?: string | null; user?: string | null; due?: string | null }) {
    const who = [t.dept, t.user].filter(Boolean).join(' / ')
    return `${t.title}${who || t.due ? `（${[who, t.due ? `${t.due} 前` : ''].filter(Boolean).join('，')}）` : ''}`
  }

  /** A measure of the task list (任务清单). */
  async function createTask(ctx: AnyCtx, id: number, input: TaskInput & { title: string }, opts: At = {}) {
    const taskId = await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'tasks')
      const zone = await zoneById(trx, f.p.zone_id)
      const { v, names } = await taskValues(trx, zone, input)
      const at = opts.at ?? clock.now()
      const status = (v.status as 'todo' | 'doing' | 'done' | undefined) ?? 'todo'
      const tid = await repo.insertTask(trx, {
        zone_id: f.p.zone_id,
        problem_id: id,
        title: v.title as string,
        owner_department_id: (v.owner_department_id as number | null) ?? null,
        owner_user_id: (v.owner_user_id as number | null) ?? null,
        due_date: (v.due_date as string | null) ?? null,
        status,
        done_at: status === 'done' ? at : null,
        note: (v.note as string | null) ?? null,
        sort: (v.sort as number | undefined) ?? (await repo.nextTaskSort(trx, id)),
        at,
      })
      const text = taskText({ title: v.title as string, ...names, due: v.due_date as string | null })
      await event(trx, ctx, f.p, 'task.created', `新增任务：${text}`, { taskId: tid }, opts.at)
      await audit(trx, ctx, f.p, 'task.create', `新增任务：${text}`, null, { taskId: tid, ...v })
      return tid
    })
    return presentTask((await repo.findTask(db, taskId))!, beijingDate(clock.now()))
  }

  async function loadTaskForStep(trx: Db, ctx: AnyCtx, taskId: number) {
    const task = found(await repo.findTask(trx, taskId), '任务')
    if (ctx.actor && !(await repo.findVisible(trx, task.problem_id, ctx.actor))) throw notFound('任务')
    const f = await loadForStep(trx, ctx, task.problem_id, 'tasks')
    return { task, f }
  }

  async function updateTask(
    ctx: AnyCtx,
    taskId: number,
    input: TaskInput & { version: number },
    opts: At = {},
  ) {
    await db.transaction().execute(async (trx) => {
      const { task, f } = await loadTaskForStep(trx, ctx, taskId)
      if (task.version !== input.version) throw versionConflict()
      const zone = await zoneById(trx, f.p.zone_id)
      const { v } = await taskValues(trx, zone, input)
      const at = opts.at ?? clock.now()
      if (v.status && v.status !== task.status) v.done_at = v.status === 'done' ? at : null
      if (!(await updateVersioned(trx, 'problem_tasks', taskId, input.version, v, at)))
        throw versionConflict()
      const after = (await repo.findTask(trx, taskId))!
      const changes: string[] = []
      if (after.status !== task.status)
        changes.push(`${TASK_STATUS_LABEL[task.status]} → ${TASK_STATUS_LABEL[after.status]}`)
      if (after.title !== task.title) changes.push(`改为「${after.title}」`)
      if (
        after.owner_department_id !== task.owner_department_id ||
        after.owner_user_id !== task.owner_user_id
      )
        changes.push(
          `责任：${[after.owner_department_name, after.owner_user_name].filter(Boolean).join(' / ') || '未定'}`,
        )
      if (after.due_date !== task.due_date) changes.push(`时限：${after.due_date ?? '未定'}`)
      if (changes.length)
        await event(
          trx,
          ctx,
          f.p,
          'task.updated',
          `任务「${task.title}」：${changes.join('；')}`,
          { taskId },
          opts.at,
        )
      await audit(
        trx,
        ctx,
        f.p,
        'task.update',
        `修改任务「${task.title}」`,
        {
          title: task.title,
          status: task.status,
          ownerDepartmentId: task.owner_department_id,
          ownerUserId: task.owner_user_id,
          dueDate: task.due_date,
          note: task.note,
        },
        {
          title: after.title,
          status: after.status,
          ownerDepartmentId: after.owner_department_id,
          ownerUserId: after.owner_user_id,
          dueDate: after.due_date,
          note: after.note,
        },
      )
    })
    return presentTask((await repo.findTask(db, taskId))!, beijingDate(clock.now()))
  }

  async function deleteTask(ctx: AnyCtx, taskId: number, version: number) {
    await db.transaction().execute(async (trx) => {
      const { task, f } = await loadTaskForStep(trx, ctx, taskId)
      if (!(await deleteVersioned(trx, 'problem_tasks', taskId, version))) throw versionConflict()
      await event(trx, ctx, f.p, 'task.deleted', `删除任务「${task.title}」`, { taskId }, undefined)
      await audit(
        trx,
        ctx,
        f.p,
        'task.delete',
        `删除任务「${task.title}」`,
        { taskId, title: task.title, status: task.status },
        null,
      )
    })
    return { ok: true }
  }

  async function markResolved(
    trx: Db,
    ctx: AnyCtx,
    f: Facts,
    input: { resolution: string; evidence: Record<string, unknown>; evidenceText: string },
    at: Date,
    eventAt: Date | undefined,
  ) {
    const settings = await s.deadlines.get()
    const confirmDue = await s.calendar.deadlineFrom(at, settings.confirmWaitDays)
    await save(
      trx,
      f,
      {
        status: 'resolved',
        resolved_at: at,
        resolution: input.resolution,
        resolved_by: ctx.actor?.id ?? null,
        evidence: input.evidence,
        confirm_due_at: confirmDue,
      },
      at,
    )
    if (f.pending)
      await repo.decideExtension(trx, f.pending.id, {
        status: 'refused',
        decided_by: null,
        decided_at: at,
        decision_note: '问题已办结，申请自动失效',
      })
    const wait =
      f.p.enterprise_id || f.p.reporter_user_id
        ? `；请企业在 ${settings.confirmWaitDays} 个工作日内（${dateText(confirmDue)} 前）确认评价`
        : `；${dateText(confirmDue)} 后可回访销号`
    await event(
      trx,
      ctx,
      f.p,
      'resolved',
      `办结：${input.resolution}（${input.evidenceText}）${wait}`,
      { resolution: input.resolution, evidence: input.evidence, confirmDueAt: confirmDue.toISOString() },
      eventAt,
    )
    await audit(trx, ctx, f.p, 'resolve', `办结（${input.evidenceText}）`, statusView(f.p), {
      status: 'resolved',
      resolution: input.resolution,
      evidence: input.evidence,
      confirmDueAt: confirmDue.toISOString(),
    })
  }

  /**
   * 办结. Evidence is required: a resolution text of at least 10 characters AND either at least one
   * attachment of this problem (photos, documents uploaded to it) or a written reason why there is
   * none (e.g. a policy answer given by phone). The enterprise then has N working days to confirm.
   */
  async function resolve(
    ctx: AnyCtx,
    id: number,
    input: { resolution: string; attachmentIds?: number[]; noEvidenceReason?: string; version?: number },
    opts: At = {},
  ) {
    const resolution = input.resolution.trim()
    if (resolution.length < 10) throw invalid('resolution', '办结情况至少写 10 个字，说明问题是怎样解决的')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'resolve', input.version)
      const ids = input.attachmentIds ?? []
      const reason = input.noEvidenceReason?.trim() || null
      let evidenceText: string
      let files: Array<{ id: number; filename: string }> = []
      if (ids.length) {
        files = await repo.problemAttachments(trx, id, ids)
        if (files.length !== ids.length) throw invalid('attachmentIds', '佐证材料不存在或不属于该问题')
        evidenceText = `佐证材料 ${files.length} 件`
      } else if (reason && reason.length >= 4) {
        evidenceText = `无佐证材料：${reason}`
      } else {
        throw invalid(
          'attachmentIds',
          '请上传办结佐证（照片或文件），或写明没有佐证材料的原因（至少 4 个字）',
        )
      }
      const at = opts.at ?? clock.now()
      await markResolved(
        trx,
        ctx,
        f,
        {
          resolution,
          evidence: {
            attachmentIds: files.map((x) => x.id),
            files: files.map((x) => x.filename),
            note: reason,
          },
          evidenceText,
        },
        at,
        opts.at,
      )
    })
    return detailOf(id, ctx.actor)
  }

  /**
   * Resolves a problem from another module (a common problem's public project reached its done
   * stage): evidence as given, confirmation wait started. Allowed from any status before resolved —
   * a source problem merged into a common one may never have been triaged on its own.
   */
  async function resolveInternal(
    trx: Db,
    ctx: AnyCtx,
    id: number,
    input: { resolution: string; evidence?: Record<string, unknown> },
    opts: At = {},
  ) {
    await inTx(trx, async (t) => {
      const f = await facts(t, id)
      if (!['submitted', 'returned', 'accepted', 'in_progress'].includes(f.p.status))
        assertTransition('resolve', f.p.status)
      const at = opts.at ?? clock.now()
      await markResolved(
        t,
        ctx,
        f,
        {
          resolution: input.resolution.trim(),
          evidence: input.evidence ?? {},
          evidenceText: '由关联事项办结',
        },
        at,
        opts.at,
      )
    })
  }

  /** 退回: wrong assignment — back to triage with the reason; units and deadline cleared. */
  async function returnProblem(
    ctx: AnyCtx,
    id: number,
    input: { reason: string; version?: number },
    opts: At = {},
  ) {
    const reason = input.reason.trim()
    if (reason.length < 2) throw invalid('reason', '请写明退回理由')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'return', input.version)
      const at = opts.at ?? clock.now()
      const settings = await s.deadlines.get()
      const lead = f.units.find((u) => u.role === 'lead')
      await save(
        trx,
        f,
        {
          status: 'returned',
          lead_department_id: null,
          responsible_leader_id: null,
          responsible_user_id: null,
          deadline_days: null,
          deadline_at: null,
          reply_due_at: null,
          accept_due_at: await s.calendar.deadlineFrom(at, settings.acceptDays),
          extended: false,
          light: 'green',
          escalation_level: 0,
        },
        at,
      )
      await repo.replaceUnits(trx, id, null, [])
      if (f.pending)
        await repo.decideExtension(trx, f.pending.id, {
          status: 'refused',
          decided_by: null,
          decided_at: at,
          decision_note: '问题已退回，申请自动失效',
        })
      const from = ctx.actor ? `${ctx.actor.displayName}` : ''
      await event(
        trx,
        ctx,
        f.p,
        'returned',
        `退回重新分办${lead ? `（原牵头单位：${lead.name}）` : ''}：${reason}`,
        {
          reason,
          leadDepartmentId: lead?.id ?? null,
          by: from,
        },
        opts.at,
      )
      await audit(
        trx,
        ctx,
        f.p,
        'return',
        `退回：${reason}`,
        { ...statusView(f.p), leadDepartmentId: lead?.id ?? null },
        {
          status: 'returned',
          reason,
        },
      )
    })
    return detailOf(id, ctx.actor)
  }

  /** 申请延期: N working days more, with a reason; one pending request at a time. */
  async function requestExtension(
    ctx: AnyCtx,
    id: number,
    input: { days: number; reason: string; version?: number },
    opts: At = {},
  ) {
    const reason = input.reason.trim()
    if (reason.length < 2) throw invalid('reason', '请写明延期理由')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'extension', input.version)
      if (f.pending) throw new AppError('CONFLICT', '已有一条待审批的延期申请，请等待督查室审批')
      if (!f.p.deadline_at) throw new AppError('CONFLICT', '该问题还没有办结时限')
      const at = opts.at ?? clock.now()
      await save(trx, f, {}, at)
      const xid = await repo.insertExtension(trx, {
        zone_id: f.p.zone_id,
        problem_id: id,
        requested_by: ctx.actor?.id ?? null,
        requested_at: at,
        days: input.days,
        reason,
      })
      await event(
        trx,
        ctx,
        f.p,
        'extension.requested',
        `申请延期 ${input.days} 个工作日：${reason}`,
        {
          extensionId: xid,
          days: input.days,
        },
        opts.at,
      )
      await audit(trx, ctx, f.p, 'extension.request', `申请延期 ${input.days} 个工作日：${reason}`, null, {
        extensionId: xid,
        days: input.days,
        reason,
      })
    })
    return detailOf(id, ctx.actor)
  }

  /** 审批延期: approved → the deadline moves N working days from the current one and the problem is yellow. */
  async function decideExtension(
    ctx: AnyCtx,
    extensionId: number,
    input: { approve: boolean; note?: string },
    opts: At = {},
  ) {
    const note = input.note?.trim() || null
    if (!input.approve && !note) throw invalid('note', '不同意延期时请写明理由')
    const x = found(await repo.findExtension(db, extensionId), '延期申请')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, x.problem_id, 'decideExtension')
      if (x.status !== 'pending') throw new AppError('CONFLICT', '该延期申请已审批')
      const at = opts.at ?? clock.now()
      if (
        !(await repo.decideExtension(trx, x.id, {
          status: input.approve ? 'approved' : 'refused',
          decided_by: ctx.actor?.id ?? null,
          decided_at: at,
          decision_note: note,
        }))
      )
        throw new AppError('CONFLICT', '该延期申请已审批')
      if (input.approve) {
        const from = new Date(f.p.deadline_at ?? at)
        const deadline = await s.calendar.deadlineFrom(from, x.days)
        await save(
          trx,
          f,
          {
            deadline_at: deadline,
            deadline_days: (f.p.deadline_days ?? 0) + x.days,
            extended: true,
            light: deadline.getTime() < at.getTime() ? 'red' : 'yellow',
          },
          at,
        )
        const text = `同意延期 ${x.days} 个工作日，办结时限由 ${dateText(from)} 调整为 ${dateText(deadline)}${note ? `：${note}` : ''}`
        await event(
          trx,
          ctx,
          f.p,
          'extension.approved',
          text,
          { extensionId: x.id, deadlineAt: deadline.toISOString() },
          opts.at,
        )
        await audit(
          trx,
          ctx,
          f.p,
          'extension.approve',
          text,
          { deadlineAt: from.toISOString(), extended: f.p.extended },
          {
            deadlineAt: deadline.toISOString(),
            extended: true,
          },
        )
      } else {
        await save(trx, f, {}, at)
        await event(
          trx,
          ctx,
          f.p,
          'extension.refused',
          `不同意延期（${x.days} 个工作日）：${note}`,
          { extensionId: x.id },
          opts.at,
        )
        await audit(
          trx,
          ctx,
          f.p,
          'extension.refuse',
          `不同意延期：${note}`,
          { extensionId: x.id, status: 'pending' },
          {
            extensionId: x.id,
            status: 'refused',
          },
        )
      }
    })
    return detailOf(x.problem_id, ctx.actor)
  }

  // ---------- closure ----------

  async function reopen(
    trx: Db,
    ctx: AnyCtx,
    f: Facts,
    why: string,
    at: Date,
    eventAt: Date | undefined,
    kind: string,
  ) {
    await save(
      trx,
      f,
      {
        status: 'in_progress',
        reopen_count: f.p.reopen_count + 1,
        satisfaction: 'unsatisfied',
        resolved_at: null,
        resolved_by: null,
        confirm_due_at: null,
      },
      at,
    )
    await event(trx, ctx, f.p, 'reopened', `${why}，重新办理`, { reason: kind }, eventAt)
    await audit(trx, ctx, f.p, 'reopen', why, statusView(f.p), {
      status: 'in_progress',
      reopenCount: f.p.reopen_count + 1,
    })
  }

  /** 企业确认: satisfied / basically satisfied → closed (销号); not satisfied (with the reason) → reopened. */
  async function confirm(
    ctx: AnyCtx,
    id: number,
    input: { satisfaction: Satisfaction; comment?: string; version?: number },
    opts: At = {},
  ) {
    const comment = input.comment?.trim() || null
    if (input.satisfaction === 'unsatisfied' && !comment)
      throw invalid('comment', '不满意时请写明原因，便于重新办理')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'confirm', input.version)
      const at = opts.at ?? clock.now()
      if (input.satisfaction === 'unsatisfied') {
        await reopen(trx, ctx, f, `企业评价不满意：${comment}`, at, opts.at, 'unsatisfied')
        return
      }
      await save(
        trx,
        f,
        { status: 'closed', closed_at: at, close_method: 'confirmed', satisfaction: input.satisfaction },
        at,
      )
      const text = `企业确认：${SATISFACTION_LABEL[input.satisfaction]}${comment ? `（${comment}）` : ''}，已销号`
      await event(trx, ctx, f.p, 'confirmed', text, { satisfaction: input.satisfaction, comment }, opts.at)
      await audit(trx, ctx, f.p, 'confirm', text, statusView(f.p), {
        status: 'closed',
        closeMethod: 'confirmed',
        satisfaction: input.satisfaction,
        comment,
      })
    })
    return detailOf(id, ctx.actor)
  }

  /**
   * 回访销号: only after the enterprise's confirmation wait has passed without an answer, and only
   * by someone independent of the handling. Not satisfied on the call-back reopens, like a rating.
   */
  async function callback(
    ctx: AnyCtx,
    id: number,
    input: { result: string; satisfaction: Satisfaction; version?: number },
    opts: At = {},
  ) {
    const result = input.result.trim()
    if (result.length < 2) throw invalid('result', '请记录回访情况')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'callback', input.version)
      const at = opts.at ?? clock.now()
      if (f.p.confirm_due_at && at.getTime() <= new Date(f.p.confirm_due_at).getTime())
        throw new AppError(
          'INVALID_TRANSITION',
          `企业确认期限（${formatBeijing(new Date(f.p.confirm_due_at))}）未到，暂不能回访销号`,
          { details: { confirmDueAt: new Date(f.p.confirm_due_at).toISOString() } },
        )
      if (input.satisfaction === 'unsatisfied') {
        await reopen(trx, ctx, f, `回访企业不满意：${result}`, at, opts.at, 'callback')
        return
      }
      await save(
        trx,
        f,
        { status: 'closed', closed_at: at, close_method: 'callback', satisfaction: input.satisfaction },
        at,
      )
      const text = `回访销号：${SATISFACTION_LABEL[input.satisfaction]}；${result}`
      await event(trx, ctx, f.p, 'callback', text, { satisfaction: input.satisfaction, result }, opts.at)
      await audit(trx, ctx, f.p, 'callback', text, statusView(f.p), {
        status: 'closed',
        closeMethod: 'callback',
        satisfaction: input.satisfaction,
        result,
      })
    })
    return detailOf(id, ctx.actor)
  }

  /** 撤回 by the enterprise (or the reporter) before it is resolved. */
  async function withdraw(
    ctx: AnyCtx,
    id: number,
    input: { reason: string; version?: number },
    opts: At = {},
  ) {
    const reason = input.reason.trim()
    if (reason.length < 2) throw invalid('reason', '请写明撤回原因')
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'withdraw', input.version)
      const at = opts.at ?? clock.now()
      await save(trx, f, { status: 'withdrawn', closed_at: at, close_method: 'withdrawn' }, at)
      if (f.pending)
        await repo.decideExtension(trx, f.pending.id, {
          status: 'refused',
          decided_by: null,
          decided_at: at,
          decision_note: '企业已撤回问题，申请自动失效',
        })
      await event(trx, ctx, f.p, 'withdrawn', `企业撤回：${reason}`, { reason }, opts.at)
      await audit(trx, ctx, f.p, 'withdraw', `撤回：${reason}`, statusView(f.p), {
        status: 'withdrawn',
        reason,
      })
    })
    return detailOf(id, ctx.actor)
  }

  /** 督办级别 一般 / 重点 / 挂牌, set by the supervision office. */
  async function setSupervision(
    ctx: AnyCtx,
    id: number,
    input: { level: Level; version?: number },
    opts: At = {},
  ) {
    await db.transaction().execute(async (trx) => {
      const f = await loadForStep(trx, ctx, id, 'supervise', input.version)
      if (f.p.supervision_level === input.level)
        throw invalid('level', `已是${SUPERVISION_LABEL[input.level]}`)
      const at = opts.at ?? clock.now()
      await save(trx, f, { supervision_level: input.level }, at)
      const text = `督办级别：${SUPERVISION_LABEL[f.p.supervision_level]} → ${SUPERVISION_LABEL[input.level]}`
      await event(
        trx,
        ctx,
        f.p,
        'supervision',
        text,
        { from: f.p.supervision_level, to: input.level },
        opts.at,
      )
      await audit(
        trx,
        ctx,
        f.p,
        'supervision',
        text,
        { supervisionLevel: f.p.supervision_level },
        { supervisionLevel: input.level },
      )
    })
    return detailOf(id, ctx.actor)
  }

  /**
   * System fields of the escalation jobs (催办, 督办, lights): no version bump, no updated_at — they
   * are not edits of the problem. The caller records its own events and audit.
   */
  async function setEscalation(
    trx: Db,
    id: number,
    patch: {
      escalationLevel?: number
      remindedAt?: Date | null
      escalatedAt?: Date | null
      light?: 'green' | 'yellow' | 'red'
      supervisionLevel?: Level
    },
  ) {
    const v: Record<string, unknown> = {}
    if (patch.escalationLevel !== undefined) v.escalation_level = patch.escalationLevel
    if (patch.remindedAt !== undefined) v.reminded_at = patch.remindedAt
    if (patch.escalatedAt !== undefined) v.escalated_at = patch.escalatedAt
    if (patch.light !== undefined) v.light = patch.light
    if (patch.supervisionLevel !== undefined) v.supervision_level = patch.supervisionLevel
    await repo.setSystemFields(trx, id, v)
  }

  // ---------- attachments: photos at intake, evidence at resolution ----------

  s.attachments.registerOwner('problem', {
    zoneOf: async (trx, id) => (await repo.findRaw(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) =>
      hasPermission(actor, 'problem:read') && !!(await repo.findVisible(db, id, actor)),
    canWrite: async (actor, id) => {
      if (!(await repo.findVisible(db, id, actor))) return false
      const f = await facts(db, id)
      // Once resolved, the files are the evidence the enterprise judges: nobody changes them.
      if (f.p.status === 'resolved' || f.p.status === 'closed' || f.p.status === 'withdrawn') return false
      return (
        who(actor, 'handler', f) ||
        who(actor, 'reporter', f) ||
        who(actor, 'triage', f) ||
        f.p.first_receiver_id === actor.id
      )
    },
    label: async (trx, id) => {
      const p = await repo.findRaw(trx, id)
      return p ? `问题 ${p.code}` : null
    },
  })

  return {
    // contract for other modules
    findVisible,
    get,
    present: presentRaw,
    createInternal,
    resolveInternal,
    setEscalation,
    isEnterpriseUser,
    // reads
    list: ledger.list,
    exportRows: ledger.exportRows,
    listTaskRows: taskList.list,
    exportTaskRows: taskList.exportRows,
    detail,
    timeline,
    listTasksOf,
    listsText,
    listsTextOf,
    exportLabels,
    // writes
    create,
    receive,
    accept,
    reply,
    createTask,
    updateTask,
    deleteTask,
    resolve,
    returnProblem,
    requestExtension,
    decideExtension,
    confirm,
    callback,
    withdraw,
    setSupervision,
    /** status names, for messages elsewhere */
    statusLabel: STATUS_LABEL,
  }
}

export type ProblemsService = ReturnType<typeof createProblemsService>
export type { ProblemStatus }
