import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { ProblemStatus } from '../../db/schema-problems.ts'
import { countAll, jsonb, likeEscape, nullsOrder, pageRows } from '../../db/sql-helpers.ts'
import { searchQuery } from '../../lib/chinese-search.ts'
import type { Actor } from '../../policies/index.ts'
import { personalProblemArms, problemScope, wholeZonesOnly } from '../../policies/problem-scope.ts'
import { HANDLING_STATUSES, OPEN_STATUSES, TRIAGE_STATUSES } from './problem-flow.ts'

type Ref = { id: number; name: string }

/** Every column of the problems table except the search vector. */
const COLUMNS = [
  'p.id',
  'p.zone_id',
  'p.code',
  'p.title',
  'p.description',
  'p.category',
  'p.source',
  'p.type',
  'p.status',
  'p.enterprise_id',
  'p.project_id',
  'p.visit_id',
  'p.address',
  'p.lng',
  'p.lat',
  'p.is_common',
  'p.common_id',
  'p.public_project_id',
  'p.reporter_user_id',
  'p.reporter_name',
  'p.reporter_phone',
  'p.first_receiver_id',
  'p.received_at',
  'p.lead_department_id',
  'p.responsible_leader_id',
  'p.responsible_user_id',
  'p.supervision_level',
  'p.deadline_days',
  'p.accept_due_at',
  'p.accepted_at',
  'p.reply_due_at',
  'p.first_reply_at',
  'p.deadline_at',
  'p.extended',
  'p.rectify_deadline',
  'p.resolved_at',
  'p.resolution',
  'p.resolved_by',
  'p.evidence',
  'p.confirm_due_at',
  'p.closed_at',
  'p.close_method',
  'p.satisfaction',
  'p.reopen_count',
  'p.escalation_level',
  'p.reminded_at',
  'p.escalated_at',
  'p.light',
  'p.created_by',
  'p.created_at',
  'p.updated_at',
  'p.version',
] as const

/** A problem row as stored (no search vector): what `get` returns and `present` maps. */
export async function findRaw(db: Db, id: number) {
  return db.selectFrom('problems as p').select(COLUMNS).where('p.id', '=', id).executeTakeFirst()
}
export type RawProblem = NonNullable<Awaited<ReturnType<typeof findRaw>>>

/** The row of a list (the ledger, the 三个清单) — also the head of the detail. */
function base(db: Db) {
  return db
    .selectFrom('problems as p')
    .innerJoin('departments as z', 'z.id', 'p.zone_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('projects as pr', 'pr.id', 'p.project_id')
    .leftJoin('departments as ld', 'ld.id', 'p.lead_department_id')
    .leftJoin('users as rl', 'rl.id', 'p.responsible_leader_id')
    .leftJoin('users as ru', 'ru.id', 'p.responsible_user_id')
    .leftJoin('users as fr', 'fr.id', 'p.first_receiver_id')
    .leftJoin('users as rp', 'rp.id', 'p.reporter_user_id')
    .select((eb) => [
      ...COLUMNS,
      'z.name as zone_name',
      'e.name as enterprise_name',
      'pr.name as project_name',
      'pr.code as project_code',
      'ld.name as lead_department_name',
      'rl.display_name as responsible_leader_name',
      'ru.display_name as responsible_user_name',
      'fr.display_name as first_receiver_name',
      'rp.display_name as reporter_user_name',
      eb
        .selectFrom('problem_units as pu')
        .innerJoin('departments as d', 'd.id', 'pu.department_id')
        .select(
          sql<
            Ref[]
          >`coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name) order by d.sort, d.id), '[]'::jsonb)`.as(
            'x',
          ),
        )
        .whereRef('pu.problem_id', '=', 'p.id')
        .where('pu.role', '=', 'co')
        .as('co_units'),
      sql<number>`(select count(*)::int from problem_tasks t where t.problem_id = p.id)`.as('task_count'),
      sql<number>`(select count(*)::int from problem_tasks t where t.problem_id = p.id and t.status <> 'done')`.as(
        'open_task_count',
      ),
    ])
}

export type ProblemRowDb = NonNullable<Awaited<ReturnType<typeof findRow>>>

export async function findRow(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('p.id', '=', id)
  if (actor) q = q.where(problemScope(actor))
  return q.executeTakeFirst()
}

/** A problem the actor may see: the minimal facts other modules need. */
export async function findVisible(db: Db, id: number, actor: Actor) {
  return db
    .selectFrom('problems as p')
    .select(['p.id', 'p.zone_id', 'p.enterprise_id', 'p.status', 'p.code', 'p.title', 'p.lead_department_id'])
    .where('p.id', '=', id)
    .where(problemScope(actor))
    .executeTakeFirst()
}

export interface ProblemFilter {
  keyword?: string
  status?: ProblemStatus | 'open'
  type?: string
  category?: string
  source?: string
  departmentId?: number
  enterpriseId?: number
  projectId?: number
  light?: string
  supervisionLevel?: string
  overdue?: boolean
  mine?: boolean
  isCommon?: boolean
  receivedFrom?: string
  receivedTo?: string
  zoneId?: number
}

const SORTS: Record<string, RawBuilder<unknown>> = {
  code: sql`p.code`,
  receivedAt: sql`p.received_at`,
  deadlineAt: sql`p.deadline_at`,
  status: sql`case p.status when 'submitted' then 0 when 'returned' then 1 when 'accepted' then 2
    when 'in_progress' then 3 when 'resolved' then 4 when 'closed' then 5 else 6 end`,
  light: sql`case p.light when 'red' then 2 when 'yellow' then 1 else 0 end`,
  supervisionLevel: sql`case p.supervision_level when 'listed' then 2 when 'key' then 1 else 0 end`,
  updatedAt: sql`p.updated_at`,
}
export type ProblemSortField = keyof typeof SORTS
export type ProblemSort = { field: ProblemSortField; dir: 'asc' | 'desc' }

/** Beijing midnight of a 'YYYY-MM-DD' date, as an instant. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`)

/** The list's conditions; `scoped` false leaves out the actor's scope (the caller applies it). */
function filterExpr(actor: Actor | null, f: ProblemFilter, now: Date, scoped = true) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = actor && scoped ? [problemScope(actor)(eb)] : []
    if (f.keyword?.trim()) {
      const kw = f.keyword.trim()
      const like = `%${likeEscape(kw)}%`
      const ors: Expression<SqlBool>[] = [
        eb('p.title', 'ilike', like),
        eb('p.code', 'ilike', like),
        eb('e.name', 'ilike', like),
      ]
      const q = searchQuery(kw)
      if (q) ors.push(sql<SqlBool>`p.search_tsv @@ ${q}`)
      conds.push(eb.or(ors))
    }
    if (f.status === 'open') conds.push(eb('p.status', 'in', OPEN_STATUSES))
    else if (f.status) conds.push(eb('p.status', '=', f.status))
    if (f.type) conds.push(eb('p.type', '=', f.type))
    if (f.category) conds.push(eb('p.category', '=', f.category))
    if (f.source) conds.push(eb('p.source', '=', f.source))
    if (f.enterpriseId) conds.push(eb('p.enterprise_id', '=', f.enterpriseId))
    if (f.projectId) conds.push(eb('p.project_id', '=', f.projectId))
    if (f.light) conds.push(eb('p.light', '=', f.light))
    if (f.supervisionLevel) conds.push(eb('p.supervision_level', '=', f.supervisionLevel))
    if (f.zoneId) conds.push(eb('p.zone_id', '=', f.zoneId))
    if (f.isCommon !== undefined) conds.push(eb('p.is_common', '=', f.isCommon))
    if (f.receivedFrom) conds.push(eb('p.received_at', '>=', dayStart(f.receivedFrom)))
    if (f.receivedTo)
      conds.push(sql<SqlBool>`p.received_at < ${dayStart(f.receivedTo)}::timestamptz + interval '1 day'`)
    if (f.departmentId)
      // The lead unit in the department's subtree.
      conds.push(
        sql<SqlBool>`exists (select 1 from departments d where d.id = p.lead_department_id
          and d.path like (select path || '%' from departments where id = ${f.departmentId}))`,
      )
    if (f.overdue)
      conds.push(
        eb.or([
          eb.and([eb('p.status', 'in', HANDLING_STATUSES), eb('p.deadline_at', '<', now)]),
          eb.and([eb('p.status', 'in', TRIAGE_STATUSES), eb('p.accept_due_at', '<', now)]),
        ]),
      )
    if (f.mine && actor)
      conds.push(
        eb.or([
          eb('p.first_receiver_id', '=', actor.id),
          eb('p.responsible_user_id', '=', actor.id),
          eb('p.responsible_leader_id', '=', actor.id),
          eb('p.reporter_user_id', '=', actor.id),
          sql<SqlBool>`exists (select 1 from problem_units pu join departments d on d.id = pu.department_id
            where pu.problem_id = p.id and d.path like ${`${actor.departmentPath}%`})`,
          sql<SqlBool>`exists (select 1 from problem_tasks pt where pt.problem_id = p.id
            and (pt.owner_user_id = ${actor.id} or pt.owner_department_id = ${actor.departmentId}))`,
        ]),
      )
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor | null,
  f: ProblemFilter,
  sort: ProblemSort,
  page: { offset: number; pageSize: number },
  now: Date,
) {
  const where = filterExpr(actor, f, now)
  const filtered = () =>
    db.selectFrom('problems as p').leftJoin('enterprises as e', 'e.id', 'p.enterprise_id').where(where)
  // Deferred join: the page's ids are picked from problems alone (filter, order, offset, limit —
  // an index walk for the default order), and only those rows are joined to their names.
  const pageIds = filtered()
    .select('p.id')
    .orderBy(SORTS[sort.field], nullsOrder(sort.dir))
    .orderBy('p.id', 'desc')
    .offset(page.offset)
    .limit(page.pageSize)
  // two steps, so the planner joins 20 rows by primary key instead of hashing the whole table
  const pageRowsOf = async () => {
    const ids = (await pageIds.execute()).map((r) => r.id)
    if (!ids.length) return []
    return (
      base(db)
        // one array parameter, however long the page (exports take up to MAX_EXPORT_ROWS)
        .where(sql<SqlBool>`p.id = any(${`{${ids.join(',')}}`}::int[])`)
        .orderBy(SORTS[sort.field], nullsOrder(sort.dir))
        .orderBy('p.id', 'desc')
        .execute()
    )
  }
  const [n, items] = await Promise.all([countOf(db, actor, f, now), pageRowsOf()])
  return { items, total: n }
}

/**
 * The list's total, exact. For zone-wide actors the scope is "zone_id in zones OR personal arms";
 * counted as one OR it is a scan of the table (10⁶ rows at province scale), counted as two disjoint
 * parts — the zones' rows (an index-only count) plus the personal rows outside them (a few index
 * look-ups) — it is two index reads.
 */
async function countOf(db: Db, actor: Actor | null, f: ProblemFilter, now: Date): Promise<number> {
  const from = () => {
    // enterprises only when the keyword needs them: an unused join still keeps the count from
    // being an index-only scan (the planner wants p.enterprise_id)
    const q = db.selectFrom('problems as p')
    return f.keyword?.trim()
      ? (q.leftJoin('enterprises as e', 'e.id', 'p.enterprise_id') as unknown as typeof q)
      : q
  }
  const zones = actor ? wholeZonesOnly(actor) : null
  if (!actor || !zones)
    return (
      await from()
        .where(filterExpr(actor, f, now))
        .select(countAll)
        .executeTakeFirstOrThrow()
    ).n
  const filters = filterExpr(actor, f, now, false)
  const [inZones, elsewhere] = await Promise.all([
    from().where(filters).where('p.zone_id', 'in', zones).select(countAll).executeTakeFirstOrThrow(),
    from()
      .where(filters)
      .where('p.zone_id', 'not in', zones)
      .where(personalProblemArms(actor))
      .select(countAll)
      .executeTakeFirstOrThrow(),
  ])
  return inZones.n + elsewhere.n
}

// ---- tasks ----

function taskBase(db: Db) {
  return db
    .selectFrom('problem_tasks as t')
    .leftJoin('departments as od', 'od.id', 't.owner_department_id')
    .leftJoin('users as ou', 'ou.id', 't.owner_user_id')
    .select([
      't.id',
      't.zone_id',
      't.problem_id',
      't.title',
      't.owner_department_id',
      'od.name as owner_department_name',
      't.owner_user_id',
      'ou.display_name as owner_user_name',
      't.due_date',
      't.status',
      't.done_at',
      't.note',
      't.sort',
      't.version',
    ])
}
export type TaskRowDb = NonNullable<Awaited<ReturnType<typeof findTask>>>

export async function findTask(db: Db, id: number) {
  return taskBase(db).where('t.id', '=', id).executeTakeFirst()
}

export async function tasksOf(db: Db, problemIds: number[]) {
  if (!problemIds.length) return []
  return taskBase(db)
    .where('t.problem_id', 'in', problemIds)
    .orderBy('t.problem_id')
    .orderBy('t.sort')
    .orderBy('t.id')
    .execute()
}

/** The task list of the 三个清单: tasks of the problems the filters select. */
export async function listTasks(
  db: Db,
  actor: Actor | null,
  f: ProblemFilter & { taskStatus?: string },
  sort: ProblemSort,
  page: { offset: number; pageSize: number },
  now: Date,
) {
  const where = filterExpr(actor, f, now)
  const q = db
    .selectFrom('problem_tasks as t')
    .innerJoin('problems as p', 'p.id', 't.problem_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('departments as ld', 'ld.id', 'p.lead_department_id')
    .leftJoin('departments as od', 'od.id', 't.owner_department_id')
    .leftJoin('users as ou', 'ou.id', 't.owner_user_id')
    .where(where)
    .$if(!!f.taskStatus, (qb) => qb.where('t.status', '=', f.taskStatus as 'todo'))
  return pageRows(
    q.select(countAll),
    q
      .select([
        't.id',
        't.zone_id',
        't.problem_id',
        't.title',
        't.owner_department_id',
        'od.name as owner_department_name',
        't.owner_user_id',
        'ou.display_name as owner_user_name',
        't.due_date',
        't.status',
        't.done_at',
        't.note',
        't.sort',
        't.version',
        'p.code as problem_code',
        'p.title as problem_title',
        'p.status as problem_status',
        'p.enterprise_id',
        'e.name as enterprise_name',
        'p.lead_department_id',
        'ld.name as lead_department_name',
      ])
      .orderBy(SORTS[sort.field], nullsOrder(sort.dir))
      .orderBy('p.id', 'desc')
      .orderBy('t.sort')
      .orderBy('t.id'),
    page,
  )
}
export type TaskListRowDb = Awaited<ReturnType<typeof listTasks>>['items'][number]

export async function insertTask(
  db: Db,
  v: {
    zone_id: number
    problem_id: number
    title: string
    owner_department_id: number | null
    owner_user_id: number | null
    due_date: string | null
    status: 'todo' | 'doing' | 'done'
    done_at: Date | null
    note: string | null
    sort: number
    at: Date
  },
) {
  const { at, ...rest } = v
  const { id } = await db
    .insertInto('problem_tasks')
    .values({ ...rest, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function nextTaskSort(db: Db, problemId: number) {
  const r = await db
    .selectFrom('problem_tasks')
    .select(sql<number>`coalesce(max(sort), 0)::int + 10`.as('n'))
    .where('problem_id', '=', problemId)
    .executeTakeFirstOrThrow()
  return r.n
}

// ---- extensions ----

export async function extensionsOf(db: Db, problemId: number) {
  return db
    .selectFrom('problem_extensions as x')
    .leftJoin('users as rq', 'rq.id', 'x.requested_by')
    .leftJoin('users as dc', 'dc.id', 'x.decided_by')
    .select([
      'x.id',
      'x.problem_id',
      'x.days',
      'x.reason',
      'x.status',
      'x.requested_by',
      'rq.display_name as requested_by_name',
      'x.requested_at',
      'x.decided_by',
      'dc.display_name as decided_by_name',
      'x.decided_at',
      'x.decision_note',
    ])
    .where('x.problem_id', '=', problemId)
    .orderBy('x.requested_at', 'desc')
    .orderBy('x.id', 'desc')
    .execute()
}

export async function findExtension(db: Db, id: number) {
  return db.selectFrom('problem_extensions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function pendingExtension(db: Db, problemId: number) {
  return db
    .selectFrom('problem_extensions')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

export async function insertExtension(
  db: Db,
  v: {
    zone_id: number
    problem_id: number
    requested_by: number | null
    requested_at: Date
    days: number
    reason: string
  },
) {
  const { id } = await db
    .insertInto('problem_extensions')
    .values({ ...v, status: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function decideExtension(
  db: Db,
  id: number,
  v: {
    status: 'approved' | 'refused'
    decided_by: number | null
    decided_at: Date
    decision_note: string | null
  },
) {
  const res = await db
    .updateTable('problem_extensions')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

// ---- units ----

export async function unitsOf(db: Db, problemId: number) {
  return db
    .selectFrom('problem_units as pu')
    .innerJoin('departments as d', 'd.id', 'pu.department_id')
    .select(['d.id', 'd.name', 'd.path', 'pu.role'])
    .where('pu.problem_id', '=', problemId)
    .orderBy('d.sort')
    .orderBy('d.id')
    .execute()
}

export async function replaceUnits(db: Db, problemId: number, lead: number | null, co: number[]) {
  await db.deleteFrom('problem_units').where('problem_id', '=', problemId).execute()
  const rows = [
    ...(lead ? [{ problem_id: problemId, department_id: lead, role: 'lead' as const }] : []),
    ...co
      .filter((d) => d !== lead)
      .map((d) => ({ problem_id: problemId, department_id: d, role: 'co' as const })),
  ]
  if (rows.length) await db.insertInto('problem_units').values(rows).execute()
}

// ---- writes ----

export async function lockCodes(db: Db, zoneId: number) {
  await sql`select pg_advisory_xact_lock(7157005, ${zoneId})`.execute(db)
}

export async function maxSequence(db: Db, zoneId: number, prefix: string): Promise<number> {
  const pattern = `^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}[0-9]+$`
  const row = await db
    .selectFrom('problems')
    .select(sql<number>`coalesce(max(substr(code, ${prefix.length + 1})::int), 0)`.as('n'))
    .where('zone_id', '=', zoneId)
    .where(sql<SqlBool>`code ~ ${pattern}`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface ProblemInsert {
  zone_id: number
  code: string
  title: string
  description: string
  category: string | null
  source: string
  status: ProblemStatus
  enterprise_id: number | null
  project_id: number | null
  visit_id: number | null
  address: string | null
  lng: string | null
  lat: string | null
  reporter_user_id: number | null
  reporter_name: string | null
  reporter_phone: string | null
  first_receiver_id: number | null
  received_at: Date
  accept_due_at: Date
  rectify_deadline: string | null
  created_by: number | null
}

export async function insertProblem(db: Db, v: ProblemInsert, search: RawBuilder<unknown>, at: Date) {
  const { id } = await db
    .insertInto('problems')
    .values({ ...v, search_tsv: search, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Optimistic update of a problem (version bumped); false when the version moved on. */
export async function updateProblem(
  db: Db,
  id: number,
  version: number,
  values: Record<string, unknown>,
  at: Date,
) {
  const v: Record<string, unknown> = { ...values }
  if ('evidence' in v && v.evidence != null) v.evidence = jsonb(v.evidence)
  const res = await db
    .updateTable('problems')
    .set((eb) => ({ ...v, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** System fields written by the escalation jobs: no version bump, no updated_at (not an edit). */
export async function setSystemFields(db: Db, id: number, values: Record<string, unknown>) {
  if (!Object.keys(values).length) return
  await db.updateTable('problems').set(values).where('id', '=', id).execute()
}

// ---- look-ups ----

export async function zoneCode(db: Db, zoneId: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'code', 'path'])
    .where('id', '=', zoneId)
    .executeTakeFirst()
}

export async function enterpriseOf(db: Db, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'zone_id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function projectOf(db: Db, id: number) {
  return db
    .selectFrom('projects')
    .select(['id', 'zone_id', 'enterprise_id', 'name', 'code'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function userName(db: Db, id: number | null) {
  if (!id) return null
  return (
    (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())
      ?.display_name ?? null
  )
}

export async function departmentPath(db: Db, id: number | null) {
  if (!id) return null
  return (
    (await db.selectFrom('departments').select('path').where('id', '=', id).executeTakeFirst())?.path ?? null
  )
}

export async function dictItems(db: Db, types: string[]) {
  return db
    .selectFrom('dict_items')
    .select(['type_code', 'code', 'label', 'enabled'])
    .where('type_code', 'in', types)
    .orderBy('sort')
    .execute()
}

/** Live attachments of a problem among the given ids. */
export async function problemAttachments(db: Db, problemId: number, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('attachments')
    .select(['id', 'filename'])
    .where('owner_type', '=', 'problem')
    .where('owner_id', '=', problemId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute()
}
