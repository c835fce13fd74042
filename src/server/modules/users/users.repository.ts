import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, likeEscape, nullsOrder, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'

const scoped = (actor: Actor) => (eb: ExpressionBuilder<any, any>) =>
  visibleTo(eb, actor, {
    deptPath: 'd.path',
    deptId: 'u.department_id',
    zoneId: 'u.zone_id',
    ownerId: 'u.id',
  })

function base(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.department_id',
      'd.name as department_name',
      'd.path as department_path',
      'u.zone_id',
      'u.enterprise_id',
      eb
        .selectFrom('enterprises as ent')
        .select('ent.name')
        .whereRef('ent.id', '=', 'u.enterprise_id')
        .as('enterprise_name'),
      'u.title',
      'u.phone',
      'u.email',
      'u.enabled',
      'u.locked_until',
      'u.must_change_password',
      'u.totp_enabled',
      'u.last_login_at',
      'u.created_at',
      'u.version',
      eb
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .select(
          sql<
            Array<{ id: number; code: string; name: string; triad: string | null }>
          >`coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'code', r.code, 'name', r.name, 'triad', r.triad) order by r.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('ur.user_id', '=', 'u.id')
        .as('roles'),
    ])
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('u.id', '=', id)
  if (actor) q = q.where(scoped(actor))
  return q.executeTakeFirst()
}

export interface UserFilter {
  keyword?: string
  departmentId?: number
  roleId?: number
  enabled?: boolean
  locked?: boolean
}

const SORT_COLUMNS = {
  username: 'u.username',
  displayName: 'u.display_name',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
} as const

function filterExpr(actor: Actor, f: UserFilter, now: Date) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [scoped(actor)(eb)]
    if (f.keyword) {
      const kw = `%${likeEscape(f.keyword)}%`
      conds.push(
        eb.or([eb('u.username', 'ilike', kw), eb('u.display_name', 'ilike', kw), eb('u.phone', 'like', kw)]),
      )
    }
    if (f.departmentId) {
      // The department and everything under it.
      conds.push(
        eb(
          'd.path',
          'like',
          eb
            .selectFrom('departments')
            .select(sql<string>`path || '%'`.as('p'))
            .where('id', '=', f.departmentId),
        ),
      )
    }
    if (f.roleId) {
      conds.push(
        eb.exists(
          eb
            .selectFrom('user_roles as ur2')
            .select('ur2.user_id')
            .whereRef('ur2.user_id', '=', 'u.id')
            .where('ur2.role_id', '=', f.roleId),
        ),
      )
    }
    if (f.enabled !== undefined) conds.push(eb('u.enabled', '=', f.enabled))
    if (f.locked === true) conds.push(eb('u.locked_until', '>', now))
    if (f.locked === false)
      conds.push(eb.or([eb('u.locked_until', 'is', null), eb('u.locked_until', '<=', now)]))
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor,
  f: UserFilter,
  now: Date,
  sort: { field: keyof typeof SORT_COLUMNS; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = filterExpr(actor, f, now)
  return pageRows(
    db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.department_id')
      .where(where)
      .select(countAll),
    base(db).where(where).orderBy(sql.ref(SORT_COLUMNS[sort.field]), nullsOrder(sort.dir)).orderBy('u.id'),
    page,
  )
}

export async function usernameTaken(db: Db, username: string) {
  return !!(await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst())
}

export async function insert(
  db: Db,
  v: {
    username: string
    display_name: string
    department_id: number
    zone_id: number | null
    title: string | null
    phone: string | null
    email: string | null
    password_hash: string
    must_change_password: boolean
    at: Date
  },
) {
  const { at, ...row } = v
  const { id } = await db
    .insertInto('users')
    .values({ ...row, password_changed_at: at, created_at: at, updated_at: at, recovery_codes: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'users', id, version, v, at)

export async function replaceRoles(db: Db, userId: number, roleIds: number[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute()
  if (roleIds.length)
    await db
      .insertInto('user_roles')
      .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
      .execute()
}

/** Links enterprise accounts to an enterprise (their 一企一清单); the enterprises module decides who. */
export async function setEnterprise(db: Db, userIds: number[], enterpriseId: number, at: Date) {
  if (!userIds.length) return
  await db
    .updateTable('users')
    .set((eb) => ({ enterprise_id: enterpriseId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', 'in', userIds)
    .where((eb) => eb.or([eb('enterprise_id', 'is', null), eb('enterprise_id', '<>', enterpriseId)]))
    .execute()
}

/** Unlinks the accounts of an enterprise, except the given ones; returns who was unlinked. */
export async function clearEnterprise(db: Db, enterpriseId: number, exceptUserIds: number[], at: Date) {
  let q = db
    .updateTable('users')
    .set((eb) => ({ enterprise_id: null, updated_at: at, version: eb('version', '+', 1) }))
    .where('enterprise_id', '=', enterpriseId)
  if (exceptUserIds.length) q = q.where('id', 'not in', exceptUserIds)
  return (await q.returning('id').execute()).map((r) => r.id)
}
