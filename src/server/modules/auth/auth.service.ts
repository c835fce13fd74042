import { passwordProblem } from '../../../shared/password-policy.ts'
import type { AnyCtx, Ctx, Deps, SystemCtx } from '../../context.ts'
import { AppError } from '../../errors.ts'
import { DUMMY_HASH_PASSWORD, hashPassword, verifyPassword } from '../../lib/password-hash.ts'
import { DAY, formatBeijing, MINUTE } from '../../lib/time.ts'
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from '../../lib/totp.ts'
import { type Actor, buildScope, withZonesUnder } from '../../policies/actor.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { SettingsService } from '../settings/settings.service.ts'
import * as repo from './auth.repository.ts'
import { destroyUserSessions } from './session-store.ts'

export type LoginOutcome = { status: 'ok'; userId: number } | { status: 'totp_required'; userId: number }

interface ClientInfo {
  ip: string | null
  userAgent: string | null
  requestId: string | null
}

export function createAuthService(deps: Deps, audit: AuditService, settings: SettingsService) {
  const { db, clock } = deps
  let dummyHash: Promise<string> | null = null

  async function failLogin(client: ClientInfo, username: string, userId: number | null, reason: string) {
    await audit.recordLogin(db, {
      userId,
      username,
      success: false,
      reason,
      ip: client.ip,
      userAgent: client.userAgent,
    })
  }

  /** Checks username and password, applying lockout; the second factor, if any, comes next. */
  async function login(username: string, password: string, client: ClientInfo): Promise<LoginOutcome> {
    const policy = await settings.securityPolicy()
    const now = clock.now()
    const user = await repo.findCredentials(db, username)
    if (!user) {
      // Spend the same time as a real check so that timing does not reveal which usernames exist.
      dummyHash ??= hashPassword(DUMMY_HASH_PASSWORD, deps.config.scryptCost)
      await verifyPassword(password, await dummyHash)
      await failLogin(client, username, null, '用户不存在')
      throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误', { field: 'password' })
    }
    if (user.locked_until && new Date(user.locked_until) > now) {
      await failLogin(client, user.username, user.id, '账户已锁定')
      throw lockedError(new Date(user.locked_until))
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      // A lock that has run out starts the count afresh.
      const base = user.locked_until ? 0 : user.failed_logins
      const failures = base + 1
      const lockUntil =
        failures >= policy.lockThreshold ? new Date(now.getTime() + policy.lockMinutes * MINUTE) : null
      await repo.setLock(db, user.id, lockUntil, failures, now)
      await failLogin(client, user.username, user.id, lockUntil ? '密码错误，账户已锁定' : '密码错误')
      if (lockUntil) {
        await audit.record(db, systemCtx(client), {
          action: 'user.lock',
          targetType: 'user',
          targetId: user.id,
          zoneId: user.zone_id,
          summary: `连续 ${failures} 次登录失败，账户 ${user.username} 锁定至 ${formatBeijing(lockUntil)}`,
        })
        throw lockedError(lockUntil)
      }
      const left = policy.lockThreshold - failures
      throw new AppError(
        'INVALID_CREDENTIALS',
        `用户名或密码错误，再失败 ${left} 次账户将被锁定 ${policy.lockMinutes} 分钟`,
        {
          field: 'password',
          details: { attemptsLeft: left },
        },
      )
    }
    if (!user.enabled) {
      await failLogin(client, user.username, user.id, '账户已停用')
      throw new AppError('ACCOUNT_DISABLED', '账户已停用，请联系系统管理员')
    }
    if (user.totp_enabled) return { status: 'totp_required', userId: user.id }
    await completeLogin(user.id, user.username, client)
    return { status: 'ok', userId: user.id }
  }

  /** Second step for accounts with TOTP: a 6-digit code or a one-time recovery code. */
  async function verifySecondFactor(userId: number, code: string, client: ClientInfo): Promise<void> {
    const user = await repo.findCredentialsById(db, userId)
    if (!user?.totp_enabled || !user.totp_secret) throw new AppError('UNAUTHENTICATED', '请重新登录')
    const trimmed = code.trim()
    if (/^\d{6}$/.test(trimmed)) {
      if (!verifyTotp(deps.secrets.open(user.totp_secret), trimmed, clock.now())) {
        await failLogin(client, user.username, user.id, '动态验证码错误')
        throw new AppError('TOTP_INVALID', '动态验证码错误或已过期', { field: 'code' })
      }
    } else {
      const hashes = (user.recovery_codes ?? []) as string[]
      const h = hashRecoveryCode(trimmed)
      if (!hashes.includes(h)) {
        await failLogin(client, user.username, user.id, '恢复码错误')
        throw new AppError('TOTP_INVALID', '恢复码错误或已使用', { field: 'code' })
      }
      await repo.setTotp(db, user.id, { recovery_codes: hashes.filter((x) => x !== h) }, clock.now())
    }
    await completeLogin(user.id, user.username, client)
  }

  async function completeLogin(userId: number, username: string, client: ClientInfo) {
    const now = clock.now()
    await repo.recordSuccess(db, userId, client.ip, now)
    await audit.recordLogin(db, {
      userId,
      username,
      success: true,
      reason: null,
      ip: client.ip,
      userAgent: client.userAgent,
    })
  }

  async function recordLogout(actor: Actor, client: ClientInfo) {
    await audit.recordLogin(db, {
      userId: actor.id,
      username: actor.username,
      success: true,
      reason: '退出登录',
      ip: client.ip,
      userAgent: client.userAgent,
    })
  }

  /** Builds the actor for a signed-in user; null when the user no longer exists or is disabled. */
  async function loadActor(userId: number): Promise<Actor | null> {
    const rows = await repo.loadActorRows(db, userId)
    if (!rows?.user.enabled) return null
    const { user, roles } = rows
    const policy = await settings.securityPolicy()
    const changedAt = new Date(user.password_changed_at)
    const expiresAt = new Date(changedAt.getTime() + policy.passwordMaxAgeDays * DAY)
    const mustChange = user.must_change_password
      ? 'initial'
      : expiresAt.getTime() <= clock.now().getTime()
        ? 'expired'
        : null
    const scopeUser = {
      departmentId: user.department_id,
      departmentPath: user.department_path,
      zoneId: user.zone_id,
    }
    let scope = buildScope(
      roles,
      scopeUser,
      roles.flatMap((r) => (r.dataScope === 'custom' ? r.customPaths : [])),
    )
    // city-level grants: the zones inside them are seen whole (one more query, for those users only)
    if (scope.subtreePaths.length)
      scope = withZonesUnder(scope, await repo.zonesUnder(db, scope.subtreePaths))
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      departmentId: user.department_id,
      departmentPath: user.department_path,
      zoneId: user.zone_id,
      enterpriseId: user.enterprise_id,
      roles: roles.map(({ permissions: _p, customPaths: _c, ...r }) => r),
      permissions: new Set(roles.flatMap((r) => r.permissions)),
      scope,
      mustChangePassword: mustChange,
      passwordExpiresAt: expiresAt,
      totpEnabled: user.totp_enabled,
    }
  }

  async function changeOwnPassword(
    ctx: Ctx,
    currentPassword: string,
    newPassword: string,
    keepSid: string | undefined,
  ) {
    const user = await repo.findCredentialsById(db, ctx.actor.id)
    if (!user || !(await verifyPassword(currentPassword, user.password_hash))) {
      throw new AppError('VALIDATION', '当前密码不正确', { field: 'currentPassword' })
    }
    const problem = passwordProblem(newPassword, user.username)
    if (problem) throw new AppError('PASSWORD_POLICY', problem, { field: 'newPassword' })
    if (await verifyPassword(newPassword, user.password_hash)) {
      throw new AppError('PASSWORD_POLICY', '新密码不能与当前密码相同', { field: 'newPassword' })
    }
    const hash = await hashPassword(newPassword, deps.config.scryptCost)
    await db.transaction().execute(async (trx) => {
      await repo.setPassword(trx, user.id, hash, clock.now(), false)
      await audit.record(trx, ctx, {
        action: 'user.password.change',
        targetType: 'user',
        targetId: user.id,
        zoneId: user.zone_id,
        summary: '修改本人密码',
      })
      // Other sessions of this user end: whoever knew the old password is out.
      await destroyUserSessions(trx, user.id, keepSid)
    })
  }

  async function beginTotpSetup(ctx: Ctx) {
    const secret = newTotpSecret()
    await repo.setTotp(db, ctx.actor.id, { totp_pending_secret: deps.secrets.seal(secret) }, clock.now())
    return { secret, uri: totpUri(secret, ctx.actor.username) }
  }

  async function enableTotp(ctx: Ctx, code: string): Promise<string[]> {
    const user = await repo.findCredentialsById(db, ctx.actor.id)
    if (!user?.totp_pending_secret)
      throw new AppError('INVALID_TRANSITION', '请先生成二维码再验证', { field: 'code' })
    const secret = deps.secrets.open(user.totp_pending_secret)
    if (!verifyTotp(secret, code, clock.now()))
      throw new AppError('TOTP_INVALID', '动态验证码错误或已过期', { field: 'code' })
    const codes = newRecoveryCodes()
    await db.transaction().execute(async (trx) => {
      await repo.setTotp(
        trx,
        user.id,
        {
          totp_enabled: true,
          totp_secret: user.totp_pending_secret,
          totp_pending_secret: null,
          recovery_codes: codes.map(hashRecoveryCode),
        },
        clock.now(),
      )
      await audit.record(trx, ctx, {
        action: 'user.totp.enable',
        targetType: 'user',
        targetId: user.id,
        zoneId: user.zone_id,
        summary: '启用双因素认证',
      })
    })
    return codes
  }

  async function disableTotp(ctx: Ctx, password: string) {
    const user = await repo.findCredentialsById(db, ctx.actor.id)
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      throw new AppError('VALIDATION', '密码不正确', { field: 'password' })
    }
    await db.transaction().execute(async (trx) => {
      await repo.setTotp(
        trx,
        user.id,
        { totp_enabled: false, totp_secret: null, totp_pending_secret: null, recovery_codes: [] },
        clock.now(),
      )
      await audit.record(trx, ctx, {
        action: 'user.totp.disable',
        targetType: 'user',
        targetId: user.id,
        zoneId: user.zone_id,
        summary: '停用双因素认证',
      })
    })
  }

  return {
    login,
    verifySecondFactor,
    recordLogout,
    loadActor,
    changeOwnPassword,
    beginTotpSetup,
    enableTotp,
    disableTotp,
  }
}

function lockedError(until: Date) {
  return new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定，请于 ${formatBeijing(until)} 后再试`, {
    details: { lockedUntil: until.toISOString() },
  })
}

function systemCtx(client: ClientInfo): SystemCtx {
  return { actor: null, ip: client.ip, requestId: client.requestId, label: '系统' }
}

export type AuthService = ReturnType<typeof createAuthService>
export type { AnyCtx }
