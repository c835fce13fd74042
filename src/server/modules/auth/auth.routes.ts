import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { AppError } from '../../errors.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { SESSION_COOKIE, signOutSession } from '../../plugins/auth.ts'
import type { Actor } from '../../policies/actor.ts'
import type { Services } from '../../services.ts'
import {
  ChangePasswordBody,
  CsrfResponse,
  LoginBody,
  LoginResponse,
  Me,
  PasswordBody,
  RecoveryCodesResponse,
  TotpBody,
  TotpSetupResponse,
} from './auth.schema.ts'

const client = (req: FastifyRequest) => ({
  ip: req.ip ?? null,
  userAgent: (req.headers['user-agent'] as string | undefined) ?? null,
  requestId: String(req.id),
})

export async function authRoutes(
  fastify: FastifyInstance,
  { services, loginRateLimit }: { services: Services; loginRateLimit: number },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['登录与账号 Auth']

  async function me(actor: Actor) {
    const names = await services.departments.pathNames(actor.departmentPath)
    const ids = actor.departmentPath.split('/').filter(Boolean).map(Number)
    const zoneIndex = actor.zoneId ? ids.indexOf(actor.zoneId) : -1
    const policy = await services.settings.securityPolicy()
    const enterprise = actor.enterpriseId
      ? await services.enterprises.findVisible(actor, actor.enterpriseId)
      : null
    return {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      department: { id: actor.departmentId, name: names[names.length - 1] ?? '', pathNames: names },
      zone: zoneIndex >= 0 ? { id: actor.zoneId!, name: names[zoneIndex] } : null,
      enterprise: enterprise ? { id: enterprise.id, name: enterprise.name } : null,
      roles: actor.roles.map((r) => ({ id: r.id, code: r.code, name: r.name, triad: r.triad })),
      permissions: [...actor.permissions].sort(),
      mustChangePassword: actor.mustChangePassword,
      passwordExpiresAt: actor.passwordExpiresAt?.toISOString() ?? null,
      totpEnabled: actor.totpEnabled,
      idleMinutes: policy.idleMinutes,
    }
  }

  async function startSession(req: FastifyRequest, userId: number) {
    // A fresh session id at sign-in defeats session fixation; the CSRF secret is issued anew.
    await req.session.regenerate()
    const now = services.clock.now().getTime()
    req.session.userId = userId
    req.session.authAt = now
    req.session.lastSeen = now
  }

  app.get('/csrf', {
    config: { public: true },
    schema: {
      tags,
      summary: '获取 CSRF 令牌（所有写请求放在 x-csrf-token 头） / CSRF token',
      response: responses({ 200: CsrfResponse }),
    },
    handler: async (_req, reply) => ({ token: await reply.generateCsrf() }),
  })

  app.post('/login', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '用户名密码登录 / Sign in',
      body: LoginBody,
      response: responses({ 200: LoginResponse }),
    },
    handler: async (req, reply) => {
      const outcome = await services.auth.login(req.body.username.trim(), req.body.password, client(req))
      if (outcome.status === 'totp_required') {
        signOutSession(req)
        req.session.pendingUserId = outcome.userId
        return { status: 'totp_required' as const, csrfToken: await reply.generateCsrf() }
      }
      await startSession(req, outcome.userId)
      const actor = await services.auth.loadActor(outcome.userId)
      return { status: 'ok' as const, csrfToken: await reply.generateCsrf(), user: await me(actor!) }
    },
  })

  app.post('/totp', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '输入动态验证码或恢复码完成登录 / Second factor',
      body: TotpBody,
      response: responses({ 200: LoginResponse }),
    },
    handler: async (req, reply) => {
      const pending = req.session.pendingUserId
      if (!pending) throw new AppError('UNAUTHENTICATED', '请先输入用户名和密码')
      await services.auth.verifySecondFactor(pending, req.body.code, client(req))
      await startSession(req, pending)
      const actor = await services.auth.loadActor(pending)
      return { status: 'ok' as const, csrfToken: await reply.generateCsrf(), user: await me(actor!) }
    },
  })

  app.post('/logout', {
    config: { allowDuringPasswordChange: true },
    schema: { tags, summary: '退出登录 / Sign out', response: responses({ 200: Ok }) },
    handler: async (req, reply) => {
      await services.auth.recordLogout(req.ctx().actor, client(req))
      await req.session.destroy()
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { ok: true }
    },
  })

  app.get('/me', {
    config: { allowDuringPasswordChange: true },
    schema: { tags, summary: '当前用户 / Current user', response: responses({ 200: Me }) },
    handler: async (req) => me(req.ctx().actor),
  })

  app.post('/password', {
    config: { allowDuringPasswordChange: true },
    schema: {
      tags,
      summary: '修改本人密码 / Change own password',
      body: ChangePasswordBody,
      response: responses({ 200: Me }),
    },
    handler: async (req) => {
      const ctx = req.ctx()
      await services.auth.changeOwnPassword(
        ctx,
        req.body.currentPassword,
        req.body.newPassword,
        req.session.sessionId,
      )
      return me((await services.auth.loadActor(ctx.actor.id))!)
    },
  })

  app.post('/totp/setup', {
    schema: {
      tags,
      summary: '生成双因素认证二维码 / Begin TOTP enrolment',
      response: responses({ 200: TotpSetupResponse }),
    },
    handler: async (req) => {
      const { secret, uri } = await services.auth.beginTotpSetup(req.ctx())
      return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) }
    },
  })

  app.post('/totp/enable', {
    schema: {
      tags,
      summary: '验证并启用双因素认证，返回一次性恢复码 / Enable TOTP',
      body: TotpBody,
      response: responses({ 200: RecoveryCodesResponse }),
    },
    handler: async (req) => ({ recoveryCodes: await services.auth.enableTotp(req.ctx(), req.body.code) }),
  })

  app.post('/totp/disable', {
    schema: {
      tags,
      summary: '停用双因素认证 / Disable TOTP',
      body: PasswordBody,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => {
      await services.auth.disableTotp(req.ctx(), req.body.password)
      return { ok: true }
    },
  })
}
