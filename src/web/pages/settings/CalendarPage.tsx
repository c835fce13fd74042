import { CalculatorOutlined, EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { CSSProperties } from 'react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { del, get, put } from '../../api/client'
import type { CalendarDay } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { useModalSubmit } from '../../lib/use-modal-submit'

const COLORS = {
  holiday: { bg: '#fff1f0', fg: '#cf1322', border: '#ffa39e' },
  workday: { bg: '#e6f4ff', fg: '#0958d9', border: '#91caff' },
}
const todayStr = () => dayjs().tz(TZ).format('YYYY-MM-DD')
const THIS_YEAR = Number(todayStr().slice(0, 4))
const DEFAULTS = { year: THIS_YEAR }
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

const dowOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() // 0 = Sunday
const isWeekend = (day: string) => [0, 6].includes(dowOf(day))
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * 工作日历: the year's holidays and make-up working days as 12 month grids (click a day to set or
 * remove), the list of the year's entries, and the deadline calculator (N working days from a date).
 */
export default function CalendarPage() {
  const { t } = useTranslation()
  const { params, update } = useListParams(DEFAULTS)
  const year = params.year
  const cal = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => get<{ items: CalendarDay[]; years: number[] }>('/api/calendar', { year }),
    placeholderData: keepPreviousData,
  })
  const [editing, setEditing] = useState<string | null>(null)
  const byDay = useMemo(() => new Map((cal.data?.items ?? []).map((d) => [d.day, d])), [cal.data])
  const yearOptions = useMemo(() => {
    const ys = new Set([...(cal.data?.years ?? []), THIS_YEAR - 1, THIS_YEAR, THIS_YEAR + 1, year])
    return [...ys].sort().map((y) => ({ value: y, label: String(y) }))
  }, [cal.data, year])
  const weekdayNames = t('calendar.weekdayNames', { returnObjects: true }) as string[]

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          <Space.Compact>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('calendar.prevYear')}
              onClick={() => update({ year: year - 1 })}
            />
            <Select
              value={year}
              options={yearOptions}
              onChange={(v) => update({ year: v })}
              style={{ width: 100 }}
              aria-label={t('calendar.year')}
            />
            <Button
              icon={<RightOutlined />}
              aria-label={t('calendar.nextYear')}
              onClick={() => update({ year: year + 1 })}
            />
          </Space.Compact>
        }
      />
      {cal.isError ? (
        <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(cal.error)} />
      ) : !cal.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {cal.data.items.length === 0 && (
            <Alert type="warning" showIcon title={t('calendar.noArrangement', { year })} />
          )}
          <Flex gap={16} wrap align="center">
            <Legend color={COLORS.holiday} label={t('calendar.legend.holiday')} mark="休" />
            <Legend color={COLORS.workday} label={t('calendar.legend.workday')} mark="班" />
            <Legend
              color={{ bg: '#fafafa', fg: '#8c8c8c', border: '#f0f0f0' }}
              label={t('calendar.legend.weekend')}
            />
            <Legend
              color={{ bg: '#fff', fg: '#1677ff', border: '#1677ff' }}
              label={t('calendar.legend.today')}
            />
            <Typography.Text type="secondary">{t('calendar.clickHint')}</Typography.Text>
          </Flex>
          <Row gutter={[12, 12]}>
            {MONTHS.map((m) => (
              <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid year={year} month={m} byDay={byDay} onPick={setEditing} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <Card size="small" title={t('calendar.entriesTitle', { year, count: cal.data.items.length })}>
                <Table<CalendarDay>
                  rowKey="day"
                  size="small"
                  dataSource={cal.data.items}
                  pagination={false}
                  scroll={{ x: 560, y: 420 }}
                  columns={[
                    { title: t('calendar.col.day'), dataIndex: 'day', width: 110 },
                    {
                      title: t('calendar.col.weekday'),
                      key: 'weekday',
                      width: 80,
                      render: (_, r) => weekdayNames[dowOf(r.day)],
                    },
                    {
                      title: t('calendar.col.kind'),
                      dataIndex: 'kind',
                      width: 110,
                      render: (k: 'holiday' | 'workday') => (
                        <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${k}`)}</Tag>
                      ),
                    },
                    { title: t('calendar.col.name'), dataIndex: 'name', width: 140 },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 70,
                      render: (_, r) => (
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(r.day)}
                          aria-label={t('common.edit')}
                        />
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Calculator />
            </Col>
          </Row>
        </Space>
      )}
      {editing && (
        <DayModal day={editing} entry={byDay.get(editing) ?? null} onClose={() => setEditing(null)} />
      )}
    </>
  )
}

function Legend({
  color,
  label,
  mark,
}: {
  color: { bg: string; fg: string; border: string }
  label: string
  mark?: string
}) {
  return (
    <Space size={6}>
      <span
        style={{
          display: 'inline-block',
          width: 22,
          height: 22,
          lineHeight: '20px',
          textAlign: 'center',
          fontSize: 11,
          background: color.bg,
          color: color.fg,
          border: `1px solid ${color.border}`,
          borderRadius: 4,
        }}
      >
        {mark ?? ''}
      </span>
      <Typography.Text>{label}</Typography.Text>
    </Space>
  )
}

function MonthGrid({
  year,
  month,
  byDay,
  onPick,
}: {
  year: number
  month: number
  byDay: Map<string, CalendarDay>
  onPick: (day: string) => void
}) {
  const { t } = useTranslation()
  const heads = t('calendar.weekdays', { returnObjects: true }) as string[]
  const first = `${year}-${pad(month)}-01`
  const lead = (dowOf(first) + 6) % 7 // Monday first
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const today = todayStr()
  return (
    <Card size="small" title={t('calendar.month', { month })} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 3 }}>
        {heads.map((h, i) => (
          <div
            key={h}
            style={{
              textAlign: 'center',
              fontSize: 12,
              color: i >= 5 ? '#8c8c8c' : '#595959',
              paddingBottom: 2,
            }}
          >
            {h}
          </div>
        ))}
        {Array.from({ length: days }, (_, i) => {
          const day = `${year}-${pad(month)}-${pad(i + 1)}`
          const e = byDay.get(day)
          const c = e ? COLORS[e.kind] : null
          const weekend = isWeekend(day)
          const style: CSSProperties = {
            position: 'relative',
            height: 34,
            border: `1px solid ${day === today ? '#1677ff' : (c?.border ?? (weekend ? '#f0f0f0' : 'transparent'))}`,
            borderRadius: 4,
            background: c?.bg ?? (weekend ? '#fafafa' : undefined),
            color: c?.fg ?? (weekend ? '#8c8c8c' : undefined),
            cursor: 'pointer',
            fontSize: 13,
            padding: 0,
            lineHeight: 1.1,
            // the 1st sits under its weekday (Monday first)
            gridColumnStart: i === 0 ? lead + 1 : undefined,
          }
          return (
            <button
              type="button"
              key={day}
              style={style}
              title={e ? `${day} ${e.name}（${t(`calendar.kind.${e.kind}`)}）` : day}
              onClick={() => onPick(day)}
            >
              {i + 1}
              {e && (
                <span style={{ display: 'block', fontSize: 10 }}>{e.kind === 'holiday' ? '休' : '班'}</span>
              )}
            </button>
          )
        })}
      </div>
    </Card>
  )
}

function DayModal({ day, entry, onClose }: { day: string; entry: CalendarDay | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<{ kind: 'holiday' | 'workday'; name: string }>()
  const weekend = isWeekend(day)
  const weekdayNames = t('calendar.weekdayNames', { returnObjects: true }) as string[]
  const refresh = () => qc.invalidateQueries({ queryKey: ['calendar'] })
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved: refresh,
    action: async (v) => {
      await put(`/api/calendar/${day}`, { kind: v.kind, name: v.name.trim() })
      return t('calendar.saved')
    },
  })
  async function remove() {
    try {
      await del(`/api/calendar/${day}`)
      message.success(t('calendar.removed'))
      await refresh()
      onClose()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <Modal
      open
      title={t('calendar.editTitle', { day, weekday: weekdayNames[dowOf(day)] })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8} wrap>
          <span>
            {entry && (
              <Popconfirm
                title={t('calendar.removeConfirm', {
                  day,
                  normal: weekend ? t('calendar.normalWeekend') : t('calendar.normalWorkday'),
                })}
                onConfirm={remove}
              >
                <Button danger>{t('calendar.remove')}</Button>
              </Popconfirm>
            )}
          </span>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={submit}>
              {t('common.save')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: entry?.kind ?? 'holiday', name: entry?.name ?? '' }}
        onFinish={submit}
      >
        <Form.Item
          name="kind"
          label={t('calendar.kindLabel')}
          extra={weekend ? undefined : t('calendar.workdayOnlyWeekend')}
          rules={[{ required: true }]}
        >
          <Radio.Group
            options={[
              { value: 'holiday', label: t('calendar.kind.holiday') },
              { value: 'workday', label: t('calendar.kind.workday'), disabled: !weekend },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.nameLabel')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('calendar.nameLabel') }),
            },
            { max: 30 },
          ]}
        >
          <Input placeholder={t('calendar.namePlaceholder')} maxLength={30} />
        </Form.Item>
        {entry && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('calendar.col.updatedAt')}：{formatDateTime(entry.updatedAt)}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  )
}

function Calculator() {
  const { t } = useTranslation()
  const [from, setFrom] = useState(todayStr())
  const [days, setDays] = useState<number | null>(15)
  const weekdayNames = t('calendar.weekdayNames', { returnObjects: true }) as string[]
  const q = { from, days: days ?? 0 }
  const res = useQuery({
    queryKey: ['calendar', 'working-days', q],
    queryFn: () => get<{ from: string; days: number; due: string }>('/api/calendar/working-days', q),
    enabled: days !== null,
  })
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <CalculatorOutlined />
          {t('calendar.calcTitle')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('calendar.calcHelp')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <DatePicker
          allowClear={false}
          value={dayjs(from)}
          onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))}
          aria-label={t('calendar.calcFrom')}
        />
        <InputNumber
          min={0}
          max={250}
          precision={0}
          value={days}
          onChange={(v) => setDays(v)}
          suffix={t('deadlines.unit')}
          style={{ width: 150 }}
          aria-label={t('calendar.calcDays')}
        />
      </Flex>
      {res.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t('calendar.calcResult', {
            days: res.data.days,
            due: res.data.due,
            weekday: weekdayNames[dowOf(res.data.due)],
          })}
          description={t('calendar.calcSpan', {
            calendarDays: dayjs(res.data.due).diff(dayjs(res.data.from), 'day'),
          })}
        />
      )}
      {res.isError && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorMessage(res.error)} />
      )}
    </Card>
  )
}
