import { InfoCircleOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Card, DatePicker, Flex, Result, Segmented, Space, Table, Tabs, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { FigureRate, FigureRow, Figures } from '../../api/types'
import { EChart, type EChartOption } from '../../components/EChart'
import { ExportButton } from '../../components/ExportButton'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import { sortOrder, sortParam, useListParams } from '../../lib/use-list-params'

type Period = 'week' | 'month' | 'quarter' | 'custom'
const PERIODS: Period[] = ['week', 'month', 'quarter', 'custom']
const RATES = ['responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate'] as const
type RateKey = (typeof RATES)[number] | 'firstReplyRate'
const RATE_COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#eb2f96']

const DEFAULTS = { period: 'month', from: '', to: '', by: 'department', sort: '-received' }

/** The period's first and last day (Beijing); weeks run Monday to Sunday. */
function periodRange(p: Period, from: string, to: string) {
  const today = dayjs().tz(TZ)
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD')
  if (p === 'custom' && from && to) return { from, to }
  if (p === 'week') {
    const dow = (today.day() + 6) % 7 // Monday = 0
    return { from: fmt(today.subtract(dow, 'day')), to: fmt(today) }
  }
  if (p === 'quarter') {
    const q0 = Math.floor(today.month() / 3) * 3
    return { from: fmt(today.month(q0).date(1)), to: fmt(today) }
  }
  return { from: fmt(today.date(1)), to: fmt(today) }
}

const pct = (r: FigureRate) => (r.rate == null ? '—' : `${(r.rate * 100).toFixed(1)}%`)

function RateCell({ r, t }: { r: FigureRate; t: TFunction }) {
  const tone = r.rate == null ? undefined : r.rate >= 0.9 ? undefined : r.rate >= 0.7 ? 'warning' : 'danger'
  return (
    <Tooltip
      title={
        r.denominator
          ? t('supervision.fraction', { numerator: r.numerator, denominator: r.denominator })
          : t('supervision.nothingToMeasure')
      }
    >
      <Typography.Text type={tone} style={{ cursor: 'help' }}>
        {pct(r)}
      </Typography.Text>
    </Tooltip>
  )
}

/**
 * 部门评价（三率）: a period (this week / month / quarter / custom), the ranking of lead units (or
 * zones, for users above zones) by response, on-time, resolution and satisfaction rates, overdue
 * problems and days, a chart, and the export.
 */
export default function FiguresPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const { params, update } = useListParams(DEFAULTS)
  const period = (PERIODS.includes(params.period as Period) ? params.period : 'month') as Period
  const range = periodRange(period, params.from, params.to)
  const by = aboveZones && params.by === 'zone' ? 'zone' : 'department'
  const q = { ...range, by, sort: params.sort }
  const data = useQuery({
    queryKey: ['supervision', 'figures', q],
    queryFn: () => get<Figures>('/api/supervision/figures', q),
    placeholderData: keepPreviousData,
  })
  const f = data.data

  const option = useMemo<EChartOption | null>(() => {
    const rows = f?.rows.filter((r) => r.received > 0 || r.overdueCount > 0) ?? []
    if (!rows.length) return null
    return {
      color: RATE_COLORS,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (v == null ? '—' : `${v}%`),
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, width: 90, overflow: 'truncate', rotate: rows.length > 5 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map((k) => ({
        name: t(`supervision.${k}`),
        type: 'bar' as const,
        barMaxWidth: 18,
        data: rows.map((r) => (r[k].rate == null ? null : Math.round(r[k].rate! * 1000) / 10)),
      })),
    }
  }, [f, t])

  const rateColumn = (k: RateKey, width = 110) => ({
    title: t(`supervision.${k}`),
    dataIndex: k,
    key: k,
    align: 'right' as const,
    width,
    sorter: true,
    sortOrder: sortOrder(params.sort, k),
    render: (r: FigureRate) => <RateCell r={r} t={t} />,
  })
  const columns: ColumnsType<FigureRow> = [
    {
      title: t(`supervision.unitName.${by}`),
      dataIndex: 'name',
      key: 'name',
      width: 170,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'name'),
    },
    {
      title: t('supervision.received'),
      dataIndex: 'received',
      key: 'received',
      align: 'right',
      width: 90,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'received'),
    },
    rateColumn('responseRate'),
    rateColumn('firstReplyRate', 130),
    rateColumn('onTimeRate', 120),
    rateColumn('resolutionRate'),
    rateColumn('satisfactionRate'),
    {
      title: t('supervision.overdueCount'),
      dataIndex: 'overdueCount',
      key: 'overdueCount',
      align: 'right',
      width: 100,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'overdueCount'),
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    {
      title: t('supervision.overdueDays'),
      dataIndex: 'overdueDays',
      key: 'overdueDays',
      align: 'right',
      width: 110,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'overdueDays'),
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
    {
      title: t('supervision.avgResolveDays'),
      dataIndex: 'avgResolveDays',
      key: 'avgResolveDays',
      align: 'right',
      width: 130,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'avgResolveDays'),
      render: (v: number | null) => (v == null ? '—' : t('supervision.avgDaysValue', { value: v })),
    },
  ]

  const periodBar = (
    <Flex gap={8} wrap align="center">
      <Segmented
        value={period}
        onChange={(v) => update({ period: v as Period, ...(v === 'custom' ? range : { from: '', to: '' }) })}
        options={PERIODS.map((p) => ({ value: p, label: t(`supervision.period.${p}`) }))}
      />
      {period === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={(v) =>
            v?.[0] && v[1] && update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
          }
        />
      )}
      <Typography.Text type="secondary">
        {range.from} ~ {range.to}
      </Typography.Text>
    </Flex>
  )

  const body = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {option && (
        <Card size="small" title={t('supervision.chartTitle')}>
          <EChart option={option} height={300} loading={data.isFetching} />
        </Card>
      )}
      <Table<FigureRow>
        rowKey={(r) => String(r.key ?? 'none')}
        size="middle"
        columns={columns}
        dataSource={f?.rows}
        loading={data.isFetching}
        pagination={false}
        scroll={{ x: 1160 }}
        onChange={(_p, _f, sorter) => update({ sort: sortParam(sorter) ?? DEFAULTS.sort })}
        locale={{ emptyText: data.isError ? errorMessage(data.error) : t('supervision.noFigures') }}
        summary={() =>
          f?.rows.length ? (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('supervision.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {f.total.received}
                </Table.Summary.Cell>
                {(
                  [
                    'responseRate',
                    'firstReplyRate',
                    'onTimeRate',
                    'resolutionRate',
                    'satisfactionRate',
                  ] as const
                ).map((k, i) => (
                  <Table.Summary.Cell key={k} index={2 + i} align="right">
                    <RateCell r={f.total[k]} t={t} />
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={7} align="right">
                  {f.total.overdueCount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {f.total.overdueDays}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {f.total.avgResolveDays == null
                    ? '—'
                    : t('supervision.avgDaysValue', { value: f.total.avgResolveDays })}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <Card
        size="small"
        title={
          <Space size={6}>
            <InfoCircleOutlined />
            {t('supervision.explain.title')}
          </Space>
        }
      >
        <Space orientation="vertical" size={2}>
          {(
            [
              'responseRate',
              'firstReplyRate',
              'onTimeRate',
              'resolutionRate',
              'satisfactionRate',
              'overdue',
            ] as const
          ).map((k) => (
            <Typography.Text key={k} type="secondary" style={{ fontSize: 13 }}>
              {t(`supervision.explain.${k}`)}
            </Typography.Text>
          ))}
        </Space>
      </Card>
    </Space>
  )

  return (
    <>
      <PageHeader
        title={t('supervision.figuresTitle')}
        subtitle={t('supervision.figuresSubtitle')}
        extra={<ExportButton path="/api/supervision/figures/export.xlsx" query={q} />}
      />
      <div style={{ marginBottom: 12 }}>{periodBar}</div>
      {data.isError && !f ? (
        <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(data.error)} />
      ) : aboveZones ? (
        <Tabs
          activeKey={by}
          onChange={(k) => update({ by: k })}
          items={(['department', 'zone'] as const).map((k) => ({
            key: k,
            label: t(`supervision.by.${k}`),
            children: k === by ? body : null,
          }))}
        />
      ) : (
        body
      )}
    </>
  )
}
