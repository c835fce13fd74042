import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/harness.ts'

// Every route of the OpenAPI document, checked for the two rules that must hold everywhere:
// nobody gets in without a session (401), and a signed-in user without the route's permission gets 403.
let t: TestApp
let routes: Array<{ method: string; url: string; permission?: string; public: boolean }>
// A sample value for each path parameter, so every route can be called.
const SAMPLE: Record<string, string> = { id: '1', type: 'project_stage', code: '150621', day: '2026-01-02' }
const fill = (path: string, style: 'openapi' | 'fastify') =>
  path.replace(style === 'openapi' ? /\{(\w+)\}/g : /:(\w+)/g, (_m, name: string) => SAMPLE[name] ?? '1')

const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'POST /api/auth/totp',
])

beforeAll(async () => {
  t = await createTestApp()
  const doc = (await t.agent().get('/api/docs/json')).json()
  routes = []
  for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const url = fill(path, 'openapi')
      const key = `${method.toUpperCase()} ${path}`
      const pattern = path.replace(/\{(\w+)\}/g, ':$1').replace(/\/$/, '')
      const entry = t.app.routeTable.find(
        (r) => r.method === method.toUpperCase() && r.url.replace(/\/$/, '') === pattern,
      )
      expect(entry, key).toBeTruthy()
      // Open311 clients authenticate with an api_key, not a session (open311.test.ts covers them)
      expect(entry!.public, key).toBe(PUBLIC.has(key) || path.startsWith('/open311/'))
      routes.push({ method: method.toUpperCase(), url, permission: entry!.permission, public: entry!.public })
    }
  }
})
afterAll(() => t.close())

describe('route guards', () => {
  it('finds the whole API in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40)
    const documented = new Set(routes.map((r) => `${r.method} ${r.url.replace(/\/$/, '')}`))
    const undocumented = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${fill(r.url.replace(/\/$/, ''), 'fastify')}`)
      .filter((k) => !documented.has(k))
    expect(undocumented).toEqual([])
  })

  it('answers 401 to every non-public route without a session', async () => {
    const a = t.agent()
    const failures: string[] = []
    for (const r of routes.filter((x) => !x.public)) {
      const res = await a.request(
        r.method as 'GET',
        r.url,
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      )
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`)
    }
    expect(failures).toEqual([])
  })

  it("answers 403 to a signed-in user who lacks the route's permission", async () => {
    const nobody = await t.as('norole')
    const failures: string[] = []
    const guarded = routes.filter((x) => x.permission)
    expect(guarded.length).toBeGreaterThanOrEqual(30)
    for (const r of guarded) {
      const res = await nobody.request(
        r.method as 'GET',
        r.url,
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      )
      if (res.statusCode !== 403) failures.push(`${r.method} ${r.url} → ${res.statusCode}`)
    }
    expect(failures).toEqual([])
  })
})

describe('login rate limit', () => {
  it('answers 429 with a Chinese message once an address tries too often', async () => {
    const limited = await createTestApp({ config: { loginRateLimit: 3 } })
    try {
      const a = limited.agent()
      for (let i = 0; i < 3; i++) expect((await a.login('a_sup', 'Wrong#pass1')).statusCode).toBe(401)
      const res = await a.login('a_sup', 'Wrong#pass1')
      expect(res.statusCode).toBe(429)
      expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' })
    } finally {
      await limited.close()
    }
  })
})
