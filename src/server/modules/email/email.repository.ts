import type { Db } from '../../db/database.ts'

export async function addressesOf(db: Db, userIds: number[]) {
  if (!userIds.length) return []
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('id', 'in', userIds)
    .where('enabled', '=', true)
    .where('email', 'is not', null)
    .execute()
}

export async function enqueue(
  db: Db,
  rows: Array<{
    user_id: number | null
    to_address: string
    subject: string
    body: string
    kind: string
    at: Date
  }>,
) {
  if (!rows.length) return []
  return db
    .insertInto('email_deliveries')
    .values(rows.map(({ at, ...r }) => ({ ...r, status: 'pending' as const, next_at: at, created_at: at })))
    .returning('id')
    .execute()
}

export async function due(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('email_deliveries')
    .select(['id', 'to_address', 'subject', 'body', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_at', '<=', now)
    .orderBy('next_at')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function settle(
  db: Db,
  id: string,
  v: {
    status: 'pending' | 'sent' | 'failed'
    attempts: number
    next_at?: Date
    sent_at?: Date
    error?: string | null
  },
) {
  await db.updateTable('email_deliveries').set(v).where('id', '=', id).execute()
}

export async function find(db: Db, id: string) {
  return db.selectFrom('email_deliveries').selectAll().where('id', '=', id).executeTakeFirst()
}
