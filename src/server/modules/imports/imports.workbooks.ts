// The two workbooks the import hands out: the template (title rows like a real ledger, the header,
// two examples, an instructions sheet, the industry divisions) and the error list (rejected rows as
// uploaded plus 行号 and 错误原因), which can be corrected and uploaded again.
import ExcelJS from 'exceljs'
import { FIELDS } from './imports.columns.ts'
import { type CellValue, UNIT_WAN, unitIn } from './imports.normalise.ts'
import type { LedgerColumn } from './imports.parse.ts'
import { issueLine, type RowOutcome } from './imports.resolve.ts'
import type { DictEntry, IndustryEntry } from './imports.vocab.ts'

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
}

/** Text that Excel would read as a formula stays text. */
function safe(v: CellValue): CellValue {
  if (typeof v === 'string' && /^[=+@\t\r]/.test(v)) return `'${v}`
  return v
}

export interface TemplateInput {
  zoneName: string | null
  year: number
  dict: { stage: DictEntry[]; nature: DictEntry[]; level: DictEntry[]; tag: DictEntry[] }
  industries: IndustryEntry[]
}

function headerOf(key: string, year: number) {
  return key === 'yearPlan' ? `${year}年计划投资（万元）` : FIELDS.find((f) => f.key === key)!.header
}

export async function templateWorkbook(t: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '清单 Qingdan'
  const ws = wb.addWorksheet('项目台账', { views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }] })
  const n = FIELDS.length
  ws.columns = FIELDS.map((f) => ({ width: f.width ?? 12 }))

  ws.mergeCells(1, 1, 1, n)
  const title = ws.getCell(1, 1)
  title.value = `${t.zoneName ?? '××经济开发区'}${t.year}年重点项目台账`
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  ws.getRow(1).height = 30
  ws.mergeCells(2, 1, 2, n)
  const unit = ws.getCell(2, 1)
  unit.value = '单位：万元'
  unit.alignment = { horizontal: 'right' }

  const header = ws.getRow(3)
  FIELDS.forEach((f, i) => {
    const c = header.getCell(i + 1)
    c.value = headerOf(f.key, t.year)
    c.font = { bold: true, color: f.required ? { argb: 'FFC00000' } : undefined }
    c.fill = HEADER_FILL
    c.border = THIN
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  })
  header.height = 36
  for (const ex of [0, 1] as const) {
    const row = ws.getRow(4 + ex)
    FIELDS.forEach((f, i) => {
      const c = row.getCell(i + 1)
      const v = f.example[ex]
      c.value =
        v === ''
          ? null
          : typeof v === 'string'
            ? v.replaceAll('{Y+1}', String(t.year + 1)).replaceAll('{Y}', String(t.year))
            : v
      c.border = THIN
      c.alignment = { vertical: 'top', wrapText: f.key === 'description' }
    })
  }

  // Drop-down lists for the dictionary columns (still free text: variants are recognised too).
  const list = (key: string, values: string[]) => {
    const col = FIELDS.findIndex((f) => f.key === key) + 1
    const formula = `"${values.join(',')}"`
    if (col < 1 || formula.length > 250) return
    const letter = ws.getColumn(col).letter
    ;(ws as any).dataValidations.add(`${letter}4:${letter}2000`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [formula],
    })
  }
  list(
    'nature',
    t.dict.nature.map((d) => d.label),
  )
  list('level', ['国家级', '自治区级', '省级', '市级', '旗县级', '园区级'])
  list(
    'stage',
    t.dict.stage.map((d) => d.label),
  )
  list(
    'tags',
    t.dict.tag.map((d) => d.label),
  )
  list('isKey', ['是', '否'])

  const help = wb.addWorksheet('填表说明')
  help.columns = [{ width: 22 }, { width: 8 }, { width: 70 }, { width: 30 }]
  const notes = [
    '填表说明',
    '1. 表头可以放在前 15 行中的任意一行，上方可保留标题行和「单位：万元」说明行；列的顺序不限，未识别的列会被忽略。',
    '2. 金额默认以万元计；表头写「（亿元）」或说明行写「单位：亿元」时按亿元换算；单元格也可写「1.2亿元」「6500万」「12,000」。',
    '3. 导入时先「预检」：列出将新建、更新和有误的行，不写入任何数据；有误的行可下载错误清单，改正后重新上传。',
    '4. 只有全部行都正确时才会导入；导入在一个事务中完成，不会出现导入一半的情况。',
    '5. 已有项目按项目编号匹配，没有编号时按项目名称匹配，匹配到的更新，其余新建；空白单元格不会清除已有数据。',
  ]
  notes.forEach((text, i) => {
    help.mergeCells(i + 1, 1, i + 1, 4)
    const c = help.getCell(i + 1, 1)
    c.value = text
    c.alignment = { wrapText: true, vertical: 'top' }
    if (i === 0) c.font = { bold: true, size: 14 }
    else help.getRow(i + 1).height = 30
  })
  const start = notes.length + 2
  const head = help.getRow(start)
  ;['列名', '必填', '可接受的值与格式', '其他写法'].forEach((h, i) => {
    const c = head.getCell(i + 1)
    c.value = h
    c.font = { bold: true }
    c.fill = HEADER_FILL
    c.border = THIN
  })
  const accepted: Record<string, string> = {
    nature: t.dict.nature.map((d) => d.label).join('、'),
    level: `${t.dict.level.map((d) => d.label).join('、')}（也可写国家级、自治区级、省级、市级、旗县级、县级、园区级）`,
    stage: `${t.dict.stage.map((d) => d.label).join('、')}（也可写洽谈、对接、前期、在建、开复工、完工、试运行、运营等）`,
    tags: t.dict.tag.map((d) => d.label).join('、'),
  }
  FIELDS.forEach((f, i) => {
    const r = help.getRow(start + 1 + i)
    const values = [
      headerOf(f.key, t.year),
      f.required ? '是' : '',
      [accepted[f.key], f.help].filter(Boolean).join('。'),
      f.aliases.filter((a) => a !== f.header.replace(/（.*$/, '')).join('、'),
    ]
    values.forEach((v, j) => {
      const c = r.getCell(j + 1)
      c.value = v
      c.border = THIN
      c.alignment = { wrapText: true, vertical: 'top' }
    })
  })

  const ind = wb.addWorksheet('行业大类')
  ind.columns = [
    { header: '代码', width: 8 },
    { header: '行业大类', width: 40 },
    { header: '门类', width: 36 },
  ]
  ind.getRow(1).font = { bold: true }
  const sections = new Map(t.industries.filter((i) => i.level === 1).map((i) => [i.code, i.name]))
  for (const d of t.industries.filter((i) => i.level === 2))
    ind.addRow([d.code, d.name, `${d.parent ?? ''} ${sections.get(d.parent ?? '') ?? ''}`.trim()])

  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Rejected rows as uploaded, with 行号 first and 错误原因 last; warnings on a second sheet. */
export async function errorsWorkbook(
  columns: LedgerColumn[],
  rows: Array<{ row: number; cells: CellValue[] }>,
  outcomes: RowOutcome[],
  notes: string[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '清单 Qingdan'
  const ws = wb.addWorksheet('错误清单', { views: [{ state: 'frozen', ySplit: 1 }] })
  // Headers keep their unit so that the corrected sheet reads the same when uploaded again.
  const headers = columns.map((c) => {
    const named = unitIn(c.header) !== null
    return c.match && c.unit !== UNIT_WAN && !named
      ? `${c.header}（${c.unit === 4 ? '亿元' : '元'}）`
      : c.header
  })
  ws.columns = [
    { width: 8 },
    ...columns.map((c) => ({
      width: c.match?.key === 'name' ? 30 : c.match?.key === 'description' ? 36 : 14,
    })),
    { width: 60 },
  ]
  const head = ws.getRow(1)
  ;['行号', ...headers, '错误原因'].forEach((h, i) => {
    const c = head.getCell(i + 1)
    c.value = h
    c.font = { bold: true, color: i === headers.length + 1 ? { argb: 'FFC00000' } : undefined }
    c.fill = HEADER_FILL
    c.border = THIN
  })
  const byRow = new Map(rows.map((r) => [r.row, r.cells]))
  for (const o of outcomes) {
    if (o.action !== 'rejected') continue
    const cells = byRow.get(o.row) ?? []
    const r = ws.addRow([
      o.row,
      ...columns.map((_, i) => safe(cells[i] ?? null)),
      o.problems.map((p) => issueLine(o.row, p)).join('\n'),
    ])
    const reason = r.getCell(columns.length + 2)
    reason.font = { color: { argb: 'FFC00000' } }
    reason.alignment = { wrapText: true, vertical: 'top' }
    columns.forEach((_, i) => {
      const v = cells[i]
      if (v instanceof Date) r.getCell(i + 2).numFmt = 'yyyy-mm-dd'
    })
  }

  const warn = wb.addWorksheet('提示')
  warn.columns = [
    { header: '行号', width: 8 },
    { header: '列', width: 18 },
    { header: '提示', width: 80 },
  ]
  warn.getRow(1).font = { bold: true }
  for (const n of notes) warn.addRow(['', '整个文件', n])
  for (const o of outcomes) for (const w of o.warnings) warn.addRow([o.row, w.column, w.message])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
