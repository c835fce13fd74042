import { type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Actor } from '../../policies/actor.ts'
import { visibleTo } from '../../policies/index.ts'

// Keys and the requests posted with them. Reading a request's state joins the problems table
// read-only (status, category, place, the lead department, the last note): the problem loop stays
// the only writer of problems; a request is created through problems.createInternal.

export async function findKeyByHash(db: Db, hash: string) {
  return db
    .selectFrom('open311_keys as k')
    .innerJoin('departments as z', 'z.id', 'k.zone_id')
    .select(['k.id', 'k.zone_id', 'k.name', 'k.source', 'k.enabled', 'k.revoked_at', 'z.name as zone_name'])
    .where('k.key_hash', '=', hash)
    .executeTakeFirst()
}
export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKeyByHash>>>

export async function touchKey(db: Db, id: number, at: Date) {
  await db.updateTable('open311_keys').set({ last_used_at: at }).where('id', '=', id).execute()
}

const keyColumns = [
  'k.id',
  'k.zone_id',
  'z.name as zone_name',
  'k.name',
  'k.source',
  'k.key_hint',
  'k.enabled',
  'k.created_at',
  'k.last_used_at',
  'k.revoked_at',
  'cu.display_name as created_by_name',
] as const

const keysOf = (db: Db, actor: Actor) =>
  db
    .selectFrom('open311_keys as k')
    .innerJoin('departments as z', 'z.id', 'k.zone_id')
    .leftJoin('users as cu', 'cu.id', 'k.created_by')
    .where((eb) => visibleTo(eb, actor, { zoneId: 'k.zone_id', deptPath: 'z.path' }))

export async function listKeys(db: Db, actor: Actor) {
  return keysOf(db, actor)
    .select(keyColumns)
    .select((eb) =>
      eb
        .selectFrom('open311_requests as r')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('r.key_id', '=', 'k.id')
        .as('requests'),
    )
    .orderBy('k.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('k.id', 'desc')
    .execute()
}

export async function findKey(db: Db, actor: Actor, id: number) {
  return keysOf(db, actor).select(keyColumns).where('k.id', '=', id).executeTakeFirst()
}

export async function insertKey(
  db: Db,
  row: {
    zone_id: number
    name: string
    source: string
    key_hash: string
    key_hint: string
    created_by: number
    at: Date
  },
) {
  const { at, ...rest } = row
  return (
    await db
      .insertInto('open311_keys')
      .values({ ...rest, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function revokeKey(db: Db, id: number, by: number, at: Date) {
  const r = await db
    .updateTable('open311_keys')
    .set({ enabled: false, revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function insertRequest(
  db: Db,
  row: { token: string; zone_id: number; key_id: number; problem_id: number; at: Date },
) {
  const { at, ...rest } = row
  await db
    .insertInto('open311_requests')
    .values({ ...rest, created_at: at })
    .execute()
}

export interface RequestFilter {
  zoneId: number
  source: string
  codes?: string[]
  serviceCode?: string
  /** received between (a request asked for by id: any time) */
  from?: Date
  to?: Date
  status?: 'open' | 'closed'
  limit: number
}

/** Problems are closed for Open311 once resolved (办结), closed (销号) or withdrawn. */
export const CLOSED_STATUSES = ['resolved', 'closed', 'withdrawn'] as const

/** The zone's problems posted through Open311 keys of the same source, newest first. */
export async function listRequests(db: Db, f: RequestFilter) {
  let q = db
    .selectFrom('open311_requests as r')
    .innerJoin('open311_keys as k', 'k.id', 'r.key_id')
    .innerJoin('problems as p', 'p.id', 'r.problem_id')
    .leftJoin('departments as d', 'd.id', 'p.lead_department_id')
    .select([
      'r.token',
      'p.id',
      'p.code',
      'p.title',
      'p.description',
      'p.category',
      'p.status',
      'p.address',
      'p.lng',
      'p.lat',
      'p.received_at',
      'p.updated_at',
      'p.deadline_at',
      'p.resolution',
      'd.name as agency',
      sql<
        string | null
      >`(select e.summary from events e where e.subject_type = 'problem' and e.subject_id = p.id
        order by e.at desc, e.id desc limit 1)`.as('last_note'),
    ])
    .where('r.zone_id', '=', f.zoneId)
    .where('k.source', '=', f.source)
  if (f.from) q = q.where('p.received_at', '>=', f.from)
  if (f.to) q = q.where('p.received_at', '<=', f.to)
  if (f.codes?.length) q = q.where('p.code', 'in', f.codes)
  if (f.serviceCode) q = q.where('p.category', '=', f.serviceCode)
  if (f.status === 'closed') q = q.where('p.status', 'in', [...CLOSED_STATUSES])
  if (f.status === 'open') q = q.where(sql<SqlBool>`p.status not in ('resolved', 'closed', 'withdrawn')`)
  return q.orderBy('p.received_at', 'desc').orderBy('p.id', 'desc').limit(f.limit).execute()
}
export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number]

export async function findToken(db: Db, zoneId: number, token: string) {
  return db
    .selectFrom('open311_requests as r')
    .innerJoin('problems as p', 'p.id', 'r.problem_id')
    .select(['r.token', 'p.code'])
    .where('r.zone_id', '=', zoneId)
    .where('r.token', '=', token)
    .executeTakeFirst()
}
