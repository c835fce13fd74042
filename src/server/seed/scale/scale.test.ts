import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, openTestDatabase, testConfig } from '../../../../test/harness.ts'
import { buildApp } from '../../app.ts'
import { TestClock } from '../../clock.ts'
import type { Database } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { ensureBaseline } from '../baseline.ts'
import { type GenerateResult, generateScaleData, SCALE_PASSWORD, SCALES } from './generate.ts'
import { apportion, zipfWeights } from './prng.ts'

// The scale generator at its smallest size: the data it writes opens in the app like app-written
// data — lists, the project page, the dashboard and Open311 answer 200 with the generated counts.

const clock = new TestClock('2026-11-24T09:00:00+08:00')
const tiny = SCALES.tiny
let database: Database
let app: FastifyInstance
let result: GenerateResult

beforeAll(async () => {
  database = await openTestDatabase({ empty: true })
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, clock)
  app = await buildApp({ database, clock, config: testConfig(), web: false, logger: false })
  result = await generateScaleData(database.db, {
    scale: tiny,
    seed: 7,
    now: clock.now(),
    scryptCost: 1024,
    log: () => {},
    recomputeLights: (db, ids) => app.services.projects.recomputeMany(db, ids),
  })
}, 120_000)

afterAll(async () => {
  await app?.close()
  await database?.close()
})

async function signIn(username: string) {
  const a = new Agent(app)
  const res = await a.login(username, SCALE_PASSWORD)
  expect(res.statusCode, res.body).toBe(200)
  return a
}

describe('scale data generator (tiny)', () => {
  it('writes the counts of the scale, with Zipf-sized zones', async () => {
    expect(result.counts.projects).toBe(tiny.projects)
    expect(result.counts.problems).toBe(tiny.problems)
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events`.execute(database.db)
    expect(rows[0].n).toBe(result.counts.events)
    expect(result.counts.events).toBeGreaterThan(tiny.events * 0.8)
    const perZone = await database.db
      .selectFrom('problems')
      .select(['zone_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('zone_id')
      .orderBy('zone_id')
      .execute()
    expect(perZone.map((z) => z.n)).toEqual(apportion(tiny.problems, zipfWeights(tiny.zones), 1))
  })

  it('a zone supervisor sees the zone’s projects and problems in the lists, and a project page', async () => {
    const sup = await signIn(result.accounts.zoneSupervisor)
    const zone = result.biggestZoneId
    const [projects, problems] = await Promise.all([
      database.db
        .selectFrom('projects')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('zone_id', '=', zone)
        .executeTakeFirstOrThrow(),
      database.db
        .selectFrom('problems')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('zone_id', '=', zone)
        .executeTakeFirstOrThrow(),
    ])
    const pl = await sup.get('/api/projects?pageSize=5')
    expect(pl.statusCode).toBe(200)
    expect(pl.json().total).toBe(projects.n)
    expect(pl.json().items).toHaveLength(5)
    const first = pl.json().items[0]
    expect(first.leaders.length).toBe(1)
    expect(first.leadUnit?.name).toBeTruthy()

    const detail = await sup.get(`/api/projects/${first.id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().name).toBe(first.name)

    const prl = await sup.get('/api/problems')
    expect(prl.statusCode).toBe(200)
    expect(prl.json().total).toBe(problems.n)
    // the keyword search finds generated problems through their jieba search vectors
    const word = (prl.json().items[0].title as string).slice(-4)
    const kw = await sup.get(`/api/problems?keyword=${encodeURIComponent(word)}`)
    expect(kw.statusCode).toBe(200)
    expect(kw.json().total).toBeGreaterThan(0)
  })

  it('the dashboard and the daily board answer with the zone’s figures', async () => {
    const sup = await signIn(result.accounts.zoneSupervisor)
    const dash = await sup.get('/api/dashboard')
    expect(dash.statusCode).toBe(200)
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from problems where zone_id = ${result.biggestZoneId}`.execute(database.db)
    const byStatus = dash.json().problems.status as Array<{ count: number }>
    expect(byStatus.reduce((a, s) => a + s.count, 0)).toBe(rows[0].n)
    expect((await sup.get('/api/supervision/daily')).statusCode).toBe(200)
  })

  it('the level above the zones sees every zone’s projects; Open311 reads with the generated key', async () => {
    const top = await signIn(result.accounts.topSupervisor)
    const pl = await top.get('/api/projects')
    expect(pl.statusCode).toBe(200)
    expect(pl.json().total).toBe(tiny.projects)
    const o = await app.inject({
      method: 'GET',
      url: `/open311/v2/requests.json?api_key=${result.open311Key}`,
    })
    expect(o.statusCode).toBe(200)
    expect(Array.isArray(o.json())).toBe(true)
  })
})
