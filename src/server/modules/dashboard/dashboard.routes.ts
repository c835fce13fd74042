import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'

/** 驾驶舱: the whole cockpit in one call, filtered by zone and year. */
export async function dashboardRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/', {
    config: { permission: 'project:read' },
    schema: {
      tags: ['驾驶舱 Dashboard'],
      summary: '驾驶舱数据（一个请求：项目、投资、招商、问题、红榜、攻坚、地图） / The cockpit',
      querystring: Type.Object({
        zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
        year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })),
        fresh: Type.Optional(
          Type.Boolean({ title: '立即重算', description: 'true 不用快照，现在重新计算（大开发区需数秒）' }),
        ),
      }),
      response: responses({ 200: Type.Unknown({ description: '各图表的数据，见 dashboard.service.ts' }) }),
    },
    handler: async (req) => services.dashboard.view(req.ctx(), req.query),
  })
}
