import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../../errors.ts'
import type { Services } from '../../services.ts'
import { Open311Error, toXml } from './open311.format.ts'
import type { PostInput } from './open311.service.ts'

// Open311 GeoReport v2 at /open311/v2: JSON, and XML with the .xml suffix. Clients authenticate
// with an api_key (not a session), so these routes are outside /api and its CSRF rule.

const FORMATS = ['json', 'xml'] as const
type Format = (typeof FORMATS)[number]
const tags = ['Open311 GeoReport v2']
const Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), {
  description: '错误：[{ code, description }]，code 即 HTTP 状态 / errors',
})
const Doc = (description: string) => ({
  200: Type.Unknown({ description }),
  '4xx': Errors,
})
const PostBody = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200 })),
  service_code: Type.Optional(Type.String({ maxLength: 50, description: '问题类别编码（services.json）' })),
  lat: Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 30 })])),
  long: Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 30 })])),
  address_string: Type.Optional(Type.String({ maxLength: 200 })),
  address_id: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 8000 })),
  first_name: Type.Optional(Type.String({ maxLength: 50 })),
  last_name: Type.Optional(Type.String({ maxLength: 50 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 100 })),
  attribute: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 500 }))),
})

function send(reply: FastifyReply, format: Format, root: string, body: unknown, status = 200) {
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(toXml(root, body))
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body))
}

/** `attribute[code]=value` fields of a form into `{ attribute: { code: value } }`, numbers as numbers. */
function formBody(text: string): PostInput {
  const out: Record<string, unknown> = {}
  const attribute: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(text)) {
    const m = /^attribute\[(.+)\]$/.exec(k)
    if (m) attribute[m[1]] = v
    else out[k] = v
  }
  if (Object.keys(attribute).length) out.attribute = attribute
  return out as PostInput
}

const Query = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000 })),
  service_code: Type.Optional(Type.String({ maxLength: 50 })),
  start_date: Type.Optional(Type.String({ maxLength: 40 })),
  end_date: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 10 })),
})

export async function open311Routes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.open311
  const open = { public: true }

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, formBody(String(body)))
    } catch (err) {
      done(err as Error)
    }
  })
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    const format: Format = req.url.split('?')[0].endsWith('.xml') ? 'xml' : 'json'
    let status = 500
    let description = '服务器内部错误 (internal error)'
    if (err instanceof Open311Error) [status, description] = [err.status, err.message]
    else if (err instanceof AppError)
      [status, description] = [err.code === 'NOT_FOUND' ? 404 : 400, err.message]
    else if (err.validation || (err.statusCode && err.statusCode < 500))
      [status, description] = [err.statusCode ?? 400, err.message]
    else req.log.error({ err }, 'open311 request failed')
    return send(reply, format, 'errors', [{ code: status, description }], status)
  })
  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      req.url.split('?')[0].endsWith('.xml') ? 'xml' : 'json',
      'errors',
      [{ code: 404, description: `不存在：${req.url.split('?')[0]}` }],
      404,
    ),
  )

  const base = (req: FastifyRequest) => `${req.protocol}://${req.host}/open311/v2/`
  for (const f of FORMATS) {
    app.get(`/discovery.${f}`, {
      config: open,
      schema: { tags, summary: `服务发现 / Discovery (${f})`, response: Doc('discovery') },
      handler: async (req, reply) =>
        send(reply, f, 'discovery', {
          changeset: '2026-11-26T12:00:00+08:00',
          contact: '开发区督查室（清单 Qingdan）',
          key_service: '由系统管理员在“系统管理 → 开放接口”创建密钥',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: base(req),
              changeset: '2026-11-26T12:00:00+08:00',
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        }),
    })
    app.get(`/services.${f}`, {
      config: open,
      schema: { tags, summary: `服务列表（问题类别） / Service list (${f})`, response: Doc('services') },
      handler: async (_req, reply) => send(reply, f, 'services', await svc.serviceList()),
    })
    app.get(`/services/:code.${f}`, {
      config: open,
      schema: {
        tags,
        summary: `服务定义（附加属性） / Service definition (${f})`,
        params: Type.Object({ code: Type.String({ maxLength: 50 }) }),
        response: Doc('service_definition'),
      },
      handler: async (req, reply) =>
        send(reply, f, 'service_definition', await svc.serviceDefinition(req.params.code)),
    })
    app.get(`/requests.${f}`, {
      config: open,
      schema: {
        tags,
        summary: `查询服务请求（默认近 90 天，最多 1000 条） / Requests (${f})`,
        querystring: Query,
        response: Doc('service_requests'),
      },
      handler: async (req, reply) =>
        send(reply, f, 'service_requests', await svc.requests(req.query.api_key, req.query)),
    })
    app.post(`/requests.${f}`, {
      config: open,
      schema: {
        tags,
        summary: `提交服务请求（进入问题闭环） / Post a request (${f})`,
        querystring: Type.Object({ api_key: Type.Optional(Type.String({ maxLength: 200 })) }),
        body: PostBody,
        response: {
          201: Type.Unknown({ description: '[{ service_request_id, token, service_notice }]' }),
          '4xx': Errors,
        },
      },
      handler: async (req, reply) => {
        const body = (req.body ?? {}) as Omit<PostInput, 'lat' | 'long'> & {
          api_key?: string
          lat?: unknown
          long?: unknown
        }
        const num = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v))
        for (const [k, v] of [
          ['lat', body.lat],
          ['long', body.long],
        ] as const)
          if (v !== undefined && v !== '' && !Number.isFinite(Number(v)))
            throw new Open311Error(400, `${k} 应为数字`)
        const input = { ...body, lat: num(body.lat), long: num(body.long) }
        return send(
          reply,
          f,
          'service_requests',
          await svc.post(body.api_key ?? (req.query as { api_key?: string }).api_key, input),
          201,
        )
      },
    })
    app.get(`/requests/:id.${f}`, {
      config: open,
      schema: {
        tags,
        summary: `查询一个服务请求 / One request (${f})`,
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        querystring: Query,
        response: Doc('service_requests'),
      },
      handler: async (req, reply) =>
        send(reply, f, 'service_requests', await svc.request(req.query.api_key, req.params.id)),
    })
    app.get(`/tokens/:id.${f}`, {
      config: open,
      schema: {
        tags,
        summary: `由 token 查询请求编号 / Token (${f})`,
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        querystring: Query,
        response: Doc('[{ token, service_request_id }]'),
      },
      handler: async (req, reply) =>
        send(reply, f, 'service_requests', await svc.token(req.query.api_key, req.params.id)),
    })
  }
}
