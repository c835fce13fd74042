import { Button, Spin } from 'antd'
import { type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { can, useMe } from '../api/auth'
import { StatusResult } from './StatusResult'

/** Sends visitors to the login page, and accounts with a pending password change to that page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isLoading, isError, refetch } = useMe()
  const location = useLocation()
  const { t } = useTranslation()
  if (isLoading) return <Spin size="large" fullscreen />
  if (isError)
    return (
      <Suspense fallback={null}>
        <StatusResult
          status="error"
          title={t('common.loadFailed')}
          extra={<Button onClick={() => refetch()}>{t('common.retry')}</Button>}
        />
      </Suspense>
    )
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />
  return <>{children}</>
}

export function RequirePermission({
  permission,
  children,
}: {
  permission: string | readonly string[]
  children: ReactNode
}) {
  const { data: me } = useMe()
  const { t } = useTranslation()
  if (!can(me, permission))
    return <StatusResult status="403" title="403" subTitle={t('common.noPermission')} />
  return <>{children}</>
}
