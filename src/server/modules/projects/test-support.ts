import type { TestApp } from '../../../../test/harness.ts'

// Helpers shared by the projects module's API tests (not a test file itself).

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

/** An enterprise row straight into the table (the enterprises module is not under test here). */
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

/** The Actor of a fixture user, for calling services directly. */
export async function actorOf(t: TestApp, username: string) {
  const actor = await t.app.services.auth.loadActor(await userId(t, username))
  if (!actor) throw new Error(`no actor ${username}`)
  return actor
}
