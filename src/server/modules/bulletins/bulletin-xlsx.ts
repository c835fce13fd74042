import { type Sheet, toXlsxSheets } from '../../lib/spreadsheet.ts'
import type { BulletinContent, BulletinTable } from './bulletin-types.ts'

// The bulletin's figures and tables as a workbook: a summary sheet, then one sheet per table,
// the same rows as the document and the screen.

function sheetOf(t: BulletinTable): Sheet<Record<string, string | number | null>> {
  return {
    name: t.title,
    columns: t.columns.map((c) => ({
      header: c.label,
      width: (c.width ?? 10) * 1.6,
      value: (r) => r[c.key] ?? null,
    })),
    rows: t.rows,
  }
}

export function bulletinXlsx(content: BulletinContent, number: string): Promise<Buffer> {
  const summary: Sheet<{ label: string; value: string }> = {
    name: '概况',
    columns: [
      { header: '项目', width: 28, value: (r) => r.label },
      { header: '数值', width: 40, value: (r) => r.value },
    ],
    rows: [
      { label: '标题', value: content.texts.title },
      { label: '文号', value: number },
      { label: '期间', value: `${content.period.label}（${content.period.from} 至 ${content.period.to}）` },
      ...content.figures,
    ],
  }
  const t = content.tables
  return toXlsxSheets([
    summary,
    ...[t.red, t.yellow, t.overdueByDept, t.overdue, t.late, t.ranking, t.campaigns].map(sheetOf),
  ])
}
