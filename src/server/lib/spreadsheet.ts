import ExcelJS from 'exceljs'
import type { FastifyReply } from 'fastify'

export interface Column<T> {
  header: string
  width?: number
  value: (row: T) => string | number | boolean | Date | null | undefined
}

export const MAX_EXPORT_ROWS = 50_000

export interface Sheet<T> {
  name: string
  columns: Column<T>[]
  rows: T[]
}

/** One sheet with a bold, frozen header row; cells that look like formulas are written as text. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  return toXlsxSheets([{ name: sheetName, columns, rows }])
}

/** A workbook of several such sheets (a bulletin: one sheet per table). */
export async function toXlsxSheets(sheets: Sheet<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '清单 Qingdan'
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    }))
    ws.getRow(1).font = { bold: true }
    for (const row of sheet.rows) {
      ws.addRow(sheet.columns.map((c) => safeCell(c.value(row))))
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

// A leading = + - @ would make Excel evaluate user text as a formula (CSV/formula injection).
function safeCell(v: string | number | boolean | Date | null | undefined) {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`
  return v ?? null
}

export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(body)
}
