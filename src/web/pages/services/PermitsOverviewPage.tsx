import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Card,
  Checkbox,
  Col,
  Flex,
  Grid,
  InputNumber,
  Row,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import {
  PERMIT_STATUS_LABEL,
  PERMIT_STATUSES,
  SERVICE_KIND_LABEL,
  SERVICE_KINDS,
} from '../../../shared/service'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { FilterSelect } from '../../components/FilterSelect'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { PhoneCardList } from '../../components/PhoneCardList'
import { UserSelect } from '../../components/UserSelect'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { PermitStatusTag } from './PermitsPanel'
import type { Permit, PermitFigures, Workload } from './types'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  sort: '',
  q: '',
  status: 'open',
  late: false,
  zoneId: undefined as number | undefined,
  agentUserId: undefined as number | undefined,
  year: Number(dayjs().tz(TZ).format('YYYY')),
}

/** 签约到开工 of the zone: average / median months of the projects that started in the year. */
function SignToStartCard({
  zoneId,
  year,
  onYear,
}: {
  zoneId?: number
  year: number
  onYear: (y: number) => void
}) {
  const { t } = useTranslation()
  const q = useQuery({
    queryKey: ['permits', 'figures', zoneId, year],
    queryFn: () => get<PermitFigures>('/api/permits/figures', { zoneId, year }),
  })
  const f = q.data
  return (
    <Card
      size="small"
      title={t('services.signToStart.zoneTitle')}
      extra={
        <InputNumber
          aria-label={t('services.signToStart.year')}
          size="small"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && onYear(v)}
          suffix={t('services.signToStart.yearSuffix')}
        />
      }
      style={{ marginBottom: 16 }}
    >
      {q.isError && <Alert type="error" title={errorMessage(q.error)} />}
      <Row gutter={[16, 8]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('services.signToStart.average')}
            value={f?.averageMonths ?? '—'}
            suffix={f?.averageMonths != null ? t('services.signToStart.months') : ''}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('services.signToStart.median')}
            value={f?.medianMonths ?? '—'}
            suffix={f?.medianMonths != null ? t('services.signToStart.months') : ''}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('services.signToStart.count')} value={f?.count ?? 0} />
        </Col>
        <Col xs={24}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f?.projects.map((p) => `${p.name} ${p.months}${t('services.signToStart.months')}`).join('；') ||
              t('services.signToStart.none')}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  )
}

/** Per-officer workload: contacts per month by kind and phase; permits handled as agent. */
function WorkloadTables({ zoneId }: { zoneId?: number }) {
  const { t } = useTranslation()
  const q = useQuery({
    queryKey: ['service-records', 'workload', zoneId],
    queryFn: () => get<Workload>('/api/service-records/workload', { zoneId }),
  })
  if (q.isError) return <Alert type="error" title={errorMessage(q.error)} />
  type C = Workload['contacts'][number]
  const contactCols: ColumnsType<C> = [
    { title: t('services.workload.officer'), key: 'o', width: 100, render: (_, r) => r.officer.name },
    { title: t('services.workload.month'), dataIndex: 'month', width: 90 },
    { title: t('services.workload.total'), dataIndex: 'total', width: 70, align: 'right' },
    ...SERVICE_KINDS.map((k) => ({
      title: SERVICE_KIND_LABEL[k].zh,
      key: k,
      width: 60,
      align: 'right' as const,
      render: (_: unknown, r: C) => r.byKind[k] || '',
    })),
    {
      title: t('services.workload.pre'),
      key: 'pre',
      width: 60,
      align: 'right',
      render: (_, r) => r.byPhase.pre || '',
    },
    {
      title: t('services.workload.during'),
      key: 'during',
      width: 60,
      align: 'right',
      render: (_, r) => r.byPhase.during || '',
    },
    {
      title: t('services.workload.post'),
      key: 'post',
      width: 60,
      align: 'right',
      render: (_, r) => r.byPhase.post || '',
    },
  ]
  type P = Workload['permits'][number]
  const permitCols: ColumnsType<P> = [
    {
      title: t('services.workload.agent'),
      key: 'a',
      render: (_, r) => <Link to={`/permits?agentUserId=${r.agent.id}`}>{r.agent.name}</Link>,
    },
    { title: t('services.workload.open'), dataIndex: 'open', align: 'right' },
    { title: t('services.workload.approved'), dataIndex: 'approved', align: 'right' },
    {
      title: t('services.workload.late'),
      dataIndex: 'late',
      align: 'right',
      render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
    },
  ]
  return (
    <Tabs
      items={[
        {
          key: 'contacts',
          label: t('services.workload.contacts'),
          children: (
            <Table<C>
              rowKey={(r) => `${r.officer.id}-${r.month}`}
              size="small"
              loading={q.isFetching}
              columns={contactCols}
              dataSource={q.data?.contacts}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
            />
          ),
        },
        {
          key: 'permits',
          label: t('services.workload.permits'),
          children: (
            <Table<P>
              rowKey={(r) => r.agent.id}
              size="small"
              loading={q.isFetching}
              columns={permitCols}
              dataSource={q.data?.permits}
              pagination={false}
            />
          ),
        },
      ]}
    />
  )
}

/** 帮办代办总览: permits in progress / late across projects, the signing → start figure, the workload. */
export default function PermitsOverviewPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const phone = !Grid.useBreakpoint().md
  const { params, update, reset } = useListParams(DEFAULTS)
  const aboveZones = !!me && !me.zone
  const filter = {
    q: params.q || undefined,
    status: params.status && params.status !== 'all' ? params.status : undefined,
    late: params.late || undefined,
    zoneId: params.zoneId,
    agentUserId: params.agentUserId,
    sort: params.sort || undefined,
  }
  const query = { ...filter, page: params.page, pageSize: params.pageSize }
  const list = useQuery({
    queryKey: ['permits', 'list', query],
    queryFn: () => get<Page<Permit>>('/api/permits', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['permits'] })

  const columns: ColumnsType<Permit> = [
    ...(aboveZones ? [{ title: t('services.permit.zone'), dataIndex: 'zoneName', width: 110 }] : []),
    {
      title: t('services.permit.project'),
      key: 'project',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'project'),
      width: 220,
      render: (_, p) => <Link to={`/projects/${p.project.id}`}>{`${p.project.code} ${p.project.name}`}</Link>,
    },
    { title: t('services.permit.name'), dataIndex: 'name', width: 120 },
    {
      title: t('services.permit.status'),
      key: 'status',
      width: 120,
      render: (_, p) => <PermitStatusTag p={p} />,
    },
    {
      title: t('services.permit.department'),
      dataIndex: 'departmentName',
      width: 130,
      render: (v) => v ?? '—',
    },
    { title: t('services.permit.agent'), key: 'agent', width: 90, render: (_, p) => p.agent?.name ?? '—' },
    {
      title: t('services.permit.acceptedOn'),
      dataIndex: 'acceptedOn',
      key: 'acceptedOn',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'acceptedOn'),
      width: 110,
      render: (v) => v ?? '—',
    },
    {
      title: t('services.permit.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'dueDate'),
      width: 110,
      render: (v: string | null, p) =>
        v ? <Typography.Text type={p.late ? 'danger' : undefined}>{v}</Typography.Text> : '—',
    },
    {
      title: t('services.permit.problem'),
      key: 'problem',
      width: 130,
      render: (_, p) =>
        p.problem ? (
          <Link to={`/problems/${p.problem.id}`}>{`${p.problem.code} · ${p.problem.statusLabel}`}</Link>
        ) : (
          '—'
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('services.overview.title')}
        subtitle={t('services.overview.subtitle')}
        extra={<ExportButton path="/api/permits/export.xlsx" query={filter} />}
      />
      <SignToStartCard zoneId={params.zoneId} year={params.year} onYear={(year) => update({ year }, false)} />
      <Card style={{ marginBottom: 16 }}>
        <FilterBar
          search={{
            value: params.q,
            placeholder: t('services.overview.keyword'),
            width: 200,
            onSearch: (q) => update({ q }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {aboveZones && (
            <ZoneSelect
              aria-label={t('services.permit.zone')}
              placeholder={t('services.permit.zone')}
              allowClear
              style={{ width: 140 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
            />
          )}
          <FilterSelect
            label={t('services.permit.status')}
            width={120}
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={[
              { value: 'all', label: t('services.overview.all') },
              { value: 'open', label: t('services.overview.open') },
              ...PERMIT_STATUSES.map((s) => ({ value: s, label: PERMIT_STATUS_LABEL[s].zh })),
            ]}
          />
          <UserSelect
            aria-label={t('services.permit.agent')}
            placeholder={t('services.permit.agent')}
            style={{ width: 130 }}
            value={params.agentUserId}
            onChange={(v) => update({ agentUserId: (v as number | undefined) ?? undefined })}
          />
          <Checkbox checked={params.late} onChange={(e) => update({ late: e.target.checked })}>
            {t('services.overview.lateOnly')}
          </Checkbox>
        </FilterBar>
        {phone ? (
          <PhoneCardList<Permit>
            query={list}
            params={params}
            update={update}
            empty={t('services.overview.empty')}
            card={(p) => (
              <Card key={p.id} size="small" style={{ marginBottom: 8 }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <PermitStatusTag p={p} />
                </Flex>
                <Link to={`/projects/${p.project.id}`}>{p.project.name}</Link>
                <div style={{ fontSize: 12, color: '#595959' }}>
                  {[
                    p.departmentName,
                    p.agent?.name,
                    p.dueDate && `${t('services.permit.dueDate')} ${p.dueDate}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </Card>
            )}
          />
        ) : (
          <ListTable<Permit>
            query={list}
            params={params}
            update={update}
            sort={keepSort}
            empty={t('services.overview.empty')}
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(p) => ({ style: p.late ? { background: '#fff1f0' } : undefined })}
          />
        )}
      </Card>
      <Card size="small" title={t('services.workload.title')}>
        <WorkloadTables zoneId={params.zoneId} />
      </Card>
    </>
  )
}
