import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Cadence } from '../../db/schema-rhythm.ts'
import { jsonb, nullsOrder, pageRows } from '../../db/sql-helpers.ts'
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

// ── obligations ─────────────────────────────────────────────────────────────

export interface ObligationInsert {
  period_id: number
  project_id: number
  zone_id: number
  owner_user_id: number | null
  department_id: number | null
  submitted_at: Date | null
  late: boolean
}

export async function insertObligations(db: Db, rows: ObligationInsert[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('cadence_obligations')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['period_id', 'project_id']).doNothing())
      .execute()
  }
}

/** While a period is open, projects that no longer owe (and have not delivered) leave it. */
export async function dropObligations(db: Db, periodId: number, keepProjectIds: number[]) {
  let q = db
    .deleteFrom('cadence_obligations')
    .where('period_id', '=', periodId)
    .where('submitted_at', 'is', null)
  if (keepProjectIds.length) q = q.where('project_id', 'not in', keepProjectIds)
  await q.execute()
}

/** The first submission marks the obligation delivered; corrections keep that time. */
export async function markSubmitted(
  db: Db,
  r: { cadence: Cadence; periodKey: string; projectId: number; submittedAt: Date; late: boolean },
) {
  await db
    .updateTable('cadence_obligations as o')
    .set({ submitted_at: r.submittedAt, late: r.late })
    .where('o.project_id', '=', r.projectId)
    .where('o.submitted_at', 'is', null)
    .where((eb) =>
      eb(
        'o.period_id',
        'in',
        eb
          .selectFrom('cadence_periods')
          .select('id')
          .where('cadence', '=', r.cadence)
          .where('period_key', '=', r.periodKey),
      ),
    )
    .execute()
}

/** Not delivered when the period closes: late (and shown as 未报 until it comes in). */
export async function markMissingLate(db: Db, periodId: number) {
  await db
    .updateTable('cadence_obligations')
    .set({ late: true })
    .where('period_id', '=', periodId)
    .where('submitted_at', 'is', null)
    .execute()
}

export async function setReminded(db: Db, periodId: number, projectIds: number[], at: Date) {
  if (!projectIds.length) return
  await db
    .updateTable('cadence_obligations')
    .set({ reminded_at: at })
    .where('period_id', '=', periodId)
    .where('project_id', 'in', projectIds)
    .execute()
}

const OBLIGATION_SORT = {
  code: 'p.code',
  department: 'd.name',
  owner: 'u.display_name',
  submittedAt: 'o.submitted_at',
  remindedAt: 'o.reminded_at',
} as const
export const OBLIGATION_SORT_FIELDS = Object.keys(OBLIGATION_SORT) as Array<keyof typeof OBLIGATION_SORT>

export type ObligationStatus = 'submitted' | 'late' | 'missing' | 'pending'

export interface ObligationFilter {
  periodId?: number
  /** periods whose due date falls in [from, to] (Beijing dates) */
  dueFrom?: string
  dueTo?: string
  zoneId?: number
  cadences?: Cadence[]
  ownerId?: number
  status?: ObligationStatus
  /** the period is past due (decides missing vs pending for undelivered entries) */
  pastDue?: boolean
  departmentId?: number
  projectIds?: number[]
  /** not delivered yet */
  open?: boolean
  /** delivered late, or not delivered and past due */
  lateOrMissing?: boolean
  /** periods due after this date */
  dueAfter?: string
  /** periods due on or before this date */
  dueBy?: string
}

function obligationWhere(f: ObligationFilter, now: Date) {
  return (eb: ExpressionBuilder<any, any>) => {
    const c: Expression<SqlBool>[] = []
    if (f.periodId) c.push(eb('o.period_id', '=', f.periodId))
    if (f.zoneId) c.push(eb('o.zone_id', '=', f.zoneId))
    if (f.cadences) c.push(eb('cp.cadence', 'in', f.cadences))
    if (f.dueFrom) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date >= ${f.dueFrom}::date`)
    if (f.dueTo) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date <= ${f.dueTo}::date`)
    if (f.ownerId) c.push(eb('o.owner_user_id', '=', f.ownerId))
    if (f.departmentId) c.push(eb('o.department_id', '=', f.departmentId))
    if (f.projectIds) c.push(eb('o.project_id', 'in', f.projectIds.length ? f.projectIds : [0]))
    if (f.open) c.push(eb('o.submitted_at', 'is', null))
    if (f.dueAfter) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date > ${f.dueAfter}::date`)
    if (f.dueBy) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date <= ${f.dueBy}::date`)
    const due = sql<SqlBool>`cp.due_at < ${now}`
    if (f.lateOrMissing)
      c.push(sql<SqlBool>`((o.submitted_at is not null and o.late) or (o.submitted_at is null and ${due}))`)
    if (f.status === 'submitted') c.push(sql<SqlBool>`o.submitted_at is not null and not o.late`)
    if (f.status === 'late') c.push(sql<SqlBool>`o.submitted_at is not null and o.late`)
    if (f.status === 'missing') c.push(sql<SqlBool>`o.submitted_at is null and ${due}`)
    if (f.status === 'pending') c.push(sql<SqlBool>`o.submitted_at is null and not ${due}`)
    return eb.and(c)
  }
}

export async function listObligations(
  db: Db,
  f: ObligationFilter,
  now: Date,
  sort: { field: keyof typeof OBLIGATION_SORT; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const from = () =>
    db
      .selectFrom('cadence_obligations as o')
      .innerJoin('cadence_periods as cp', 'cp.id', 'o.period_id')
      .innerJoin('projects as p', 'p.id', 'o.project_id')
      .leftJoin('users as u', 'u.id', 'o.owner_user_id')
      .leftJoin('departments as d', 'd.id', 'o.department_id')
      .where(obligationWhere(f, now))
  return pageRows(
    from().select(sql<number>`count(*)::int`.as('n')),
    from()
      .select([
        'o.period_id',
        'o.project_id',
        'o.zone_id',
        'o.owner_user_id',
        'o.department_id',
        'o.submitted_at',
        'o.late',
        'o.reminded_at',
        'cp.cadence',
        'cp.period_key',
        'cp.starts_on',
        'cp.ends_on',
        'cp.due_at',
        'cp.closed_at',
        'p.code',
        'p.name',
        'p.stage',
        'p.enterprise_id',
        'u.display_name as owner_name',
        'd.name as department_name',
      ])
      .orderBy(sql.ref(OBLIGATION_SORT[sort.field]), nullsOrder(sort.dir))
      .orderBy('cp.starts_on', 'desc')
      .orderBy('p.code')
      .orderBy('o.project_id'),
    page,
  )
}
export type ObligationRow = Awaited<ReturnType<typeof listObligations>>['items'][number]

/** Owed / on time / late / missing per department over periods due in [from, to]. */
export async function punctuality(db: Db, zoneId: number, from: string, to: string, now: Date) {
  return db
    .selectFrom('cadence_obligations as o')
    .innerJoin('cadence_periods as cp', 'cp.id', 'o.period_id')
    .select([
      'o.department_id',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and not o.late))::int`.as('on_time'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and o.late))::int`.as('late'),
      sql<number>`(count(*) filter (where o.submitted_at is null and cp.due_at < ${now}))::int`.as('missing'),
    ])
    .where(obligationWhere({ zoneId, dueFrom: from, dueTo: to, cadences: ['weekly', 'monthly'] }, now))
    .groupBy('o.department_id')
    .orderBy('o.department_id')
    .execute()
}
