import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  Button,
  Card,
  Col,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { formatDateTime } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { ApplicationDrawer } from './ApplicationDrawer'
import { PolicyDrawer } from './PolicyDrawer'
import { BENEFITS, LEVELS, PolicyFormModal } from './PolicyFormModal'
import { ApplicationTag, PolicyStatusTag, useWan, validText } from './policy-ui'
import type { ApplicationRow, FiguresResponse, PolicyRow } from './types'

const DEFAULTS = {
  tab: 'catalogue',
  keyword: '',
  level: '',
  benefitKind: '',
  status: '',
  validNow: false,
  appStatus: '',
  pending: false,
  page: 1,
  pageSize: 20,
}

/** 惠企政策 for the staff: the catalogue, the applications to review and pay, the figures. */
export default function PoliciesPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const { params, update } = useListParams(DEFAULTS)
  // ?policy= and ?application= open a record's drawer (links from the 一企一清单 and notifications)
  const [policyId, setPolicyId] = useState<number | null>(
    Number(new URLSearchParams(window.location.search).get('policy')) || null,
  )
  const [creating, setCreating] = useState(false)
  const [appId, setAppId] = useState<number | null>(
    Number(new URLSearchParams(window.location.search).get('application')) || null,
  )
  // enterprise accounts have their own pages
  if (me?.enterprise) return <Navigate to="/portal/policies" replace />
  const manage = can(me, 'policy:manage')
  return (
    <>
      <PageHeader
        title={t('policies.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('policies.new')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={params.tab}
        onChange={(tab) => update({ tab })}
        items={[
          {
            key: 'catalogue',
            label: t('policies.tab.catalogue'),
            children: <Catalogue params={params} update={update} onOpen={setPolicyId} />,
          },
          {
            key: 'applications',
            label: t('policies.tab.applications'),
            children: <Applications params={params} update={update} onOpen={setAppId} />,
          },
          { key: 'figures', label: t('policies.tab.figures'), children: <FiguresTab /> },
        ]}
      />
      <PolicyDrawer id={policyId} onClose={() => setPolicyId(null)} onOpenApplication={setAppId} />
      <ApplicationDrawer id={appId} onClose={() => setAppId(null)} />
      <PolicyFormModal
        open={creating}
        policy={null}
        onClose={() => setCreating(false)}
        onSaved={setPolicyId}
      />
    </>
  )
}

type Params = typeof DEFAULTS
type Update = (patch: Partial<Params>, resetPage?: boolean) => void

function Catalogue({
  params,
  update,
  onOpen,
}: {
  params: Params
  update: Update
  onOpen: (id: number) => void
}) {
  const { t } = useTranslation()
  const wan = useWan()
  const query = {
    keyword: params.keyword || undefined,
    level: params.level || undefined,
    benefitKind: params.benefitKind || undefined,
    status: params.status || undefined,
    validNow: params.validNow || undefined,
  }
  const list = useQuery({
    queryKey: ['policies', 'list', query, params.page, params.pageSize],
    queryFn: () =>
      get<Page<PolicyRow>>('/api/policies', { ...query, page: params.page, pageSize: params.pageSize }),
    placeholderData: keepPreviousData,
  })
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('policies.searchPlaceholder')}
          defaultValue={params.keyword}
          onSearch={(keyword) => update({ keyword })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('policies.field.level')}
          value={params.level || undefined}
          onChange={(v) => update({ level: v ?? '' })}
          options={LEVELS.map((v) => ({ value: v, label: t(`policies.level.${v}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('policies.field.benefitKind')}
          value={params.benefitKind || undefined}
          onChange={(v) => update({ benefitKind: v ?? '' })}
          options={BENEFITS.map((v) => ({ value: v, label: t(`policies.benefit.${v}`) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('policies.field.status')}
          value={params.status || undefined}
          onChange={(v) => update({ status: v ?? '' })}
          options={['draft', 'published', 'withdrawn'].map((v) => ({
            value: v,
            label: t(`policies.status.${v}`),
          }))}
          style={{ width: 120 }}
        />
        <Space>
          <Switch checked={params.validNow} onChange={(validNow) => update({ validNow })} />
          {t('policies.validNow')}
        </Space>
        <ExportButton path="/api/policies/export.xlsx" query={query} />
      </Space>
      <ListTable<PolicyRow>
        query={list}
        params={params}
        update={update}
        empty={t('policies.emptyList')}
        scroll={{ x: 1000 }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('policies.field.title'),
            dataIndex: 'title',
            render: (v, r) => (
              <div>
                <Typography.Link>{v}</Typography.Link>
                <div>
                  <Typography.Text type="secondary">
                    {[r.docNumber, r.issuer].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('policies.field.level'), dataIndex: 'levelLabel', width: 110 },
          { title: t('policies.field.benefitKind'), dataIndex: 'benefitLabel', width: 150 },
          {
            title: t('policies.field.maxAmount'),
            dataIndex: 'maxAmount',
            width: 120,
            render: (v) => (v ? wan(v) : '—'),
          },
          {
            title: t('policies.field.validity'),
            width: 200,
            render: (_v, r) => validText(r, t('policies.longTerm')),
          },
          { title: t('policies.field.status'), width: 150, render: (_v, r) => <PolicyStatusTag p={r} /> },
          { title: t('policies.field.applications'), dataIndex: 'applicationCount', width: 90 },
        ]}
      />
    </>
  )
}

function Applications({
  params,
  update,
  onOpen,
}: {
  params: Params
  update: Update
  onOpen: (id: number) => void
}) {
  const { t } = useTranslation()
  const wan = useWan()
  const query = {
    keyword: params.keyword || undefined,
    status: params.appStatus || undefined,
    pending: params.pending || undefined,
  }
  const list = useQuery({
    queryKey: ['policies', 'applications', query, params.page, params.pageSize],
    queryFn: () =>
      get<Page<ApplicationRow>>('/api/policy-applications', {
        ...query,
        page: params.page,
        pageSize: params.pageSize,
      }),
    placeholderData: keepPreviousData,
  })
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('policies.app.searchPlaceholder')}
          defaultValue={params.keyword}
          onSearch={(keyword) => update({ keyword })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('policies.app.status')}
          value={params.appStatus || undefined}
          onChange={(v) => update({ appStatus: v ?? '' })}
          options={['submitted', 'accepted', 'returned', 'approved', 'rejected', 'partly_paid', 'paid'].map(
            (v) => ({
              value: v,
              label: t(`policies.app.statusLabel.${v}`),
            }),
          )}
          style={{ width: 140 }}
        />
        <Space>
          <Switch checked={params.pending} onChange={(pending) => update({ pending })} />
          {t('policies.app.pendingOnly')}
        </Space>
        <ExportButton path="/api/policy-applications/export.xlsx" query={query} />
      </Space>
      <ListTable<ApplicationRow>
        query={list}
        params={params}
        update={update}
        empty={t('policies.app.emptyList')}
        scroll={{ x: 1000 }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('policies.app.code'),
            dataIndex: 'code',
            width: 130,
            render: (v) => <Typography.Link>{v}</Typography.Link>,
          },
          { title: t('policies.app.enterprise'), render: (_v, r) => r.enterprise.name },
          { title: t('policies.app.policy'), render: (_v, r) => r.policy.title },
          {
            title: t('policies.app.status'),
            width: 110,
            render: (_v, r) => <ApplicationTag status={r.status} label={r.statusLabel} />,
          },
          { title: t('policies.app.requested'), width: 120, render: (_v, r) => wan(r.amountRequested) },
          { title: t('policies.app.granted'), width: 120, render: (_v, r) => wan(r.amountGranted) },
          { title: t('policies.app.paid'), width: 120, render: (_v, r) => wan(r.amountPaid) },
          { title: t('policies.app.appliedAt'), width: 150, render: (_v, r) => formatDateTime(r.appliedAt) },
        ]}
      />
    </>
  )
}

function FiguresTab() {
  const { t } = useTranslation()
  const wan = useWan()
  const q = useQuery({
    queryKey: ['policies', 'figures'],
    queryFn: () => get<FiguresResponse>('/api/policies/figures'),
  })
  const f = q.data?.total
  const days = (v: number | null | undefined) => (v == null ? '—' : t('policies.fig.days', { n: v }))
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {[
          ['applied', f?.applied],
          ['approved', f?.approved],
          ['pending', f?.pending],
          ['grantedSum', wan(f?.grantedSum)],
          ['paidSum', wan(f?.paidSum)],
          ['avgFirst', days(f?.avgDaysToFirstPayment)],
          ['avgFull', days(f?.avgDaysToFullPayment)],
        ].map(([k, v]) => (
          <Col key={k as string} flex="1 1 150px">
            <Card size="small" loading={q.isLoading}>
              <Statistic title={t(`policies.fig.${k}`)} value={v as string | number} />
            </Card>
          </Col>
        ))}
      </Row>
      {(q.data?.byZone.length ?? 0) > 1 && (
        <Table
          rowKey="zoneId"
          size="small"
          style={{ marginBottom: 16 }}
          title={() => t('policies.fig.byZone')}
          dataSource={q.data?.byZone ?? []}
          pagination={false}
          columns={[
            { title: t('policies.field.zone'), dataIndex: 'zoneName' },
            { title: t('policies.fig.applied'), dataIndex: 'applied', width: 80 },
            { title: t('policies.fig.approved'), dataIndex: 'approved', width: 80 },
            { title: t('policies.fig.pending'), dataIndex: 'pending', width: 80 },
            {
              title: t('policies.fig.grantedSum'),
              dataIndex: 'grantedSum',
              width: 120,
              render: (v) => wan(v),
            },
            { title: t('policies.fig.paidSum'), dataIndex: 'paidSum', width: 120, render: (v) => wan(v) },
            {
              title: t('policies.fig.avgFirst'),
              dataIndex: 'avgDaysToFirstPayment',
              width: 120,
              render: days,
            },
            { title: t('policies.fig.avgFull'), dataIndex: 'avgDaysToFullPayment', width: 120, render: days },
          ]}
        />
      )}
      <Table
        rowKey="policyId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.byPolicy ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('policies.app.policy'), dataIndex: 'title' },
          { title: t('policies.field.benefitKind'), dataIndex: 'benefitLabel', width: 150 },
          { title: t('policies.fig.applied'), dataIndex: 'applied', width: 80 },
          { title: t('policies.fig.approved'), dataIndex: 'approved', width: 80 },
          { title: t('policies.fig.pending'), dataIndex: 'pending', width: 80 },
          { title: t('policies.fig.grantedSum'), dataIndex: 'grantedSum', width: 120, render: (v) => wan(v) },
          { title: t('policies.fig.paidSum'), dataIndex: 'paidSum', width: 120, render: (v) => wan(v) },
          { title: t('policies.fig.avgFirst'), dataIndex: 'avgDaysToFirstPayment', width: 120, render: days },
          { title: t('policies.fig.avgFull'), dataIndex: 'avgDaysToFullPayment', width: 120, render: days },
        ]}
      />
    </>
  )
}
