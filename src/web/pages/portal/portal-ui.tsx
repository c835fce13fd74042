import { FormOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Result, Skeleton } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Me, ProblemDeadlineSettings } from '../../api/types'

/** The widest the portal grows on a desktop: it is laid out for a phone first. */
export const PORTAL_WIDTH = 760

export const portalKey = (query: object) => ['problems', 'portal', query] as const

/** 限时办结 settings (the acceptance days are promised to the enterprise), shared cache with the settings page. */
export function useProblemSettings() {
  return useQuery({
    queryKey: ['problem-settings'],
    queryFn: () => get<ProblemDeadlineSettings>('/api/problem-settings'),
    staleTime: 5 * 60_000,
  })
}

/**
 * The portal is for enterprise accounts: staff (who also hold problem:report) are sent to staff entry,
 * and an enterprise account not yet linked to an enterprise is told whom to ask.
 */
export function PortalGate({
  children,
}: {
  children: (me: Me & { enterprise: { id: number; name: string } }) => ReactNode
}) {
  const { t } = useTranslation()
  const { data: me, isLoading } = useMe()
  if (isLoading || !me) return <Skeleton active />
  if (me.enterprise) return <>{children(me as Me & { enterprise: { id: number; name: string } })}</>
  if (me.roles.some((r) => r.code === 'enterprise'))
    return (
      <Result
        status="warning"
        title={t('portal.gate.unlinkedTitle')}
        subTitle={t('portal.gate.unlinkedText')}
      />
    )
  return (
    <Result
      status="info"
      title={t('portal.gate.staffTitle')}
      subTitle={t('portal.gate.staffText')}
      extra={[
        <Link key="new" to="/problems/new">
          <Button type="primary" icon={<FormOutlined />}>
            {t('portal.gate.staffNew')}
          </Button>
        </Link>,
        can(me, 'problem:read') && (
          <Link key="ledger" to="/problems">
            <Button icon={<UnorderedListOutlined />}>{t('portal.gate.staffLedger')}</Button>
          </Link>
        ),
      ]}
    />
  )
}

/** A centred column as wide as a large phone / small tablet. */
export function PortalColumn({ children }: { children: ReactNode }) {
  return <div style={{ maxWidth: PORTAL_WIDTH, margin: '0 auto' }}>{children}</div>
}
