import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../src/server/app.ts'
import { TestClock } from '../src/server/clock.ts'
import { type Config, loadConfig } from '../src/server/config.ts'
import { createPglite, type Database, openDatabase } from '../src/server/db/database.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import { DiskFileStore } from '../src/server/lib/file-store.ts'
import { ensureBaseline } from '../src/server/seed/baseline.ts'
import { loadDemoData } from '../src/server/seed/demo-all.ts'
import { TEST_PASSWORD, TEST_SCRYPT_COST } from './fixture-org.ts'
import { withDatabase } from './global-setup.ts'

export { TEST_PASSWORD }

/** A fresh copy of the migrated, seeded template database for one test file. */
export async function openTestDatabase(opts: { empty?: boolean } = {}): Promise<Database> {
  if (process.env.QD_TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!
    // named under the run's prefix, so the global teardown drops it
    const name = `${inject('pgRunPrefix')}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(`create database ${name}${opts.empty ? '' : ` template ${inject('pgTemplateDb')}`}`)
    } finally {
      await admin.end()
    }
    return openDatabase({ databaseUrl: withDatabase(url, name), poolMax: 5 })
  }
  if (opts.empty) return openDatabase({ pglite: await createPglite() })
  const tar = readFileSync(inject('pgliteTemplate'))
  const pglite = await createPglite({ loadDataDir: new Blob([tar]) })
  return openDatabase({ pglite })
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-1234',
      DATA_DIR: '/nonexistent',
    }),
    scryptCost: TEST_SCRYPT_COST,
    loginRateLimit: 1000,
    serveWeb: false,
    runJobs: false,
    ...overrides,
  }
}

export interface TestApp {
  app: FastifyInstance
  database: Database
  clock: TestClock
  /** an HTTP client with its own cookie jar */
  agent(): Agent
  /** an agent already signed in as the given fixture user */
  as(username: string, password?: string): Promise<Agent>
  close(): Promise<void>
}

/**
 * An app on its own database: the fixture organisation by default; `demo` starts from an empty,
 * migrated database with the whole demo loaded instead (the cockpit and other demo-wide checks).
 */
export async function createTestApp(
  opts: { config?: Partial<Config>; clock?: TestClock; demo?: boolean } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? new TestClock('2026-11-24T09:00:00+08:00')
  const database = await openTestDatabase({ empty: opts.demo })
  if (opts.demo) {
    await migrateToLatest(database.db)
    await ensureBaseline(database.db, clock)
  }
  const files = new DiskFileStore(mkdtempSync(path.join(tmpdir(), 'qd-files-')))
  const app = await buildApp({
    database,
    clock,
    config: testConfig(opts.config),
    web: false,
    logger: false,
    files,
  })
  if (opts.demo) await loadDemoData(app.services, database.db, clock, app.deps.config)
  return {
    app,
    database,
    clock,
    agent: () => new Agent(app),
    async as(username, password = TEST_PASSWORD) {
      const a = new Agent(app)
      const res = await a.login(username, password)
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
      return a
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Keeps cookies and the CSRF token between requests, like a browser tab. */
export class Agent {
  cookies: Record<string, string> = {}
  csrf: string | null = null
  readonly #app: FastifyInstance
  constructor(app: FastifyInstance) {
    this.#app = app
  }

  async request(
    method: Method,
    url: string,
    body?: unknown,
    extra: Partial<InjectOptions> = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.csrf === null && !extra.headers?.['x-csrf-token']) await this.fetchCsrf()
    const res = await this.#app.inject({
      method,
      url,
      cookies: this.cookies,
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      ...extra,
      headers: {
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(extra.headers ?? {}),
      },
    })
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      if ((c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0 || c.value === '')
        delete this.cookies[c.name]
      else this.cookies[c.name] = c.value
    }
    return res
  }

  async fetchCsrf() {
    const res = await this.request('GET', '/api/auth/csrf')
    this.csrf = res.json().token
    return this.csrf!
  }

  get = (url: string, extra?: Partial<InjectOptions>) => this.request('GET', url, undefined, extra)
  post = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('POST', url, body ?? {}, extra)
  put = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('PUT', url, body ?? {}, extra)
  patch = (url: string, body?: unknown, extra?: Partial<InjectOptions>) =>
    this.request('PATCH', url, body ?? {}, extra)
  delete = (url: string, extra?: Partial<InjectOptions>) => this.request('DELETE', url, undefined, extra)

  async login(username: string, password: string) {
    const res = await this.post('/api/auth/login', { username, password })
    if (res.statusCode === 200) this.csrf = res.json().csrfToken
    return res
  }
}

/** The error body of a response, for assertions. */
export function errorOf(res: LightMyRequestResponse): { code: string; message: string; field?: string } {
  return res.json().error
}
