export type BulletinKind = 'weekly' | 'monthly' | 'quarterly'

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

export const TEXT_KEYS = [
  'title',
  'intro',
  'overview',
  'projects',
  'problems',
  'praise',
  'criticism',
  'requirements',
  'copyTo',
] as const
export type TextKey = (typeof TEXT_KEYS)[number]

export const SECTION_KEYS = [
  'overview',
  'projects',
  'problems',
  'reporting',
  'rankings',
  'campaigns',
  'praise',
  'criticism',
  'requirements',
] as const
export type SectionKey = (typeof SECTION_KEYS)[number]

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
