import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MonthlyStatus } from '../../api/types'
import { dayjs, TZ } from '../../lib/format'

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
