import { useQuery, useQueryClient } from '@tanstack/react-query'
import { get } from '../../../api/client'
import type { ProblemDeadlineSettings, ProblemDetail } from '../../../api/types'

export const problemKey = (id: number) => ['problems', id] as const

/** One problem with its three lists, extensions and the actions the signed-in user may take. */
export function useProblem(id: number) {
  return useQuery({
    queryKey: problemKey(id),
    queryFn: () => get<ProblemDetail>(`/api/problems/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  })
}

/**
 * Reloads everything about problems after a step: the detail, its timeline, the ledger and the 三个清单
 * (all under ['problems']), and the files (evidence may have been added).
 */
export function useProblemRefresh(id: number) {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: ['problems'] })
    void qc.invalidateQueries({ queryKey: ['attachments', 'problem', id] })
  }
}

/** 限时办结 settings (working days per type, per category), shared with the settings page's cache. */
export function useDeadlineSettings() {
  return useQuery({
    queryKey: ['problem-settings'],
    queryFn: () => get<ProblemDeadlineSettings>('/api/problem-settings'),
    staleTime: 5 * 60_000,
  })
}

/** Default working days: the category's own limit (not for 长远事), else the type's — as the server does. */
export function defaultDays(
  s: ProblemDeadlineSettings | undefined,
  type: 'onsite' | 'common' | 'longterm' | undefined,
  category: string | undefined,
): { days: number; byCategory: boolean } | null {
  if (!s || !type) return null
  if (category && s.byCategory[category] && type !== 'longterm')
    return { days: s.byCategory[category], byCategory: true }
  return {
    days: type === 'onsite' ? s.onsiteDays : type === 'common' ? s.commonDays : s.longtermDays,
    byCategory: false,
  }
}
