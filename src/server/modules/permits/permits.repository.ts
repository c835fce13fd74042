import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { PermitStatus } from '../../../shared/service.ts'
import type { Db } from '../../db/database.ts'
import { countAll, deleteVersioned, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { projectScope } from '../../policies/project-scope.ts'
import { visibleTo } from '../../policies/scope.ts'

/**
 * Which permits an actor sees: those of the projects they see (zone roles, responsible units,
 * enterprise users their enterprise's), and those their department (or one under it) approves.
 * Aliases: 'pm' permits, 'p' projects.
 */
export function permitScope(actor: Actor) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or([
      projectScope(actor, 'p')(eb),
      visibleTo(eb, actor, {
        deptPath: (_eb, prefix) =>
          sql<SqlBool>`exists (select 1 from departments ad where ad.id = pm.department_id and ad.path like ${prefix})`,
      }),
    ])
}

function base(db: Db) {
  return db
    .selectFrom('permits as pm')
    .innerJoin('projects as p', 'p.id', 'pm.project_id')
    .innerJoin('departments as z', 'z.id', 'pm.zone_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('users as ag', 'ag.id', 'pm.agent_user_id')
    .leftJoin('departments as d', 'd.id', 'pm.department_id')
    .leftJoin('problems as pb', 'pb.id', 'pm.problem_id')
    .select([
      'pm.id',
      'pm.zone_id',
      'z.name as zone_name',
      'pm.project_id',
      'p.code as project_code',
      'p.name as project_name',
      'p.stage as project_stage',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'pm.template_key',
      'pm.name',
      'pm.sort',
      'pm.agent_user_id',
      'ag.display_name as agent_name',
      'pm.department_id',
      'd.name as department_ref_name',
      'pm.department_name',
      'pm.status',
      'pm.submitted_on',
      'pm.accepted_on',
      'pm.approved_on',
      'pm.time_limit_days',
      'pm.due_date',
      'pm.note',
      'pm.problem_id',
      'pb.code as problem_code',
      'pb.status as problem_status',
      'pm.created_at',
      'pm.updated_at',
      'pm.version',
    ])
}
export type PermitRow = NonNullable<Awaited<ReturnType<typeof findRow>>>

export async function findRow(db: Db, id: number) {
  return base(db).where('pm.id', '=', id).executeTakeFirst()
}

/** The permit when the actor may see it (else undefined: 404). */
export async function findVisible(db: Db, id: number, actor: Actor) {
  return base(db).where('pm.id', '=', id).where(permitScope(actor)).executeTakeFirst()
}

export async function listForProject(db: Db, projectId: number) {
  return base(db).where('pm.project_id', '=', projectId).orderBy('pm.sort').orderBy('pm.id').execute()
}

export async function countForProject(db: Db, projectId: number) {
  const r = await db
    .selectFrom('permits')
    .select(countAll)
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return r.n
}

export async function nextSort(db: Db, projectId: number) {
  const r = await db
    .selectFrom('permits')
    .select(sql<number>`coalesce(max(sort), 0)::int + 10`.as('s'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return r.s
}

export interface PermitInsert {
  zone_id: number
  project_id: number
  template_key: string | null
  name: string
  sort: number
  agent_user_id: number | null
  department_id: number | null
  department_name: string | null
  status: PermitStatus
  submitted_on?: string | null
  accepted_on?: string | null
  approved_on?: string | null
  time_limit_days: number | null
  due_date?: string | null
  note?: string | null
  created_by: number | null
}

export async function insertMany(db: Db, rows: PermitInsert[], at: Date): Promise<number[]> {
  if (!rows.length) return []
  const res = await db
    .insertInto('permits')
    .values(rows.map((r) => ({ ...r, created_at: at, updated_at: at })))
    .returning('id')
    .execute()
  return res.map((r) => r.id)
}

export async function update(db: Db, id: number, version: number, values: Record<string, unknown>, at: Date) {
  return updateVersioned(db, 'permits', id, version, values, at)
}

export async function remove(db: Db, id: number, version: number) {
  return deleteVersioned(db, 'permits', id, version)
}

/** Links a raised problem (no version bump: the permit's own fields did not change). */
export async function setProblem(db: Db, id: number, problemId: number) {
  await db.updateTable('permits').set({ problem_id: problemId }).where('id', '=', id).execute()
}

export interface PermitFilter {
  zoneId?: number
  projectId?: number
  status?: PermitStatus | 'open'
  late?: boolean
  agentUserId?: number
  q?: string
}
export type PermitSortField = 'dueDate' | 'acceptedOn' | 'project' | 'name'
export interface PermitSort {
  field: PermitSortField
  dir: 'asc' | 'desc'
}

const SORT_COL: Record<PermitSortField, string> = {
  dueDate: 'pm.due_date',
  acceptedOn: 'pm.accepted_on',
  project: 'p.code',
  name: 'pm.name',
}

/** Overview of permits across projects, in the actor's scope. `today` decides what is late. */
export async function list(
  db: Db,
  actor: Actor,
  f: PermitFilter,
  s: PermitSort,
  page: { offset: number; pageSize: number },
  today: string,
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [permitScope(actor)(eb)]
    if (f.zoneId) conds.push(eb('pm.zone_id', '=', f.zoneId))
    if (f.projectId) conds.push(eb('pm.project_id', '=', f.projectId))
    if (f.status === 'open')
      conds.push(eb('pm.status', 'in', ['not_started', 'preparing', 'submitted', 'accepted']))
    else if (f.status) conds.push(eb('pm.status', '=', f.status))
    if (f.late) conds.push(eb.and([eb('pm.status', '=', 'accepted'), eb('pm.due_date', '<', today)]))
    if (f.agentUserId) conds.push(eb('pm.agent_user_id', '=', f.agentUserId))
    if (f.q?.trim()) {
      const like = `%${likeEscape(f.q.trim())}%`
      conds.push(eb.or([eb('pm.name', 'like', like), eb('p.name', 'like', like), eb('p.code', 'like', like)]))
    }
    return eb.and(conds)
  }
  const count = db
    .selectFrom('permits as pm')
    .innerJoin('projects as p', 'p.id', 'pm.project_id')
    .select(countAll)
    .where(where)
  const rows = base(db)
    .where(where)
    .orderBy(sql.ref(SORT_COL[s.field]), sql.raw(`${s.dir} nulls last`))
    .orderBy('pm.id', s.dir)
  return pageRows(count, rows, page)
}

/** Permits accepted and not approved whose due date has passed, of the given projects (lights). */
export async function overduePermits(db: Db, projectIds: number[], today: string) {
  if (!projectIds.length) return []
  return db
    .selectFrom('permits')
    .select(['project_id', 'name', 'due_date', 'accepted_on', 'time_limit_days'])
    .where('project_id', 'in', projectIds)
    .where('status', '=', 'accepted')
    .where('due_date', '<', today)
    .orderBy('due_date')
    .execute()
}

/**
 * Signing → start of construction, per project: signed on = the 投资协议 permit's approval date,
 * else the investment lead's agreement date; started on = the earlier of the 开工 milestone's
 * actual date and the project's actual start date. `where` narrows the projects (alias p).
 */
export async function signToStart(db: Db, where: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) {
  return db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.zone_id',
      sql<string | null>`coalesce(
        (select min(a.approved_on) from permits a where a.project_id = p.id and a.template_key = 'agreement'),
        (select min(l.agreement_date) from leads l where l.project_id = p.id))::text`.as('signed_on'),
      sql<string | null>`least(
        (select min(m.actual_date) from milestones m where m.project_id = p.id and m.name = '开工'),
        p.actual_start_date)::text`.as('started_on'),
    ])
    .where(where)
    .execute()
}

/** Permits per agent in the actor's scope: open, approved, late (accepted and past due). */
export async function agentFigures(db: Db, actor: Actor, zoneId: number | undefined, today: string) {
  let q = db
    .selectFrom('permits as pm')
    .innerJoin('projects as p', 'p.id', 'pm.project_id')
    .innerJoin('users as u', 'u.id', 'pm.agent_user_id')
    .select([
      'pm.agent_user_id as user_id',
      'u.display_name as name',
      sql<number>`count(*) filter (where pm.status in ('not_started','preparing','submitted','accepted'))::int`.as(
        'open',
      ),
      sql<number>`count(*) filter (where pm.status = 'approved')::int`.as('approved'),
      sql<number>`count(*) filter (where pm.status = 'accepted' and pm.due_date < ${today})::int`.as('late'),
    ])
    .where(permitScope(actor))
    .groupBy(['pm.agent_user_id', 'u.display_name'])
  if (zoneId) q = q.where('pm.zone_id', '=', zoneId)
  return q.execute()
}

/** Milestone of a project by name (the permit's approval completes it). */
export async function milestoneByName(db: Db, projectId: number, name: string) {
  return db
    .selectFrom('milestones')
    .select(['id', 'name', 'actual_date', 'version'])
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .orderBy('sort')
    .executeTakeFirst()
}
