import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { updateVersioned } from '../../db/sql-helpers.ts'

export async function listTypes(db: Db) {
  return db
    .selectFrom('dict_types as t')
    .select((eb) => [
      't.code',
      't.name',
      't.name_en',
      't.description',
      't.builtin',
      eb
        .selectFrom('dict_items as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.type_code', '=', 't.code')
        .as('item_count'),
    ])
    .orderBy('t.sort')
    .orderBy('t.code')
    .execute()
}

export async function findType(db: Db, code: string) {
  return db.selectFrom('dict_types').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function listItems(db: Db, type: string, includeDisabled: boolean) {
  let q = db.selectFrom('dict_items').selectAll().where('type_code', '=', type)
  if (!includeDisabled) q = q.where('enabled', '=', true)
  return q.orderBy('sort').orderBy('id').execute()
}

export async function findItem(db: Db, type: string, id: number) {
  return db
    .selectFrom('dict_items')
    .selectAll()
    .where('type_code', '=', type)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function itemCodeTaken(db: Db, type: string, code: string) {
  return !!(await db
    .selectFrom('dict_items')
    .select('id')
    .where('type_code', '=', type)
    .where('code', '=', code)
    .executeTakeFirst())
}

export async function insertItem(
  db: Db,
  v: {
    type_code: string
    code: string
    label: string
    label_en: string | null
    color: string | null
    sort: number
    enabled: boolean
    at: Date
  },
) {
  const { at, ...row } = v
  const { id } = await db
    .insertInto('dict_items')
    .values({ ...row, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const updateItem = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'dict_items', id, version, v, at)
