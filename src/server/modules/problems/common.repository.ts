import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { LightReason } from '../../db/schema.ts'

// 共性事立项办: the links between a common problem, its source problems and its public project.
// The problems themselves are created and moved through their statuses by the problems module;
// this repository only writes the link columns (is_common, common_id, public_project_id).

/** The facts of problems a merge, detach or promotion needs, locked for the transaction. */
export async function lockProblems(db: Db, ids: number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('problems as p')
    .leftJoin('problems as c', 'c.id', 'p.common_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id',
      'p.zone_id',
      'p.code',
      'p.title',
      'p.status',
      'p.category',
      'p.source',
      'p.address',
      'p.lng',
      'p.lat',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.is_common',
      'p.common_id',
      'c.code as common_code',
      'p.public_project_id',
    ])
    .where('p.id', 'in', ids)
    .orderBy('p.id')
    .forUpdate('p')
    .execute()
}
export type LinkRow = Awaited<ReturnType<typeof lockProblems>>[number]

export async function markCommon(db: Db, id: number, at: Date) {
  await db
    .updateTable('problems')
    .set({ is_common: true, type: 'common', updated_at: at })
    .where('id', '=', id)
    .execute()
}

export async function setCommonOf(db: Db, ids: number[], commonId: number | null, at: Date) {
  if (!ids.length) return
  await db
    .updateTable('problems')
    .set({ common_id: commonId, updated_at: at })
    .where('id', 'in', ids)
    .execute()
}

export async function setPublicProject(db: Db, id: number, projectId: number, at: Date) {
  await db
    .updateTable('problems')
    .set({ public_project_id: projectId, updated_at: at })
    .where('id', '=', id)
    .execute()
}

/** The common problems promoted to a project (usually one). */
export async function commonsOfProject(db: Db, projectId: number) {
  return db
    .selectFrom('problems')
    .select(['id', 'zone_id', 'code', 'title', 'status', 'enterprise_id'])
    .where('public_project_id', '=', projectId)
    .where('is_common', '=', true)
    .orderBy('id')
    .execute()
}

/** A common problem's sources with what the panel shows. */
export async function sourcesOf(db: Db, commonId: number) {
  return db
    .selectFrom('problems as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'p.lead_department_id')
    .select([
      'p.id',
      'p.zone_id',
      'p.code',
      'p.title',
      'p.status',
      'p.light',
      'p.category',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'd.name as lead_department_name',
      'p.received_at',
      'p.resolved_at',
    ])
    .where('p.common_id', '=', commonId)
    .orderBy('p.received_at')
    .orderBy('p.id')
    .execute()
}
export type SourceRow = Awaited<ReturnType<typeof sourcesOf>>[number]

/** The common problem's own row for the panel. */
export async function commonRow(db: Db, id: number) {
  return db
    .selectFrom('problems as p')
    .select([
      'p.id',
      'p.zone_id',
      'p.code',
      'p.title',
      'p.description',
      'p.status',
      'p.light',
      'p.category',
      'p.source',
      'p.address',
      'p.lng',
      'p.lat',
      'p.is_common',
      'p.public_project_id',
      'p.resolution',
      'p.resolved_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst()
}
export type CommonRow = NonNullable<Awaited<ReturnType<typeof commonRow>>>

/** The public project as the panel shows it (code, name, stage, light). */
export async function projectBrief(db: Db, projectId: number) {
  return db
    .selectFrom('projects as p')
    .leftJoin('dict_items as st', (j) =>
      j.onRef('st.code', '=', 'p.stage').on('st.type_code', '=', 'project_stage'),
    )
    .select([
      'p.id',
      'p.zone_id',
      'p.code',
      'p.name',
      'p.stage',
      'st.label as stage_label',
      'p.light',
      sql<LightReason[]>`p.light_reasons`.as('light_reasons'),
      'p.total_investment',
      'p.is_public',
    ])
    .where('p.id', '=', projectId)
    .executeTakeFirst()
}
