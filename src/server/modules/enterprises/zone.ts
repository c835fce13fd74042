import type { AnyCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError } from '../../errors.ts'
import { visibleZone } from './enterprises.repository.ts'

/**
 * The zone a new record belongs to: the actor's own zone; for a user above zones (city level) or a
 * seed, the zone given in the body, which must exist and be visible to the actor.
 */
export async function resolveZone(db: Db, ctx: AnyCtx, zoneId: number | undefined | null): Promise<number> {
  const own = ctx.actor?.zoneId ?? null
  if (own) {
    if (zoneId && zoneId !== own)
      throw new AppError('NOT_FOUND', '开发区不存在或无权访问', { field: 'zoneId' })
    return own
  }
  if (!zoneId) throw new AppError('VALIDATION', '请选择所属开发区', { field: 'zoneId' })
  if (!(await visibleZone(db, ctx.actor, zoneId)))
    throw new AppError('NOT_FOUND', '开发区不存在或无权访问', { field: 'zoneId' })
  return zoneId
}

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-30 is not). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
