import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as repo from './settings.repository.ts'
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './settings.schema.ts'

const SECURITY_KEY = 'security_policy'

export function createSettingsService(deps: Deps, audit: AuditService) {
  // Read on every login and request; cached and refreshed on write (single writer per process,
  // and a short TTL so other processes pick up changes).
  let cached: { value: SecurityPolicy; at: number } | null = null
  const TTL = 30_000

  async function securityPolicy(): Promise<SecurityPolicy> {
    if (cached && Date.now() - cached.at < TTL) return cached.value
    const stored = await repo.getSetting<Partial<SecurityPolicy>>(deps.db, SECURITY_KEY)
    const value = { ...DEFAULT_SECURITY_POLICY, ...(stored ?? {}) }
    cached = { value, at: Date.now() }
    return value
  }

  async function updateSecurityPolicy(ctx: Ctx | AnyCtx, next: SecurityPolicy): Promise<SecurityPolicy> {
    const before = await securityPolicy()
    await deps.db.transaction().execute(async (trx) => {
      await repo.putSetting(trx, SECURITY_KEY, next, deps.clock.now(), ctx.actor?.id ?? null)
      await audit.record(trx, ctx, {
        action: 'settings.security.update',
        targetType: 'settings',
        targetId: SECURITY_KEY,
        summary: '修改安全策略',
        before: before as unknown as Record<string, unknown>,
        after: next as unknown as Record<string, unknown>,
      })
    })
    cached = null
    return securityPolicy()
  }

  /** Forget the cached policy (tests that roll a write back; another process's change). */
  function invalidate() {
    cached = null
  }

  return { securityPolicy, updateSecurityPolicy, invalidate }
}

export type SettingsService = ReturnType<typeof createSettingsService>
