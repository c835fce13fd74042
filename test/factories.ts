import type { DataScope } from '../src/server/db/schema.ts'
import type { ProblemStatus } from '../src/server/db/schema-problems.ts'
import { searchVector } from '../src/server/lib/chinese-search.ts'
import { hashPassword } from '../src/server/lib/password-hash.ts'
import * as userRepo from '../src/server/modules/users/users.repository.ts'
import { TEST_PASSWORD, TEST_SCRYPT_COST } from './fixture-org.ts'
import type { TestApp } from './harness.ts'

// Lookups and rows written straight into the tables, for API tests of one module that need
// another module's records (not a test file itself).

export async function deptId(t: TestApp, name: string) {
  return (
    await t.database.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id
}

export async function userId(t: TestApp, username: string) {
  return (
    await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id
}

/** The Actor of a fixture user, for calling services directly. */
export async function actorOf(t: TestApp, username: string) {
  const actor = await t.app.services.auth.loadActor(await userId(t, username))
  if (!actor) throw new Error(`no actor ${username}`)
  return actor
}

/** An enterprise row straight into the table (when the enterprises module is not under test). */
export async function makeEnterprise(t: TestApp, zoneName: string, name: string) {
  const zone = await deptId(t, zoneName)
  const at = t.clock.now()
  const { id } = await t.database.db
    .insertInto('enterprises')
    .values({ zone_id: zone, name, contacts: '[]', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function linkEnterpriseUser(t: TestApp, username: string, enterpriseId: number) {
  await t.database.db
    .updateTable('users')
    .set({ enterprise_id: enterpriseId })
    .where('username', '=', username)
    .execute()
}

/** A project row straight into the table (when the projects module is not under test). */
export async function insertProject(
  t: TestApp,
  p: {
    zoneId: number
    code: string
    name: string
    enterpriseId?: number | null
    totalInvestment?: string
    stage?: string
  },
) {
  const now = t.clock.now()
  const { id } = await t.database.db
    .insertInto('projects')
    .values({
      zone_id: p.zoneId,
      code: p.code,
      name: p.name,
      enterprise_id: p.enterpriseId ?? null,
      total_investment: p.totalInvestment ?? '10000.00',
      stage: p.stage ?? 'construction',
      completed_before: '0',
      light_reasons: '[]',
      five_ones_missing: '[]',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A user with a custom role of their own (e.g. a city-level user who sees every zone). */
export async function addUserWithRole(
  t: TestApp,
  u: {
    username: string
    displayName: string
    department: string
    role: { code: string; name: string; dataScope: DataScope; permissions: string[] }
  },
) {
  const db = t.database.db
  const now = t.clock.now()
  const dept = await db
    .selectFrom('departments')
    .select(['id', 'zone_id'])
    .where('name', '=', u.department)
    .executeTakeFirstOrThrow()
  const role = await db
    .insertInto('roles')
    .values({
      code: u.role.code,
      name: u.role.name,
      data_scope: u.role.dataScope,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('role_permissions')
    .values(u.role.permissions.map((permission) => ({ role_id: role.id, permission })))
    .execute()
  const id = await userRepo.insert(db, {
    username: u.username,
    display_name: u.displayName,
    department_id: dept.id,
    zone_id: dept.zone_id,
    title: null,
    phone: null,
    email: null,
    password_hash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST),
    must_change_password: false,
    at: now,
  })
  await userRepo.replaceRoles(db, id, [role.id])
  return id
}

/** The audit actions recorded for one target, oldest first. */
export async function auditActions(t: TestApp, targetType: string, targetId: number | string) {
  return (
    await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', targetType)
      .where('target_id', '=', String(targetId))
      .orderBy('id')
      .execute()
  ).map((r) => r.action)
}

/**
 * A problem row straight into the table (when the problems module is not under test): open
 * ('submitted') unless told; `leadDepartmentId` with an accepted status also writes the lead unit.
 * The search vector is built the way the problems module builds it (title + description).
 */
export async function insertProblem(
  t: TestApp,
  p: {
    zoneId: number
    code: string
    title: string
    description?: string
    category?: string | null
    source?: string
    status?: ProblemStatus
    enterpriseId?: number | null
    leadDepartmentId?: number | null
    acceptedAt?: Date | null
    receivedAt?: Date
    address?: string | null
    lng?: number | null
    lat?: number | null
    isCommon?: boolean
    commonId?: number | null
  },
) {
  const now = t.clock.now()
  const description = p.description ?? p.title
  const status = p.status ?? 'submitted'
  const accepted = !['submitted', 'returned', 'withdrawn'].includes(status)
  const { id } = await t.database.db
    .insertInto('problems')
    .values({
      zone_id: p.zoneId,
      code: p.code,
      title: p.title,
      description,
      category: p.category ?? null,
      source: p.source ?? 'enterprise',
      status,
      enterprise_id: p.enterpriseId ?? null,
      address: p.address ?? null,
      lng: p.lng == null ? null : p.lng.toFixed(6),
      lat: p.lat == null ? null : p.lat.toFixed(6),
      is_common: p.isCommon ?? false,
      common_id: p.commonId ?? null,
      received_at: p.receivedAt ?? now,
      lead_department_id: p.leadDepartmentId ?? null,
      accepted_at: p.acceptedAt !== undefined ? p.acceptedAt : accepted ? now : null,
      search_tsv: searchVector(p.title, description),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (p.leadDepartmentId)
    await t.database.db
      .insertInto('problem_units')
      .values({ problem_id: id, department_id: p.leadDepartmentId, role: 'lead' })
      .execute()
  return id
}
