import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type DateStr = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string | T, string | T>

// Tables of migration 2026_11_25_1500_rhythm: visits and suggestions (SPEC §5), the cadence
// engine, campaigns, scorecards and bulletins (SPEC §6).

/** 走访类型 (dictionary visit_kind): 调研 / 现场办公 / 宣传下基层 / 信访下基层 */
export type VisitKind = 'research' | 'onsite' | 'publicity' | 'petition'
export type Adoption = 'pending' | 'adopted' | 'partly' | 'not_adopted'
export type Cadence = 'weekly' | 'monthly' | 'quarterly'
export type CampaignKind = 'hundred_days' | 'special'

export interface VisitsTable {
  id: Generated<number>
  zone_id: number
  /** per zone and year of the visit date, e.g. DLT-ZF-2026-0001 */
  code: string
  kind: string
  visit_date: DateStr
  place: string
  /** 走访主题 */
  summary: string
  notes: string | null
  participants: string | null
  lng: string | null
  lat: string | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface VisitLeadersTable {
  visit_id: number
  user_id: number
  /** the order the leaders were named in (the first leads the visit) */
  sort: Generated<number>
}

export interface VisitEnterprisesTable {
  visit_id: number
  enterprise_id: number
}

export interface VisitProjectsTable {
  visit_id: number
  project_id: number
}

export interface SuggestionsTable {
  id: Generated<number>
  zone_id: number
  visit_id: number | null
  /** the leader who made it */
  leader_user_id: number | null
  enterprise_id: number | null
  content: string
  /** the department it is addressed to (who replies) */
  department_id: number | null
  adoption: Generated<Adoption>
  reply: string | null
  replied_by: number | null
  replied_at: Timestamp | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface CadencePeriodsTable {
  id: Generated<number>
  zone_id: number
  cadence: Cadence
  /** e.g. 2026-W48, 2026-11, 2026-Q4 */
  period_key: string
  starts_on: DateStr
  ends_on: DateStr
  due_at: Timestamp
  closed_at: Timestamp | null
  rollup: Json<Record<string, unknown>> | null
  created_at: Timestamp
}

export interface CadenceObligationsTable {
  period_id: number
  project_id: number
  zone_id: number
  owner_user_id: number | null
  department_id: number | null
  submitted_at: Timestamp | null
  late: Generated<boolean>
  reminded_at: Timestamp | null
}

export interface CampaignsTable {
  id: Generated<number>
  zone_id: number
  name: string
  /** migration 2026_11_26_1000: 百日攻坚 or 专项行动 */
  kind: Generated<CampaignKind>
  starts_on: DateStr
  ends_on: DateStr
  targets: Json<Record<string, unknown>>
  description: string | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface CampaignProjectsTable {
  campaign_id: number
  project_id: number
}

export interface CampaignDepartmentsTable {
  campaign_id: number
  department_id: number
}

export interface CampaignDaysTable {
  campaign_id: number
  day: DateStr
  figures: Json<Record<string, unknown>>
}

export interface ScorecardRunsTable {
  id: Generated<number>
  zone_id: number
  subject_type: 'department' | 'zone'
  week_start: DateStr
  indicators: Json<unknown[]>
  computed_at: Timestamp
}

export interface ScorecardScoresTable {
  run_id: number
  subject_id: number
  /** numeric(7,2) as a string */
  score: ColumnType<string, string | number, string | number>
  rank: number
  previous_rank: number | null
  parts: Json<unknown[]>
}

export interface BulletinsTable {
  id: Generated<number>
  zone_id: number
  kind: Cadence
  period_key: string
  seq: number | null
  /** 〔2026〕7号 once issued */
  number: string | null
  title: string
  status: 'draft' | 'issued'
  content: Json<Record<string, unknown>>
  docx_key: string | null
  xlsx_key: string | null
  generated_at: Timestamp | null
  issued_at: Timestamp | null
  issued_by: number | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

/** Tables of visits, cadences, campaigns, scorecards and bulletins; merged into DB in schema.ts. */
export interface RhythmTables {
  visits: VisitsTable
  visit_leaders: VisitLeadersTable
  visit_enterprises: VisitEnterprisesTable
  visit_projects: VisitProjectsTable
  suggestions: SuggestionsTable
  cadence_periods: CadencePeriodsTable
  cadence_obligations: CadenceObligationsTable
  campaigns: CampaignsTable
  campaign_projects: CampaignProjectsTable
  campaign_departments: CampaignDepartmentsTable
  campaign_days: CampaignDaysTable
  scorecard_runs: ScorecardRunsTable
  scorecard_scores: ScorecardScoresTable
  bulletins: BulletinsTable
}
