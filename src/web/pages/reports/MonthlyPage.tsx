import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Grid,
  InputNumber,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { ApiError, get, put } from '../../api/client'
import { useDict } from '../../api/queries'
import type { MonthlyList, MonthlyRow, MonthlyStatus, Rollup, RollupBy, RollupRow } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { EChart, type EChartOption } from '../../components/EChart'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { LightDot } from '../../components/LightDot'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { ScheduleGap } from '../../components/ScheduleGap'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatMoney, formatRate, wanAxis } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { currentYearMonth, lastCompletedMonth, MonthlyStatusTag } from './report-utils'

const LAST = lastCompletedMonth()
const DEFAULTS = {
  year: LAST.year,
  month: LAST.month,
  tab: 'projects',
  by: 'zone',
  page: 1,
  pageSize: 20,
  keyword: '',
  status: '',
  light: '',
  stage: '',
  level: '',
  departmentId: undefined as number | undefined,
  sort: '',
}
const STATUSES: MonthlyStatus[] = ['missing', 'late', 'reported', 'pending', 'notRequired']

/**
 * 月度投资 · 月报: the month's figures of every key project (plan, this month, cumulative, completion
 * rate against 序时进度, light, 未报), with inline entry for reporters, and the roll-ups with a chart.
 */
export default function MonthlyPage() {
  const { t } = useTranslation()
  const { params, update, reset } = useListParams(DEFAULTS)
  const now = currentYearMonth()
  const period = dayjs(`${params.year}-${String(params.month).padStart(2, '0')}-01`)

  return (
    <>
      <PageHeader
        title={t('reports.monthlyTitle')}
        subtitle={t('reports.monthlySubtitle')}
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            inputReadOnly
            value={period}
            format={(d) => t('reports.periodLabel', { y: d.year(), m: d.month() + 1 })}
            disabledDate={(d) => d.year() * 12 + d.month() + 1 > now.year * 12 + now.month}
            onChange={(d) => d && update({ year: d.year(), month: d.month() + 1 })}
            style={{ width: 150 }}
          />
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={params.tab}
          onChange={(tab) => update({ tab })}
          items={[
            {
              key: 'projects',
              label: t('reports.tabProjects'),
              children: <ProjectsTab params={params} update={update} reset={reset} />,
            },
            {
              key: 'rollup',
              label: t('reports.tabRollup'),
              children: (
                <RollupTab
                  year={params.year}
                  month={params.month}
                  by={params.by as RollupBy}
                  onBy={(by) => update({ by })}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  )
}

type Params = typeof DEFAULTS
function ProjectsTab({
  params,
  update,
  reset,
}: {
  params: Params
  update: (p: Partial<Params>, resetPage?: boolean) => void
  reset: () => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const stages = useDict('project_stage')
  const levels = useDict('project_level')
  const canReport = can(me, 'project:report')
  const desktop = !!Grid.useBreakpoint().md

  const filters = {
    year: params.year,
    month: params.month,
    keyword: params.keyword || undefined,
    status: params.status || undefined,
    light: params.light || undefined,
    stage: params.stage || undefined,
    level: params.level || undefined,
    departmentId: params.departmentId,
    sort: params.sort || undefined,
  }
  const query = { ...filters, page: params.page, pageSize: params.pageSize }
  const list = useQuery({
    queryKey: ['reports', 'monthly', query],
    queryFn: () => get<MonthlyList>('/api/reports/monthly', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () =>
    qc.invalidateQueries({
      predicate: (q) => ['reports', 'projects', 'project'].includes(String(q.queryKey[0])),
    })
  const label = (items: { code: string; label: string }[] | undefined, c: string | null) =>
    c ? (items?.find((i) => i.code === c)?.label ?? c) : '—'

  const columns: ColumnsType<MonthlyRow> = [
    {
      title: t('reports.project'),
      key: 'code',
      dataIndex: 'code',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'code'),
      // On a phone the name column scrolls away with the figures instead of covering them.
      fixed: desktop ? 'left' : undefined,
      width: desktop ? 210 : 170,
      render: (_, r) => (
        <div>
          <Link to={`/projects/${r.projectId}`}>{r.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.code} · {label(stages.data?.items, r.stage)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('reports.leadUnit'),
      dataIndex: 'leadUnitName',
      width: 120,
      ellipsis: true,
      responsive: ['xxl'],
      render: (v) => v ?? '—',
    },
    {
      title: t('reports.annualPlan'),
      key: 'annualPlan',
      dataIndex: 'annualPlan',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'annualPlan'),
      width: 120,
      render: (v: string | null) => formatMoney(v, t),
    },
    {
      title: t('reports.completedThisMonth'),
      key: 'completed',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'completed'),
      width: 150,
      render: (_, r) => (
        <AmountCell row={r} year={params.year} month={params.month} canReport={canReport} onSaved={refresh} />
      ),
    },
    {
      title: t('reports.cumulativeYear'),
      key: 'completedThisYear',
      dataIndex: 'completedThisYear',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'completedThisYear'),
      width: 130,
      render: (v: string) => formatMoney(v, t),
    },
    {
      title: t('reports.completionRate'),
      key: 'completionRate',
      dataIndex: 'completionRate',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'completionRate'),
      width: 80,
      render: formatRate,
    },
    {
      title: t('reports.scheduleRate'),
      dataIndex: 'scheduleRate',
      align: 'right',
      width: 80,
      render: formatRate,
    },
    {
      title: t('reports.gapPoints'),
      key: 'gapPoints',
      dataIndex: 'gapPoints',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'gapPoints'),
      width: 110,
      render: (v: number | null) => <ScheduleGap points={v} compact />,
    },
    {
      title: t('reports.lightTitle'),
      key: 'light',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'light'),
      width: 76,
      render: (_, r) => <LightDot light={r.light} reasons={r.lightReasons} />,
    },
    {
      title: t('reports.statusTitle'),
      key: 'status',
      width: 130,
      render: (_, r) => <MonthlyStatusTag status={r.status} daysLate={r.daysLate} />,
    },
  ]

  const counts = list.data?.counts
  return (
    <>
      <FilterBar
        search={{
          value: params.keyword,
          placeholder: t('reports.searchProject'),
          width: 220,
          onSearch: (keyword) => update({ keyword }),
        }}
        onReset={reset}
        onRefresh={refresh}
      >
        <Select
          allowClear
          placeholder={t('reports.statusTitle')}
          value={params.status || undefined}
          onChange={(v) => update({ status: v ?? '' })}
          options={STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('reports.lightTitle')}
          value={params.light || undefined}
          onChange={(v) => update({ light: v ?? '' })}
          options={['red', 'yellow', 'green'].map((l) => ({ value: l, label: t(`common.light.${l}`) }))}
          style={{ width: 110 }}
        />
        <Select
          allowClear
          placeholder={t('reports.stage')}
          value={params.stage || undefined}
          onChange={(v) => update({ stage: v ?? '' })}
          options={stages.data?.items.map((i) => ({ value: i.code, label: i.label }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('reports.level')}
          value={params.level || undefined}
          onChange={(v) => update({ level: v ?? '' })}
          options={levels.data?.items.map((i) => ({ value: i.code, label: i.label }))}
          style={{ width: 170 }}
          popupMatchSelectWidth={false}
        />
        <DepartmentTreeSelect
          placeholder={t('reports.responsibleUnit')}
          value={params.departmentId}
          onChange={(v) => update({ departmentId: v })}
          style={{ width: 200 }}
        />
        <ExportButton path="/api/reports/monthly/export.xlsx" query={filters} />
      </FilterBar>
      {list.data && (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {t('reports.dueNote', { y: list.data.year, m: list.data.month, date: list.data.dueDate })}
          </Typography.Text>
          {counts &&
            STATUSES.filter((s) => counts[s] > 0).map((s) => (
              <Tag.CheckableTag
                key={s}
                checked={params.status === s}
                onChange={(on) => update({ status: on ? s : '' })}
              >
                {t(`reports.status.${s}`)} {counts[s]}
              </Tag.CheckableTag>
            ))}
        </Flex>
      )}
      <ListTable<MonthlyRow>
        query={list}
        params={params}
        update={update}
        sort={keepSort}
        empty={t('reports.noProjects')}
        rowKey="projectId"
        columns={columns}
        scroll={{ x: 1080 }}
      />
    </>
  )
}

/** 本月完成 with in-place entry: a reporter types the amount and saves without leaving the list. */
function AmountCell({
  row,
  year,
  month,
  canReport,
  onSaved,
}: {
  row: MonthlyRow
  year: number
  month: number
  canReport: boolean
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const r = row.report

  async function save() {
    if (value == null) return
    setBusy(true)
    try {
      await put('/api/reports/monthly', {
        projectId: row.projectId,
        year,
        month,
        completed: value.toFixed(2),
        ...(r ? { version: r.version, note: r.note } : {}),
      })
      message.success(t('reports.monthlySaved', { year, month }))
      setEditing(false)
      onSaved()
    } catch (e) {
      message.error(
        e instanceof ApiError && e.code === 'VERSION_CONFLICT' ? t('common.conflict') : errorMessage(e),
      )
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') onSaved()
    } finally {
      setBusy(false)
    }
  }

  if (editing) {
    return (
      <Space.Compact size="small">
        <InputNumber
          autoFocus
          size="small"
          min={0}
          precision={2}
          value={value}
          onChange={setValue}
          onPressEnter={save}
          style={{ width: 100 }}
          aria-label={t('reports.completedThisMonth')}
        />
        <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy} onClick={save} />
        <Button size="small" icon={<CloseOutlined />} onClick={() => setEditing(false)} />
      </Space.Compact>
    )
  }
  const open = () => {
    setValue(r ? Number(r.completed) : null)
    setEditing(true)
  }
  return (
    <Flex justify="end" align="center" gap={4}>
      {r ? (
        <Tooltip title={r.note || undefined}>
          <span>{formatMoney(r.completed, t)}</span>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
      {canReport && (
        <Tooltip title={r ? t('reports.correct') : t('reports.report')}>
          <Button
            size="small"
            type={r ? 'text' : 'link'}
            icon={<EditOutlined />}
            onClick={open}
            aria-label={r ? t('reports.correct') : t('reports.report')}
          >
            {r ? null : t('reports.report')}
          </Button>
        </Tooltip>
      )}
    </Flex>
  )
}

const BYS: RollupBy[] = ['zone', 'department', 'industry', 'level']

function RollupTab({
  year,
  month,
  by,
  onBy,
}: {
  year: number
  month: number
  by: RollupBy
  onBy: (by: RollupBy) => void
}) {
  const { t } = useTranslation()
  const q = { year, month, by }
  const data = useQuery({
    queryKey: ['reports', 'rollup', q],
    queryFn: () => get<Rollup>('/api/reports/monthly/rollup', q),
    placeholderData: keepPreviousData,
  })
  const d = data.data

  const option = useMemo<EChartOption | null>(() => {
    if (!d?.rows.length) return null
    const rows = d.rows
    return {
      color: ['#bae0ff', '#1677ff', '#fa8c16', '#52c41a'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { interval: 0, width: 90, overflow: 'truncate', rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: [
        wanAxis(t),
        { type: 'value', name: '%', splitLine: { show: false }, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        {
          name: t('reports.annualPlan'),
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((r) => Number(r.annualPlan)),
          tooltip: { valueFormatter: (v) => formatMoney(v as number, t) },
        },
        {
          name: t('reports.cumulativeYear'),
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((r) => Number(r.completed)),
          tooltip: { valueFormatter: (v) => formatMoney(v as number, t) },
        },
        {
          name: t('reports.scheduleRate'),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          data: rows.map((r) => (r.scheduleRate == null ? null : Math.round(r.scheduleRate * 10000) / 100)),
          tooltip: { valueFormatter: (v) => (v == null ? '—' : `${v}%`) },
        },
        {
          name: t('reports.completionRate'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) =>
            r.completionRate == null ? null : Math.round(r.completionRate * 10000) / 100,
          ),
          tooltip: { valueFormatter: (v) => (v == null ? '—' : `${v}%`) },
        },
      ],
    }
  }, [d, t])

  const columns: ColumnsType<RollupRow> = [
    { title: t(`reports.by.${by}`), dataIndex: 'label', width: 180, fixed: 'left' },
    { title: t('reports.projectCount'), dataIndex: 'projects', align: 'right', width: 80 },
    {
      title: t('reports.annualPlan'),
      dataIndex: 'annualPlan',
      align: 'right',
      width: 140,
      render: (v: string) => formatMoney(v, t),
    },
    {
      title: t('reports.cumulativeYear'),
      dataIndex: 'completed',
      align: 'right',
      width: 140,
      render: (v: string) => formatMoney(v, t),
    },
    {
      title: t('reports.completionRate'),
      dataIndex: 'completionRate',
      align: 'right',
      width: 100,
      render: formatRate,
    },
    {
      title: t('reports.scheduleRate'),
      dataIndex: 'scheduleRate',
      align: 'right',
      width: 100,
      render: formatRate,
    },
    {
      title: t('reports.gapPoints'),
      dataIndex: 'gapPoints',
      width: 130,
      render: (v: number | null) => <ScheduleGap points={v} compact />,
    },
  ]

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented
          value={by}
          onChange={(v) => onBy(v as RollupBy)}
          options={BYS.map((b) => ({ value: b, label: t(`reports.by.${b}`) }))}
        />
        <ExportButton path="/api/reports/monthly/rollup/export.xlsx" query={q} />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reports.rollupExplain', { y: year, m: month })}
      </Typography.Paragraph>
      {option && <EChart option={option} height={320} loading={data.isFetching} />}
      <Table<RollupRow>
        rowKey={(r) => r.key ?? '∅'}
        size="middle"
        columns={columns}
        dataSource={d?.rows}
        loading={data.isFetching}
        pagination={false}
        scroll={{ x: 830 }}
        locale={{ emptyText: data.isError ? errorMessage(data.error) : t('reports.noProjects') }}
        summary={() =>
          d?.rows.length ? (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('reports.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {d.total.projects}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {formatMoney(d.total.annualPlan, t)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {formatMoney(d.total.completed, t)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {formatRate(d.total.completionRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {formatRate(d.total.scheduleRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6}>
                  <ScheduleGap points={d.total.gapPoints} strong compact />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </>
  )
}
