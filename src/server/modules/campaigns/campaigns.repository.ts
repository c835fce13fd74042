import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { CampaignKind } from '../../db/schema-rhythm.ts'
import {
  countAll,
  deleteVersioned,
  jsonb,
  likeEscape,
  pageRows,
  updateVersioned,
} from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { projectScope } from '../../policies/project-scope.ts'
import { visibleTo } from '../../policies/scope.ts'
import type { CampaignStatus, Figures, Targets } from './campaign-figures.ts'

/**
 * Which campaigns an actor sees: a campaign is the zone's business, like its visits — zone roles
 * see their zone's, department roles the campaigns of their department's zone, city-level roles
 * those of every zone under them.
 */
export function campaignScope(actor: Actor, alias = 'c') {
  const zone = sql.ref(`${alias}.zone_id`)
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    visibleTo(eb, actor, {
      zoneId: `${alias}.zone_id`,
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`exists (select 1 from departments z where z.id = ${zone}
          and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
    })
}

function base(db: Db) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('departments as z', 'z.id', 'c.zone_id')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select((eb) => [
      'c.id',
      'c.zone_id',
      'z.name as zone_name',
      'c.name',
      'c.kind',
      'c.starts_on',
      'c.ends_on',
      'c.targets',
      'c.description',
      'c.created_by',
      'u.display_name as created_by_name',
      'c.created_at',
      'c.updated_at',
      'c.version',
      eb
        .selectFrom('campaign_projects as cp')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('cp.campaign_id', '=', 'c.id')
        .as('project_count'),
      eb
        .selectFrom('campaign_departments as cd')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('cd.campaign_id', '=', 'c.id')
        .as('department_count'),
    ])
}
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>

export interface CampaignFilter {
  status?: CampaignStatus
  keyword?: string
  kind?: CampaignKind
  zoneId?: number
}
export type CampaignSortField = 'startsOn' | 'endsOn' | 'name' | 'createdAt'
export interface CampaignSort {
  field: CampaignSortField
  dir: 'asc' | 'desc'
}
const SORT_COLUMN = {
  startsOn: 'c.starts_on',
  endsOn: 'c.ends_on',
  name: 'c.name',
  createdAt: 'c.created_at',
} as const

export async function list(
  db: Db,
  actor: Actor,
  f: CampaignFilter,
  today: string,
  sort: CampaignSort,
  window: { offset: number; pageSize: number },
) {
  const where = <Q extends { where: any }>(q: Q): Q => {
    let r = (q as any).where(campaignScope(actor))
    if (f.zoneId) r = r.where('c.zone_id', '=', f.zoneId)
    if (f.kind) r = r.where('c.kind', '=', f.kind)
    if (f.keyword?.trim()) {
      const k = `%${likeEscape(f.keyword.trim())}%`
      r = r.where((eb: ExpressionBuilder<any, any>) =>
        eb.or([eb('c.name', 'like', k), eb('c.description', 'like', k)]),
      )
    }
    if (f.status === 'upcoming') r = r.where('c.starts_on', '>', today)
    if (f.status === 'ended') r = r.where('c.ends_on', '<', today)
    if (f.status === 'running') r = r.where('c.starts_on', '<=', today).where('c.ends_on', '>=', today)
    return r
  }
  const count = where(db.selectFrom('campaigns as c').select(countAll))
  const rows = where(base(db)).orderBy(SORT_COLUMN[sort.field], sort.dir).orderBy('c.id', sort.dir)
  return pageRows<CampaignRow>(count, rows, window)
}

export async function findRow(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('c.id', '=', id)
  if (actor) q = q.where(campaignScope(actor))
  return q.executeTakeFirst()
}

/** Campaigns of a zone whose dates overlap [from, to] (the bulletin's period). */
export async function overlapping(db: Db, zoneId: number, from: string, to: string) {
  return base(db)
    .where('c.zone_id', '=', zoneId)
    .where('c.starts_on', '<=', to)
    .where('c.ends_on', '>=', from)
    .orderBy('c.starts_on')
    .orderBy('c.id')
    .execute()
}

/** Campaigns under way on `day` (every zone): the snapshot job's work list. */
export async function runningOn(db: Db, day: string) {
  return base(db).where('c.starts_on', '<=', day).where('c.ends_on', '>=', day).orderBy('c.id').execute()
}

export interface CampaignValues {
  name: string
  kind: CampaignKind
  starts_on: string
  ends_on: string
  targets: Targets
  description: string | null
}

export async function insert(
  db: Db,
  v: CampaignValues & { zone_id: number; created_by: number | null },
  at: Date,
) {
  const { id } = await db
    .insertInto('campaigns')
    .values({ ...v, targets: jsonb(v.targets as Record<string, unknown>), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function update(db: Db, id: number, version: number, v: Partial<CampaignValues>, at: Date) {
  const values: Record<string, unknown> = { ...v }
  if (v.targets) values.targets = jsonb(v.targets)
  return updateVersioned(db, 'campaigns', id, version, values, at)
}

export const remove = (db: Db, id: number, version: number) => deleteVersioned(db, 'campaigns', id, version)

/** Bumps the version when only the participants changed, so a stale form still gets its 409. */
export const touch = (db: Db, id: number, version: number, at: Date) =>
  updateVersioned(db, 'campaigns', id, version, {}, at)

// ---------- participants ----------

export async function projectsOf(db: Db, id: number) {
  return (
    db
      .selectFrom('campaign_projects as cp')
      .innerJoin('projects as p', 'p.id', 'cp.project_id')
      .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .leftJoin('dict_items as st', (j) =>
        j.onRef('st.code', '=', 'p.stage').on('st.type_code', '=', 'project_stage'),
      )
      .select([
        'p.id',
        'p.code',
        'p.name',
        'p.stage',
        'st.label as stage_label',
        'p.light',
        'p.light_reasons',
        'p.total_investment',
        'e.name as enterprise_name',
      ])
      // the same start the figures count: the 开工 milestone or the stage change's date
      .select(
        sql<string | null>`least(
        (select min(m.actual_date) from milestones m where m.project_id = p.id and m.name = '开工'),
        p.actual_start_date)::text`.as('started_on'),
      )
      .where('cp.campaign_id', '=', id)
      .orderBy('p.code')
      .orderBy('p.id')
      .execute()
  )
}

export async function departmentsOf(db: Db, id: number) {
  return db
    .selectFrom('campaign_departments as cd')
    .innerJoin('departments as d', 'd.id', 'cd.department_id')
    .select(['d.id', 'd.name'])
    .where('cd.campaign_id', '=', id)
    .orderBy('d.path')
    .execute()
}

/** Projects of the zone the actor may see, among `ids` (the picker offers no other). */
export async function visibleProjectsOfZone(db: Db, zoneId: number, ids: number[], actor: Actor | null) {
  if (!ids.length) return []
  let q = db
    .selectFrom('projects as p')
    .select(['p.id', 'p.name'])
    .where('p.zone_id', '=', zoneId)
    .where('p.id', 'in', ids)
  if (actor) q = q.where(projectScope(actor))
  return q.execute()
}

export async function setParticipants(db: Db, id: number, projectIds?: number[], departmentIds?: number[]) {
  if (projectIds) {
    await db.deleteFrom('campaign_projects').where('campaign_id', '=', id).execute()
    if (projectIds.length)
      await db
        .insertInto('campaign_projects')
        .values(projectIds.map((project_id) => ({ campaign_id: id, project_id })))
        .execute()
  }
  if (departmentIds) {
    await db.deleteFrom('campaign_departments').where('campaign_id', '=', id).execute()
    if (departmentIds.length)
      await db
        .insertInto('campaign_departments')
        .values(departmentIds.map((department_id) => ({ campaign_id: id, department_id })))
        .execute()
  }
}

// ---------- daily snapshots ----------

/** Writes the day's figures; `overwrite` false keeps a snapshot already taken (back-fill). */
export async function upsertDays(
  db: Db,
  id: number,
  days: Array<{ day: string; figures: Figures }>,
  overwrite: boolean,
) {
  if (!days.length) return
  await db
    .insertInto('campaign_days')
    .values(
      days.map((d) => ({
        campaign_id: id,
        day: d.day,
        figures: jsonb(d.figures as unknown as Record<string, unknown>),
      })),
    )
    .onConflict((oc) =>
      overwrite
        ? oc.columns(['campaign_id', 'day']).doUpdateSet((eb) => ({ figures: eb.ref('excluded.figures') }))
        : oc.columns(['campaign_id', 'day']).doNothing(),
    )
    .execute()
}

export async function daysOf(db: Db, id: number) {
  return db
    .selectFrom('campaign_days')
    .select(['day', 'figures'])
    .where('campaign_id', '=', id)
    .orderBy('day')
    .execute()
}

/** Snapshots outside new dates belong to no day of the campaign any more. */
export async function dropDaysOutside(db: Db, id: number, from: string, to: string) {
  await db
    .deleteFrom('campaign_days')
    .where('campaign_id', '=', id)
    .where((eb) => eb.or([eb('day', '<', from), eb('day', '>', to)]))
    .execute()
}
