import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { DepartmentKind } from '../../db/schema.ts'
import { likeEscape, updateVersioned } from '../../db/sql-helpers.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'

const COLS = [
  'd.id',
  'd.parent_id',
  'd.zone_id',
  'd.kind',
  'd.name',
  'd.short_name',
  'd.code',
  'd.path',
  'd.depth',
  'd.sort',
  'd.region_code',
  'd.phone',
  'd.enabled',
  'd.head_user_id',
  'd.version',
] as const

const scoped = (actor: Actor) => (eb: any) =>
  visibleTo(eb, actor, { deptPath: 'd.path', deptId: 'd.id', zoneId: 'd.zone_id' })

function withUserCount(db: Db) {
  return (
    db
      .selectFrom('departments as d')
      .select(COLS)
      // the department head's name (督办 escalates to them)
      .select((eb) =>
        eb
          .selectFrom('users as hu')
          .select('hu.display_name')
          .whereRef('hu.id', '=', 'd.head_user_id')
          .as('head_user_name'),
      )
      .select((eb) =>
        eb
          .selectFrom('users as u')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('u.department_id', '=', 'd.id')
          .as('user_count'),
      )
  )
}

export type DepartmentRow = Awaited<ReturnType<typeof findById>> & {}

export async function findById(db: Db, id: number, actor?: Actor) {
  let q = withUserCount(db).where('d.id', '=', id)
  if (actor) q = q.where(scoped(actor))
  return q.executeTakeFirst()
}

export async function listVisible(db: Db, actor: Actor, includeDisabled: boolean) {
  let q = withUserCount(db).where(scoped(actor))
  if (!includeDisabled) q = q.where('d.enabled', '=', true)
  return q.orderBy('d.depth').orderBy('d.sort').orderBy('d.id').execute()
}

export interface DepartmentFilter {
  keyword?: string
  kind?: DepartmentKind
  parentId?: number
  enabled?: boolean
}

export async function list(
  db: Db,
  actor: Actor,
  f: DepartmentFilter,
  sort: { field: 'sort' | 'name' | 'id'; dir: 'asc' | 'desc' },
  page?: { offset: number; pageSize: number },
) {
  let q = db.selectFrom('departments as d').where(scoped(actor))
  if (f.keyword) {
    const kw = `%${likeEscape(f.keyword)}%`
    q = q.where((eb) =>
      eb.or([eb('d.name', 'ilike', kw), eb('d.short_name', 'ilike', kw), eb('d.code', 'ilike', kw)]),
    )
  }
  if (f.kind) q = q.where('d.kind', '=', f.kind)
  if (f.parentId) q = q.where('d.parent_id', '=', f.parentId)
  if (f.enabled !== undefined) q = q.where('d.enabled', '=', f.enabled)
  const total = page
    ? Number((await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n)
    : 0
  let rows = q
    .select(COLS)
    // the department head's name (督办 escalates to them)
    .select((eb) =>
      eb
        .selectFrom('users as hu')
        .select('hu.display_name')
        .whereRef('hu.id', '=', 'd.head_user_id')
        .as('head_user_name'),
    )
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('u.department_id', '=', 'd.id')
        .as('user_count'),
    )
    .orderBy(`d.${sort.field}`, sort.dir)
    .orderBy('d.id')
  if (page) rows = rows.offset(page.offset).limit(page.pageSize)
  const items = await rows.execute()
  return { items, total: page ? total : items.length }
}

export async function namesOfPath(db: Db, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean).map(Number)
  if (!ids.length) return []
  const rows = await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r.name]))
  return ids.map((id) => byId.get(id) ?? '?')
}

export async function nameHistory(db: Db, id: number) {
  return db
    .selectFrom('department_name_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.old_name', 'h.new_name', 'h.changed_at', 'u.display_name as changed_by_name'])
    .where('h.department_id', '=', id)
    .orderBy('h.changed_at', 'desc')
    .execute()
}

export async function siblingNameTaken(db: Db, parentId: number | null, name: string, exceptId?: number) {
  let q = db.selectFrom('departments').select('id').where('name', '=', name)
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return !!(await q.executeTakeFirst())
}

export async function codeTaken(db: Db, code: string, exceptId?: number) {
  let q = db.selectFrom('departments').select('id').where('code', '=', code)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return !!(await q.executeTakeFirst())
}

export async function insert(
  db: Db,
  v: {
    parent: { id: number; path: string; depth: number; zone_id: number | null } | null
    kind: DepartmentKind
    name: string
    short_name: string | null
    code: string | null
    sort: number
    region_code: string | null
    phone: string | null
    at: Date
  },
) {
  const { id } = await db
    .insertInto('departments')
    .values({
      parent_id: v.parent?.id ?? null,
      zone_id: v.parent?.zone_id ?? null,
      kind: v.kind,
      name: v.name,
      short_name: v.short_name,
      code: v.code,
      sort: v.sort,
      region_code: v.region_code,
      phone: v.phone,
      path: '/',
      depth: (v.parent?.depth ?? 0) + 1,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // The path and (for a zone) the zone id need the new id.
  await db
    .updateTable('departments')
    .set({ path: `${v.parent?.path ?? '/'}${id}/`, ...(v.kind === 'zone' ? { zone_id: id } : {}) })
    .where('id', '=', id)
    .execute()
  return id
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'departments', id, version, v, at)

export async function addNameHistory(
  db: Db,
  id: number,
  oldName: string,
  newName: string,
  at: Date,
  by: number | null,
) {
  await db
    .insertInto('department_name_history')
    .values({ department_id: id, old_name: oldName, new_name: newName, changed_at: at, changed_by: by })
    .execute()
}

/** Re-roots a subtree: paths, depths, and the zone of every node and user under it. */
export async function moveSubtree(db: Db, oldPath: string, newPath: string, depthDelta: number) {
  await db
    .updateTable('departments')
    .set({
      path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${likeEscape(oldPath)}%`)
    .execute()
  await sql`
    update departments d set zone_id = (
      select a.id from departments a
      where a.kind = 'zone' and d.path like a.path || '%'
      order by a.depth desc limit 1)
    where d.path like ${`${likeEscape(newPath)}%`}`.execute(db)
  await sql`
    update users u set zone_id = d.zone_id from departments d
    where d.id = u.department_id and d.path like ${`${likeEscape(newPath)}%`}`.execute(db)
}

export async function countEnabledUsersUnder(db: Db, path: string) {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('d.path', 'like', `${likeEscape(path)}%`)
    .where('u.enabled', '=', true)
    .executeTakeFirstOrThrow()
  return row.n
}

export async function countEnabledChildren(db: Db, id: number) {
  const row = await db
    .selectFrom('departments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_id', '=', id)
    .where('enabled', '=', true)
    .executeTakeFirstOrThrow()
  return row.n
}

/** A user who may head a department: enabled, staff (not an enterprise account), in the department's zone. */
export async function findHeadCandidate(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'zone_id', 'enabled', 'enterprise_id'])
    .where('id', '=', userId)
    .executeTakeFirst()
}
