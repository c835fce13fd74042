// HTTP benchmark of the hot endpoints against generated data, side by side with the SQL each
// endpoint runs (captured from the driver during one request and replayed straight through the
// driver with the same concurrency), plus a bare Fastify route as the framework's ceiling.
//
//   node bench/http.ts                          # county scale: PGlite, and PostgreSQL when DATABASE_URL is set
//   node bench/http.ts --scale city             # PostgreSQL only (DATABASE_URL), scratch database
//   node bench/http.ts --scale province --reuse postgres://postgres@127.0.0.1:5432/qd_scale_province
//   options: --db pglite|postgres|both  --duration 5 (s per side, in alternating stretches)  --connections 2  --no-append  --seed N
//
// Results go to docs/bench-http/http-<scale>-<db>.json; the Markdown table is appended to
// docs/BENCHMARKS.md and docs/bench-http.svg is redrawn from every results file.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import type { PGlite } from '@electric-sql/pglite'
import * as echarts from 'echarts'
import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/server/app.ts'
import { systemClock } from '../src/server/clock.ts'
import { loadConfig } from '../src/server/config.ts'
import { createPglite, type Database, openDatabase, PG_SESSION_OPTIONS } from '../src/server/db/database.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import { ensureBaseline } from '../src/server/seed/baseline.ts'
import { generateScaleData, SCALE_PASSWORD, SCALES } from '../src/server/seed/scale/generate.ts'
import { machine, report } from './report.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'county' },
    db: { type: 'string' },
    reuse: { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '2' },
    seed: { type: 'string', default: '20261127' },
    'no-append': { type: 'boolean', default: false },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
    skip: { type: 'string' },
    'chart-only': { type: 'boolean', default: false },
  },
})
const scaleName = args.scale!
const scale = SCALES[scaleName]
if (!scale) throw new Error(`--scale 只能是 ${Object.keys(SCALES).join(' / ')}`)
const seed = Number(args.seed)
const duration = Number(args.duration)
const connections = Number(args.connections)
const reuse = args.reuse ?? process.env.QD_BENCH_REUSE_URL
const dbs = (args.db ?? (scaleName === 'county' || scaleName === 'tiny' ? 'both' : 'postgres')) as string
// kept in the repository (bench/results/ is ignored): the chart is redrawn from every scale's file
const RESULTS = path.resolve(import.meta.dirname, '../docs/bench-http')

// ---------- SQL capture ----------

interface Captured {
  text: string
  params: unknown[]
  start: number
  end: number
}
let capture: Captured[] | null = null

function record<T>(text: string, params: unknown[], run: () => Promise<T>): Promise<T> {
  if (!capture) return run()
  const q: Captured = { text, params: params ?? [], start: performance.now(), end: 0 }
  capture.push(q)
  return run().finally(() => {
    q.end = performance.now()
  })
}

function instrument(database: Database) {
  if (database.kind === 'pglite') {
    const lite = database.pglite!
    const orig = lite.query.bind(lite)
    lite.query = ((text: string, params?: unknown[], opts?: unknown) =>
      record(text, params ?? [], () => orig(text, params as never, opts as never))) as typeof lite.query
    return
  }
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }
  const orig = proto.query
  proto.query = function (this: unknown, ...a: unknown[]) {
    if (capture && typeof a[0] === 'string' && typeof a[a.length - 1] !== 'function')
      return record(a[0], (a[1] as unknown[]) ?? [], () => orig.apply(this, a) as Promise<unknown>)
    return orig.apply(this, a)
  }
}

/** Queries that overlapped in time ran concurrently (Promise.all): replay them as one group. */
function groupsOf(qs: Captured[]): Captured[][] {
  const groups: Captured[][] = []
  let current: Captured[] = []
  let firstEnd = Number.POSITIVE_INFINITY
  for (const q of qs.sort((a, b) => a.start - b.start)) {
    if (current.length && q.start >= firstEnd) {
      groups.push(current)
      current = []
      firstEnd = Number.POSITIVE_INFINITY
    }
    current.push(q)
    firstEnd = Math.min(firstEnd, q.end)
  }
  if (current.length) groups.push(current)
  return groups
}

// ---------- load ----------

interface Stats {
  p50: number
  p95: number
  p99: number
  rps: number
  n: number
  non2xx?: number
}

/** One stretch of load: every response time, how long it ran, and the answers that were not 2xx. */
interface Sample {
  latencies: number[]
  seconds: number
  non2xx: number
}

/** Percentiles over the pooled response times of several stretches. */
function stats(samples: Sample[]): Stats {
  const s = samples.flatMap((x) => x.latencies).sort((a, b) => a - b)
  const seconds = samples.reduce((a, x) => a + x.seconds, 0)
  const non2xx = samples.reduce((a, x) => a + x.non2xx, 0)
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0)
  return { p50: at(50), p95: at(95), p99: at(99), rps: s.length / seconds, n: s.length, non2xx }
}

function httpLoad(url: string, headers: Record<string, string>, secs: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./http-load.ts', import.meta.url), {
      workerData: { url, headers, connections, duration: secs },
    })
    w.once('message', (m: { latencies: number[]; statuses: Record<string, number>; seconds: number }) => {
      const non2xx = Object.entries(m.statuses)
        .filter(([k]) => !k.startsWith('2'))
        .reduce((a, [, v]) => a + v, 0)
      resolve({ latencies: m.latencies, seconds: m.seconds, non2xx })
      void w.terminate()
    })
    w.once('error', reject)
  })
}

type Exec = (q: Captured) => Promise<unknown>

async function sqlLoad(groups: Captured[][], exec: Exec, secs: number): Promise<Sample> {
  const latencies: number[] = []
  const until = performance.now() + secs * 1000
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const s = performance.now()
        for (const g of groups) await Promise.all(g.map(exec))
        latencies.push(performance.now() - s)
      }
    }),
  )
  return { latencies, seconds: (performance.now() - t0) / 1000, non2xx: 0 }
}

/**
 * The endpoint and its SQL in alternating stretches of about 2 s (app, SQL, app, SQL, …) that add up
 * to --duration each, percentiles over the pooled times: whatever else the machine does during the
 * run weighs on both sides alike, so the ratio does not drift with the order they ran in.
 */
async function sideBySide(url: string, headers: Record<string, string>, groups: Captured[][], exec: Exec) {
  const stretches = Math.max(1, Math.round(duration / 2))
  const app: Sample[] = []
  const sql: Sample[] = []
  for (let i = 0; i < stretches; i++) {
    app.push(await httpLoad(url, headers, duration / stretches))
    sql.push(await sqlLoad(groups, exec, duration / stretches))
  }
  return { app: stats(app), sql: stats(sql) }
}

// ---------- databases ----------

interface Prepared {
  label: string
  database: Database
  /** a second client for the raw SQL: the same PGlite, or a pg pool on the same database */
  exec: Exec
  generation: string
  close(): Promise<void>
}

function benchConfig() {
  return {
    ...loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
      DATA_DIR: '/nonexistent',
      // as in production: a cockpit that takes over 150 ms is served from its snapshot
      DASHBOARD_CACHE_AFTER_MS: '150',
    }),
    scryptCost: 1024,
    loginRateLimit: 100000,
    serveWeb: false,
    runJobs: false,
  }
}

async function generate(database: Database): Promise<string> {
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, systemClock)
  const app = await buildApp({
    database,
    clock: systemClock,
    config: benchConfig(),
    web: false,
    logger: false,
  })
  try {
    const r = await generateScaleData(database.db, {
      scale,
      seed,
      now: systemClock.now(),
      scryptCost: 1024,
      log: (l) => {
        if (!l.includes('%)')) console.log(l)
      },
      recomputeLights: (db, ids) => app.services.projects.recomputeMany(db, ids),
    })
    return `生成 ${r.seconds.toFixed(1)} s`
  } finally {
    await app.close()
  }
}

async function preparePglite(): Promise<Prepared> {
  const pglite: PGlite = await createPglite()
  const database = await openDatabase({ pglite })
  const generation = await generate(database)
  return {
    label: 'PGlite',
    database,
    exec: (q) => pglite.query(q.text, q.params as never),
    generation,
    close: () => database.close(),
  }
}

async function preparePostgres(): Promise<Prepared> {
  let url = reuse
  let drop: (() => Promise<void>) | null = null
  let generation = '复用已生成的数据库 (reused)'
  if (!url) {
    const base = process.env.DATABASE_URL
    if (!base) throw new Error('PostgreSQL 需要 DATABASE_URL（或 --reuse 已生成的库）')
    const name = `qd_bench_${scaleName}_${Date.now().toString(36)}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const u = new URL(base)
    u.pathname = `/${name}`
    url = u.toString()
    drop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  const database = await openDatabase({ databaseUrl: url, poolMax: 10 })
  if (drop) generation = await generate(database)
  // the app's own session settings (database.ts: no JIT), so both sides run the same plans
  const raw = new pg.Pool({ connectionString: url, max: 10, options: PG_SESSION_OPTIONS })
  raw.on('error', () => {}) // an idle client dropped by the server must not end the run
  return {
    label: 'PostgreSQL',
    database,
    exec: (q) => raw.query(q.text, q.params as unknown[]),
    generation,
    close: async () => {
      await raw.end()
      await database.close()
      if (drop) await drop()
    },
  }
}

// ---------- the endpoints ----------

interface Endpoint {
  name: string
  who: 'zone' | 'top' | 'key'
  url: string
  /** the request whose SQL is replayed, when the endpoint serves a snapshot (the computation it stands for) */
  captureUrl?: string
}

async function endpoints(database: Database): Promise<{ list: Endpoint[]; zoneId: number }> {
  const db = database.db
  const zone = await db
    .selectFrom('departments')
    .select('id')
    .where('kind', '=', 'zone')
    .where('code', '=', 'K001')
    .executeTakeFirstOrThrow()
  const project = await db
    .selectFrom('projects')
    .select('id')
    .where('zone_id', '=', zone.id)
    .orderBy('id')
    .offset(17)
    .limit(1)
    .executeTakeFirstOrThrow()
  const ent = await db
    .selectFrom('projects')
    .select('enterprise_id')
    .where('zone_id', '=', zone.id)
    .where('enterprise_id', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()
  const key = `qd311_scale_k001_${seed}`
  const list: Endpoint[] = [
    { name: '项目列表（默认）project list', who: 'zone', url: '/api/projects' },
    {
      name: '项目列表（3 个条件）project search',
      who: 'zone',
      url: `/api/projects?keyword=${encodeURIComponent('新材料')}&stage=construction&level=city`,
    },
    { name: '项目列表（全省/市）project list, top', who: 'top', url: '/api/projects' },
    { name: '项目详情 project page', who: 'zone', url: `/api/projects/${project.id}` },
    { name: '问题列表 problem list', who: 'zone', url: '/api/problems' },
    { name: '问题列表（全省/市）problem list, top', who: 'top', url: '/api/problems' },
    { name: '日调度 daily board', who: 'zone', url: '/api/supervision/daily' },
    // the cockpit is served from a snapshot (≤ 1 min old); its SQL column is the computation behind it
    {
      name: '驾驶舱 dashboard',
      who: 'zone',
      url: '/api/dashboard',
      captureUrl: '/api/dashboard?fresh=true',
    },
    { name: '驾驶舱（立即重算）dashboard, fresh', who: 'zone', url: '/api/dashboard?fresh=true' },
    {
      name: '驾驶舱（全省/市）dashboard, top',
      who: 'top',
      url: '/api/dashboard',
      captureUrl: '/api/dashboard?fresh=true',
    },
    {
      name: '一企一清单 enterprise overview',
      who: 'zone',
      url: `/api/enterprises/${ent.enterprise_id}/overview`,
    },
    { name: 'Open311 requests.json', who: 'key', url: `/open311/v2/requests.json?api_key=${key}` },
  ]
  // zone users first; the cross-zone (top) requests last, so a slow one cannot slow the others' figures
  const ordered = [...list.filter((e) => e.who !== 'top'), ...list.filter((e) => e.who === 'top')]
  return {
    list: ordered.filter(
      (e) => (!args.only || e.name.includes(args.only)) && (!args.skip || !e.name.includes(args.skip)),
    ),
    zoneId: zone.id,
  }
}

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const c = await app.inject({ method: 'GET', url: '/api/auth/csrf' })
  const jar = Object.fromEntries(c.cookies.map((x) => [x.name, x.value]))
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    cookies: jar,
    headers: { 'x-csrf-token': c.json().token },
    payload: { username, password: SCALE_PASSWORD },
  })
  if (res.statusCode !== 200) throw new Error(`登录 ${username} 失败：${res.statusCode} ${res.body}`)
  for (const x of res.cookies) jar[x.name] = x.value
  return Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')
}

interface Row {
  scale: string
  db: string
  endpoint: string
  url: string
  queries: number
  app: Stats
  sql: Stats
}

async function benchOne(p: Prepared): Promise<Row[]> {
  instrument(p.database)
  const app = await buildApp({
    database: p.database,
    clock: systemClock,
    config: benchConfig(),
    web: false,
    logger: false,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const rows: Row[] = []
  try {
    const cookies = {
      zone: await signIn(app, 'k001_sup'),
      top: await signIn(app, 'top_sup'),
      key: '',
    }
    const { list } = await endpoints(p.database)
    for (const e of list) {
      const headers: Record<string, string> = cookies[e.who] ? { cookie: cookies[e.who] } : {}
      // warm up, then capture the SQL of one request; a request over a minute is reported, not measured
      const get = async (url = e.url) => {
        const res = await fetch(base + url, { headers, signal: AbortSignal.timeout(60_000) })
        await res.arrayBuffer()
        return res.status
      }
      let status = 0
      try {
        status = await get()
        for (let i = 0; i < 2; i++) await get()
      } catch {
        console.log(`  ${e.name}: 超过 60 s，未测 (over 60 s, not measured)`)
        const none = { p50: 0, p95: 0, p99: 0, rps: 0, n: 0 }
        rows.push({
          scale: scaleName,
          db: p.label,
          endpoint: e.name,
          url: e.url,
          queries: 0,
          app: none,
          sql: none,
        })
        continue
      }
      if (status !== 200) throw new Error(`${e.url}: ${status}`)
      capture = []
      await get(e.captureUrl)
      const qs = capture
      capture = null
      if (args.explain) {
        await explain(p, e.name, qs)
        continue
      }
      const groups = groupsOf(qs)
      const { app: appStats, sql: sqlStats } = await sideBySide(base + e.url, headers, groups, p.exec)
      const row: Row = {
        scale: scaleName,
        db: p.label,
        endpoint: e.name,
        url: e.url,
        queries: qs.length,
        app: appStats,
        sql: sqlStats,
      }
      rows.push(row)
      console.log(
        `  ${e.name}: app p95 ${appStats.p95.toFixed(1)} ms (${appStats.rps.toFixed(0)}/s${appStats.non2xx ? `, ${appStats.non2xx} 非 2xx` : ''}) · SQL p95 ${sqlStats.p95.toFixed(1)} ms (${qs.length} 条) · ×${(appStats.p95 / Math.max(sqlStats.p95, 0.01)).toFixed(2)}`,
      )
    }
  } finally {
    await app.close()
  }
  return rows
}

/** --explain: EXPLAIN (ANALYZE, BUFFERS) of each statement of the request that took over 1 ms. */
async function explain(p: Prepared, name: string, qs: Captured[]) {
  console.log(
    `\n=== ${name}: ${qs.length} 条语句，合计 ${qs.reduce((a, q) => a + q.end - q.start, 0).toFixed(1)} ms`,
  )
  for (const q of qs) {
    const took = q.end - q.start
    if (took < 1) continue
    const res = (await p.exec({ ...q, text: `explain (analyze, buffers) ${q.text}` })) as {
      rows: Array<Record<string, string>>
    }
    console.log(
      `\n--- ${took.toFixed(1)} ms · ${q.text.replace(/\s+/g, ' ').slice(0, 400)}\n    params ${JSON.stringify(q.params).slice(0, 200)}`,
    )
    for (const r of res.rows) console.log(`    ${Object.values(r)[0]}`)
  }
}

async function ceiling(): Promise<Stats> {
  const f = Fastify({ logger: false })
  f.get('/ping', async () => ({ ok: true }))
  await f.listen({ host: '127.0.0.1', port: 0 })
  try {
    return stats([
      await httpLoad(`http://127.0.0.1:${(f.server.address() as { port: number }).port}/ping`, {}, duration),
    ])
  } finally {
    await f.close()
  }
}

// ---------- output ----------

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0))
/** p50 / p95 / p99, or the timeout when no request finished within autocannon's 10 s */
const triple = (s: Stats) => (s.n ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : '超时 timeout')
const ratio = (r: Row) => (r.app.n ? `×${(r.app.p95 / Math.max(r.sql.p95, 0.01)).toFixed(2)}` : '—')

function markdown(rows: Row[], ceil: Stats, gens: string[]) {
  const lines = [
    `规模 ${scaleName}：${scale.zones} 个开发区，${scale.projects.toLocaleString('en')} 个项目，${scale.problems.toLocaleString('en')} 件问题，${scale.events.toLocaleString('en')} 条时间线；${gens.join('；')}。`,
    `每项 ${duration} s，${connections} 个并发连接（autocannon，回环地址，服务在进程内）；SQL 列为该请求实际执行的全部语句（含会话与权限查询），经驱动直接重放，并发相同；接口与 SQL 交替测量（约 2 s 一段，合计各 ${duration} s，百分位取各段合并后的值）；倍数 = 接口 p95 / SQL p95。`,
    `框架上限 (bare Fastify route)：p50 ${ms(ceil.p50)} ms · p95 ${ms(ceil.p95)} ms · p99 ${ms(ceil.p99)} ms · ${ceil.rps.toFixed(0)} 次/s。`,
    '',
    '| 数据库 | 接口 | 接口 p50 / p95 / p99 (ms) | 接口 次/s | SQL p50 / p95 / p99 (ms) | SQL 次/s | 语句数 | 倍数 p95 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const r of rows)
    lines.push(
      `| ${r.db} | ${r.endpoint} | ${triple(r.app)} | ${r.app.rps.toFixed(r.app.rps < 10 ? 1 : 0)} | ${triple(r.sql)} | ${r.sql.rps.toFixed(r.sql.rps < 10 ? 1 : 0)} | ${r.queries} | ${ratio(r)} |`,
    )
  return lines.join('\n')
}

/** docs/bench-http.svg: p95 per endpoint against the data size, from every results file. */
function drawChart() {
  const order = ['tiny', 'county', 'city', 'province']
  const files = readdirSync(RESULTS).filter((f) => f.startsWith('http-') && f.endsWith('.json'))
  const all: Row[] = files.flatMap(
    (f) => JSON.parse(readFileSync(path.join(RESULTS, f), 'utf8')).rows as Row[],
  )
  const pgRows = all.filter((r) => r.db === 'PostgreSQL' && r.scale !== 'tiny')
  const scales = order.filter((s) => pgRows.some((r) => r.scale === s))
  const names = [...new Set(pgRows.map((r) => r.endpoint))]
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 520 })
  chart.setOption({
    backgroundColor: '#ffffff',
    title: {
      text: '接口 p95 随数据量的变化（PostgreSQL）',
      subtext: '超时（> 10 s）的点不画 · timeouts are not drawn',
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 10 } },
    grid: { left: 60, right: 30, top: 70, bottom: 120 },
    xAxis: {
      type: 'category',
      data: scales.map((s) => `${s}（${SCALES[s].problems.toLocaleString('en')} 件问题）`),
    },
    yAxis: { type: 'log', name: 'p95 (ms)', min: 1 },
    series: names.map((n) => ({
      name: n,
      type: 'line',
      data: scales.map((s) => {
        const r = pgRows.find((x) => x.scale === s && x.endpoint === n)
        return r?.app.n ? Number(r.app.p95.toFixed(1)) : null
      }),
    })),
  })
  // a title for screen readers, and no hover stylesheet (a static picture in the docs)
  const svg = chart
    .renderToSVGString()
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(
      /(<svg[^>]*>)/,
      '$1<title>接口 p95 随数据量的变化 / p95 of the hot endpoints by data size</title>',
    )
  writeFileSync(path.resolve(import.meta.dirname, '../docs/bench-http.svg'), svg)
  chart.dispose()
}

// ---------- run ----------

if (args['chart-only']) {
  drawChart()
  process.exit(0)
}
const prepared: Array<() => Promise<Prepared>> = []
if (dbs === 'both' || dbs === 'pglite') prepared.push(preparePglite)
if ((dbs === 'both' || dbs === 'postgres') && (reuse || process.env.DATABASE_URL))
  prepared.push(preparePostgres)
const rows: Row[] = []
const gens: string[] = []
const opened: Prepared[] = []
for (const make of prepared) {
  const p = await make()
  opened.push(p)
  console.log(`\n› ${p.label} (${scaleName}) ${p.generation}`)
  gens.push(`${p.label} ${p.generation}`)
  rows.push(...(await benchOne(p)))
}
if (args.explain) process.exit(0)
const ceil = await ceiling()
mkdirSync(RESULTS, { recursive: true })
for (const label of new Set(rows.map((r) => r.db)))
  writeFileSync(
    path.join(RESULTS, `http-${scaleName}-${label === 'PGlite' ? 'pglite' : 'postgres'}.json`),
    `${JSON.stringify({ machine: machine(), at: new Date().toISOString(), ceiling: ceil, rows: rows.filter((r) => r.db === label) }, null, 1)}\n`,
  )
// formatted the way Biome formats JSON, so `npm run lint` stays clean
const biome = path.resolve(import.meta.dirname, '../node_modules/.bin/biome')
if (existsSync(biome)) spawnSync(biome, ['format', '--write', RESULTS], { stdio: 'ignore' })
drawChart()
report(`接口性能 HTTP endpoints — ${scaleName}`, markdown(rows, ceil, gens), !args['no-append'])
// Databases close after the results are written: dropping the scratch database ends connections
// (the notifier's LISTEN among them) with errors that must not cost the run its figures.
process.on('uncaughtException', (err) => console.error(`关闭时的连接错误（已忽略）：${err.message}`))
for (const p of opened) await p.close()
process.exit(0)
