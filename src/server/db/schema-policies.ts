import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** numeric(18,2) in 万元, returned as a string by both drivers */
type Money = ColumnType<string, string | number, string | number>
type DateStr = ColumnType<string, string, string>
/** a text[] with a default of '{}' */
type Codes = ColumnType<string[], string[] | undefined, string[]>

// Tables of migration 2026_11_27_1100_policies (惠企政策: catalogue, notices, applications).

export type PolicyLevel = 'national' | 'provincial' | 'city' | 'county' | 'zone'
export type PolicyBenefit = 'funds' | 'tax' | 'power' | 'credit' | 'talent' | 'other'
export type PolicyStatus = 'draft' | 'published' | 'withdrawn'
export type ApplicationStatus =
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'approved'
  | 'rejected'
  | 'partly_paid'
  | 'paid'

export interface PoliciesTable {
  id: Generated<number>
  zone_id: number
  title: string
  doc_number: string | null
  issuer: string
  level: PolicyLevel
  benefit_kind: PolicyBenefit
  summary: string | null
  benefit_text: string | null
  max_amount: Money | null
  valid_from: DateStr
  valid_to: DateStr | null
  /** GB/T 4754 codes (section letter or division / group / class prefix); empty = any industry */
  cond_industries: Codes
  /** enterprise_scale dictionary codes; empty = any scale */
  cond_scales: Codes
  /** GB/T 2260 codes; an enterprise in the region or below it qualifies; empty = anywhere */
  cond_regions: Codes
  /** project_stage dictionary codes: one of the enterprise's projects in one of them */
  cond_stages: Codes
  cond_min_investment: Money | null
  cond_max_investment: Money | null
  contact_name: string | null
  contact_phone: string | null
  status: Generated<PolicyStatus>
  published_at: Timestamp | null
  published_by: number | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface PolicyNoticesTable {
  id: Generated<number>
  zone_id: number
  policy_id: number
  enterprise_id: number
  user_id: number
  notified_at: Timestamp
  notified_by: number | null
}

export interface PolicyApplicationsTable {
  id: Generated<number>
  zone_id: number
  code: string
  policy_id: number
  enterprise_id: number
  status: ApplicationStatus
  amount_requested: Money
  content: string
  amount_granted: Money | null
  amount_paid: ColumnType<string, string | number | undefined, string | number>
  applied_by: number | null
  applied_at: Timestamp
  first_paid_on: DateStr | null
  fully_paid_on: DateStr | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface PolicyApplicationStepsTable {
  id: Generated<number>
  zone_id: number
  application_id: number
  action: string
  from_status: string | null
  to_status: string
  note: string | null
  amount: Money | null
  paid_on: DateStr | null
  actor_id: number | null
  actor_name: string
  at: Timestamp
}

export interface PolicyTables {
  policies: PoliciesTable
  policy_notices: PolicyNoticesTable
  policy_applications: PolicyApplicationsTable
  policy_application_steps: PolicyApplicationStepsTable
}
