import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'

/** Column references for a table whose rows belong to a department, a zone and possibly an owner. */
export interface ScopeColumns {
  deptPath?: string
  deptId?: string
  zoneId?: string
  ownerId?: string
}

/**
 * visibleTo(actor): the list filter every repository applies. Rows are visible when any of the
 * actor's grants covers them; an actor with no grant sees nothing.
 */
export function visibleTo(
  eb: ExpressionBuilder<any, any>,
  actor: Actor,
  cols: ScopeColumns,
): Expression<SqlBool> {
  const s = actor.scope
  if (s.all) return sql<SqlBool>`true`
  const ors: Expression<SqlBool>[] = []
  if (cols.zoneId && s.zoneIds.length) ors.push(eb(eb.ref(cols.zoneId), 'in', s.zoneIds))
  if (cols.deptPath) {
    for (const p of s.subtreePaths) ors.push(eb(eb.ref(cols.deptPath), 'like', `${p}%`))
  }
  if (cols.deptId && s.deptIds.length) ors.push(eb(eb.ref(cols.deptId), 'in', s.deptIds))
  if (s.self) {
    if (cols.ownerId) ors.push(eb(eb.ref(cols.ownerId), '=', actor.id))
    else if (cols.deptId) ors.push(eb(eb.ref(cols.deptId), '=', actor.departmentId))
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`false`
}

/** The same rule for one record already in memory. */
export function inScope(
  actor: Actor,
  rec: { deptPath?: string | null; deptId?: number | null; zoneId?: number | null; ownerId?: number | null },
): boolean {
  const s = actor.scope
  if (s.all) return true
  if (rec.zoneId != null && s.zoneIds.includes(rec.zoneId)) return true
  if (rec.deptPath && s.subtreePaths.some((p) => rec.deptPath!.startsWith(p))) return true
  if (rec.deptId != null && s.deptIds.includes(rec.deptId)) return true
  if (s.self) {
    if (rec.ownerId !== undefined) return rec.ownerId === actor.id
    return rec.deptId === actor.departmentId
  }
  return false
}
