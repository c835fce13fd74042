import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { get } from '../../../api/client'
import { useDict } from '../../../api/queries'
import type { DictItem } from '../../../api/types'

/**
 * The filters of the problem ledger and of the 三个清单, as kept in the URL (see useListParams).
 * They map one to one onto the server's ProblemFilterFields (problems.schema.ts); `from` / `to`
 * are the registration dates.
 */
export const FILTER_DEFAULTS = {
  keyword: '',
  status: '',
  light: '',
  type: '',
  category: '',
  source: '',
  departmentId: undefined as number | undefined,
  supervisionLevel: '',
  zoneId: undefined as number | undefined,
  enterpriseId: undefined as number | undefined,
  projectId: undefined as number | undefined,
  overdue: false,
  mine: false,
  isCommon: false,
  from: '',
  to: '',
}

export type ProblemFilterParams = typeof FILTER_DEFAULTS

/** URL params → the API's query (empty values left out). */
export function filterQuery(p: ProblemFilterParams) {
  return {
    keyword: p.keyword || undefined,
    status: p.status || undefined,
    light: p.light || undefined,
    type: p.type || undefined,
    category: p.category || undefined,
    source: p.source || undefined,
    departmentId: p.departmentId,
    supervisionLevel: p.supervisionLevel || undefined,
    zoneId: p.zoneId,
    enterpriseId: p.enterpriseId,
    projectId: p.projectId,
    overdue: p.overdue || undefined,
    mine: p.mine || undefined,
    isCommon: p.isCommon || undefined,
    receivedFrom: p.from || undefined,
    receivedTo: p.to || undefined,
  }
}

/** How many filters (besides the keyword) are set: the count on the phone's 筛选 button. */
export function activeFilterCount(p: ProblemFilterParams, extra: Array<unknown> = []) {
  const keys = Object.keys(FILTER_DEFAULTS).filter((k) => k !== 'keyword' && k !== 'to') as Array<
    keyof ProblemFilterParams
  >
  return (
    keys.filter((k) => (k === 'from' ? p.from || p.to : p[k] !== FILTER_DEFAULTS[k])).length +
    extra.filter((v) => v !== undefined && v !== '' && v !== false).length
  )
}

/** A dictionary as options and as a code → label lookup. */
export function useDictLabels(type: string) {
  const dict = useDict(type)
  return useMemo(() => {
    const items: DictItem[] = dict.data?.items ?? []
    const map = new Map(items.map((i) => [i.code, i]))
    return {
      loading: dict.isLoading,
      options: items.filter((i) => i.enabled).map((i) => ({ value: i.code, label: i.label })),
      label: (code: string | null | undefined) => (code ? (map.get(code)?.label ?? code) : '—'),
    }
  }, [dict.data, dict.isLoading])
}

/** The name of an enterprise or project given by id in the URL (shown as a removable filter). */
export function useRefName(kind: 'enterprises' | 'projects', id: number | undefined) {
  const q = useQuery({
    queryKey: [kind, id, 'name'],
    queryFn: () => get<{ name: string; code?: string }>(`/api/${kind}/${id}`),
    enabled: !!id,
    staleTime: 5 * 60_000,
  })
  return q.data?.name
}

/** The filters set, as a URL search string ('' or '?…'): to open another view with the same filters. */
export function filterSearch(p: ProblemFilterParams) {
  const qs = new URLSearchParams()
  for (const k of Object.keys(FILTER_DEFAULTS) as Array<keyof ProblemFilterParams>) {
    const v = p[k]
    if (v !== undefined && v !== '' && v !== FILTER_DEFAULTS[k]) qs.set(k, String(v))
  }
  const s = qs.toString()
  return s ? `?${s}` : ''
}
