import { PERMIT_STATUS_LABEL, type PermitStatus } from '../../../shared/service.ts'
import type { AnyCtx, Ctx, Deps, SystemCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, invalid, notFound, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { beijingDate, daysBetween, isRealDate } from '../../lib/time.ts'
import { type WorkCalendar, workingDaysBetween } from '../../lib/working-days.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import { projectScope } from '../../policies/project-scope.ts'
import { unitsServingZone, usersServingZone, zoneById } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { EventsService } from '../events/events.service.ts'
import { STATUS_LABEL as PROBLEM_STATUS_LABEL } from '../problems/problem-flow.ts'
import type { ProblemsService } from '../problems/problems.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ServiceRecordsService } from '../service-records/service-records.service.ts'
import { milestoneOf, templatePermits } from './permit-templates.ts'
import * as repo from './permits.repository.ts'

export const PERMIT_SORTS = ['dueDate', '-dueDate', 'acceptedOn', '-acceptedOn', 'project', 'name'] as const

export interface PermitInput {
  name?: string
  agentUserId?: number | null
  departmentId?: number | null
  departmentName?: string | null
  status?: PermitStatus
  submittedOn?: string | null
  acceptedOn?: string | null
  approvedOn?: string | null
  timeLimitDays?: number | null
  note?: string | null
  sort?: number
}

const DAY_FIELDS = [
  ['submittedOn', '提交日期'],
  ['acceptedOn', '受理日期'],
  ['approvedOn', '批复日期'],
] as const

/** Average and median of a list of numbers (null when empty), rounded to one decimal. */
export function averageMedian(xs: number[]) {
  if (!xs.length) return { average: null, median: null }
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  const r1 = (x: number) => Math.round(x * 10) / 10
  return { average: r1(xs.reduce((a, b) => a + b, 0) / xs.length), median: r1(median) }
}

/** Calendar days as months (30.44 days a month), one decimal. */
export const monthsOf = (days: number) => Math.round((days / 30.44) * 10) / 10

/**
 * 帮办代办 (SPEC §2, 002 "一对一帮办"): the permits a project needs, each with its agent, approving
 * department, status and dates; the due date is the legal time limit in working days after
 * acceptance (work calendar, ADR 0004). An approval completes the matching project milestone
 * (through the projects service, so the timeline and lights follow) and records a 帮办 service
 * contact; a permit past its limit turns the project yellow (lights engine, `overduePermits`).
 */
export function createPermitsService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    calendar: CalendarService
    projects: ProjectsService
    problems: ProblemsService
    serviceRecords: ServiceRecordsService
  },
) {
  const { db, clock } = deps
  const today = () => beijingDate(clock.now())

  function present(r: repo.PermitRow, cal: WorkCalendar, t: string) {
    const late = r.status === 'accepted' && !!r.due_date && r.due_date < t
    const taken =
      r.accepted_on && r.approved_on
        ? {
            working: workingDaysBetween(cal, r.accepted_on, r.approved_on),
            calendar: daysBetween(r.accepted_on, r.approved_on),
          }
        : null
    return {
      id: r.id,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      project: { id: r.project_id, code: r.project_code, name: r.project_name, stage: r.project_stage },
      enterprise: r.enterprise_id ? { id: r.enterprise_id, name: r.enterprise_name ?? '' } : null,
      templateKey: r.template_key,
      name: r.name,
      sort: r.sort,
      agent: r.agent_user_id ? { id: r.agent_user_id, name: r.agent_name ?? '' } : null,
      departmentId: r.department_id,
      departmentName: r.department_ref_name ?? r.department_name,
      status: r.status,
      statusLabel: PERMIT_STATUS_LABEL[r.status].zh,
      submittedOn: r.submitted_on,
      acceptedOn: r.accepted_on,
      approvedOn: r.approved_on,
      timeLimitDays: r.time_limit_days,
      dueDate: r.due_date,
      late,
      /** working days past the due date (late permits) */
      lateDays: late ? workingDaysBetween(cal, r.due_date!, t) : 0,
      /** working days since acceptance (accepted, not approved) */
      elapsedWorkingDays:
        r.status === 'accepted' && r.accepted_on ? workingDaysBetween(cal, r.accepted_on, t) : null,
      daysTaken: taken,
      /** the project milestone its approval completes */
      milestone: milestoneOf(r),
      problem: r.problem_id
        ? {
            id: r.problem_id,
            code: r.problem_code ?? '',
            status: r.problem_status ?? '',
            statusLabel: r.problem_status ? (PROBLEM_STATUS_LABEL[r.problem_status] ?? r.problem_status) : '',
          }
        : null,
      note: r.note,
      version: r.version,
    }
  }
  type Presented = ReturnType<typeof present>

  async function presentRows(rows: repo.PermitRow[]) {
    const cal = await s.calendar.calendar()
    const t = today()
    return rows.map((r) => present(r, cal, t))
  }

  async function presentOne(trx: Db, id: number) {
    return (await presentRows([(await repo.findRow(trx, id))!]))[0]
  }

  /** The project for a read (service:read, project in scope → else 404). */
  async function projectForRead(actor: Actor, projectId: number) {
    authorize(actor, 'service:read')
    const p = await s.projects.findVisible(actor, projectId)
    if (!p) throw notFound('项目')
    return p
  }

  async function projectFacts(trx: Db, projectId: number) {
    return found(
      await trx
        .selectFrom('projects')
        .select(['id', 'zone_id', 'code', 'name', 'enterprise_id', 'nature', 'industry_code', 'stage'])
        .where('id', '=', projectId)
        .executeTakeFirst(),
      '项目',
    )
  }

  /** The project for a change: service:manage and the project in scope (system contexts: none). */
  async function projectForWrite(ctx: AnyCtx, projectId: number, trx: Db) {
    if (ctx.actor) {
      authorize(ctx.actor, 'service:manage')
      const visible = await trx
        .selectFrom('projects as p')
        .select('p.id')
        .where('p.id', '=', projectId)
        .where(projectScope(ctx.actor))
        .executeTakeFirst()
      if (!visible) throw notFound('项目')
    }
    return projectFacts(trx, projectId)
  }

  async function permitForWrite(ctx: AnyCtx, id: number, trx: Db) {
    if (!ctx.actor) return found(await repo.findRow(trx, id), '手续')
    authorize(ctx.actor, 'service:manage')
    return found(await repo.findVisible(trx, id, ctx.actor), '手续')
  }

  /** Signing → start of construction of one project (days, months), when both are known. */
  async function signToStartOf(projectId: number) {
    const [r] = await repo.signToStart(db, (eb) => eb('p.id', '=', projectId))
    const days = r?.signed_on && r.started_on ? daysBetween(r.signed_on, r.started_on) : null
    return {
      signedOn: r?.signed_on ?? null,
      startedOn: r?.started_on ?? null,
      days,
      months: days == null ? null : monthsOf(days),
    }
  }

  async function forProject(actor: Actor, projectId: number) {
    await projectForRead(actor, projectId)
    const rows = await repo.listForProject(db, projectId)
    const items = await presentRows(rows)
    return {
      items,
      summary: {
        total: items.filter((i) => i.status !== 'not_applicable').length,
        approved: items.filter((i) => i.status === 'approved').length,
        late: items.filter((i) => i.late).length,
      },
      signToStart: await signToStartOf(projectId),
    }
  }

  async function audit(
    trx: Db,
    ctx: AnyCtx,
    action: string,
    p: { id: number; zone_id: number },
    summary: string,
    before: unknown,
    after: unknown,
  ) {
    await s.audit.record(trx, ctx, {
      action: `permit.${action}`,
      targetType: 'permit',
      targetId: p.id,
      zoneId: p.zone_id,
      summary,
      before: (before ?? null) as Record<string, unknown> | null,
      after: (after ?? null) as Record<string, unknown> | null,
    })
  }

  /** 从模板生成: the nature / industry template's checklist, only while the project has none. */
  async function generateFor(ctx: AnyCtx, projectId: number, opts: { agentUserId?: number | null } = {}) {
    return db.transaction().execute(async (trx) => {
      const p = await projectForWrite(ctx, projectId, trx)
      if ((await repo.countForProject(trx, projectId)) > 0)
        throw new AppError('CONFLICT', '该项目已有手续清单，请逐项添加')
      const zone = await zoneById(trx, p.zone_id)
      const agent = opts.agentUserId ?? null
      if (agent && (await usersServingZone(trx, zone, [agent])).length !== 1)
        throw invalid('agentUserId', '帮办员不存在或不属于本开发区')
      const items = templatePermits({ nature: p.nature, industryCode: p.industry_code })
      await repo.insertMany(
        trx,
        items.map((i) => ({
          zone_id: p.zone_id,
          project_id: p.id,
          template_key: i.key,
          name: i.name,
          sort: i.sort,
          agent_user_id: agent,
          department_id: null,
          department_name: i.departmentName,
          status: i.status,
          time_limit_days: i.limitDays,
          created_by: ctx.actor?.id ?? null,
        })),
        clock.now(),
      )
      await audit(
        trx,
        ctx,
        'generate',
        { id: p.id, zone_id: p.zone_id },
        `项目 ${p.code} 按模板生成手续清单 ${items.length} 项`,
        null,
        { items: items.map((i) => `${i.name}${i.status === 'not_applicable' ? '（不适用）' : ''}`) },
      )
      return items.length
    })
  }

  async function generate(ctx: Ctx, projectId: number, opts: { agentUserId?: number | null } = {}) {
    await generateFor(ctx, projectId, opts)
    return forProject(ctx.actor, projectId)
  }

  /** Checks and merges an edit over the stored permit; answers the columns to write. */
  async function columnsOf(
    trx: Db,
    zone: { id: number; path: string },
    input: PermitInput,
    prev: Partial<repo.PermitRow> | null,
  ) {
    const cols: Record<string, unknown> = {}
    if (input.name !== undefined) {
      const name = input.name.trim()
      if (!name) throw invalid('name', '手续名称不能为空')
      cols.name = name
    }
    if (input.agentUserId !== undefined) {
      if (input.agentUserId && (await usersServingZone(trx, zone, [input.agentUserId])).length !== 1)
        throw invalid('agentUserId', '帮办员不存在或不属于本开发区')
      cols.agent_user_id = input.agentUserId
    }
    if (input.departmentId !== undefined) {
      if (input.departmentId && (await unitsServingZone(trx, zone, [input.departmentId])).length !== 1)
        throw invalid('departmentId', '审批部门不存在或不能承办本开发区的事项')
      cols.department_id = input.departmentId
      if (input.departmentId) cols.department_name = null
    }
    if (input.departmentName !== undefined) {
      cols.department_name = trimOrNull(input.departmentName)
      if (cols.department_name && input.departmentId === undefined) cols.department_id = null
    }
    if (input.timeLimitDays !== undefined) cols.time_limit_days = input.timeLimitDays
    if (input.note !== undefined) cols.note = trimOrNull(input.note)
    if (input.sort !== undefined) cols.sort = input.sort
    const t = today()
    for (const [field, label] of DAY_FIELDS) {
      const v = input[field]
      if (v === undefined) continue
      if (v && !isRealDate(v)) throw invalid(field, `${label}格式应为 YYYY-MM-DD`)
      if (v && v > t) throw invalid(field, `${label}不能晚于今天`)
    }
    const pick = <K extends 'submittedOn' | 'acceptedOn' | 'approvedOn'>(k: K, col: keyof repo.PermitRow) =>
      input[k] !== undefined ? input[k] || null : ((prev?.[col] as string | null | undefined) ?? null)
    const submitted = pick('submittedOn', 'submitted_on')
    const accepted = pick('acceptedOn', 'accepted_on')
    const approved = pick('approvedOn', 'approved_on')
    const status = input.status ?? prev?.status ?? 'not_started'
    if (submitted && accepted && accepted < submitted) throw invalid('acceptedOn', '受理日期不能早于提交日期')
    if (accepted && approved && approved < accepted) throw invalid('approvedOn', '批复日期不能早于受理日期')
    if (submitted && approved && approved < submitted) throw invalid('approvedOn', '批复日期不能早于提交日期')
    if (status === 'submitted' && !submitted) throw invalid('submittedOn', '已提交的手续请填写提交日期')
    if (status === 'accepted' && !accepted) throw invalid('acceptedOn', '已受理的手续请填写受理日期')
    if (status === 'approved' && !approved) throw invalid('approvedOn', '已批复的手续请填写批复日期')
    if (status !== 'approved' && approved && input.approvedOn)
      throw invalid('status', '填写了批复日期的手续，状态应为「已批复」')
    cols.status = status
    cols.submitted_on = submitted
    cols.accepted_on = accepted
    // Leaving 已批复 withdraws the approval date.
    cols.approved_on = status === 'approved' ? approved : null
    const limit = input.timeLimitDays !== undefined ? input.timeLimitDays : (prev?.time_limit_days ?? null)
    cols.due_date = accepted && limit != null ? await s.calendar.addWorking(accepted, limit) : null
    return cols
  }

  /** A person's context when they may change milestones; else the system acting for them. */
  function milestoneCtx(ctx: AnyCtx): AnyCtx {
    if (!ctx.actor || hasPermission(ctx.actor, 'project:manage')) return ctx
    const sys: SystemCtx = {
      actor: null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      label: `帮办代办（${ctx.actor.displayName}）`,
    }
    return sys
  }

  /**
   * What follows a change: the milestone the approval completes gets its actual date (or loses it
   * when the approval is withdrawn), the 帮办 contact is recorded, the project's light recomputed.
   */
  async function afterChange(trx: Db, ctx: AnyCtx, before: Presented | null, after: Presented) {
    const wasApproved = before?.status === 'approved' ? before.approvedOn : null
    const nowApproved = after.status === 'approved' ? after.approvedOn : null
    if (after.milestone && wasApproved !== nowApproved) {
      const m = await repo.milestoneByName(trx, after.project.id, after.milestone)
      if (m && nowApproved && m.actual_date !== nowApproved) {
        await s.projects.updateMilestone(milestoneCtx(ctx), m.id, {
          actualDate: nowApproved,
          version: m.version,
        })
      } else if (m && !nowApproved && wasApproved && m.actual_date === wasApproved) {
        await s.projects.updateMilestone(milestoneCtx(ctx), m.id, { actualDate: null, version: m.version })
      }
    }
    if (nowApproved && after.enterprise && (wasApproved !== nowApproved || !before)) {
      const taken = after.daysTaken ? `，用时 ${after.daysTaken.working} 个工作日` : ''
      const limit = after.timeLimitDays != null ? `（法定时限 ${after.timeLimitDays} 个工作日）` : ''
      await s.serviceRecords.recordForPermit(trx, ctx, {
        permitId: after.id,
        zoneId: after.zoneId,
        enterpriseId: after.enterprise.id,
        projectId: after.project.id,
        projectStage: after.project.stage,
        date: nowApproved,
        officerUserId: after.agent?.id ?? null,
        summary: `帮办「${after.name}」获${after.departmentName ?? '审批部门'}批复${taken}${limit}`,
      })
    } else if (!nowApproved && wasApproved) {
      await s.serviceRecords.removeForPermit(trx, after.id)
    }
    if (before?.status !== after.status) {
      await s.events.record(trx, ctx, {
        zoneId: after.zoneId,
        subjectType: 'project',
        subjectId: after.project.id,
        enterpriseId: after.enterprise?.id ?? null,
        kind: 'permit',
        summary: `手续「${after.name}」${before ? `${before.statusLabel} → ` : ''}${after.statusLabel}${
          after.status === 'approved' ? `（${after.approvedOn}）` : ''
        }`,
        data: { permitId: after.id, status: after.status },
      })
    }
    await s.projects.recompute(trx, after.project.id)
  }

  async function create(ctx: AnyCtx, projectId: number, input: PermitInput & { name: string }) {
    return db.transaction().execute(async (trx) => {
      const p = await projectForWrite(ctx, projectId, trx)
      const zone = await zoneById(trx, p.zone_id)
      const cols = await columnsOf(trx, zone, input, null)
      const [id] = await repo.insertMany(
        trx,
        [
          {
            zone_id: p.zone_id,
            project_id: p.id,
            template_key: null,
            name: cols.name as string,
            sort: input.sort ?? (await repo.nextSort(trx, p.id)),
            agent_user_id: (cols.agent_user_id as number | null | undefined) ?? null,
            department_id: (cols.department_id as number | null | undefined) ?? null,
            department_name: (cols.department_name as string | null | undefined) ?? null,
            status: cols.status as PermitStatus,
            submitted_on: cols.submitted_on as string | null,
            accepted_on: cols.accepted_on as string | null,
            approved_on: cols.approved_on as string | null,
            time_limit_days: (cols.time_limit_days as number | null | undefined) ?? null,
            due_date: cols.due_date as string | null,
            note: (cols.note as string | null | undefined) ?? null,
            created_by: ctx.actor?.id ?? null,
          },
        ],
        clock.now(),
      )
      const after = await presentOne(trx, id)
      await audit(
        trx,
        ctx,
        'create',
        { id, zone_id: p.zone_id },
        `项目 ${p.code} 新增手续「${after.name}」`,
        null,
        after,
      )
      await afterChange(trx, ctx, null, after)
      return presentOne(trx, id)
    })
  }

  async function update(ctx: AnyCtx, id: number, input: PermitInput & { version: number }) {
    return db.transaction().execute(async (trx) => {
      const row = await permitForWrite(ctx, id, trx)
      if (row.version !== input.version) throw versionConflict()
      const before = (await presentRows([row]))[0]
      const zone = await zoneById(trx, row.zone_id)
      const cols = await columnsOf(trx, zone, input, row)
      if (!(await repo.update(trx, id, input.version, cols, clock.now()))) throw versionConflict()
      const after = await presentOne(trx, id)
      await audit(
        trx,
        ctx,
        'update',
        { id, zone_id: row.zone_id },
        `项目 ${row.project_code} 修改手续「${after.name}」（${after.statusLabel}）`,
        before,
        after,
      )
      await afterChange(trx, ctx, before, after)
      return presentOne(trx, id)
    })
  }

  async function remove(ctx: AnyCtx, id: number, version: number) {
    await db.transaction().execute(async (trx) => {
      const row = await permitForWrite(ctx, id, trx)
      if (row.version !== version) throw versionConflict()
      const before = (await presentRows([row]))[0]
      await s.serviceRecords.removeForPermit(trx, id)
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        'delete',
        { id, zone_id: row.zone_id },
        `项目 ${row.project_code} 删除手续「${row.name}」`,
        before,
        null,
      )
      await s.projects.recompute(trx, row.project_id)
    })
    return { ok: true }
  }

  /**
   * 一键反映问题: a stuck permit becomes a problem of the loop (category 审批手续, source 帮办代办,
   * the project's enterprise), linked both ways — the permit keeps the problem id, the problem's
   * timeline names the permit (and GET /api/permits/by-problem/:id answers it).
   */
  async function raiseProblem(
    ctx: Ctx,
    id: number,
    input: { version: number; title?: string; description?: string },
  ) {
    authorize(ctx.actor, 'problem:report')
    return db.transaction().execute(async (trx) => {
      const row = await permitForWrite(ctx, id, trx)
      if (row.version !== input.version) throw versionConflict()
      if (row.problem_id)
        throw new AppError('CONFLICT', `该手续已反映为问题 ${row.problem_code ?? ''}`.trim(), {
          field: 'problemId',
        })
      if (row.status === 'approved' || row.status === 'not_applicable')
        throw new AppError(
          'INVALID_TRANSITION',
          `「${PERMIT_STATUS_LABEL[row.status].zh}」的手续无需反映问题`,
        )
      const p = (await presentRows([row]))[0]
      const where = p.departmentName ? `由${p.departmentName}` : ''
      const limitText =
        p.acceptedOn && p.dueDate
          ? `于 ${p.acceptedOn} ${where}受理，法定时限 ${p.timeLimitDays} 个工作日，应于 ${p.dueDate} 前办结${
              p.late ? `，已超期 ${p.lateDays} 个工作日` : ''
            }`
          : `当前状态：${p.statusLabel}${p.submittedOn ? `（${p.submittedOn} 提交）` : ''}`
      const title = input.title?.trim() || `「${p.name}」办理受阻`
      const description =
        input.description?.trim() ||
        `项目 ${p.project.code} ${p.project.name} 的手续「${p.name}」${limitText}。${p.note ? `帮办说明：${p.note}` : ''}请协调办理。`
      const problem = await s.problems.createInternal(trx, ctx, {
        zoneId: row.zone_id,
        title,
        description,
        category: 'permit',
        source: 'service',
        projectId: row.project_id,
        enterpriseId: row.enterprise_id,
        reporterUserId: ctx.actor.id,
        firstReceiverId: ctx.actor.id,
      })
      await repo.setProblem(trx, id, problem.id)
      await s.events.record(trx, ctx, {
        zoneId: row.zone_id,
        subjectType: 'problem',
        subjectId: problem.id,
        enterpriseId: row.enterprise_id,
        kind: 'permit_link',
        summary: `由帮办代办手续「${row.name}」（项目 ${row.project_code}）反映`,
        data: { permitId: id, projectId: row.project_id },
      })
      await audit(
        trx,
        ctx,
        'raise_problem',
        { id, zone_id: row.zone_id },
        `手续「${row.name}」反映为问题 ${problem.code}`,
        null,
        { problemId: problem.id, problemCode: problem.code },
      )
      return { problem, permit: await presentOne(trx, id) }
    })
  }

  /** The permit a problem was raised from (the problem page's link back), in the actor's scope. */
  async function byProblem(actor: Actor, problemId: number) {
    authorize(actor, 'service:read')
    const row = await db
      .selectFrom('permits as pm')
      .innerJoin('projects as p', 'p.id', 'pm.project_id')
      .select('pm.id')
      .where('pm.problem_id', '=', problemId)
      .where(repo.permitScope(actor))
      .executeTakeFirst()
    if (!row) throw notFound('关联手续')
    return presentOne(db, row.id)
  }

  const ledger = pagedList({
    args: (q: repo.PermitFilter & { sort?: string }) => {
      const { sort: raw, ...filter } = q
      const so = sortOf(raw, PERMIT_SORTS, 'dueDate')
      const desc = so.field.startsWith('-') || so.dir === 'desc'
      return {
        filter,
        sort: {
          field: so.field.replace('-', '') as repo.PermitSortField,
          dir: desc ? 'desc' : 'asc',
        } as repo.PermitSort,
      }
    },
    fetch: (actor: Actor, filter, sort, window) => {
      authorize(actor, 'service:read')
      return repo.list(db, actor, filter, sort, window, today())
    },
    present: presentRows,
  })

  /**
   * 签约到开工: per project of the zone (in scope) that started in `year`, the days from signing to
   * start of construction; the zone figure is their average and median (and count).
   */
  async function figures(actor: Actor, q: { zoneId?: number; year?: number }) {
    authorize(actor, 'service:read')
    const year = q.year ?? Number(today().slice(0, 4))
    const rows = await repo.signToStart(db, (eb) =>
      eb.and([projectScope(actor)(eb), ...(q.zoneId ? [eb('p.zone_id', '=', q.zoneId)] : [])]),
    )
    const projects = rows
      .filter((r) => r.started_on?.startsWith(String(year)) && r.signed_on && r.signed_on <= r.started_on)
      .map((r) => {
        const days = daysBetween(r.signed_on!, r.started_on!)
        return {
          id: r.id,
          code: r.code,
          name: r.name,
          signedOn: r.signed_on!,
          startedOn: r.started_on!,
          days,
          months: monthsOf(days),
        }
      })
      .sort((a, b) => a.startedOn.localeCompare(b.startedOn))
    const { average, median } = averageMedian(projects.map((p) => p.days))
    return {
      year,
      count: projects.length,
      averageDays: average,
      medianDays: median,
      averageMonths: average == null ? null : monthsOf(average),
      medianMonths: median == null ? null : monthsOf(median),
      projects,
    }
  }

  return {
    forProject,
    generate,
    generateFor,
    create,
    update,
    remove,
    raiseProblem,
    byProblem,
    list: ledger.list,
    exportRows: ledger.exportRows,
    figures,
  }
}

export type PermitsService = ReturnType<typeof createPermitsService>
export type PermitOut = Awaited<ReturnType<PermitsService['create']>>
