import { Type } from 'typebox'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 200

/** Query-string fields every list endpoint accepts. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1, title: '页码' })),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, title: '每页条数' }),
  ),
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export function pageOf(q: { page?: number; pageSize?: number }) {
  const page = q.page ?? 1
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** Response schema of a page of T. */
export function PageSchema<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  })
}

/** Parses "field" / "-field" against an allow-list; unknown fields fall back to the default. */
export function sortOf<K extends string>(sort: string | undefined, allowed: readonly K[], fallback: K) {
  const desc = !!sort?.startsWith('-')
  const field = (desc ? sort!.slice(1) : sort) as K
  return allowed.includes(field)
    ? { field, dir: desc ? ('desc' as const) : ('asc' as const) }
    : { field: fallback, dir: 'asc' as const }
}
