/** Response shapes of the API, as the web app uses them. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface Me {
  id: number
  username: string
  displayName: string
  department: { id: number; name: string; pathNames: string[] }
  zone: { id: number; name: string } | null
  roles: Array<{ id: number; code: string; name: string; triad: string | null }>
  permissions: string[]
  mustChangePassword: 'initial' | 'expired' | 'reset' | null
  passwordExpiresAt: string | null
  totpEnabled: boolean
  idleMinutes: number
}

export interface LoginResponse {
  status: 'ok' | 'totp_required'
  csrfToken: string
  user?: Me
}

export interface Department {
  id: number
  parentId: number | null
  zoneId: number | null
  kind: 'city' | 'zone' | 'department' | 'section'
  name: string
  shortName: string | null
  code: string | null
  path: string
  depth: number
  sort: number
  regionCode: string | null
  phone: string | null
  enabled: boolean
  userCount: number
  version: number
}

export interface DepartmentDetail extends Department {
  pathNames: string[]
  nameHistory: Array<{ oldName: string; newName: string; changedAt: string; changedBy: string | null }>
}

export interface RoleRef {
  id: number
  code: string
  name: string
  triad: string | null
}

export interface User {
  id: number
  username: string
  displayName: string
  departmentId: number
  departmentName: string
  zoneId: number | null
  title: string | null
  phone: string | null
  email: string | null
  enabled: boolean
  locked: boolean
  lockedUntil: string | null
  mustChangePassword: boolean
  totpEnabled: boolean
  lastLoginAt: string | null
  createdAt: string
  roles: RoleRef[]
  version: number
}

export interface Role {
  id: number
  code: string
  name: string
  description: string | null
  builtin: boolean
  triad: string | null
  dataScope: string
  permissions: string[]
  customDepartmentIds: number[]
  userCount: number
  version: number
}

export interface PermissionInfo {
  key: string
  zh: string
  en: string
  triad: string | null
}

export interface DictType {
  code: string
  name: string
  nameEn: string | null
  description: string | null
  builtin: boolean
  itemCount: number
}

export interface DictItem {
  id: number
  typeCode: string
  code: string
  label: string
  labelEn: string | null
  color: string | null
  sort: number
  enabled: boolean
  version: number
}

export interface AuditEntry {
  id: string
  zoneId: number | null
  actorId: number | null
  actorName: string | null
  action: string
  targetType: string
  targetId: string | null
  summary: string | null
  before: unknown
  after: unknown
  ip: string | null
  requestId: string | null
  at: string
  hash: string
}

export interface LoginEntry {
  id: string
  userId: number | null
  username: string
  success: boolean
  reason: string | null
  ip: string | null
  userAgent: string | null
  at: string
}

export interface SecurityPolicy {
  passwordMaxAgeDays: number
  lockThreshold: number
  lockMinutes: number
  idleMinutes: number
  sessionMaxHours: number
  auditRetentionDays: number
}

export interface Region {
  code: string
  name: string
  level: number
  kind: string
  parentCode: string | null
}

export interface Industry {
  code: string
  name: string
  level: number
  parentCode: string | null
}

export interface AuditVerifyResult {
  ok: boolean
  checked: number
  firstBrokenId: string | null
  reason: string | null
}

export interface TotpSetup {
  secret: string
  uri: string
  qrDataUrl: string
}

export interface RecoveryCodes {
  recoveryCodes: string[]
}
