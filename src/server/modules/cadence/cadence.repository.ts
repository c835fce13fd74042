import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Cadence } from '../../db/schema-rhythm.ts'
import { jsonb, pageRows } from '../../db/sql-helpers.ts'
import { cadenceZoneScope } from '../../policies/cadence-scope.ts'
import type { Actor } from '../../policies/index.ts'

// ── zones and owed projects ────────────────────────────────────────────────

export async function activeZones(db: Db) {
  return db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('kind', '=', 'zone')
    .where('enabled', '=', true)
    .orderBy('id')
    .execute()
}

/**
 * Who answers for a project's entries: its 专班 head, else its steward, else its 包联 leader
 * (the lowest user id when there are several, so the choice is stable); and its lead unit.
 */
const ownerOf = sql<number | null>`coalesce(
  (select min(tm.user_id) from project_team_members tm where tm.project_id = p.id and tm.role = 'head'),
  (select min(tm.user_id) from project_team_members tm where tm.project_id = p.id and tm.role = 'steward'),
  (select min(pl.user_id) from project_leaders pl where pl.project_id = p.id))`
const leadUnit = sql<number | null>`(select min(pu.department_id) from project_units pu
  where pu.project_id = p.id and pu.role = 'lead')`

/** Key projects of a zone not in production: those that owe weekly progress (as 本周未报送). */
export async function weeklyOwed(db: Db, zoneId: number) {
  return db
    .selectFrom('projects as p')
    .select(['p.id', ownerOf.as('owner_id'), leadUnit.as('department_id')])
    .where('p.zone_id', '=', zoneId)
    .where('p.is_key', '=', true)
    .where('p.stage', '<>', 'production')
    .execute()
}

/** Key projects of a zone with their plan for the year and whether the month is reported. */
export async function monthlyCandidates(db: Db, zoneId: number, year: number, month: number) {
  return db
    .selectFrom('projects as p')
    .leftJoin('project_year_plans as yp', (j) =>
      j.onRef('yp.project_id', '=', 'p.id').on('yp.year', '=', year),
    )
    .select([
      'p.id',
      'p.start_date',
      'p.end_date',
      'yp.planned',
      ownerOf.as('owner_id'),
      leadUnit.as('department_id'),
      sql<boolean>`exists (select 1 from project_monthly_reports r where r.project_id = p.id
        and r.year = ${year} and r.month = ${month})`.as('reported'),
    ])
    .where('p.zone_id', '=', zoneId)
    .where('p.is_key', '=', true)
    .execute()
}

/** Entries already in for the period (an obligation created late starts from them). */
export async function weeklySubmissions(db: Db, zoneId: number, weekStart: string) {
  return db
    .selectFrom('project_weekly_progress')
    .select(['project_id', 'submitted_at'])
    .where('zone_id', '=', zoneId)
    .where('week_start', '=', weekStart)
    .execute()
}

export async function monthlySubmissions(db: Db, zoneId: number, year: number, month: number) {
  return db
    .selectFrom('project_monthly_reports')
    .select(['project_id', 'submitted_at', 'late'])
    .where('zone_id', '=', zoneId)
    .where('year', '=', year)
    .where('month', '=', month)
    .execute()
}

// ── periods ─────────────────────────────────────────────────────────────────

export async function findPeriodByKey(db: Db, zoneId: number, cadence: Cadence, key: string) {
  return db
    .selectFrom('cadence_periods')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('cadence', '=', cadence)
    .where('period_key', '=', key)
    .executeTakeFirst()
}
export type PeriodRow = NonNullable<Awaited<ReturnType<typeof findPeriodByKey>>>

export async function findPeriod(db: Db, id: number, actor?: Actor) {
  let q = db.selectFrom('cadence_periods as cp').selectAll('cp').where('cp.id', '=', id)
  if (actor) q = q.where(cadenceZoneScope(actor, 'cp.zone_id'))
  return q.executeTakeFirst()
}

export async function insertPeriod(
  db: Db,
  v: {
    zone_id: number
    cadence: Cadence
    period_key: string
    starts_on: string
    ends_on: string
    due_at: Date
    created_at: Date
  },
) {
  await db
    .insertInto('cadence_periods')
    .values(v)
    .onConflict((oc) => oc.columns(['zone_id', 'cadence', 'period_key']).doNothing())
    .execute()
  return (await findPeriodByKey(db, v.zone_id, v.cadence, v.period_key))!
}

/** A period's due instant follows the settings and the calendar until it closes. */
export async function setPeriodDue(db: Db, id: number, dueAt: Date) {
  await db.updateTable('cadence_periods').set({ due_at: dueAt }).where('id', '=', id).execute()
}

export async function openPeriodsDueBefore(db: Db, at: Date) {
  return db
    .selectFrom('cadence_periods')
    .selectAll()
    .where('closed_at', 'is', null)
    .where('due_at', '<', at)
    .orderBy('id')
    .execute()
}

export async function closePeriod(db: Db, id: number, at: Date, rollup: Record<string, unknown>) {
  const r = await db
    .updateTable('cadence_periods')
    .set({ closed_at: at, rollup: jsonb(rollup) })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export interface PeriodFilter {
  cadence?: Cadence
  zoneId?: number
  year?: number
}

export async function listPeriods(
  db: Db,
  actor: Actor,
  f: PeriodFilter,
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [cadenceZoneScope(actor, 'cp.zone_id')(eb)]
    if (f.cadence) conds.push(eb('cp.cadence', '=', f.cadence))
    if (f.zoneId) conds.push(eb('cp.zone_id', '=', f.zoneId))
    if (f.year) conds.push(sql<SqlBool>`extract(year from cp.ends_on) = ${f.year}`)
    return eb.and(conds)
  }
  return pageRows(
    db.selectFrom('cadence_periods as cp').where(where).select(sql<number>`count(*)::int`.as('n')),
    db
      .selectFrom('cadence_periods as cp')
      .innerJoin('departments as z', 'z.id', 'cp.zone_id')
      .where(where)
      .selectAll('cp')
      .select('z.name as zone_name')
      .orderBy('cp.starts_on', 'desc')
      .orderBy('cp.cadence')
      .orderBy('cp.zone_id'),
    page,
  )
}

/** Owed / delivered on time / delivered late / not delivered, per period. */
export async function periodCounts(db: Db, periodIds: number[]) {
  if (!periodIds.length) return []
  return db
    .selectFrom('cadence_obligations')
    .select([
      'period_id',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where submitted_at is not null and not late))::int`.as('on_time'),
      sql<number>`(count(*) filter (where submitted_at is not null and late))::int`.as('late'),
      sql<number>`(count(*) filter (where submitted_at is null))::int`.as('open'),
    ])
    .where('period_id', 'in', periodIds)
    .groupBy('period_id')
    .execute()
}

/** The neighbouring periods of the same zone and cadence, for the page's previous / next. */
export async function neighbours(db: Db, p: PeriodRow) {
  const base = db
    .selectFrom('cadence_periods')
    .select(['id', 'period_key'])
    .where('zone_id', '=', p.zone_id)
    .where('cadence', '=', p.cadence)
  const [prev, next] = await Promise.all([
    base.where('starts_on', '<', p.starts_on).orderBy('starts_on', 'desc').limit(1).executeTakeFirst(),
    base.where('starts_on', '>', p.starts_on).orderBy('starts_on').limit(1).executeTakeFirst(),
  ])
  return { prev: prev ?? null, next: next ?? null }
}

export * from './cadence-obligations.repository.ts'
