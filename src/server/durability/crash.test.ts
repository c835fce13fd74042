import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  type ChildServer,
  HttpClient,
  runServerToExit,
  seededRandom,
  serverEnv,
  spawnServer,
} from '../../../test/child-server.ts'
import { TEST_PASSWORD } from '../../../test/harness.ts'
import { createScratchDatabase, onPostgres } from '../../../test/scratch-db.ts'
import { systemClock } from '../clock.ts'
import { createPglite, openDatabase } from '../db/database.ts'
import { createAuditService } from '../modules/audit/audit.service.ts'

// kill -9 of the real server in the middle of a stream of writes over HTTP: after a restart on the
// same data (PGlite data dir or PostgreSQL database) every acknowledged write is there, nothing is
// half-written (each record has its audit entry and timeline event, the audit chain verifies) and the
// app takes writes again.
const STREAMS = 4
const PER_STREAM = 60
const PREFIX = '崩溃测试企业'

let dataDir: string
let databaseUrl: string | undefined
let dropScratch: (() => Promise<void>) | undefined
const children: ChildServer[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'qd-crash-'))
  if (onPostgres) {
    const scratch = await createScratchDatabase()
    databaseUrl = scratch.url
    dropScratch = scratch.drop
  } else {
    // the migrated fixture template, written into the data dir the server will open
    const pglite = await createPglite({
      dir: path.join(dataDir, 'pgdata'),
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    })
    await pglite.close()
  }
  // the server runs on the real clock: the fixture's passwords were set at the template's test time
  const database = await openDatabase({ databaseUrl, dataDir })
  try {
    await database.db.updateTable('users').set({ password_changed_at: new Date() }).execute()
  } finally {
    await database.close()
  }
})
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL')
  await dropScratch?.()
  rmSync(dataDir, { recursive: true, force: true })
})

const env = () => serverEnv({ dataDir, databaseUrl })
async function start() {
  const s = await spawnServer(env())
  children.push(s)
  return s
}

describe(`kill -9 during writes (${onPostgres ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  it('keeps every acknowledged write, leaves nothing half-written, and takes writes again', async () => {
    const seed = Number(process.env.QD_CRASH_SEED ?? Date.now() % 1_000_000)
    const random = seededRandom(seed)
    // the kill comes once a random number of writes is acknowledged, plus a random delay (mid-request)
    const killAfterAcks = 20 + Math.floor(random() * 60)
    const killDelayMs = Math.floor(random() * 150)
    console.log(
      `crash test: seed ${seed} (QD_CRASH_SEED to replay): kill -9 ${killDelayMs} ms after write ${killAfterAcks}`,
    )

    const first = await start()
    const client = new HttpClient(first.url)
    await client.login('a_sup', TEST_PASSWORD)

    const acknowledged: Array<{ id: number; name: string }> = []
    let failed = 0
    let killed = false
    const stream = async (s: number) => {
      for (let i = 0; i < PER_STREAM && !killed; i++) {
        const name = `${PREFIX}-${s}-${i}`
        try {
          const res = await client.request('POST', '/api/enterprises', { name })
          if (res.status === 201) {
            acknowledged.push({ id: res.json.id, name })
            if (acknowledged.length === killAfterAcks) reached()
          } else failed++
        } catch {
          failed++ // the connection died with the server: not acknowledged
        }
      }
    }
    let reached = () => {}
    const enough = new Promise<void>((r) => {
      reached = r
    })
    const started = performance.now()
    const writes = Promise.all(Array.from({ length: STREAMS }, (_, s) => stream(s)))
    await enough
    await new Promise((r) => setTimeout(r, killDelayMs))
    // the streams keep writing up to the kill: some requests are in flight when the process dies
    first.proc.kill('SIGKILL')
    killed = true
    expect(await first.exited).toBe('SIGKILL')
    await writes
    const elapsed = performance.now() - started
    console.log(
      `crash test: ${acknowledged.length} writes acknowledged in ${Math.round(elapsed)} ms before the kill, ${failed} cut off`,
    )
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfterAcks)
    if (!onPostgres) {
      // the lock of the killed server is left behind…
      expect(readFileSync(path.join(dataDir, 'qingdan.pid'), 'utf8').trim()).toBe(String(first.pid))
    }

    // …and taken over by the restarted server (the dead PID is stale)
    const restartedAt = performance.now()
    const second = await start()
    console.log(
      `crash test: restart (with crash recovery) took ${Math.round(performance.now() - restartedAt)} ms`,
    )
    if (!onPostgres) {
      // a second server on the same embedded data dir is refused, clearly, and does no harm
      const third = await runServerToExit(env())
      expect(third.code).toBe(1)
      expect(third.output).toContain(`数据目录已被进程 ${second.pid} 占用`)
    }
    const reader = new HttpClient(second.url)
    await reader.login('a_sup', TEST_PASSWORD)
    for (const a of acknowledged) {
      const res = await reader.request('GET', `/api/enterprises/${a.id}`)
      expect(res.status, `acknowledged write ${a.name} (#${a.id})`).toBe(200)
      expect(res.json.name).toBe(a.name)
    }
    // the data dir / database takes writes again
    const again = await reader.request('POST', '/api/enterprises', { name: `${PREFIX}-重启后` })
    expect(again.status).toBe(201)

    // stop it cleanly, then look at the rows themselves
    second.proc.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    if (!onPostgres) expect(existsSync(path.join(dataDir, 'qingdan.pid'))).toBe(false)
    const database = await openDatabase({ databaseUrl, dataDir })
    try {
      const rows = await database.db
        .selectFrom('enterprises')
        .select(['id', 'name'])
        .where('name', 'like', `${PREFIX}-%`)
        .execute()
      const ids = new Set(rows.map((r) => Number(r.id)))
      for (const a of acknowledged) expect(ids.has(Number(a.id))).toBe(true)
      // the ones in flight at the kill are either wholly there or wholly absent: each has its audit
      // entry and its timeline event, written in the same transaction
      const audited = await database.db
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'enterprise.create')
        .execute()
      const auditedIds = new Set(audited.map((a) => Number(a.target_id)))
      for (const r of rows) expect(auditedIds.has(Number(r.id)), `audit entry of ${r.name}`).toBe(true)
      const events = await database.db
        .selectFrom('events')
        .select('subject_id')
        .where('subject_type', '=', 'enterprise')
        .execute()
      const eventIds = new Set(events.map((e) => Number(e.subject_id)))
      for (const r of rows) expect(eventIds.has(Number(r.id)), `timeline event of ${r.name}`).toBe(true)
      const chain = await createAuditService({ db: database.db, clock: systemClock }).verify()
      expect(chain).toMatchObject({ ok: true })
    } finally {
      await database.close()
    }
  }, 120_000)
})
