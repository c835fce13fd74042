import { useQuery } from '@tanstack/react-query'
import { get } from '../../../api/client'
import type { EnterpriseOverview } from '../../../api/types'

/** 一企一清单 of one enterprise: its projects, contacts and accounts (for the project and reporter pickers). */
export function useEnterpriseOverview(enterpriseId: number | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', enterpriseId, 'overview'],
    queryFn: () => get<EnterpriseOverview>(`/api/enterprises/${enterpriseId}/overview`),
    enabled: !!enterpriseId,
    staleTime: 60_000,
  })
}
