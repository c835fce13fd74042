import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Coordinate, DATE_PATTERN, Version } from '../../lib/schema-parts.ts'
import { PROBLEM_STATUSES } from './problem-flow.ts'

const DictCode = (title: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', title })
const DateStr = (title: string) => Type.String({ pattern: DATE_PATTERN, title })
const NullableId = (title: string) =>
  Type.Union([Type.Integer({ minimum: 1, title }), Type.Null()], { title })
const Lit = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { title },
  )

export const PROBLEM_TYPES = ['onsite', 'common', 'longterm'] as const
export const SUPERVISION_LEVELS = ['normal', 'key', 'listed'] as const
export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const

// ---- requests ----

export const CreateProblemBody = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 100, title: '问题标题' }),
  description: Type.String({ minLength: 1, maxLength: 2000, title: '问题描述' }),
  category: Type.Optional(Type.Union([DictCode('问题类别'), Type.Null()], { title: '问题类别' })),
  source: Type.Optional(DictCode('问题来源')),
  enterpriseId: Type.Optional(NullableId('企业')),
  projectId: Type.Optional(NullableId('项目')),
  address: Type.Optional(
    Type.Union([Type.String({ maxLength: 200, title: '位置' }), Type.Null()], { title: '位置' }),
  ),
  lng: Type.Optional(Coordinate('经度', 180)),
  lat: Type.Optional(Coordinate('纬度', 90)),
  reporterName: Type.Optional(
    Type.Union([Type.String({ maxLength: 50, title: '反映人' }), Type.Null()], { title: '反映人' }),
  ),
  reporterPhone: Type.Optional(
    Type.Union([Type.String({ pattern: '^[0-9+() -]{5,20}$', title: '联系电话' }), Type.Null()], {
      title: '联系电话',
    }),
  ),
  rectifyDeadline: Type.Optional(Type.Union([DateStr('整改期限'), Type.Null()], { title: '整改期限' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

export const VersionOnlyBody = Type.Object({ version: Version })

export const AcceptBody = Type.Object({
  type: Lit(PROBLEM_TYPES, '问题类型'),
  category: DictCode('问题类别'),
  leadDepartmentId: Type.Integer({ minimum: 1, title: '牵头单位' }),
  coDepartmentIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30, uniqueItems: true, title: '配合单位' }),
  ),
  responsibleLeaderId: Type.Optional(NullableId('责任领导')),
  responsibleUserId: Type.Optional(NullableId('责任人')),
  deadlineDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 250, title: '办结时限（工作日）' })),
  supervisionLevel: Type.Optional(Lit(SUPERVISION_LEVELS, '督办级别')),
  note: Type.Optional(Type.String({ maxLength: 500, title: '分办意见' })),
  version: Version,
})

export const ReplyBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 2000, title: '答复内容' }),
  version: Version,
})

const TaskFields = {
  title: Type.String({ minLength: 1, maxLength: 200, title: '任务（措施）' }),
  ownerDepartmentId: Type.Optional(NullableId('责任单位')),
  ownerUserId: Type.Optional(NullableId('责任人')),
  dueDate: Type.Optional(Type.Union([DateStr('完成时限'), Type.Null()], { title: '完成时限' })),
  note: Type.Optional(
    Type.Union([Type.String({ maxLength: 500, title: '备注' }), Type.Null()], { title: '备注' }),
  ),
  status: Type.Optional(Lit(TASK_STATUSES, '任务状态')),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, title: '排序' })),
}
export const CreateTaskBody = Type.Object(TaskFields)
export const UpdateTaskBody = Type.Object({
  ...TaskFields,
  title: Type.Optional(TaskFields.title),
  version: Version,
})
export const TaskParams = Type.Object({ taskId: Type.Integer({ minimum: 1, title: '任务' }) })

export const ResolveBody = Type.Object({
  resolution: Type.String({ minLength: 10, maxLength: 2000, title: '办结情况' }),
  attachmentIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 30, uniqueItems: true, title: '办结佐证' }),
  ),
  noEvidenceReason: Type.Optional(Type.String({ maxLength: 500, title: '无佐证材料的说明' })),
  version: Version,
})

export const ReturnBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500, title: '退回理由' }),
  version: Version,
})

export const ExtensionBody = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 60, title: '延期天数（工作日）' }),
  reason: Type.String({ minLength: 2, maxLength: 500, title: '延期理由' }),
  version: Version,
})

export const DecideBody = Type.Object({
  approve: Type.Boolean({ title: '是否同意' }),
  note: Type.Optional(Type.String({ maxLength: 500, title: '审批意见' })),
})

export const ConfirmBody = Type.Object({
  satisfaction: Lit(SATISFACTIONS, '满意度'),
  comment: Type.Optional(Type.String({ maxLength: 500, title: '评价意见' })),
  version: Version,
})

export const CallbackBody = Type.Object({
  result: Type.String({ minLength: 2, maxLength: 1000, title: '回访情况' }),
  satisfaction: Lit(SATISFACTIONS, '满意度'),
  version: Version,
})

export const WithdrawBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500, title: '撤回原因' }),
  version: Version,
})

export const SupervisionBody = Type.Object({
  level: Lit(SUPERVISION_LEVELS, '督办级别'),
  version: Version,
})

export const PROBLEM_SORTS = [
  'code',
  '-code',
  'receivedAt',
  '-receivedAt',
  'deadlineAt',
  '-deadlineAt',
  'status',
  '-status',
  'light',
  '-light',
  'supervisionLevel',
  '-supervisionLevel',
  'updatedAt',
  '-updatedAt',
] as const

/** The filters of the ledger and of the 三个清单 (every list of problems takes the same). */
export const ProblemFilterFields = {
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  status: Type.Optional(Lit([...PROBLEM_STATUSES, 'open'] as const, '状态')),
  type: Type.Optional(Lit(PROBLEM_TYPES, '问题类型')),
  category: Type.Optional(DictCode('问题类别')),
  source: Type.Optional(DictCode('问题来源')),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '牵头单位' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
  projectId: Type.Optional(Type.Integer({ minimum: 1, title: '项目' })),
  light: Type.Optional(Lit(['green', 'yellow', 'red'] as const, '红黄绿灯')),
  supervisionLevel: Type.Optional(Lit(SUPERVISION_LEVELS, '督办级别')),
  overdue: Type.Optional(Type.Boolean({ title: '只看超期' })),
  mine: Type.Optional(Type.Boolean({ title: '与我有关' })),
  isCommon: Type.Optional(Type.Boolean({ title: '共性事' })),
  receivedFrom: Type.Optional(DateStr('登记日期（起）')),
  receivedTo: Type.Optional(DateStr('登记日期（止）')),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
}

export const ProblemListQuery = Type.Object({
  ...PageQuery,
  ...ProblemFilterFields,
  sort: Type.Optional(Lit(PROBLEM_SORTS, '排序')),
})

export const TaskListQuery = Type.Object({
  ...PageQuery,
  ...ProblemFilterFields,
  taskStatus: Type.Optional(Lit(TASK_STATUSES, '任务状态')),
  sort: Type.Optional(Lit(PROBLEM_SORTS, '排序')),
})

export const ListsTextQuery = Type.Object({
  ...ProblemFilterFields,
  sort: Type.Optional(Lit(PROBLEM_SORTS, '排序')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, title: '最多条数' })),
})

export const TimelineQuery = Type.Object({ ...PageQuery })
export const TaskDeleteQuery = Type.Object({ version: Version })

// ---- responses ----

const Str = Type.String()
const NStr = Type.Union([Type.String(), Type.Null()])
const NInt = Type.Union([Type.Integer(), Type.Null()])
const NNum = Type.Union([Type.Number(), Type.Null()])
const NTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const Ref = Type.Object({ id: Type.Integer(), name: Str })
const NRef = Type.Union([Ref, Type.Null()])

export const Due = Type.Object({
  /** which clock runs: acceptance (待受理), the handling deadline, or the enterprise's confirmation */
  kind: Type.String({ description: 'accept | deadline | confirm' }),
  at: Type.String({ format: 'date-time' }),
  date: Str,
  /** working days left (0: due today); negative: working days overdue */
  daysLeft: Type.Integer(),
  overdue: Type.Boolean(),
})

export const ProblemRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Str,
  code: Str,
  title: Str,
  category: NStr,
  source: Str,
  type: NStr,
  status: Str,
  statusLabel: Str,
  enterprise: NRef,
  project: Type.Union([Type.Object({ id: Type.Integer(), name: Str, code: Str }), Type.Null()]),
  reporter: NStr,
  firstReceiver: NRef,
  leadUnit: NRef,
  coUnits: Type.Array(Ref),
  responsibleLeader: NRef,
  responsibleUser: NRef,
  supervisionLevel: Str,
  light: Str,
  extended: Type.Boolean(),
  isCommon: Type.Boolean(),
  commonId: NInt,
  receivedAt: Type.String({ format: 'date-time' }),
  acceptedAt: NTime,
  deadlineDays: NInt,
  deadlineAt: NTime,
  resolvedAt: NTime,
  closedAt: NTime,
  satisfaction: NStr,
  escalationLevel: Type.Integer(),
  due: Type.Union([Due, Type.Null()]),
  taskCount: Type.Integer(),
  openTaskCount: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
})

export const Task = Type.Object({
  id: Type.Integer(),
  problemId: Type.Integer(),
  title: Str,
  ownerDepartment: NRef,
  ownerUser: NRef,
  dueDate: NStr,
  status: Str,
  statusLabel: Str,
  doneAt: NTime,
  note: NStr,
  sort: Type.Integer(),
  overdue: Type.Boolean(),
  version: Type.Integer(),
})

export const TaskListRow = Type.Object({
  ...Task.properties,
  problemCode: Str,
  problemTitle: Str,
  problemStatus: Str,
  enterprise: NRef,
  leadUnit: NRef,
})

export const Extension = Type.Object({
  id: Type.Integer(),
  days: Type.Integer(),
  reason: Str,
  status: Str,
  requestedBy: NStr,
  requestedAt: Type.String({ format: 'date-time' }),
  decidedBy: NStr,
  decidedAt: NTime,
  decisionNote: NStr,
})

export const TimelineEvent = Type.Object({
  id: Str,
  subjectType: Str,
  subjectId: Type.Integer(),
  kind: Str,
  at: Str,
  actorName: NStr,
  summary: Str,
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

export const ProblemDetail = Type.Object({
  ...ProblemRow.properties,
  description: Str,
  address: NStr,
  lng: NNum,
  lat: NNum,
  reporterName: NStr,
  reporterPhone: NStr,
  reporterUserId: NInt,
  visitId: NInt,
  rectifyDeadline: NStr,
  acceptDueAt: NTime,
  replyDueAt: NTime,
  firstReplyAt: NTime,
  resolution: NStr,
  resolvedBy: NRef,
  evidence: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  confirmDueAt: NTime,
  closeMethod: NStr,
  reopenCount: Type.Integer(),
  remindedAt: NTime,
  escalatedAt: NTime,
  publicProjectId: NInt,
  common: Type.Union([Type.Object({ id: Type.Integer(), code: Str, title: Str }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  tasks: Type.Array(Task),
  extensions: Type.Array(Extension),
  timeline: Type.Array(TimelineEvent),
  attachmentCount: Type.Integer(),
  /** what the signed-in user may do next (the web shows exactly these buttons) */
  actions: Type.Array(Str),
  /** when a call-back becomes possible (the enterprise's confirmation wait ends) */
  callbackFrom: NTime,
})

export const ListsText = Type.Object({ text: Str, count: Type.Integer() })
