import { type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, jsonb, pageRows } from '../../db/sql-helpers.ts'

export interface NotificationInsert {
  user_id: number
  zone_id: number | null
  kind: string
  title: string
  body: string | null
  link: string | null
  subject_type: string | null
  subject_id: number | null
  created_at: Date
}

export async function insertMany(db: Db, rows: NotificationInsert[]) {
  if (!rows.length) return []
  return db.insertInto('notifications').values(rows).returning(['id', 'user_id']).execute()
}

const COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'link',
  'subject_type',
  'subject_id',
  'created_at',
  'read_at',
] as const

export async function list(
  db: Db,
  userId: number,
  f: { unread?: boolean; afterId?: string },
  page: { offset: number; pageSize: number },
) {
  const base = () => {
    let q = db.selectFrom('notifications').where('user_id', '=', userId)
    if (f.unread) q = q.where('read_at', 'is', null)
    if (f.afterId) q = q.where(sql<SqlBool>`id > ${f.afterId}::bigint`)
    return q
  }
  return pageRows(base().select(countAll), base().select(COLUMNS).orderBy('id', 'desc'), page)
}

/** The notifications after an id, oldest first (an event stream resuming from Last-Event-ID). */
export async function since(db: Db, userId: number, afterId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .where(sql<SqlBool>`id > ${afterId}::bigint`)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** The newest notification of a person ('0' when none): where a new event stream starts. */
export async function latestId(db: Db, userId: number) {
  const r = await db
    .selectFrom('notifications')
    .select(sql<string | null>`max(id)::text`.as('id'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return r.id ?? '0'
}

export async function unreadCount(db: Db, userId: number) {
  const r = await db
    .selectFrom('notifications')
    .select(countAll)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return r.n
}

export async function markRead(db: Db, userId: number, ids: string[] | 'all', at: Date) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if (ids !== 'all') q = q.where('id', 'in', ids)
  return Number((await q.executeTakeFirst()).numUpdatedRows)
}

export async function exists(db: Db, userId: number, id: string) {
  return !!(await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst())
}

export async function getPrefs(db: Db, userIds: number[]) {
  if (!userIds.length) return new Map<number, Record<string, { inApp: boolean; email: boolean }>>()
  const rows = await db
    .selectFrom('notification_prefs')
    .select(['user_id', 'prefs'])
    .where('user_id', 'in', userIds)
    .execute()
  return new Map(rows.map((r) => [r.user_id, r.prefs as Record<string, { inApp: boolean; email: boolean }>]))
}

export async function putPrefs(db: Db, userId: number, prefs: unknown, at: Date) {
  await db
    .insertInto('notification_prefs')
    .values({ user_id: userId, prefs: jsonb(prefs), updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ prefs: jsonb(prefs), updated_at: at }))
    .execute()
}

// ---------- who hears of a problem's step (read-only look-ups in the problem and org tables) ----------

export async function problemPeople(db: Db, id: number) {
  return db
    .selectFrom('problems')
    .select([
      'id',
      'zone_id',
      'code',
      'title',
      'lead_department_id',
      'responsible_user_id',
      'responsible_leader_id',
      'reporter_user_id',
      'first_receiver_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Enabled users holding a permission, in a department and the units under it, or in a whole zone. */
export async function usersWithPermission(
  db: Db,
  permission: string,
  where: { departmentId: number } | { zoneId: number },
) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select('u.id')
    .distinct()
    .where('u.enabled', '=', true)
    .where(
      sql<SqlBool>`exists (select 1 from user_roles ur join role_permissions rp on rp.role_id = ur.role_id
        where ur.user_id = u.id and rp.permission = ${permission})`,
    )
  if ('departmentId' in where)
    q = q.where(
      sql<SqlBool>`d.path like (select p.path from departments p where p.id = ${where.departmentId}) || '%'`,
    )
  else q = q.where('u.zone_id', '=', where.zoneId)
  return (await q.execute()).map((r) => r.id)
}

/** Enabled users of a zone by display name who may read problems (the people an "@名字" means). */
export async function readersNamed(db: Db, zoneId: number, names: string[]) {
  if (!names.length) return []
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.enabled', '=', true)
    .where('u.display_name', 'in', names)
    .where((eb) => eb.or([eb('u.zone_id', '=', zoneId), eb('u.zone_id', 'is', null)]))
    .where(
      sql<SqlBool>`exists (select 1 from user_roles ur join role_permissions rp on rp.role_id = ur.role_id
        where ur.user_id = u.id and rp.permission = 'problem:read')`,
    )
    .execute()
  return rows.map((r) => r.id)
}
