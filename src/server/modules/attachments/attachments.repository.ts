import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'

function base(db: Db) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.zone_id',
      'a.owner_type',
      'a.owner_id',
      'a.filename',
      'a.mime',
      'a.size',
      'a.storage_key',
      'a.thumb_key',
      'a.uploaded_by',
      'u.display_name as uploaded_by_name',
      'a.uploaded_at',
    ])
    .where('a.deleted_at', 'is', null)
}

export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number) {
  return base(db).where('a.id', '=', id).executeTakeFirst()
}

export async function listFor(db: Db, ownerType: string, ownerId: number) {
  return base(db)
    .where('a.owner_type', '=', ownerType)
    .where('a.owner_id', '=', ownerId)
    .orderBy('a.uploaded_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

export async function countsFor(db: Db, ownerType: string, ownerIds: number[]) {
  if (!ownerIds.length) return new Map<number, number>()
  const rows = await db
    .selectFrom('attachments')
    .select(['owner_id', sql<number>`count(*)::int`.as('n')])
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', ownerIds)
    .where('deleted_at', 'is', null)
    .groupBy('owner_id')
    .execute()
  return new Map(rows.map((r) => [r.owner_id, r.n]))
}

export async function insert(
  db: Db,
  v: {
    zone_id: number
    owner_type: string
    owner_id: number
    filename: string
    mime: string
    size: number
    storage_key: string
    thumb_key: string | null
    uploaded_by: number | null
    uploaded_at: Date
  },
) {
  const { id } = await db.insertInto('attachments').values(v).returning('id').executeTakeFirstOrThrow()
  return id
}

export async function softDelete(db: Db, id: number, at: Date) {
  const res = await db
    .updateTable('attachments')
    .set({ deleted_at: at })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}
