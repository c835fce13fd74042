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
  enterprise: { id: number; name: string } | null
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
  /** 部门负责人: 督办 escalates overdue problems to them */
  headUserId: number | null
  headUserName: string | null
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
  enterprise: { id: number; name: string } | null
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

// ---- Enterprises (一企一清单) and the investment pipeline ----

export interface PersonRef {
  id: number
  name: string
  title: string | null
  phone: string | null
  departmentName: string | null
}

export interface EnterpriseContact {
  name: string
  title?: string | null
  phone?: string | null
}

export interface Enterprise {
  id: number
  zoneId: number
  zoneName: string
  name: string
  creditCode: string | null
  industryCode: string | null
  industryName: string | null
  regionCode: string | null
  regionName: string | null
  address: string | null
  lng: string | null
  lat: string | null
  legalRep: string | null
  scale: string | null
  scaleLabel: string | null
  contacts: EnterpriseContact[]
  leaderUserId: number | null
  leader: PersonRef | null
  officerUserId: number | null
  officer: PersonRef | null
  establishedOn: string | null
  description: string | null
  projectCount: number
  accountCount: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface EnterpriseProject {
  id: number
  code: string
  name: string
  stage: string
  light: 'green' | 'yellow' | 'red' | string
  lightReasons: Array<{ rule?: string; light?: string; text?: string }>
  totalInvestment: string
  isKey: boolean
  isPublic: boolean
}

/** One entry of a timeline (enterprise, lead, project). */
export interface EventItem {
  id: string | number
  subjectType: string
  subjectId: number
  kind: string
  at: string
  actorName: string | null
  summary: string
  data: Record<string, unknown> | null
}

export interface EnterpriseAccount {
  id: number
  username: string
  displayName: string
  phone: string | null
  enabled: boolean
  enterpriseId: number | null
  enterpriseName: string | null
}

export interface EnterpriseOverview {
  enterprise: Enterprise
  projects: EnterpriseProject[]
  problems: unknown[]
  visits: unknown[]
  counts: { projects: number; problems: number; openProblems: number; visits: number }
  serviceContacts: Array<PersonRef & { role: 'leader' | 'officer' }>
  accounts: EnterpriseAccount[]
  timeline: EventItem[]
}

export type LeadStage = 'lead' | 'negotiating' | 'signed' | 'landed' | 'dropped'

export interface Lead {
  id: number
  zoneId: number
  zoneName: string
  name: string
  investor: string
  enterpriseId: number | null
  enterpriseName: string | null
  industryCode: string | null
  industryName: string | null
  source: string | null
  stage: LeadStage
  intendedInvestment: string | null
  agreementDate: string | null
  agreementAmount: string | null
  projectId: number | null
  projectCode: string | null
  projectName: string | null
  fundsTotal: string | null
  ownerUserId: number | null
  ownerName: string | null
  contact: string | null
  notes: string | null
  droppedReason: string | null
  stageChangedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
}

export interface StageFigure {
  stage: LeadStage
  label: string
  count: number
  /** 万元 */
  amount: string
}

export interface PipelineZoneStats {
  zoneId: number | null
  zoneName: string
  stages: StageFigure[]
  funds: { amount: string; projects: number }
  sentence: string
}

export interface PipelineStats extends PipelineZoneStats {
  zones: PipelineZoneStats[]
}

export interface Fund {
  id: number
  projectId: number
  receivedOn: string
  amount: string
  note: string | null
  createdByName: string | null
  createdAt: string
}

export interface FundsList {
  projectId: number
  items: Fund[]
  total: string
}

// ── reports: monthly investment (月报), weekly progress (周对接), deadlines, light rules ──

export interface ScheduleFigures {
  firstMonth: number
  lastMonth: number
  totalMonths: number
  elapsedMonths: number
  scheduleRate: number
  completionRate: number
  gapPoints: number
}

export interface MonthlyReport {
  id: number
  projectId: number
  year: number
  month: number
  /** 万元, numeric string */
  completed: string
  note: string | null
  late: boolean
  submittedAt: string
  submittedBy: string | null
  version: number
}

export type MonthlyStatus = 'reported' | 'late' | 'missing' | 'pending' | 'notRequired'

export interface MonthlyRow {
  projectId: number
  code: string
  name: string
  zoneId: number
  zoneName: string
  stage: string
  level: string | null
  enterpriseName: string | null
  leadUnitName: string | null
  light: 'green' | 'yellow' | 'red'
  lightReasons: Array<{ rule: string; light: string; text: string }>
  annualPlan: string | null
  report: MonthlyReport | null
  completedThisYear: string
  completionRate: number | null
  scheduleRate: number | null
  gapPoints: number | null
  status: MonthlyStatus
  daysLate: number | null
}

export interface MonthlyList extends Page<MonthlyRow> {
  year: number
  month: number
  dueDate: string
  counts: Record<MonthlyStatus, number>
}

export type RollupBy = 'zone' | 'department' | 'industry' | 'level'

export interface RollupRow {
  key: string | null
  label: string
  projects: number
  annualPlan: string
  completed: string
  completionRate: number | null
  scheduleRate: number | null
  gapPoints: number | null
}

export interface Rollup {
  year: number
  month: number
  by: RollupBy
  rows: RollupRow[]
  total: RollupRow
}

export interface ProjectInvestment {
  projectId: number
  code: string
  name: string
  year: number
  asOfMonth: number
  annualPlan: string | null
  totalInvestment: string
  completedThisYear: string
  completedTotal: string
  startDate: string | null
  endDate: string | null
  schedule: ScheduleFigures | null
  dueDay: number
  months: Array<{
    month: number
    completed: string | null
    cumulative: string
    scheduleRate: number | null
    completionRate: number | null
    dueDate: string
    status: MonthlyStatus
    report: MonthlyReport | null
  }>
  plans: Array<{ year: number; planned: string }>
  years: number[]
}

export interface WeeklyEntry {
  id: number
  projectId: number
  projectCode: string
  projectName: string
  zoneId: number
  leadUnitName: string | null
  weekStart: string
  done: string
  nextPlan: string | null
  problems: string | null
  submittedBy: string | null
  submittedAt: string
  late: boolean
  editable: boolean
  version: number
}

export interface WeeklyMissingRow {
  projectId: number
  code: string
  name: string
  stage: string
  zoneId: number
  leadUnitName: string | null
  teamHeads: string[]
  stewards: string[]
  leaders: string[]
  lastWeekStart: string | null
}

export interface WeeklyMissing extends Page<WeeklyMissingRow> {
  weekStart: string
  dueAt: string
  overdue: boolean
}

export interface WeeklyTargets {
  weekStart: string
  previousWeekStart: string
  items: Array<{ id: number; code: string; name: string; stage: string; mine: boolean; reported: boolean }>
}

export interface ReportSettings {
  monthlyDueDay: number
  weeklyDueWeekday: number
  weeklyDueHour: number
  /** the quarterly roll-up (季通报): a day of the next month, or N working days after the quarter */
  quarterlyDueMode: 'dayOfMonth' | 'workingDays'
  quarterlyDueValue: number
}

export interface LightRuleSettings {
  scheduleYellowPoints: number
  scheduleRedPoints: number
  startLateRedMonths: number
  milestoneRedDays: number
}

// ---- imports: ledger import (台账导入) ----

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed'
export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'recomputing'
export type ImportRowAction = 'created' | 'updated' | 'unchanged' | 'rejected'

export interface ImportIssue {
  column: string
  message: string
}

export interface ImportRowOutcome {
  row: number
  code: string | null
  name: string | null
  action: ImportRowAction
  projectId: number | null
  enterprise: { name: string; action: 'matched' | 'created' } | null
  changes: string[]
  problems: ImportIssue[]
  warnings: ImportIssue[]
}

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  rejected: number
  warnings: number
  skipped: number
  enterprisesCreated: number
  sheetName: string | null
  headerRow: number | null
  notes: string[]
}

export interface ImportJob {
  id: string
  zoneId: number
  zoneName: string
  userId: number
  userName: string
  status: ImportJobStatus
  dryRun: boolean
  filename: string
  total: number
  processed: number
  phase: ImportPhase | null
  message: string | null
  hasErrorFile: boolean
  summary: ImportSummary | null
  createdAt: string
  finishedAt: string | null
}

export interface ImportJobDetail extends ImportJob {
  rows: ImportRowOutcome[]
}

// ---- projects (重点项目台账, 五个一, 节点), negative list (负面清单), attachments (附件) ----

export interface LightReasonItem {
  rule: string
  light: 'green' | 'yellow' | 'red' | string
  text: string
}

/** This year's investment against 序时进度 (from the monthly reports). */
export interface ProjectSchedule {
  year: number
  asOfMonth: number
  annualPlan: string | null
  completedThisYear: string
  completedTotal: string
  completionRate: number | null
  scheduleRate: number | null
  gapPoints: number | null
  lastReportedMonth: number | null
}

export type FiveOnesCode = 'leader' | 'team' | 'plan' | 'units' | 'followup'

export interface ProjectRow {
  id: number
  zoneId: number
  zoneName: string
  code: string
  name: string
  enterpriseId: number | null
  enterpriseName: string | null
  nature: string | null
  stage: string
  level: string | null
  industryCode: string | null
  industryName: string | null
  totalInvestment: string
  isKey: boolean
  isPublic: boolean
  light: 'green' | 'yellow' | 'red'
  lightReasons: LightReasonItem[]
  fiveOnesMissing: FiveOnesCode[]
  leaders: Array<{ id: number; name: string }>
  leadUnit: { id: number; name: string } | null
  tags: string[]
  startDate: string | null
  endDate: string | null
  updatedAt: string
  version: number
  schedule: ProjectSchedule | null
}

export interface ProjectMilestone {
  id: number
  projectId: number
  name: string
  plannedDate: string | null
  actualDate: string | null
  ownerUserId: number | null
  ownerUserName: string | null
  ownerDepartmentId: number | null
  ownerDepartmentName: string | null
  sort: number
  note: string | null
  status: 'done' | 'overdue' | 'pending' | 'unplanned'
  lateDays: number
  attachmentCount: number
  version: number
}

export interface ProjectPerson {
  id: number
  name: string
  departmentName: string
  title: string | null
}

export interface ProjectDetail extends ProjectRow {
  regionCode: string | null
  regionName: string | null
  address: string | null
  lng: number | null
  lat: number | null
  completedBefore: string
  actualStartDate: string | null
  stageChangedAt: string | null
  description: string | null
  createdAt: string
  lightAt: string | null
  admissionOverride: {
    kind: string
    reason: string
    by: number | null
    byName: string | null
    at: string
  } | null
  enterprise: { id: number; name: string; creditCode: string | null } | null
  leaderDetails: ProjectPerson[]
  team: Array<ProjectPerson & { role: 'head' | 'member' | 'steward' }>
  units: { lead: { id: number; name: string } | null; co: Array<{ id: number; name: string }> }
  milestones: ProjectMilestone[]
  fiveOnes: Array<{ code: FiveOnesCode; label: string; ok: boolean; applies: boolean; text: string }>
  latestWeekly: {
    weekStart: string
    done: string
    nextPlan: string | null
    problems: string | null
    submittedAt: string
    submittedBy: string | null
  } | null
  fundsTotal: string
}

/** What the negative list says about an industry (null: not listed). */
export interface AdmissionHit {
  kind: 'forbidden' | 'restricted'
  reason: string | null
  industryCode: string
  industryName: string
}

export interface NegativeEntry {
  id: number
  zoneId: number
  zoneName: string
  industryCode: string
  industryName: string
  industryLevel: number
  sectionCode: string
  sectionName: string
  kind: 'forbidden' | 'restricted'
  reason: string | null
  createdAt: string
  updatedAt: string
  version: number
}

export interface AttachmentItem {
  id: number
  ownerType: string
  ownerId: number
  filename: string
  mime: string
  size: number
  isImage: boolean
  hasThumbnail: boolean
  uploadedBy: string | null
  uploadedAt: string
}

// ---------- commons: problem suggestions and 共性事立项办 ----------

export interface SimilarProblem {
  id: number
  code: string
  title: string
  status: string
  category: string | null
  enterpriseName: string | null
  /** 0–1 */
  score: number
  /** the shared words, for highlighting */
  words: string[]
  /** this is a common problem (others can join it) */
  isCommon: boolean
  /** the common problem it was merged into */
  commonId: number | null
  commonCode: string | null
  reasons: { text: number; sameCategory: boolean; sameArea: boolean; sameEnterprise: boolean }
}

export interface SimilarResult {
  items: SimilarProblem[]
  /** other enterprises' common problem, without names */
  hint: { enterprises: number; score: number; message: string } | null
}

export interface DepartmentSuggestion {
  departmentId: number
  departmentName: string
  score: number
  basis: 'similar' | 'category'
  count: number
  examples: Array<{ id: number; code: string; title: string }>
  reason: string
}

export interface CommonProblemDetail {
  id: number
  zoneId: number
  code: string
  title: string
  description: string
  status: string
  light: string
  category: string | null
  isCommon: boolean
  publicProjectId: number | null
  resolution: string | null
  resolvedAt: string | null
  sources: Array<{
    id: number
    code: string
    title: string
    status: string
    light: string
    category: string | null
    enterpriseId: number | null
    enterpriseName: string | null
    leadDepartmentName: string | null
    receivedAt: string
    resolvedAt: string | null
  }>
  enterprises: Array<{ id: number; name: string; problems: number }>
  openSources: number
  project: {
    id: number
    code: string
    name: string
    stage: string
    stageLabel: string
    light: string
    lightReasons: Array<{ rule: string; light: string; text: string }>
    totalInvestment: string
    built: boolean
  } | null
  doneStages: string[]
}

// ---------- supervision: 日调度, 三率, deadline settings, working-day calendar ----------

export interface BoardItem {
  id: number
  zoneId: number
  code: string
  title: string
  status: string
  category: string | null
  type: string | null
  light: 'green' | 'yellow' | 'red'
  supervisionLevel: 'normal' | 'key' | 'listed'
  enterpriseId: number | null
  enterpriseName: string | null
  leadDepartmentId: number | null
  leadDepartmentName: string | null
  leadDepartmentShort: string | null
  receivedAt: string
  acceptDueDate: string | null
  dueDate: string | null
  deadlineAt: string | null
  extended: boolean
  resolvedAt: string | null
  confirmDueDate: string | null
  pastConfirmWait: boolean
  escalationLevel: number
  escalatedAt: string | null
  workingDaysLate: number
  link: string
}

export interface BoardExtension {
  id: number
  problemId: number
  code: string
  title: string
  status: string
  enterpriseName: string | null
  leadDepartmentName: string | null
  dueDate: string | null
  days: number
  reason: string
  requestedAt: string
  requestedBy: string | null
  link: string
}

export type BoardListKey =
  | 'newToday'
  | 'dueToday'
  | 'overdue'
  | 'escalated'
  | 'acceptOverdue'
  | 'awaitingConfirmation'
  | 'returned'

export interface DailyBoard extends Record<BoardListKey, BoardItem[]> {
  date: string
  today: string
  workingDay: boolean
  /** each list holds at most this many (worst first); the counts are exact */
  listLimit: number | null
  counts: Record<BoardListKey | 'extensionRequests' | 'pastConfirmWait', number>
  overdueByDepartment: Array<{ departmentId: number | null; name: string; count: number }>
  extensionRequests: BoardExtension[]
  events: Array<{
    id: string
    kind: 'remind' | 'escalate'
    at: string
    summary: string
    problemId: number
    code: string
    title: string
    level: number | null
    link: string
  }>
}

export interface FigureRate {
  numerator: number
  denominator: number
  rate: number | null
}

export interface FigureRow {
  key: number | null
  name: string
  received: number
  accepted: number
  resolved: number
  confirmed: number
  responseRate: FigureRate
  firstReplyRate: FigureRate
  onTimeRate: FigureRate
  resolutionRate: FigureRate
  satisfactionRate: FigureRate
  overdueCount: number
  overdueDays: number
  avgResolveDays: number | null
}

export interface Figures {
  from: string
  to: string
  by: 'department' | 'zone'
  rows: FigureRow[]
  total: FigureRow
}

export interface ProblemDeadlineSettings {
  acceptDays: number
  firstReplyDays: number
  onsiteDays: number
  commonDays: number
  longtermDays: number
  maxDays: number
  remindBeforeDays: number
  confirmWaitDays: number
  byCategory: Record<string, number>
}

export interface CalendarDay {
  day: string
  kind: 'holiday' | 'workday'
  name: string
  updatedAt: string
}

// ---------- problems: the closed loop, 三个清单 ----------

export type ProblemStatus =
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'withdrawn'

export type ProblemAction =
  | 'receive'
  | 'accept'
  | 'reply'
  | 'tasks'
  | 'resolve'
  | 'return'
  | 'extension'
  | 'decideExtension'
  | 'confirm'
  | 'callback'
  | 'withdraw'
  | 'supervise'

export interface IdName {
  id: number
  name: string
}

export interface ProblemDue {
  kind: 'accept' | 'deadline' | 'confirm'
  at: string
  date: string
  /** working days left (0: due today); negative: working days overdue */
  daysLeft: number
  overdue: boolean
}

export interface ProblemRow {
  id: number
  zoneId: number
  zoneName: string
  code: string
  title: string
  category: string | null
  source: string
  type: 'onsite' | 'common' | 'longterm' | null
  status: ProblemStatus
  statusLabel: string
  enterprise: IdName | null
  project: { id: number; name: string; code: string } | null
  reporter: string | null
  firstReceiver: IdName | null
  leadUnit: IdName | null
  coUnits: IdName[]
  responsibleLeader: IdName | null
  responsibleUser: IdName | null
  supervisionLevel: 'normal' | 'key' | 'listed'
  light: 'green' | 'yellow' | 'red'
  extended: boolean
  isCommon: boolean
  commonId: number | null
  receivedAt: string
  acceptedAt: string | null
  deadlineDays: number | null
  deadlineAt: string | null
  resolvedAt: string | null
  closedAt: string | null
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied' | null
  escalationLevel: number
  due: ProblemDue | null
  taskCount: number
  openTaskCount: number
  updatedAt: string
  version: number
}

export interface ProblemTask {
  id: number
  problemId: number
  title: string
  ownerDepartment: IdName | null
  ownerUser: IdName | null
  dueDate: string | null
  status: 'todo' | 'doing' | 'done'
  statusLabel: string
  doneAt: string | null
  note: string | null
  sort: number
  overdue: boolean
  version: number
}

export interface ProblemTaskRow extends ProblemTask {
  problemCode: string
  problemTitle: string
  problemStatus: ProblemStatus
  enterprise: IdName | null
  leadUnit: IdName | null
}

export interface ProblemExtension {
  id: number
  days: number
  reason: string
  status: 'pending' | 'approved' | 'refused'
  requestedBy: string | null
  requestedAt: string
  decidedBy: string | null
  decidedAt: string | null
  decisionNote: string | null
}

export interface ProblemDetail extends ProblemRow {
  description: string
  address: string | null
  lng: number | null
  lat: number | null
  reporterName: string | null
  reporterPhone: string | null
  reporterUserId: number | null
  visitId: number | null
  rectifyDeadline: string | null
  acceptDueAt: string | null
  replyDueAt: string | null
  firstReplyAt: string | null
  resolution: string | null
  resolvedBy: IdName | null
  evidence: { attachmentIds?: number[]; files?: string[]; note?: string | null } | null
  confirmDueAt: string | null
  closeMethod: 'confirmed' | 'callback' | 'withdrawn' | null
  reopenCount: number
  remindedAt: string | null
  escalatedAt: string | null
  publicProjectId: number | null
  common: { id: number; code: string; title: string } | null
  createdAt: string
  tasks: ProblemTask[]
  extensions: ProblemExtension[]
  timeline: EventItem[]
  attachmentCount: number
  /** what the signed-in user may do next */
  actions: ProblemAction[]
  callbackFrom: string | null
}
