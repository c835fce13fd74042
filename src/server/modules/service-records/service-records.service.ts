import {
  phaseOfStage,
  SERVICE_KIND_LABEL,
  SERVICE_PHASE_LABEL,
  type ServiceKind,
  type ServicePhase,
} from '../../../shared/service.ts'
import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { found, invalid, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { trimOrNull } from '../../lib/text.ts'
import { addDays, beijingDate, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import { usersServingZone, zoneById } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as permitsRepo from '../permits/permits.repository.ts'
import { stageIndex } from '../projects/projects.schema.ts'
import * as repo from './service-records.repository.ts'

export interface ServiceRecordInput {
  enterpriseId: number
  projectId?: number | null
  permitId?: number | null
  kind: ServiceKind
  phase?: ServicePhase | null
  contactDate: string
  officerUserId?: number | null
  summary: string
  followUp?: string | null
}

export function presentServiceRecord(r: repo.ServiceRecordRow) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    project: r.project_id
      ? { id: r.project_id, code: r.project_code ?? '', name: r.project_name ?? '' }
      : null,
    permit: r.permit_id ? { id: r.permit_id, name: r.permit_name ?? '' } : null,
    kind: r.kind,
    kindLabel: SERVICE_KIND_LABEL[r.kind].zh,
    phase: r.phase,
    phaseLabel: SERVICE_PHASE_LABEL[r.phase].zh,
    contactDate: r.contact_date,
    officer: { id: r.officer_user_id, name: r.officer_name },
    summary: r.summary,
    followUp: r.follow_up,
    source: r.source,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  }
}
export type ServiceRecordOut = ReturnType<typeof presentServiceRecord>

/**
 * 服务记录 (SPEC §2 保姆式服务): every service contact with an enterprise — kind, phase (产前 /
 * 产中 / 产后, by default from the project's stage), officer, summary and follow-up. The permits
 * module records one 帮办 contact per approval through `recordForPermit`.
 */
export function createServiceRecordsService(deps: Deps, s: { audit: AuditService }) {
  const { db, clock } = deps
  const today = () => beijingDate(clock.now())

  async function audit(
    trx: Db,
    ctx: AnyCtx,
    action: string,
    r: { id: number; zoneId: number },
    summary: string,
    before: unknown,
    after: unknown,
  ) {
    await s.audit.record(trx, ctx, {
      action: `service_record.${action}`,
      targetType: 'service_record',
      targetId: r.id,
      zoneId: r.zoneId,
      summary,
      before: (before ?? null) as Record<string, unknown> | null,
      after: (after ?? null) as Record<string, unknown> | null,
    })
  }

  /** 产前 / 产中 / 产后 of a contact: its project's stage, else the enterprise's furthest project. */
  async function derivePhase(
    trx: Db,
    enterpriseId: number,
    projectStage: string | null,
  ): Promise<ServicePhase> {
    if (projectStage) return phaseOfStage(projectStage)
    const stages = await repo.enterpriseStages(trx, enterpriseId)
    if (!stages.length) return 'pre'
    const furthest = stages.reduce((a, b) => (stageIndex(b) > stageIndex(a) ? b : a))
    return phaseOfStage(furthest)
  }

  function checkDate(date: string) {
    if (!isRealDate(date)) throw invalid('contactDate', '服务日期格式应为 YYYY-MM-DD')
    if (date > today()) throw invalid('contactDate', '服务日期不能晚于今天')
  }

  /** Checks the links of a contact and answers its columns (zone from the enterprise). */
  async function resolve(trx: Db, actor: Actor | null, input: ServiceRecordInput) {
    const ent = await repo.enterpriseVisible(trx, input.enterpriseId, actor)
    if (!ent) throw invalid('enterpriseId', '企业不存在或无权访问')
    let stage: string | null = null
    if (input.projectId) {
      const p = await repo.projectFacts(trx, input.projectId)
      if (!p || p.zone_id !== ent.zone_id || p.enterprise_id !== ent.id)
        throw invalid('projectId', '项目不存在或不属于该企业')
      stage = p.stage
    }
    if (input.permitId) {
      const pm = await repo.permitFacts(trx, input.permitId)
      if (!pm || !input.projectId || pm.project_id !== input.projectId)
        throw invalid('permitId', '手续不存在或不属于该项目')
    }
    const zone = await zoneById(trx, ent.zone_id)
    const officer = input.officerUserId ?? actor?.id
    if (!officer) throw invalid('officerUserId', '请选择服务人员')
    if ((await usersServingZone(trx, zone, [officer])).length !== 1)
      throw invalid('officerUserId', '服务人员不存在或不属于本开发区')
    const summary = input.summary.trim()
    if (summary.length < 2) throw invalid('summary', '服务内容至少 2 个字')
    return {
      zone_id: ent.zone_id,
      enterprise_id: ent.id,
      project_id: input.projectId ?? null,
      permit_id: input.permitId ?? null,
      kind: input.kind,
      phase: input.phase ?? (await derivePhase(trx, ent.id, stage)),
      contact_date: input.contactDate,
      officer_user_id: officer,
      summary,
      follow_up: trimOrNull(input.followUp),
    }
  }

  const ledger = pagedList({
    args: (q: repo.ServiceFilter) => ({ filter: q, sort: null }),
    fetch: (actor: Actor, filter, _sort, window) => {
      authorize(actor, 'service:read')
      return repo.list(db, actor, filter, window)
    },
    present: (rows: repo.ServiceRecordRow[]) => rows.map(presentServiceRecord),
  })

  async function get(actor: Actor, id: number) {
    authorize(actor, 'service:read')
    return presentServiceRecord(found(await repo.findVisible(db, id, actor), '服务记录'))
  }

  async function create(ctx: AnyCtx, input: ServiceRecordInput) {
    if (ctx.actor) authorize(ctx.actor, 'service:manage')
    checkDate(input.contactDate)
    return db.transaction().execute(async (trx) => {
      const cols = await resolve(trx, ctx.actor, input)
      const id = await repo.insert(
        trx,
        { ...cols, source: 'manual', created_by: ctx.actor?.id ?? null },
        clock.now(),
      )
      const after = presentServiceRecord((await repo.findRow(trx, id))!)
      await audit(
        trx,
        ctx,
        'create',
        { id, zoneId: cols.zone_id },
        `登记服务记录：${after.enterprise.name} ${after.kindLabel}（${after.phaseLabel}，${after.contactDate}）`,
        null,
        after,
      )
      return after
    })
  }

  async function loadForWrite(ctx: AnyCtx, id: number, trx: Db) {
    if (ctx.actor) {
      authorize(ctx.actor, 'service:manage')
      return found(await repo.findVisible(trx, id, ctx.actor), '服务记录')
    }
    return found(await repo.findRow(trx, id), '服务记录')
  }

  async function update(ctx: AnyCtx, id: number, input: Partial<ServiceRecordInput> & { version: number }) {
    if (input.contactDate !== undefined) checkDate(input.contactDate)
    return db.transaction().execute(async (trx) => {
      const row = await loadForWrite(ctx, id, trx)
      if (row.version !== input.version) throw versionConflict()
      const before = presentServiceRecord(row)
      const merged: ServiceRecordInput = {
        enterpriseId: input.enterpriseId ?? row.enterprise_id,
        projectId: input.projectId !== undefined ? input.projectId : row.project_id,
        permitId: input.permitId !== undefined ? input.permitId : row.permit_id,
        kind: input.kind ?? row.kind,
        // A changed project derives the phase again unless one is given.
        phase:
          input.phase !== undefined
            ? input.phase
            : input.projectId !== undefined && input.projectId !== row.project_id
              ? null
              : row.phase,
        contactDate: input.contactDate ?? row.contact_date,
        officerUserId: input.officerUserId ?? row.officer_user_id,
        summary: input.summary ?? row.summary,
        followUp: input.followUp !== undefined ? input.followUp : row.follow_up,
      }
      const cols = await resolve(trx, ctx.actor, merged)
      if (!(await repo.update(trx, id, input.version, cols, clock.now()))) throw versionConflict()
      const after = presentServiceRecord((await repo.findRow(trx, id))!)
      await audit(
        trx,
        ctx,
        'update',
        { id, zoneId: row.zone_id },
        `修改服务记录：${after.enterprise.name}`,
        before,
        after,
      )
      return after
    })
  }

  async function remove(ctx: AnyCtx, id: number, version: number) {
    await db.transaction().execute(async (trx) => {
      const row = await loadForWrite(ctx, id, trx)
      if (row.version !== version) throw versionConflict()
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        'delete',
        { id, zoneId: row.zone_id },
        `删除服务记录：${row.enterprise_name} ${row.contact_date}`,
        presentServiceRecord(row),
        null,
      )
    })
    return { ok: true }
  }

  /**
   * The 帮办 contact of a permit's approval (one per permit): written or brought up to date when the
   * permit is approved, removed when the approval is withdrawn. Called inside the permit's
   * transaction; the enterprise of the project is the one served.
   */
  async function recordForPermit(
    trx: Db,
    ctx: AnyCtx,
    p: {
      permitId: number
      zoneId: number
      enterpriseId: number
      projectId: number
      projectStage: string
      date: string
      officerUserId: number | null
      summary: string
    },
  ) {
    const officer = p.officerUserId ?? ctx.actor?.id
    if (!officer) return
    const cols = {
      zone_id: p.zoneId,
      enterprise_id: p.enterpriseId,
      project_id: p.projectId,
      permit_id: p.permitId,
      kind: 'permit' as const,
      phase: phaseOfStage(p.projectStage),
      contact_date: p.date,
      officer_user_id: officer,
      summary: p.summary,
      follow_up: null,
    }
    const existing = await repo.forPermit(trx, p.permitId)
    if (existing) {
      await repo.update(trx, existing.id, existing.version, cols, clock.now())
      return existing.id
    }
    const id = await repo.insert(
      trx,
      { ...cols, source: 'permit', created_by: ctx.actor?.id ?? null },
      clock.now(),
    )
    await audit(
      trx,
      ctx,
      'create',
      { id, zoneId: p.zoneId },
      `帮办服务记录（自动）：${p.summary}`,
      null,
      cols,
    )
    return id
  }

  /**
   * The 政策 contact of a policy application a service officer made on the enterprise's behalf
   * (policies.apply), in the application's transaction; the phase follows the enterprise's projects.
   */
  async function recordForPolicy(
    trx: Db,
    ctx: AnyCtx,
    p: { zoneId: number; enterpriseId: number; date: string; summary: string },
  ) {
    const officer = ctx.actor?.id
    if (!officer) return
    const cols = {
      zone_id: p.zoneId,
      enterprise_id: p.enterpriseId,
      project_id: null,
      permit_id: null,
      kind: 'policy' as const,
      phase: await derivePhase(trx, p.enterpriseId, null),
      contact_date: p.date,
      officer_user_id: officer,
      summary: p.summary,
      follow_up: null,
    }
    const id = await repo.insert(trx, { ...cols, source: 'policy', created_by: officer }, clock.now())
    await audit(
      trx,
      ctx,
      'create',
      { id, zoneId: p.zoneId },
      `政策服务记录（自动）：${p.summary}`,
      null,
      cols,
    )
    return id
  }

  async function removeForPermit(trx: Db, permitId: number) {
    await repo.removeForPermit(trx, permitId)
  }

  /**
   * Per-officer workload: contacts per month by kind and phase in [from, to] (default the last
   * twelve months), and permits handled as agent (open / approved / late today).
   */
  async function workload(actor: Actor, q: { zoneId?: number; from?: string; to?: string }) {
    authorize(actor, 'service:read')
    const t = today()
    const to = q.to ?? t
    const from = q.from ?? `${addDays(to, -365).slice(0, 7)}-01`
    if (from > to) throw invalid('from', '开始日期不能晚于结束日期')
    const [rows, permits] = await Promise.all([
      repo.workload(db, actor, { zoneId: q.zoneId, from, to }),
      permitsRepo.agentFigures(db, actor, q.zoneId, t),
    ])
    const byKey = new Map<
      string,
      {
        officer: { id: number; name: string }
        month: string
        total: number
        byKind: Record<ServiceKind, number>
        byPhase: Record<ServicePhase, number>
      }
    >()
    for (const r of rows) {
      const key = `${r.user_id}|${r.month}`
      let e = byKey.get(key)
      if (!e) {
        e = {
          officer: { id: r.user_id, name: r.name },
          month: r.month,
          total: 0,
          byKind: { visit: 0, call: 0, meeting: 0, permit: 0, policy: 0, other: 0 },
          byPhase: { pre: 0, during: 0, post: 0 },
        }
        byKey.set(key, e)
      }
      e.total += r.n
      e.byKind[r.kind] += r.n
      e.byPhase[r.phase] += r.n
    }
    const contacts = [...byKey.values()].sort(
      (a, b) => b.month.localeCompare(a.month) || a.officer.name.localeCompare(b.officer.name, 'zh'),
    )
    return {
      from,
      to,
      contacts,
      permits: permits
        .map((p) => ({
          agent: { id: p.user_id!, name: p.name },
          open: p.open,
          approved: p.approved,
          late: p.late,
        }))
        .sort((a, b) => b.open + b.approved - (a.open + a.approved)),
    }
  }

  return {
    list: ledger.list,
    exportRows: ledger.exportRows,
    get,
    create,
    update,
    remove,
    recordForPermit,
    recordForPolicy,
    removeForPermit,
    workload,
  }
}

export type ServiceRecordsService = ReturnType<typeof createServiceRecordsService>
