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

interface RoleJson {
  id: number
  code: string
  name: string
  triad: string | null
  data_scope: string
  permissions: string[] | null
  custom_paths: string[] | null
}

/**
 * Everything the policy layer needs about a user, in one statement: the user row and their roles
 * as a JSON array (every request pays for this before its handler starts — one round trip, and
 * one statement for the app to build, send and read).
 */
export async function loadActorRows(db: Db, userId: number) {
  const user = await db
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
      sql<RoleJson[]>`(
        select coalesce(jsonb_agg(jsonb_build_object(
          'id', r.id, 'code', r.code, 'name', r.name, 'triad', r.triad, 'data_scope', r.data_scope,
          'permissions', (select jsonb_agg(rp.permission) from role_permissions rp where rp.role_id = r.id),
          'custom_paths', (select jsonb_agg(cd.path) from role_departments rd
                           join departments cd on cd.id = rd.department_id where rd.role_id = r.id)
        ) order by r.id), '[]'::jsonb)
        from user_roles ur join roles r on r.id = ur.role_id
        where ur.user_id = u.id
      )`.as('roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (!user) return null
  const { roles, ...rest } = user
  return {
    user: rest,
    roles: roles.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      triad: r.triad as Triad | null,
      dataScope: r.data_scope as DataScope,
      permissions: r.permissions ?? [],
      customPaths: r.custom_paths ?? [],
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
