import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { jsonb } from '../../db/sql-helpers.ts'
import type { SubjectType } from './scorecard-math.ts'

export interface Unit {
  id: number
  name: string
  short_name: string | null
  path: string
  kind: string
  zone_id: number | null
  depth: number
}

const unitCols = ['id', 'name', 'short_name', 'path', 'kind', 'zone_id', 'depth'] as const

export async function unit(db: Db, id: number): Promise<Unit | undefined> {
  return db.selectFrom('departments').select(unitCols).where('id', '=', id).executeTakeFirst()
}

/** Enabled zones below a unit (a city or county level department). */
export async function zonesUnder(db: Db, path: string): Promise<Unit[]> {
  return db
    .selectFrom('departments')
    .select(unitCols)
    .where('kind', '=', 'zone')
    .where('enabled', '=', true)
    .where('path', 'like', `${path}%`)
    .orderBy('sort')
    .orderBy('id')
    .execute()
}

/** The departments directly under a zone (the ones ranked); their sections roll up into them. */
export async function departmentsOf(db: Db, zoneId: number): Promise<Unit[]> {
  return db
    .selectFrom('departments')
    .select(unitCols)
    .where('parent_id', '=', zoneId)
    .where('kind', '=', 'department')
    .where('enabled', '=', true)
    .orderBy('sort')
    .orderBy('id')
    .execute()
}

/** Every unit of a subtree (id → path), to attribute a section's figures to its department. */
export async function subtree(db: Db, path: string) {
  return db.selectFrom('departments').select(['id', 'path']).where('path', 'like', `${path}%`).execute()
}

/** Units above zones that have at least two enabled zones below them (zone rankings). */
export async function parentsWithZones(db: Db, within?: string) {
  return db
    .selectFrom('departments as c')
    .select([...unitCols.map((c) => `c.${c}` as const)])
    .select(
      sql<number>`(select count(*)::int from departments z where z.kind = 'zone' and z.enabled
        and z.path like c.path || '%')`.as('zones'),
    )
    .where('c.kind', '=', 'city')
    .where('c.enabled', '=', true)
    .$if(!!within, (q) => q.where('c.path', 'like', `${within}%`))
    .where(
      sql<boolean>`(select count(*) from departments z where z.kind = 'zone' and z.enabled
        and z.path like c.path || '%') >= 2`,
    )
    .orderBy('c.depth')
    .orderBy('c.sort')
    .execute()
}

export async function findRun(db: Db, zoneId: number, type: SubjectType, weekStart?: string) {
  let q = db
    .selectFrom('scorecard_runs')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('subject_type', '=', type)
  if (weekStart) q = q.where('week_start', '=', weekStart)
  return q.orderBy('week_start', 'desc').limit(1).executeTakeFirst()
}

export async function scoresOf(db: Db, runId: number) {
  return db
    .selectFrom('scorecard_scores as s')
    .leftJoin('departments as d', 'd.id', 's.subject_id')
    .select(['s.subject_id', 's.score', 's.rank', 's.previous_rank', 's.parts', 'd.name', 'd.short_name'])
    .where('s.run_id', '=', runId)
    .orderBy('s.rank')
    .orderBy('s.subject_id')
    .execute()
}

export async function ranksOf(db: Db, runId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('scorecard_scores')
    .select(['subject_id', 'rank'])
    .where('run_id', '=', runId)
    .execute()
  return new Map(rows.map((r) => [r.subject_id, r.rank]))
}

/** Replaces the week's run (its scores go with it) by a new one. */
export async function replaceRun(
  db: Db,
  run: { zoneId: number; type: SubjectType; weekStart: string; indicators: unknown[]; at: Date },
  scores: Array<{
    subjectId: number
    score: number
    rank: number
    previousRank: number | null
    parts: unknown[]
  }>,
) {
  await db
    .deleteFrom('scorecard_runs')
    .where('zone_id', '=', run.zoneId)
    .where('subject_type', '=', run.type)
    .where('week_start', '=', run.weekStart)
    .execute()
  const { id } = await db
    .insertInto('scorecard_runs')
    .values({
      zone_id: run.zoneId,
      subject_type: run.type,
      week_start: run.weekStart,
      indicators: jsonb(run.indicators),
      computed_at: run.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (scores.length)
    await db
      .insertInto('scorecard_scores')
      .values(
        scores.map((s) => ({
          run_id: id,
          subject_id: s.subjectId,
          score: s.score.toFixed(2),
          rank: s.rank,
          previous_rank: s.previousRank,
          parts: jsonb(s.parts),
        })),
      )
      .execute()
  return id
}

export async function listWeeks(
  db: Db,
  zoneId: number,
  type: SubjectType,
  page: { offset: number; pageSize: number },
) {
  const base = db
    .selectFrom('scorecard_runs as r')
    .where('r.zone_id', '=', zoneId)
    .where('r.subject_type', '=', type)
  const [items, total] = await Promise.all([
    base
      .select([
        'r.id',
        'r.week_start',
        'r.computed_at',
        sql<number>`(select count(*)::int from scorecard_scores s where s.run_id = r.id)`.as('subjects'),
      ])
      .orderBy('r.week_start', 'desc')
      .offset(page.offset)
      .limit(page.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { items, total: total.n }
}

/** One subject's score and rank in each of the last runs, oldest first. */
export async function subjectHistory(
  db: Db,
  zoneId: number,
  type: SubjectType,
  subjectId: number,
  weeks: number,
) {
  const rows = await db
    .selectFrom('scorecard_runs as r')
    .innerJoin('scorecard_scores as s', 's.run_id', 'r.id')
    .select([
      'r.week_start',
      's.score',
      's.rank',
      's.previous_rank',
      sql<number>`(select count(*)::int from scorecard_scores x where x.run_id = r.id)`.as('subjects'),
    ])
    .where('r.zone_id', '=', zoneId)
    .where('r.subject_type', '=', type)
    .where('s.subject_id', '=', subjectId)
    .orderBy('r.week_start', 'desc')
    .limit(weeks)
    .execute()
  return rows.reverse()
}

/** After a week is recomputed, the following week's "previous rank" follows the new ranks. */
export async function refreshPreviousRanks(db: Db, nextRunId: number, runId: number) {
  await sql`update scorecard_scores s set previous_rank =
      (select p.rank from scorecard_scores p where p.run_id = ${runId} and p.subject_id = s.subject_id)
    where s.run_id = ${nextRunId}`.execute(db)
}
