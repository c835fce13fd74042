import { Badge, Tag, Tooltip, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { MonthlyStatus } from '../../api/types'
import { dayjs, TZ } from '../../lib/format'

/** '6500' → '6,500.00 万元'; ≥ 10 000 万元 → '1.60 亿元'. Display only. */
export function formatMoney(
  v: string | number | null | undefined,
  t: TFunction,
  opts: { unit?: boolean } = {},
) {
  if (v == null || v === '') return '—'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  const big = Math.abs(n) >= 10000
  const shown = (big ? n / 10000 : n).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  if (opts.unit === false) return shown
  return `${shown} ${big ? t('reports.unitYi') : t('reports.unitWan')}`
}

/** 0.309 → '30.90%' */
export function formatRate(rate: number | null | undefined) {
  return rate == null ? '—' : `${(rate * 100).toFixed(2)}%`
}

/**
 * 超序时 5.90 个百分点 (green) / 落后序时 12.30 个百分点 (red) / 持平; `compact` for table cells:
 * 超前 5.90 / 落后 12.30 (the column title gives the unit).
 */
export function GapText({
  points,
  strong,
  compact,
}: {
  points: number | null | undefined
  strong?: boolean
  compact?: boolean
}) {
  const { t } = useTranslation()
  if (points == null) return <Typography.Text type="secondary">—</Typography.Text>
  const abs = Math.abs(points).toFixed(2)
  const text = compact
    ? points > 0
      ? t('reports.aheadShort', { points: abs })
      : points < 0
        ? t('reports.behindShort', { points: abs })
        : t('reports.evenShort')
    : points > 0
      ? t('reports.ahead', { points: abs })
      : points < 0
        ? t('reports.behind', { points: abs })
        : t('reports.even')
  return (
    <Typography.Text
      strong={strong}
      style={{ color: points > 0 ? '#389e0d' : points < 0 ? '#cf1322' : undefined }}
    >
      {text}
    </Typography.Text>
  )
}

const LIGHT_COLOR = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const

/** A light as a coloured dot with its name; the reasons in a tooltip. */
export function LightDot({
  light,
  reasons,
}: {
  light: string
  reasons?: Array<{ text: string; light?: string }>
}) {
  const { t } = useTranslation()
  const color = LIGHT_COLOR[light as keyof typeof LIGHT_COLOR] ?? '#d9d9d9'
  const dot = <Badge color={color} text={t(`reports.light.${light}`, { defaultValue: light })} />
  if (!reasons?.length) return dot
  return (
    <Tooltip
      title={
        <div>
          {reasons.map((r) => (
            <div key={r.text}>· {r.text}</div>
          ))}
        </div>
      }
    >
      <span style={{ cursor: 'help' }}>{dot}</span>
    </Tooltip>
  )
}

const STATUS_COLOR: Record<MonthlyStatus, string | undefined> = {
  reported: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'blue',
  notRequired: undefined,
}

/** 已报 / 逾期补报 / 未报（逾期 N 天） / 待报 / 无需填报 */
export function MonthlyStatusTag({ status, daysLate }: { status: MonthlyStatus; daysLate?: number | null }) {
  const { t } = useTranslation()
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`reports.status.${status}`)}
      {daysLate && (status === 'missing' || status === 'late')
        ? ` · ${t('reports.daysLateShort', { n: daysLate })}`
        : ''}
    </Tag>
  )
}

/** Today in Beijing. */
export function beijingToday() {
  return dayjs().tz(TZ)
}

/** The last month that has ended, in Beijing (in January: December of the year before). */
export function lastCompletedMonth(): { year: number; month: number } {
  const d = beijingToday().subtract(1, 'month')
  return { year: d.year(), month: d.month() + 1 }
}

export function currentYearMonth(): { year: number; month: number } {
  const d = beijingToday()
  return { year: d.year(), month: d.month() + 1 }
}

/** Monday of the week a 'YYYY-MM-DD' date falls in (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  const d = dayjs(`${date}T00:00:00Z`).utc()
  const dow = d.day() // 0 = Sunday
  return d.add(dow === 0 ? -6 : 1 - dow, 'day').format('YYYY-MM-DD')
}

export function currentWeekStart(): string {
  return mondayOf(beijingToday().format('YYYY-MM-DD'))
}

export function addDays(date: string, n: number): string {
  return dayjs(`${date}T00:00:00Z`).utc().add(n, 'day').format('YYYY-MM-DD')
}

/** '2026-11-23 ~ 11-29' */
export function weekRange(weekStart: string) {
  return `${weekStart} ~ ${addDays(weekStart, 6).slice(5)}`
}
