import type { Db } from '../../db/database.ts'
import { jsonb } from '../../db/sql-helpers.ts'

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value as T | undefined
}

export async function putSetting(
  db: Db,
  key: string,
  value: unknown,
  at: Date,
  by: number | null,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: jsonb(value), updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: jsonb(value), updated_at: at, updated_by: by }))
    .execute()
}
