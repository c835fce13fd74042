import {
  ArrowLeftOutlined,
  EditOutlined,
  EnvironmentOutlined,
  PhoneOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { can, useMe } from '../../api/auth'
import { ApiError, get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { EnterpriseOverview, EnterpriseProject, EventItem, Page, PersonRef } from '../../api/types'
import { EventTimeline } from '../../components/EventTimeline'
import { LightDot } from '../../components/LightDot'
import { errorMessage } from '../../lib/form-errors'
import { formatMoney } from '../../lib/format'
import { EnterprisePolicies } from '../policies/EnterprisePolicies'
import { EnterpriseProblems, useEnterpriseProblemCounts } from '../problems/list/EnterpriseProblems'
import { ServiceRecordPanel } from '../services/ServiceRecordPanel'
import { EnterpriseVisits } from '../visits/EnterpriseVisits'
import { EnterpriseAccountsModal } from './EnterpriseAccountsModal'
import { EnterpriseFormModal } from './EnterpriseFormModal'
import { isEnterpriseUser } from './EnterprisesPage'

const Tel = ({ phone }: { phone: string | null | undefined }) =>
  phone ? (
    <a href={`tel:${phone}`}>
      <PhoneOutlined /> {phone}
    </a>
  ) : null

function PersonLine({ p }: { p: PersonRef | null }) {
  if (!p) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Space size={8} wrap>
      <span>
        {p.name}
        {p.title ? `（${p.title}）` : ''}
      </span>
      <Tel phone={p.phone} />
    </Space>
  )
}

/** 一企一清单: everything about one enterprise on one page. */
export default function EnterprisePage() {
  const { id } = useParams()
  const enterpriseId = Number(id)
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const [editing, setEditing] = useState(false)
  const [accounts, setAccounts] = useState(false)
  const stages = useDict('project_stage')
  const scales = useDict('enterprise_scale')
  const manage = can(me, 'enterprise:manage')

  const overview = useQuery({
    queryKey: ['enterprises', enterpriseId, 'overview'],
    queryFn: () => get<EnterpriseOverview>(`/api/enterprises/${enterpriseId}/overview`),
    enabled: Number.isInteger(enterpriseId) && enterpriseId > 0,
  })
  const e = overview.data?.enterprise
  const chain = useQuery({
    queryKey: ['reference', 'region-chain', e?.regionCode],
    queryFn: () =>
      get<{ items: Array<{ code: string; name: string }> }>(`/api/reference/regions/${e!.regionCode}/chain`),
    enabled: !!e?.regionCode,
    staleTime: Number.POSITIVE_INFINITY,
  })
  const timeline = useInfiniteQuery({
    queryKey: ['enterprises', enterpriseId, 'timeline'],
    queryFn: ({ pageParam }) =>
      get<Page<EventItem>>(`/api/enterprises/${enterpriseId}/timeline`, { page: pageParam, pageSize: 20 }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: !!e,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['enterprises'] })
  const problemCounts = useEnterpriseProblemCounts(enterpriseId)

  if (overview.isLoading) return <Skeleton active />
  if (overview.isError || !overview.data || !e) {
    const missing = overview.error instanceof ApiError && overview.error.status === 404
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('enterprises.notFound') : t('common.loadFailed')}
        subTitle={missing ? undefined : errorMessage(overview.error)}
        extra={
          isEnterpriseUser(me) ? null : (
            <Link to="/enterprises">
              <Button>{t('common.back')}</Button>
            </Link>
          )
        }
      />
    )
  }
  const o = overview.data
  const stageLabel = (code: string) => stages.data?.items.find((s) => s.code === code)?.label ?? code
  const stageColor = (code: string) => stages.data?.items.find((s) => s.code === code)?.color ?? undefined

  const projectColumns: ColumnsType<EnterpriseProject> = [
    {
      title: t('enterprises.light.title'),
      dataIndex: 'light',
      width: 80,
      render: (_, p) => <LightDot light={p.light} reasons={p.lightReasons} />,
    },
    {
      title: t('enterprises.projectName'),
      dataIndex: 'name',
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${p.id}`}>{p.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code}
            {p.isKey ? ` · ${t('enterprises.keyProject')}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('enterprises.stage'),
      dataIndex: 'stage',
      width: 110,
      render: (s: string) => <Tag color={stageColor(s)}>{stageLabel(s)}</Tag>,
    },
    {
      title: t('enterprises.totalInvestment'),
      dataIndex: 'totalInvestment',
      width: 150,
      align: 'right',
      render: (v: string) => formatMoney(v, t),
    },
  ]

  const pathNames = chain.data?.items.map((r) => r.name).join(' / ') ?? e.regionName
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? o.timeline

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space align="center" wrap>
          {!isEnterpriseUser(me) && (
            <Link to="/enterprises">
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} />
            </Link>
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>
            {e.name}
          </Typography.Title>
          {e.scaleLabel && (
            <Tag color={scales.data?.items.find((s) => s.code === e.scale)?.color ?? undefined}>
              {e.scaleLabel}
            </Tag>
          )}
          <Tag color="blue">{t('enterprises.oneList')}</Tag>
        </Space>
        {manage && (
          <Space wrap>
            <Button icon={<TeamOutlined />} onClick={() => setAccounts(true)}>
              {t('enterprises.accounts')}
            </Button>
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          </Space>
        )}
      </Flex>

      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            {
              key: 'code',
              label: t('enterprises.creditCode'),
              children: e.creditCode ? <Typography.Text copyable>{e.creditCode}</Typography.Text> : '—',
            },
            {
              key: 'industry',
              label: t('enterprises.industry'),
              children: e.industryName ? `${e.industryCode} ${e.industryName}` : '—',
            },
            { key: 'region', label: t('enterprises.region'), children: pathNames || '—' },
            {
              key: 'address',
              label: t('enterprises.address'),
              span: { xs: 1, sm: 2, lg: 2 },
              children: (
                <Space size={8} wrap>
                  <span>{e.address || '—'}</span>
                  {e.lng && e.lat && (
                    <Typography.Text type="secondary">
                      <EnvironmentOutlined /> {e.lng}, {e.lat}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { key: 'legal', label: t('enterprises.legalRep'), children: e.legalRep || '—' },
            { key: 'leader', label: t('enterprises.leader'), children: <PersonLine p={e.leader} /> },
            { key: 'officer', label: t('enterprises.officer'), children: <PersonLine p={e.officer} /> },
            { key: 'est', label: t('enterprises.establishedOn'), children: e.establishedOn || '—' },
            {
              key: 'contacts',
              label: t('enterprises.contacts'),
              span: 'filled',
              children: e.contacts.length ? (
                <Space orientation="vertical" size={2}>
                  {e.contacts.map((c) => (
                    <Space key={`${c.name}-${c.phone ?? ''}-${c.title ?? ''}`} size={8} wrap>
                      <span>
                        {c.name}
                        {c.title ? `（${c.title}）` : ''}
                      </span>
                      <Tel phone={c.phone} />
                    </Space>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            ...(e.description
              ? [
                  {
                    key: 'desc',
                    label: t('enterprises.description'),
                    span: 'filled' as const,
                    children: e.description,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('enterprises.tabs.projects')} value={o.counts.projects} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('enterprises.openProblems')}
              value={problemCounts.open ?? o.counts.openProblems}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('enterprises.tabs.visits')} value={o.counts.visits} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('enterprises.accounts')} value={o.accounts.length} />
          </Card>
        </Col>
      </Row>

      <Card>
        <Tabs
          items={[
            {
              key: 'projects',
              label: `${t('enterprises.tabs.projects')} (${o.projects.length})`,
              children: (
                <Table<EnterpriseProject>
                  rowKey="id"
                  size="middle"
                  columns={projectColumns}
                  dataSource={o.projects}
                  pagination={false}
                  scroll={{ x: 560 }}
                  locale={{ emptyText: <Empty description={t('enterprises.noProjects')} /> }}
                />
              ),
            },
            {
              key: 'problems',
              label: `${t('enterprises.tabs.problems')} (${problemCounts.all ?? o.counts.problems})`,
              children: <EnterpriseProblems enterpriseId={enterpriseId} />,
            },
            {
              key: 'visits',
              label: `${t('enterprises.tabs.visits')} (${o.counts.visits})`,
              children: can(me, 'visit:read') ? (
                <EnterpriseVisits enterpriseId={enterpriseId} />
              ) : (
                <Empty description={t('enterprises.visitsEmpty')} />
              ),
            },
            ...(can(me, 'policy:read')
              ? [
                  {
                    key: 'policies',
                    label: t('policies.enterpriseTab'),
                    children: <EnterprisePolicies enterpriseId={enterpriseId} />,
                  },
                ]
              : []),
            ...(can(me, 'service:read')
              ? [
                  {
                    key: 'service',
                    label: t('services.enterpriseTab'),
                    children: <ServiceRecordPanel enterpriseId={enterpriseId} projects={o.projects} />,
                  },
                ]
              : []),
            {
              key: 'timeline',
              label: t('enterprises.tabs.timeline'),
              children: (
                <>
                  <EventTimeline items={events} emptyText={t('enterprises.timelineEmpty')} />
                  {timeline.hasNextPage && (
                    <Button onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                      {t('enterprises.loadMore')}
                    </Button>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <EnterpriseFormModal enterprise={e} onClose={() => setEditing(false)} onSaved={() => refresh()} />
      )}
      {accounts && (
        <EnterpriseAccountsModal enterprise={e} onClose={() => setAccounts(false)} onSaved={refresh} />
      )}
    </>
  )
}
