import type { BulletinKind, SectionKey, TextKey } from '../../../shared/bulletins'

export type { BulletinKind }

export interface BulletinRow {
  id: number
  zoneId: number
  zoneName: string
  kind: BulletinKind
  periodKey: string
  number: string | null
  title: string
  status: 'draft' | 'issued'
  generatedAt: string | null
  issuedAt: string | null
  issuedByName: string | null
  createdByName: string | null
  updatedAt: string
  version: number
}

export interface BulletinTable {
  key: string
  title: string
  columns: Array<{ key: string; label: string; width?: number; align?: 'left' | 'center' | 'right' }>
  rows: Array<Record<string, string | number | null>>
  emptyText: string
}

export { SECTION_KEYS, type SectionKey, TEXT_KEYS, type TextKey } from '../../../shared/bulletins'

export interface BulletinContent {
  kind: BulletinKind
  period: { key: string; from: string; to: string; label: string }
  zone: { id: number; name: string }
  issuer: string
  texts: Record<TextKey, string>
  omitted: SectionKey[]
  figures: Array<{ label: string; value: string }>
  charts: Array<{ key: string; title: string; option: Record<string, unknown> }>
  tables: Record<
    'red' | 'yellow' | 'overdueByDept' | 'overdue' | 'late' | 'ranking' | 'campaigns',
    BulletinTable
  >
}

export interface BulletinDetail extends BulletinRow {
  content: BulletinContent
  previewNumber: string
}
