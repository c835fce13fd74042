import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole } from '../../../test/factories.ts'
import { createTestApp, type TestApp } from '../../../test/harness.ts'
import { BUILTIN_ROLES } from '../modules/roles/builtin-roles.ts'
import { fillPath, isStream, loadOperations, type Operation, sampleOf } from './api-surface.ts'
import { multipart } from './fuzz-cases.ts'
import { buildWorld, forgetCaches, idsFor, pathValues, type Relation, tableFor, type World } from './world.ts'

// The authorization matrix: every operation × every built-in role (and nobody, and a user without
// roles) × the record's relation to the user (zone 甲 = the user's own zone, department and
// enterprise; zone 甲 but led by another department, of another enterprise = own zone, not theirs;
// zone 乙 = another zone), against the expected table in authz-matrix.json.
//   outcome classes: 401 · 403 · 404 · ok (2xx) · bad (400/409/413/415/422: past the guard, the
//   input or the state was refused) · 5xx
// Regenerate after adding routes or changing rules: `npm run authz:matrix` (writes the file), then
// review the diff against docs/ARCHITECTURE.md "Authorisation: the 403/404 rule" and commit it.
const FILE = path.join(import.meta.dirname, 'authz-matrix.json')
const WRITE = process.env.AUTHZ_MATRIX_WRITE === '1'

type Outcome = '401' | '403' | '404' | 'ok' | 'bad' | '5xx' | string
type Matrix = Record<string, Record<string, Outcome>>

const REL_LABEL: Record<Relation, string> = { a: 'own zone', c: 'own zone, not theirs', b: 'other zone' }

let t: TestApp
let world: World
let ops: Operation[]
const subjects: Array<{ name: string; cookies: Record<string, string>; csrf: string | null }> = []
const ROLLBACK = new Error('rollback')

beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t)
  // one signed-in user per built-in role: the fixture's where it has one, else a new one in zone 甲
  const fixtureUser: Record<string, string> = {
    sysadmin: 'sysadmin',
    secadmin: 'secadmin',
    auditadmin: 'auditadmin',
    leader: 'a_leader',
    supervisor: 'a_sup',
    officer: 'a_officer',
    handler: 'a_handler',
    enterprise: 'a_ent',
  }
  subjects.push({ name: 'anonymous', cookies: {}, csrf: null })
  for (const role of BUILTIN_ROLES) {
    let username = fixtureUser[role.code]
    if (!username) {
      username = `m_${role.code}`
      await addUserWithRole(t, {
        username,
        displayName: role.name,
        department: '甲生态环境分局',
        role: {
          code: `m_${role.code}`,
          name: `${role.name}（矩阵）`,
          dataScope: role.dataScope,
          permissions: role.permissions,
        },
      })
    }
    const a = await t.as(username)
    subjects.push({ name: role.code, cookies: { ...a.cookies }, csrf: a.csrf })
  }
  const none = await t.as('norole')
  subjects.push({ name: 'norole', cookies: { ...none.cookies }, csrf: none.csrf })
  // Open311 authenticates with API keys, not sessions (open311.test.ts covers it)
  ops = (await loadOperations(t)).filter((o) => !isStream(o) && !o.path.startsWith('/open311/'))
}, 120_000)
afterAll(() => t?.close())

/** The relations a route's record can have to the user: none without a record id; own and other
 * zone when its table has a row in each; also "own zone, not theirs" when the world has one. */
function relationsOf(op: Operation): Relation[] {
  let out: Relation[] = []
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const table = tableFor(world, op.path, p.name)
    const rec = table ? world.records.get(table) : undefined
    if (!rec?.a || !rec.b || rec.a === rec.b) continue
    out = rec.c && rec.c !== rec.a ? ['a', 'c', 'b'] : ['a', 'b']
  }
  return out
}

function requestFor(op: Operation, rel: Relation) {
  const ids = idsFor(world, rel)
  const query = Object.fromEntries(
    op.params
      .filter((p) => p.in === 'query' && (p.required || /^(version|zoneId)$/.test(p.name)))
      .map((p) => [p.name, String(sampleOf(p.schema, p.name, ids))]),
  )
  const qs = new URLSearchParams(query).toString()
  const url = fillPath(op.path, pathValues(world, op, rel)) + (qs ? `?${qs}` : '')
  if (op.bodyType === 'multipart') {
    const m = multipart([
      ...Object.keys(op.body?.properties ?? {})
        .filter((k) => k !== 'file')
        .map((k) => ({ name: k, value: String(sampleOf(op.body!.properties![k]!, k, ids)) })),
      { name: 'file', filename: 'a.txt', type: 'text/plain', data: Buffer.from('hello') },
    ])
    return { url, headers: { 'content-type': m.type }, payload: m.body }
  }
  if (op.method === 'GET' || op.method === 'DELETE') return { url, headers: {} }
  return {
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(op.body ? sampleOf(op.body, '', ids) : {}),
  }
}

function classify(res: LightMyRequestResponse): Outcome {
  const s = res.statusCode
  if (s >= 500) return '5xx'
  if (s === 401 || s === 403 || s === 404) return String(s)
  if (s >= 200 && s < 300) return 'ok'
  return 'bad'
}

async function run(subject: (typeof subjects)[number], op: Operation, rel: Relation): Promise<Outcome> {
  const r = requestFor(op, rel)
  const inject = () =>
    t.app.inject({
      method: op.method,
      url: r.url,
      cookies: subject.cookies,
      headers: {
        ...r.headers,
        ...(op.method !== 'GET' && subject.csrf ? { 'x-csrf-token': subject.csrf } : {}),
      },
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    })
  if (op.method === 'GET') return classify(await inject())
  // writes are rolled back, so every cell meets the same world
  let out: Outcome = '5xx'
  try {
    await t.database.db.transaction().execute(async () => {
      out = classify(await inject())
      throw ROLLBACK
    })
  } catch (e) {
    if (e !== ROLLBACK) throw e
  }
  forgetCaches(t)
  return out
}

/** One line per operation and relation: `"GET /api/x/{id} [own zone]": { role: outcome, … }`. */
function serialise(m: Matrix): string {
  const keys = Object.keys(m).sort()
  const lines = keys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(m[k])}`)
  return `{\n${lines.join(',\n')}\n}\n`
}

describe('authorization matrix', () => {
  it('every operation × built-in role × record relation matches authz-matrix.json', async () => {
    const started = performance.now()
    const actual: Matrix = {}
    for (const op of ops) {
      const rels = relationsOf(op)
      for (const rel of rels.length ? rels : (['a'] as const)) {
        const key = rels.length ? `${op.key} [${REL_LABEL[rel]}]` : op.key
        const row: Record<string, Outcome> = {}
        for (const s of subjects) row[s.name] = await run(s, op, rel)
        actual[key] = row
      }
    }
    const cells = Object.values(actual).reduce((n, r) => n + Object.keys(r).length, 0)
    console.log(
      `authz matrix: ${ops.length} operations, ${Object.keys(actual).length} rows × ${subjects.length} subjects = ${cells} cells in ${Math.round(performance.now() - started)} ms` +
        (world.skipped.length ? `\nworld: not seeded: ${world.skipped.join(' | ')}` : ''),
    )
    const fiveHundreds = Object.entries(actual).flatMap(([k, row]) =>
      Object.entries(row)
        .filter(([, v]) => v === '5xx')
        .map(([s]) => `${k} as ${s}`),
    )
    expect(fiveHundreds, 'server errors in the matrix').toEqual([])
    if (WRITE) {
      writeFileSync(FILE, serialise(actual))
      console.log(`wrote ${FILE}: review the diff, then commit it`)
      return
    }
    const expected: Matrix = JSON.parse(readFileSync(FILE, 'utf8'))
    const mismatches: string[] = []
    for (const [k, row] of Object.entries(actual)) {
      if (!expected[k]) {
        mismatches.push(`${k}: not in authz-matrix.json (new route? run npm run authz:matrix and review)`)
        continue
      }
      for (const [s, v] of Object.entries(row))
        if (expected[k][s] !== v)
          mismatches.push(`${k} as ${s}: expected ${expected[k][s] ?? '(none)'}, got ${v}`)
    }
    for (const k of Object.keys(expected))
      if (!actual[k]) mismatches.push(`${k}: in authz-matrix.json but no longer in the API`)
    expect(mismatches, `${mismatches.length} of ${cells} cells differ`).toEqual([])
  }, 600_000)
})
