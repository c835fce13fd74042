import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runServerToExit, serverEnv } from '../../../test/child-server.ts'
import { Agent, testConfig } from '../../../test/harness.ts'
import { createScratchDatabase, onPostgres } from '../../../test/scratch-db.ts'
import { startTcpProxy, type TcpProxy } from '../../../test/tcp-proxy.ts'
import { buildApp } from '../app.ts'
import { TestClock } from '../clock.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { type JobRunner, startJobRunner } from '../jobs/job-runner.ts'
import { DiskFileStore } from '../lib/file-store.ts'

// PostgreSQL going away mid-run, simulated by a TCP proxy in front of the real server (which is never
// stopped): requests fail fast with 503 DB_UNAVAILABLE, nothing is half-written, and the app recovers
// by itself. The embedded database cannot go away on its own, so this runs on the PostgreSQL project.
const UNAVAILABLE = { error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' } }
const BOUND_MS = 3000

describe.skipIf(!onPostgres)('PostgreSQL unavailable', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  let proxy: TcpProxy
  let viaProxyUrl: string
  let database: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let jobs: JobRunner | null = null
  const jobErrors: unknown[] = []

  beforeAll(async () => {
    scratch = await createScratchDatabase()
    const target = new URL(scratch.url)
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const viaProxy = new URL(scratch.url)
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(proxy.port)
    viaProxyUrl = viaProxy.toString()
    database = await openDatabase({ databaseUrl: viaProxyUrl, poolMax: 4 })
    app = await buildApp({
      database,
      clock: new TestClock('2026-11-24T09:00:00+08:00'),
      config: testConfig(),
      web: false,
      logger: false,
      files: new DiskFileStore(mkdtempSync(path.join(tmpdir(), 'qd-files-'))),
    })
    const log = pino({ level: 'silent' })
    log.error = ((obj: unknown) => void jobErrors.push(obj)) as typeof log.error
    jobs = await startJobRunner(
      { kind: 'postgres', url: viaProxy.toString() },
      [{ name: 'outage-probe', cron: '0 3 * * *', run: async () => ({ ok: true }) }],
      log as never,
    )
  })
  afterAll(async () => {
    await jobs?.stop().catch(() => {})
    await app?.close()
    await database?.close()
    await proxy?.close()
    await scratch?.drop()
  })

  async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now()
    const value = await fn()
    return { value, ms: performance.now() - started }
  }

  it('answers 503 fast while the database is away, writes nothing, and recovers by itself', async () => {
    const sup = new Agent(app)
    expect((await sup.login('a_sup', 'Test@2026x')).statusCode).toBe(200)
    const before = await sup.post('/api/enterprises', { name: '断库前登记的企业' })
    expect(before.statusCode).toBe(201)

    await proxy.cut()

    const health = await timed(() => sup.get('/api/health'))
    expect(health.value.statusCode).toBe(503)
    expect(health.value.json()).toEqual(UNAVAILABLE)
    expect(health.ms).toBeLessThan(BOUND_MS)

    const write = await timed(() => sup.post('/api/enterprises', { name: '断库期间登记的企业' }))
    expect(write.value.statusCode).toBe(503)
    expect(write.value.json()).toEqual(UNAVAILABLE)
    expect(write.value.body).not.toMatch(/at .*\.ts|stack|ECONN/)
    expect(write.ms).toBeLessThan(BOUND_MS)

    const read = await timed(() => sup.get('/api/enterprises?pageSize=5'))
    expect(read.value.statusCode).toBe(503)
    expect(read.ms).toBeLessThan(BOUND_MS)

    // Several requests at once: each one fails within the bound, none queues behind the others for long.
    const burst = await timed(() => Promise.all(Array.from({ length: 8 }, () => sup.get('/api/health'))))
    expect(burst.value.map((r) => r.statusCode)).toEqual(Array(8).fill(503))
    expect(burst.ms).toBeLessThan(BOUND_MS)

    // a server started now exits with a clear message instead of hanging
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qd-outage-'))
    const starting = await runServerToExit(serverEnv({ dataDir, databaseUrl: viaProxyUrl }))
    rmSync(dataDir, { recursive: true, force: true })
    expect(starting.code).toBe(1)
    expect(starting.output).toContain('无法连接数据库')

    await proxy.restore()

    // Back without a restart: the same session works, the outage's write is absent, a new write lands.
    expect((await sup.get('/api/health')).statusCode).toBe(200)
    const after = await sup.post('/api/enterprises', { name: '恢复后登记的企业' })
    expect(after.statusCode).toBe(201)
    const names = (await database.db.selectFrom('enterprises').select('name').execute()).map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining(['断库前登记的企业', '恢复后登记的企业']))
    expect(names).not.toContain('断库期间登记的企业')
    const audited = await database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'enterprise.create')
      .execute()
    expect(audited.map((a) => a.summary).join('\n')).not.toContain('断库期间')
    // the live-notification LISTEN connection came back by itself too
    const listening = await waitFor(async () => {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'qingdan' and query ilike 'listen %'`.execute(
        database.db,
      )
      return r.rows[0].n > 0 ? r.rows[0].n : null
    }, 10_000)
    expect(listening).toBe(1)
  })

  it('rolls back a transaction whose connection drops before COMMIT, without crashing the process', async () => {
    const name = '提交前断开的企业'
    const attempt = database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: 'outage-probe', value: name, updated_at: new Date(), updated_by: null })
        .execute()
      // the connection is checked out and idle inside the transaction when it drops
      await proxy.cut()
      await new Promise((r) => setTimeout(r, 100))
    })
    await expect(attempt).rejects.toThrow()
    await proxy.restore()
    const row = await database.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', 'outage-probe')
      .executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('keeps the job runner alive through an outage: it reports errors, then works again', async () => {
    await proxy.cut()
    // pg-boss's own loops hit the dead connection in this time; none of it may crash the process
    const sent = await jobs!.boss.send('outage-probe', {}).catch((err: Error) => err)
    expect(sent).toBeInstanceOf(Error)
    await new Promise((r) => setTimeout(r, 1500))
    await proxy.restore()
    const id = await jobs!.boss.send('outage-probe', {})
    expect(id).toEqual(expect.any(String))
    const job = await waitFor(async () => {
      const j = await jobs!.boss.getJobById('outage-probe', id!)
      return j?.state === 'completed' ? j : null
    }, 15_000)
    expect(job.state).toBe('completed')
  })
})

async function waitFor<T>(fn: () => Promise<T | null>, ms: number): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await fn().catch(() => null)
    if (v) return v
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 250))
  }
}
