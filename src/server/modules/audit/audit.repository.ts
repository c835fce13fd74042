import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { AuditRow } from '../../db/schema.ts'
import { jsonb, likeEscape } from '../../db/sql-helpers.ts'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditInsert {
  zone_id: number | null
  actor_id: number | null
  actor_name: string | null
  action: string
  target_type: string
  target_id: string | null
  summary: string | null
  before: unknown
  after: unknown
  ip: string | null
  request_id: string | null
  at: Date
}

export async function lockChain(db: Db): Promise<void> {
  // One chain: appends are serialised so each row sees its true predecessor.
  await sql`select pg_advisory_xact_lock(7157001)`.execute(db)
}

export async function lastHash(db: Db): Promise<string> {
  const row = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.hash ?? GENESIS_HASH
}

export async function insertAudit(
  db: Db,
  row: AuditInsert & { prev_hash: string; hash: string },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before == null ? null : jsonb(row.before),
      after: row.after == null ? null : jsonb(row.after),
    })
    .execute()
}

export interface AuditFilter {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  from?: Date
  to?: Date
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log')
  if (f.actor) q = q.where('actor_name', 'ilike', `%${likeEscape(f.actor)}%`)
  if (f.action) q = q.where('action', 'like', `${likeEscape(f.action)}%`)
  if (f.targetType) q = q.where('target_type', '=', f.targetType)
  if (f.targetId) q = q.where('target_id', '=', f.targetId)
  if (f.from) q = q.where('at', '>=', f.from)
  if (f.to) q = q.where('at', '<', f.to)
  return q
}

export async function listAudit(
  db: Db,
  f: AuditFilter,
  page: { offset: number; pageSize: number },
  dir: 'asc' | 'desc',
) {
  const [items, count] = await Promise.all([
    filtered(db, f).selectAll().orderBy('id', dir).offset(page.offset).limit(page.pageSize).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(count.n) }
}

/** Rows in chain order, a batch at a time, for verification. */
export async function auditBatch(db: Db, afterId: string | null, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').limit(limit)
  if (afterId) q = q.where('id', '>', afterId)
  return q.execute()
}

export async function deleteAuditBefore(
  db: Db,
  cutoff: Date,
): Promise<{ count: number; lastHash: string | null }> {
  const last = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('at', '<', cutoff)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!last) return { count: 0, lastHash: null }
  await sql`select set_config('qingdan.audit_retention', 'on', true)`.execute(db)
  const res = await db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst()
  await sql`select set_config('qingdan.audit_retention', 'off', true)`.execute(db)
  return { count: Number(res.numDeletedRows), lastHash: last.hash }
}

export async function insertLoginLog(
  db: Db,
  row: {
    user_id: number | null
    username: string
    success: boolean
    reason: string | null
    ip: string | null
    user_agent: string | null
    at: Date
  },
) {
  await db.insertInto('login_log').values(row).execute()
}

export interface LoginLogFilter {
  username?: string
  success?: boolean
  ip?: string
  from?: Date
  to?: Date
}

function loginFiltered(db: Db, f: LoginLogFilter) {
  let q = db.selectFrom('login_log')
  if (f.username) q = q.where('username', 'ilike', `%${likeEscape(f.username)}%`)
  if (f.success !== undefined) q = q.where('success', '=', f.success)
  if (f.ip) q = q.where('ip', '=', f.ip)
  if (f.from) q = q.where('at', '>=', f.from)
  if (f.to) q = q.where('at', '<', f.to)
  return q
}

export async function listLoginLog(db: Db, f: LoginLogFilter, page: { offset: number; pageSize: number }) {
  const [items, count] = await Promise.all([
    loginFiltered(db, f).selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.pageSize).execute(),
    loginFiltered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(count.n) }
}

export async function deleteLoginLogBefore(db: Db, cutoff: Date) {
  const res = await db.deleteFrom('login_log').where('at', '<', cutoff).executeTakeFirst()
  return Number(res.numDeletedRows)
}
