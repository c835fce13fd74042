import type { Db } from '../../db/database.ts'
import { jsonb } from '../../db/sql-helpers.ts'

export interface EventInsert {
  zone_id: number
  subject_type: string
  subject_id: number
  enterprise_id: number | null
  kind: string
  at: Date
  actor_id: number | null
  actor_name: string | null
  summary: string
  data: Record<string, unknown> | null
}

export async function insertEvent(db: Db, e: EventInsert) {
  await insertEvents(db, [e])
}

/** Multi-row inserts of up to 1 000 rows (10 parameters each, well under the protocol's 65 535). */
export async function insertEvents(db: Db, list: EventInsert[]) {
  for (let i = 0; i < list.length; i += 1000) {
    await db
      .insertInto('events')
      .values(list.slice(i, i + 1000).map((e) => ({ ...e, data: e.data ? jsonb(e.data) : null })))
      .execute()
  }
}

export async function listEvents(
  db: Db,
  where: { subjectType?: string; subjectId?: number; enterpriseId?: number },
  page: { offset: number; pageSize: number },
) {
  let q = db.selectFrom('events')
  if (where.enterpriseId !== undefined) q = q.where('enterprise_id', '=', where.enterpriseId)
  if (where.subjectType) q = q.where('subject_type', '=', where.subjectType)
  if (where.subjectId !== undefined) q = q.where('subject_id', '=', where.subjectId)
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(count.n) }
}
