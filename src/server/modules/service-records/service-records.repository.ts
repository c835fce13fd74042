import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { ServiceKind, ServicePhase } from '../../../shared/service.ts'
import type { Db } from '../../db/database.ts'
import { countAll, deleteVersioned, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { visibleTo } from '../../policies/scope.ts'

/**
 * Which service contacts an actor sees (alias 'sr'): zone roles their zone's; department roles
 * those of the zone their department belongs to (like visits); enterprise users their
 * enterprise's; anyone the contacts they made.
 */
export function serviceScope(actor: Actor, alias = 'sr') {
  const zone = sql.ref(`${alias}.zone_id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      visibleTo(eb, actor, {
        zoneId: `${alias}.zone_id`,
        enterpriseId: `${alias}.enterprise_id`,
        deptPath: (_eb, prefix) =>
          sql<SqlBool>`exists (select 1 from departments z where z.id = ${zone}
            and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
      }),
      eb(eb.ref(`${alias}.officer_user_id`), '=', actor.id),
    ])
}

function base(db: Db) {
  return db
    .selectFrom('service_records as sr')
    .innerJoin('departments as z', 'z.id', 'sr.zone_id')
    .innerJoin('enterprises as e', 'e.id', 'sr.enterprise_id')
    .innerJoin('users as o', 'o.id', 'sr.officer_user_id')
    .leftJoin('projects as p', 'p.id', 'sr.project_id')
    .leftJoin('permits as pm', 'pm.id', 'sr.permit_id')
    .select([
      'sr.id',
      'sr.zone_id',
      'z.name as zone_name',
      'sr.enterprise_id',
      'e.name as enterprise_name',
      'sr.project_id',
      'p.code as project_code',
      'p.name as project_name',
      'sr.permit_id',
      'pm.name as permit_name',
      'sr.kind',
      'sr.phase',
      'sr.contact_date',
      'sr.officer_user_id',
      'o.display_name as officer_name',
      'sr.summary',
      'sr.follow_up',
      'sr.source',
      'sr.created_at',
      'sr.version',
    ])
}
export type ServiceRecordRow = NonNullable<Awaited<ReturnType<typeof findRow>>>

export async function findRow(db: Db, id: number) {
  return base(db).where('sr.id', '=', id).executeTakeFirst()
}

export async function findVisible(db: Db, id: number, actor: Actor) {
  return base(db).where('sr.id', '=', id).where(serviceScope(actor)).executeTakeFirst()
}

export interface ServiceFilter {
  zoneId?: number
  enterpriseId?: number
  projectId?: number
  permitId?: number
  officerUserId?: number
  kind?: ServiceKind
  phase?: ServicePhase
  from?: string
  to?: string
}

export async function list(
  db: Db,
  actor: Actor,
  f: ServiceFilter,
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [serviceScope(actor)(eb)]
    if (f.zoneId) conds.push(eb('sr.zone_id', '=', f.zoneId))
    if (f.enterpriseId) conds.push(eb('sr.enterprise_id', '=', f.enterpriseId))
    if (f.projectId) conds.push(eb('sr.project_id', '=', f.projectId))
    if (f.permitId) conds.push(eb('sr.permit_id', '=', f.permitId))
    if (f.officerUserId) conds.push(eb('sr.officer_user_id', '=', f.officerUserId))
    if (f.kind) conds.push(eb('sr.kind', '=', f.kind))
    if (f.phase) conds.push(eb('sr.phase', '=', f.phase))
    if (f.from) conds.push(eb('sr.contact_date', '>=', f.from))
    if (f.to) conds.push(eb('sr.contact_date', '<=', f.to))
    return eb.and(conds)
  }
  const count = db.selectFrom('service_records as sr').select(countAll).where(where)
  const rows = base(db).where(where).orderBy('sr.contact_date', 'desc').orderBy('sr.id', 'desc')
  return pageRows(count, rows, page)
}

export interface ServiceInsert {
  zone_id: number
  enterprise_id: number
  project_id: number | null
  permit_id: number | null
  kind: ServiceKind
  phase: ServicePhase
  contact_date: string
  officer_user_id: number
  summary: string
  follow_up: string | null
  source?: 'manual' | 'permit' | 'policy'
  created_by: number | null
}

export async function insert(db: Db, row: ServiceInsert, at: Date) {
  const r = await db
    .insertInto('service_records')
    .values({ ...row, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function update(db: Db, id: number, version: number, values: Record<string, unknown>, at: Date) {
  return updateVersioned(db, 'service_records', id, version, values, at)
}

export async function remove(db: Db, id: number, version: number) {
  return deleteVersioned(db, 'service_records', id, version)
}

/** The contact recorded automatically for a permit's approval, if any. */
export async function forPermit(db: Db, permitId: number) {
  return db
    .selectFrom('service_records')
    .select(['id', 'version'])
    .where('permit_id', '=', permitId)
    .where('source', '=', 'permit')
    .executeTakeFirst()
}

export async function removeForPermit(db: Db, permitId: number) {
  await db
    .deleteFrom('service_records')
    .where('permit_id', '=', permitId)
    .where('source', '=', 'permit')
    .execute()
}

/** Contacts per officer, month, kind and phase (the workload table), in the actor's scope. */
export async function workload(db: Db, actor: Actor, f: { zoneId?: number; from: string; to: string }) {
  let q = db
    .selectFrom('service_records as sr')
    .innerJoin('users as o', 'o.id', 'sr.officer_user_id')
    .select([
      'sr.officer_user_id as user_id',
      'o.display_name as name',
      sql<string>`to_char(sr.contact_date, 'YYYY-MM')`.as('month'),
      'sr.kind',
      'sr.phase',
      sql<number>`count(*)::int`.as('n'),
    ])
    .where(serviceScope(actor))
    .where('sr.contact_date', '>=', f.from)
    .where('sr.contact_date', '<=', f.to)
    .groupBy([
      'sr.officer_user_id',
      'o.display_name',
      sql`to_char(sr.contact_date, 'YYYY-MM')`,
      'sr.kind',
      'sr.phase',
    ])
  if (f.zoneId) q = q.where('sr.zone_id', '=', f.zoneId)
  return q.execute()
}

/** The enterprise when the actor sees it (zone, own enterprise), for a new contact. */
export async function enterpriseVisible(db: Db, id: number, actor: Actor | null) {
  let q = db.selectFrom('enterprises as e').select(['e.id', 'e.zone_id', 'e.name']).where('e.id', '=', id)
  if (actor) q = q.where((eb) => visibleTo(eb, actor, { zoneId: 'e.zone_id', enterpriseId: 'e.id' }))
  return q.executeTakeFirst()
}

export async function projectFacts(db: Db, id: number) {
  return db
    .selectFrom('projects')
    .select(['id', 'zone_id', 'enterprise_id', 'stage', 'code', 'name'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function permitFacts(db: Db, id: number) {
  return db.selectFrom('permits').select(['id', 'project_id', 'name']).where('id', '=', id).executeTakeFirst()
}

/** The most advanced stage among an enterprise's projects (a contact without a project). */
export async function enterpriseStages(db: Db, enterpriseId: number) {
  const rows = await db
    .selectFrom('projects')
    .select('stage')
    .where('enterprise_id', '=', enterpriseId)
    .execute()
  return rows.map((r) => r.stage)
}
