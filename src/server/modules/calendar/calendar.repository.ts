import type { Db } from '../../db/database.ts'

export async function allDays(db: Db) {
  return db.selectFrom('work_calendar').select(['day', 'kind', 'name', 'year']).orderBy('day').execute()
}

export async function daysOfYear(db: Db, year: number) {
  return db.selectFrom('work_calendar').selectAll().where('year', '=', year).orderBy('day').execute()
}

export async function findDay(db: Db, day: string) {
  return db.selectFrom('work_calendar').selectAll().where('day', '=', day).executeTakeFirst()
}

export async function upsertDay(
  db: Db,
  v: { day: string; kind: 'holiday' | 'workday'; name: string; at: Date; by: number | null },
) {
  const row = {
    day: v.day,
    kind: v.kind,
    name: v.name,
    year: Number(v.day.slice(0, 4)),
    updated_at: v.at,
    updated_by: v.by,
  }
  await db
    .insertInto('work_calendar')
    .values(row)
    .onConflict((oc) =>
      oc.column('day').doUpdateSet({ kind: v.kind, name: v.name, updated_at: v.at, updated_by: v.by }),
    )
    .execute()
}

export async function deleteDay(db: Db, day: string) {
  await db.deleteFrom('work_calendar').where('day', '=', day).execute()
}

export async function yearsPresent(db: Db): Promise<number[]> {
  return (await db.selectFrom('work_calendar').select('year').distinct().orderBy('year').execute()).map(
    (r) => r.year,
  )
}
