import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('system endpoints', () => {
  it('reports health with the database kind and version', async () => {
    const res = await t.agent().get('/api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      db: process.env.QD_TEST_DB === 'postgres' ? 'postgres' : 'pglite',
      version: expect.any(String),
    })
    expect(res.headers['x-request-id']).toBeTruthy()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'")
  })

  it('documents every API route in OpenAPI 3 with request and response schemas', async () => {
    const res = await t.agent().get('/api/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    const documented = new Set<string>()
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        documented.add(`${method.toUpperCase()} ${path}`)
        if (path.endsWith('.xlsx')) continue
        expect(Object.keys(op.responses ?? {}), `${method} ${path} responses`).toEqual(
          expect.arrayContaining([expect.stringMatching(/^2\d\d$/)]),
        )
        if (
          ['post', 'put', 'patch'].includes(method) &&
          !path.endsWith('/logout') &&
          !path.includes('/totp/setup') &&
          !/\/(unlock|notify)$/.test(path)
        ) {
          expect(op.requestBody, `${method} ${path} body`).toBeTruthy()
        }
      }
    }
    const routes = t.app.printRoutes({ commonPrefix: false })
    for (const expected of [
      'POST /api/auth/login',
      'GET /api/users/',
      'PUT /api/users/{id}/roles',
      'GET /api/audit-logs/verify',
      'POST /api/departments/{id}/move',
    ]) {
      expect(documented, expected).toContain(expected)
    }
    expect(routes).toContain('/api/users')
  })

  it('serves Swagger UI', async () => {
    const res = await t.agent().get('/api/docs/')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('swagger')
  })

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.agent().get('/api/no-such-thing')
    expect(res.statusCode).toBe(404)
    expect(errorOf(res)).toMatchObject({ code: 'NOT_FOUND' })
    const post = await t.agent().post('/api/no-such-thing', {})
    expect(post.statusCode).toBe(404)
  })

  it('answers malformed JSON with 400 naming the body, never a stack trace', async () => {
    const a = await t.as('sysadmin')
    const res = await a.request('POST', '/api/departments', '{"name": ', {
      headers: { 'content-type': 'application/json' },
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'body' })
    expect(res.body).not.toMatch(/at .*\.ts:\d+/)
    const wrongType = await a.request('POST', '/api/departments', 'name=x', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(wrongType.statusCode).toBe(415)
  })
})
