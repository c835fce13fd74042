import { BarChartOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, DatePicker, Flex, Grid, Space, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Enterprise, Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { FilterSelect } from '../../components/FilterSelect'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { PhoneCardList } from '../../components/PhoneCardList'
import { UserSelect } from '../../components/UserSelect'
import { ZoneSelect } from '../../components/ZoneSelect'
import { dayjs } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import type { VisitRow } from './types'
import { EnterpriseFilter, KindTag, useDictOptions } from './visit-ui'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  kind: '',
  from: '',
  to: '',
  leaderUserId: undefined as number | undefined,
  enterpriseId: undefined as number | undefined,
  zoneId: undefined as number | undefined,
  outputs: '',
  sort: '',
}

const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name).join('、')

/** One visit as a card (phones). */
function VisitCard({ v }: { v: VisitRow }) {
  const { t } = useTranslation()
  return (
    <Link to={`/visits/${v.id}`} style={{ color: 'inherit', display: 'block' }}>
      <Card size="small" hoverable style={{ marginBottom: 8 }}>
        <Flex justify="space-between" gap={8} align="start">
          <Typography.Text strong style={{ flex: 1 }}>
            {v.summary}
          </Typography.Text>
          <KindTag kind={v.kind} label={v.kindLabel} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {v.visitDate} · {names(v.leaders)} · {v.place}
        </Typography.Text>
        <Space size={12} style={{ marginTop: 4, fontSize: 12 }} wrap>
          <span>{t('visits.card.problems', { n: v.problemCount })}</span>
          <span>{t('visits.card.suggestions', { n: v.suggestionCount, adopted: v.adoptedCount })}</span>
          {v.photoCount > 0 && <span>{t('visits.card.photos', { n: v.photoCount })}</span>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.code}
          </Typography.Text>
        </Space>
      </Card>
    </Link>
  )
}

/** 走访台账: every visit (四下基层、现场办公、调研) with filters, the export and, on phones, cards. */
export default function VisitsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const phone = !Grid.useBreakpoint().md
  const { params, update, reset } = useListParams(DEFAULTS)
  // Filters folded away on phones open by themselves when one of them is set (e.g. from an enterprise page).
  const [more, setMore] = useState(
    () => !!(params.from || params.to || params.leaderUserId || params.enterpriseId || params.outputs),
  )
  const kinds = useDictOptions('visit_kind')
  const aboveZones = !!me && !me.zone

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    kind: params.kind || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
    leaderUserId: params.leaderUserId,
    enterpriseId: params.enterpriseId,
    zoneId: params.zoneId,
    withProblems: params.outputs === 'problems' ? true : undefined,
    withSuggestions: params.outputs === 'suggestions' ? true : undefined,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['visits', query],
    queryFn: () => get<Page<VisitRow>>('/api/visits', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['visits'] })
  // Opened with ?enterpriseId= (from an enterprise page): the filter shows its name.
  const chosen = useQuery({
    queryKey: ['enterprises', params.enterpriseId],
    queryFn: () => get<Enterprise>(`/api/enterprises/${params.enterpriseId}`),
    enabled: !!params.enterpriseId,
    staleTime: 60_000,
  })
  const enterpriseName = chosen.data?.name
  const filtered = Object.entries(params).some(
    ([k, v]) => !['page', 'pageSize', 'sort'].includes(k) && v !== undefined && v !== '',
  )
  const empty = filtered ? t('visits.emptyFiltered') : t('visits.empty')
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder(params.sort, key) })

  const columns: ColumnsType<VisitRow> = [
    ...(aboveZones ? [{ title: t('visits.col.zone'), dataIndex: 'zoneName', width: 110 }] : []),
    {
      title: t('visits.col.code'),
      dataIndex: 'code',
      ...sorted('code'),
      width: 150,
      render: (v: string, r) => <Link to={`/visits/${r.id}`}>{v}</Link>,
    },
    { title: t('visits.col.visitDate'), dataIndex: 'visitDate', ...sorted('visitDate'), width: 110 },
    {
      title: t('visits.col.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: string, r) => <KindTag kind={v} label={r.kindLabel} />,
    },
    {
      title: t('visits.col.leaders'),
      key: 'leaders',
      width: 140,
      render: (_, r) => names(r.leaders),
    },
    {
      title: t('visits.col.summary'),
      dataIndex: 'summary',
      width: 260,
      render: (v: string, r) => (
        <Link to={`/visits/${r.id}`} style={{ color: 'inherit' }}>
          <Typography.Text strong>{v}</Typography.Text>
        </Link>
      ),
    },
    { title: t('visits.col.place'), dataIndex: 'place', width: 180, ellipsis: true },
    {
      title: t('visits.col.enterprises'),
      key: 'enterprises',
      width: 220,
      render: (_, r) =>
        r.enterprises.length
          ? r.enterprises.map((e, i) => (
              <span key={e.id}>
                {i > 0 && '、'}
                <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
              </span>
            ))
          : '—',
    },
    { title: t('visits.col.problems'), dataIndex: 'problemCount', width: 80, align: 'right' },
    {
      title: t('visits.col.suggestions'),
      key: 'suggestions',
      width: 110,
      align: 'right',
      render: (_, r) => t('visits.col.adoptedOf', { adopted: r.adoptedCount, total: r.suggestionCount }),
    },
    { title: t('visits.col.photos'), dataIndex: 'photoCount', width: 70, align: 'right' },
    {
      title: t('visits.col.createdBy'),
      key: 'createdBy',
      width: 100,
      render: (_, r) => r.createdBy?.name ?? '—',
    },
  ]

  const range =
    params.from || params.to
      ? ([params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null] as const)
      : null

  return (
    <>
      <PageHeader
        title={t('visits.title')}
        subtitle={t('visits.subtitle')}
        extra={
          <>
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/visits/stats')}>
              {t('visits.stats.title')}
            </Button>
            <Button icon={<MessageOutlined />} onClick={() => navigate('/visits/suggestions')}>
              {t('visits.suggestions.title')}
            </Button>
            <ExportButton path="/api/visits/export.xlsx" query={query} />
            {can(me, 'visit:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')}>
                {t('visits.new.title')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('visits.filter.keyword'),
            width: 220,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {aboveZones && (
            <ZoneSelect
              aria-label={t('visits.filter.zone')}
              placeholder={t('visits.filter.zone')}
              allowClear
              style={{ width: 140 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
            />
          )}
          <FilterSelect
            label={t('visits.filter.kind')}
            width={130}
            value={params.kind}
            onChange={(v) => update({ kind: v })}
            options={kinds}
          />
          {phone && (
            <Button onClick={() => setMore((m) => !m)} aria-expanded={more}>
              {more ? t('visits.filter.less') : t('visits.filter.more')}
            </Button>
          )}
          {(!phone || more) && (
            <>
              <DatePicker.RangePicker
                aria-label={t('visits.filter.period')}
                placeholder={[t('visits.filter.from'), t('visits.filter.to')]}
                allowEmpty={[true, true]}
                value={range as never}
                onChange={(v) =>
                  update({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })
                }
                style={{ width: 240 }}
              />
              <UserSelect
                aria-label={t('visits.filter.leader')}
                placeholder={t('visits.filter.leader')}
                style={{ width: 130 }}
                value={params.leaderUserId}
                onChange={(v) => update({ leaderUserId: (v as number | undefined) ?? undefined })}
              />
              <EnterpriseFilter
                aria-label={t('visits.filter.enterprise')}
                placeholder={t('visits.filter.enterprise')}
                style={{ width: 200 }}
                value={params.enterpriseId}
                known={
                  enterpriseName && params.enterpriseId
                    ? { id: params.enterpriseId, name: enterpriseName }
                    : null
                }
                onChange={(v) => update({ enterpriseId: v ?? undefined })}
              />
              <FilterSelect
                label={t('visits.filter.outputs')}
                width={130}
                value={params.outputs}
                onChange={(v) => update({ outputs: v })}
                options={[
                  { value: 'problems', label: t('visits.filter.withProblems') },
                  { value: 'suggestions', label: t('visits.filter.withSuggestions') },
                ]}
              />
            </>
          )}
        </FilterBar>
        {phone ? (
          <PhoneCardList
            query={list}
            params={params}
            update={update}
            empty={empty}
            card={(v) => <VisitCard key={v.id} v={v} />}
          />
        ) : (
          <ListTable<VisitRow>
            query={list}
            params={params}
            update={update}
            sort={(s) => s ?? ''}
            empty={empty}
            size="small"
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/visits/${r.id}`) })}
          />
        )}
      </Card>
    </>
  )
}
