import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'
import { visibleTo } from './scope.ts'

/**
 * Which projects an actor sees, for every module that lists project data (projects, reports,
 * pipeline, imports…): zone-wide roles see their zone; department roles see projects where one of
 * their departments is a responsible unit (牵头 or 配合); enterprise users see their enterprise's.
 * `alias` is the projects table alias in the query (default 'p').
 */
export function projectScope(actor: Actor, alias = 'p') {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    visibleTo(eb, actor, {
      zoneId: `${alias}.zone_id`,
      enterpriseId: `${alias}.enterprise_id`,
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`exists (select 1 from project_units pu join departments d on d.id = pu.department_id
          where pu.project_id = ${sql.ref(`${alias}.id`)} and d.path like ${prefix})`,
    })
}
