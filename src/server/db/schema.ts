import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { NotificationTables } from './schema-notifications.ts'
import type { Open311Tables } from './schema-open311.ts'
import type { PolicyTables } from './schema-policies.ts'
import type { ProblemTables } from './schema-problems.ts'
import type { RhythmTables } from './schema-rhythm.ts'
import type { RobotTables } from './schema-robots.ts'
import type { ServiceTables } from './schema-service.ts'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T> = ColumnType<T, string | T, string | T>

export type DepartmentKind = 'city' | 'zone' | 'department' | 'section'
export type DataScope = 'all' | 'zone' | 'dept_and_below' | 'dept' | 'custom' | 'self'
export type Triad = 'system' | 'security' | 'audit'

export interface DepartmentsTable {
  id: Generated<number>
  zone_id: number | null
  parent_id: number | null
  kind: DepartmentKind
  name: string
  short_name: string | null
  code: string | null
  path: string
  depth: number
  sort: Generated<number>
  region_code: string | null
  phone: string | null
  /** 部门负责人: problems overdue in this department escalate to them */
  head_user_id: number | null
  enabled: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface DepartmentNameHistoryTable {
  id: Generated<number>
  department_id: number
  old_name: string
  new_name: string
  changed_at: Timestamp
  changed_by: number | null
}

export interface UsersTable {
  id: Generated<number>
  zone_id: number | null
  department_id: number
  username: string
  display_name: string
  title: string | null
  phone: string | null
  email: string | null
  password_hash: string
  password_changed_at: Timestamp
  must_change_password: Generated<boolean>
  failed_logins: Generated<number>
  locked_until: Timestamp | null
  totp_enabled: Generated<boolean>
  totp_secret: string | null
  totp_pending_secret: string | null
  recovery_codes: Json<string[]>
  enabled: Generated<boolean>
  enterprise_id: number | null
  last_login_at: Timestamp | null
  last_login_ip: string | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface RolesTable {
  id: Generated<number>
  zone_id: number | null
  code: string
  name: string
  description: string | null
  builtin: Generated<boolean>
  triad: Triad | null
  data_scope: DataScope
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface RolePermissionsTable {
  role_id: number
  permission: string
}

export interface RoleDepartmentsTable {
  role_id: number
  department_id: number
}

export interface UserRolesTable {
  user_id: number
  role_id: number
}

export interface SessionsTable {
  sid: string
  user_id: number | null
  data: Json<Record<string, unknown>>
  expires_at: Timestamp
  updated_at: Timestamp
}

export interface SettingsTable {
  key: string
  value: Json<unknown>
  updated_at: Timestamp
  updated_by: number | null
}

export interface DictTypesTable {
  code: string
  name: string
  name_en: string | null
  description: string | null
  builtin: Generated<boolean>
  sort: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface DictItemsTable {
  id: Generated<number>
  type_code: string
  code: string
  label: string
  label_en: string | null
  color: string | null
  sort: Generated<number>
  enabled: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface RegionsTable {
  code: string
  name: string
  level: number
  kind: 'province' | 'city' | 'county' | 'zone'
  parent_code: string | null
}

export interface IndustriesTable {
  code: string
  name: string
  level: number
  parent_code: string | null
}

export interface AuditLogTable {
  id: Generated<string>
  zone_id: number | null
  actor_id: number | null
  actor_name: string | null
  action: string
  target_type: string
  target_id: string | null
  summary: string | null
  before: Json<unknown> | null
  after: Json<unknown> | null
  ip: string | null
  request_id: string | null
  at: Timestamp
  prev_hash: string
  hash: string
}

export interface LoginLogTable {
  id: Generated<string>
  user_id: number | null
  username: string
  success: boolean
  reason: string | null
  ip: string | null
  user_agent: string | null
  at: Timestamp
}

/** Money in 万元 (numeric(18,2)): strings both ways, never JS floats. */
type Money = ColumnType<string, string | number, string | number>
/** A calendar date 'YYYY-MM-DD' (DATE is parsed as a string). */
type DateStr = ColumnType<string, string, string>

export type Light = 'green' | 'yellow' | 'red'
export interface LightReason {
  rule: string
  light: Light
  text: string
}

export interface EnterprisesTable {
  id: Generated<number>
  zone_id: number
  name: string
  credit_code: string | null
  industry_code: string | null
  region_code: string | null
  address: string | null
  lng: string | null
  lat: string | null
  legal_rep: string | null
  scale: string | null
  contacts: Json<Array<{ name: string; title?: string | null; phone?: string | null }>>
  leader_user_id: number | null
  officer_user_id: number | null
  established_on: DateStr | null
  description: string | null
  search_tsv: ColumnType<unknown, unknown, unknown> | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ProjectsTable {
  id: Generated<number>
  zone_id: number
  code: string
  name: string
  enterprise_id: number | null
  nature: string | null
  industry_code: string | null
  region_code: string | null
  address: string | null
  lng: string | null
  lat: string | null
  level: string | null
  is_key: Generated<boolean>
  is_public: Generated<boolean>
  total_investment: Money
  completed_before: Money
  start_date: DateStr | null
  end_date: DateStr | null
  actual_start_date: DateStr | null
  stage: string
  stage_changed_at: Timestamp | null
  light: Generated<Light>
  light_reasons: Json<LightReason[]>
  light_at: Timestamp | null
  five_ones_missing: Json<string[]>
  admission_override: Json<{ kind: string; reason: string; by: number; at: string } | null> | null
  description: string | null
  search_tsv: ColumnType<unknown, unknown, unknown> | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface ProjectTagsTable {
  project_id: number
  tag: string
}
export interface ProjectLeadersTable {
  project_id: number
  user_id: number
}
export interface ProjectTeamMembersTable {
  project_id: number
  user_id: number
  role: 'head' | 'member' | 'steward'
}
export interface ProjectUnitsTable {
  project_id: number
  department_id: number
  role: 'lead' | 'co'
}
export interface ProjectYearPlansTable {
  project_id: number
  year: number
  planned: Money
}

export interface ProjectMonthlyReportsTable {
  id: Generated<number>
  zone_id: number
  project_id: number
  year: number
  month: number
  completed: Money
  note: string | null
  submitted_by: number | null
  submitted_at: Timestamp
  late: Generated<boolean>
  version: Generated<number>
}

export interface ProjectWeeklyProgressTable {
  id: Generated<number>
  zone_id: number
  project_id: number
  week_start: DateStr
  done: string
  next_plan: string | null
  problems: string | null
  submitted_by: number | null
  submitted_at: Timestamp
  version: Generated<number>
}

export interface ProjectFundsTable {
  id: Generated<number>
  zone_id: number
  project_id: number
  received_on: DateStr
  amount: Money
  note: string | null
  created_by: number | null
  created_at: Timestamp
}

export interface MilestonesTable {
  id: Generated<number>
  zone_id: number
  project_id: number
  name: string
  planned_date: DateStr | null
  actual_date: DateStr | null
  owner_user_id: number | null
  owner_department_id: number | null
  sort: Generated<number>
  note: string | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export type LeadStage = 'lead' | 'negotiating' | 'signed' | 'landed' | 'dropped'

export interface LeadsTable {
  id: Generated<number>
  zone_id: number
  name: string
  investor: string
  enterprise_id: number | null
  industry_code: string | null
  source: string | null
  stage: LeadStage
  intended_investment: Money | null
  agreement_date: DateStr | null
  agreement_amount: Money | null
  project_id: number | null
  owner_user_id: number | null
  contact: string | null
  notes: string | null
  dropped_reason: string | null
  stage_changed_at: Timestamp | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface NegativeListTable {
  id: Generated<number>
  zone_id: number
  industry_code: string
  kind: 'forbidden' | 'restricted'
  reason: string | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export interface AttachmentsTable {
  id: Generated<number>
  zone_id: number
  owner_type: string
  owner_id: number
  filename: string
  mime: string
  size: ColumnType<string, number | string, number | string>
  storage_key: string
  thumb_key: string | null
  uploaded_by: number | null
  uploaded_at: Timestamp
  deleted_at: Timestamp | null
}

export interface EventsTable {
  id: Generated<string>
  zone_id: number
  subject_type: string
  subject_id: number
  enterprise_id: number | null
  kind: string
  at: Timestamp
  actor_id: number | null
  actor_name: string | null
  summary: string
  data: Json<Record<string, unknown>> | null
}

export interface ImportJobsTable {
  id: string
  zone_id: number
  user_id: number
  kind: string
  status: 'queued' | 'running' | 'done' | 'failed'
  dry_run: boolean
  filename: string
  total: Generated<number>
  processed: Generated<number>
  result: Json<Record<string, unknown>> | null
  error_file: string | null
  message: string | null
  created_at: Timestamp
  finished_at: Timestamp | null
}

export interface DB
  extends ProblemTables,
    RhythmTables,
    Open311Tables,
    NotificationTables,
    RobotTables,
    PolicyTables,
    ServiceTables {
  departments: DepartmentsTable
  department_name_history: DepartmentNameHistoryTable
  users: UsersTable
  roles: RolesTable
  role_permissions: RolePermissionsTable
  role_departments: RoleDepartmentsTable
  user_roles: UserRolesTable
  sessions: SessionsTable
  settings: SettingsTable
  dict_types: DictTypesTable
  dict_items: DictItemsTable
  regions: RegionsTable
  industries: IndustriesTable
  audit_log: AuditLogTable
  login_log: LoginLogTable
  enterprises: EnterprisesTable
  projects: ProjectsTable
  project_tags: ProjectTagsTable
  project_leaders: ProjectLeadersTable
  project_team_members: ProjectTeamMembersTable
  project_units: ProjectUnitsTable
  project_year_plans: ProjectYearPlansTable
  project_monthly_reports: ProjectMonthlyReportsTable
  project_weekly_progress: ProjectWeeklyProgressTable
  project_funds: ProjectFundsTable
  milestones: MilestonesTable
  leads: LeadsTable
  negative_list: NegativeListTable
  attachments: AttachmentsTable
  events: EventsTable
  import_jobs: ImportJobsTable
}

export type Department = Selectable<DepartmentsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Role = Selectable<RolesTable>
export type DictItem = Selectable<DictItemsTable>
export type AuditRow = Selectable<AuditLogTable>
