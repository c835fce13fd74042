import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { deleteVersioned, updateVersioned } from '../../db/sql-helpers.ts'

function base(db: Db) {
  return db
    .selectFrom('milestones as m')
    .leftJoin('users as u', 'u.id', 'm.owner_user_id')
    .leftJoin('departments as d', 'd.id', 'm.owner_department_id')
    .select([
      'm.id',
      'm.zone_id',
      'm.project_id',
      'm.name',
      'm.planned_date',
      'm.actual_date',
      'm.owner_user_id',
      'u.display_name as owner_user_name',
      'm.owner_department_id',
      'd.name as owner_department_name',
      'm.sort',
      'm.note',
      'm.version',
      sql<number>`(select count(*)::int from attachments a where a.owner_type = 'milestone' and a.owner_id = m.id and a.deleted_at is null)`.as(
        'attachment_count',
      ),
    ])
}

export type MilestoneRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number) {
  return base(db).where('m.id', '=', id).executeTakeFirst()
}

export async function listFor(db: Db, projectId: number) {
  return base(db)
    .where('m.project_id', '=', projectId)
    .orderBy('m.sort')
    .orderBy(sql`m.planned_date nulls last`)
    .orderBy('m.id')
    .execute()
}

export interface MilestoneValues {
  name: string
  planned_date: string | null
  owner_user_id: number | null
  owner_department_id: number | null
  note: string | null
  sort: number
}

export async function insertMany(
  db: Db,
  zoneId: number,
  projectId: number,
  rows: Array<Partial<MilestoneValues> & { name: string; sort: number }>,
  at: Date,
) {
  if (!rows.length) return []
  const out = await db
    .insertInto('milestones')
    .values(
      rows.map((r) => ({
        zone_id: zoneId,
        project_id: projectId,
        name: r.name,
        planned_date: r.planned_date ?? null,
        owner_user_id: r.owner_user_id ?? null,
        owner_department_id: r.owner_department_id ?? null,
        note: r.note ?? null,
        sort: r.sort,
        created_at: at,
        updated_at: at,
      })),
    )
    .returning('id')
    .execute()
  return out.map((r) => r.id)
}

export async function nextSort(db: Db, projectId: number) {
  const row = await db
    .selectFrom('milestones')
    .select(sql<number>`coalesce(max(sort), 0)::int + 10`.as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return row.n
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'milestones', id, version, v, at)

export const remove = (db: Db, id: number, version: number) => deleteVersioned(db, 'milestones', id, version)

/** Milestones planned between two dates in some zones, with their project's lead unit (scorecards). */
export async function dueIn(db: Db, f: { zoneIds: number[]; from: string; to: string }) {
  if (!f.zoneIds.length) return []
  return db
    .selectFrom('milestones as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select([
      'm.project_id',
      'm.zone_id',
      'm.planned_date',
      'm.actual_date',
      sql<number | null>`(select pu.department_id from project_units pu
        where pu.project_id = p.id and pu.role = 'lead' order by pu.department_id limit 1)`.as(
        'lead_department_id',
      ),
    ])
    .where('m.zone_id', 'in', f.zoneIds)
    .where('p.is_key', '=', true)
    .where('m.planned_date', '>=', f.from)
    .where('m.planned_date', '<=', f.to)
    .execute()
}

/** Key projects of some zones with their lead unit (scorecards: 序时进度 per lead unit or zone). */
export async function keyProjectLeads(db: Db, zoneIds: number[]) {
  if (!zoneIds.length) return []
  return db
    .selectFrom('projects as p')
    .select([
      'p.id',
      'p.zone_id',
      sql<number | null>`(select pu.department_id from project_units pu
        where pu.project_id = p.id and pu.role = 'lead' order by pu.department_id limit 1)`.as(
        'lead_department_id',
      ),
    ])
    .where('p.zone_id', 'in', zoneIds)
    .where('p.is_key', '=', true)
    .execute()
}
