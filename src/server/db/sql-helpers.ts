import { type Generated, type Kysely, type OrderByItemBuilder, type RawBuilder, sql } from 'kysely'
import type { Db } from './database.ts'
import type { DB } from './schema.ts'

/** Runs DDL one statement at a time: PGlite's extended protocol takes a single statement per query. */
export async function runStatements(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

/** A jsonb parameter. pg would turn a JS array into a PostgreSQL array literal, so serialise explicitly. */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`${JSON.stringify(value)}::jsonb`
}

/** Escapes LIKE wildcards in user input. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Tables edited with optimistic concurrency: an integer `id` and a `version`. */
export type VersionedTable = {
  [K in keyof DB]: DB[K] extends { id: Generated<number>; version: Generated<number> } ? K : never
}[keyof DB]

/**
 * The optimistic-concurrency edit: writes `values` only while the row still has `version`, and
 * bumps it (and `updated_at`, when given). False when someone changed the row first — the service
 * answers 409 VERSION_CONFLICT.
 */
export async function updateVersioned(
  db: Db,
  table: VersionedTable,
  id: number,
  version: number,
  values: Record<string, unknown>,
  at?: Date,
): Promise<boolean> {
  const res = await (db as unknown as Kysely<any>)
    .updateTable(table)
    .set((eb) => ({ ...values, ...(at ? { updated_at: at } : {}), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Deletes the row only while it still has `version`; false when it changed (or is gone). */
export async function deleteVersioned(db: Db, table: VersionedTable, id: number, version: number) {
  const res = await (db as unknown as Kysely<any>)
    .deleteFrom(table)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numDeletedRows) === 1
}

/** `count(*)` as an int named `n`: the total of a list (see pageRows). */
export const countAll = sql<number>`count(*)::int`.as('n')

/**
 * One page of a list with its total, queried together: `count` selects `n` (countAll) under the
 * list's filter, `rows` is the filtered, ordered query (end the order with a unique column).
 */
export async function pageRows<O>(
  count: { executeTakeFirstOrThrow(): Promise<{ n: number }> },
  rows: { offset(n: number): { limit(n: number): { execute(): Promise<O[]> } } },
  page: { offset: number; pageSize: number },
): Promise<{ items: O[]; total: number }> {
  const [{ n }, items] = await Promise.all([
    count.executeTakeFirstOrThrow(),
    rows.offset(page.offset).limit(page.pageSize).execute(),
  ])
  return { items, total: n }
}

/** A sort direction that puts empty values last when descending and first when ascending. */
export const nullsOrder = (dir: 'asc' | 'desc') => (ob: OrderByItemBuilder) =>
  dir === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()
