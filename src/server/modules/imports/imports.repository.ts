import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { ImportJobsTable } from '../../db/schema.ts'
import { jsonb } from '../../db/sql-helpers.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'
import { nameKey } from './imports.normalise.ts'
import type { ProjectRef, ProjectState, ZoneLookups } from './imports.resolve.ts'
import type { VocabSource } from './imports.vocab.ts'

/** A job is visible to its creator and to importers whose scope covers its zone. */
const visibleJob = (actor: Actor) => (eb: ExpressionBuilder<any, any>) =>
  eb.or([eb('j.user_id', '=', actor.id), visibleTo(eb, actor, { zoneId: 'j.zone_id', deptPath: 'z.path' })])

function base(db: Db) {
  return db
    .selectFrom('import_jobs as j')
    .innerJoin('departments as z', 'z.id', 'j.zone_id')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select([
      'j.id',
      'j.zone_id',
      'z.name as zone_name',
      'j.user_id',
      'u.display_name as user_name',
      'j.kind',
      'j.status',
      'j.dry_run',
      'j.filename',
      'j.total',
      'j.processed',
      'j.error_file',
      'j.message',
      'j.created_at',
      'j.finished_at',
      // The summary without the row outcomes; the first 200 of those come separately.
      sql<Record<string, unknown> | null>`j.result - 'rows'`.as('summary'),
    ])
}

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>

export async function findJob(db: Db, id: string, actor?: Actor) {
  let q = base(db).where('j.id', '=', id)
  if (actor) q = q.where(visibleJob(actor))
  return q.executeTakeFirst()
}

/** Row outcomes of a job, filtered, in sheet order. */
export async function jobRows(
  db: Db,
  id: string,
  f: { action?: string; warnings?: boolean; keyword?: string },
  p: { offset: number; pageSize: number },
) {
  const conds = [sql`true`]
  if (f.action) conds.push(sql`e->>'action' = ${f.action}`)
  if (f.warnings) conds.push(sql`jsonb_array_length(e->'warnings') > 0`)
  if (f.keyword)
    conds.push(sql`(coalesce(e->>'name','') || ' ' || coalesce(e->>'code','')) ilike ${`%${f.keyword}%`}`)
  const where = sql.join(conds, sql` and `)
  const { rows } = await sql<{ e: Record<string, unknown>; total: string }>`
    select e, count(*) over () as total
    from import_jobs j, jsonb_array_elements(coalesce(j.result->'rows', '[]'::jsonb)) with ordinality as x(e, n)
    where j.id = ${id} and ${where}
    order by n
    offset ${p.offset} limit ${p.pageSize}`.execute(db)
  return { items: rows.map((r) => r.e), total: rows.length ? Number(rows[0].total) : 0 }
}

export async function firstRows(db: Db, id: string, limit: number) {
  return (await jobRows(db, id, {}, { offset: 0, pageSize: limit })).items
}

export interface JobFilter {
  mine?: boolean
  status?: ImportJobsTable['status']
  dryRun?: boolean
}

export async function listJobs(
  db: Db,
  actor: Actor,
  f: JobFilter,
  sort: { dir: 'asc' | 'desc' },
  p: { offset: number; pageSize: number },
) {
  let q = base(db).where(visibleJob(actor))
  if (f.mine) q = q.where('j.user_id', '=', actor.id)
  if (f.status) q = q.where('j.status', '=', f.status)
  if (f.dryRun !== undefined) q = q.where('j.dry_run', '=', f.dryRun)
  const [items, count] = await Promise.all([
    q.orderBy('j.created_at', sort.dir).orderBy('j.id').offset(p.offset).limit(p.pageSize).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(count.n) }
}

export async function insertJob(
  db: Db,
  job: { id: string; zoneId: number; userId: number; dryRun: boolean; filename: string; at: Date },
) {
  await db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      zone_id: job.zoneId,
      user_id: job.userId,
      kind: 'ledger',
      status: 'queued',
      dry_run: job.dryRun,
      filename: job.filename,
      created_at: job.at,
    })
    .execute()
}

export async function updateJob(
  db: Db,
  id: string,
  changes: Partial<{
    status: ImportJobsTable['status']
    total: number
    processed: number
    result: Record<string, unknown>
    error_file: string | null
    message: string | null
    finished_at: Date
  }>,
) {
  const { result, ...rest } = changes
  await db
    .updateTable('import_jobs')
    .set({ ...rest, ...(result !== undefined ? { result: jsonb(result) } : {}) })
    .where('id', '=', id)
    .execute()
}

/** Jobs a previous process left half-done: nobody is working on them any more. */
export async function failStale(db: Db, activeIds: string[], olderThan: Date, message: string, at: Date) {
  let q = db
    .updateTable('import_jobs')
    .set({ status: 'failed', message, finished_at: at })
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '<', olderThan)
  if (activeIds.length) q = q.where('id', 'not in', activeIds)
  await q.execute()
}

export async function findZone(db: Db, id: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'kind', 'path', 'zone_id', 'enabled'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function loadVocab(db: Db): Promise<VocabSource> {
  const [items, industries] = await Promise.all([
    db
      .selectFrom('dict_items')
      .select(['type_code', 'code', 'label'])
      .where('type_code', 'in', ['project_stage', 'project_nature', 'project_level', 'project_tag'])
      .where('enabled', '=', true)
      .orderBy('sort')
      .execute(),
    db.selectFrom('industries').select(['code', 'name', 'level', 'parent_code']).orderBy('code').execute(),
  ])
  const of = (t: string) =>
    items.filter((i) => i.type_code === t).map((i) => ({ code: i.code, label: i.label }))
  return {
    stage: of('project_stage'),
    nature: of('project_nature'),
    level: of('project_level'),
    tag: of('project_tag'),
    industries: industries.map((i) => ({
      code: i.code,
      name: i.name,
      level: i.level,
      parent: i.parent_code,
    })),
  }
}

/** Everything in the zone a ledger row can refer to, loaded once per import. */
export async function zoneLookups(db: Db, zone: { id: number; path: string }): Promise<ZoneLookups> {
  // Leaders may sit above the zone (旗县 leaders 包联 zone projects): the zone's users and its ancestors' users.
  const ancestors = zone.path.split('/').filter(Boolean).map(Number)
  const [projects, enterprises, users, departments, negative] = await Promise.all([
    db
      .selectFrom('projects')
      .select([
        'id',
        'code',
        'name',
        'start_date',
        'end_date',
        'enterprise_id',
        'nature',
        'industry_code',
        'level',
        'address',
        'description',
        'total_investment',
        'completed_before',
        'stage',
        'is_key',
      ])
      .where('zone_id', '=', zone.id)
      .execute(),
    db
      .selectFrom('enterprises')
      .select(['id', 'name', 'credit_code'])
      .where('zone_id', '=', zone.id)
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'display_name', 'zone_id'])
      .where('enabled', '=', true)
      .where((eb) => eb.or([eb('zone_id', '=', zone.id), eb('department_id', 'in', ancestors)]))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('departments')
      .select(['id', 'name', 'short_name'])
      .where('zone_id', '=', zone.id)
      .where('id', '<>', zone.id)
      .where('enabled', '=', true)
      .execute(),
    db
      .selectFrom('negative_list as n')
      .innerJoin('industries as i', 'i.code', 'n.industry_code')
      .select(['n.industry_code', 'n.kind', 'n.reason', 'i.name'])
      .where('n.zone_id', '=', zone.id)
      .execute(),
  ])
  const state = await projectState(db, zone.id, projects)
  const projectsByCode = new Map(projects.map((p) => [p.code, p]))
  const projectsByName = new Map<string, ProjectRef[]>()
  for (const p of projects) {
    const k = nameKey(p.name)
    projectsByName.set(k, [...(projectsByName.get(k) ?? []), p])
  }
  const enterprisesByCredit = new Map<string, { id: number; name: string }>()
  const enterprisesByName = new Map<string, { id: number; name: string; creditCode: string | null }>()
  for (const e of enterprises) {
    if (e.credit_code) enterprisesByCredit.set(e.credit_code, { id: e.id, name: e.name })
    enterprisesByName.set(nameKey(e.name), { id: e.id, name: e.name, creditCode: e.credit_code })
  }
  const usersByName = new Map<string, number[]>()
  // Zone users first, so a name that exists in the zone and above resolves to the zone's person.
  for (const u of [...users].sort((a, b) => Number(b.zone_id === zone.id) - Number(a.zone_id === zone.id))) {
    const list = usersByName.get(u.display_name) ?? []
    usersByName.set(u.display_name, [...list, u.id])
  }
  for (const [name, ids] of usersByName) {
    const zoneIds = ids.filter((id) => users.find((u) => u.id === id)?.zone_id === zone.id)
    if (zoneIds.length === 1) usersByName.set(name, zoneIds)
  }
  const departmentsByName = new Map<string, Array<{ id: number; name: string }>>()
  const addDept = (k: string, d: { id: number; name: string }) => {
    const list = departmentsByName.get(k) ?? []
    if (!list.some((x) => x.id === d.id)) departmentsByName.set(k, [...list, d])
  }
  for (const d of departments) {
    addDept(nameKey(d.name), d)
    if (d.short_name) addDept(nameKey(d.short_name), d)
  }
  // An exact full name beats someone else's short name.
  for (const d of departments) {
    const k = nameKey(d.name)
    if ((departmentsByName.get(k)?.length ?? 0) > 1) departmentsByName.set(k, [d])
  }
  return {
    zoneId: zone.id,
    state,
    projectsByCode,
    projectsByName,
    enterprisesByCredit,
    enterprisesByName,
    usersByName,
    departmentsByName,
    negative: new Map(
      negative.map((n) => [n.industry_code, { kind: n.kind, reason: n.reason, industryName: n.name }]),
    ),
  }
}

/** Tags, leaders, units and year plans of the zone's projects, merged with their columns. */
async function projectState(
  db: Db,
  zoneId: number,
  projects: Array<{
    id: number
    name: string
    enterprise_id: number | null
    nature: string | null
    industry_code: string | null
    level: string | null
    address: string | null
    description: string | null
    total_investment: string
    completed_before: string
    start_date: string | null
    end_date: string | null
    stage: string
    is_key: boolean
  }>,
) {
  const [tags, leaders, units, plans] = await Promise.all([
    db
      .selectFrom('project_tags as x')
      .innerJoin('projects as p', 'p.id', 'x.project_id')
      .where('p.zone_id', '=', zoneId)
      .select(['x.project_id', 'x.tag'])
      .execute(),
    db
      .selectFrom('project_leaders as x')
      .innerJoin('projects as p', 'p.id', 'x.project_id')
      .where('p.zone_id', '=', zoneId)
      .select(['x.project_id', 'x.user_id'])
      .execute(),
    db
      .selectFrom('project_units as x')
      .innerJoin('projects as p', 'p.id', 'x.project_id')
      .where('p.zone_id', '=', zoneId)
      .select(['x.project_id', 'x.department_id', 'x.role'])
      .execute(),
    db
      .selectFrom('project_year_plans as x')
      .innerJoin('projects as p', 'p.id', 'x.project_id')
      .where('p.zone_id', '=', zoneId)
      .select(['x.project_id', 'x.year', 'x.planned'])
      .execute(),
  ])
  const state = new Map<number, ProjectState>()
  for (const p of projects)
    state.set(p.id, {
      name: p.name,
      enterpriseId: p.enterprise_id,
      nature: p.nature,
      industryCode: p.industry_code,
      level: p.level,
      address: p.address,
      description: p.description,
      totalInvestment: p.total_investment,
      completedBefore: p.completed_before,
      startDate: p.start_date,
      endDate: p.end_date,
      stage: p.stage,
      isKey: p.is_key,
      tags: [],
      leaderUserIds: [],
      leadDepartmentId: null,
      coDepartmentIds: [],
      plans: {},
    })
  for (const t of tags) state.get(t.project_id)?.tags.push(t.tag)
  for (const l of leaders) state.get(l.project_id)?.leaderUserIds.push(l.user_id)
  for (const u of units) {
    const st = state.get(u.project_id)
    if (!st) continue
    if (u.role === 'lead') st.leadDepartmentId = u.department_id
    else st.coDepartmentIds.push(u.department_id)
  }
  for (const y of plans) {
    const st = state.get(y.project_id)
    if (st) st.plans[y.year] = y.planned
  }
  return state
}
