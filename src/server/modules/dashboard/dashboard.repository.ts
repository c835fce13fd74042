import { type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Actor } from '../../policies/actor.ts'
import { problemScope } from '../../policies/problem-scope.ts'
import { projectScope } from '../../policies/project-scope.ts'

// The cockpit's own aggregates: one grouped query per figure family, over the rows the actor may
// see (the same scopes as the project and problem lists the figures click through to).

const projects = (db: Db, actor: Actor, zoneId?: number) => {
  let q = db.selectFrom('projects as p').where(projectScope(actor))
  if (zoneId) q = q.where('p.zone_id', '=', zoneId)
  return q
}
const problems = (db: Db, actor: Actor, zoneId?: number) => {
  let q = db.selectFrom('problems as p').where(problemScope(actor))
  if (zoneId) q = q.where('p.zone_id', '=', zoneId)
  return q
}

/** Projects per stage (with the dictionary's order and label) and per light. */
export async function projectCounts(db: Db, actor: Actor, zoneId?: number) {
  const [stages, lights] = await Promise.all([
    projects(db, actor, zoneId)
      .leftJoin('dict_items as di', (j) =>
        j.onRef('di.code', '=', 'p.stage').on('di.type_code', '=', 'project_stage'),
      )
      .select(['p.stage as key', 'di.label', 'di.sort', sql<number>`count(*)::int`.as('n')])
      .groupBy(['p.stage', 'di.label', 'di.sort'])
      .orderBy('di.sort')
      .execute(),
    projects(db, actor, zoneId)
      .select(['p.light as key', sql<number>`count(*)::int`.as('n')])
      .groupBy('p.light')
      .execute(),
  ])
  return { stages, lights }
}

/** Key projects' completed investment per month of a year (万元, monthly reports) and their plans. */
export async function investmentByMonth(db: Db, actor: Actor, year: number, zoneId?: number) {
  const [months, plan] = await Promise.all([
    db
      .selectFrom('project_monthly_reports as r')
      .innerJoin('projects as p', 'p.id', 'r.project_id')
      .where(projectScope(actor))
      .where('p.is_key', '=', true)
      .where((eb) => (zoneId ? eb('p.zone_id', '=', zoneId) : sql<SqlBool>`true`))
      .where('r.year', '=', year)
      .select(['r.month', sql<string>`sum(r.completed)::text`.as('completed')])
      .groupBy('r.month')
      .execute(),
    db
      .selectFrom('project_year_plans as yp')
      .innerJoin('projects as p', 'p.id', 'yp.project_id')
      .where(projectScope(actor))
      .where('p.is_key', '=', true)
      .where((eb) => (zoneId ? eb('p.zone_id', '=', zoneId) : sql<SqlBool>`true`))
      .where('yp.year', '=', year)
      .select(sql<string>`coalesce(sum(yp.planned), 0)::text`.as('planned'))
      .executeTakeFirstOrThrow(),
  ])
  return { months, planned: plan.planned }
}

/** Problems per status, type and category: one scan of the scope (grouping sets), not three. */
export async function problemCounts(db: Db, actor: Actor, zoneId?: number) {
  const rows = await problems(db, actor, zoneId)
    .select([
      sql<string | null>`p.status`.as('status'),
      sql<string | null>`p.type`.as('type'),
      sql<string | null>`p.category`.as('category'),
      // bit set = column not grouped: 3 → by status, 5 → by type, 6 → by category
      sql<number>`grouping(p.status, p.type, p.category)`.as('g'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(sql`grouping sets ((p.status), (p.type), (p.category))`)
    .execute()
  const of = (g: number, key: 'status' | 'type' | 'category') =>
    rows.filter((r) => Number(r.g) === g).map((r) => ({ key: r[key], n: r.n }))
  return { status: of(3, 'status'), type: of(5, 'type'), category: of(6, 'category') }
}

/** Problems received and resolved per month, the last twelve months (Beijing months). */
export async function problemTrend(db: Db, actor: Actor, from: Date, zoneId?: number) {
  const month = (col: string) => sql<string>`to_char(${sql.ref(col)} at time zone 'Asia/Shanghai', 'YYYY-MM')`
  const [received, resolved] = await Promise.all([
    problems(db, actor, zoneId)
      .where('p.received_at', '>=', from)
      .select([month('p.received_at').as('month'), sql<number>`count(*)::int`.as('n')])
      .groupBy(sql`1`)
      .execute(),
    problems(db, actor, zoneId)
      .where('p.resolved_at', '>=', from)
      .select([month('p.resolved_at').as('month'), sql<number>`count(*)::int`.as('n')])
      .groupBy(sql`1`)
      .execute(),
  ])
  return { received, resolved }
}

/** Projects with a map point (the map shows no tiles: the points on the zone's own axes). */
export async function mapPoints(db: Db, actor: Actor, zoneId?: number) {
  return projects(db, actor, zoneId)
    .where('p.lng', 'is not', null)
    .where('p.lat', 'is not', null)
    .select(['p.id', 'p.code', 'p.name', 'p.light', 'p.stage', 'p.lng', 'p.lat', 'p.total_investment'])
    .orderBy('p.id')
    .limit(2000)
    .execute()
}

/** A zone's region for the map: its province's outline file and its city's name (GB/T 2260). */
export async function zoneRegion(db: Db, zoneId: number) {
  const z = await db
    .selectFrom('departments')
    .select('region_code')
    .where('id', '=', zoneId)
    .executeTakeFirst()
  const code = z?.region_code
  if (!code || code.length < 6) return null
  const city = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', `${code.slice(0, 4)}00`)
    .executeTakeFirst()
  return { province: `${code.slice(0, 2)}0000`, city: city?.name ?? null }
}
