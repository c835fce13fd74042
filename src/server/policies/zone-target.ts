import { type SqlBool, sql } from 'kysely'
import type { Db } from '../db/database.ts'
import { AppError, invalid } from '../errors.ts'
import type { Actor } from './actor.ts'
import { visibleTo } from './scope.ts'

export interface ZoneRef {
  id: number
  name: string
  code: string | null
  path: string
  enabled: boolean
}

async function zoneRow(db: Db, id: number, actor?: Actor): Promise<ZoneRef | undefined> {
  let q = db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.code', 'd.path', 'd.enabled'])
    .where('d.id', '=', id)
    .where('d.kind', '=', 'zone')
  if (actor)
    q = q.where((eb) => visibleTo(eb, actor, { deptPath: 'd.path', deptId: 'd.id', zoneId: 'd.zone_id' }))
  return q.executeTakeFirst()
}

export interface TargetZoneOptions {
  /** the message when a user above zones names no zone (default: 请选择所属开发区) */
  missing?: string
  /** the 404 names the `zoneId` field too, so a form shows it next to its zone picker */
  notFoundField?: boolean
}

/**
 * The zone a new record goes into — the one rule for every module:
 * - a user of a zone: their own zone; naming another one is 404;
 * - a user above zones (city level): the `zoneId` they pass, required, which must be a zone they
 *   can see (else 404, existence not revealed);
 * - no actor (seeds, jobs, system context): the `zoneId` given, without a scope check.
 */
export async function targetZone(
  db: Db,
  actor: Actor | null,
  zoneId: number | null | undefined,
  opts: TargetZoneOptions = {},
): Promise<ZoneRef> {
  const notFound = () =>
    new AppError('NOT_FOUND', '开发区不存在或无权访问', opts.notFoundField ? { field: 'zoneId' } : {})
  if (actor?.zoneId) {
    if (zoneId && zoneId !== actor.zoneId) throw notFound()
    const own = await zoneRow(db, actor.zoneId)
    if (!own) throw notFound()
    return own
  }
  if (!zoneId) throw invalid('zoneId', opts.missing ?? '请选择所属开发区')
  const row = await zoneRow(db, zoneId, actor ?? undefined)
  if (!row) throw notFound()
  return row
}

/** A zone by id, without a scope check (internal callers: seeds, imports, jobs). */
export async function zoneById(db: Db, id: number): Promise<ZoneRef> {
  const row = await zoneRow(db, id)
  if (!row) throw invalid('zoneId', '开发区不存在')
  return row
}

/**
 * Enabled departments (or sections) that may take work of a zone — as lead or co unit of its
 * projects and problems: the zone's own, and those of the regions above it (耒阳市发改局 leads a
 * problem of 耒阳经济开发区; a department sits directly under a region that contains the zone).
 */
export async function unitsServingZone(db: Db, zone: Pick<ZoneRef, 'id' | 'path'>, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'path'])
    .where('id', 'in', ids)
    .where('enabled', '=', true)
    .where('kind', 'in', ['department', 'section'])
    .where((eb) =>
      eb.or([
        eb('zone_id', '=', zone.id),
        eb.and([
          eb('zone_id', 'is', null),
          sql<SqlBool>`${zone.path} like regexp_replace(path, '[0-9]+/$', '') || '%'`,
        ]),
      ]),
    )
    .execute()
}

/**
 * Enabled users who may be named on a zone's record (leader, responsible person, visiting leader):
 * those who work in the zone, or above it (a city or county leader responsible for a zone's work).
 */
export async function usersServingZone(db: Db, zone: Pick<ZoneRef, 'id' | 'path'>, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name'])
    .where('u.id', 'in', ids)
    .where('u.enabled', '=', true)
    .where((eb) =>
      eb.or([
        eb('u.zone_id', '=', zone.id),
        eb.and([eb('u.zone_id', 'is', null), sql<SqlBool>`${zone.path} like d.path || '%'`]),
      ]),
    )
    .execute()
}
