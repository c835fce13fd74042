import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'
import { visibleTo } from './scope.ts'

/**
 * Which problems an actor sees, for every module that lists problem data (the ledger, the 三个清单,
 * the daily board, figures, suggestions…):
 * - zone-wide roles see their zone's problems;
 * - department roles see problems where one of their departments is the lead (牵头) or a co (配合)
 *   unit, or owns a task of the problem;
 * - enterprise users see their enterprise's problems;
 * - anyone sees the problems they received first (首问), are responsible for, own a task of, or
 *   reported themselves.
 * `alias` is the problems table alias in the query (default 'p').
 */
export function problemScope(actor: Actor, alias = 'p') {
  const id = sql.ref(`${alias}.id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const byGrant = visibleTo(eb, actor, {
      zoneId: `${alias}.zone_id`,
      enterpriseId: `${alias}.enterprise_id`,
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`(exists (select 1 from problem_units pu join departments d on d.id = pu.department_id
            where pu.problem_id = ${id} and d.path like ${prefix})
          or exists (select 1 from problem_tasks pt join departments d on d.id = pt.owner_department_id
            where pt.problem_id = ${id} and d.path like ${prefix}))`,
    })
    return eb.or([byGrant, personalProblemArms(actor, alias)(eb)])
  }
}

/**
 * The problems an actor sees in person, whatever their grants: received first (首问), responsible
 * for, leading, reported, or owning a task of. Each arm can use an index.
 */
export function personalProblemArms(actor: Actor, alias = 'p') {
  const id = sql.ref(`${alias}.id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      eb(eb.ref(`${alias}.first_receiver_id`), '=', actor.id),
      eb(eb.ref(`${alias}.responsible_user_id`), '=', actor.id),
      eb(eb.ref(`${alias}.responsible_leader_id`), '=', actor.id),
      eb(eb.ref(`${alias}.reporter_user_id`), '=', actor.id),
      // An array computed once (InitPlan) rather than a per-row EXISTS: every arm of the OR can then
      // use an index (BitmapOr) instead of forcing a scan of the whole table.
      sql<SqlBool>`${id} = any(array(select pt.problem_id from problem_tasks pt where pt.owner_user_id = ${actor.id}))`,
    ])
}

/**
 * The zones an actor sees whole when that is all their grants give (zone-wide roles): then
 * problemScope = zone_id in zones OR personal arms, and a count splits into two index-friendly parts.
 */
export function wholeZonesOnly(actor: Actor): number[] | null {
  const s = actor.scope
  return !s.all && s.zoneIds.length && !s.subtreePaths.length && !s.deptIds.length && !s.self
    ? s.zoneIds
    : null
}
