import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifySession from '@fastify/session'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Ctx, Deps } from '../context.ts'
import { AppError } from '../errors.ts'
import { MINUTE } from '../lib/time.ts'
import type { AuthService } from '../modules/auth/auth.service.ts'
import { DbSessionStore } from '../modules/auth/session-store.ts'
import type { SettingsService } from '../modules/settings/settings.service.ts'
import type { Actor } from '../policies/actor.ts'

export const SESSION_COOKIE = 'qd_sid'
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// lastSeen is written at most this often, so a busy user does not cost a session write per request.
const TOUCH_EVERY_MS = 60_000

declare module 'fastify' {
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean
    /** permission key the actor must hold */
    permission?: string
    /** reachable while a password change is pending (me, logout, change password) */
    allowDuringPasswordChange?: boolean
    /** false for machine endpoints authenticated otherwise (API keys) */
    csrf?: boolean
  }
  interface FastifyRequest {
    actor: Actor | null
    sessionExpired: boolean
    /** the actor's context for service calls; throws 401 when nobody is signed in */
    ctx(): Ctx
  }
  interface Session {
    userId?: number
    /** password checked, waiting for the TOTP code */
    pendingUserId?: number
    authAt?: number
    lastSeen?: number
    _csrf?: string
  }
}

export async function registerAuth(
  app: FastifyInstance,
  deps: Deps,
  auth: AuthService,
  settings: SettingsService,
) {
  await app.register(fastifyCookie)
  await app.register(fastifySession, {
    secret: deps.config.sessionSecret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'strict', secure: false, path: '/' },
    store: new DbSessionStore(
      deps.db,
      deps.clock,
      async () => (await settings.securityPolicy()).sessionMaxHours * 3600_000,
    ),
  })
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    getToken: (req: FastifyRequest) => req.headers['x-csrf-token'] as string | undefined,
  })

  app.decorateRequest('actor', null)
  app.decorateRequest('sessionExpired', false)
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.actor) throw new AppError('UNAUTHENTICATED', '请先登录')
    return { actor: this.actor, ip: this.ip ?? null, requestId: String(this.id) }
  })

  app.addHook('onRequest', async (request) => {
    // Secure cookies behind TLS (directly or through a trusted proxy), or always when configured.
    const secure =
      deps.config.secureCookies === true ||
      (deps.config.secureCookies === 'auto' && request.protocol === 'https')
    if (secure && request.session) request.session.options({ secure: true })
  })

  app.addHook('preValidation', async (request, reply) => {
    await resolveActor(request)
    if (request.is404) return
    const cfg = request.routeOptions.config ?? {}
    // Only the API is guarded; the web app's files and the API documentation are public.
    const url = request.routeOptions.url ?? request.url
    if (!url.startsWith('/api') || url.startsWith('/api/docs')) return
    if (!cfg.public && !request.actor) {
      throw request.sessionExpired
        ? new AppError('SESSION_EXPIRED', '长时间未操作，登录已超时，请重新登录')
        : new AppError('UNAUTHENTICATED', '请先登录')
    }
    if (request.actor?.mustChangePassword && !cfg.allowDuringPasswordChange && !cfg.public) {
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        request.actor.mustChangePassword === 'expired'
          ? '密码已过期，请先修改密码'
          : '首次登录或密码被重置，请先修改密码',
      )
    }
    if (MUTATING.has(request.method) && cfg.csrf !== false) {
      checkOrigin(request)
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection.call(app, request, reply, (err?: Error) => (err ? reject(err) : resolve()))
      })
    }
    if (cfg.permission && !request.actor?.permissions.has(cfg.permission)) {
      throw new AppError('FORBIDDEN', '没有执行此操作的权限')
    }
  })

  async function resolveActor(request: FastifyRequest) {
    const session = request.session
    if (!session?.userId) return
    const now = deps.clock.now().getTime()
    const policy = await settings.securityPolicy()
    if (session.lastSeen && now - session.lastSeen > policy.idleMinutes * MINUTE) {
      signOutSession(request)
      request.sessionExpired = true
      return
    }
    const actor = await auth.loadActor(session.userId)
    if (!actor) {
      signOutSession(request)
      return
    }
    request.actor = actor
    if (!session.lastSeen || now - session.lastSeen >= TOUCH_EVERY_MS) session.lastSeen = now
  }
}

/** Forgets who is signed in on this session but keeps the session (and its CSRF secret). */
export function signOutSession(request: FastifyRequest) {
  const s = request.session
  if (!s) return
  s.userId = undefined
  s.pendingUserId = undefined
  s.authAt = undefined
  s.lastSeen = undefined
}

function checkOrigin(request: FastifyRequest) {
  const origin = request.headers.origin
  if (!origin) return
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    throw new AppError('ORIGIN_MISMATCH', '请求来源不可信')
  }
  const expected = request.host
  if (host !== expected) throw new AppError('ORIGIN_MISMATCH', '请求来源不可信，已拒绝跨站请求')
}
