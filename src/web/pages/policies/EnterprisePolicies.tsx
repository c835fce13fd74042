import { useQuery } from '@tanstack/react-query'
import { Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { formatDate } from '../../lib/format'
import { ApplicationTag, Reasons, useWan } from './policy-ui'
import type { ApplicationRow, MatchedPolicy } from './types'

/** 一企一清单's policy panel: the policies the enterprise qualifies for (with reasons) and its applications. */
export function EnterprisePolicies({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation()
  const wan = useWan()
  const { data: me } = useMe()
  const portal = !!me?.enterprise
  const matched = useQuery({
    queryKey: ['policies', 'for-enterprise', enterpriseId],
    queryFn: () => get<{ items: MatchedPolicy[] }>('/api/policies/for-enterprise', { enterpriseId }),
  })
  const apps = useQuery({
    queryKey: ['policies', 'applications', { enterpriseId }],
    queryFn: () => get<Page<ApplicationRow>>('/api/policy-applications', { enterpriseId, pageSize: 50 }),
  })
  const policyLink = (id: number) =>
    portal ? `/portal/policies/${id}` : `/policies?tab=catalogue&policy=${id}`
  const appLink = (id: number) =>
    portal ? `/portal/policy-applications/${id}` : `/policies?tab=applications&application=${id}`
  return (
    <>
      <Typography.Title level={5}>
        {t('policies.enterprise.matched', { n: matched.data?.items.length ?? 0 })}
      </Typography.Title>
      <List
        size="small"
        loading={matched.isLoading}
        dataSource={matched.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('policies.portal.none')} /> }}
        renderItem={(p) => (
          <List.Item key={p.id}>
            <div style={{ width: '100%' }}>
              <Space wrap>
                <Link to={policyLink(p.id)}>{p.title}</Link>
                <Tag color="blue">{p.benefitLabel}</Tag>
                {p.application && (
                  <ApplicationTag status={p.application.status} label={p.application.statusLabel} />
                )}
              </Space>
              <Reasons reasons={p.reasons} />
            </div>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('policies.enterprise.applications', { n: apps.data?.total ?? 0 })}
      </Typography.Title>
      <List
        size="small"
        loading={apps.isLoading}
        dataSource={apps.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('policies.portal.noApplications')} /> }}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <Space wrap>
              <Link to={appLink(a.id)}>{a.code}</Link>
              <span>{a.policy.title}</span>
              <ApplicationTag status={a.status} label={a.statusLabel} />
              <Typography.Text type="secondary">
                {formatDate(a.appliedAt)} · {t('policies.app.requested')} {wan(a.amountRequested)}
                {a.amountGranted && ` · ${t('policies.app.granted')} ${wan(a.amountGranted)}`} ·{' '}
                {t('policies.app.paid')} {wan(a.amountPaid)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  )
}
