import { type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, jsonb, nullsOrder, pageRows } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/actor.ts'
import { hasPermission, visibleTo } from '../../policies/index.ts'
import type { BulletinKind } from './bulletin-period.ts'

/**
 * Who sees a bulletin: those whose scope covers its zone (a department inside the zone, a city
 * above it); drafts only those who may write bulletins — an issued bulletin is circulated.
 */
function bulletinScope(actor: Actor) {
  return (eb: ExpressionBuilder<any, any>) => {
    const zone = visibleTo(eb, actor, {
      zoneId: 'b.zone_id',
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`exists (select 1 from departments z where z.id = b.zone_id
          and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
    })
    return hasPermission(actor, 'bulletin:write') ? zone : eb.and([zone, eb('b.status', '=', 'issued')])
  }
}

const COLUMNS = [
  'b.id',
  'b.zone_id',
  'b.kind',
  'b.period_key',
  'b.seq',
  'b.number',
  'b.title',
  'b.status',
  'b.docx_key',
  'b.xlsx_key',
  'b.generated_at',
  'b.issued_at',
  'b.created_at',
  'b.updated_at',
  'b.version',
] as const

const base = (db: Db) =>
  db
    .selectFrom('bulletins as b')
    .innerJoin('departments as z', 'z.id', 'b.zone_id')
    .leftJoin('users as iu', 'iu.id', 'b.issued_by')
    .leftJoin('users as cu', 'cu.id', 'b.created_by')

export async function findVisible(db: Db, id: number, actor: Actor | null) {
  let q = base(db)
    .select([
      ...COLUMNS,
      'b.content',
      'z.name as zone_name',
      'iu.display_name as issued_by_name',
      'cu.display_name as created_by_name',
    ])
    .where('b.id', '=', id)
  if (actor) q = q.where(bulletinScope(actor))
  return q.executeTakeFirst()
}
export type BulletinRow = NonNullable<Awaited<ReturnType<typeof findVisible>>>

export interface BulletinFilter {
  kind?: BulletinKind
  status?: 'draft' | 'issued'
  year?: number
  zoneId?: number
  keyword?: string
}

export const SORTS = {
  updatedAt: 'b.updated_at',
  issuedAt: 'b.issued_at',
  periodKey: 'b.period_key',
} as const

export async function list(
  db: Db,
  actor: Actor,
  f: BulletinFilter,
  sort: { field: keyof typeof SORTS; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds = [bulletinScope(actor)(eb)]
    if (f.kind) conds.push(eb('b.kind', '=', f.kind))
    if (f.status) conds.push(eb('b.status', '=', f.status))
    if (f.zoneId) conds.push(eb('b.zone_id', '=', f.zoneId))
    if (f.year) conds.push(eb('b.period_key', 'like', `${f.year}-%`))
    if (f.keyword?.trim()) {
      const like = `%${f.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      conds.push(eb.or([eb('b.title', 'ilike', like), eb('b.number', 'ilike', like)]))
    }
    return eb.and(conds)
  }
  return pageRows(
    base(db).where(where).select(countAll),
    base(db)
      .where(where)
      .select([
        ...COLUMNS,
        'z.name as zone_name',
        'iu.display_name as issued_by_name',
        'cu.display_name as created_by_name',
      ])
      .orderBy(sql.ref(SORTS[sort.field]), nullsOrder(sort.dir))
      .orderBy('b.id', 'desc'),
    page,
  )
}

export async function insert(
  db: Db,
  row: {
    zone_id: number
    kind: BulletinKind
    period_key: string
    title: string
    content: unknown
    created_by: number | null
    at: Date
  },
) {
  const { at, content, ...rest } = row
  const r = await db
    .insertInto('bulletins')
    .values({
      ...rest,
      content: jsonb(content as Record<string, unknown>),
      status: 'draft',
      generated_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Optimistic update: false when the version moved on (someone else saved first). */
export async function update(
  db: Db,
  id: number,
  version: number,
  set: Partial<{
    title: string
    content: unknown
    docx_key: string | null
    xlsx_key: string | null
    generated_at: Date
    status: 'issued'
    seq: number
    number: string
    issued_at: Date
    issued_by: number | null
  }> & { at: Date },
) {
  const { at, content, ...rest } = set
  const r = await db
    .updateTable('bulletins')
    .set({
      ...rest,
      ...(content === undefined ? {} : { content: jsonb(content as Record<string, unknown>) }),
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Stores the rendered files of a bulletin without moving its version (they derive from it). */
export async function setFiles(
  db: Db,
  id: number,
  version: number,
  files: { docx_key?: string; xlsx_key?: string },
) {
  await db.updateTable('bulletins').set(files).where('id', '=', id).where('version', '=', version).execute()
}

export async function remove(db: Db, id: number, version: number) {
  const r = await db
    .deleteFrom('bulletins')
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(r.numDeletedRows) === 1
}

/** The next sequence number of a zone's bulletins issued in a year (〔2026〕7号). */
export async function nextSeq(db: Db, zoneId: number, year: number) {
  const r = await db
    .selectFrom('bulletins')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('n'))
    .where('zone_id', '=', zoneId)
    .where('status', '=', 'issued')
    .where(sql<SqlBool>`extract(year from issued_at at time zone 'Asia/Shanghai') = ${year}`)
    .executeTakeFirstOrThrow()
  return r.n + 1
}

/** Serialises numbering within a zone: two issues at once cannot take the same number. */
export async function lockZoneNumbering(db: Db, zoneId: number) {
  await sql`select pg_advisory_xact_lock(${9704}, ${zoneId})`.execute(db)
}
