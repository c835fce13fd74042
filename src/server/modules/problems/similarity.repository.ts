import { type Expression, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Actor } from '../../policies/index.ts'
import { problemScope } from '../../policies/problem-scope.ts'

/** A tsquery string matching any of the words ('a' | 'b'), or null for none. */
export function anyWordQuery(words: string[]): string | null {
  if (!words.length) return null
  return words.map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ')
}
const wordQuery = (w: string) => `'${w.replace(/'/g, "''")}'`

/**
 * How many of the zone's problems contain each word (document frequency), with the zone's total:
 * uncorrelated sub-selects (each through the search index), evaluated once for the whole statement.
 */
function docFrequencies(zoneId: number, words: string[]) {
  const counts = words.map(
    (w) =>
      sql`(select count(*)::int from problems z where z.zone_id = ${zoneId}
        and z.search_tsv @@ to_tsquery('simple', ${wordQuery(w)}))`,
  )
  return sql<number[]>`array[(select count(*)::int from problems z where z.zone_id = ${zoneId})${sql.join(
    counts.map((c) => sql`, ${c}`),
    sql``,
  )}]`
}

export interface CandidateRow {
  id: number
  zone_id: number
  code: string
  title: string
  description: string
  category: string | null
  status: string
  enterprise_id: number | null
  enterprise_name: string | null
  address: string | null
  lng: string | null
  lat: string | null
  ent_address: string | null
  ent_lng: string | null
  ent_lat: string | null
  is_common: boolean
  common_id: number | null
  common_code: string | null
  received_at: Date
  /** the actor's data scope covers the row (rows outside it only feed the anonymous hint) */
  visible: boolean
  /** distinct enterprises of the common problem the row is (or belongs to) */
  group_enterprises: number
  /** [zone total, df(word 1), df(word 2), …] */
  stats: number[]
}

/**
 * One query for the candidates of a suggestion: the zone's open problems that share a word with the
 * text or are of the same category, best text rank first; the actor's scope comes back as a column
 * so rows outside it can still give an anonymous count.
 */
export async function similarCandidates(
  db: Db,
  actor: Actor | null,
  q: {
    zoneId: number
    words: string[]
    category?: string | null
    excludeId?: number | null
    /** false: rows outside the scope are not fetched at all */
    withHidden: boolean
    limit: number
  },
): Promise<CandidateRow[]> {
  const tsq = anyWordQuery(q.words)
  if (!tsq && !q.category) return []
  let query = db
    .selectFrom('problems as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('problems as c', 'c.id', 'p.common_id')
    .select((eb) => [
      'p.id',
      'p.zone_id',
      'p.code',
      'p.title',
      'p.description',
      'p.category',
      'p.status',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.address',
      'p.lng',
      'p.lat',
      'e.address as ent_address',
      'e.lng as ent_lng',
      'e.lat as ent_lat',
      'p.is_common',
      'p.common_id',
      'c.code as common_code',
      'p.received_at',
      (actor ? sql<boolean>`(${problemScope(actor, 'p')(eb)})` : sql<boolean>`true`).as('visible'),
      sql<number>`case when p.is_common or p.common_id is not null then (select count(distinct s.enterprise_id)::int
        from problems s where s.common_id = coalesce(p.common_id, p.id)) else 0 end`.as('group_enterprises'),
      docFrequencies(q.zoneId, q.words).as('stats'),
    ])
    .where('p.zone_id', '=', q.zoneId)
    .where('p.status', 'not in', ['closed', 'withdrawn'])
    .where((eb) => {
      const ors: Expression<SqlBool>[] = []
      if (tsq) ors.push(sql<SqlBool>`p.search_tsv @@ to_tsquery('simple', ${tsq})`)
      if (q.category) ors.push(eb('p.category', '=', q.category))
      return eb.or(ors)
    })
  if (q.excludeId)
    query = query
      .where('p.id', '<>', q.excludeId)
      .where((eb) => eb.or([eb('p.common_id', 'is', null), eb('p.common_id', '<>', q.excludeId!)]))
  if (actor && !q.withHidden) query = query.where(problemScope(actor, 'p'))
  return (await query
    .orderBy(tsq ? sql`ts_rank(p.search_tsv, to_tsquery('simple', ${tsq}))` : sql`0`, 'desc')
    .orderBy('p.received_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.limit)
    .execute()) as CandidateRow[]
}

/** Where a problem is (its own place, else its enterprise's), for the "same area" comparison. */
export async function placeOf(db: Db, problemId: number) {
  return db
    .selectFrom('problems as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id',
      'p.zone_id',
      'p.address',
      'p.lng',
      'p.lat',
      'p.enterprise_id',
      'p.category',
      'e.address as ent_address',
      'e.lng as ent_lng',
      'e.lat as ent_lat',
    ])
    .where('p.id', '=', problemId)
    .executeTakeFirst()
}

export async function enterprisePlace(db: Db, enterpriseId: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'zone_id', 'address', 'lng', 'lat'])
    .where('id', '=', enterpriseId)
    .executeTakeFirst()
}

export interface RoutedRow {
  id: number
  code: string
  title: string
  description: string
  category: string | null
  accepted_at: Date
  lead_department_id: number
  department_name: string
  stats: number[]
}

/**
 * Past routing: the zone's accepted problems (any later status but returned/withdrawn) with their
 * lead department, sharing a word with the text or of the same category.
 */
export async function routedCandidates(
  db: Db,
  q: { zoneId: number; words: string[]; category?: string | null; limit: number },
): Promise<RoutedRow[]> {
  const tsq = anyWordQuery(q.words)
  if (!tsq && !q.category) return []
  return (await db
    .selectFrom('problems as p')
    .innerJoin('departments as d', 'd.id', 'p.lead_department_id')
    .select([
      'p.id',
      'p.code',
      'p.title',
      'p.description',
      'p.category',
      'p.accepted_at',
      'p.lead_department_id',
      'd.name as department_name',
      docFrequencies(q.zoneId, q.words).as('stats'),
    ])
    .where('p.zone_id', '=', q.zoneId)
    .where('p.accepted_at', 'is not', null)
    .where('p.status', 'in', ['accepted', 'in_progress', 'resolved', 'closed'])
    .where('p.is_common', '=', false)
    .where('d.enabled', '=', true)
    .where((eb) => {
      const ors: Expression<SqlBool>[] = []
      if (tsq) ors.push(sql<SqlBool>`p.search_tsv @@ to_tsquery('simple', ${tsq})`)
      if (q.category) ors.push(eb('p.category', '=', q.category))
      return eb.or(ors)
    })
    .orderBy(tsq ? sql`ts_rank(p.search_tsv, to_tsquery('simple', ${tsq}))` : sql`0`, 'desc')
    .orderBy('p.accepted_at', 'desc')
    .limit(q.limit)
    .execute()) as RoutedRow[]
}

/** The lead departments of a category's past accepted problems, most frequent first. */
export async function categoryRouting(db: Db, zoneId: number, category: string, limit: number) {
  return db
    .selectFrom('problems as p')
    .innerJoin('departments as d', 'd.id', 'p.lead_department_id')
    .select([
      'p.lead_department_id as department_id',
      'd.name as department_name',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`sum(count(*)) over ()::int`.as('total'),
      sql<string[]>`(array_agg(p.code order by p.accepted_at desc))[1:2]`.as('codes'),
    ])
    .where('p.zone_id', '=', zoneId)
    .where('p.category', '=', category)
    .where('p.accepted_at', 'is not', null)
    .where('p.status', 'in', ['accepted', 'in_progress', 'resolved', 'closed'])
    .where('p.is_common', '=', false)
    .where('d.enabled', '=', true)
    .groupBy(['p.lead_department_id', 'd.name'])
    .orderBy('n', 'desc')
    .orderBy('p.lead_department_id')
    .limit(limit)
    .execute()
}

export async function categoryLabel(db: Db, code: string) {
  const row = await db
    .selectFrom('dict_items')
    .select('label')
    .where('type_code', '=', 'problem_category')
    .where('code', '=', code)
    .executeTakeFirst()
  return row?.label ?? null
}
