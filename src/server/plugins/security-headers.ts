import type { FastifyInstance } from 'fastify'
import helmet from 'helmet'

/**
 * The security headers every response carries: helmet's set, with a Content-Security-Policy for the
 * web app. The middleware is built once (the Fastify wrapper rebuilt it — parsing the policy — on
 * every request) and applied to each response before its handler runs, so errors carry it too.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
  })
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err) => done(err as Error | undefined))
  })
}
