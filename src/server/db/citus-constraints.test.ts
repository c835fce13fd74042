import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/harness.ts'
import type { Database } from './database.ts'

// The Citus rule (docs/SCALING.md): on a table distributed by zone_id, every primary key, unique
// constraint and unique index must include zone_id — Citus enforces uniqueness shard by shard. This
// reads the catalog of the migrated database and names every table with a zone_id column whose
// unique keys do not, except the keys listed here with the reason they may.

const REFERENCE = '参考表 reference table (replicated to every node, small, its keys global by design)'
const IDENTITY =
  '代理主键 identity key: globally unique by its sequence; the Citus conversion makes it (zone_id, id) with composite foreign keys (SCALING.md, step 3)'

const CITUS_ALLOW_LIST: Record<string, string> = {
  // organisation: read on every request, joined by every zone's queries
  'departments.departments_pkey': REFERENCE,
  'departments.departments_code_uq': `${REFERENCE}: zone codes prefix project and problem numbers and are unique platform-wide`,
  'departments.departments_sibling_name_uq': `${REFERENCE}: a city-level department has no zone`,
  'users.users_pkey': REFERENCE,
  'users.users_username_uq': `${REFERENCE}: one sign-in name across the platform (city-level users have no zone)`,
  'roles.roles_pkey': REFERENCE,
  'roles.roles_code_key': `${REFERENCE}: built-in roles are shared by every zone`,
  'open311_keys.open311_keys_pkey': REFERENCE,
  'open311_keys.open311_keys_hash_uq': `${REFERENCE}: a request is matched to its key by hash before the zone is known`,
  // local to the coordinator
  'audit_log.audit_log_pkey':
    '本地表 local table on the coordinator: one hash chain for the whole platform, appended under an advisory lock',
  // distributed tables whose surrogate keys change at conversion time
  'attachments.attachments_pkey': IDENTITY,
  'bulletins.bulletins_pkey': IDENTITY,
  'cadence_periods.cadence_periods_pkey': IDENTITY,
  'cadence_obligations.cadence_obligations_pkey': `${IDENTITY}; (period_id, project_id) — a period belongs to one zone`,
  'campaigns.campaigns_pkey': IDENTITY,
  'enterprises.enterprises_pkey': IDENTITY,
  'events.events_pkey': IDENTITY,
  'import_jobs.import_jobs_pkey': `${IDENTITY} (a random text id)`,
  'leads.leads_pkey': IDENTITY,
  'milestones.milestones_pkey': IDENTITY,
  'permits.permits_pkey': IDENTITY,
  'policies.policies_pkey': IDENTITY,
  'policy_application_steps.policy_application_steps_pkey': IDENTITY,
  'policy_applications.policy_applications_pkey': IDENTITY,
  'policy_notices.policy_notices_pkey': IDENTITY,
  'service_records.service_records_pkey': IDENTITY,
  'negative_list.negative_list_pkey': IDENTITY,
  'notifications.notifications_pkey': IDENTITY,
  'open311_requests.open311_requests_pkey': `${IDENTITY} (a random uuid token)`,
  'problem_extensions.problem_extensions_pkey': IDENTITY,
  'problem_tasks.problem_tasks_pkey': IDENTITY,
  'problems.problems_pkey': IDENTITY,
  'project_funds.project_funds_pkey': IDENTITY,
  'project_monthly_reports.project_monthly_reports_pkey': IDENTITY,
  'project_weekly_progress.project_weekly_progress_pkey': IDENTITY,
  'projects.projects_pkey': IDENTITY,
  'robot_deliveries.robot_deliveries_pkey': IDENTITY,
  'robots.robots_pkey': IDENTITY,
  'scorecard_runs.scorecard_runs_pkey': IDENTITY,
  'suggestions.suggestions_pkey': IDENTITY,
  'visits.visits_pkey': IDENTITY,
}

let database: Database
beforeAll(async () => {
  database = await openTestDatabase({})
})
afterAll(async () => {
  await database?.close()
})

async function uniqueKeysWithoutZone() {
  const { rows } = await sql<{ tbl: string; idx: string; def: string }>`
    select c.relname as tbl, i.relname as idx, pg_get_indexdef(x.indexrelid) as def
    from pg_index x
    join pg_class c on c.oid = x.indrelid
    join pg_class i on i.oid = x.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema()
      and x.indisunique
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'zone_id' and not a.attisdropped)
      and not exists (select 1 from unnest(x.indkey) k join pg_attribute a on a.attrelid = c.oid and a.attnum = k
                      where a.attname = 'zone_id')
    order by 1, 2`.execute(database.db)
  return rows
}

describe('Citus: unique keys of tables with zone_id include zone_id', () => {
  it('every primary key, unique constraint and unique index includes zone_id, or is on the allow-list with its reason', async () => {
    const offending = (await uniqueKeysWithoutZone())
      .filter((r) => !(`${r.tbl}.${r.idx}` in CITUS_ALLOW_LIST))
      .map((r) => `${r.tbl}: ${r.idx} — ${r.def}`)
    expect(
      offending,
      `unique keys without zone_id (add zone_id, or list them with a reason):\n${offending.join('\n')}`,
    ).toEqual([])
  })

  it('the allow-list names only keys that still exist and still lack zone_id', async () => {
    const current = new Set((await uniqueKeysWithoutZone()).map((r) => `${r.tbl}.${r.idx}`))
    const stale = Object.keys(CITUS_ALLOW_LIST).filter((k) => !current.has(k))
    expect(stale, `allow-list entries to remove: ${stale.join(', ')}`).toEqual([])
  })

  it('the natural keys fixed by migration 2026_11_27_1400 include zone_id', async () => {
    const { rows } = await sql<{ idx: string; def: string }>`
      select i.relname as idx, pg_get_indexdef(x.indexrelid) as def
      from pg_index x join pg_class i on i.oid = x.indexrelid
      where i.relname in ('project_monthly_reports_project_month_zone_key', 'project_weekly_progress_project_week_zone_key',
                          'open311_requests_problem_uq', 'problem_overdue_days_pkey')
      order by 1`.execute(database.db)
    expect(rows).toHaveLength(4)
    for (const r of rows) expect(r.def, r.idx).toMatch(/, zone_id\)$/)
  })
})
