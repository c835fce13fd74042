import { useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, get, post, setCsrfToken } from './client'
import type { LoginResponse, Me } from './types'

export const ME_KEY = ['me'] as const

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await get<Me>('/api/auth/me')
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null
        throw e
      }
    },
    staleTime: 60_000,
    retry: false,
  })
}

export function useAuthActions() {
  const qc = useQueryClient()
  return {
    async login(username: string, password: string) {
      const res = await post<LoginResponse>('/api/auth/login', { username, password })
      setCsrfToken(res.csrfToken)
      if (res.user) qc.setQueryData(ME_KEY, res.user)
      return res
    },
    async verifyTotp(code: string) {
      const res = await post<LoginResponse>('/api/auth/totp', { code })
      setCsrfToken(res.csrfToken)
      if (res.user) qc.setQueryData(ME_KEY, res.user)
      return res
    },
    async logout() {
      try {
        await post('/api/auth/logout')
      } finally {
        setCsrfToken(null)
        qc.clear()
        qc.setQueryData(ME_KEY, null)
      }
    },
    async changePassword(currentPassword: string, newPassword: string) {
      const me = await post<Me>('/api/auth/password', { currentPassword, newPassword })
      qc.setQueryData(ME_KEY, me)
      return me
    },
  }
}

/** The granted permissions include the one asked for — or, given several, any of them (none asked: yes). */
export function holds(granted: readonly string[], permission?: string | readonly string[]) {
  if (!permission) return true
  return (typeof permission === 'string' ? [permission] : permission).some((p) => granted.includes(p))
}

export function can(me: Me | null | undefined, permission?: string | readonly string[]) {
  return holds(me?.permissions ?? [], permission)
}
