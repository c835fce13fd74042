// Reading a ledger workbook: find the header row under the title rows, map each column to a field,
// and turn each data row into normalised values plus the problems (rejections) and warnings found.
import ExcelJS from 'exceljs'
import { FIELD_BY_KEY, type FieldKey, type HeaderMatch, matchHeader } from './imports.columns.ts'
import {
  type AmountUnit,
  type CellValue,
  cleanText,
  endAfterMonths,
  isBlank,
  type Parsed,
  parseAmount,
  parseDate,
  parsePeriod,
  parseYesNo,
  splitNames,
  splitUnits,
  toHalfWidth,
  UNIT_WAN,
  unitIn,
} from './imports.normalise.ts'
import type { Vocab } from './imports.vocab.ts'

/** A problem that stops the whole file (no header, not a workbook). */
export class LedgerError extends Error {}

export const HEADER_SCAN_ROWS = 15
export const MIN_HEADER_MATCHES = 3

export interface LedgerColumn {
  /** 1-based column number in the sheet */
  index: number
  /** the header as written (for messages and the error workbook) */
  header: string
  match: HeaderMatch | null
  /** for amount columns: the unit their values are in unless a cell says otherwise */
  unit: AmountUnit
}

export interface LedgerSheet {
  sheetName: string
  headerRow: number
  dataStartRow: number
  columns: LedgerColumn[]
  rows: Array<{ row: number; cells: CellValue[] }>
  /** remarks about the file as a whole (ignored columns, duplicate columns, the unit used) */
  notes: string[]
  /** rows under the header passed over: totals, group headings, footnotes */
  skipped: number
}

/** A cell value reduced to something plain: rich text → text, formula → its result, hyperlink → text. */
export function plainCell(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v)
      return plainCell((v as ExcelJS.CellFormulaValue).result as any)
    if ('hyperlink' in v) return plainCell((v as ExcelJS.CellHyperlinkValue).text)
    if ('error' in v) return null
  }
  return String(v)
}

function rowValues(ws: ExcelJS.Worksheet, r: number, width: number): CellValue[] {
  const row = ws.getRow(r)
  const out: CellValue[] = new Array(width)
  for (let c = 1; c <= width; c++) out[c - 1] = plainCell(row.getCell(c).value)
  return out
}

function matchesOf(cells: CellValue[]): Array<HeaderMatch | null> {
  return cells.map((v) => (typeof v === 'string' && v.length <= 40 ? matchHeader(v) : null))
}

function score(ms: Array<HeaderMatch | null>): number {
  return new Set(ms.filter((m) => m).map((m) => (m!.key === 'yearPlan' ? `y${m!.year}` : m!.key))).size
}

/** Loads an .xlsx buffer; anything that is not one is refused with a message people understand. */
export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0)
    throw new LedgerError('这是旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 格式后再上传')
  if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304)
    throw new LedgerError('文件不是有效的 .xlsx 工作簿，请上传 Excel 2007 及以上版本保存的 .xlsx 文件')
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw new LedgerError('无法读取该 .xlsx 文件，文件可能已损坏或加密')
  }
  return wb
}

/** Finds the ledger sheet and its header, and reads the data rows under it. */
export function readLedger(wb: ExcelJS.Workbook): LedgerSheet {
  let best: { ws: ExcelJS.Worksheet; row: number; score: number; width: number } | null = null
  for (const ws of wb.worksheets) {
    if (/说明|instruction/i.test(ws.name) && wb.worksheets.length > 1) continue
    const width = Math.min(ws.columnCount, 200)
    const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS)
    for (let r = 1; r <= last; r++) {
      const s = score(matchesOf(rowValues(ws, r, width)))
      // On a tie the lower row wins: with vertically merged header cells both rows read the same.
      if (s >= MIN_HEADER_MATCHES && (!best || s > best.score || (best.ws === ws && s === best.score)))
        best = { ws, row: r, score: s, width }
    }
  }
  if (!best)
    throw new LedgerError(
      `未找到表头：前 ${HEADER_SCAN_ROWS} 行中没有包含「项目名称」「总投资」等列名的行（至少应识别出 ${MIN_HEADER_MATCHES} 个列名）`,
    )
  const { ws, width } = best
  let headerRow = best.row
  const notes: string[] = []
  const head = rowValues(ws, headerRow, width)
  const headMatches = matchesOf(head)
  const texts = head.map((v) => cleanText(v) ?? '')
  const matches = [...headMatches]

  // A two-row header: group cells ("投资情况（亿元）") over sub-headers ("总投资", "2026年计划投资").
  let groupTexts: string[] = []
  if (headerRow < ws.rowCount) {
    const next = rowValues(ws, headerRow + 1, width)
    const nextMatches = matchesOf(next)
    const added = nextMatches.filter((m, i) => m && !headMatches[i]).length
    const stray = next.filter((v, i) => !isBlank(v) && !nextMatches[i] && v !== head[i]).length
    if (added > 0 && stray <= 1) {
      groupTexts = texts
      for (let i = 0; i < width; i++) {
        if (nextMatches[i] && !headMatches[i]) {
          matches[i] = nextMatches[i]
          texts[i] = cleanText(next[i]) ?? ''
        }
      }
      headerRow++
    }
  }
  if (!groupTexts.length && headerRow > 1)
    groupTexts = rowValues(ws, headerRow - 1, width).map((v) => cleanText(v) ?? '')

  // "单位：亿元" in a note row above the header sets the unit of amount columns that do not name one.
  let sheetUnit: AmountUnit = UNIT_WAN
  for (let r = 1; r < best.row; r++) {
    for (const v of rowValues(ws, r, width)) {
      const s = typeof v === 'string' ? toHalfWidth(v) : ''
      if (/单位\s*[:：]/.test(s)) sheetUnit = unitIn(s.slice(s.search(/单位\s*[:：]/))) ?? sheetUnit
    }
  }

  const columns: LedgerColumn[] = []
  const seen = new Map<string, string>()
  const ignored: string[] = []
  for (let i = 0; i < width; i++) {
    const header = texts[i]
    let match = matches[i]
    if (match) {
      const id = match.key === 'yearPlan' ? `y${match.year ?? ''}` : match.key
      const first = seen.get(id)
      if (first) {
        notes.push(`列「${header}」与「${first}」重复，已忽略后者`)
        match = null
      } else seen.set(id, header)
    } else if (header) ignored.push(header)
    const unit =
      (match && FIELD_BY_KEY.get(match.key)?.amount
        ? (match.unit ?? (groupTexts[i] && groupTexts[i] !== header ? unitIn(groupTexts[i]) : null))
        : null) ?? sheetUnit
    if (match && FIELD_BY_KEY.get(match.key)?.amount && unit !== UNIT_WAN)
      notes.push(`列「${header}」的金额单位为${unit === 4 ? '亿元' : '元'}，已换算为万元`)
    columns.push({ index: i + 1, header: header || `第${i + 1}列`, match, unit })
  }
  if (ignored.length) notes.push(`未识别的列（已忽略）：${ignored.map((h) => `「${h}」`).join('')}`)
  const missing = [...FIELD_BY_KEY.values()].filter((f) => f.required && !seen.has(f.key))
  if (missing.length)
    throw new LedgerError(
      `第 ${headerRow} 行的表头中缺少必需的列：${missing.map((f) => `「${f.header.replace(/（.*$/, '')}」`).join('')}`,
    )

  const nameCol = columns.findIndex((c) => c.match?.key === 'name')
  const totalCol = columns.findIndex((c) => c.match?.key === 'totalInvestment')
  const seqCol = columns.findIndex((c) => c.match?.key === 'seq')
  const rows: LedgerSheet['rows'] = []
  let skipped = 0
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = rowValues(ws, r, width)
    if (cells.every((v, i) => isBlank(v) || !columns[i].match)) {
      if (cells.some((v) => !isBlank(v))) skipped++
      continue
    }
    if (isSectionRow(cells, nameCol, totalCol, seqCol)) {
      skipped++
      continue
    }
    rows.push({ row: r, cells })
  }
  return {
    sheetName: ws.name,
    headerRow: best.row,
    dataStartRow: headerRow + 1,
    columns,
    rows,
    notes,
    skipped,
  }
}

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计)/
const HEADING = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])/
const FOOTNOTE = /^(注|说明|备注|填报|填表|制表|审核|联系人|联系电话|负责人)/

/** Totals ("合计"), group headings ("一、工业项目（12个）") and footnotes under the table. */
function isSectionRow(cells: CellValue[], nameCol: number, totalCol: number, seqCol: number): boolean {
  const name = cleanText(cells[nameCol]) ?? ''
  const seq = seqCol >= 0 ? (cleanText(cells[seqCol]) ?? '') : ''
  const firstText = cleanText(cells.find((v) => !isBlank(v)) ?? null) ?? ''
  if (TOTAL_ROW.test(name) || TOTAL_ROW.test(seq) || (!name && TOTAL_ROW.test(firstText))) return true
  if (!isBlank(cells[totalCol])) return false
  return (
    HEADING.test(name) ||
    HEADING.test(seq) ||
    (!name && (HEADING.test(firstText) || FOOTNOTE.test(firstText)))
  )
}

// ---------- rows ----------

export interface Issue {
  /** the header as written */
  column: string
  message: string
}

/** A row's values after normalisation, in the shapes the projects service takes (codes, 万元 strings, dates). */
export interface RowValues {
  code: string | null
  name: string | null
  enterpriseName: string | null
  creditCode: string | null
  nature: string | null
  industryCode: string | null
  level: string | null
  address: string | null
  description: string | null
  totalInvestment: string | null
  yearPlans: Array<{ year: number; planned: string }>
  completedBefore: string | null
  startDate: string | null
  endDate: string | null
  stage: string | null
  leaderNames: string[]
  leadUnitNames: string[]
  coUnitNames: string[]
  tags: string[]
  isKey: boolean | undefined
}

export interface ParsedRow {
  row: number
  cells: CellValue[]
  values: RowValues
  problems: Issue[]
  warnings: Issue[]
}

const MAX_TEXT: Record<string, number> = {
  code: 64,
  name: 200,
  enterpriseName: 200,
  address: 200,
  description: 4000,
}

/** Normalises one data row; `year` is the current year (for plan columns without a year in the header). */
export function normaliseRow(
  sheet: Pick<LedgerSheet, 'columns'>,
  src: { row: number; cells: CellValue[] },
  vocab: Vocab,
  year: number,
): ParsedRow {
  const v: RowValues = {
    code: null,
    name: null,
    enterpriseName: null,
    creditCode: null,
    nature: null,
    industryCode: null,
    level: null,
    address: null,
    description: null,
    totalInvestment: null,
    yearPlans: [],
    completedBefore: null,
    startDate: null,
    endDate: null,
    stage: null,
    leaderNames: [],
    leadUnitNames: [],
    coUnitNames: [],
    tags: [],
    isKey: undefined,
  }
  const problems: Issue[] = []
  const warnings: Issue[] = []
  const col: Partial<Record<FieldKey, string>> = {}
  let period: { startDate: string | null; endDate: string | null; months?: number } | null = null

  function take<T>(column: string, r: Parsed<T>): T | null {
    if (!r) return null
    if (!r.ok) {
      problems.push({ column, message: r.error })
      return null
    }
    if (r.warning) warnings.push({ column, message: r.warning })
    return r.value
  }
  function word(column: string, text: string | null, fn: (t: string) => ReturnType<Vocab['stage']>) {
    if (!text) return null
    const r = fn(text)
    if (!r) return null
    if ('error' in r) {
      warnings.push({ column, message: `${r.error}，已忽略` })
      return null
    }
    if (r.warning) warnings.push({ column, message: r.warning })
    return r.code
  }
  function text(column: string, key: FieldKey | 'enterpriseName', raw: CellValue, multiline = false) {
    const s = isBlank(raw) ? null : cleanText(raw, { multiline })
    const max = MAX_TEXT[key]
    if (s && max && s.length > max) {
      problems.push({ column, message: `内容过长（${s.length} 个字符，最多 ${max} 个）` })
      return null
    }
    return s
  }

  sheet.columns.forEach((c, i) => {
    const m = c.match
    if (!m) return
    const raw = src.cells[i]
    const h = c.header
    col[m.key] ??= h
    switch (m.key) {
      case 'seq':
        break
      case 'code': {
        const s = text(h, 'code', typeof raw === 'number' ? String(raw) : raw)
        v.code = s ? toHalfWidth(s).replace(/\s+/g, '') : null
        break
      }
      case 'name':
        v.name = text(h, 'name', raw)
        break
      case 'enterprise':
        v.enterpriseName = text(h, 'enterpriseName', raw)
        break
      case 'creditCode': {
        const s = isBlank(raw) ? null : cleanText(raw)
        v.creditCode = s ? toHalfWidth(s).replace(/\s+/g, '').toUpperCase() : null
        break
      }
      case 'nature':
        v.nature = word(h, cleanText(raw), (t) => vocab.nature(t))
        break
      case 'industry':
        v.industryCode = word(
          h,
          isBlank(raw) ? null : cleanText(typeof raw === 'number' ? String(raw) : raw),
          (t) => vocab.industry(t),
        )
        break
      case 'level':
        v.level = word(h, isBlank(raw) ? null : cleanText(raw), (t) => vocab.level(t))
        break
      case 'address':
        v.address = text(h, 'address', raw)
        break
      case 'description':
        v.description = text(h, 'description', raw, true)
        break
      case 'totalInvestment':
        v.totalInvestment = take(h, parseAmount(raw, c.unit))
        break
      case 'yearPlan': {
        const a = take(h, parseAmount(raw, c.unit))
        if (a !== null) v.yearPlans.push({ year: m.year ?? year, planned: a })
        break
      }
      case 'completedBefore':
        v.completedBefore = take(h, parseAmount(raw, c.unit))
        break
      case 'period':
        period = take(h, parsePeriod(raw))
        break
      case 'startDate':
        v.startDate = take(h, parseDate(raw))
        break
      case 'endDate': {
        v.endDate = take(h, parseDate(raw, { end: true }))
        break
      }
      case 'stage':
        v.stage = word(h, isBlank(raw) ? null : cleanText(raw), (t) => vocab.stage(t))
        break
      case 'leaders':
        v.leaderNames = splitNames(raw)
        break
      case 'leadUnits':
        v.leadUnitNames = splitUnits(raw)
        break
      case 'coUnits':
        v.coUnitNames = splitUnits(raw)
        break
      case 'tags':
        for (const t of splitUnits(raw)) {
          const code = word(h, t, (x) => vocab.tag(x))
          if (code && !v.tags.includes(code)) v.tags.push(code)
        }
        break
      case 'isKey': {
        const b = parseYesNo(raw)
        if (b && !b.ok) warnings.push({ column: h, message: `${b.error}，按「是」导入` })
        else if (b) v.isKey = b.value
        break
      }
    }
  })

  const p = period as { startDate: string | null; endDate: string | null; months?: number } | null
  if (p) {
    v.startDate ??= p.startDate
    v.endDate ??= p.endDate
    if (p.months && !v.endDate) {
      if (v.startDate) v.endDate = endAfterMonths(v.startDate, p.months)
      else warnings.push({ column: col.period!, message: '只有建设周期、没有开工时间，未设置起止日期' })
    }
  }
  if (v.startDate && v.endDate && v.endDate < v.startDate)
    problems.push({
      column: col.endDate ?? col.period ?? col.startDate!,
      message: `结束日期 ${v.endDate} 早于开工日期 ${v.startDate}`,
    })

  if (!v.name && !problems.some((x) => x.column === col.name))
    problems.push({ column: col.name!, message: '项目名称不能为空' })
  if (v.totalInvestment === null && !problems.some((x) => x.column === col.totalInvestment))
    problems.push({ column: col.totalInvestment!, message: '总投资不能为空' })
  else if (v.totalInvestment !== null && /^0+\.00$/.test(v.totalInvestment))
    problems.push({ column: col.totalInvestment!, message: '总投资必须大于 0' })
  return { row: src.row, cells: src.cells, values: v, problems, warnings }
}
