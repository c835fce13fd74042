import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { responses } from '../../lib/route-helpers.ts'
import type { Services } from '../../services.ts'
import { SecurityPolicy } from './settings.schema.ts'

export async function settingsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['设置 Settings']

  app.get('/security', {
    config: { permission: 'security:manage' },
    schema: { tags, summary: '安全策略 / Security policy', response: responses({ 200: SecurityPolicy }) },
    handler: async () => services.settings.securityPolicy(),
  })

  app.put('/security', {
    config: { permission: 'security:manage' },
    schema: {
      tags,
      summary: '修改安全策略 / Update the security policy',
      body: SecurityPolicy,
      response: responses({ 200: SecurityPolicy }),
    },
    handler: async (req) => services.settings.updateSecurityPolicy(req.ctx(), req.body),
  })
}
