import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Button,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../../api/auth'
import { get } from '../../../api/client'
import type { ProjectInvestment } from '../../../api/types'
import { EChart, type EChartOption } from '../../../components/EChart'
import { ScheduleGap } from '../../../components/ScheduleGap'
import { errorMessage } from '../../../lib/form-errors'
import { formatDateTime, formatMoney, formatRate, wanAxis } from '../../../lib/format'
import { currentYearMonth, MonthlyStatusTag } from '../report-utils'
import { MonthlyEntryModal, YearPlanModal } from './MonthlyEntryModal'

type MonthRow = ProjectInvestment['months'][number]

/**
 * A project's investment year (项目页 · 投资): plan vs actual vs 序时进度 by month, the figures of the
 * year, the monthly reports, and the entry forms for reporters (project:report) and managers (project:manage).
 */
export function ProjectInvestmentPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const [year, setYear] = useState<number | undefined>(undefined)
  const [entry, setEntry] = useState<{ year: number; month: number } | null>(null)
  const [planOpen, setPlanOpen] = useState(false)
  const inv = useQuery({
    queryKey: ['reports', 'investment', projectId, year ?? 'default'],
    queryFn: () => get<ProjectInvestment>(`/api/reports/projects/${projectId}/investment`, { year }),
    placeholderData: keepPreviousData,
  })
  // The light and figures of the project change with a report: refresh what shows them.
  const refresh = () =>
    qc.invalidateQueries({
      predicate: (q) => ['reports', 'projects', 'project'].includes(String(q.queryKey[0])),
    })
  const d = inv.data
  const now = currentYearMonth()
  const canReport = can(me, 'project:report')
  const canManage = can(me, 'project:manage')

  // Months that have happened (or been reported): the rest of the year is not shown as actuals.
  const shownMonths = useMemo(() => {
    if (!d) return [] as MonthRow[]
    const lastOpen = d.year < now.year ? 12 : d.year > now.year ? 0 : now.month
    return d.months.filter((m) => m.month <= lastOpen || m.report)
  }, [d, now.year, now.month])

  const option = useMemo<EChartOption | null>(() => {
    if (!d) return null
    const plan = d.annualPlan ? Number(d.annualPlan) : null
    // Actuals run to the last month that has ended, or later if already reported.
    const lastActual = Math.max(d.asOfMonth, ...d.months.filter((m) => m.report).map((m) => m.month))
    return {
      color: ['#91caff', '#1677ff', '#fa8c16'],
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (v == null || v === '-' ? '—' : formatMoney(v as number, t)),
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.months.map((m) => t('reports.monthShort', { m: m.month })) },
      yAxis: wanAxis(t),
      series: [
        {
          name: t('reports.chart.monthly'),
          type: 'bar',
          barMaxWidth: 18,
          data: d.months.map((m) => (m.completed == null ? null : Number(m.completed))),
        },
        {
          name: t('reports.chart.cumulative'),
          type: 'line',
          symbolSize: 6,
          data: d.months.map((m) => (m.month <= lastActual ? Number(m.cumulative) : null)),
        },
        ...(plan
          ? [
              {
                name: t('reports.chart.schedule'),
                type: 'line' as const,
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, width: 2 },
                data: d.months.map((m) =>
                  m.scheduleRate == null ? null : Math.round(plan * m.scheduleRate * 100) / 100,
                ),
              },
              {
                name: t('reports.chart.plan'),
                type: 'line' as const,
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dotted' as const, color: '#8c8c8c', width: 1 },
                itemStyle: { color: '#8c8c8c' },
                data: d.months.map(() => plan),
              },
            ]
          : []),
      ],
    }
  }, [d, t])

  if (inv.isError)
    return <Result status="warning" title={t('common.loadFailed')} subTitle={errorMessage(inv.error)} />
  if (!d) return <Skeleton active paragraph={{ rows: 8 }} />

  const existing = (y: number, m: number) => (y === d.year ? (d.months[m - 1]?.report ?? null) : null)
  const defaultEntryMonth = d.year === now.year ? Math.max(1, now.month - 1) : 12

  const columns: ColumnsType<MonthRow> = [
    {
      title: t('reports.month'),
      dataIndex: 'month',
      width: 70,
      render: (m: number) => t('reports.monthShort', { m }),
    },
    {
      title: t('reports.completedThisMonth'),
      dataIndex: 'completed',
      align: 'right',
      width: 140,
      render: (v: string | null) => formatMoney(v, t),
    },
    {
      title: t('reports.cumulative'),
      dataIndex: 'cumulative',
      align: 'right',
      width: 140,
      render: (v: string) => formatMoney(v, t),
    },
    {
      title: t('reports.completionRate'),
      dataIndex: 'completionRate',
      align: 'right',
      width: 90,
      render: formatRate,
    },
    {
      title: t('reports.scheduleRate'),
      dataIndex: 'scheduleRate',
      align: 'right',
      width: 90,
      render: formatRate,
    },
    {
      title: t('reports.statusTitle'),
      key: 'status',
      width: 120,
      render: (_, r) => <MonthlyStatusTag status={r.status} />,
    },
    {
      title: t('reports.submittedBy'),
      key: 'by',
      width: 200,
      responsive: ['md'],
      render: (_, r) =>
        r.report ? (
          <Typography.Text type="secondary">
            {r.report.submittedBy ?? '—'} · {formatDateTime(r.report.submittedAt)}
          </Typography.Text>
        ) : null,
    },
    { title: t('reports.note'), key: 'note', ellipsis: true, render: (_, r) => r.report?.note },
    ...(canReport
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: MonthRow) => (
              <Button
                type="link"
                size="small"
                icon={r.report ? <EditOutlined /> : <PlusOutlined />}
                onClick={() => setEntry({ year: d.year, month: r.month })}
              >
                {r.report ? t('reports.correct') : t('reports.report')}
              </Button>
            ),
          },
        ]
      : []),
  ]

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text>{t('reports.year')}</Typography.Text>
          <Select
            value={d.year}
            onChange={setYear}
            style={{ width: 110 }}
            options={d.years.map((y) => ({ value: y, label: t('reports.yearLabel', { y }) }))}
          />
        </Space>
        <Space wrap>
          {canManage && (
            <Button icon={<EditOutlined />} onClick={() => setPlanOpen(true)}>
              {t('reports.setPlan')}
            </Button>
          )}
          {canReport && d.year <= now.year && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEntry({ year: d.year, month: defaultEntryMonth })}
            >
              {t('reports.addMonthly')}
            </Button>
          )}
        </Space>
      </Flex>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('reports.annualPlan')} value={formatMoney(d.annualPlan, t)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title={
              d.asOfMonth > 0
                ? t('reports.completedThrough', { m: d.asOfMonth })
                : t('reports.completedThisYear')
            }
            value={formatMoney(d.completedThisYear, t)}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('reports.completionRate')} value={formatRate(d.schedule?.completionRate)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('reports.scheduleRate')} value={formatRate(d.schedule?.scheduleRate)} />
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Statistic
            title={t('reports.gap')}
            valueRender={() => <ScheduleGap points={d.schedule?.gapPoints} strong />}
          />
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Statistic title={t('reports.completedTotal')} value={formatMoney(d.completedTotal, t)} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.ofTotal', {
              total: formatMoney(d.totalInvestment, t),
              rate:
                Number(d.totalInvestment) > 0
                  ? formatRate(Number(d.completedTotal) / Number(d.totalInvestment))
                  : '—',
            })}
          </Typography.Text>
        </Col>
      </Row>
      {!d.annualPlan && (
        <Typography.Paragraph type="secondary">
          {t('reports.noPlanHint', { year: d.year })}
        </Typography.Paragraph>
      )}

      {option && d.months.some((m) => m.completed != null) ? (
        <EChart option={option} height={300} />
      ) : d.annualPlan && option ? (
        <EChart option={option} height={260} />
      ) : (
        <Empty description={t('reports.noReportsYet')} style={{ margin: '24px 0' }} />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
        {t('reports.scheduleExplain', { day: d.dueDay })}
      </Typography.Paragraph>

      <Table<MonthRow>
        rowKey="month"
        size="small"
        columns={columns}
        dataSource={[...shownMonths].reverse()}
        pagination={false}
        scroll={{ x: 900 }}
        loading={inv.isFetching}
      />

      {entry && (
        <MonthlyEntryModal
          projectId={projectId}
          projectName={d.name}
          year={entry.year}
          month={entry.month}
          existing={existing}
          onClose={() => setEntry(null)}
          onSaved={refresh}
        />
      )}
      {planOpen && (
        <YearPlanModal
          projectId={projectId}
          year={d.year}
          plans={d.plans}
          onClose={() => setPlanOpen(false)}
          onSaved={refresh}
        />
      )}
    </div>
  )
}
