import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

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

export interface DB {
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
}

export type Department = Selectable<DepartmentsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Role = Selectable<RolesTable>
export type DictItem = Selectable<DictItemsTable>
export type AuditRow = Selectable<AuditLogTable>
