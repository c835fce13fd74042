import type { AnyCtx, Deps, SystemCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, invalid, notFound } from '../../errors.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import * as repo from './common.repository.ts'
import type { ProblemsService } from './problems.service.ts'

// 共性事立项办 (SPEC §4): several enterprises' problems with one cause are merged into one common
// problem; a common problem that needs building becomes a public project; when the project is built
// (or the common problem is resolved), every source problem is resolved and its enterprise asked to
// confirm.

/** Project stages at which a public project counts as built. */
export const DONE_STAGES = ['completed', 'trial', 'production'] as const
/** Statuses still waiting for a solution (the problems module resolves them). */
const OPEN = ['submitted', 'returned', 'accepted', 'in_progress'] as const
const FINISHED = ['closed', 'withdrawn'] as const
const STATUS_TEXT: Record<string, string> = {
  submitted: '待受理',
  returned: '已退回',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已销号',
  withdrawn: '已撤回',
}

/** The system context of automatic resolutions (timeline and audit show this label). */
export const COMMON_CTX: SystemCtx = { actor: null, ip: null, requestId: null, label: '共性事立项办' }

const isOpen = (status: string) => (OPEN as readonly string[]).includes(status)

/** The most frequent value (first seen wins a tie), or null. */
function mostCommon(values: Array<string | null>): string | null {
  const counts = new Map<string, number>()
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: string | null = null
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v
  return best
}

export function createCommonProblemsService(
  deps: Deps,
  s: { audit: AuditService; events: EventsService; problems: ProblemsService; projects: ProjectsService },
) {
  const { db, clock } = deps

  // ---------- reads ----------

  async function detail(id: number, trx: Db = db) {
    const c = await repo.commonRow(trx, id)
    if (!c?.is_common) throw notFound('共性问题')
    const [sources, project] = await Promise.all([
      repo.sourcesOf(trx, id),
      c.public_project_id ? repo.projectBrief(trx, c.public_project_id) : Promise.resolve(undefined),
    ])
    const enterprises = new Map<number, { id: number; name: string; problems: number }>()
    for (const r of sources) {
      if (!r.enterprise_id) continue
      const e = enterprises.get(r.enterprise_id) ?? {
        id: r.enterprise_id,
        name: r.enterprise_name ?? '',
        problems: 0,
      }
      e.problems += 1
      enterprises.set(r.enterprise_id, e)
    }
    return {
      id: c.id,
      zoneId: c.zone_id,
      code: c.code,
      title: c.title,
      description: c.description,
      status: c.status,
      light: c.light,
      category: c.category,
      isCommon: c.is_common,
      publicProjectId: c.public_project_id,
      resolution: c.resolution,
      resolvedAt: c.resolved_at ? new Date(c.resolved_at).toISOString() : null,
      sources: sources.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        status: r.status,
        light: r.light,
        category: r.category,
        enterpriseId: r.enterprise_id,
        enterpriseName: r.enterprise_name,
        leadDepartmentName: r.lead_department_name,
        receivedAt: new Date(r.received_at).toISOString(),
        resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      })),
      enterprises: [...enterprises.values()],
      openSources: sources.filter((r) => isOpen(r.status)).length,
      project: project
        ? {
            id: project.id,
            code: project.code,
            name: project.name,
            stage: project.stage,
            stageLabel: project.stage_label ?? project.stage,
            light: project.light,
            lightReasons: project.light_reasons ?? [],
            totalInvestment: project.total_investment,
            built: (DONE_STAGES as readonly string[]).includes(project.stage),
          }
        : null,
      doneStages: [...DONE_STAGES],
    }
  }

  /** The common problem for a person: problem:triage and in scope (else 404). */
  async function loadCommon(actor: Actor | null, id: number, trx: Db) {
    if (actor && !(await s.problems.findVisible(actor, id))) throw notFound('共性问题')
    const [row] = await repo.lockProblems(trx, [id])
    if (!row?.is_common) throw notFound('共性问题')
    return row
  }

  async function get(actor: Actor, id: number) {
    authorize(actor, 'problem:triage')
    if (!(await s.problems.findVisible(actor, id))) throw notFound('共性问题')
    return detail(id)
  }

  // ---------- merge, attach, detach ----------

  /** Problems that may join a common problem in `zoneId`: visible, same zone, still open, not merged. */
  async function loadSources(ctx: AnyCtx, trx: Db, ids: number[], field: string) {
    const unique = [...new Set(ids)]
    if (unique.length !== ids.length) throw invalid(field, '所选问题有重复')
    if (ctx.actor)
      for (const id of unique)
        if (!(await s.problems.findVisible(ctx.actor, id)))
          throw new AppError('NOT_FOUND', `问题 #${id} 不存在或无权访问`, { field })
    const rows = await repo.lockProblems(trx, unique)
    for (const id of unique)
      if (!rows.some((r) => r.id === id))
        throw new AppError('NOT_FOUND', `问题 #${id} 不存在或无权访问`, { field })
    for (const r of rows) {
      if (r.is_common) throw invalid(field, `${r.code} 本身是共性问题，不能再并入其他共性问题`)
      if ((FINISHED as readonly string[]).includes(r.status))
        throw new AppError('INVALID_TRANSITION', `${r.code} ${STATUS_TEXT[r.status]}，不能并入共性问题`, {
          field,
        })
      if (r.common_id)
        throw new AppError('CONFLICT', `${r.code} 已并入共性问题 ${r.common_code}，请先从中移出`, { field })
    }
    return rows
  }

  async function linkEvents(
    trx: Db,
    ctx: AnyCtx,
    common: { id: number; code: string; title: string; zone_id: number },
    rows: repo.LinkRow[],
  ) {
    for (const r of rows)
      await s.events.record(trx, ctx, {
        zoneId: r.zone_id,
        subjectType: 'problem',
        subjectId: r.id,
        enterpriseId: r.enterprise_id,
        kind: 'common_merged',
        summary: `已并入共性问题 ${common.code}「${common.title}」`,
        data: { commonId: common.id, commonCode: common.code },
      })
  }

  const enterpriseNames = (rows: repo.LinkRow[]) => [
    ...new Set(rows.map((r) => r.enterprise_name).filter((n): n is string => !!n)),
  ]

  /**
   * 合并: a new common problem (through problems.createInternal, then flagged is_common, type 共性事)
   * whose sources point to it. Its category is the one given or the sources' most frequent; its
   * source (来源) is the sources' most frequent one — a common problem comes from where its
   * problems came from, so no extra dictionary item is needed.
   */
  async function merge(
    ctx: AnyCtx,
    input: { problemIds: number[]; title: string; description: string; category?: string | null },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'problem:triage')
    const title = input.title.trim()
    const description = input.description.trim()
    if (!title) throw invalid('title', '共性问题标题不能为空')
    if (!description) throw invalid('description', '共性问题描述不能为空')
    if (input.problemIds.length < 2) throw invalid('problemIds', '至少选择 2 件问题才能合并为共性问题')
    return db.transaction().execute(async (trx) => {
      const rows = await loadSources(ctx, trx, input.problemIds, 'problemIds')
      const zones = new Set(rows.map((r) => r.zone_id))
      if (zones.size > 1) throw invalid('problemIds', '所选问题不属于同一个开发区，不能合并')
      const zoneId = rows[0].zone_id
      const { id, code } = await s.problems.createInternal(trx, ctx, {
        zoneId,
        title,
        description,
        category: input.category || mostCommon(rows.map((r) => r.category)),
        source: mostCommon(rows.map((r) => r.source)) ?? 'visit',
        enterpriseId: null,
        reporterUserId: ctx.actor?.id ?? null,
        reporterName: ctx.actor ? ctx.actor.displayName : ctx.label,
        firstReceiverId: ctx.actor?.id ?? null,
      })
      const at = clock.now()
      await repo.markCommon(trx, id, at)
      await repo.setCommonOf(
        trx,
        rows.map((r) => r.id),
        id,
        at,
      )
      const common = { id, code, title, zone_id: zoneId }
      await linkEvents(trx, ctx, common, rows)
      const names = enterpriseNames(rows)
      await s.events.record(trx, ctx, {
        zoneId,
        subjectType: 'problem',
        subjectId: id,
        kind: 'common_created',
        summary: `由 ${rows.length} 件问题合并为共性问题：${rows.map((r) => r.code).join('、')}${names.length ? `；涉及企业：${names.join('、')}` : ''}`,
        data: { problemIds: rows.map((r) => r.id), enterprises: names },
      })
      await s.audit.record(trx, ctx, {
        action: 'problem.common.merge',
        targetType: 'problem',
        targetId: id,
        zoneId,
        summary: `合并共性问题 ${code}「${title}」：${rows.map((r) => r.code).join('、')}`,
        after: { title, sources: rows.map((r) => r.code), enterprises: names },
      })
      return detail(id, trx)
    })
  }

  /** 并入: more problems join an existing common problem. */
  async function attach(ctx: AnyCtx, commonId: number, problemIds: number[]) {
    if (ctx.actor) authorize(ctx.actor, 'problem:triage')
    return db.transaction().execute(async (trx) => {
      const c = await loadCommon(ctx.actor, commonId, trx)
      if ((FINISHED as readonly string[]).includes(c.status))
        throw new AppError(
          'INVALID_TRANSITION',
          `共性问题 ${c.code} ${STATUS_TEXT[c.status]}，不能再并入问题`,
        )
      const rows = await loadSources(ctx, trx, problemIds, 'problemIds')
      if (rows.some((r) => r.zone_id !== c.zone_id))
        throw invalid('problemIds', '所选问题与共性问题不属于同一个开发区')
      await repo.setCommonOf(
        trx,
        rows.map((r) => r.id),
        c.id,
        clock.now(),
      )
      await linkEvents(trx, ctx, c, rows)
      const names = enterpriseNames(rows)
      await s.events.record(trx, ctx, {
        zoneId: c.zone_id,
        subjectType: 'problem',
        subjectId: c.id,
        kind: 'common_attached',
        summary: `并入 ${rows.length} 件问题：${rows.map((r) => r.code).join('、')}${names.length ? `（${names.join('、')}）` : ''}`,
        data: { problemIds: rows.map((r) => r.id) },
      })
      await s.audit.record(trx, ctx, {
        action: 'problem.common.attach',
        targetType: 'problem',
        targetId: c.id,
        zoneId: c.zone_id,
        summary: `共性问题 ${c.code} 并入：${rows.map((r) => r.code).join('、')}`,
        after: { sources: rows.map((r) => r.code) },
      })
      return detail(c.id, trx)
    })
  }

  /** 移出: a wrongly merged problem goes back to being handled on its own. */
  async function detach(ctx: AnyCtx, commonId: number, problemId: number) {
    if (ctx.actor) authorize(ctx.actor, 'problem:triage')
    return db.transaction().execute(async (trx) => {
      const c = await loadCommon(ctx.actor, commonId, trx)
      const [r] = await repo.lockProblems(trx, [problemId])
      if (!r || r.common_id !== c.id) throw invalid('problemId', '该问题不在这个共性问题中')
      await repo.setCommonOf(trx, [r.id], null, clock.now())
      await s.events.record(trx, ctx, {
        zoneId: r.zone_id,
        subjectType: 'problem',
        subjectId: r.id,
        enterpriseId: r.enterprise_id,
        kind: 'common_detached',
        summary: `已从共性问题 ${c.code} 中移出，单独办理`,
        data: { commonId: c.id, commonCode: c.code },
      })
      await s.events.record(trx, ctx, {
        zoneId: c.zone_id,
        subjectType: 'problem',
        subjectId: c.id,
        kind: 'common_detached',
        summary: `移出问题 ${r.code}${r.enterprise_name ? `（${r.enterprise_name}）` : ''}`,
        data: { problemId: r.id },
      })
      await s.audit.record(trx, ctx, {
        action: 'problem.common.detach',
        targetType: 'problem',
        targetId: c.id,
        zoneId: c.zone_id,
        summary: `共性问题 ${c.code} 移出 ${r.code}`,
        before: { source: r.code },
        after: { source: null },
      })
      return detail(c.id, trx)
    })
  }

  // ---------- promote to a public project ----------

  /** 立项: the common problem becomes a public project (projects.createPublic), linked both ways on the timelines. */
  async function promote(
    ctx: AnyCtx,
    commonId: number,
    input: {
      name: string
      leadDepartmentId: number
      totalInvestment?: string | null
      description?: string | null
    },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'problem:triage')
    const name = input.name.trim()
    if (!name) throw invalid('name', '项目名称不能为空')
    return db.transaction().execute(async (trx) => {
      const c = await loadCommon(ctx.actor, commonId, trx)
      if (c.public_project_id) {
        const p = await repo.projectBrief(trx, c.public_project_id)
        throw new AppError(
          'CONFLICT',
          `共性问题 ${c.code} 已立项为公共项目 ${p?.code ?? ''} ${p?.name ?? ''}`.trim(),
        )
      }
      if (!isOpen(c.status))
        throw new AppError('INVALID_TRANSITION', `共性问题 ${c.code} ${STATUS_TEXT[c.status]}，不能再立项`)
      const project = await s.projects.createPublic(trx, ctx, {
        zoneId: c.zone_id,
        name,
        leadDepartmentId: input.leadDepartmentId,
        totalInvestment: input.totalInvestment ?? null,
        description: input.description?.trim() || c.title,
        address: c.address,
        lng: c.lng == null ? null : Number(c.lng),
        lat: c.lat == null ? null : Number(c.lat),
        problem: { id: c.id, code: c.code },
      })
      await repo.setPublicProject(trx, c.id, project.id, clock.now())
      const summary = `已立项为公共项目 ${project.code} ${name}`
      const data = { projectId: project.id, projectCode: project.code }
      await s.events.record(trx, ctx, {
        zoneId: c.zone_id,
        subjectType: 'problem',
        subjectId: c.id,
        kind: 'common_promoted',
        summary: `${summary}；项目建成后，各来源问题随之办结`,
        data,
      })
      for (const r of await repo.sourcesOf(trx, c.id))
        await s.events.record(trx, ctx, {
          zoneId: r.zone_id,
          subjectType: 'problem',
          subjectId: r.id,
          enterpriseId: r.enterprise_id,
          kind: 'common_promoted',
          summary,
          data: { ...data, commonId: c.id },
        })
      await s.audit.record(trx, ctx, {
        action: 'problem.common.promote',
        targetType: 'problem',
        targetId: c.id,
        zoneId: c.zone_id,
        summary: `共性问题 ${c.code} ${summary}`,
        after: {
          projectId: project.id,
          projectCode: project.code,
          name,
          leadDepartmentId: input.leadDepartmentId,
        },
      })
      return detail(c.id, trx)
    })
  }

  // ---------- resolution of the sources ----------

  /**
   * Resolves every open source of a common problem (and the common problem itself when asked) with
   * one resolution; each enterprise is then asked to confirm (problems.resolveInternal). Problems
   * already resolved, closed or withdrawn are left as they are, so running it again does nothing more.
   * Returns the codes it resolved.
   */
  async function resolveGroup(
    trx: Db,
    ctx: AnyCtx,
    commonId: number,
    how: { resolution: string; evidence: Record<string, unknown>; includeCommon: boolean },
  ) {
    const c = await repo.commonRow(trx, commonId)
    if (!c?.is_common) return []
    const done: string[] = []
    for (const r of await repo.sourcesOf(trx, commonId)) {
      if (!isOpen(r.status)) continue
      await s.problems.resolveInternal(trx, ctx, r.id, {
        resolution: how.resolution,
        evidence: { ...how.evidence, commonId: c.id, commonCode: c.code },
      })
      done.push(r.code)
    }
    if (how.includeCommon && isOpen(c.status)) {
      await s.problems.resolveInternal(trx, ctx, c.id, { resolution: how.resolution, evidence: how.evidence })
      done.push(c.code)
    }
    if (done.length)
      await s.audit.record(trx, ctx, {
        action: 'problem.common.resolve',
        targetType: 'problem',
        targetId: c.id,
        zoneId: c.zone_id,
        summary: `共性问题 ${c.code}：${how.resolution}；转为已办结、等待企业确认：${done.join('、')}`,
        after: { resolved: done, evidence: how.evidence },
      })
    return done
  }

  /** A public project reached a done stage: its common problems and their sources are resolved. */
  async function onProjectChanged(trx: Db, projectId: number) {
    const commons = await repo.commonsOfProject(trx, projectId)
    if (!commons.length) return
    const p = await repo.projectBrief(trx, projectId)
    if (!p || !(DONE_STAGES as readonly string[]).includes(p.stage)) return
    const label = p.stage_label ?? p.stage
    for (const c of commons)
      await resolveGroup(trx, COMMON_CTX, c.id, {
        resolution: `公共项目「${p.name}」已建成（阶段：${label}），问题随之解决`,
        evidence: { projectId: p.id, projectCode: p.code, stage: p.stage },
        includeCommon: true,
      })
  }
  deps.hooks.on('projectChanged', onProjectChanged)

  /**
   * The common problem itself was resolved by its handler: its open sources follow with the same
   * resolution. For the problems module to call (or a hook) after resolving a common problem.
   */
  async function onCommonResolved(trx: Db, commonId: number) {
    const c = await repo.commonRow(trx, commonId)
    if (!c?.is_common) return []
    return resolveGroup(trx, COMMON_CTX, commonId, {
      resolution: `共性问题 ${c.code} 已办结：${c.resolution ?? c.title}`,
      evidence: { commonId: c.id, commonCode: c.code },
      includeCommon: false,
    })
  }

  return { get, detail, merge, attach, detach, promote, onProjectChanged, onCommonResolved }
}

export type CommonProblemsService = ReturnType<typeof createCommonProblemsService>
