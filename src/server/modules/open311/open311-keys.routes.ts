import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'

const Key = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  name: Type.String(),
  source: Type.String(),
  hint: Type.String(),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
  createdByName: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  requests: Type.Integer(),
})

/** Open311 API keys: one per connected system (a 12345 hotline, a city platform), bound to a zone. */
export async function open311KeysRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.open311
  const tags = ['开放接口 Open311 keys']
  const config = { permission: 'settings:manage' }

  app.get('/', {
    config,
    schema: {
      tags,
      summary: 'Open311 接口密钥列表 / API keys',
      response: responses({ 200: Type.Object({ items: Type.Array(Key) }) }),
    },
    handler: async (req) => svc.listKeys(req.ctx()),
  })
  app.post('/', {
    config,
    schema: {
      tags,
      summary: '创建接口密钥（密钥只在此时显示一次） / Create a key (shown once)',
      body: Type.Object(
        {
          name: Type.String({ maxLength: 100, title: '接入系统名称' }),
          source: Type.Optional(Type.String({ maxLength: 30, title: '问题来源' })),
          zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
        },
        { additionalProperties: false },
      ),
      response: responses({ 201: Type.Intersect([Key, Type.Object({ apiKey: Type.String() })]) }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createKey(req.ctx(), req.body)),
  })
  app.post('/:id/revoke', {
    config,
    schema: {
      tags,
      summary: '停用接口密钥 / Revoke a key',
      params: IdParams,
      body: Type.Object(
        { reason: Type.Optional(Type.String({ maxLength: 200, title: '停用原因' })) },
        { additionalProperties: false },
      ),
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.revokeKey(req.ctx(), req.params.id, req.body.reason),
  })
}
