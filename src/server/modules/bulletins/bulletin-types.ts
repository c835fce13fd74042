import type { SectionKey, TextKey } from '../../../shared/bulletins.ts'
import type { BulletinKind } from './bulletin-period.ts'

/** A table of a bulletin: the same rows go into the Word document, the Excel sheet and the screen. */
export interface BulletinTable {
  key: string
  /** sheet name and caption */
  title: string
  columns: Array<{ key: string; label: string; width?: number; align?: 'left' | 'center' | 'right' }>
  rows: Array<Record<string, string | number | null>>
  /** shown instead of an empty table */
  emptyText: string
}

/** A chart: its ECharts option (rendered live on the screen, to PNG in the document). */
export interface BulletinChart {
  key: string
  title: string
  option: Record<string, unknown>
}

export { SECTION_KEYS, type SectionKey } from '../../../shared/bulletins.ts'

export const SECTION_HEADINGS: Record<SectionKey, string> = {
  overview: '总体情况',
  projects: '重点项目推进情况',
  problems: '企业问题办理情况',
  reporting: '信息报送情况',
  rankings: '评比排名情况',
  campaigns: '攻坚行动进展情况',
  praise: '表扬',
  criticism: '批评与限期整改',
  requirements: '下一步工作要求',
}

/** The texts a person writes or edits before issuing (导语, the sections' words, 抄送). */
export type BulletinTexts = Record<TextKey, string>

export interface BulletinContent {
  kind: BulletinKind
  period: { key: string; from: string; to: string; label: string }
  zone: { id: number; name: string }
  /** 发文机关 (版头 and 版记) */
  issuer: string
  /** investment figures are monthly: the month they stand at */
  investmentAsOf: { year: number; month: number } | null
  texts: BulletinTexts
  /** the generated texts, so a regeneration refreshes those the editor has not changed */
  generated: Pick<BulletinTexts, 'overview' | 'projects' | 'problems'>
  omitted: SectionKey[]
  figures: Array<{ label: string; value: string }>
  charts: BulletinChart[]
  tables: Record<
    'red' | 'yellow' | 'overdueByDept' | 'overdue' | 'late' | 'ranking' | 'campaigns',
    BulletinTable
  >
}
