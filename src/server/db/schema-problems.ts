import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type DateStr = ColumnType<string, string, string>

export type ProblemStatus =
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'withdrawn'
export type ProblemType = 'onsite' | 'common' | 'longterm'

export interface WorkCalendarTable {
  day: DateStr
  kind: 'holiday' | 'workday'
  name: string
  year: number
  updated_at: Timestamp
  updated_by: number | null
}

export interface ProblemsTable {
  id: Generated<number>
  zone_id: number
  code: string
  title: string
  description: string
  category: string | null
  source: string
  type: ProblemType | null
  status: ProblemStatus
  enterprise_id: number | null
  project_id: number | null
  visit_id: number | null
  address: string | null
  lng: string | null
  lat: string | null
  is_common: Generated<boolean>
  common_id: number | null
  public_project_id: number | null
  reporter_user_id: number | null
  reporter_name: string | null
  reporter_phone: string | null
  first_receiver_id: number | null
  received_at: Timestamp
  lead_department_id: number | null
  responsible_leader_id: number | null
  responsible_user_id: number | null
  supervision_level: Generated<'normal' | 'key' | 'listed'>
  deadline_days: number | null
  accept_due_at: Timestamp | null
  accepted_at: Timestamp | null
  reply_due_at: Timestamp | null
  first_reply_at: Timestamp | null
  deadline_at: Timestamp | null
  extended: Generated<boolean>
  rectify_deadline: DateStr | null
  resolved_at: Timestamp | null
  resolution: string | null
  /** who marked it resolved (a call-back must be by someone else) */
  resolved_by: number | null
  /** 办结佐证: { attachmentIds, note, projectId … } */
  evidence: ColumnType<Record<string, unknown> | null, unknown, unknown>
  confirm_due_at: Timestamp | null
  closed_at: Timestamp | null
  close_method: 'confirmed' | 'callback' | 'withdrawn' | null
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied' | null
  reopen_count: Generated<number>
  escalation_level: Generated<number>
  reminded_at: Timestamp | null
  escalated_at: Timestamp | null
  light: Generated<'green' | 'yellow' | 'red'>
  search_tsv: ColumnType<unknown, unknown, unknown> | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ProblemUnitsTable {
  problem_id: number
  department_id: number
  role: 'lead' | 'co'
}

export interface ProblemTasksTable {
  id: Generated<number>
  zone_id: number
  problem_id: number
  title: string
  owner_department_id: number | null
  owner_user_id: number | null
  due_date: DateStr | null
  status: Generated<'todo' | 'doing' | 'done'>
  done_at: Timestamp | null
  note: string | null
  sort: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ProblemExtensionsTable {
  id: Generated<number>
  zone_id: number
  problem_id: number
  requested_by: number | null
  requested_at: Timestamp
  days: number
  reason: string
  status: 'pending' | 'approved' | 'refused'
  decided_by: number | null
  decided_at: Timestamp | null
  decision_note: string | null
}

export interface ProblemOverdueDaysTable {
  problem_id: number
  day: DateStr
  zone_id: number
  department_id: number | null
}

/** Tables of the problem loop; merged into DB in schema.ts. */
export interface ProblemTables {
  work_calendar: WorkCalendarTable
  problems: ProblemsTable
  problem_units: ProblemUnitsTable
  problem_tasks: ProblemTasksTable
  problem_extensions: ProblemExtensionsTable
  problem_overdue_days: ProblemOverdueDaysTable
}
