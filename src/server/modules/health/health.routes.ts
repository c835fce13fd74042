import { readFileSync } from 'node:fs'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Deps } from '../../context.ts'
import { ping } from '../../db/database.ts'
import { responses } from '../../lib/route-helpers.ts'

export const APP_VERSION: string = JSON.parse(
  readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
).version

export async function healthRoutes(fastify: FastifyInstance, { deps }: { deps: Deps }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['系统 System'],
      summary: '健康检查 / Health',
      response: responses({
        200: Type.Object({
          status: Type.Literal('ok'),
          db: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          version: Type.String(),
        }),
      }),
    },
    handler: async () => {
      await ping(deps.db)
      return { status: 'ok' as const, db: deps.dbKind, version: APP_VERSION }
    },
  })
}
