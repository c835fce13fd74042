import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import type { TFunction } from 'i18next'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)

export const TZ = 'Asia/Shanghai'

/** Times are shown in Beijing time whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm') : ''
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm:ss') : ''
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD') : ''
}

export { dayjs }

/**
 * An amount in 万元 (numeric string) as people read it: '6500' → '6,500.00 万元'; from 10 000 万元 up
 * in 亿元: '16000000' → '1,600.00 亿元'. `unit: false` leaves the unit off (the column title names it).
 * Display only: stored values are never computed in the browser.
 */
export function formatMoney(
  v: string | number | null | undefined,
  t: TFunction,
  opts: { unit?: boolean } = {},
): string {
  if (v == null || v === '') return '—'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  const big = Math.abs(n) >= 10000
  const shown = (big ? n / 10000 : n).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  if (opts.unit === false) return shown
  return `${shown} ${big ? t('common.unitYi') : t('common.unitWan')}`
}

/** 0.309 → '30.90%' */
export function formatRate(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(2)}%`
}

/** A chart's value axis in 万元 (ECharts): labels switch to 亿元 from 10 000 万元 up. */
export function wanAxis(t: TFunction) {
  return {
    type: 'value' as const,
    name: t('common.unitWan'),
    axisLabel: {
      formatter: (v: number) => (v >= 10000 ? `${v / 10000}${t('common.unitYi')}` : String(v)),
    },
  }
}
