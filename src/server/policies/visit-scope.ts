import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'
import { visibleTo } from './scope.ts'

/**
 * Which visits an actor sees (走访调研 are the zone's business, like its enterprises):
 * - zone-wide roles see their zone's visits;
 * - department roles see the visits of the zone their department belongs to; city-level roles
 *   the visits of every zone under their subtree;
 * - anyone sees the visits they recorded or took part in as a leader.
 * `alias` is the visits table alias in the query (default 'v').
 */
export function visitScope(actor: Actor, alias = 'v') {
  const zone = sql.ref(`${alias}.zone_id`)
  const id = sql.ref(`${alias}.id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      visibleTo(eb, actor, {
        zoneId: `${alias}.zone_id`,
        deptPath: (_eb, prefix) =>
          sql<SqlBool>`exists (select 1 from departments z where z.id = ${zone}
            and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
      }),
      eb(eb.ref(`${alias}.created_by`), '=', actor.id),
      sql<SqlBool>`exists (select 1 from visit_leaders vl where vl.visit_id = ${id} and vl.user_id = ${actor.id})`,
    ])
}

/**
 * Which suggestions an actor sees: those of the visits they see, and those addressed to their
 * department or a department under it (a city-level bureau answering a zone's suggestion).
 * `alias` is the suggestions table alias (default 's').
 */
export function suggestionScope(actor: Actor, alias = 's') {
  const zone = sql.ref(`${alias}.zone_id`)
  const dept = sql.ref(`${alias}.department_id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      visibleTo(eb, actor, {
        zoneId: `${alias}.zone_id`,
        deptPath: (_eb, prefix) =>
          sql<SqlBool>`(exists (select 1 from departments z where z.id = ${zone}
              and (z.path like ${prefix} or ${prefix} like z.path || '%'))
            or exists (select 1 from departments d where d.id = ${dept} and d.path like ${prefix}))`,
      }),
      eb(eb.ref(`${alias}.created_by`), '=', actor.id),
      eb(eb.ref(`${alias}.leader_user_id`), '=', actor.id),
      sql<SqlBool>`exists (select 1 from departments d where d.id = ${dept}
        and d.path like ${`${actor.departmentPath}%`})`,
    ])
}
