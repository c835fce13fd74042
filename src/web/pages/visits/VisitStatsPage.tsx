import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, DatePicker, Flex, Row, Statistic, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import { ExportButton } from '../../components/ExportButton'
import { PageHeader } from '../../components/PageHeader'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import type { LeaderStats, VisitStats } from './types'

const DEFAULTS = { from: '', to: '', zoneId: undefined as number | undefined }

const rate = (part: number, total: number) => (total ? `${Math.round((part / total) * 100)}%` : '—')

/**
 * 领导走访统计 for any period (this year so far unless chosen): per leader visits, enterprises covered,
 * problems raised and resolved, suggestions and their adoption — and the sentence for the report,
 * e.g. "4 名领导走访 12 家企业，提出建议 20 条，采纳 15 条".
 */
export default function VisitStatsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const { params, update } = useListParams(DEFAULTS)
  const aboveZones = !!me && !me.zone
  const query = { from: params.from || undefined, to: params.to || undefined, zoneId: params.zoneId }
  const q = useQuery({
    queryKey: ['visits', 'stats', query],
    queryFn: () => get<VisitStats>('/api/visits/stats', query),
    placeholderData: keepPreviousData,
  })
  const st = q.data
  const period = st ? { from: st.from, to: st.to } : {}

  const columns: ColumnsType<LeaderStats> = [
    {
      title: t('visits.stats.col.leader'),
      key: 'leader',
      fixed: 'left',
      width: 150,
      render: (_, r) => (
        <>
          <Link to={`/visits?leaderUserId=${r.leader.id}&from=${st?.from ?? ''}&to=${st?.to ?? ''}`}>
            {r.leader.name}
          </Link>
          {r.leader.title && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.leader.title}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    { title: t('visits.stats.col.visits'), dataIndex: 'visits', width: 90, align: 'right' },
    { title: t('visits.stats.col.enterprises'), dataIndex: 'enterprises', width: 90, align: 'right' },
    { title: t('visits.stats.col.problemsRaised'), dataIndex: 'problemsRaised', width: 90, align: 'right' },
    {
      title: t('visits.stats.col.problemsResolved'),
      dataIndex: 'problemsResolved',
      width: 90,
      align: 'right',
    },
    {
      title: t('visits.stats.col.suggestions'),
      key: 'suggestions',
      width: 90,
      align: 'right',
      render: (_, r) => r.suggestions.total,
    },
    {
      title: t('visits.stats.col.adopted'),
      key: 'adopted',
      width: 150,
      align: 'right',
      render: (_, r) =>
        r.suggestions.partly
          ? t('visits.stats.adoptedCell', {
              n: r.suggestions.adopted + r.suggestions.partly,
              partly: r.suggestions.partly,
            })
          : r.suggestions.adopted,
    },
    {
      title: t('visits.stats.col.rate'),
      key: 'rate',
      width: 90,
      align: 'right',
      render: (_, r) =>
        rate(r.suggestions.adopted + r.suggestions.partly, r.suggestions.total - r.suggestions.pending),
    },
    {
      title: t('visits.stats.col.pending'),
      key: 'pending',
      width: 80,
      align: 'right',
      render: (_, r) => r.suggestions.pending,
    },
  ]

  const range =
    params.from || params.to
      ? ([params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null] as const)
      : st
        ? ([dayjs(st.from), dayjs(st.to)] as const)
        : null
  const tot = st?.totals

  return (
    <>
      <PageHeader
        title={t('visits.stats.title')}
        subtitle={t('visits.stats.subtitle')}
        extra={<ExportButton path="/api/visits/stats/export.xlsx" query={{ ...query, ...period }} />}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {aboveZones && (
          <ZoneSelect
            aria-label={t('visits.filter.zone')}
            placeholder={t('visits.filter.zone')}
            allowClear
            style={{ width: 160 }}
            value={params.zoneId}
            onChange={(v) => update({ zoneId: v })}
          />
        )}
        <DatePicker.RangePicker
          aria-label={t('visits.filter.period')}
          placeholder={[t('visits.filter.from'), t('visits.filter.to')]}
          value={range as never}
          onChange={(v) =>
            update({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })
          }
        />
      </Flex>
      {q.isError && <Alert type="error" title={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      {st && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Typography.Paragraph copyable style={{ margin: 0 }}>
              {st.sentence}
            </Typography.Paragraph>
          }
        />
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {(
          [
            ['leaders', tot?.leaders],
            ['visits', tot?.visits],
            ['enterprises', tot?.enterprises],
            ['suggestions', tot?.suggestions.total],
            ['adopted', tot ? tot.suggestions.adopted + tot.suggestions.partly : undefined],
            ['problems', tot ? `${tot.problemsResolved} / ${tot.problemsRaised}` : undefined],
          ] as const
        ).map(([k, value]) => (
          <Col xs={12} sm={8} lg={4} key={k}>
            <Card size="small">
              <Statistic title={t(`visits.stats.total.${k}`)} value={value ?? '—'} loading={q.isLoading} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('visits.stats.byLeader')}>
        <Table<LeaderStats>
          rowKey={(r) => r.leader.id}
          size="small"
          loading={q.isFetching}
          dataSource={st?.leaders ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('visits.stats.empty') }}
        />
      </Card>
    </>
  )
}
