export const TIME_ZONE = 'Asia/Shanghai'

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** "2026-11-24 17:40" in Beijing time, for messages shown to people. */
export function formatBeijing(d: Date): string {
  const parts = Object.fromEntries(dateTimeFmt.formatToParts(d).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** ISO 8601 with the Beijing offset, "2026-11-24T17:40:05+08:00" (Beijing keeps +08:00 all year). */
export function isoBeijing(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

export const MINUTE = 60_000
export const DAY = 86_400_000

const ymdFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date in Beijing, 'YYYY-MM-DD'. */
export function beijingDate(d: Date): string {
  return ymdFmt.format(d)
}

/** Year and month (1–12) in Beijing. */
export function beijingYearMonth(d: Date): { year: number; month: number } {
  const s = beijingDate(d)
  return { year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)) }
}

/** Adds days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * DAY
  return new Date(t).toISOString().slice(0, 10)
}

/** The Monday of the week a 'YYYY-MM-DD' date falls in (weeks run Monday to Sunday). */
export function weekStart(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(date, dow === 0 ? -6 : 1 - dow)
}

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-30 is not). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** Whole calendar days from one 'YYYY-MM-DD' date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)
}
