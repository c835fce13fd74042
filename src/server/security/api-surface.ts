import type { TestApp } from '../../../test/harness.ts'
import type { RouteEntry } from '../app.ts'

/**
 * The API as the OpenAPI document describes it, joined with the route table's guard (permission,
 * public). The fuzz test and the authorization matrix are generated from this at test time, so a
 * route added by any module is covered without touching them.
 */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  nullable?: boolean
  pattern?: string
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  default?: unknown
  additionalProperties?: boolean | JsonSchema
  title?: string
}

export interface Param {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  schema: JsonSchema
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** OpenAPI path, e.g. /api/projects/{id} */
  path: string
  /** `METHOD path` — the key used in reports and the matrix file */
  key: string
  params: Param[]
  bodyType: 'json' | 'multipart' | null
  body: JsonSchema | null
  bodyRequired: boolean
  summary: string
  route: RouteEntry
}

export async function loadOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.agent().get('/api/docs/json')).json()
  const ops: Operation[] = []
  for (const [path, byMethod] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [m, op] of Object.entries<any>(byMethod)) {
      const method = m.toUpperCase() as Operation['method']
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue
      const pattern = path.replace(/\{(\w+)\}/g, ':$1').replace(/\/$/, '')
      const route = t.app.routeTable.find((r) => r.method === method && r.url.replace(/\/$/, '') === pattern)
      if (!route) throw new Error(`no route for ${method} ${path}`)
      const content = op.requestBody?.content ?? {}
      const bodyType = content['application/json']
        ? 'json'
        : content['multipart/form-data']
          ? 'multipart'
          : null
      ops.push({
        method,
        path,
        key: `${method} ${path.replace(/\/$/, '')}`,
        params: (op.parameters ?? []).map((p: any) => ({
          name: p.name,
          in: p.in,
          required: !!p.required,
          schema: p.schema ?? {},
        })),
        bodyType,
        body: bodyType
          ? (content[bodyType === 'json' ? 'application/json' : 'multipart/form-data'].schema ?? {})
          : null,
        bodyRequired: !!op.requestBody?.required,
        summary: String(op.summary ?? ''),
        route,
      })
    }
  }
  return ops
}

/** Long-lived responses (Server-Sent Events) never finish under inject; they are tested by their module. */
export function isStream(op: Operation) {
  return op.path.endsWith('/stream') || /Server-Sent Events/i.test(op.summary)
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    shuffle<T>(xs: T[]): T[] {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
      }
      return xs
    },
  }
}
export type Rng = ReturnType<typeof rng>

const PATTERN_CANDIDATES = [
  '2026-11-20',
  '2026-11',
  '2026-W48',
  '2026-Q4',
  '100',
  '100.50',
  '1',
  'B',
  '13',
  '150621',
  'onsite',
  'abc',
  'abc_def',
  '13800138000',
  '#1677ff',
  '00000000-0000-4000-8000-000000000000',
]

/** A value that satisfies the schema, as far as a generic reader can tell (enums, patterns, bounds). */
export function sampleOf(
  s: JsonSchema,
  name = '',
  ids: (name: string) => number | undefined = () => undefined,
): unknown {
  if (s.const !== undefined) return s.const
  if (s.default !== undefined) return s.default
  if (s.enum?.length) return s.enum[0]
  if (s.anyOf?.length) return sampleOf(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!, name, ids)
  if (s.oneOf?.length) return sampleOf(s.oneOf[0]!, name, ids)
  if (s.allOf?.length) return sampleOf(Object.assign({}, ...s.allOf), name, ids)
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const k of s.required ?? []) out[k] = sampleOf(s.properties?.[k] ?? {}, k, ids)
      return out
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, 0)
      const items = Array.from({ length: n }, () => sampleOf(s.items ?? {}, name, ids))
      return s.uniqueItems
        ? [...new Set(items.map((x) => JSON.stringify(x)))].map((x) => JSON.parse(x))
        : items
    }
    case 'integer':
    case 'number': {
      const id = /ids?$/i.test(name) ? ids(name) : undefined
      if (id !== undefined) return id
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1)
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER)
    }
    case 'boolean':
      return false
    case 'string': {
      if (s.format === 'date') return '2026-11-20'
      if (s.format === 'date-time') return '2026-11-20T09:00:00+08:00'
      if (s.format === 'email') return 'user@example.com'
      if (s.format === 'uri') return 'https://example.com/hook'
      if (s.pattern) {
        const re = new RegExp(s.pattern)
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c))
        if (hit) return hit
      }
      const min = s.minLength ?? 1
      return '测试内容'.padEnd(Math.min(Math.max(min, 4), s.maxLength ?? 4), '文')
    }
    default:
      return null
  }
}

/** Fills a path template with values (already URL-safe or deliberately not). */
export function fillPath(path: string, values: Record<string, string>) {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '1')
}
