import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { ErrorResponse } from '../lib/route-helpers.ts'
import { APP_VERSION } from '../modules/health/health.routes.ts'

export async function registerOpenApi(app: FastifyInstance) {
  app.addSchema(ErrorResponse)
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '清单 Qingdan API',
        description:
          '开发区重点项目与企业诉求闭环管理平台接口。登录后使用会话 Cookie；所有写请求须带 `x-csrf-token` 头（先调用 `GET /api/auth/csrf`）。' +
          '错误统一为 `{ "error": { "code", "message", "field" } }`。\n\n' +
          'API of the Qingdan platform. Session cookie auth; every write needs the `x-csrf-token` header.',
        version: APP_VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'qd_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _base, _frag, i) => String(json.$id ?? json.title ?? `def-${i}`),
    },
  })
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
    uiHooks: {},
  })
}
