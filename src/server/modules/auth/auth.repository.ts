import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { DataScope, Triad } from '../../db/schema.ts'
import { jsonb } from '../../db/sql-helpers.ts'

// The credential side of the accounts domain: password, lockout, TOTP, sessions and the login log.

export async function findCredentials(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'password_hash',
      'password_changed_at',
      'must_change_password',
      'failed_logins',
      'locked_until',
      'enabled',
      'totp_enabled',
      'totp_secret',
      'totp_pending_secret',
      'recovery_codes',
      'zone_id',
    ])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst()
}

export async function findCredentialsById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'password_hash',
      'totp_enabled',
      'totp_secret',
      'totp_pending_secret',
      'recovery_codes',
      'zone_id',
      'version',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function recordFailure(db: Db, id: number, lockedUntil: Date | null, at: Date) {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: lockedUntil,
      updated_at: at,
    }))
    .where('id', '=', id)
    .returning(['failed_logins'])
    .executeTakeFirstOrThrow()
  return row.failed_logins
}

export async function setLock(db: Db, id: number, lockedUntil: Date | null, failedLogins: number, at: Date) {
  await db
    .updateTable('users')
    .set({ locked_until: lockedUntil, failed_logins: failedLogins, updated_at: at })
    .where('id', '=', id)
    .execute()
}

export async function recordSuccess(db: Db, id: number, ip: string | null, at: Date) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: at, last_login_ip: ip })
    .where('id', '=', id)
    .execute()
}

export async function setPassword(db: Db, id: number, hash: string, at: Date, mustChange: boolean) {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: hash,
      password_changed_at: at,
      must_change_password: mustChange,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute()
}

export async function setTotp(
  db: Db,
  id: number,
  v: {
    totp_enabled?: boolean
    totp_secret?: string | null
    totp_pending_secret?: string | null
    recovery_codes?: string[]
  },
  at: Date,
) {
  const { recovery_codes, ...rest } = v
  await db
    .updateTable('users')
    .set({ ...rest, ...(recovery_codes ? { recovery_codes: jsonb(recovery_codes) } : {}), updated_at: at })
    .where('id', '=', id)
    .execute()
}

/**
 * Everything the policy layer needs about a user, in two queries run side by side (every request
 * pays for this before its handler starts: one round trip, not two).
 */
export async function loadActorRows(db: Db, userId: number) {
  const userQ = db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.department_id',
      'u.zone_id',
      'u.enterprise_id',
      'u.enabled',
      'u.password_changed_at',
      'u.must_change_password',
      'u.totp_enabled',
      'd.path as department_path',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  const rolesQ = db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select((eb) => [
      'r.id',
      'r.code',
      'r.name',
      'r.triad',
      'r.data_scope',
      eb
        .selectFrom('role_permissions as rp')
        .select(sql<string[]>`coalesce(array_agg(rp.permission), '{}')`.as('p'))
        .whereRef('rp.role_id', '=', 'r.id')
        .as('permissions'),
      eb
        .selectFrom('role_departments as rd')
        .innerJoin('departments as cd', 'cd.id', 'rd.department_id')
        .select(sql<string[]>`coalesce(array_agg(cd.path), '{}')`.as('p'))
        .whereRef('rd.role_id', '=', 'r.id')
        .as('custom_paths'),
    ])
    .where('ur.user_id', '=', userId)
    .execute()
  const [user, roles] = await Promise.all([userQ, rolesQ])
  if (!user) return null
  return {
    user,
    roles: roles.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      triad: r.triad as Triad | null,
      dataScope: r.data_scope as DataScope,
      permissions: toArray(r.permissions),
      customPaths: toArray(r.custom_paths),
    })),
  }
}

/** The ids of the zones whose node lies in one of the subtrees (department paths). */
export async function zonesUnder(db: Db, paths: string[]) {
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where('kind', '=', 'zone')
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .execute()
  return rows.map((r) => r.id)
}

// text[] comes back as a JS array from both drivers; guard against the literal form just in case.
function toArray(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[]
  if (typeof v === 'string' && v.startsWith('{')) return v.slice(1, -1).split(',').filter(Boolean)
  return []
}
