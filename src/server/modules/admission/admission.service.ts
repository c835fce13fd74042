import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, invalid, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as repo from './admission.repository.ts'
import { KIND_LABEL, NEGATIVE_SORTS } from './admission.schema.ts'

export type AdmissionKind = 'forbidden' | 'restricted'

/** What the negative list says about an industry in a zone (null: not listed). */
export interface AdmissionHit {
  kind: AdmissionKind
  reason: string | null
  /** the listed code: the division itself, or the whole section it belongs to */
  industryCode: string
  industryName: string
}

/** "该行业在本开发区产业准入负面清单中（限制类：高耗能）" */
export function admissionText(hit: AdmissionHit): string {
  const why = hit.reason ? `：${hit.reason}` : ''
  return `该行业在本开发区产业准入负面清单中（${KIND_LABEL[hit.kind]}${why}）`
}

function present(r: repo.NegativeRow) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    industryLevel: r.industry_level,
    sectionCode: r.section_code,
    sectionName: r.section_name,
    kind: r.kind,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  }
}
export type NegativeEntry = ReturnType<typeof present>

/** 产业准入负面清单: a zone's forbidden and restricted industries, and the check projects run. */
export function createAdmissionService(deps: Deps, audit: AuditService) {
  const { db, clock } = deps

  /**
   * Is this industry on the zone's negative list? A division matches an entry for itself or for its
   * whole section (an entry "C 制造业" covers "13 农副食品加工业"); the division's own entry wins.
   */
  async function check(trx: Db, zoneId: number, industryCode: string | null): Promise<AdmissionHit | null> {
    if (!industryCode) return null
    const ind = await repo.industry(trx, industryCode)
    if (!ind) return null
    const codes = [ind.code, ...(ind.parent_code ? [ind.parent_code] : [])]
    const rows = await repo.matching(trx, zoneId, codes)
    if (!rows.length) return null
    const best = rows.find((r) => r.industry_code === ind.code) ?? rows[0]
    return {
      kind: best.kind,
      reason: best.reason,
      industryCode: best.industry_code,
      industryName: best.industry_name,
    }
  }

  /** The same check for the web form, before it submits. */
  async function checkFor(actor: Actor, industryCode: string, zoneId?: number) {
    const zone = await targetZone(db, actor, zoneId)
    return { admission: await check(db, zone.id, industryCode) }
  }

  async function load(actor: Actor, id: number, trx: Db = db) {
    const row = found(await repo.findById(trx, id, actor), '负面清单条目')
    return present(row)
  }

  function listArgs(q: repo.NegativeFilter & { sort?: string }) {
    const s = sortOf(q.sort, NEGATIVE_SORTS, 'industryCode')
    return { filter: q, sort: { field: s.field.replace('-', '') as 'industryCode', dir: s.dir } }
  }

  const { list, exportRows } = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: (rows) => rows.map(present),
  })

  async function create(
    ctx: Ctx,
    input: { industryCode: string; kind: AdmissionKind; reason?: string | null; zoneId?: number },
  ) {
    authorize(ctx.actor, 'portfolio:configure')
    const zone = await targetZone(db, ctx.actor, input.zoneId)
    return db.transaction().execute((trx) => addEntry(trx, ctx, { ...input, zoneId: zone.id }))
  }

  /** Adds an entry to a zone's list (no permission check: routes check, seeds and imports call it directly). */
  async function addEntry(
    trx: Db,
    ctx: AnyCtx,
    input: { zoneId: number; industryCode: string; kind: AdmissionKind; reason?: string | null },
  ) {
    const ind = await repo.industry(trx, input.industryCode)
    if (!ind) throw invalid('industryCode', '行业代码不存在（应为 GB/T 4754 门类字母或两位大类代码）')
    if (await repo.codeTaken(trx, input.zoneId, ind.code))
      throw new AppError('DUPLICATE', `负面清单中已有「${ind.code} ${ind.name}」`, { field: 'industryCode' })
    const id = await repo.insert(
      trx,
      {
        zone_id: input.zoneId,
        industry_code: ind.code,
        kind: input.kind,
        reason: input.reason?.trim() || null,
      },
      clock.now(),
    )
    const after = present((await repo.findById(trx, id))!)
    await audit.record(trx, ctx, {
      action: 'negative_list.create',
      targetType: 'negative_list',
      targetId: id,
      zoneId: input.zoneId,
      summary: `负面清单新增${KIND_LABEL[input.kind]}行业 ${ind.code} ${ind.name}`,
      after,
    })
    return after
  }

  async function update(
    ctx: Ctx,
    id: number,
    input: { kind?: AdmissionKind; reason?: string | null; version: number },
  ) {
    authorize(ctx.actor, 'portfolio:configure')
    return db.transaction().execute(async (trx) => {
      const before = await load(ctx.actor, id, trx)
      if (before.version !== input.version) throw versionConflict()
      const changes: Record<string, unknown> = {}
      if (input.kind !== undefined) changes.kind = input.kind
      if (input.reason !== undefined) changes.reason = input.reason?.trim() || null
      if (!(await repo.update(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      const after = present((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'negative_list.update',
        targetType: 'negative_list',
        targetId: id,
        zoneId: after.zoneId,
        summary: `修改负面清单行业 ${after.industryCode} ${after.industryName}`,
        before,
        after,
      })
      return after
    })
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'portfolio:configure')
    await db.transaction().execute(async (trx) => {
      const before = await load(ctx.actor, id, trx)
      if (before.version !== version) throw versionConflict()
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await audit.record(trx, ctx, {
        action: 'negative_list.delete',
        targetType: 'negative_list',
        targetId: id,
        zoneId: before.zoneId,
        summary: `从负面清单移除行业 ${before.industryCode} ${before.industryName}`,
        before,
      })
    })
    return { ok: true }
  }

  return {
    check,
    checkFor,
    get: (actor: Actor, id: number) => load(actor, id),
    list,
    exportRows,
    create,
    addEntry,
    update,
    remove,
  }
}

export type AdmissionService = ReturnType<typeof createAdmissionService>
