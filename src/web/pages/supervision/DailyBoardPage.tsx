import { CopyOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Input,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { BoardExtension, BoardItem, BoardListKey, DailyBoard } from '../../api/types'
import { LightDot } from '../../components/LightDot'
import { PageHeader } from '../../components/PageHeader'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { copyText } from '../profile/copy-text'

type CardKey = BoardListKey | 'extensionRequests'
const CARDS: Array<{ key: CardKey; color: string }> = [
  { key: 'newToday', color: '#1677ff' },
  { key: 'dueToday', color: '#fa8c16' },
  { key: 'overdue', color: '#f5222d' },
  { key: 'escalated', color: '#cf1322' },
  { key: 'acceptOverdue', color: '#d4380d' },
  { key: 'awaitingConfirmation', color: '#13c2c2' },
  { key: 'extensionRequests', color: '#722ed1' },
  { key: 'returned', color: '#8c8c8c' },
]

const todayStr = () => dayjs().tz(TZ).format('YYYY-MM-DD')
const DEFAULTS = { date: '', zoneId: undefined as number | undefined, list: 'overdue' }

/**
 * 日调度: one screen for the supervision office — stat cards for the day (each filters the table
 * below), the problems with links, the day's 催办 / 督办 records, and the text for the work group.
 */
export default function DailyBoardPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const { params, update } = useListParams(DEFAULTS)
  const date = params.date || todayStr()
  const list = (CARDS.some((c) => c.key === params.list) ? params.list : 'overdue') as CardKey
  const q = { date, zoneId: params.zoneId }
  const board = useQuery({
    queryKey: ['supervision', 'daily', q],
    queryFn: () => get<DailyBoard>('/api/supervision/daily', q),
    placeholderData: keepPreviousData,
  })
  const [summaryOpen, setSummaryOpen] = useState(false)
  const b = board.data

  return (
    <>
      <PageHeader
        title={t('supervision.dailyTitle')}
        subtitle={t('supervision.dailySubtitle')}
        extra={
          <>
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              onChange={(d) =>
                update({ date: d && d.format('YYYY-MM-DD') !== todayStr() ? d.format('YYYY-MM-DD') : '' })
              }
              aria-label={t('supervision.date')}
            />
            {aboveZones && (
              <ZoneSelect
                allowClear
                style={{ minWidth: 160 }}
                placeholder={t('supervision.allZones')}
                value={params.zoneId}
                onChange={(v) => update({ zoneId: v })}
              />
            )}
            <Button icon={<ReloadOutlined />} onClick={() => board.refetch()} loading={board.isFetching}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<FileTextOutlined />} onClick={() => setSummaryOpen(true)}>
              {t('supervision.generate')}
            </Button>
          </>
        }
      />
      {board.isError ? (
        <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(board.error)} />
      ) : !b ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {!b.workingDay && (
            <Alert type="info" showIcon title={t('supervision.nonWorkingDay', { date: b.date })} />
          )}
          <Row gutter={[12, 12]}>
            {CARDS.map((c) => (
              <Col key={c.key} xs={12} sm={8} md={6} xl={3}>
                <StatCard
                  label={t(`supervision.cards.${c.key}`)}
                  hint={t(`supervision.cardHints.${c.key}`)}
                  value={b.counts[c.key]}
                  color={c.color}
                  active={list === c.key}
                  extra={
                    c.key === 'awaitingConfirmation' && b.counts.pastConfirmWait
                      ? t('supervision.pastWaitCount', { count: b.counts.pastConfirmWait })
                      : undefined
                  }
                  onClick={() => update({ list: c.key })}
                />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={17}>
              <Card
                size="small"
                title={`${t(`supervision.cards.${list}`)}（${b.counts[list]}）`}
                styles={{ body: { padding: 0 } }}
              >
                {list === 'overdue' && b.overdueByDepartment.length > 0 && (
                  <Flex gap={6} wrap align="center" style={{ padding: '8px 12px' }}>
                    <Typography.Text type="secondary">{t('supervision.overdueByDept')}：</Typography.Text>
                    {b.overdueByDepartment.map((d) => (
                      <Tag key={String(d.departmentId)} color="red">
                        {d.name} {d.count}
                      </Tag>
                    ))}
                  </Flex>
                )}
                {list === 'extensionRequests' ? (
                  <ExtensionTable rows={b.extensionRequests} loading={board.isFetching} />
                ) : (
                  <>
                    <ProblemTable list={list} rows={b[list]} loading={board.isFetching} />
                    {b[list].length < b.counts[list] && (
                      <Typography.Paragraph type="secondary" style={{ padding: '8px 12px', margin: 0 }}>
                        {t('supervision.listCapped', { shown: b[list].length, total: b.counts[list] })}
                        <Link to="/problems">{t('supervision.openProblemList')}</Link>
                      </Typography.Paragraph>
                    )}
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={7}>
              <EventsCard events={b.events} />
            </Col>
          </Row>
        </Space>
      )}
      {summaryOpen && <SummaryModal query={q} onClose={() => setSummaryOpen(false)} />}
    </>
  )
}

function StatCard({
  label,
  hint,
  value,
  color,
  active,
  extra,
  onClick,
}: {
  label: string
  hint: string
  value: number
  color: string
  active: boolean
  extra?: string
  onClick: () => void
}) {
  return (
    <Tooltip title={hint}>
      <Card
        size="small"
        hoverable
        onClick={onClick}
        role="button"
        aria-pressed={active}
        style={{
          borderColor: active ? color : undefined,
          boxShadow: active ? `0 0 0 1px ${color}` : undefined,
          height: '100%',
        }}
        styles={{ body: { padding: '10px 12px' } }}
      >
        <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
          {label}
        </Typography.Text>
        <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, color: value ? color : undefined }}>
          {value}
        </div>
        <Typography.Text type="warning" style={{ fontSize: 12, visibility: extra ? 'visible' : 'hidden' }}>
          {extra ?? '·'}
        </Typography.Text>
      </Card>
    </Tooltip>
  )
}

function ProblemLink({ id, code, title }: { id: number; code: string; title: string }) {
  return (
    <Link to={`/problems/${id}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
        {code}
      </Typography.Text>
      {title}
    </Link>
  )
}

function ProblemTable({ list, rows, loading }: { list: BoardListKey; rows: BoardItem[]; loading: boolean }) {
  const { t } = useTranslation()
  const levels = useDict('supervision_level')
  const levelOf = (code: string) => levels.data?.items.find((i) => i.code === code)
  const show = {
    due: ['dueToday', 'overdue', 'escalated'].includes(list),
    late: ['overdue', 'escalated', 'acceptOverdue'].includes(list),
    escalation: ['overdue', 'escalated'].includes(list),
    acceptDue: ['acceptOverdue', 'newToday', 'returned'].includes(list),
    confirm: list === 'awaitingConfirmation',
  }
  const columns: ColumnsType<BoardItem> = [
    {
      title: t('supervision.col.light'),
      dataIndex: 'light',
      width: 56,
      render: (v: string) => <LightDot light={v} showText={false} />,
    },
    {
      title: t('supervision.col.problem'),
      key: 'problem',
      width: 260,
      render: (_, r) => (
        <Space size={4} wrap>
          <ProblemLink id={r.id} code={r.code} title={r.title} />
          {r.supervisionLevel !== 'normal' && (
            <Tag color={levelOf(r.supervisionLevel)?.color ?? 'orange'}>
              {levelOf(r.supervisionLevel)?.label ?? r.supervisionLevel}
            </Tag>
          )}
          {r.extended && <Tag color="gold">{t('supervision.extended')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('supervision.col.enterprise'),
      dataIndex: 'enterpriseName',
      width: 150,
      render: (v) => v ?? '—',
    },
    {
      title: t('supervision.col.lead'),
      dataIndex: 'leadDepartmentName',
      width: 150,
      render: (v) => v ?? '—',
    },
    {
      title: t('supervision.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => t(`supervision.status.${v}`, { defaultValue: v }),
    },
  ]
  if (list === 'newToday')
    columns.push({
      title: t('supervision.col.receivedAt'),
      dataIndex: 'receivedAt',
      width: 150,
      render: formatDateTime,
    })
  if (show.acceptDue)
    columns.push({
      title: t('supervision.col.acceptDue'),
      dataIndex: 'acceptDueDate',
      width: 110,
      render: (v) => v ?? '—',
    })
  if (show.due)
    columns.push({
      title: t('supervision.col.due'),
      dataIndex: 'dueDate',
      width: 110,
      render: (v) => v ?? '—',
    })
  if (show.late)
    columns.push({
      title: t('supervision.col.late'),
      dataIndex: 'workingDaysLate',
      width: 110,
      render: (v: number) =>
        v > 0 ? (
          <Typography.Text type="danger">{t('supervision.lateDays', { count: v })}</Typography.Text>
        ) : (
          '—'
        ),
    })
  if (show.escalation)
    columns.push({
      title: t('supervision.col.escalation'),
      dataIndex: 'escalationLevel',
      width: 110,
      render: (v: number) =>
        v > 0 ? (
          <Tag color={v >= 2 ? 'red' : 'orange'}>{t(`supervision.escalationLevel.${Math.min(v, 2)}`)}</Tag>
        ) : (
          t('supervision.escalationLevel.0')
        ),
    })
  if (show.confirm)
    columns.push({
      title: t('supervision.col.confirmDue'),
      dataIndex: 'confirmDueDate',
      width: 130,
      render: (v: string | null, r) => (
        <Space size={4}>
          {v ?? '—'}
          {r.pastConfirmWait && <Tag color="warning">{t('supervision.readyForCallback')}</Tag>}
        </Space>
      ),
    })
  return (
    <Table<BoardItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 820 }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('supervision.listEmpty', { name: t(`supervision.cards.${list}`) })}
          />
        ),
      }}
    />
  )
}

function ExtensionTable({ rows, loading }: { rows: BoardExtension[]; loading: boolean }) {
  const { t } = useTranslation()
  const columns: ColumnsType<BoardExtension> = [
    {
      title: t('supervision.col.problem'),
      key: 'problem',
      width: 240,
      render: (_, r) => <ProblemLink id={r.problemId} code={r.code} title={r.title} />,
    },
    {
      title: t('supervision.col.lead'),
      dataIndex: 'leadDepartmentName',
      width: 150,
      render: (v) => v ?? '—',
    },
    { title: t('supervision.col.due'), dataIndex: 'dueDate', width: 110, render: (v) => v ?? '—' },
    {
      title: t('supervision.col.days'),
      dataIndex: 'days',
      width: 110,
      render: (v: number) => t('supervision.daysValue', { count: v }),
    },
    { title: t('supervision.col.reason'), dataIndex: 'reason', width: 220 },
    {
      title: t('supervision.col.requested'),
      key: 'requested',
      width: 170,
      render: (_, r) => (
        <span>
          {r.requestedBy ?? '—'}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.requestedAt)}
          </Typography.Text>
        </span>
      ),
    },
  ]
  return (
    <Table<BoardExtension>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 820 }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('supervision.listEmpty', { name: t('supervision.cards.extensionRequests') })}
          />
        ),
      }}
    />
  )
}

function EventsCard({ events }: { events: DailyBoard['events'] }) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('supervision.eventsTitle')}>
      {events.length ? (
        <Timeline
          style={{ marginTop: 8, maxHeight: 520, overflowY: 'auto', paddingTop: 8 }}
          items={events.map((e) => ({
            key: e.id,
            color: e.kind === 'remind' ? 'orange' : 'red',
            content: (
              <div>
                <Space size={6} wrap>
                  <Badge
                    color={e.kind === 'remind' ? '#fa8c16' : '#f5222d'}
                    text={t(`supervision.eventKind.${e.kind}`)}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(e.at).tz(TZ).format('HH:mm')}
                  </Typography.Text>
                </Space>
                <div>
                  <Link to={e.link}>
                    {e.code} {e.title}
                  </Link>
                </div>
                <Typography.Text style={{ fontSize: 13 }}>{e.summary}</Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.eventsEmpty')} />
      )}
    </Card>
  )
}

function SummaryModal({ query, onClose }: { query: { date: string; zoneId?: number }; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const summary = useQuery({
    queryKey: ['supervision', 'summary', query],
    queryFn: () => get<{ date: string; text: string }>('/api/supervision/daily/summary', query),
  })
  async function copy() {
    if (!summary.data) return
    if (await copyText(summary.data.text)) message.success(t('supervision.copied'))
    else message.error(t('supervision.copyFailed'))
  }
  return (
    <Modal
      open
      title={t('supervision.summaryTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="primary" icon={<CopyOutlined />} onClick={copy} disabled={!summary.data}>
            {t('supervision.copy')}
          </Button>
        </Flex>
      }
    >
      {summary.isError ? (
        <Alert type="error" showIcon title={errorMessage(summary.error)} />
      ) : summary.isLoading ? (
        <Skeleton active />
      ) : (
        <Input.TextArea
          readOnly
          value={summary.data?.text}
          autoSize={{ minRows: 6, maxRows: 18 }}
          style={{ fontSize: 14, lineHeight: 1.7 }}
          aria-label={t('supervision.summaryTitle')}
        />
      )}
    </Modal>
  )
}
