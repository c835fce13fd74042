import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'
import { LightRulesSchema } from './lights.schema.ts'

export async function lightsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['红黄绿灯 Lights']

  app.get('/rules', {
    config: { permission: 'project:read' },
    schema: { tags, summary: '红黄绿灯规则 / Light rules', response: responses({ 200: LightRulesSchema }) },
    handler: async () => services.lights.rules(),
  })

  app.put('/rules', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '修改红黄绿灯规则（随后夜间全部重算） / Update light rules',
      body: LightRulesSchema,
      response: responses({ 200: LightRulesSchema }),
    },
    handler: async (req) => {
      const rules = await services.lights.updateRules(req.ctx(), req.body)
      await services.projects.recomputeAll(req.ctx())
      return rules
    },
  })
}
