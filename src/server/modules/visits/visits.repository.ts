import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Adoption } from '../../db/schema-rhythm.ts'
import { countAll, deleteVersioned, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { suggestionScope, visitScope } from '../../policies/visit-scope.ts'

type Ref = { id: number; name: string }
export type LeaderRef = Ref & { title: string | null }
export type ProjectRef = Ref & { code: string }

// ---------- visits ----------

function base(db: Db) {
  return db
    .selectFrom('visits as v')
    .innerJoin('departments as z', 'z.id', 'v.zone_id')
    .leftJoin('dict_items as k', (j) => j.onRef('k.code', '=', 'v.kind').on('k.type_code', '=', 'visit_kind'))
    .leftJoin('users as cu', 'cu.id', 'v.created_by')
    .select((eb) => [
      'v.id',
      'v.zone_id',
      'z.name as zone_name',
      'v.code',
      'v.kind',
      'k.label as kind_label',
      'v.visit_date',
      'v.place',
      'v.summary',
      'v.notes',
      'v.participants',
      'v.lng',
      'v.lat',
      'v.created_by',
      'cu.display_name as created_by_name',
      'v.created_at',
      'v.updated_at',
      'v.version',
      eb
        .selectFrom('visit_leaders as vl')
        .innerJoin('users as u', 'u.id', 'vl.user_id')
        .select(
          sql<
            LeaderRef[]
          >`coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.display_name, 'title', u.title) order by vl.sort, u.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('vl.visit_id', '=', 'v.id')
        .as('leaders'),
      eb
        .selectFrom('visit_enterprises as ve')
        .innerJoin('enterprises as e', 'e.id', 've.enterprise_id')
        .select(
          sql<
            Ref[]
          >`coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name) order by e.name, e.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('ve.visit_id', '=', 'v.id')
        .as('enterprises'),
      eb
        .selectFrom('visit_projects as vp')
        .innerJoin('projects as p', 'p.id', 'vp.project_id')
        .select(
          sql<
            ProjectRef[]
          >`coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'name', p.name) order by p.code, p.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('vp.visit_id', '=', 'v.id')
        .as('projects'),
      eb
        .selectFrom('problems as pb')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('pb.visit_id', '=', 'v.id')
        .as('problem_count'),
      eb
        .selectFrom('suggestions as sg')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('sg.visit_id', '=', 'v.id')
        .as('suggestion_count'),
      eb
        .selectFrom('suggestions as sg')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('sg.visit_id', '=', 'v.id')
        .where('sg.adoption', 'in', ['adopted', 'partly'])
        .as('adopted_count'),
      eb
        .selectFrom('attachments as at')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('at.owner_id', '=', 'v.id')
        .where('at.owner_type', '=', 'visit')
        .where('at.deleted_at', 'is', null)
        .as('photo_count'),
    ])
}

export type VisitRowDb = NonNullable<Awaited<ReturnType<typeof findRow>>>

export async function findRow(db: Db, id: number) {
  return base(db).where('v.id', '=', id).executeTakeFirst()
}

/** The stored row when the actor may see it (else undefined: 404). */
export async function findVisible(db: Db, id: number, actor: Actor) {
  return db
    .selectFrom('visits as v')
    .selectAll('v')
    .where('v.id', '=', id)
    .where(visitScope(actor))
    .executeTakeFirst()
}

export async function findRaw(db: Db, id: number) {
  return db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst()
}
export type RawVisit = NonNullable<Awaited<ReturnType<typeof findRaw>>>

export interface VisitFilter {
  keyword?: string
  kind?: string
  from?: string
  to?: string
  leaderUserId?: number
  enterpriseId?: number
  projectId?: number
  zoneId?: number
  /** only visits that raised problems / made suggestions */
  withProblems?: boolean
  withSuggestions?: boolean
}

const SORT_COLUMNS = {
  visitDate: 'v.visit_date',
  code: 'v.code',
  createdAt: 'v.created_at',
} as const
export type VisitSortField = keyof typeof SORT_COLUMNS
export type VisitSort = { field: VisitSortField; dir: 'asc' | 'desc' }

function filterExpr(actor: Actor, f: VisitFilter) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [visitScope(actor)(eb)]
    const kw = f.keyword?.trim()
    if (kw) {
      const like = `%${likeEscape(kw)}%`
      conds.push(
        eb.or([
          eb('v.code', 'ilike', like),
          eb('v.place', 'ilike', like),
          eb('v.summary', 'ilike', like),
          eb('v.notes', 'ilike', like),
          eb('v.participants', 'ilike', like),
          sql<SqlBool>`exists (select 1 from visit_enterprises ve join enterprises e on e.id = ve.enterprise_id
            where ve.visit_id = v.id and e.name ilike ${like})`,
          sql<SqlBool>`exists (select 1 from visit_leaders vl join users u on u.id = vl.user_id
            where vl.visit_id = v.id and u.display_name ilike ${like})`,
        ]),
      )
    }
    if (f.kind) conds.push(eb('v.kind', '=', f.kind))
    if (f.from) conds.push(eb('v.visit_date', '>=', f.from))
    if (f.to) conds.push(eb('v.visit_date', '<=', f.to))
    if (f.zoneId) conds.push(eb('v.zone_id', '=', f.zoneId))
    if (f.leaderUserId)
      conds.push(
        sql<SqlBool>`exists (select 1 from visit_leaders vl where vl.visit_id = v.id and vl.user_id = ${f.leaderUserId})`,
      )
    if (f.enterpriseId)
      conds.push(
        sql<SqlBool>`exists (select 1 from visit_enterprises ve where ve.visit_id = v.id and ve.enterprise_id = ${f.enterpriseId})`,
      )
    if (f.projectId)
      conds.push(
        sql<SqlBool>`exists (select 1 from visit_projects vp where vp.visit_id = v.id and vp.project_id = ${f.projectId})`,
      )
    if (f.withProblems) conds.push(sql<SqlBool>`exists (select 1 from problems pb where pb.visit_id = v.id)`)
    if (f.withSuggestions)
      conds.push(sql<SqlBool>`exists (select 1 from suggestions sg where sg.visit_id = v.id)`)
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor,
  f: VisitFilter,
  sort: VisitSort,
  page: { offset: number; pageSize: number },
) {
  const where = filterExpr(actor, f)
  return pageRows(
    db.selectFrom('visits as v').where(where).select(countAll),
    base(db).where(where).orderBy(sql.ref(SORT_COLUMNS[sort.field]), sort.dir).orderBy('v.id', sort.dir),
    page,
  )
}

export async function countOfEnterprise(db: Db, actor: Actor, enterpriseId: number) {
  const r = await db
    .selectFrom('visits as v')
    .select(countAll)
    .where(filterExpr(actor, { enterpriseId }))
    .executeTakeFirstOrThrow()
  return r.n
}

export interface VisitValues {
  kind: string
  visit_date: string
  place: string
  summary: string
  notes: string | null
  participants: string | null
  lng: string | null
  lat: string | null
}

export async function insertVisit(
  db: Db,
  v: VisitValues & { zone_id: number; code: string; created_by: number | null },
  at: Date,
) {
  const { id } = await db
    .insertInto('visits')
    .values({ ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function lockCodes(db: Db, zoneId: number) {
  await sql`select pg_advisory_xact_lock(7157006, ${zoneId})`.execute(db)
}

export async function maxSequence(db: Db, zoneId: number, prefix: string): Promise<number> {
  const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}[0-9]+$`
  const row = await db
    .selectFrom('visits')
    .select(sql<number>`coalesce(max(substr(code, ${prefix.length + 1})::int), 0)`.as('n'))
    .where('zone_id', '=', zoneId)
    .where(sql<SqlBool>`code ~ ${pattern}`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Replaces the visit's leaders (in the given order), enterprises and projects. */
export async function setLinks(
  db: Db,
  visitId: number,
  links: { leaderIds?: number[]; enterpriseIds?: number[]; projectIds?: number[] },
) {
  if (links.leaderIds) {
    await db.deleteFrom('visit_leaders').where('visit_id', '=', visitId).execute()
    if (links.leaderIds.length)
      await db
        .insertInto('visit_leaders')
        .values(links.leaderIds.map((user_id, sort) => ({ visit_id: visitId, user_id, sort })))
        .execute()
  }
  if (links.enterpriseIds) {
    await db.deleteFrom('visit_enterprises').where('visit_id', '=', visitId).execute()
    if (links.enterpriseIds.length)
      await db
        .insertInto('visit_enterprises')
        .values(links.enterpriseIds.map((enterprise_id) => ({ visit_id: visitId, enterprise_id })))
        .execute()
  }
  if (links.projectIds) {
    await db.deleteFrom('visit_projects').where('visit_id', '=', visitId).execute()
    if (links.projectIds.length)
      await db
        .insertInto('visit_projects')
        .values(links.projectIds.map((project_id) => ({ visit_id: visitId, project_id })))
        .execute()
  }
}

export async function updateVisit(
  db: Db,
  id: number,
  version: number,
  values: Partial<VisitValues>,
  at: Date,
) {
  return updateVersioned(db, 'visits', id, version, values, at)
}

export async function deleteVisitRow(db: Db, id: number, version: number) {
  const res = await db
    .deleteFrom('visits')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numDeletedRows) === 1
}

/** The problems a visit raised, in the order they were raised. */
export async function problemsOf(db: Db, visitId: number) {
  return db
    .selectFrom('problems as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('departments as ld', 'ld.id', 'p.lead_department_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.status',
      'p.light',
      'p.category',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.lead_department_id',
      'ld.name as lead_department_name',
      'p.received_at',
    ])
    .where('p.visit_id', '=', visitId)
    .orderBy('p.id')
    .execute()
}

export async function problemCount(db: Db, visitId: number) {
  const r = await db
    .selectFrom('problems')
    .select(countAll)
    .where('visit_id', '=', visitId)
    .executeTakeFirstOrThrow()
  return r.n
}

// ---------- references (checked against the visit's zone) ----------

export async function dictItem(db: Db, type: string, code: string) {
  return db
    .selectFrom('dict_items')
    .select(['code', 'label', 'enabled'])
    .where('type_code', '=', type)
    .where('code', '=', code)
    .executeTakeFirst()
}

export async function dictLabels(db: Db, type: string) {
  const rows = await db
    .selectFrom('dict_items')
    .select(['code', 'label'])
    .where('type_code', '=', type)
    .execute()
  return new Map(rows.map((r) => [r.code, r.label]))
}

export async function enterprisesOfZone(db: Db, zoneId: number, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('zone_id', '=', zoneId)
    .execute()
}

export async function projectsOfZone(db: Db, zoneId: number, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('projects')
    .select(['id', 'code', 'name', 'enterprise_id'])
    .where('id', 'in', ids)
    .where('zone_id', '=', zoneId)
    .execute()
}

export async function departmentPath(db: Db, id: number | null) {
  if (!id) return null
  return (
    (await db.selectFrom('departments').select('path').where('id', '=', id).executeTakeFirst())?.path ?? null
  )
}

// ---------- suggestions ----------

function suggestionBase(db: Db) {
  return db
    .selectFrom('suggestions as s')
    .innerJoin('departments as z', 'z.id', 's.zone_id')
    .leftJoin('visits as v', 'v.id', 's.visit_id')
    .leftJoin('users as lu', 'lu.id', 's.leader_user_id')
    .leftJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('users as ru', 'ru.id', 's.replied_by')
    .select([
      's.id',
      's.zone_id',
      'z.name as zone_name',
      's.visit_id',
      'v.code as visit_code',
      'v.visit_date',
      'v.kind as visit_kind',
      's.leader_user_id',
      'lu.display_name as leader_name',
      's.enterprise_id',
      'e.name as enterprise_name',
      's.content',
      's.department_id',
      'd.name as department_name',
      'd.path as department_path',
      's.adoption',
      's.reply',
      's.replied_by',
      'ru.display_name as replied_by_name',
      's.replied_at',
      's.created_by',
      's.created_at',
      's.updated_at',
      's.version',
    ])
}

export type SuggestionRowDb = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>

export async function findSuggestion(db: Db, id: number, actor?: Actor) {
  let q = suggestionBase(db).where('s.id', '=', id)
  if (actor) q = q.where(suggestionScope(actor))
  return q.executeTakeFirst()
}

export async function suggestionsOf(db: Db, visitId: number) {
  return suggestionBase(db).where('s.visit_id', '=', visitId).orderBy('s.id').execute()
}

export interface SuggestionFilter {
  keyword?: string
  adoption?: Adoption
  departmentId?: number
  leaderUserId?: number
  enterpriseId?: number
  visitId?: number
  from?: string
  to?: string
  zoneId?: number
  /** addressed to the actor's department (or a department under it) */
  mine?: boolean
}

export type SuggestionSort = { field: 'createdAt' | 'visitDate' | 'adoption'; dir: 'asc' | 'desc' }
const SUGGESTION_SORT_COLUMNS = {
  createdAt: 's.created_at',
  visitDate: 'v.visit_date',
  adoption: 's.adoption',
} as const

function suggestionFilter(actor: Actor, f: SuggestionFilter) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [suggestionScope(actor)(eb)]
    const kw = f.keyword?.trim()
    if (kw) {
      const like = `%${likeEscape(kw)}%`
      conds.push(
        eb.or([
          eb('s.content', 'ilike', like),
          eb('s.reply', 'ilike', like),
          sql<SqlBool>`exists (select 1 from enterprises e2 where e2.id = s.enterprise_id and e2.name ilike ${like})`,
        ]),
      )
    }
    if (f.adoption) conds.push(eb('s.adoption', '=', f.adoption))
    if (f.departmentId) conds.push(eb('s.department_id', '=', f.departmentId))
    if (f.leaderUserId) conds.push(eb('s.leader_user_id', '=', f.leaderUserId))
    if (f.enterpriseId) conds.push(eb('s.enterprise_id', '=', f.enterpriseId))
    if (f.visitId) conds.push(eb('s.visit_id', '=', f.visitId))
    if (f.zoneId) conds.push(eb('s.zone_id', '=', f.zoneId))
    const day = sql`coalesce((select v2.visit_date from visits v2 where v2.id = s.visit_id), (s.created_at at time zone 'Asia/Shanghai')::date)`
    if (f.from) conds.push(sql<SqlBool>`${day} >= ${f.from}::date`)
    if (f.to) conds.push(sql<SqlBool>`${day} <= ${f.to}::date`)
    if (f.mine)
      conds.push(
        sql<SqlBool>`exists (select 1 from departments d2 where d2.id = s.department_id and d2.path like ${`${actor.departmentPath}%`})`,
      )
    return eb.and(conds)
  }
}

export async function listSuggestions(
  db: Db,
  actor: Actor,
  f: SuggestionFilter,
  sort: SuggestionSort,
  page: { offset: number; pageSize: number },
) {
  const where = suggestionFilter(actor, f)
  return pageRows(
    db.selectFrom('suggestions as s').where(where).select(countAll),
    suggestionBase(db)
      .where(where)
      .orderBy(sql.ref(SUGGESTION_SORT_COLUMNS[sort.field]), sort.dir)
      .orderBy('s.id', 'desc'),
    page,
  )
}

export interface SuggestionValues {
  leader_user_id: number | null
  enterprise_id: number | null
  content: string
  department_id: number | null
}

export async function insertSuggestion(
  db: Db,
  v: SuggestionValues & { zone_id: number; visit_id: number; created_by: number | null },
  at: Date,
) {
  const { id } = await db
    .insertInto('suggestions')
    .values({ ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateSuggestion(
  db: Db,
  id: number,
  version: number,
  values: Record<string, unknown>,
  at: Date,
) {
  return updateVersioned(db, 'suggestions', id, version, values, at)
}

export async function deleteSuggestionRow(db: Db, id: number, version: number) {
  return deleteVersioned(db, 'suggestions', id, version)
}

// ---------- statistics ----------

export interface StatsFilter {
  from: string
  to: string
  zoneId?: number
  leaderUserId?: number
}

/** Ids of the visible visits in the period (a subquery); with a leader, the visits they took part in. */
function periodVisits(db: Db, actor: Actor, f: StatsFilter) {
  let q = db
    .selectFrom('visits as v')
    .select('v.id')
    .where(visitScope(actor))
    .where('v.visit_date', '>=', f.from)
    .where('v.visit_date', '<=', f.to)
  if (f.zoneId) q = q.where('v.zone_id', '=', f.zoneId)
  if (f.leaderUserId)
    q = q.where(
      sql<SqlBool>`exists (select 1 from visit_leaders x where x.visit_id = v.id and x.user_id = ${f.leaderUserId})`,
    )
  return q
}

const adoptionCounts = [
  sql<number>`count(*)::int`.as('total'),
  sql<number>`(count(*) filter (where s.adoption = 'adopted'))::int`.as('adopted'),
  sql<number>`(count(*) filter (where s.adoption = 'partly'))::int`.as('partly'),
  sql<number>`(count(*) filter (where s.adoption = 'not_adopted'))::int`.as('not_adopted'),
  sql<number>`(count(*) filter (where s.adoption = 'pending'))::int`.as('pending'),
]

/**
 * Per-leader figures for the period: visits led, enterprises covered, problems raised on those
 * visits and how many are resolved, suggestions the leader made and how they were adopted — and the
 * zone's totals counted once (a visit of two leaders is one visit, one enterprise is covered once).
 */
export async function stats(db: Db, actor: Actor, f: StatsFilter) {
  const ids = () => periodVisits(db, actor, f)
  const leader = f.leaderUserId
  const [visits, problems, suggestions, totals, problemTotals, suggestionTotals] = await Promise.all([
    db
      .selectFrom('visit_leaders as vl')
      .innerJoin('users as u', 'u.id', 'vl.user_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .leftJoin('visit_enterprises as ve', 've.visit_id', 'vl.visit_id')
      .select([
        'u.id',
        'u.display_name',
        'u.title',
        'd.name as department_name',
        sql<number>`count(distinct vl.visit_id)::int`.as('visits'),
        sql<number>`count(distinct ve.enterprise_id)::int`.as('enterprises'),
      ])
      .where('vl.visit_id', 'in', ids())
      .$if(!!leader, (q) => q.where('vl.user_id', '=', leader!))
      .groupBy(['u.id', 'u.display_name', 'u.title', 'd.name'])
      .execute(),
    db
      .selectFrom('visit_leaders as vl')
      .innerJoin('problems as p', 'p.visit_id', 'vl.visit_id')
      .select([
        'vl.user_id',
        sql<number>`count(distinct p.id)::int`.as('raised'),
        sql<number>`(count(distinct p.id) filter (where p.status in ('resolved', 'closed')))::int`.as(
          'resolved',
        ),
      ])
      .where('vl.visit_id', 'in', ids())
      .$if(!!leader, (q) => q.where('vl.user_id', '=', leader!))
      .groupBy('vl.user_id')
      .execute(),
    db
      .selectFrom('suggestions as s')
      .select(['s.leader_user_id', ...adoptionCounts])
      .where('s.visit_id', 'in', ids())
      .where('s.leader_user_id', 'is not', null)
      .$if(!!leader, (q) => q.where('s.leader_user_id', '=', leader!))
      .groupBy('s.leader_user_id')
      .execute(),
    db
      .selectFrom('visits as v')
      .select([
        sql<number>`count(*)::int`.as('visits'),
        sql<number>`(select count(distinct ve.enterprise_id) from visit_enterprises ve where ve.visit_id in (${ids()}))::int`.as(
          'enterprises',
        ),
      ])
      .where('v.id', 'in', ids())
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('problems as p')
      .select([
        sql<number>`count(*)::int`.as('raised'),
        sql<number>`(count(*) filter (where p.status in ('resolved', 'closed')))::int`.as('resolved'),
      ])
      .where('p.visit_id', 'in', ids())
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('suggestions as s')
      .select(adoptionCounts)
      .where('s.visit_id', 'in', ids())
      .$if(!!leader, (q) => q.where('s.leader_user_id', '=', leader!))
      .executeTakeFirstOrThrow(),
  ])
  return { visits, problems, suggestions, totals, problemTotals, suggestionTotals }
}

/** Visits of some zones between two dates with their leaders' departments (for the scorecards). */
export async function tally(db: Db, f: { zoneIds: number[]; from: string; to: string }) {
  if (!f.zoneIds.length) return []
  return db
    .selectFrom('visits as v')
    .select([
      'v.id',
      'v.zone_id',
      sql<number[]>`coalesce((select array_agg(distinct u.department_id) from visit_leaders vl
        join users u on u.id = vl.user_id where vl.visit_id = v.id), '{}')`.as('department_ids'),
    ])
    .where('v.zone_id', 'in', f.zoneIds)
    .where('v.visit_date', '>=', f.from)
    .where('v.visit_date', '<=', f.to)
    .execute()
}
