import type { BulletinKind } from '../../../shared/bulletins.ts'
import { invalid } from '../../errors.ts'
import { addDays, beijingDate, isRealDate, weekStart } from '../../lib/time.ts'

export type { BulletinKind }
export const KIND_LABEL: Record<BulletinKind, string> = { weekly: '周', monthly: '月', quarterly: '季度' }

export interface BulletinPeriod {
  kind: BulletinKind
  /** weekly: the Monday 'YYYY-MM-DD'; monthly: 'YYYY-MM'; quarterly: 'YYYY-Qn' */
  key: string
  from: string
  to: string
  /** 2026年第48周（11月23日至11月29日） · 2026年10月 · 2026年第三季度 */
  label: string
  /** the month whose investment figures apply: the period's last month */
  year: number
  month: number
}

const QUARTER_NAMES = ['一', '二', '三', '四']
const pad = (n: number) => String(n).padStart(2, '0')
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

function lastDayOfMonth(year: number, month: number): string {
  return addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1)
}

/** ISO week number of a Monday (the week that holds its Thursday). */
function isoWeek(monday: string): { year: number; week: number } {
  const thursday = addDays(monday, 3)
  const year = Number(thursday.slice(0, 4))
  const jan4 = `${year}-01-04`
  const firstMonday = weekStart(jan4)
  const days = (Date.parse(`${monday}T00:00:00Z`) - Date.parse(`${firstMonday}T00:00:00Z`)) / 86_400_000
  return { year, week: Math.floor(days / 7) + 1 }
}

/** Parses and checks a period key; the error names the `periodKey` field. */
export function periodOf(kind: BulletinKind, key: string): BulletinPeriod {
  if (kind === 'weekly') {
    if (!isRealDate(key) || weekStart(key) !== key)
      throw invalid('periodKey', '周通报的期间应为该周周一的日期（YYYY-MM-DD）')
    const to = addDays(key, 6)
    const { year, week } = isoWeek(key)
    return {
      kind,
      key,
      from: key,
      to,
      label: `${year}年第${week}周（${md(key)}至${md(to)}）`,
      year: Number(to.slice(0, 4)),
      month: Number(to.slice(5, 7)),
    }
  }
  if (kind === 'monthly') {
    const m = /^(\d{4})-(\d{2})$/.exec(key)
    const year = Number(m?.[1])
    const month = Number(m?.[2])
    if (!m || month < 1 || month > 12) throw invalid('periodKey', '月通报的期间应为年月（YYYY-MM）')
    return {
      kind,
      key,
      from: `${key}-01`,
      to: lastDayOfMonth(year, month),
      label: `${year}年${month}月`,
      year,
      month,
    }
  }
  const m = /^(\d{4})-Q([1-4])$/.exec(key)
  if (!m) throw invalid('periodKey', '季度通报的期间应为 YYYY-Qn，如 2026-Q3')
  const year = Number(m[1])
  const q = Number(m[2])
  const month = q * 3
  return {
    kind,
    key,
    from: `${year}-${pad(month - 2)}-01`,
    to: lastDayOfMonth(year, month),
    label: `${year}年第${QUARTER_NAMES[q - 1]}季度`,
    year,
    month,
  }
}

/** The last period of a kind that has ended by `at` (Beijing): what a bulletin is usually about. */
export function lastEndedPeriod(kind: BulletinKind, at: Date): BulletinPeriod {
  const today = beijingDate(at)
  if (kind === 'weekly') return periodOf(kind, addDays(weekStart(today), -7))
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  if (kind === 'monthly') {
    return periodOf(kind, month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`)
  }
  const q = Math.floor((month - 1) / 3) // the current quarter's index; the previous one has ended
  return periodOf(kind, q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`)
}

/** A period must have started by today: a bulletin cannot describe the future. */
export function checkStarted(p: BulletinPeriod, at: Date) {
  if (p.from > beijingDate(at)) throw invalid('periodKey', `${p.label}尚未开始，不能生成通报`)
}
