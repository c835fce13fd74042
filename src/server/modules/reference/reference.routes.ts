import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  kind: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
})
const Industry = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
})

export async function referenceRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.reference
  const tags = ['参考数据 Reference data']

  app.get('/regions', {
    schema: {
      tags,
      summary: 'GB/T 2260 行政区划（默认返回省级） / Administrative regions',
      querystring: Type.Object({
        parent: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', title: '上级区划' })),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, title: '级别' })),
        keyword: Type.Optional(Type.String({ maxLength: 20, title: '关键字' })),
      }),
      response: responses({ 200: Type.Object({ items: Type.Array(Region) }) }),
    },
    handler: async (req) => ({ items: await svc.regions(req.query) }),
  })

  app.get('/regions/:code/chain', {
    schema: {
      tags,
      summary: '区划的上级链 / A region with its parents',
      params: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$', title: '区划代码' }) }),
      response: responses({
        200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) }),
      }),
    },
    handler: async (req) => ({ items: await svc.regionChain(req.params.code) }),
  })

  app.get('/industries', {
    schema: {
      tags,
      summary: 'GB/T 4754-2017 国民经济行业分类（门类与大类） / Industry classification',
      querystring: Type.Object({
        parent: Type.Optional(Type.String({ pattern: '^[A-T]$', title: '门类' })),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 2, title: '级别' })),
        keyword: Type.Optional(Type.String({ maxLength: 20, title: '关键字' })),
      }),
      response: responses({ 200: Type.Object({ items: Type.Array(Industry) }) }),
    },
    handler: async (req) => ({ items: await svc.industries(req.query) }),
  })
}
