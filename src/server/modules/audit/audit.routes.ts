import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageQuery, PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { MAX_EXPORT_ROWS } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'

const AuditEntry = Type.Object({
  id: Type.String(),
  zoneId: Type.Union([Type.Integer(), Type.Null()]),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
  hash: Type.String(),
})

const LoginEntry = Type.Object({
  id: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.String(),
  success: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
})

const Range = {
  from: Type.Optional(Type.String({ format: 'date-time', title: '开始时间' })),
  to: Type.Optional(Type.String({ format: 'date-time', title: '结束时间' })),
}

const AuditQuery = Type.Object({
  ...PageQuery,
  ...Range,
  actor: Type.Optional(Type.String({ maxLength: 50, title: '操作人' })),
  action: Type.Optional(Type.String({ maxLength: 60, title: '操作' })),
  targetType: Type.Optional(Type.String({ maxLength: 40, title: '对象类型' })),
  targetId: Type.Optional(Type.String({ maxLength: 40, title: '对象编号' })),
  sort: Type.Optional(Type.Union([Type.Literal('at'), Type.Literal('-at')], { title: '排序' })),
})

const LoginQuery = Type.Object({
  ...PageQuery,
  ...Range,
  username: Type.Optional(Type.String({ maxLength: 64, title: '用户名' })),
  success: Type.Optional(Type.Boolean({ title: '是否成功' })),
  ip: Type.Optional(Type.String({ maxLength: 64, title: 'IP' })),
})

const dates = (q: { from?: string; to?: string }) => ({
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
})

type AuditRowLike = Awaited<ReturnType<Services['audit']['list']>>['items'][number]
type LoginRowLike = Awaited<ReturnType<Services['audit']['listLogins']>>['items'][number]

const presentAudit = (r: AuditRowLike) => ({
  id: r.id,
  zoneId: r.zone_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  summary: r.summary,
  before: r.before,
  after: r.after,
  ip: r.ip,
  requestId: r.request_id,
  at: new Date(r.at).toISOString(),
  hash: r.hash,
})

const presentLogin = (r: LoginRowLike) => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  success: r.success,
  reason: r.reason,
  ip: r.ip,
  userAgent: r.user_agent,
  at: new Date(r.at).toISOString(),
})

export async function auditRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.audit
  const tags = ['审计 Audit']

  listRoutes(app, {
    path: '/audit-logs',
    permission: 'audit:read',
    tags,
    summary: '操作日志 / Operation log',
    querystring: AuditQuery,
    response: PageSchema(AuditEntry),
    list: async (req) => {
      const page = await svc.list({ ...req.query, ...dates(req.query) })
      return { ...page, items: page.items.map(presentAudit) }
    },
    export: {
      summary: '导出操作日志 / Export the operation log',
      rows: async (req) =>
        (await svc.list({ ...req.query, ...dates(req.query), page: 1, pageSize: MAX_EXPORT_ROWS })).items,
      sheet: '操作日志',
      filename: '操作日志.xlsx',
      columns: [
        { header: '编号', value: (r) => r.id },
        { header: '时间', value: (r) => formatBeijing(new Date(r.at)), width: 18 },
        { header: '操作人', value: (r) => r.actor_name, width: 20 },
        { header: '操作', value: (r) => r.action, width: 22 },
        {
          header: '对象',
          value: (r) => `${r.target_type}${r.target_id ? `#${r.target_id}` : ''}`,
          width: 16,
        },
        { header: '摘要', value: (r) => r.summary, width: 40 },
        { header: '变更前', value: (r) => (r.before ? JSON.stringify(r.before) : ''), width: 40 },
        { header: '变更后', value: (r) => (r.after ? JSON.stringify(r.after) : ''), width: 40 },
        { header: 'IP', value: (r) => r.ip, width: 16 },
        { header: '哈希', value: (r) => r.hash, width: 30 },
      ],
    },
  })

  app.get('/audit-logs/verify', {
    config: { permission: 'audit:read' },
    schema: {
      tags,
      summary: '校验操作日志哈希链 / Verify the hash chain',
      response: responses({
        200: Type.Object({
          ok: Type.Boolean(),
          checked: Type.Integer(),
          firstBrokenId: Type.Union([Type.String(), Type.Null()]),
          reason: Type.Union([Type.String(), Type.Null()]),
        }),
      }),
    },
    handler: async () => svc.verify(),
  })

  app.get('/login-logs', {
    config: { permission: 'loginlog:read' },
    schema: {
      tags,
      summary: '登录日志 / Login log',
      querystring: LoginQuery,
      response: responses({ 200: PageSchema(LoginEntry) }),
    },
    handler: async (req) => {
      const page = await svc.listLogins({ ...req.query, ...dates(req.query) })
      return { ...page, items: page.items.map(presentLogin) }
    },
  })
}
