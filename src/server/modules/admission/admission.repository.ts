import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, deleteVersioned, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'

function base(db: Db) {
  return db
    .selectFrom('negative_list as n')
    .innerJoin('industries as i', 'i.code', 'n.industry_code')
    .leftJoin('industries as s', (j) => j.on(sql<boolean>`s.code = coalesce(i.parent_code, i.code)`))
    .innerJoin('departments as z', 'z.id', 'n.zone_id')
    .select([
      'n.id',
      'n.zone_id',
      'z.name as zone_name',
      'n.industry_code',
      'i.name as industry_name',
      'i.level as industry_level',
      sql<string>`coalesce(s.code, i.code)`.as('section_code'),
      sql<string>`coalesce(s.name, i.name)`.as('section_name'),
      'n.kind',
      'n.reason',
      'n.created_at',
      'n.updated_at',
      'n.version',
    ])
}

export type NegativeRow = NonNullable<Awaited<ReturnType<typeof findById>>>

// The negative list is zone policy: everyone working in the zone may read it; users above zones see
// the zones in their scope.
const scoped = (actor: Actor) => (eb: ExpressionBuilder<any, any>) =>
  actor.zoneId
    ? eb.or([
        eb('n.zone_id', '=', actor.zoneId),
        visibleTo(eb, actor, { zoneId: 'n.zone_id', deptPath: 'z.path' }),
      ])
    : visibleTo(eb, actor, { zoneId: 'n.zone_id', deptPath: 'z.path' })

export async function findById(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('n.id', '=', id)
  if (actor) q = q.where(scoped(actor))
  return q.executeTakeFirst()
}

export interface NegativeFilter {
  kind?: 'forbidden' | 'restricted'
  keyword?: string
  zoneId?: number
}

const SORT_COLUMNS = { industryCode: 'n.industry_code', kind: 'n.kind', updatedAt: 'n.updated_at' } as const

export async function list(
  db: Db,
  actor: Actor,
  f: NegativeFilter,
  sort: { field: keyof typeof SORT_COLUMNS; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [scoped(actor)(eb)]
    if (f.kind) conds.push(eb('n.kind', '=', f.kind))
    if (f.zoneId) conds.push(eb('n.zone_id', '=', f.zoneId))
    if (f.keyword) {
      const kw = `%${likeEscape(f.keyword)}%`
      conds.push(
        eb.or([
          eb('i.name', 'ilike', kw),
          eb('n.industry_code', 'ilike', kw),
          eb('n.reason', 'ilike', kw),
          eb(sql`coalesce(s.name, '')`, 'ilike', kw),
        ]),
      )
    }
    return eb.and(conds)
  }
  return pageRows(
    db
      .selectFrom('negative_list as n')
      .innerJoin('industries as i', 'i.code', 'n.industry_code')
      .leftJoin('industries as s', (j) => j.on(sql<boolean>`s.code = coalesce(i.parent_code, i.code)`))
      .innerJoin('departments as z', 'z.id', 'n.zone_id')
      .where(where)
      .select(countAll),
    base(db)
      .where(where)
      .orderBy(sql.ref(SORT_COLUMNS[sort.field]), sort.dir)
      .orderBy('n.industry_code')
      .orderBy('n.id'),
    page,
  )
}

export async function industry(db: Db, code: string) {
  return db
    .selectFrom('industries')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst()
}

/** The zone's entries that cover an industry: the division itself or its whole section. */
export async function matching(db: Db, zoneId: number, codes: string[]) {
  return db
    .selectFrom('negative_list as n')
    .innerJoin('industries as i', 'i.code', 'n.industry_code')
    .select(['n.industry_code', 'i.name as industry_name', 'i.level', 'n.kind', 'n.reason'])
    .where('n.zone_id', '=', zoneId)
    .where('n.industry_code', 'in', codes)
    .execute()
}

export async function codeTaken(db: Db, zoneId: number, code: string) {
  return !!(await db
    .selectFrom('negative_list')
    .select('id')
    .where('zone_id', '=', zoneId)
    .where('industry_code', '=', code)
    .executeTakeFirst())
}

export async function insert(
  db: Db,
  v: { zone_id: number; industry_code: string; kind: 'forbidden' | 'restricted'; reason: string | null },
  at: Date,
) {
  const { id } = await db
    .insertInto('negative_list')
    .values({ ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'negative_list', id, version, v, at)

export const remove = (db: Db, id: number, version: number) =>
  deleteVersioned(db, 'negative_list', id, version)
