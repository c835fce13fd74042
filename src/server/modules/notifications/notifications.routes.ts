import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.Union([Type.String(), Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()]),
  subjectType: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
})
const Unread = Type.Object({ unread: Type.Integer() })
const Prefs = Type.Record(Type.String(), Type.Object({ inApp: Type.Boolean(), email: Type.Boolean() }))
const HEARTBEAT_MS = 25_000

/** Every signed-in person has a notification centre: no permission beyond being signed in. */
export async function notificationsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.notifications
  const tags = ['通知 Notifications']
  // Open streams end when the server stops, so closing does not wait for browsers to hang up.
  const streams = new Set<{ end(): void }>()
  fastify.addHook('onClose', async () => {
    for (const s of streams) s.end()
  })

  app.get('/', {
    schema: {
      tags,
      summary: '我的通知（最新在前） / My notifications',
      querystring: Type.Object({
        unread: Type.Optional(Type.Boolean({ title: '只看未读' })),
        page: Type.Optional(Type.Integer({ minimum: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
      response: responses({
        200: Type.Object({
          items: Type.Array(Notification),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
          unread: Type.Integer(),
        }),
      }),
    },
    handler: async (req) => svc.list(req.ctx().actor, req.query),
  })

  app.get('/unread-count', {
    schema: { tags, summary: '未读通知数 / Unread count', response: responses({ 200: Unread }) },
    handler: async (req) => svc.unread(req.ctx().actor),
  })

  app.post('/:id/read', {
    schema: {
      tags,
      summary: '标为已读 / Mark read',
      params: Type.Object({ id: Type.String({ maxLength: 20 }) }),
      body: Type.Object({}, { additionalProperties: false, description: '空对象 / empty' }),
      response: responses({ 200: Unread }),
    },
    handler: async (req) => svc.markRead(req.ctx(), req.params.id),
  })

  app.post('/read-all', {
    schema: {
      tags,
      summary: '全部标为已读 / Mark all read',
      body: Type.Object({}, { additionalProperties: false, description: '空对象 / empty' }),
      response: responses({ 200: Unread }),
    },
    handler: async (req) => svc.markAllRead(req.ctx()),
  })

  app.get('/preferences', {
    schema: {
      tags,
      summary: '通知设置（每类通知的站内、邮件开关） / Preferences',
      response: responses({ 200: Prefs }),
    },
    handler: async (req) => svc.prefs(req.ctx().actor),
  })

  app.put('/preferences', {
    schema: {
      tags,
      summary: '修改通知设置 / Update preferences',
      body: Type.Record(
        Type.String({ maxLength: 40 }),
        Type.Record(Type.String({ maxLength: 10 }), Type.Boolean()),
      ),
      response: responses({ 200: Prefs }),
    },
    handler: async (req) => svc.putPrefs(req.ctx(), req.body),
  })

  /**
   * Server-Sent Events: `event: notification` with the notification as data and its id as the
   * event id; a reconnecting browser sends Last-Event-ID and receives what it missed.
   */
  app.get('/stream', {
    schema: {
      tags,
      summary: '实时通知（Server-Sent Events，断线重连带 Last-Event-ID） / Live stream',
      response: { 200: Type.String({ description: 'text/event-stream' }) },
    },
    handler: async (req, reply) => {
      const actor = req.ctx().actor
      const header = req.headers['last-event-id']
      let last = typeof header === 'string' && /^\d{1,18}$/.test(header) ? header : await svc.latestId(actor)
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 3000\n\n')
      let busy = Promise.resolve()
      const flush = () => {
        busy = busy
          .then(async () => {
            for (const n of await svc.since(actor, last)) {
              res.write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`)
              last = n.id
            }
          })
          .catch((err) => req.log.warn({ err }, 'notification stream read failed'))
      }
      const unsubscribe = svc.subscribe((m) => {
        if (m.userIds.includes(actor.id)) flush()
      })
      const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
      beat.unref()
      streams.add(res)
      req.raw.on('close', () => {
        clearInterval(beat)
        unsubscribe()
        streams.delete(res)
      })
      flush() // what was missed while disconnected
    },
  })
}
