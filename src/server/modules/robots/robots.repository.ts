import { type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { RobotPlatform } from '../../db/schema-robots.ts'
import { countAll, pageRows } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/actor.ts'
import { visibleTo } from '../../policies/index.ts'

const robotColumns = [
  'r.id',
  'r.zone_id',
  'z.name as zone_name',
  'r.department_id',
  'd.name as department_name',
  'r.platform',
  'r.name',
  'r.webhook_hint',
  'r.topics',
  'r.mobiles',
  'r.enabled',
  'r.created_at',
  'r.updated_at',
  'r.version',
] as const

const robots = (db: Db) =>
  db
    .selectFrom('robots as r')
    .innerJoin('departments as z', 'z.id', 'r.zone_id')
    .leftJoin('departments as d', 'd.id', 'r.department_id')

export async function list(db: Db, actor: Actor) {
  return robots(db)
    .select(robotColumns)
    .select(sql<boolean>`r.secret_sealed is not null`.as('signed'))
    .select((eb) =>
      eb
        .selectFrom('robot_deliveries as x')
        .select(sql<string | null>`max(x.created_at)::text`.as('t'))
        .whereRef('x.robot_id', '=', 'r.id')
        .as('last_delivery_at'),
    )
    .where((eb) => visibleTo(eb, actor, { zoneId: 'r.zone_id', deptPath: 'z.path' }))
    .orderBy('r.zone_id')
    .orderBy('r.id')
    .execute()
}
export type RobotRow = Awaited<ReturnType<typeof list>>[number]

export async function find(db: Db, actor: Actor | null, id: number) {
  let q = robots(db)
    .select(robotColumns)
    .select(['r.webhook_sealed', 'r.secret_sealed'])
    .where('r.id', '=', id)
  if (actor) q = q.where((eb) => visibleTo(eb, actor, { zoneId: 'r.zone_id', deptPath: 'z.path' }))
  return q.executeTakeFirst()
}

export interface RobotValues {
  zone_id: number
  department_id: number | null
  platform: RobotPlatform
  name: string
  webhook_sealed: string
  webhook_hint: string
  secret_sealed: string | null
  topics: string[]
  mobiles: string[]
  enabled: boolean
}

export async function insert(db: Db, v: RobotValues & { created_by: number; at: Date }) {
  const { at, ...rest } = v
  return (
    await db
      .insertInto('robots')
      .values({ ...rest, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

export async function update(db: Db, id: number, version: number, v: Partial<RobotValues> & { at: Date }) {
  const { at, ...rest } = v
  const r = await db
    .updateTable('robots')
    .set({ ...rest, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function remove(db: Db, id: number, version: number) {
  const r = await db
    .deleteFrom('robots')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numDeletedRows) === 1
}

/** The enabled robots that take a topic: the zone's own, and the named department's. */
export async function subscribers(db: Db, zoneId: number, topic: string, departmentId: number | null) {
  return db
    .selectFrom('robots')
    .select(['id', 'zone_id'])
    .where('enabled', '=', true)
    .where('zone_id', '=', zoneId)
    .where(sql<SqlBool>`${topic} = any(topics)`)
    .where((eb) =>
      departmentId
        ? eb.or([eb('department_id', 'is', null), eb('department_id', '=', departmentId)])
        : eb('department_id', 'is', null),
    )
    .execute()
}

export async function enqueue(
  db: Db,
  rows: Array<{ robot_id: number; zone_id: number; topic: string; title: string; body: string; at: Date }>,
) {
  if (!rows.length) return []
  return db
    .insertInto('robot_deliveries')
    .values(rows.map(({ at, ...r }) => ({ ...r, status: 'pending' as const, next_at: at, created_at: at })))
    .returning('id')
    .execute()
}

export async function due(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('robot_deliveries as x')
    .innerJoin('robots as r', 'r.id', 'x.robot_id')
    .select([
      'x.id',
      'x.robot_id',
      'x.title',
      'x.body',
      'x.attempts',
      'r.platform',
      'r.webhook_sealed',
      'r.secret_sealed',
      'r.mobiles',
      'r.enabled',
    ])
    .where('x.status', '=', 'pending')
    .where('x.next_at', '<=', now)
    .orderBy('x.next_at')
    .orderBy('x.id')
    .limit(limit)
    .execute()
}

export async function sentSince(db: Db, robotId: number, since: Date) {
  const r = await db
    .selectFrom('robot_deliveries')
    .select(countAll)
    .where('robot_id', '=', robotId)
    .where('status', '=', 'sent')
    .where('sent_at', '>', since)
    .executeTakeFirstOrThrow()
  return r.n
}

export async function settle(
  db: Db,
  id: string,
  v: {
    status: 'pending' | 'sent' | 'failed'
    attempts: number
    next_at?: Date
    sent_at?: Date | null
    error_code?: string | null
    error?: string | null
  },
) {
  await db.updateTable('robot_deliveries').set(v).where('id', '=', id).execute()
}

export async function deliveries(
  db: Db,
  actor: Actor,
  f: { robotId?: number; status?: string; id?: string },
  page: { offset: number; pageSize: number },
) {
  const base = () => {
    let q = db
      .selectFrom('robot_deliveries as x')
      .innerJoin('robots as r', 'r.id', 'x.robot_id')
      .innerJoin('departments as z', 'z.id', 'r.zone_id')
      .where((eb) => visibleTo(eb, actor, { zoneId: 'r.zone_id', deptPath: 'z.path' }))
    if (f.id) q = q.where('x.id', '=', f.id)
    if (f.robotId) q = q.where('x.robot_id', '=', f.robotId)
    if (f.status) q = q.where('x.status', '=', f.status as 'sent')
    return q
  }
  return pageRows(
    base().select(countAll),
    base()
      .select([
        'x.id',
        'x.robot_id',
        'r.name as robot_name',
        'r.platform',
        'x.topic',
        'x.title',
        'x.status',
        'x.attempts',
        'x.error_code',
        'x.error',
        'x.created_at',
        'x.sent_at',
        'x.next_at',
      ])
      .orderBy('x.id', 'desc'),
    page,
  )
}

/** The zones with an enabled robot taking a topic (with what a zone reader needs). */
export async function zonesWithTopic(db: Db, topic: string) {
  return db
    .selectFrom('departments as z')
    .select(['z.id', 'z.name', 'z.path'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('robots as r')
          .select('r.id')
          .whereRef('r.zone_id', '=', 'z.id')
          .where('r.enabled', '=', true)
          .where(sql<SqlBool>`${topic} = any(r.topics)`),
      ),
    )
    .orderBy('z.id')
    .execute()
}
