import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'

/**
 * How a table's rows relate to the organisation: column references, or for rows linked to
 * departments through another table (a project's responsible units), a condition builder.
 */
export interface ScopeColumns {
  /** the row's department path column, or a builder for "some linked department's path is under prefix" */
  deptPath?: string | ((eb: ExpressionBuilder<any, any>, prefix: string) => Expression<SqlBool>)
  deptId?: string
  zoneId?: string
  ownerId?: string
  /** for enterprise users (scope "own records"): rows of their enterprise */
  enterpriseId?: string
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
  const deptPath = cols.deptPath
  if (deptPath) {
    for (const p of s.subtreePaths) {
      ors.push(typeof deptPath === 'string' ? eb(eb.ref(deptPath), 'like', `${p}%`) : deptPath(eb, `${p}%`))
    }
  }
  if (s.deptIds.length) {
    if (cols.deptId) ors.push(eb(eb.ref(cols.deptId), 'in', s.deptIds))
    else if (typeof deptPath === 'function') {
      // "own department" for linked departments: the department's own path, without its subtree.
      ors.push(eb.or([deptPath(eb, actor.departmentPath)]))
    }
  }
  if (s.self) {
    if (cols.enterpriseId && actor.enterpriseId)
      ors.push(eb(eb.ref(cols.enterpriseId), '=', actor.enterpriseId))
    if (cols.ownerId) ors.push(eb(eb.ref(cols.ownerId), '=', actor.id))
    else if (cols.deptId && !cols.enterpriseId) ors.push(eb(eb.ref(cols.deptId), '=', actor.departmentId))
  }
  return ors.length ? eb.or(ors) : sql<SqlBool>`false`
}

/** The same rule for one record already in memory. */
export function inScope(
  actor: Actor,
  rec: {
    deptPath?: string | null
    deptId?: number | null
    zoneId?: number | null
    ownerId?: number | null
    enterpriseId?: number | null
  },
): boolean {
  const s = actor.scope
  if (s.all) return true
  if (rec.zoneId != null && s.zoneIds.includes(rec.zoneId)) return true
  if (rec.deptPath && s.subtreePaths.some((p) => rec.deptPath!.startsWith(p))) return true
  if (rec.deptId != null && s.deptIds.includes(rec.deptId)) return true
  if (s.self) {
    if (rec.enterpriseId != null && actor.enterpriseId === rec.enterpriseId) return true
    if (rec.ownerId !== undefined) return rec.ownerId === actor.id
    return rec.deptId === actor.departmentId
  }
  return false
}
