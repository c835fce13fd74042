import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web')

/** Serves the built web app and falls back to index.html for client-side routes. */
export async function registerWeb(app: FastifyInstance, dir = WEB_DIST) {
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.log.warn(`web app not built (${dir}); run npm run build`)
    return false
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (res, file) => {
      // Hashed assets never change; index.html must always be fresh.
      res.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } })
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
  return true
}
