// Value normalisers for messy ledger cells: amounts in 万元 / 亿元 with commas and full-width digits,
// construction periods in half a dozen spellings, dates typed as text or numbers, free-text names.
// Pure functions: no database, so they are unit-tested on their own (imports.unit.test.ts).

/** A cell as read from the workbook, reduced to a plain value. */
export type CellValue = string | number | boolean | Date | null

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; error: string } | null

/** Full-width ASCII (０-９, Ａ-Ｚ, （）, －, ．, ，…) to half-width; ideographic and no-break spaces to spaces. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200A\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
}

/** Display text of a cell: trimmed (full-width spaces too), runs of blanks collapsed. */
export function cleanText(v: CellValue, opts: { multiline?: boolean } = {}): string | null {
  if (v === null || v === undefined) return null
  let s = v instanceof Date ? isoDate(v) : String(v)
  s = s.replace(/[\u3000\u00A0\u2002-\u200A\u202F]/g, ' ').replace(/[\u200B-\u200D\uFEFF]/g, '')
  s = opts.multiline
    ? s
        .split(/\r?\n/)
        .map((l) => l.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
    : s.replace(/[\r\n]+/g, '').replace(/[ \t]+/g, ' ')
  s = s.trim()
  return s === '' ? null : s
}

/** Placeholders people put in empty cells. */
const BLANKS = new Set(['-', '--', '—', '——', '－', '/', '／', '\\', '无', '暂无', '空', 'N/A', 'NA', '#N/A'])

export function isBlank(v: CellValue): boolean {
  const s = cleanText(v)
  return s === null || BLANKS.has(s)
}

/** A key for comparing names: half-width, no blanks. */
export function nameKey(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').toLowerCase()
}

// ---------- amounts ----------

/** Units an amount can be in, as the power of ten that converts it to 万元. */
export type AmountUnit = 4 | 0 | -4
export const UNIT_WAN: AmountUnit = 0
export const UNIT_YI: AmountUnit = 4
export const UNIT_YUAN: AmountUnit = -4

/** The unit a header or a note row names: 亿元 → ×10000, 万元 → ×1, 元 → ÷10000; null if none. */
export function unitIn(text: string): AmountUnit | null {
  const s = toHalfWidth(text)
  if (/亿/.test(s)) return UNIT_YI
  if (/万/.test(s)) return UNIT_WAN
  if (/[(（:：]\s*元|单位\s*[:：]?\s*元/.test(s)) return UNIT_YUAN
  return null
}

const MAX_WAN = 10n ** 16n // numeric(18,2)

/**
 * "1.2亿元", "6500万", "6,500", "12,000.5", "６５００", "6500万元", 6500 → a 万元 string with two decimals.
 * A suffix in the cell wins over the header's unit. Decimal arithmetic on BigInt: never float.
 */
export function parseAmount(v: CellValue, headerUnit: AmountUnit = UNIT_WAN): Parsed<string> {
  if (isBlank(v)) return null
  const shown = typeof v === 'number' ? String(v) : (cleanText(v) ?? '')
  if (typeof v === 'boolean' || v instanceof Date) return { ok: false, error: `无法识别的金额「${shown}」` }
  let digits: string
  let unit = headerUnit
  let warning: string | undefined
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, error: `无法识别的金额「${shown}」` }
    // Excel stores 313.64 as 313.63999999999999: the shortest round-trip form is what the user typed.
    digits = Math.abs(v) < 1e-6 ? '0' : numberText(v)
  } else {
    let s = toHalfWidth(String(v))
      .replace(/\s+/g, '')
      .replace(/^人民币/, '')
    if (/^(约|约合|大约)/.test(s)) {
      s = s.replace(/^(约|约合|大约)/, '')
      warning = `金额「${shown}」为约数，按数值导入`
    }
    const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+)|\d+)(\.\d+)?(亿元|亿|万元|万|元)?$/.exec(s)
    if (!m) return { ok: false, error: `无法识别的金额「${shown}」` }
    digits = `${m[1]}${m[2].replace(/,/g, '')}${m[3] ?? ''}`
    if (m[4]) unit = m[4].startsWith('亿') ? UNIT_YI : m[4].startsWith('万') ? UNIT_WAN : UNIT_YUAN
  }
  const cents = scaleToCents(digits, unit)
  if (cents === null) return { ok: false, error: `无法识别的金额「${shown}」` }
  if (cents < 0n) return { ok: false, error: `金额不能为负数「${shown}」` }
  if (cents >= MAX_WAN * 100n) return { ok: false, error: `金额过大「${shown}」` }
  return { ok: true, value: centsToString(cents), ...(warning ? { warning } : {}) }
}

function numberText(n: number): string {
  const s = String(n)
  if (!/e/i.test(s)) return s
  return n.toFixed(Math.abs(n) < 1 ? 8 : 0)
}

/** "12.345" in unit 10^pow → hundredths of 万元, rounded half up (away from zero). */
function scaleToCents(decimal: string, pow: number): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(decimal)
  if (!m) return null
  const neg = m[1] === '-'
  const frac = m[3] ?? ''
  // value = int(m2 + frac) × 10^(pow − frac.length); we want × 100.
  let mantissa = BigInt(m[2] + frac)
  let exp = pow - frac.length + 2
  if (exp >= 0) mantissa *= 10n ** BigInt(exp)
  else {
    const div = 10n ** BigInt(-exp)
    const q = mantissa / div
    const r = mantissa % div
    mantissa = r * 2n >= div ? q + 1n : q
    exp = 0
  }
  return neg ? -mantissa : mantissa
}

function centsToString(c: bigint): string {
  const neg = c < 0n
  const a = neg ? -c : c
  const s = a.toString().padStart(3, '0')
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`
}

/** Compares two 万元 strings with two decimals. */
export function amountCents(s: string): bigint {
  return scaleToCents(s, 0) ?? 0n
}

// ---------- dates and periods ----------

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

function pad(n: number) {
  return String(n).padStart(2, '0')
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function validYmd(y: number, m: number, d?: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12) return false
  return d === undefined || (d >= 1 && d <= lastDay(y, m))
}

/** Excel's serial day number (1900 system) → 'YYYY-MM-DD'. */
export function excelSerialDate(n: number): string {
  return isoDate(new Date(Math.round((n - 25569) * 86400_000)))
}

interface DateToken {
  y: number
  m?: number
  d?: number
}

// 2025 · 2025年3月 · 2025.03 · 2025-03-15 · 2025/3/15 · 2025年3月15日; a month never swallows the next year's digits.
const DATE_TOKEN =
  /(\d{4})(?:\s*[年.\-/]\s*(\d{1,2})(?!\d)(?:\s*[月.\-/]\s*(\d{1,2})(?!\d)\s*日?)?\s*月?)?\s*年?/g

function dateTokens(s: string): DateToken[] {
  const out: DateToken[] = []
  for (const m of s.matchAll(DATE_TOKEN)) {
    out.push({ y: Number(m[1]), m: m[2] ? Number(m[2]) : undefined, d: m[3] ? Number(m[3]) : undefined })
  }
  return out
}

function tokenStart(t: DateToken): string {
  return `${t.y}-${pad(t.m ?? 1)}-${pad(t.d ?? 1)}`
}

function tokenEnd(t: DateToken): string {
  const m = t.m ?? 12
  return `${t.y}-${pad(m)}-${pad(t.d ?? lastDay(t.y, m))}`
}

function tokenValid(t: DateToken) {
  return validYmd(t.y, t.m ?? 1, t.d)
}

/**
 * A whole date: a Date cell, an Excel serial number, "2026年3月", "2026.03", "2026-03-15". Without a day
 * it is the first of the month, or the last with `end` (a planned completion "2027年6月").
 */
export function parseDate(v: CellValue, opts: { end?: boolean } = {}): Parsed<string> {
  if (isBlank(v)) return null
  if (v instanceof Date) return { ok: true, value: isoDate(v) }
  const pick = (t: DateToken) => (opts.end ? tokenEnd(t) : tokenStart(t))
  if (typeof v === 'number') {
    if (v >= 1990 && v < 2101 && Number.isInteger(v)) return { ok: true, value: pick({ y: v }) }
    if (v >= 1990 && v < 2101) {
      // 2026.03 typed into a number cell: the fraction is the month; 2026.1 could be January or October.
      const [y, f] = String(v).split('.')
      const m = f.length === 1 ? Number(f) : Number(f.slice(0, 2))
      if (!validYmd(Number(y), m)) return { ok: false, error: `无法识别的日期「${v}」` }
      return {
        ok: true,
        value: pick({ y: Number(y), m }),
        ...(f === '1' ? { warning: `「${v}」按 ${y}年1月 理解；如为 10 月请写成「${y}年10月」` } : {}),
      }
    }
    if (v > 30000 && v < 80000) return { ok: true, value: excelSerialDate(v) }
    return { ok: false, error: `无法识别的日期「${v}」` }
  }
  const s = toHalfWidth(cleanText(v) ?? '')
  const tokens = dateTokens(s)
  const rest = s.replace(DATE_TOKEN, '').replace(/[\s日底初前上中下旬左右]/g, '')
  if (tokens.length !== 1 || !tokenValid(tokens[0]) || rest !== '')
    return { ok: false, error: `无法识别的日期「${cleanText(v)}」` }
  return { ok: true, value: pick(tokens[0]) }
}

export interface Period {
  startDate: string | null
  endDate: string | null
  /** "3年", "36个月": a duration to count from the planned start */
  months?: number
}

/**
 * "2025—2027", "2025-2027", "2025年3月-2026年12月", "2025.03-2026.12", "2026", "2025至2027年", "3年" →
 * start of the first month and end of the last month.
 */
export function parsePeriod(v: CellValue): Parsed<Period> {
  if (isBlank(v)) return null
  if (v instanceof Date) return { ok: true, value: { startDate: isoDate(v), endDate: null } }
  const shown = cleanText(v) ?? ''
  const bad = { ok: false as const, error: `无法识别的建设年限「${shown}」` }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1990 && v <= 2100)
      return { ok: true, value: { startDate: `${v}-01-01`, endDate: `${v}-12-31` } }
    return bad
  }
  const s = toHalfWidth(shown).replace(/\s+/g, '')
  const dur = /^(\d+(?:\.\d+)?)(年|个月|月)$/.exec(s)
  if (dur) {
    const months = dur[2] === '年' ? Math.round(Number(dur[1]) * 12) : Number(dur[1])
    if (!Number.isInteger(months) || months < 1 || months > 600) return bad
    return { ok: true, value: { startDate: null, endDate: null, months } }
  }
  const tokens = dateTokens(s)
  const rest = s
    .replace(DATE_TOKEN, '')
    .replace(/[-—–―─~〜至到日底初,;、开工竣工建成投产完工]/g, '')
    .replace(/[()]/g, '')
  if (!tokens.length || tokens.length > 2 || rest !== '' || !tokens.every(tokenValid)) return bad
  const first = tokens[0]
  const last = tokens[tokens.length - 1]
  const startDate = tokenStart(first)
  // One token: a year is the whole year; a month only says when it starts.
  const endDate = tokens.length === 1 && first.m !== undefined ? null : tokenEnd(last)
  if (endDate && endDate < startDate) return { ok: false, error: `建设年限「${shown}」的开始晚于结束` }
  return { ok: true, value: { startDate, endDate } }
}

/** The end of the month `months − 1` months after the start month: a 36-month project from 2025-03 ends 2028-02-29. */
export function endAfterMonths(startDate: string, months: number): string {
  const y = Number(startDate.slice(0, 4))
  const m = Number(startDate.slice(5, 7)) - 1 + months - 1
  const ey = y + Math.floor(m / 12)
  const em = (m % 12) + 1
  return `${ey}-${pad(em)}-${pad(lastDay(ey, em))}`
}

// ---------- yes / no, lists ----------

export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v }
  if (isBlank(v)) return null
  const s = toHalfWidth(cleanText(v) ?? '').toUpperCase()
  if (/^(是|Y|YES|TRUE|1|√|✓|✔|重点|重点项目)$/.test(s)) return { ok: true, value: true }
  if (/^(否|N|NO|FALSE|0|×|✗|非重点|一般|无)$/.test(s)) return { ok: true, value: false }
  return { ok: false, error: `无法识别的「是/否」值「${cleanText(v)}」` }
}

/** "张三、李四（常务副主任）, 王五" → ["张三", "李四", "王五"]. */
export function splitNames(v: CellValue): string[] {
  const s = cleanText(v, { multiline: true })
  if (!s || BLANKS.has(s)) return []
  return toHalfWidth(s)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[（【[][^）】\]]*[）】\]]/g, ' ')
    .split(/[、,，;；/\n\s]+/)
    .map((x) => x.trim())
    .filter((x) => x && !BLANKS.has(x))
}

/** Units are names with parentheses of their own ("督查室（项目办）"): split on list separators only. */
export function splitUnits(v: CellValue): string[] {
  const s = cleanText(v, { multiline: true })
  if (!s || BLANKS.has(s)) return []
  return s
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter((x) => x && !BLANKS.has(x))
}
