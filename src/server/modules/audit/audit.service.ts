import { createHash } from 'node:crypto'
import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { AuditRow } from '../../db/schema.ts'
import { canonicalJson } from '../../lib/canonical-json.ts'
import { type Page, pageOf } from '../../lib/pagination.ts'
import { recordDiff } from '../../lib/record-diff.ts'
import * as repo from './audit.repository.ts'

export interface AuditEntry {
  action: string
  targetType: string
  targetId?: string | number | null
  summary?: string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  zoneId?: number | null
}

/** The content a row's hash covers, in a fixed order; `at` as epoch milliseconds so drivers agree. */
export function hashRow(prevHash: string, r: Omit<repo.AuditInsert, 'at'> & { at: Date }): string {
  const content = canonicalJson([
    prevHash,
    r.at.getTime(),
    r.zone_id,
    r.actor_id,
    r.actor_name,
    r.action,
    r.target_type,
    r.target_id,
    r.summary,
    r.before ?? null,
    r.after ?? null,
    r.ip,
    r.request_id,
  ])
  return createHash('sha256').update(content).digest('hex')
}

export interface VerifyResult {
  ok: boolean
  checked: number
  firstBrokenId: string | null
  reason: string | null
}

export function createAuditService(deps: Pick<Deps, 'db' | 'clock'>) {
  /**
   * Appends one entry to the chain. Call it with the transaction of the change it records, so the
   * change and its audit row commit together or not at all.
   */
  async function record(db: Db, ctx: AnyCtx, entry: AuditEntry): Promise<void> {
    await repo.lockChain(db)
    const prev = await repo.lastHash(db)
    const diff = recordDiff(entry.before, entry.after)
    const row: repo.AuditInsert = {
      zone_id: entry.zoneId ?? ctx.actor?.zoneId ?? null,
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor ? `${ctx.actor.displayName}(${ctx.actor.username})` : ctx.label,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId == null ? null : String(entry.targetId),
      summary: entry.summary ?? null,
      before: diff.before,
      after: diff.after,
      ip: ctx.ip,
      request_id: ctx.requestId,
      at: deps.clock.now(),
    }
    // Normalise through JSON exactly as jsonb will hand it back, so verification recomputes the same hash.
    row.before = row.before == null ? null : JSON.parse(JSON.stringify(row.before))
    row.after = row.after == null ? null : JSON.parse(JSON.stringify(row.after))
    await repo.insertAudit(db, { ...row, prev_hash: prev, hash: hashRow(prev, row) })
  }

  /** Walks the chain and reports the first row whose link or content does not match. */
  async function verify(db: Db = deps.db): Promise<VerifyResult> {
    let checked = 0
    let prev: string | null = null
    let afterId: string | null = null
    for (;;) {
      const rows: AuditRow[] = await repo.auditBatch(db, afterId, 1000)
      if (!rows.length) break
      for (const r of rows) {
        // The oldest kept row anchors the chain (older rows may have been removed by retention).
        if (prev !== null && r.prev_hash !== prev) {
          return {
            ok: false,
            checked,
            firstBrokenId: r.id,
            reason: '链接断开：前序哈希不匹配（有记录被删除或插入）',
          }
        }
        if (hashRow(r.prev_hash, { ...r, at: new Date(r.at) }) !== r.hash) {
          return { ok: false, checked, firstBrokenId: r.id, reason: '内容被篡改：记录内容与其哈希不一致' }
        }
        prev = r.hash
        checked++
      }
      afterId = rows[rows.length - 1].id
    }
    return { ok: true, checked, firstBrokenId: null, reason: null }
  }

  /** One line in the login log (success, failure with reason, logout). */
  async function recordLogin(
    db: Db,
    e: {
      userId: number | null
      username: string
      success: boolean
      reason: string | null
      ip: string | null
      userAgent: string | null
    },
  ) {
    await repo.insertLoginLog(db, {
      user_id: e.userId,
      username: e.username.slice(0, 64),
      success: e.success,
      reason: e.reason,
      ip: e.ip,
      user_agent: e.userAgent?.slice(0, 300) ?? null,
      at: deps.clock.now(),
    })
  }

  async function listLogins(filter: repo.LoginLogFilter & { page?: number; pageSize?: number }) {
    const p = pageOf(filter)
    const { items, total } = await repo.listLoginLog(deps.db, filter, p)
    return { items, total, page: p.page, pageSize: p.pageSize }
  }

  async function list(
    filter: repo.AuditFilter & { page?: number; pageSize?: number; sort?: string },
  ): Promise<Page<AuditRow>> {
    const p = pageOf(filter)
    const { items, total } = await repo.listAudit(deps.db, filter, p, filter.sort === 'at' ? 'asc' : 'desc')
    return { items, total, page: p.page, pageSize: p.pageSize }
  }

  /** Removes entries older than the retention period, leaving a chained note of what was removed. */
  async function applyRetention(ctx: AnyCtx, retentionDays: number): Promise<number> {
    const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000)
    return deps.db.transaction().execute(async (trx) => {
      await repo.lockChain(trx)
      const { count, lastHash } = await repo.deleteAuditBefore(trx, cutoff)
      await repo.deleteLoginLogBefore(trx, cutoff)
      if (count > 0) {
        await record(trx, ctx, {
          action: 'audit.retention',
          targetType: 'audit_log',
          summary: `按保留期 ${retentionDays} 天清理 ${count} 条操作日志；最后一条被清理记录的哈希 ${lastHash}`,
        })
      }
      return count
    })
  }

  return { record, recordLogin, verify, list, listLogins, applyRetention }
}

export type AuditService = ReturnType<typeof createAuditService>
