import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Light, LightReason } from '../../db/schema.ts'
import { countAll, jsonb, likeEscape, nullsOrder, updateVersioned } from '../../db/sql-helpers.ts'
import { searchQuery } from '../../lib/chinese-search.ts'
import type { Actor } from '../../policies/index.ts'
import { projectScope } from '../../policies/project-scope.ts'

type Ref = { id: number; name: string }

/** The columns of a list row (the ledger) — also the head of the detail. */
function base(db: Db) {
  return db
    .selectFrom('projects as p')
    .innerJoin('departments as z', 'z.id', 'p.zone_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('industries as i', 'i.code', 'p.industry_code')
    .select((eb) => [
      'p.id',
      'p.zone_id',
      'z.name as zone_name',
      'p.code',
      'p.name',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.nature',
      'p.stage',
      'p.level',
      'p.industry_code',
      'i.name as industry_name',
      'p.total_investment',
      'p.is_key',
      'p.is_public',
      'p.light',
      'p.light_reasons',
      'p.five_ones_missing',
      'p.start_date',
      'p.end_date',
      'p.updated_at',
      'p.version',
      eb
        .selectFrom('project_leaders as pl')
        .innerJoin('users as u', 'u.id', 'pl.user_id')
        .select(
          sql<
            Ref[]
          >`coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.display_name) order by u.display_name, u.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('pl.project_id', '=', 'p.id')
        .as('leaders'),
      eb
        .selectFrom('project_units as pu')
        .innerJoin('departments as d', 'd.id', 'pu.department_id')
        .select(sql<Ref>`jsonb_build_object('id', d.id, 'name', d.name)`.as('x'))
        .whereRef('pu.project_id', '=', 'p.id')
        .where('pu.role', '=', 'lead')
        .limit(1)
        .as('lead_unit'),
      eb
        .selectFrom('project_tags as t')
        .leftJoin('dict_items as di', (j) =>
          j.onRef('di.code', '=', 't.tag').on('di.type_code', '=', 'project_tag'),
        )
        .select(sql<string[]>`coalesce(jsonb_agg(t.tag order by di.sort, t.tag), '[]'::jsonb)`.as('x'))
        .whereRef('t.project_id', '=', 'p.id')
        .as('tags'),
    ])
}

export type ProjectRowDb = NonNullable<Awaited<ReturnType<typeof findRow>>>

export async function findRow(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('p.id', '=', id)
  if (actor) q = q.where(projectScope(actor))
  return q.executeTakeFirst()
}

/** A project the actor may see: the minimal facts other modules need. */
export async function findVisible(db: Db, id: number, actor: Actor) {
  return db
    .selectFrom('projects as p')
    .select(['p.id', 'p.zone_id', 'p.enterprise_id', 'p.name', 'p.code'])
    .where('p.id', '=', id)
    .where(projectScope(actor))
    .executeTakeFirst()
}

/** Everything of the projects row, for edits (no scope check: callers have checked). */
export async function findRaw(db: Db, id: number) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst()
}
export type RawProject = NonNullable<Awaited<ReturnType<typeof findRaw>>>

export interface ProjectFilter {
  keyword?: string
  stage?: string
  level?: string
  nature?: string
  industry?: string
  light?: Light
  leaderUserId?: number
  departmentId?: number
  enterpriseId?: number
  tag?: string
  zoneId?: number
  isKey?: boolean
  isPublic?: boolean
  fiveOnesIncomplete?: boolean
}

const SORTS: Record<string, RawBuilder<unknown>> = {
  code: sql`p.code`,
  name: sql`p.name`,
  totalInvestment: sql`p.total_investment`,
  stage: sql`coalesce((select di.sort from dict_items di where di.type_code = 'project_stage' and di.code = p.stage), 999)`,
  light: sql`case p.light when 'red' then 2 when 'yellow' then 1 else 0 end`,
  updatedAt: sql`p.updated_at`,
}
export type ProjectSortField = keyof typeof SORTS
/** Sorts on columns that are never empty: plain asc / desc, so an index on (zone_id, column) walks the page. */
const NOT_NULL_SORTS = new Set<string>(['code', 'name', 'updatedAt'])
const sortDir = (field: ProjectSortField, dir: 'asc' | 'desc') =>
  NOT_NULL_SORTS.has(field) ? dir : nullsOrder(dir)

function filterExpr(actor: Actor, f: ProjectFilter) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [projectScope(actor)(eb)]
    if (f.keyword?.trim()) {
      const kw = f.keyword.trim()
      const like = `%${likeEscape(kw)}%`
      const ors: Expression<SqlBool>[] = [
        eb('p.name', 'ilike', like),
        eb('p.code', 'ilike', like),
        eb('e.name', 'ilike', like),
      ]
      const q = searchQuery(kw)
      if (q) ors.push(sql<SqlBool>`p.search_tsv @@ ${q}`)
      conds.push(eb.or(ors))
    }
    if (f.stage) conds.push(eb('p.stage', '=', f.stage))
    if (f.level) conds.push(eb('p.level', '=', f.level))
    if (f.nature) conds.push(eb('p.nature', '=', f.nature))
    if (f.light) conds.push(eb('p.light', '=', f.light))
    if (f.zoneId) conds.push(eb('p.zone_id', '=', f.zoneId))
    if (f.enterpriseId) conds.push(eb('p.enterprise_id', '=', f.enterpriseId))
    if (f.isKey !== undefined) conds.push(eb('p.is_key', '=', f.isKey))
    if (f.isPublic !== undefined) conds.push(eb('p.is_public', '=', f.isPublic))
    if (f.fiveOnesIncomplete === true) conds.push(sql<SqlBool>`p.five_ones_missing <> '[]'::jsonb`)
    if (f.fiveOnesIncomplete === false) conds.push(sql<SqlBool>`p.five_ones_missing = '[]'::jsonb`)
    if (f.industry) {
      // A section letter covers its divisions.
      conds.push(
        /^[A-Z]$/.test(f.industry)
          ? eb.or([eb('p.industry_code', '=', f.industry), eb('i.parent_code', '=', f.industry)])
          : eb('p.industry_code', '=', f.industry),
      )
    }
    if (f.tag)
      conds.push(
        sql<SqlBool>`exists (select 1 from project_tags t where t.project_id = p.id and t.tag = ${f.tag})`,
      )
    if (f.leaderUserId)
      conds.push(
        sql<SqlBool>`exists (select 1 from project_leaders pl where pl.project_id = p.id and pl.user_id = ${f.leaderUserId})`,
      )
    if (f.departmentId)
      // A responsible unit (牵头 or 配合) in the department's subtree.
      conds.push(
        sql<SqlBool>`exists (select 1 from project_units pu join departments d on d.id = pu.department_id
          where pu.project_id = p.id
            and d.path like (select path || '%' from departments where id = ${f.departmentId}))`,
      )
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor,
  f: ProjectFilter,
  sort: { field: ProjectSortField; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = filterExpr(actor, f)
  // enterprises and industries only when a filter reads them: an unused join keeps the count from
  // being an index-only scan (the planner still wants the join column)
  const filtered = () => {
    let q = db.selectFrom('projects as p')
    if (f.keyword?.trim())
      q = q.leftJoin('enterprises as e', 'e.id', 'p.enterprise_id') as unknown as typeof q
    if (f.industry) q = q.leftJoin('industries as i', 'i.code', 'p.industry_code') as unknown as typeof q
    return q.where(where)
  }
  // Deferred join: the page's ids first (projects alone), then leaders, units and tags for those rows only.
  const pageIds = filtered()
    .select('p.id')
    .orderBy(SORTS[sort.field], sortDir(sort.field, sort.dir))
    .orderBy('p.code')
    .orderBy('p.id')
    .offset(page.offset)
    .limit(page.pageSize)
  // the page's ids as an array computed first (an InitPlan), so the planner joins those rows by
  // primary key instead of hashing the whole table — one statement, one round trip
  const pageRowsOf = () =>
    base(db)
      .where(sql<SqlBool>`p.id = any(array(${pageIds}))`)
      .orderBy(SORTS[sort.field], sortDir(sort.field, sort.dir))
      .orderBy('p.code')
      .orderBy('p.id')
      .execute()
  const [{ n }, items] = await Promise.all([
    filtered().select(countAll).executeTakeFirstOrThrow(),
    pageRowsOf(),
  ])
  return { items, total: n }
}

export async function listForEnterprise(db: Db, actor: Actor, enterpriseId: number) {
  return db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.stage',
      'p.light',
      'p.light_reasons',
      'p.total_investment',
      'p.is_key',
      'p.is_public',
    ])
    .where('p.enterprise_id', '=', enterpriseId)
    .where(projectScope(actor))
    .orderBy('p.code')
    .execute()
}

// ---- detail parts ----

/**
 * The project page's header facts, people, units, latest weekly progress and funds: one statement
 * (each list a subquery aggregated to JSON, in the order the page shows it) — the page's fixed
 * cost is per statement, not per row.
 */
export async function detailExtras(db: Db, id: number) {
  const row = await db
    .selectFrom('projects as p')
    .leftJoin('regions as r', 'r.code', 'p.region_code')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.region_code',
      'r.name as region_name',
      'p.address',
      'p.lng',
      'p.lat',
      'p.completed_before',
      'p.actual_start_date',
      'p.stage_changed_at',
      'p.description',
      'p.created_at',
      'p.light_at',
      'p.admission_override',
      'e.credit_code as enterprise_credit_code',
      sql<
        string | null
      >`(select u.display_name from users u where u.id = (p.admission_override->>'by')::int)`.as(
        'override_by_name',
      ),
      sql<Array<{ id: number; name: string; department_name: string; title: string | null }>>`(
        select coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.display_name,
            'department_name', d.name, 'title', u.title) order by u.display_name, u.id), '[]'::jsonb)
        from project_leaders pl join users u on u.id = pl.user_id join departments d on d.id = u.department_id
        where pl.project_id = p.id)`.as('leaders'),
      sql<Array<{ id: number; name: string; department_name: string; title: string | null; role: string }>>`(
        select coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.display_name,
            'department_name', d.name, 'title', u.title, 'role', tm.role)
            order by case tm.role when 'head' then 0 when 'steward' then 1 else 2 end, u.display_name), '[]'::jsonb)
        from project_team_members tm join users u on u.id = tm.user_id join departments d on d.id = u.department_id
        where tm.project_id = p.id)`.as('team'),
      sql<Array<{ id: number; name: string; role: string }>>`(
        select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name, 'role', pu.role)
            order by d.sort, d.id), '[]'::jsonb)
        from project_units pu join departments d on d.id = pu.department_id
        where pu.project_id = p.id)`.as('units'),
      sql<{
        week_start: string
        done: string
        next_plan: string | null
        problems: string | null
        submitted_at: string
        submitted_by_name: string | null
      } | null>`(
        select to_jsonb(w) from (
          select w.week_start, w.done, w.next_plan, w.problems, w.submitted_at,
            u.display_name as submitted_by_name
          from project_weekly_progress w left join users u on u.id = w.submitted_by
          where w.project_id = p.id order by w.week_start desc limit 1) w)`.as('weekly'),
      // project_funds belongs to the pipeline module; a read-only sum for the header.
      sql<string>`(select coalesce(sum(f.amount), 0)::numeric(18,2)::text from project_funds f
        where f.project_id = p.id)`.as('funds_total'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow()
  const { leaders, team, units, weekly, funds_total, ...head } = row
  return { head, leaders, team, units, weekly: weekly ?? undefined, fundsTotal: funds_total }
}

// ---- writes ----

/** The next project code of a zone and year: PREFIX-YYYY-0001, PREFIX-YYYY-0002 … */
export async function maxSequence(db: Db, zoneId: number, prefix: string): Promise<number> {
  const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}[0-9]+$`
  const row = await db
    .selectFrom('projects')
    .select(sql<number>`coalesce(max(substr(code, ${prefix.length + 1})::int), 0)`.as('n'))
    .where('zone_id', '=', zoneId)
    .where(sql<SqlBool>`code ~ ${pattern}`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function lockCodes(db: Db, zoneId: number) {
  await sql`select pg_advisory_xact_lock(7157002, ${zoneId})`.execute(db)
}

export async function currentTxid(db: Db): Promise<string> {
  const { rows } = await sql<{ x: string }>`select txid_current()::text as x`.execute(db)
  return rows[0].x
}

export interface ProjectValues {
  zone_id: number
  code: string
  name: string
  enterprise_id: number | null
  nature: string | null
  industry_code: string | null
  region_code: string | null
  address: string | null
  lng: string | null
  lat: string | null
  level: string | null
  is_key: boolean
  is_public: boolean
  total_investment: string
  completed_before: string
  start_date: string | null
  end_date: string | null
  actual_start_date: string | null
  stage: string
  description: string | null
  admission_override: Record<string, unknown> | null
  created_by: number | null
}

export interface NewProjectRow {
  values: ProjectValues
  /** the words to index (chinese-search.ts `searchText`) */
  search: string
  tags: string[]
  leaderIds: number[]
  units: Array<{ departmentId: number; role: 'lead' | 'co' }>
  milestones: Array<{ name: string; plannedDate: string | null; sort: number }>
}

/**
 * New projects with their tags, leaders, responsible units and milestones in ONE statement (writable
 * CTEs over jsonb rows): a ledger import creates thousands of projects in a transaction, and each
 * round trip counts. Returns the ids in the order of `rows` (codes are unique per zone).
 */
export async function insertProjects(db: Db, rows: NewProjectRow[], at: Date): Promise<number[]> {
  if (!rows.length) return []
  const head = rows.map(({ values: v, search }) => ({
    ...v,
    admission_override: v.admission_override ?? null,
    search,
  }))
  const rel = (pick: (r: NewProjectRow) => unknown[]) =>
    JSON.stringify(
      rows.flatMap((r) => pick(r).map((x) => ({ code: r.values.code, zone: r.values.zone_id, x }))),
    )
  const { rows: out } = await sql<{ id: number; code: string; zone_id: number }>`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(head)}::jsonb) as x(zone_id int, code text, name text,
        enterprise_id int, nature text, industry_code text, region_code text, address text, lng numeric,
        lat numeric, level text, is_key boolean, is_public boolean, total_investment numeric,
        completed_before numeric, start_date date, end_date date, actual_start_date date, stage text,
        description text, admission_override jsonb, search text, created_by int)
    ),
    p as (
      insert into projects (zone_id, code, name, enterprise_id, nature, industry_code, region_code, address,
        lng, lat, level, is_key, is_public, total_investment, completed_before, start_date, end_date,
        actual_start_date, stage, stage_changed_at, description, admission_override, light_reasons,
        five_ones_missing, search_tsv, created_by, created_at, updated_at)
      select zone_id, code, name, enterprise_id, nature, industry_code, region_code, address, lng, lat, level,
        is_key, is_public, total_investment, completed_before, start_date, end_date, actual_start_date, stage,
        ${at}, description, admission_override, '[]'::jsonb, '[]'::jsonb, to_tsvector('simple', search),
        created_by, ${at}, ${at}
      from x
      returning id, code, zone_id
    ),
    t as (
      insert into project_tags (project_id, tag)
      select p.id, r.x from p join jsonb_to_recordset(${rel((r) => r.tags)}::jsonb) as r(code text, zone int, x text)
        on r.code = p.code and r.zone = p.zone_id
    ),
    l as (
      insert into project_leaders (project_id, user_id)
      select p.id, r.x from p join jsonb_to_recordset(${rel((r) => r.leaderIds)}::jsonb) as r(code text, zone int, x int)
        on r.code = p.code and r.zone = p.zone_id
    ),
    u as (
      insert into project_units (project_id, department_id, role)
      select p.id, (r.x->>'departmentId')::int, r.x->>'role'
      from p join jsonb_to_recordset(${rel((r) => r.units)}::jsonb) as r(code text, zone int, x jsonb)
        on r.code = p.code and r.zone = p.zone_id
    ),
    m as (
      insert into milestones (zone_id, project_id, name, planned_date, sort, created_at, updated_at)
      select p.zone_id, p.id, r.x->>'name', (r.x->>'plannedDate')::date, (r.x->>'sort')::int, ${at}, ${at}
      from p join jsonb_to_recordset(${rel((r) => r.milestones)}::jsonb) as r(code text, zone int, x jsonb)
        on r.code = p.code and r.zone = p.zone_id
    )
    select id, code, zone_id from p`.execute(db)
  const ids = new Map(out.map((r) => [`${r.zone_id}|${r.code}`, Number(r.id)]))
  return rows.map((r) => ids.get(`${r.values.zone_id}|${r.values.code}`)!)
}

export async function updateProject(
  db: Db,
  id: number,
  version: number,
  v: Record<string, unknown>,
  at: Date,
  search?: RawBuilder<unknown>,
) {
  const values: Record<string, unknown> = { ...v }
  if ('admission_override' in values && values.admission_override)
    values.admission_override = jsonb(values.admission_override)
  if (search) values.search_tsv = search
  return updateVersioned(db, 'projects', id, version, values, at)
}

export async function replaceTags(db: Db, projectId: number, tags: string[]) {
  await db.deleteFrom('project_tags').where('project_id', '=', projectId).execute()
  if (tags.length)
    await db
      .insertInto('project_tags')
      .values(tags.map((tag) => ({ project_id: projectId, tag })))
      .execute()
}

export async function replaceLeaders(db: Db, projectId: number, userIds: number[]) {
  await db.deleteFrom('project_leaders').where('project_id', '=', projectId).execute()
  if (userIds.length)
    await db
      .insertInto('project_leaders')
      .values(userIds.map((user_id) => ({ project_id: projectId, user_id })))
      .execute()
}

export async function replaceTeam(
  db: Db,
  projectId: number,
  members: Array<{ userId: number; role: 'head' | 'member' | 'steward' }>,
) {
  await db.deleteFrom('project_team_members').where('project_id', '=', projectId).execute()
  if (members.length)
    await db
      .insertInto('project_team_members')
      .values(members.map((m) => ({ project_id: projectId, user_id: m.userId, role: m.role })))
      .execute()
}

export async function replaceUnits(db: Db, projectId: number, lead: number | null, co: number[]) {
  await db.deleteFrom('project_units').where('project_id', '=', projectId).execute()
  const rows = [
    ...(lead ? [{ project_id: projectId, department_id: lead, role: 'lead' as const }] : []),
    ...co
      .filter((d) => d !== lead)
      .map((d) => ({ project_id: projectId, department_id: d, role: 'co' as const })),
  ]
  if (rows.length) await db.insertInto('project_units').values(rows).execute()
}

export async function bumpVersion(db: Db, id: number, version: number, at: Date) {
  return updateProject(db, id, version, {}, at)
}

// ---- lookups ----

export async function enterpriseOf(db: Db, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'zone_id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function industryOf(db: Db, code: string) {
  return db.selectFrom('industries').select(['code', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function regionOf(db: Db, code: string) {
  return db.selectFrom('regions').select(['code', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function dictItems(db: Db, types: string[]) {
  return db
    .selectFrom('dict_items')
    .select(['type_code', 'code', 'label', 'enabled'])
    .where('type_code', 'in', types)
    .orderBy('sort')
    .execute()
}

export async function findByCode(db: Db, zoneId: number, code: string) {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('code', '=', code)
    .executeTakeFirst()
}

export async function findByName(db: Db, zoneId: number, name: string) {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('name', '=', name)
    .orderBy('id')
    .executeTakeFirst()
}

// ---- lights and 五个一 ----

/** What recompute needs of many projects at once. */
export async function recomputeInputs(db: Db, ids: number[]) {
  const [projects, milestones] = await Promise.all([
    db
      .selectFrom('projects as p')
      .select([
        'p.id',
        'p.is_key',
        'p.stage',
        'p.start_date',
        'p.actual_start_date',
        sql<boolean>`exists (select 1 from project_leaders x where x.project_id = p.id)`.as('has_leader'),
        sql<boolean>`exists (select 1 from project_team_members x where x.project_id = p.id)`.as('has_team'),
        sql<boolean>`exists (select 1 from project_units x where x.project_id = p.id and x.role = 'lead')`.as(
          'has_lead_unit',
        ),
      ])
      // one array parameter, however long the page (exports take up to MAX_EXPORT_ROWS)
      .where(sql<SqlBool>`p.id = any(${`{${ids.join(',')}}`}::int[])`)
      .execute(),
    db
      .selectFrom('milestones')
      .select(['project_id', 'name', 'planned_date', 'actual_date'])
      .where('project_id', 'in', ids)
      .orderBy('project_id')
      .orderBy('sort')
      .orderBy('id')
      .execute(),
  ])
  return { projects, milestones }
}

export async function storeLights(
  db: Db,
  rows: Array<{ id: number; light: Light; reasons: LightReason[]; missing: string[] }>,
  at: Date,
) {
  if (!rows.length) return
  // One statement for the batch; derived columns only (no version bump: a recompute is not an edit).
  await sql`
    update projects p set
      light = v.light,
      light_reasons = v.reasons,
      five_ones_missing = v.missing,
      light_at = case when p.light is distinct from v.light or p.light_at is null then ${at} else p.light_at end
    from jsonb_to_recordset(${jsonb(rows)}) as v(id int, light text, reasons jsonb, missing jsonb)
    where p.id = v.id
      and (p.light is distinct from v.light or p.light_reasons is distinct from v.reasons
           or p.five_ones_missing is distinct from v.missing or p.light_at is null)`.execute(db)
}

export async function allProjectIds(db: Db, actor: Actor | null) {
  let q = db.selectFrom('projects as p').select('p.id').orderBy('p.id')
  if (actor) q = q.where(projectScope(actor))
  return (await q.execute()).map((r) => r.id)
}
