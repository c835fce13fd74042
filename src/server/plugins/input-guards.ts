import type { FastifyInstance } from 'fastify'
import { FIELD_LABELS } from '../../shared/field-labels.ts'
import { AppError } from '../errors.ts'

// Two things the schema validator lets through, refused after it and before any handler, naming the field:
// - U+0000: PostgreSQL text cannot hold it, so a NUL would fail deep in a query (a 500);
// - Infinity: Ajv coerces the text "1e400" to Infinity and lets it pass `integer` and `maximum`
//   (a working-day count of Infinity looped forever).
const NUL = '\u0000'

type Found = { path: string[]; kind: 'nul' | 'infinite' }

function findUnsafe(value: unknown, path: string[], depth = 0): Found | null {
  if (depth > 32) return null
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, kind: 'infinite' }
  if (typeof value === 'string') return value.includes(NUL) ? { path, kind: 'nul' } : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafe(value[i], [...path, String(i)], depth + 1)
      if (hit) return hit
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return { path: [...path, k], kind: 'nul' }
      const hit = findUnsafe(v, [...path, k], depth + 1)
      if (hit) return hit
    }
  }
  return null
}

/** The schema `title` along a path (objects and array items), else the shared field label. */
function labelOf(schema: any, path: string[]): string {
  let s = schema
  for (const seg of path) {
    if (!s) break
    if (/^\d+$/.test(seg) && s.items) s = s.items
    else s = s.properties?.[seg] ?? s.anyOf?.find((x: any) => x.properties?.[seg])?.properties?.[seg]
  }
  const last = [...path].reverse().find((x) => !/^\d+$/.test(x))
  return s?.title ?? (last ? FIELD_LABELS[last] : undefined) ?? last ?? '请求内容'
}

export function registerInputGuards(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    const schema = (request.routeOptions.schema ?? {}) as Record<string, unknown>
    for (const part of ['params', 'querystring', 'body'] as const) {
      const value = part === 'params' ? request.params : part === 'querystring' ? request.query : request.body
      if (Buffer.isBuffer(value)) continue
      const hit = findUnsafe(value, [])
      if (hit) {
        const field = hit.path.join('.') || part
        const label = labelOf(schema[part], hit.path)
        throw new AppError(
          'VALIDATION',
          hit.kind === 'nul' ? `${label}含有不允许的空字符（\\0）` : `${label}超出允许的数值范围`,
          { field },
        )
      }
    }
  })
}
