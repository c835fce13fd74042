import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Actor } from './actor.ts'
import { visibleTo } from './scope.ts'

/**
 * Which zones' reporting cadence an actor sees (报送调度 is the zone's business, like its visits):
 * zone-wide roles their zone; department roles the zone their department belongs to; city-level
 * roles every zone under their subtree. `zoneColumn` is the zone id column in the query.
 */
export function cadenceZoneScope(actor: Actor, zoneColumn: string) {
  const zone = sql.ref(zoneColumn)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    visibleTo(eb, actor, {
      zoneId: zoneColumn,
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`exists (select 1 from departments z where z.id = ${zone}
          and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
    })
}
