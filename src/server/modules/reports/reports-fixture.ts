import type { Db } from '../../db/database.ts'
import { jsonb } from '../../db/sql-helpers.ts'

/**
 * Test support: key projects written straight into the tables (the projects module owns their
 * creation; these tests only need rows to report on), with responsible units, team and year plan.
 */
export function reportsFixture(db: Db) {
  const at = new Date('2026-01-01T00:00:00+08:00')

  async function dept(name: string) {
    return db
      .selectFrom('departments')
      .select(['id', 'zone_id', 'path'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  }

  async function userId(username: string) {
    return (
      await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    ).id
  }

  async function project(o: {
    zone: string
    code: string
    name: string
    stage?: string
    level?: string | null
    industry?: string | null
    start?: string | null
    end?: string | null
    lead?: string
    co?: string[]
    plan?: Record<number, string>
    enterpriseId?: number | null
    completedBefore?: string
    heads?: string[]
    stewards?: string[]
    members?: string[]
    leaders?: string[]
    isKey?: boolean
    plannedStart?: string | null
  }) {
    const zone = await dept(o.zone)
    const { id } = await db
      .insertInto('projects')
      .values({
        zone_id: zone.id,
        code: o.code,
        name: o.name,
        stage: o.stage ?? 'construction',
        level: o.level ?? null,
        industry_code: o.industry ?? null,
        start_date: o.start ?? null,
        end_date: o.end ?? null,
        enterprise_id: o.enterpriseId ?? null,
        total_investment: '10000',
        completed_before: o.completedBefore ?? '0',
        is_key: o.isKey ?? true,
        light_reasons: jsonb([]),
        five_ones_missing: jsonb([]),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (o.lead) {
      await db
        .insertInto('project_units')
        .values({ project_id: id, department_id: (await dept(o.lead)).id, role: 'lead' })
        .execute()
    }
    for (const c of o.co ?? []) {
      await db
        .insertInto('project_units')
        .values({ project_id: id, department_id: (await dept(c)).id, role: 'co' })
        .execute()
    }
    for (const [role, names] of [
      ['head', o.heads],
      ['steward', o.stewards],
      ['member', o.members],
    ] as const) {
      for (const u of names ?? []) {
        await db
          .insertInto('project_team_members')
          .values({ project_id: id, user_id: await userId(u), role })
          .execute()
      }
    }
    for (const u of o.leaders ?? []) {
      await db
        .insertInto('project_leaders')
        .values({ project_id: id, user_id: await userId(u) })
        .execute()
    }
    for (const [year, planned] of Object.entries(o.plan ?? {})) {
      await db
        .insertInto('project_year_plans')
        .values({ project_id: id, year: Number(year), planned })
        .execute()
    }
    return id
  }

  /** A monthly report written directly (history that predates the test clock). */
  async function monthly(projectId: number, year: number, month: number, completed: string) {
    const p = await db
      .selectFrom('projects')
      .select('zone_id')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('project_monthly_reports')
      .values({
        zone_id: p.zone_id,
        project_id: projectId,
        year,
        month,
        completed,
        note: null,
        submitted_by: null,
        submitted_at: at,
      })
      .execute()
  }

  return { dept, userId, project, monthly }
}
