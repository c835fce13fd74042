import { CopyOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Grid,
  Input,
  Row,
  Segmented,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { Page, WeeklyEntry, WeeklyMissing, WeeklyMissingRow, WeeklyTargets } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { copyText } from '../profile/copy-text'
import { WeeklyEntryView } from './components/ProjectWeeklyPanel'
import { WeeklyForm } from './components/WeeklyForm'
import { addDays, currentWeekStart, mondayOf, weekRange } from './report-utils'

const DEFAULTS = {
  week: '',
  tab: 'entries',
  keyword: '',
  page: 1,
  pageSize: 20,
  projectId: undefined as number | undefined,
  formWeek: 'this',
}

/**
 * 周对接 · 周进展: on a phone, an officer on site picks the project (their own first), writes what
 * was done, what is next and the problems found, and submits. On a desktop the office also sees the
 * week's entries and who has not reported (未报送), and copies that list for the work group.
 */
export default function WeeklyPage() {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const desktop = !!screens.md
  const { params, update } = useListParams(DEFAULTS)
  const thisWeek = currentWeekStart()
  const formWeek = params.formWeek === 'last' ? addDays(thisWeek, -7) : thisWeek

  const targets = useQuery({
    queryKey: ['reports', 'weekly', 'targets', formWeek],
    queryFn: () => get<WeeklyTargets>('/api/reports/weekly/projects', { weekStart: formWeek }),
  })
  const options = useMemo(() => {
    const items = targets.data?.items ?? []
    const toOption = (p: WeeklyTargets['items'][number]) => ({
      value: p.id,
      label: `${p.code} ${p.name}`,
      reported: p.reported,
    })
    const mine = items.filter((p) => p.mine).map(toOption)
    const others = items.filter((p) => !p.mine).map(toOption)
    return [
      ...(mine.length ? [{ label: t('reports.myProjects'), title: 'mine', options: mine }] : []),
      ...(others.length ? [{ label: t('reports.otherProjects'), title: 'others', options: others }] : []),
    ]
  }, [targets.data, t])
  const reportedCount = targets.data?.items.filter((p) => p.reported).length ?? 0

  const form = (
    <Card
      title={t('reports.weeklyFormTitle')}
      extra={
        <Segmented
          value={params.formWeek}
          onChange={(v) => update({ formWeek: String(v) }, false)}
          options={[
            { value: 'this', label: t('reports.thisWeek') },
            { value: 'last', label: t('reports.lastWeek') },
          ]}
        />
      }
      styles={{ body: { paddingTop: 12 } }}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {weekRange(formWeek)}
        {targets.data &&
          ` · ${t('reports.reportedOf', { n: reportedCount, total: targets.data.items.length })}`}
      </Typography.Paragraph>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('reports.project')}
      </Typography.Text>
      <Select
        aria-label={t('reports.project')}
        size="large"
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder={t('reports.pickProject')}
        value={params.projectId}
        onChange={(v) => update({ projectId: v }, false)}
        loading={targets.isLoading}
        options={options}
        optionRender={(o) => (
          <Flex justify="space-between" gap={8}>
            <span style={{ whiteSpace: 'normal' }}>{o.label}</span>
            {(o.data as { reported?: boolean }).reported && (
              <Tag color="green">{t('reports.reportedTag')}</Tag>
            )}
          </Flex>
        )}
        notFoundContent={targets.isError ? errorMessage(targets.error) : t('reports.noProjects')}
        style={{ width: '100%', marginBottom: 16 }}
        popupMatchSelectWidth
      />
      <WeeklyForm projectId={params.projectId} weekStart={formWeek} onSaved={() => void targets.refetch()} />
    </Card>
  )

  if (!desktop) {
    return (
      <>
        <PageHeader title={t('reports.weeklyTitle')} />
        {form}
      </>
    )
  }

  return (
    <>
      <PageHeader title={t('reports.weeklyTitle')} subtitle={t('reports.weeklySubtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          {form}
        </Col>
        <Col xs={24} xl={15}>
          <WeekOverview
            week={params.week || thisWeek}
            onWeek={(w) => update({ week: w === thisWeek ? '' : w })}
            tab={params.tab}
            onTab={(tab) => update({ tab })}
            keyword={params.keyword}
            onKeyword={(keyword) => update({ keyword })}
            page={params.page}
            pageSize={params.pageSize}
            onPage={update}
          />
        </Col>
      </Row>
    </>
  )
}

function WeekOverview({
  week,
  onWeek,
  tab,
  onTab,
  keyword,
  onKeyword,
  page,
  pageSize,
  onPage,
}: {
  week: string
  onWeek: (w: string) => void
  tab: string
  onTab: (t: string) => void
  keyword: string
  onKeyword: (k: string) => void
  page: number
  pageSize: number
  onPage: (p: { page: number; pageSize: number }, resetPage: boolean) => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const stages = useDict('project_stage')
  const stageLabel = (c: string) => stages.data?.items.find((i) => i.code === c)?.label ?? c
  const [kw, setKw] = useState(keyword)
  const query = { weekStart: week, keyword: keyword || undefined, page, pageSize, sort: '-submittedAt' }
  const entries = useQuery({
    queryKey: ['reports', 'weekly', 'list', query],
    queryFn: () => get<Page<WeeklyEntry>>('/api/reports/weekly', query),
    placeholderData: keepPreviousData,
  })
  const missing = useQuery({
    queryKey: ['reports', 'weekly', 'missing', week, keyword],
    queryFn: () =>
      get<WeeklyMissing>('/api/reports/weekly/missing', {
        weekStart: week,
        keyword: keyword || undefined,
        pageSize: 200,
      }),
    placeholderData: keepPreviousData,
  })

  const names = (r: WeeklyMissingRow) =>
    [
      r.leadUnitName && `${t('reports.leadUnit')}：${r.leadUnitName}`,
      r.teamHeads.length && `${t('reports.teamHead')}：${r.teamHeads.join('、')}`,
      r.stewards.length && `${t('reports.steward')}：${r.stewards.join('、')}`,
    ]
      .filter(Boolean)
      .join('；')

  async function copyMissing() {
    const m = missing.data
    if (!m) return
    const due = dayjs(m.dueAt).tz(TZ)
    const lines = [
      t('reports.copy.title', { range: weekRange(m.weekStart) }),
      t('reports.copy.intro', { n: m.total, due: due.format('M月D日 HH:mm') }),
      ...m.items.map((r, i) => `${i + 1}. ${r.code} ${r.name}${names(r) ? `（${names(r)}）` : ''}`),
      ...(m.total > m.items.length ? [t('reports.copy.more', { n: m.total - m.items.length })] : []),
      t('reports.copy.outro'),
    ]
    const ok = await copyText(lines.join('\n'))
    if (ok) message.success(t('reports.copy.done'))
    else message.error(t('reports.copy.failed'))
  }

  const entryColumns: ColumnsType<WeeklyEntry> = [
    {
      title: t('reports.project'),
      key: 'project',
      width: 200,
      fixed: 'left',
      render: (_, r) => (
        <div>
          <div>{r.projectName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.projectCode} · {r.leadUnitName ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('reports.done'), dataIndex: 'done', width: 260, render: (v: string) => <Clamp text={v} /> },
    {
      title: t('reports.nextPlan'),
      dataIndex: 'nextPlan',
      width: 200,
      render: (v: string | null) => <Clamp text={v} />,
    },
    {
      title: t('reports.problems'),
      dataIndex: 'problems',
      width: 200,
      render: (v: string | null) => <Clamp text={v} danger />,
    },
    {
      title: t('reports.submittedBy'),
      key: 'by',
      width: 150,
      render: (_, r) => (
        <div>
          <div>
            {r.submittedBy ?? '—'} {r.late && <Tag color="orange">{t('reports.lateTag')}</Tag>}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.submittedAt)}
          </Typography.Text>
        </div>
      ),
    },
  ]

  const missingColumns: ColumnsType<WeeklyMissingRow> = [
    {
      title: t('reports.project'),
      key: 'project',
      width: 220,
      render: (_, r) => (
        <div>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code} · {stageLabel(r.stage)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('reports.leadUnit'), dataIndex: 'leadUnitName', width: 140, render: (v) => v ?? '—' },
    {
      title: t('reports.teamHead'),
      dataIndex: 'teamHeads',
      width: 110,
      render: (v: string[]) => v.join('、') || '—',
    },
    {
      title: t('reports.steward'),
      dataIndex: 'stewards',
      width: 110,
      render: (v: string[]) => v.join('、') || '—',
    },
    {
      title: t('reports.lastReported'),
      dataIndex: 'lastWeekStart',
      width: 120,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('reports.never')}</Typography.Text>,
    },
  ]

  const m = missing.data
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <DatePicker
            picker="week"
            allowClear={false}
            value={dayjs(week)}
            onChange={(d) => d && onWeek(mondayOf(d.format('YYYY-MM-DD')))}
            format={() => weekRange(week)}
            style={{ width: 200 }}
          />
          {m && (
            <Typography.Text
              type={m.overdue ? 'danger' : 'secondary'}
              style={{ fontSize: 12, fontWeight: 'normal' }}
            >
              {t('reports.dueAt', { at: formatDateTime(m.dueAt) })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Input.Search
          allowClear
          placeholder={t('reports.searchProject')}
          value={kw}
          onChange={(e) => setKw(e.target.value)}
          onSearch={(v) => onKeyword(v.trim())}
          style={{ width: 200 }}
        />
      }
    >
      <Tabs
        activeKey={tab}
        onChange={onTab}
        items={[
          {
            key: 'entries',
            label: (
              <span>
                {t('reports.tabEntries')} <Badge count={entries.data?.total ?? 0} showZero color="#1677ff" />
              </span>
            ),
            children: (
              <>
                <Flex justify="end" style={{ marginBottom: 8 }}>
                  <ExportButton
                    path="/api/reports/weekly/export.xlsx"
                    query={{ weekStart: week, keyword: keyword || undefined }}
                  />
                </Flex>
                <ListTable<WeeklyEntry>
                  query={entries}
                  params={{ page, pageSize }}
                  update={onPage}
                  empty={t('reports.noWeekly')}
                  size="small"
                  columns={entryColumns}
                  scroll={{ x: 1000 }}
                  expandable={{
                    expandedRowRender: (r) => <WeeklyEntryView e={r} />,
                    rowExpandable: (r) => r.done.length > 60 || !!r.problems,
                  }}
                />
              </>
            ),
          },
          {
            key: 'missing',
            label: (
              <span>
                {t('reports.tabMissing')} <Badge count={m?.total ?? 0} showZero />
              </span>
            ),
            children: (
              <>
                <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">{t('reports.missingHint')}</Typography.Text>
                  <Flex gap={8} wrap>
                    <Button icon={<CopyOutlined />} onClick={copyMissing} disabled={!m?.total}>
                      {t('reports.copyAsText')}
                    </Button>
                    <ExportButton
                      path="/api/reports/weekly/missing/export.xlsx"
                      query={{ weekStart: week, keyword: keyword || undefined }}
                    />
                  </Flex>
                </Flex>
                {m && !m.total ? (
                  <Empty description={t('reports.allReported')} />
                ) : (
                  <Table<WeeklyMissingRow>
                    rowKey="projectId"
                    size="small"
                    columns={missingColumns}
                    dataSource={m?.items}
                    loading={missing.isFetching}
                    scroll={{ x: 720 }}
                    locale={{ emptyText: missing.isError ? errorMessage(missing.error) : undefined }}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                  />
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  )
}

/** Long text cut to three lines in a table cell (the whole text in the expanded row). */
function Clamp({ text, danger }: { text: string | null; danger?: boolean }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Typography.Paragraph
      type={danger ? 'danger' : undefined}
      ellipsis={{ rows: 3, tooltip: text }}
      style={{ margin: 0, whiteSpace: 'pre-wrap' }}
    >
      {text}
    </Typography.Paragraph>
  )
}
