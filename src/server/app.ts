import { randomUUID } from 'node:crypto'
import path from 'node:path'
import fastifyRateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Deps } from './context.ts'
import type { Database } from './db/database.ts'
import { DiskFileStore, type FileStore } from './lib/file-store.ts'
import { Hooks } from './lib/hooks.ts'
import { notifierFor } from './lib/notifier.ts'
import { SecretBox } from './lib/secret-box.ts'
import { admissionRoutes } from './modules/admission/admission.routes.ts'
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts'
import { auditRoutes } from './modules/audit/audit.routes.ts'
import { authRoutes } from './modules/auth/auth.routes.ts'
import { bulletinsRoutes } from './modules/bulletins/bulletins.routes.ts'
import { cadenceRoutes } from './modules/cadence/cadence.routes.ts'
import { calendarRoutes } from './modules/calendar/calendar.routes.ts'
import { campaignsRoutes } from './modules/campaigns/campaigns.routes.ts'
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts'
import { departmentsRoutes } from './modules/departments/departments.routes.ts'
import { dictionariesRoutes } from './modules/dictionaries/dictionaries.routes.ts'
import { emailRoutes } from './modules/email/email.routes.ts'
import { enterprisesRoutes } from './modules/enterprises/enterprises.routes.ts'
import { healthRoutes } from './modules/health/health.routes.ts'
import { importsRoutes } from './modules/imports/imports.routes.ts'
import { lightsRoutes } from './modules/lights/lights.routes.ts'
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts'
import { open311Routes } from './modules/open311/open311.routes.ts'
import { open311KeysRoutes } from './modules/open311/open311-keys.routes.ts'
import { permitsRoutes } from './modules/permits/permits.routes.ts'
import { pipelineRoutes } from './modules/pipeline/pipeline.routes.ts'
import { policiesRoutes, policyApplicationsRoutes } from './modules/policies/policies.routes.ts'
import { commonProblemsRoutes } from './modules/problems/common.routes.ts'
import { problemsRoutes } from './modules/problems/problems.routes.ts'
import { similarityRoutes } from './modules/problems/similarity.routes.ts'
import { problemSettingsRoutes, supervisionRoutes } from './modules/problems/supervision.routes.ts'
import { projectsRoutes } from './modules/projects/projects.routes.ts'
import { referenceRoutes } from './modules/reference/reference.routes.ts'
import { reportsRoutes } from './modules/reports/reports.routes.ts'
import { robotsRoutes } from './modules/robots/robots.routes.ts'
import { rolesRoutes } from './modules/roles/roles.routes.ts'
import { scorecardsRoutes } from './modules/scorecards/scorecards.routes.ts'
import { serviceRecordsRoutes } from './modules/service-records/service-records.routes.ts'
import { settingsRoutes } from './modules/settings/settings.routes.ts'
import { usersRoutes } from './modules/users/users.routes.ts'
import { suggestionsRoutes, visitsRoutes } from './modules/visits/visits.routes.ts'
import { registerAuth } from './plugins/auth.ts'
import { registerErrorHandling } from './plugins/error-handler.ts'
import { registerInputGuards } from './plugins/input-guards.ts'
import { registerOpenApi } from './plugins/openapi.ts'
import { registerSecurityHeaders } from './plugins/security-headers.ts'
import { registerWeb } from './plugins/web.ts'
import { buildServices, type Services } from './services.ts'

export interface BuildOptions {
  database: Pick<Database, 'db' | 'kind'>
  clock: Clock
  config: Config
  /** serve dist/web (default: config.serveWeb) */
  web?: boolean
  /** pino options; tests pass false */
  logger?: boolean | object
  /** where uploads go (default: DiskFileStore under DATA_DIR/files) */
  files?: FileStore
}

export interface RouteEntry {
  method: string
  url: string
  permission?: string
  public: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
    deps: Deps
    /** every route with its guard, for the authorization tests and the docs */
    routeTable: RouteEntry[]
  }
}

/** Builds the whole HTTP app from its parts; no globals, so each test builds its own. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const deps: Deps = {
    db: opts.database.db,
    dbKind: opts.database.kind,
    clock: opts.clock,
    config: opts.config,
    secrets: new SecretBox(opts.config.sessionSecret),
    files: opts.files ?? new DiskFileStore(path.join(opts.config.dataDir, 'files')),
    hooks: new Hooks(),
    notifier: await notifierFor(opts.database),
  }
  const services = buildServices(deps)

  const app = Fastify({
    logger:
      opts.logger ??
      (opts.config.logLevel === 'silent'
        ? false
        : {
            level: opts.config.logLevel,
            redact: {
              paths: [
                'req.headers.cookie',
                'req.headers.authorization',
                'req.headers["x-csrf-token"]',
                'res.headers["set-cookie"]',
              ],
              remove: true,
            },
          }),
    // Fastify's own two lines per request are replaced by the single line of the onResponse hook.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: opts.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // A URL Fastify cannot route (bad percent-encoding, a path parameter over 100 characters) is
    // answered before any hook runs: give it the app's error shape too.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      reply
        .status(tooLong ? 414 : 400)
        .type('application/json; charset=utf-8')
        .send({
          error: tooLong
            ? { code: 'VALIDATION', message: '请求地址过长', field: 'url' }
            : { code: 'VALIDATION', message: '请求地址格式不正确', field: 'url' },
        })
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w.-]{6,64}$/.test(incoming) ? incoming : randomUUID()
    },
    ajv: {
      customOptions: {
        allErrors: false,
        verbose: true,
        coerceTypes: 'array',
        removeAdditional: true,
        useDefaults: true,
      },
    },
  })
  app.decorate('services', services)
  app.addHook('onClose', () => deps.notifier.close())
  app.decorate('deps', deps)
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue
      routeTable.push({ method, url: r.url, permission: r.config?.permission, public: !!r.config?.public })
    }
  })

  // One log line per request, with its id and the user; never bodies, cookies or tokens.
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        user: req.actor?.id,
      },
      'request',
    )
  })
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })

  registerErrorHandling(app)
  registerInputGuards(app)
  registerSecurityHeaders(app)
  await app.register(fastifyRateLimit, { global: false })
  await registerOpenApi(app)
  await registerAuth(app, deps, services.auth, services.settings)

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { deps })
      await api.register(authRoutes, {
        prefix: '/auth',
        services,
        loginRateLimit: opts.config.loginRateLimit,
      })
      await api.register(departmentsRoutes, { prefix: '/departments', services })
      await api.register(usersRoutes, { prefix: '/users', services })
      await api.register(rolesRoutes, { prefix: '/roles', services })
      await api.register(dictionariesRoutes, { prefix: '/dicts', services })
      await api.register(referenceRoutes, { prefix: '/reference', services })
      await api.register(settingsRoutes, { prefix: '/settings', services })
      await api.register(auditRoutes, { services })
      await api.register(enterprisesRoutes, { prefix: '/enterprises', services })
      await api.register(pipelineRoutes, { prefix: '/pipeline', services })
      await api.register(projectsRoutes, { prefix: '/projects', services })
      await api.register(reportsRoutes, { prefix: '/reports', services })
      await api.register(lightsRoutes, { prefix: '/lights', services })
      await api.register(admissionRoutes, { prefix: '/negative-list', services })
      await api.register(attachmentsRoutes, { prefix: '/attachments', services })
      await api.register(importsRoutes, { prefix: '/imports', services })
      await api.register(calendarRoutes, { prefix: '/calendar', services })
      await api.register(similarityRoutes, { prefix: '/problems/suggest', services })
      await api.register(commonProblemsRoutes, { prefix: '/problems/common', services })
      await api.register(problemsRoutes, { prefix: '/problems', services })
      await api.register(supervisionRoutes, { prefix: '/supervision', services })
      await api.register(problemSettingsRoutes, { prefix: '/problem-settings', services })
      await api.register(visitsRoutes, { prefix: '/visits', services })
      await api.register(bulletinsRoutes, { prefix: '/bulletins', services })
      await api.register(suggestionsRoutes, { prefix: '/suggestions', services })
      await api.register(open311KeysRoutes, { prefix: '/open311-keys', services })
      await api.register(notificationsRoutes, { prefix: '/notifications', services })
      await api.register(robotsRoutes, { prefix: '/robots', services })
      await api.register(emailRoutes, { prefix: '/email', services })
      await api.register(dashboardRoutes, { prefix: '/dashboard', services })
      await api.register(campaignsRoutes, { prefix: '/campaigns', services })
      await api.register(scorecardsRoutes, { prefix: '/scorecards', services })
      await api.register(cadenceRoutes, { prefix: '/cadence', services })
      await api.register(policiesRoutes, { prefix: '/policies', services })
      await api.register(policyApplicationsRoutes, { prefix: '/policy-applications', services })
      await api.register(permitsRoutes, { services })
      await api.register(serviceRecordsRoutes, { prefix: '/service-records', services })
    },
    { prefix: '/api' },
  )
  await app.register(open311Routes, { prefix: '/open311/v2', services })

  if (opts.web ?? opts.config.serveWeb) await registerWeb(app)
  await app.ready()
  return app
}
