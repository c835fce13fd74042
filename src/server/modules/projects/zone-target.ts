import type { Db } from '../../db/database.ts'
import { AppError, invalid } from '../../errors.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'

export interface ZoneRef {
  id: number
  name: string
  code: string | null
  path: string
}

async function zoneRow(db: Db, id: number, actor?: Actor): Promise<ZoneRef | undefined> {
  let q = db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.code', 'd.path'])
    .where('d.id', '=', id)
    .where('d.kind', '=', 'zone')
  if (actor)
    q = q.where((eb) => visibleTo(eb, actor, { deptPath: 'd.path', deptId: 'd.id', zoneId: 'd.zone_id' }))
  return q.executeTakeFirst()
}

/**
 * The zone a new record goes into: the actor's own zone, or — for a user above zones (city level,
 * scope "all") — the `zoneId` they pass, which must be a zone they can see.
 */
export async function targetZone(db: Db, actor: Actor, zoneId?: number | null): Promise<ZoneRef> {
  if (actor.zoneId) {
    if (zoneId && zoneId !== actor.zoneId) throw new AppError('NOT_FOUND', '开发区不存在或无权访问')
    const own = await zoneRow(db, actor.zoneId)
    if (own) return own
  }
  if (!zoneId) throw invalid('zoneId', '请选择所属开发区')
  const row = await zoneRow(db, zoneId, actor)
  if (!row) throw new AppError('NOT_FOUND', '开发区不存在或无权访问')
  return row
}

/** A zone by id, without a scope check (internal callers: seeds, imports, jobs). */
export async function zoneById(db: Db, id: number): Promise<ZoneRef> {
  const row = await zoneRow(db, id)
  if (!row) throw invalid('zoneId', '开发区不存在')
  return row
}
