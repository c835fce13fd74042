import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { DataScope, Triad } from '../../db/schema.ts'
import { countAll, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'

function base(db: Db) {
  return db
    .selectFrom('roles as r')
    .select((eb) => [
      'r.id',
      'r.code',
      'r.name',
      'r.description',
      'r.builtin',
      'r.triad',
      'r.data_scope',
      'r.version',
      eb
        .selectFrom('role_permissions as rp')
        .select(sql<string[]>`coalesce(array_agg(rp.permission order by rp.permission), '{}')`.as('x'))
        .whereRef('rp.role_id', '=', 'r.id')
        .as('permissions'),
      eb
        .selectFrom('role_departments as rd')
        .select(sql<number[]>`coalesce(array_agg(rd.department_id order by rd.department_id), '{}')`.as('x'))
        .whereRef('rd.role_id', '=', 'r.id')
        .as('custom_department_ids'),
      eb
        .selectFrom('user_roles as ur')
        .select(sql<number>`count(*)::int`.as('x'))
        .whereRef('ur.role_id', '=', 'r.id')
        .as('user_count'),
    ])
}

export type RoleRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number) {
  return base(db).where('r.id', '=', id).executeTakeFirst()
}

export async function findByIds(db: Db, ids: number[]) {
  if (!ids.length) return []
  return base(db).where('r.id', 'in', ids).execute()
}

export async function list(
  db: Db,
  f: { keyword?: string; builtin?: boolean },
  page: { offset: number; pageSize: number },
) {
  let q = db.selectFrom('roles as r')
  if (f.keyword) {
    const kw = `%${likeEscape(f.keyword)}%`
    q = q.where((eb) => eb.or([eb('r.name', 'ilike', kw), eb('r.code', 'ilike', kw)]))
  }
  if (f.builtin !== undefined) q = q.where('r.builtin', '=', f.builtin)
  const ids = q.select('r.id')
  return pageRows(
    q.select(countAll),
    base(db).where('r.id', 'in', ids).orderBy('r.builtin', 'desc').orderBy('r.id'),
    page,
  )
}

export async function codeTaken(db: Db, code: string) {
  return !!(await db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirst())
}

export async function insert(
  db: Db,
  v: {
    code: string
    name: string
    description: string | null
    data_scope: DataScope
    triad: Triad | null
    builtin: boolean
    at: Date
  },
) {
  const { at, ...row } = v
  const { id } = await db
    .insertInto('roles')
    .values({ ...row, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'roles', id, version, v, at)

export async function replacePermissions(db: Db, roleId: number, permissions: string[]) {
  await db.deleteFrom('role_permissions').where('role_id', '=', roleId).execute()
  if (permissions.length)
    await db
      .insertInto('role_permissions')
      .values(permissions.map((permission) => ({ role_id: roleId, permission })))
      .execute()
}

export async function replaceDepartments(db: Db, roleId: number, departmentIds: number[]) {
  await db.deleteFrom('role_departments').where('role_id', '=', roleId).execute()
  if (departmentIds.length) {
    await db
      .insertInto('role_departments')
      .values(departmentIds.map((department_id) => ({ role_id: roleId, department_id })))
      .execute()
  }
}

export async function remove(db: Db, id: number) {
  await db.deleteFrom('roles').where('id', '=', id).execute()
}

export async function existingDepartmentIds(db: Db, ids: number[]) {
  if (!ids.length) return []
  return (await db.selectFrom('departments').select('id').where('id', 'in', ids).execute()).map((r) => r.id)
}

export async function findByCode(db: Db, code: string) {
  return db.selectFrom('roles').select(['id', 'version']).where('code', '=', code).executeTakeFirst()
}
