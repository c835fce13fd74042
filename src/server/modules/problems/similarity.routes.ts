import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'

// SCAFFOLD — replaced by the module's implementation.
export async function similarityRoutes(_fastify: FastifyInstance, _opts: { services: Services }) {}
