import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, likeEscape, nullsOrder, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { projectScope } from '../../policies/project-scope.ts'

// ── shared fragments ────────────────────────────────────────────────────────

/** The name of a project's lead responsible unit (牵头单位); the first by id when there are several. */
const leadUnitName = sql<
  string | null
>`(select d.name from project_units pu join departments d on d.id = pu.department_id
  where pu.project_id = p.id and pu.role = 'lead' order by d.id limit 1)`

/** Money sums come back as numeric(18,2) strings: '0.00', never floats. */
const moneyOrZero = (e: ReturnType<typeof sql>) => sql<string>`coalesce(${e}, 0)::numeric(18,2)`

const idsParam = (ids: number[]) => sql`${sql.val(`{${ids.join(',')}}`)}::int[]`

export interface PortfolioFilter {
  zoneId?: number
  keyword?: string
  stage?: string
  level?: string
  industry?: string
  departmentId?: number
  light?: 'green' | 'yellow' | 'red'
}

/** Visible key projects matching the list filters (projects table aliased p). */
function portfolioWhere(actor: Actor | null, f: PortfolioFilter, extra: { notStage?: string } = {}) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [eb('p.is_key', '=', true)]
    if (actor) conds.push(projectScope(actor)(eb))
    if (f.zoneId) conds.push(eb('p.zone_id', '=', f.zoneId))
    if (f.keyword) {
      const kw = `%${likeEscape(f.keyword.trim())}%`
      conds.push(eb.or([eb('p.name', 'ilike', kw), eb('p.code', 'ilike', kw)]))
    }
    if (f.stage) conds.push(eb('p.stage', '=', f.stage))
    if (extra.notStage) conds.push(eb('p.stage', '<>', extra.notStage))
    if (f.level) conds.push(eb('p.level', '=', f.level))
    if (f.light) conds.push(eb('p.light', '=', f.light))
    if (f.industry) {
      conds.push(
        sql<SqlBool>`p.industry_code in (select code from industries where code = ${f.industry} or parent_code = ${f.industry})`,
      )
    }
    if (f.departmentId) {
      // A responsible unit (lead or co) in the department's subtree.
      conds.push(
        sql<SqlBool>`exists (select 1 from project_units pu join departments d on d.id = pu.department_id
          where pu.project_id = p.id and d.path like (select path || '%' from departments where id = ${f.departmentId}))`,
      )
    }
    return eb.and(conds)
  }
}

// ── projects ────────────────────────────────────────────────────────────────

export async function findProject(db: Db, id: number, actor?: Actor | null) {
  let q = db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.zone_id',
      'p.enterprise_id',
      'p.code',
      'p.name',
      'p.stage',
      'p.start_date',
      'p.end_date',
      'p.total_investment',
      'p.completed_before',
    ])
    .where('p.id', '=', id)
  if (actor) q = q.where(projectScope(actor))
  return q.executeTakeFirst()
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>

// ── year plans ──────────────────────────────────────────────────────────────

export async function listPlans(db: Db, projectId: number) {
  return db
    .selectFrom('project_year_plans')
    .select(['year', 'planned'])
    .where('project_id', '=', projectId)
    .orderBy('year')
    .execute()
}

export async function getPlan(db: Db, projectId: number, year: number) {
  const row = await db
    .selectFrom('project_year_plans')
    .select('planned')
    .where('project_id', '=', projectId)
    .where('year', '=', year)
    .executeTakeFirst()
  return row?.planned ?? null
}

/** The plans already set for some projects (any year), keyed `projectId|year`. */
export async function plansOf(db: Db, projectIds: number[]) {
  const out = new Map<string, string>()
  if (!projectIds.length) return out
  const rows = await db
    .selectFrom('project_year_plans')
    .select(['project_id', 'year', 'planned'])
    .where('project_id', 'in', projectIds)
    .execute()
  for (const r of rows) out.set(`${r.project_id}|${r.year}`, r.planned)
  return out
}

/** Multi-row upserts of up to 1 000 plans. */
export async function upsertPlans(
  db: Db,
  plans: Array<{ projectId: number; year: number; planned: string }>,
) {
  for (let i = 0; i < plans.length; i += 1000) {
    await db
      .insertInto('project_year_plans')
      .values(
        plans.slice(i, i + 1000).map((p) => ({ project_id: p.projectId, year: p.year, planned: p.planned })),
      )
      .onConflict((oc) =>
        oc.columns(['project_id', 'year']).doUpdateSet((eb) => ({ planned: eb.ref('excluded.planned') })),
      )
      .execute()
  }
}

/** The head of some projects (zone, enterprise, code) for timeline entries and audit summaries. */
export async function projectHeads(db: Db, ids: number[]) {
  if (!ids.length)
    return new Map<number, { id: number; zone_id: number; enterprise_id: number | null; code: string }>()
  const rows = await db
    .selectFrom('projects')
    .select(['id', 'zone_id', 'enterprise_id', 'code'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r]))
}

export async function upsertPlan(db: Db, projectId: number, year: number, planned: string) {
  const row = await db
    .insertInto('project_year_plans')
    .values({ project_id: projectId, year, planned })
    .onConflict((oc) => oc.columns(['project_id', 'year']).doUpdateSet({ planned }))
    .returning('planned')
    .executeTakeFirstOrThrow()
  return row.planned
}

// ── monthly reports ─────────────────────────────────────────────────────────

function monthlyBase(db: Db) {
  return db
    .selectFrom('project_monthly_reports as r')
    .leftJoin('users as su', 'su.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.zone_id',
      'r.project_id',
      'r.year',
      'r.month',
      'r.completed',
      'r.note',
      'r.late',
      'r.submitted_at',
      'r.version',
      'su.display_name as submitted_by_name',
    ])
}
export type MonthlyReportRow = NonNullable<Awaited<ReturnType<typeof findMonthlyById>>>

export async function findMonthlyById(db: Db, id: number) {
  return monthlyBase(db).where('r.id', '=', id).executeTakeFirst()
}

export async function findMonthly(db: Db, projectId: number, year: number, month: number) {
  return monthlyBase(db)
    .where('r.project_id', '=', projectId)
    .where('r.year', '=', year)
    .where('r.month', '=', month)
    .executeTakeFirst()
}

export async function insertMonthly(
  db: Db,
  v: {
    zone_id: number
    project_id: number
    year: number
    month: number
    completed: string
    note: string | null
    submitted_by: number | null
    submitted_at: Date
    late: boolean
  },
) {
  const { id } = await db
    .insertInto('project_monthly_reports')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateMonthly(
  db: Db,
  id: number,
  version: number,
  v: { completed: string; note: string | null; submitted_by: number | null; submitted_at: Date },
) {
  return updateVersioned(db, 'project_monthly_reports', id, version, v)
}

/** A project's reports of one year, with the cumulative completed through each month (summed in SQL). */
export async function projectYearReports(db: Db, projectId: number, year: number) {
  return monthlyBase(db)
    .select(sql<string>`(sum(r.completed) over (order by r.month))::numeric(18,2)`.as('cumulative'))
    .where('r.project_id', '=', projectId)
    .where('r.year', '=', year)
    .orderBy('r.month')
    .execute()
}

/** Years in which a project has a plan or a report. */
export async function projectYears(db: Db, projectId: number) {
  const rows = await sql<{ year: number }>`select year from project_year_plans where project_id = ${projectId}
    union select year from project_monthly_reports where project_id = ${projectId} order by year`.execute(db)
  return rows.rows.map((r) => Number(r.year))
}

export async function completedTotal(db: Db, projectId: number) {
  const row = await db
    .selectFrom('projects as p')
    .select(
      sql<string>`(p.completed_before + coalesce((select sum(x.completed) from project_monthly_reports x where x.project_id = p.id), 0))::numeric(18,2)`.as(
        'total',
      ),
    )
    .where('p.id', '=', projectId)
    .executeTakeFirstOrThrow()
  return row.total
}

/** Completed this year through a month (inclusive), as a SQL fragment over projects aliased p. */
const ytdOf = (year: number, month: number) =>
  moneyOrZero(
    sql`(select sum(x.completed) from project_monthly_reports x where x.project_id = p.id and x.year = ${year} and x.month <= ${month})`,
  )

/** Every visible key project with its plan, this month's report and the year's completed through the month. */
export async function monthlyRows(db: Db, actor: Actor, f: PortfolioFilter, year: number, month: number) {
  return db
    .selectFrom('projects as p')
    .innerJoin('departments as z', 'z.id', 'p.zone_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('project_year_plans as yp', (j) =>
      j.onRef('yp.project_id', '=', 'p.id').on('yp.year', '=', year),
    )
    .leftJoin('project_monthly_reports as r', (j) =>
      j.onRef('r.project_id', '=', 'p.id').on('r.year', '=', year).on('r.month', '=', month),
    )
    .leftJoin('users as su', 'su.id', 'r.submitted_by')
    .where(portfolioWhere(actor, f))
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.zone_id',
      'z.name as zone_name',
      'p.stage',
      'p.level',
      'e.name as enterprise_name',
      'p.light',
      'p.light_reasons',
      'p.start_date',
      'p.end_date',
      'yp.planned as annual_plan',
      'r.id as r_id',
      'r.completed as r_completed',
      'r.note as r_note',
      'r.late as r_late',
      'r.submitted_at as r_submitted_at',
      'r.version as r_version',
      'su.display_name as r_submitted_by',
      leadUnitName.as('lead_unit_name'),
      ytdOf(year, month).as('ytd'),
    ])
    .orderBy('p.code')
    .orderBy('p.id')
    .execute()
}
export type MonthlyListRow = Awaited<ReturnType<typeof monthlyRows>>[number]

/**
 * Projects with their group (zone / lead unit / industry section / level) and the group's sums,
 * summed in SQL (window functions); the caller weights the 序时进度 by plan per group.
 */
export async function rollupRows(
  db: Db,
  actor: Actor | null,
  by: 'zone' | 'department' | 'industry' | 'level',
  year: number,
  month: number,
  zoneId?: number,
) {
  const leadDept = sql`(select min(pu.department_id) from project_units pu where pu.project_id = p.id and pu.role = 'lead')`
  const key = {
    zone: sql<string | null>`p.zone_id::text`,
    department: sql<string | null>`${leadDept}::text`,
    industry: sql<string | null>`s.code`,
    level: sql<string | null>`p.level`,
  }[by]
  const label = {
    zone: sql<string | null>`z.name`,
    department: sql<string | null>`(select d.name from departments d where d.id = ${leadDept})`,
    industry: sql<string | null>`s.name`,
    level: sql<
      string | null
    >`(select di.label from dict_items di where di.type_code = 'project_level' and di.code = p.level)`,
  }[by]
  const order = {
    zone: sql<number | null>`null::int`,
    department: sql<number | null>`null::int`,
    industry: sql<number | null>`null::int`,
    level: sql<
      number | null
    >`(select di.sort from dict_items di where di.type_code = 'project_level' and di.code = p.level)`,
  }[by]
  const base = db
    .selectFrom('projects as p')
    .innerJoin('departments as z', 'z.id', 'p.zone_id')
    .leftJoin('industries as i', 'i.code', 'p.industry_code')
    .leftJoin('industries as s', (j) =>
      j.on(sql`s.code`, '=', sql`case when i.level = 1 then i.code else i.parent_code end`),
    )
    .leftJoin('project_year_plans as yp', (j) =>
      j.onRef('yp.project_id', '=', 'p.id').on('yp.year', '=', year),
    )
    .where(portfolioWhere(actor, { zoneId }))
    .select([
      'p.id',
      'p.start_date',
      'p.end_date',
      'yp.planned',
      key.as('key'),
      label.as('label'),
      order.as('ord'),
      ytdOf(year, month).as('ytd'),
    ])
    .as('b')
  return db
    .selectFrom(base)
    .select([
      'b.id',
      'b.start_date',
      'b.end_date',
      'b.planned',
      'b.key',
      'b.label',
      'b.ord',
      'b.ytd',
      sql<number>`count(*) over (partition by b.key)::int`.as('g_projects'),
      sql<string>`coalesce(sum(b.planned) over (partition by b.key), 0)::numeric(18,2)`.as('g_plan'),
      sql<string>`sum(b.ytd) over (partition by b.key)::numeric(18,2)`.as('g_completed'),
      sql<number>`count(*) over ()::int`.as('t_projects'),
      sql<string>`coalesce(sum(b.planned) over (), 0)::numeric(18,2)`.as('t_plan'),
      sql<string>`sum(b.ytd) over ()::numeric(18,2)`.as('t_completed'),
    ])
    .orderBy('b.id')
    .execute()
}

/** The figures scheduleStatuses needs, for many projects in one query. */
export async function scheduleFigures(db: Db, projectIds: number[], year: number, month: number) {
  if (!projectIds.length) return []
  return db
    .selectFrom('projects as p')
    .leftJoin('project_year_plans as yp', (j) =>
      j.onRef('yp.project_id', '=', 'p.id').on('yp.year', '=', year),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('project_monthly_reports as x')
          .select([
            'x.project_id',
            sql<string>`sum(x.completed)`.as('total'),
            sql<string | null>`sum(x.completed) filter (where x.year = ${year} and x.month <= ${month})`.as(
              'ytd',
            ),
            sql<number | null>`max(x.month) filter (where x.year = ${year})`.as('last_month'),
          ])
          .where(sql<SqlBool>`x.project_id = any(${idsParam(projectIds)})`)
          .groupBy('x.project_id')
          .as('t'),
      (j) => j.onRef('t.project_id', '=', 'p.id'),
    )
    .select([
      'p.id',
      'p.start_date',
      'p.end_date',
      'yp.planned',
      sql<string>`(p.completed_before + coalesce(t.total, 0))::numeric(18,2)`.as('completed_total'),
      sql<string>`coalesce(t.ytd, 0)::numeric(18,2)`.as('ytd'),
      't.last_month',
    ])
    .where(sql<SqlBool>`p.id = any(${idsParam(projectIds)})`)
    .execute()
}

// ── weekly progress ─────────────────────────────────────────────────────────

function weeklyBase(db: Db) {
  return db
    .selectFrom('project_weekly_progress as w')
    .innerJoin('projects as p', 'p.id', 'w.project_id')
    .leftJoin('users as su', 'su.id', 'w.submitted_by')
    .select([
      'w.id',
      'w.project_id',
      'p.code as project_code',
      'p.name as project_name',
      'w.zone_id',
      'w.week_start',
      'w.done',
      'w.next_plan',
      'w.problems',
      'w.submitted_at',
      'w.version',
      'su.display_name as submitted_by_name',
      leadUnitName.as('lead_unit_name'),
    ])
}
export type WeeklyRow = NonNullable<Awaited<ReturnType<typeof findWeeklyById>>>

export async function findWeeklyById(db: Db, id: number) {
  return weeklyBase(db).where('w.id', '=', id).executeTakeFirst()
}

export async function findWeekly(db: Db, projectId: number, weekStart: string) {
  return weeklyBase(db)
    .where('w.project_id', '=', projectId)
    .where('w.week_start', '=', weekStart)
    .executeTakeFirst()
}

export async function insertWeekly(
  db: Db,
  v: {
    zone_id: number
    project_id: number
    week_start: string
    done: string
    next_plan: string | null
    problems: string | null
    submitted_by: number | null
    submitted_at: Date
  },
) {
  const { id } = await db
    .insertInto('project_weekly_progress')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateWeekly(
  db: Db,
  id: number,
  version: number,
  v: {
    done: string
    next_plan: string | null
    problems: string | null
    submitted_by: number | null
    submitted_at: Date
  },
) {
  return updateVersioned(db, 'project_weekly_progress', id, version, v)
}

export interface WeeklyFilter {
  weekStart?: string
  projectId?: number
  zoneId?: number
  keyword?: string
  departmentId?: number
  hasProblems?: boolean
}

const WEEKLY_SORT_COLUMNS = {
  weekStart: 'w.week_start',
  submittedAt: 'w.submitted_at',
  projectCode: 'p.code',
  projectName: 'p.name',
} as const

export async function listWeekly(
  db: Db,
  actor: Actor,
  f: WeeklyFilter,
  sort: { field: keyof typeof WEEKLY_SORT_COLUMNS; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [projectScope(actor)(eb)]
    if (f.weekStart) conds.push(eb('w.week_start', '=', f.weekStart))
    if (f.projectId) conds.push(eb('w.project_id', '=', f.projectId))
    if (f.zoneId) conds.push(eb('w.zone_id', '=', f.zoneId))
    if (f.keyword) {
      const kw = `%${likeEscape(f.keyword.trim())}%`
      conds.push(
        eb.or([
          eb('p.name', 'ilike', kw),
          eb('p.code', 'ilike', kw),
          eb('w.done', 'ilike', kw),
          eb('w.problems', 'ilike', kw),
        ]),
      )
    }
    if (f.hasProblems === true) conds.push(sql<SqlBool>`coalesce(btrim(w.problems), '') <> ''`)
    if (f.hasProblems === false) conds.push(sql<SqlBool>`coalesce(btrim(w.problems), '') = ''`)
    if (f.departmentId) {
      conds.push(
        sql<SqlBool>`exists (select 1 from project_units pu join departments d on d.id = pu.department_id
          where pu.project_id = p.id and d.path like (select path || '%' from departments where id = ${f.departmentId}))`,
      )
    }
    return eb.and(conds)
  }
  return pageRows(
    db
      .selectFrom('project_weekly_progress as w')
      .innerJoin('projects as p', 'p.id', 'w.project_id')
      .where(where)
      .select(countAll),
    weeklyBase(db)
      .where(where)
      .orderBy(sql.ref(WEEKLY_SORT_COLUMNS[sort.field]), nullsOrder(sort.dir))
      .orderBy('w.submitted_at', 'desc')
      .orderBy('w.id', 'desc'),
    page,
  )
}

const MISSING_SORT_COLUMNS = { code: 'p.code', name: 'p.name', lastWeekStart: 'last_week_start' } as const

const teamNames = (role: 'head' | 'steward') =>
  sql<
    string[]
  >`coalesce((select array_agg(u.display_name order by u.display_name) from project_team_members tm
    join users u on u.id = tm.user_id where tm.project_id = p.id and tm.role = ${role}), '{}')`

/** Visible key projects (not yet in production) without a weekly entry for the week. */
export async function listMissing(
  db: Db,
  actor: Actor,
  f: PortfolioFilter,
  weekStart: string,
  sort: { field: keyof typeof MISSING_SORT_COLUMNS; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) =>
    eb.and([
      portfolioWhere(actor, f, { notStage: 'production' })(eb),
      sql<SqlBool>`not exists (select 1 from project_weekly_progress w where w.project_id = p.id and w.week_start = ${weekStart})`,
    ])
  return pageRows(
    db.selectFrom('projects as p').where(where).select(countAll),
    db
      .selectFrom('projects as p')
      .where(where)
      .select([
        'p.id',
        'p.code',
        'p.name',
        'p.stage',
        'p.zone_id',
        leadUnitName.as('lead_unit_name'),
        teamNames('head').as('team_heads'),
        teamNames('steward').as('stewards'),
        sql<
          string[]
        >`coalesce((select array_agg(u.display_name order by u.display_name) from project_leaders pl
          join users u on u.id = pl.user_id where pl.project_id = p.id), '{}')`.as('leaders'),
        sql<
          string | null
        >`(select max(w.week_start) from project_weekly_progress w where w.project_id = p.id)`.as(
          'last_week_start',
        ),
      ])
      .orderBy(sql.ref(MISSING_SORT_COLUMNS[sort.field]), nullsOrder(sort.dir))
      .orderBy('p.id'),
    page,
  )
}

/** Projects the actor may report on, those they work on (专班 or 包联) first, with this week's state. */
export async function weeklyTargets(db: Db, actor: Actor, weekStart: string, keyword?: string) {
  return db
    .selectFrom('projects as p')
    .where(portfolioWhere(actor, { keyword }))
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.stage',
      sql<boolean>`(exists (select 1 from project_team_members tm where tm.project_id = p.id and tm.user_id = ${actor.id})
        or exists (select 1 from project_leaders pl where pl.project_id = p.id and pl.user_id = ${actor.id}))`.as(
        'mine',
      ),
      sql<boolean>`exists (select 1 from project_weekly_progress w where w.project_id = p.id and w.week_start = ${weekStart})`.as(
        'reported',
      ),
    ])
    .orderBy(sql`mine`, 'desc')
    .orderBy(sql`case when p.stage = 'production' then 1 else 0 end`)
    .orderBy('p.code')
    .limit(1000)
    .execute()
}

export async function lastWeekly(db: Db, projectIds: number[]) {
  if (!projectIds.length) return []
  return db
    .selectFrom('project_weekly_progress as w')
    .select(['w.project_id', sql<string>`max(w.week_start)::text`.as('week_start')])
    .where(sql<SqlBool>`w.project_id = any(${idsParam(projectIds)})`)
    .groupBy('w.project_id')
    .execute()
}

// ── punctuality (按时报送率, read by the scorecards) ─────────────────────────

/** Key projects of a zone still reporting (not in production), with their lead unit and plan years. */
export async function punctualityProjects(db: Db, zoneId: number) {
  return db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.created_at',
      'p.start_date',
      'p.end_date',
      sql<number | null>`(select pu.department_id from project_units pu
        where pu.project_id = p.id and pu.role = 'lead' order by pu.department_id limit 1)`.as(
        'lead_department_id',
      ),
    ])
    .where('p.zone_id', '=', zoneId)
    .where('p.is_key', '=', true)
    .where('p.stage', '<>', 'production')
    .execute()
}

export async function punctualityPlans(db: Db, projectIds: number[], years: number[]) {
  if (!projectIds.length || !years.length) return []
  return db
    .selectFrom('project_year_plans')
    .select(['project_id', 'year', 'planned'])
    .where(sql<SqlBool>`project_id = any(${idsParam(projectIds)})`)
    .where('year', 'in', years)
    .execute()
}

export async function punctualityWeekly(db: Db, zoneId: number, fromWeek: string, toWeek: string) {
  return db
    .selectFrom('project_weekly_progress')
    .select(['project_id', 'week_start', 'submitted_at'])
    .where('zone_id', '=', zoneId)
    .where('week_start', '>=', fromWeek)
    .where('week_start', '<=', toWeek)
    .execute()
}

export async function punctualityMonthly(
  db: Db,
  zoneId: number,
  months: Array<{ year: number; month: number }>,
) {
  if (!months.length) return []
  return db
    .selectFrom('project_monthly_reports')
    .select(['project_id', 'year', 'month', 'late'])
    .where('zone_id', '=', zoneId)
    .where((eb) => eb.or(months.map((m) => eb.and([eb('year', '=', m.year), eb('month', '=', m.month)]))))
    .execute()
}
