import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { found, invalid, notFound, versionConflict } from '../../errors.ts'
import { daysBetween } from '../../lib/time.ts'
import type { Actor } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as msRepo from './milestones.repository.ts'
import type { RawProject } from './projects.repository.ts'

export interface MilestoneInput {
  name?: string
  plannedDate?: string | null
  actualDate?: string | null
  ownerUserId?: number | null
  ownerDepartmentId?: number | null
  note?: string | null
  sort?: number
}

/** 节点 (the work plan of a project): planned and actual dates, owner, evidence attachments. */
export function createMilestones(
  deps: Deps,
  s: {
    audit: AuditService
    projectEvent: (
      trx: Db,
      ctx: AnyCtx,
      p: { id: number; zone_id: number; enterprise_id: number | null },
      kind: string,
      summary: string,
      data?: Record<string, unknown>,
    ) => Promise<void>
    changed: (trx: Db, projectId: number) => Promise<void>
    loadProjectForRead: (actor: Actor, projectId: number, trx: Db) => Promise<RawProject>
    loadProjectForWrite: (ctx: AnyCtx, projectId: number, trx: Db) => Promise<RawProject>
    checkOwner: (
      trx: Db,
      p: RawProject,
      userId?: number | null,
      departmentId?: number | null,
    ) => Promise<void>
    today: () => string
  },
) {
  const { db, clock } = deps

  function present(m: msRepo.MilestoneRow, today: string) {
    const status = m.actual_date
      ? 'done'
      : !m.planned_date
        ? 'unplanned'
        : m.planned_date < today
          ? 'overdue'
          : 'pending'
    const lateDays =
      status === 'overdue'
        ? daysBetween(m.planned_date!, today)
        : status === 'done' && m.planned_date && m.actual_date! > m.planned_date
          ? daysBetween(m.planned_date, m.actual_date!)
          : 0
    return {
      id: m.id,
      projectId: m.project_id,
      name: m.name,
      plannedDate: m.planned_date,
      actualDate: m.actual_date,
      ownerUserId: m.owner_user_id,
      ownerUserName: m.owner_user_name ?? null,
      ownerDepartmentId: m.owner_department_id,
      ownerDepartmentName: m.owner_department_name ?? null,
      sort: m.sort,
      note: m.note,
      status,
      lateDays,
      attachmentCount: m.attachment_count ?? 0,
      version: m.version,
    }
  }
  type Presented = ReturnType<typeof present>

  async function list(actor: Actor, projectId: number) {
    await s.loadProjectForRead(actor, projectId, db)
    const t = s.today()
    return { items: (await msRepo.listFor(db, projectId)).map((m) => present(m, t)) }
  }

  /** The milestone and its project, for a change (person: permission + scope; system: none). */
  async function loadForWrite(ctx: AnyCtx, id: number, trx: Db) {
    const m = found(await msRepo.findById(trx, id), '节点')
    const p = await s.loadProjectForWrite(ctx, m.project_id, trx).catch((e) => {
      if ((e as { code?: string }).code === 'NOT_FOUND') throw notFound('节点')
      throw e
    })
    return { m, p }
  }

  function checkActual(date: string | null | undefined) {
    if (date && date > s.today()) throw invalid('actualDate', '实际完成日期不能晚于今天')
  }

  async function create(ctx: AnyCtx, projectId: number, input: MilestoneInput & { name: string }) {
    checkActual(input.actualDate)
    return db.transaction().execute(async (trx) => {
      const p = await s.loadProjectForWrite(ctx, projectId, trx)
      await s.checkOwner(trx, p, input.ownerUserId, input.ownerDepartmentId)
      const name = input.name.trim()
      if (!name) throw invalid('name', '节点名称不能为空')
      const sort = input.sort ?? (await msRepo.nextSort(trx, projectId))
      const [id] = await msRepo.insertMany(
        trx,
        p.zone_id,
        projectId,
        [
          {
            name,
            planned_date: input.plannedDate ?? null,
            owner_user_id: input.ownerUserId ?? null,
            owner_department_id: input.ownerDepartmentId ?? null,
            note: input.note?.trim() || null,
            sort,
          },
        ],
        clock.now(),
      )
      if (input.actualDate) await msRepo.update(trx, id, 1, { actual_date: input.actualDate }, clock.now())
      const after = present((await msRepo.findById(trx, id))!, s.today())
      await s.projectEvent(
        trx,
        ctx,
        p,
        'milestone',
        `新增节点「${name}」${after.plannedDate ? `，计划 ${after.plannedDate}` : ''}`,
        { milestoneId: id },
      )
      await s.audit.record(trx, ctx, {
        action: 'milestone.create',
        targetType: 'milestone',
        targetId: id,
        zoneId: p.zone_id,
        summary: `项目 ${p.code} 新增节点「${name}」`,
        after,
      })
      await s.changed(trx, projectId)
      return after
    })
  }

  async function update(ctx: AnyCtx, id: number, input: MilestoneInput & { version: number }) {
    checkActual(input.actualDate)
    return db.transaction().execute(async (trx) => {
      const { m, p } = await loadForWrite(ctx, id, trx)
      if (m.version !== input.version) throw versionConflict()
      await s.checkOwner(trx, p, input.ownerUserId, input.ownerDepartmentId)
      const t = s.today()
      const before: Presented = present(m, t)
      const cols: Record<string, unknown> = {}
      if (input.name !== undefined) {
        const name = input.name.trim()
        if (!name) throw invalid('name', '节点名称不能为空')
        cols.name = name
      }
      if (input.plannedDate !== undefined) cols.planned_date = input.plannedDate || null
      if (input.actualDate !== undefined) cols.actual_date = input.actualDate || null
      if (input.ownerUserId !== undefined) cols.owner_user_id = input.ownerUserId
      if (input.ownerDepartmentId !== undefined) cols.owner_department_id = input.ownerDepartmentId
      if (input.note !== undefined) cols.note = input.note?.trim() || null
      if (input.sort !== undefined) cols.sort = input.sort
      if (!(await msRepo.update(trx, id, input.version, cols, clock.now()))) throw versionConflict()
      const after = present((await msRepo.findById(trx, id))!, t)
      // Recording (or correcting, or clearing) the actual date is an event on the timeline.
      if (after.actualDate !== before.actualDate) {
        const late =
          after.actualDate && after.plannedDate && after.actualDate > after.plannedDate
            ? `，较计划晚 ${daysBetween(after.plannedDate, after.actualDate)} 天`
            : ''
        await s.projectEvent(
          trx,
          ctx,
          p,
          'milestone_done',
          after.actualDate
            ? `节点「${after.name}」完成（实际 ${after.actualDate}${late}）`
            : `节点「${after.name}」撤销完成日期`,
          { milestoneId: id, actualDate: after.actualDate, plannedDate: after.plannedDate },
        )
      } else if (after.plannedDate !== before.plannedDate) {
        await s.projectEvent(
          trx,
          ctx,
          p,
          'milestone',
          `节点「${after.name}」计划日期：${before.plannedDate ?? '未定'} → ${after.plannedDate ?? '未定'}`,
          { milestoneId: id },
        )
      }
      await s.audit.record(trx, ctx, {
        action: 'milestone.update',
        targetType: 'milestone',
        targetId: id,
        zoneId: p.zone_id,
        summary: `项目 ${p.code} 修改节点「${after.name}」`,
        before,
        after,
      })
      await s.changed(trx, p.id)
      return after
    })
  }

  async function remove(ctx: AnyCtx, id: number, version: number) {
    await db.transaction().execute(async (trx) => {
      const { m, p } = await loadForWrite(ctx, id, trx)
      if (m.version !== version) throw versionConflict()
      const before = present(m, s.today())
      if (!(await msRepo.remove(trx, id, version))) throw versionConflict()
      await s.projectEvent(trx, ctx, p, 'milestone', `删除节点「${m.name}」`, { milestoneId: id })
      await s.audit.record(trx, ctx, {
        action: 'milestone.delete',
        targetType: 'milestone',
        targetId: id,
        zoneId: p.zone_id,
        summary: `项目 ${p.code} 删除节点「${m.name}」`,
        before,
      })
      await s.changed(trx, p.id)
    })
    return { ok: true }
  }

  return { present, list, create, update, remove }
}
