import { appendFileSync } from 'node:fs'
import type { LightMyRequestResponse } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/harness.ts'
import { triadOf } from '../../shared/permissions.ts'
import { isStream, loadOperations, type Operation, rng } from './api-surface.ts'
import { casesFor, type FuzzCase } from './fuzz-cases.ts'
import { addFuzzUser, buildWorld, forgetCaches, idsFor, pathValues, type World } from './world.ts'

// OpenAPI-driven fuzzing: every operation of the document gets malformed requests (bad JSON, wrong
// types, missing and extra fields, huge and strange strings, boundary numbers, injection and
// traversal strings, bad path ids, wrong content types, bad uploads), sent as a user holding every
// permission, plus a share sent without a session or without the CSRF token. Each request runs in a
// transaction that is rolled back afterwards, so the world is the same for every request, and the
// rows the request wrote are read from pg_stat_xact_user_tables before the rollback.
//   FUZZ_SEED=<n> replays a run; FUZZ_REQUESTS=<n> changes the count (default 10 000).
const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000)

// Writes that a refused request legitimately makes: the session itself, the login log and the
// failed-attempt counter of a sign-in (the lock-out rule needs them).
const ALLOWED_WRITES: Array<[RegExp, string[]]> = [
  [/.*/, ['sessions']],
  [/^POST \/api\/auth\/(login|totp)$/, ['login_log', 'users']],
]

const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\n\s+at [\w$.<>[\] ]+ \(|\bat (async )?[\w$.]+ \((file:|node:|\/)/],
  [
    'SQL error text',
    /syntax error at or near|violates (unique|foreign key|not-null|check) constraint|relation "\w+"|column "\w+" (does not exist|of relation)|invalid input syntax for/i,
  ],
  ['SQL text', /\b(select|insert into|update|delete from)\b[^"]{0,80}\b(from|where|values|set)\b/i],
  ['server path', /\/(work|home|root|usr|tmp)\/[\w.-]+\/|node_modules|src\/server\//],
  ['driver name', /\b(PGlite|kysely|node-postgres|ajv)\b/i],
]
const CJK = /[\u4e00-\u9fff]/

interface Outcome {
  c: FuzzCase
  status: number
  problems: string[]
}

let t: TestApp
let world: World
let ops: Operation[]
// The fuzzing user holds every permission a custom role may hold; routes guarded by a 三员 (triad)
// permission are fuzzed as that triad's administrator instead.
const sessions = new Map<string, { cookies: Record<string, string>; csrf: string }>()
const sessionFor = (op: Operation) => sessions.get(triadOf(op.route.permission ?? '') ?? 'fuzzer')!
const ROLLBACK = new Error('rollback')

beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t)
  await addFuzzUser(t)
  for (const [key, username] of [
    ['fuzzer', 'fuzzer'],
    ['system', 'sysadmin'],
    ['security', 'secadmin'],
    ['audit', 'auditadmin'],
  ]) {
    const agent = await t.as(username!)
    sessions.set(key!, { cookies: { ...agent.cookies }, csrf: agent.csrf! })
  }
  ops = (await loadOperations(t)).filter((o) => !isStream(o))
}, 120_000)
afterAll(() => t?.close())

function buildCases(): FuzzCase[] {
  const r = rng(SEED)
  const perOp = ops.map((op) => {
    const path = pathValues(world, op, 'a')
    const ids = idsFor(world, 'a')
    const all = r.shuffle(casesFor(op, { path, ids }, r))
    // the guards: a share without a session, writes without the CSRF token
    for (const c of all.slice(0, 2)) all.push({ ...c, label: `${c.label} (no session)`, anon: true })
    if (op.method !== 'GET' && all[0])
      all.push({ ...all[0], label: `${all[0].label} (no CSRF token)`, noCsrf: true })
    return r.shuffle(all)
  })
  // round robin, so every operation gets its share before any gets more
  const out: FuzzCase[] = []
  for (let i = 0; out.length < TOTAL; i++) {
    let added = false
    for (const cs of perOp) {
      if (i < cs.length && out.length < TOTAL) {
        out.push(cs[i]!)
        added = true
      }
    }
    if (!added) break
  }
  return out
}

/** Rows inserted, updated or deleted per table so far in this transaction (the delta is one request's). */
async function writeCounts(trx: Kysely<any>) {
  const rows = await sql<{ relname: string; n: string }>`
    select relname, (n_tup_ins + n_tup_upd + n_tup_del)::text as n
    from pg_stat_xact_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 0`.execute(trx)
  return new Map(rows.rows.map((x) => [x.relname, x.n]))
}

function inject(c: FuzzCase) {
  return t.app.inject({
    method: c.method,
    url: c.url,
    cookies: c.anon ? {} : sessionFor(c.op).cookies,
    headers: {
      ...(c.method !== 'GET' && !c.anon && !c.noCsrf ? { 'x-csrf-token': sessionFor(c.op).csrf } : {}),
      ...c.headers,
    },
    ...(c.payload !== undefined ? { payload: c.payload() } : {}),
  })
}

async function send(c: FuzzCase): Promise<{ res: LightMyRequestResponse; writes: string[] | 'aborted' }> {
  // Reads run as they are (no handler writes on a GET; the transaction and counters would double the
  // run's time); every write runs in a transaction rolled back afterwards.
  if (c.method === 'GET') return { res: await inject(c), writes: [] }
  let res: LightMyRequestResponse | undefined
  let writes: string[] | 'aborted' = []
  try {
    await t.database.db.transaction().execute(async (trx) => {
      const before = await writeCounts(trx)
      res = await inject(c)
      try {
        const after = await writeCounts(trx)
        writes = [...after].filter(([table, n]) => n !== (before.get(table) ?? 0)).map(([table]) => table)
      } catch {
        writes = 'aborted'
      }
      throw ROLLBACK
    })
  } catch (e) {
    if (e !== ROLLBACK) throw e
  }
  forgetCaches(t)
  return { res: res!, writes }
}

function check(c: FuzzCase, res: LightMyRequestResponse, writes: string[] | 'aborted'): string[] {
  const problems: string[] = []
  const s = res.statusCode
  const type = String(res.headers['content-type'] ?? '')
  if (s >= 500) problems.push(`status ${s}`)
  // A body or URL Fastify cannot parse is refused before the guard runs (400 naming `body` or `url`,
  // 413, 414, 415): that reveals nothing. Anything else must be the guard's answer.
  const beforeGuard = [413, 414, 415].includes(s) || (s === 400 && /"field":"(body|url)"/.test(res.body))
  if (c.anon && !c.op.route.public && s !== 401 && !beforeGuard)
    problems.push(`without a session: ${s}, not 401`)
  if (c.noCsrf && !c.op.path.startsWith('/open311/') && s !== 403 && s !== 401 && !beforeGuard)
    problems.push(`without CSRF: ${s}, not 403`)
  if (c.mustFail && s < 400) problems.push(`invalid input accepted (${s})`)
  const text = type.includes('json') || type.includes('text') || type.includes('xml') ? res.body : ''
  // a success may echo the caller's own strange text back (a saved title); errors must not
  for (const [what, re] of LEAKS)
    if ((s >= 400 || what === 'stack frame' || what === 'server path') && re.test(text))
      problems.push(`leaks ${what}: ${text.match(re)?.[0]}`)
  if (s >= 400 && !c.op.path.startsWith('/open311/')) {
    let err: any
    try {
      err = JSON.parse(res.body).error
    } catch {
      problems.push(`error body is not JSON: ${res.body.slice(0, 80)}`)
    }
    if (err && (typeof err.code !== 'string' || typeof err.message !== 'string'))
      problems.push(`error body shape: ${res.body.slice(0, 120)}`)
    else if (err && !CJK.test(err.message)) problems.push(`error message not Chinese: ${err.message}`)
  }
  if (s >= 400) {
    if (writes === 'aborted') {
      // the database refused a statement; the request's own transaction is rolled back in production
    } else {
      const allowed = new Set(ALLOWED_WRITES.filter(([re]) => re.test(c.op.key)).flatMap(([, ts]) => ts))
      const wrote = writes.filter((w) => !allowed.has(w))
      if (wrote.length) problems.push(`refused (${s}) but wrote ${wrote.join(', ')}`)
    }
  }
  return problems
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`sends ${TOTAL} malformed requests: no 5xx, no leak, Chinese errors, nothing written when refused`, async () => {
    const cases = buildCases()
    const started = performance.now()
    const outcomes: Outcome[] = []
    const byStatus = new Map<number, number>()
    let aborted = 0
    for (const c of cases) {
      const t0 = performance.now()
      if (process.env.FUZZ_DEBUG)
        appendFileSync(process.env.FUZZ_DEBUG, `→ ${c.op.key} [${c.label}] ${c.url.slice(0, 100)}\n`)
      const { res, writes } = await send(c)
      if (process.env.FUZZ_DEBUG)
        appendFileSync(
          process.env.FUZZ_DEBUG,
          `${Math.round(performance.now() - t0)}\t${res.statusCode}\t${c.op.key} [${c.label}]\n`,
        )
      if (writes === 'aborted') aborted++
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1)
      outcomes.push({ c, status: res.statusCode, problems: check(c, res, writes) })
    }
    const ms = Math.round(performance.now() - started)
    const failed = outcomes.filter((o) => o.problems.length)
    const statuses = [...byStatus].sort((x, y) => x[0] - y[0]).map(([k, v]) => `${k}×${v}`)
    console.log(
      `fuzz: seed ${SEED}, ${cases.length} requests over ${ops.length} operations in ${ms} ms; ` +
        `statuses ${statuses.join(' ')}; ${aborted} refused by the database` +
        (world.skipped.length ? `\nworld: not seeded: ${world.skipped.join(' | ')}` : ''),
    )
    const lines = failed
      .slice(0, 60)
      .map(
        (o) =>
          `${o.c.op.key} [${o.c.label}] ${o.c.method} ${o.c.url.slice(0, 120)} → ${o.problems.join('; ')}`,
      )
    if (failed.length > 60) lines.push(`… and ${failed.length - 60} more`)
    expect(cases.length).toBe(TOTAL)
    expect(lines, `fuzz findings (seed ${SEED})`).toEqual([])
  }, 600_000)
})

describe('what the fuzzing found, pinned', () => {
  it('a NUL character is refused up front, naming the field (PostgreSQL text cannot hold it)', async () => {
    const sup = await t.as('a_sup')
    const ent = world.records.get('enterprises')!.a!
    const version = (await sup.get(`/api/enterprises/${ent}`)).json().version
    const res = await sup.patch(`/api/enterprises/${ent}`, { version, address: 'a\u0000b' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'address' })
    expect(res.json().error.message).toContain('空字符')
    const q = await sup.get('/api/audit-logs/export.xlsx?actor=a%00b')
    expect([400, 403]).toContain(q.statusCode)
  })

  it('a URL Fastify cannot decode, or a path parameter too long, gets the app’s error shape', async () => {
    const sup = await t.as('a_sup')
    const bad = await sup.get('/api/projects/%E0%A4%A')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toEqual({ code: 'VALIDATION', message: '请求地址格式不正确', field: 'url' })
    const long = await sup.get(`/api/projects/${'1'.repeat(500)}`)
    expect(long.statusCode).toBe(414)
    expect(long.json().error.message).toBe('请求地址过长')
  })

  it('dates outside 1900–2099 are refused by the schema (a day-by-day loop to 9999 took minutes)', async () => {
    const sup = await t.as('a_sup')
    for (const date of ['9999-12-31', '0000-01-01', '2026-13-01', '2026-11-32']) {
      const res = await sup.get(`/api/supervision/daily?date=${date}`)
      expect(res.statusCode, date).toBe(400)
      expect(res.json().error.field).toBe('date')
    }
    expect((await sup.get('/api/supervision/daily?date=2026-11-24')).statusCode).toBe(200)
  })
})

describe('numbers the validator lets through', () => {
  it('"1e400" (Infinity after coercion) is refused, not looped over', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.get('/api/calendar/working-days?from=2026-11-20&days=1e400')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ field: 'days', message: '工作日数超出允许的数值范围' })
  })
})
