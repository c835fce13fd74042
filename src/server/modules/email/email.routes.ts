import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'

const Settings = Type.Object({
  enabled: Type.Boolean({ title: '启用' }),
  host: Type.String({ maxLength: 200, title: 'SMTP 服务器' }),
  port: Type.Integer({ title: '端口' }),
  secure: Type.Boolean({ title: 'SSL/TLS（465 端口）' }),
  user: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: '用户名' }),
  from: Type.String({ maxLength: 200, title: '发件人' }),
})

/** 邮件服务器: SMTP for e-mail notifications, configured by a system administrator. */
export async function emailRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.email
  const tags = ['邮件 E-mail']
  const config = { permission: 'settings:manage' }

  app.get('/settings', {
    config,
    schema: {
      tags,
      summary: '邮件服务器设置（不返回密码） / SMTP settings',
      response: responses({
        200: Type.Union([
          Type.Intersect([Settings, Type.Object({ hasPassword: Type.Boolean() })]),
          Type.Null(),
        ]),
      }),
    },
    handler: async (req) => svc.settings(req.ctx()),
  })
  app.put('/settings', {
    config,
    schema: {
      tags,
      summary: '修改邮件服务器设置（密码留空则不变） / Update SMTP settings',
      body: Type.Intersect([
        Settings,
        Type.Object({ password: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])) }),
      ]),
      response: responses({
        200: Type.Union([
          Type.Intersect([Settings, Type.Object({ hasPassword: Type.Boolean() })]),
          Type.Null(),
        ]),
      }),
    },
    handler: async (req) => svc.update(req.ctx(), req.body),
  })
  app.post('/test', {
    config,
    schema: {
      tags,
      summary: '发送测试邮件 / Send a test e-mail',
      body: Type.Object(
        { to: Type.String({ maxLength: 200, title: '收件人' }) },
        { additionalProperties: false },
      ),
      response: responses({
        200: Type.Object({ status: Type.String(), error: Type.Union([Type.String(), Type.Null()]) }),
      }),
    },
    handler: async (req) => svc.test(req.ctx(), req.body.to),
  })
}
