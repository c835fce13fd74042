import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ROBOT_PLATFORMS, ROBOT_TOPICS } from '../../../shared/robots.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Robot = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  departmentName: Nullable(Type.String()),
  platform: Type.String(),
  name: Type.String(),
  webhookHint: Type.String({ description: '主机与密钥末几位（不返回完整地址与密钥）' }),
  signed: Type.Boolean(),
  topics: Type.Array(Type.String()),
  mobiles: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  lastDeliveryAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
})
const Delivery = Type.Object({
  id: Type.String(),
  robotId: Type.Integer(),
  robotName: Type.String(),
  platform: Type.String(),
  topic: Type.String(),
  title: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  errorCode: Nullable(Type.String()),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  nextAt: Nullable(Type.String()),
})
const Fields = {
  name: Type.String({ maxLength: 100, title: '机器人名称' }),
  platform: Type.Union(
    ROBOT_PLATFORMS.map((p) => Type.Literal(p)),
    { title: '平台' },
  ),
  webhook: Type.Optional(Type.String({ maxLength: 500, title: 'Webhook 地址' })),
  secret: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: '加签密钥' })),
  departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '所属部门' })),
  topics: Type.Array(
    Type.Union(Object.keys(ROBOT_TOPICS).map((k) => Type.Literal(k as keyof typeof ROBOT_TOPICS))),
    {
      maxItems: 10,
      title: '推送的消息',
    },
  ),
  mobiles: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20, title: '@ 的手机号' })),
  enabled: Type.Optional(Type.Boolean()),
}

/** 工作群机器人: configuration, a test message, and the delivery log with each platform's error code. */
export async function robotsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.robots
  const tags = ['工作群机器人 Robots']
  // checked in the service: the supervision office (portfolio:configure) or a system administrator
  const config = { permission: undefined }

  app.get('/', {
    config,
    schema: {
      tags,
      summary: '工作群机器人 / Robots',
      response: responses({ 200: Type.Object({ items: Type.Array(Robot) }) }),
    },
    handler: async (req) => svc.list(req.ctx()),
  })
  app.post('/', {
    config,
    schema: {
      tags,
      summary: '添加机器人（Webhook 与密钥加密保存，不再返回） / Add a robot',
      body: Type.Object(
        { ...Fields, zoneId: Type.Optional(Type.Integer({ minimum: 1 })) },
        { additionalProperties: false },
      ),
      response: responses({ 201: Robot }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })
  app.put('/:id', {
    config,
    schema: {
      tags,
      summary: '修改机器人（Webhook、密钥留空则不变） / Update a robot',
      params: IdParams,
      body: Type.Object(
        { ...Fields, version: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
      response: responses({ 200: Robot }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })
  app.delete('/:id', {
    config,
    schema: {
      tags,
      summary: '删除机器人 / Delete a robot',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })
  app.post('/:id/test', {
    config,
    schema: {
      tags,
      summary: '发送测试消息（立即发送并返回结果） / Send a test message',
      params: IdParams,
      body: Type.Object({}, { additionalProperties: false, description: '空对象 / empty' }),
      response: responses({ 200: Delivery }),
    },
    handler: async (req) => svc.test(req.ctx(), req.params.id),
  })
  app.post('/send-lists', {
    config: { permission: 'problem:read' },
    schema: {
      tags,
      summary:
        '把一个问题的三个清单发到工作群（牵头单位群与开发区群） / Send a problem’s three lists to the groups',
      body: Type.Object(
        { problemId: Type.Integer({ minimum: 1, title: '问题' }) },
        { additionalProperties: false },
      ),
      response: responses({ 200: Type.Object({ groups: Type.Integer() }) }),
    },
    handler: async (req) => svc.sendLists(req.ctx(), req.body.problemId),
  })
  app.get('/deliveries', {
    config,
    schema: {
      tags,
      summary: '发送记录（状态、重试次数、平台返回的错误码） / Delivery log',
      querystring: Type.Object({
        robotId: Type.Optional(Type.Integer({ minimum: 1 })),
        status: Type.Optional(
          Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
        ),
        page: Type.Optional(Type.Integer({ minimum: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }),
      response: responses({
        200: Type.Object({
          items: Type.Array(Delivery),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
        }),
      }),
    },
    handler: async (req) => svc.deliveries(req.ctx(), req.query),
  })
}
