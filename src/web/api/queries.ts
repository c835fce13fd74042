import { useQuery } from '@tanstack/react-query'
import { get } from './client'
import type { Department, DictItem, Page, Role } from './types'

/** All roles (a short list), for pickers and filters. */
export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles', 'all'],
    queryFn: () => get<Page<Role>>('/api/roles', { pageSize: 200 }),
    enabled,
    staleTime: 60_000,
  })
}

/** Items of one dictionary (labels and colours), cached for the session. */
export function useDict(type: string) {
  return useQuery({
    queryKey: ['dict', type],
    queryFn: () => get<{ items: DictItem[] }>(`/api/dicts/${type}/items`),
    staleTime: 5 * 60_000,
  })
}

/** The zones (开发区) the user can see, for the zone picker of users above zones. */
export function useZones(enabled: boolean) {
  return useQuery({
    queryKey: ['departments', 'zones'],
    queryFn: () => get<Page<Department>>('/api/departments', { kind: 'zone', pageSize: 200 }),
    enabled,
    staleTime: 60_000,
  })
}
