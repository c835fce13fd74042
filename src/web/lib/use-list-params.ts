import type { TablePaginationConfig } from 'antd'
import type { TFunction } from 'i18next'
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'

export type ListParams = Record<string, string | number | boolean | undefined>

/**
 * Filters, page and sort of a list, kept in the URL: a list can be bookmarked, shared and
 * restored with the back button. Numbers and booleans come back typed per the defaults given.
 */
export function useListParams<T extends ListParams>(defaults: T) {
  const [search, setSearch] = useSearchParams()
  const params = useMemo(() => {
    const out: ListParams = { ...defaults }
    for (const [k, v] of search.entries()) {
      const d = defaults[k]
      // Without a typed default (optional ids), a value of digits is an id.
      out[k] =
        typeof d === 'number' || (d === undefined && /^\d+$/.test(v))
          ? Number(v)
          : typeof d === 'boolean' || (d === undefined && (v === 'true' || v === 'false'))
            ? v === 'true'
            : v
    }
    return out as T
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, defaults])

  const update = useCallback(
    (patch: Partial<T>, resetPage = true) => {
      const next = new URLSearchParams(search)
      for (const [k, v] of Object.entries({
        ...patch,
        ...(resetPage && !('page' in patch) ? { page: 1 } : {}),
      })) {
        if (v === undefined || v === '' || v === null || v === defaults[k]) next.delete(k)
        else next.set(k, String(v))
      }
      setSearch(next, { replace: true })
    },
    [search, setSearch, defaults],
  )

  const reset = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch])
  return { params, update, reset }
}

/** Ant Design table sorter → "field" / "-field". */
export function sortParam(sorter: unknown): string | undefined {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as
    | { field?: string | string[]; order?: 'ascend' | 'descend' | null }
    | undefined
  if (!s?.order || !s.field) return undefined
  const field = Array.isArray(s.field) ? s.field.join('.') : s.field
  return s.order === 'descend' ? `-${field}` : field
}

export function sortOrder(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (!sort) return null
  if (sort === field) return 'ascend'
  if (sort === `-${field}`) return 'descend'
  return null
}

/** A list table's pagination, page and page size coming from the URL params. */
export function tablePagination(
  params: { page: number; pageSize: number },
  total: number | undefined,
  t: TFunction,
): TablePaginationConfig {
  return {
    current: params.page,
    pageSize: params.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
  }
}

/**
 * A list table's `onChange`: writes page and page size to the URL (the page is kept, not reset).
 * With `sort`, also the sort: it gets the table's sort as `sortParam` gives it and returns the
 * value for the URL.
 */
export function onTableChange(
  update: (patch: { page: number; pageSize: number; sort?: string }, resetPage: boolean) => void,
  sort?: (s: string | undefined) => string,
) {
  return (p: TablePaginationConfig, _filters: unknown, sorter: unknown) =>
    update(
      { page: p.current ?? 1, pageSize: p.pageSize ?? 20, ...(sort && { sort: sort(sortParam(sorter)) }) },
      false,
    )
}
