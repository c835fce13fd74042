import { RightOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Card, Empty, Flex, Grid, List, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { get } from '../../api/client'
import type { Me, Page } from '../../api/types'
import { PhoneCardList } from '../../components/PhoneCardList'
import { errorMessage } from '../../lib/form-errors'
import { formatDate } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { ApplicationTag, Reasons, useWan, validText } from '../policies/policy-ui'
import type { ApplicationRow, MatchedPolicy } from '../policies/types'
import { PortalColumn, PortalGate } from './portal-ui'

/** 可享受的政策 and 我的申报: what the enterprise qualifies for (and why), and how its applications stand. */
export default function PortalPoliciesPage() {
  return <PortalGate>{(me) => <Policies me={me} />}</PortalGate>
}

function Policies({ me }: { me: Me & { enterprise: { id: number; name: string } } }) {
  const { t } = useTranslation()
  const wan = useWan()
  const phone = Grid.useBreakpoint().sm === false
  const { params, update } = useListParams({ page: 1, pageSize: 10 })
  const matched = useQuery({
    queryKey: ['policies', 'for-enterprise', me.enterprise.id],
    queryFn: () => get<{ items: MatchedPolicy[] }>('/api/policies/for-enterprise'),
  })
  const apps = useQuery({
    queryKey: ['policies', 'applications', 'mine', params.page],
    queryFn: () =>
      get<Page<ApplicationRow>>('/api/policy-applications', { page: params.page, pageSize: params.pageSize }),
    placeholderData: keepPreviousData,
  })

  const appCard = (a: ApplicationRow) => (
    <Link key={a.id} to={`/portal/policy-applications/${a.id}`} style={{ display: 'block', marginBottom: 8 }}>
      <Card size="small" hoverable>
        <Flex justify="space-between" align="center" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong ellipsis>
              {a.policy.title}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {a.code} · {formatDate(a.appliedAt)} · {t('policies.app.requested')} {wan(a.amountRequested)}
                {a.amountGranted && ` · ${t('policies.app.granted')} ${wan(a.amountGranted)}`}
                {a.amountPaid !== '0.00' && ` · ${t('policies.app.paid')} ${wan(a.amountPaid)}`}
              </Typography.Text>
            </div>
          </div>
          <Space>
            <ApplicationTag status={a.status} label={a.statusLabel} />
            <RightOutlined />
          </Space>
        </Flex>
      </Card>
    </Link>
  )

  return (
    <PortalColumn>
      <Typography.Title level={4}>{t('policies.portal.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('policies.portal.intro', { name: me.enterprise.name })}
      </Typography.Paragraph>
      {matched.isError && <Alert type="error" title={errorMessage(matched.error)} />}
      {matched.isLoading ? (
        <Skeleton active />
      ) : !matched.data?.items.length ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty description={t('policies.portal.none')} />
        </Card>
      ) : (
        <div data-testid="qualifying-policies">
          {matched.data.items.map((p) => (
            <Card
              key={p.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Link to={`/portal/policies/${p.id}`} style={{ whiteSpace: 'normal' }}>
                  {p.title}
                </Link>
              }
              extra={!phone && <Tag color="blue">{p.benefitLabel}</Tag>}
            >
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {phone && <Tag color="blue">{p.benefitLabel}</Tag>}
                {p.benefitText}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('policies.portal.why')}</Typography.Text>
              <Reasons reasons={p.reasons} />
              <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">
                  {t('policies.field.validity')}：{validText(p, t('policies.longTerm'))}
                </Typography.Text>
                {p.application ? (
                  <Link to={`/portal/policy-applications/${p.application.id}`}>
                    <ApplicationTag
                      status={p.application.status}
                      label={`${p.application.code} · ${p.application.statusLabel}`}
                    />
                  </Link>
                ) : (
                  <Link to={`/portal/policies/${p.id}`}>{t('policies.portal.applyNow')}</Link>
                )}
              </Flex>
            </Card>
          ))}
        </div>
      )}

      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('policies.portal.mine')}
      </Typography.Title>
      <div data-testid="my-applications">
        {phone ? (
          <PhoneCardList
            query={apps}
            params={params}
            update={update}
            empty={t('policies.portal.noApplications')}
            card={appCard}
          />
        ) : (
          <List
            loading={apps.isFetching}
            dataSource={apps.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('policies.portal.noApplications')} /> }}
            renderItem={appCard}
            pagination={
              (apps.data?.total ?? 0) > params.pageSize
                ? {
                    current: params.page,
                    pageSize: params.pageSize,
                    total: apps.data?.total,
                    onChange: (page) => update({ page }, false),
                  }
                : false
            }
          />
        )}
      </div>
    </PortalColumn>
  )
}
