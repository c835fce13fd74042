import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, Version } from '../../lib/schema-parts.ts'

// One schema typed x-or-null: in a Union, coerceTypes turns a null tried against a number into 0;
// with both types on one schema null is taken as it is (see problems.schema.ts).
const Coord = (title: string, max: number) =>
  Type.Unsafe<number | null>({ type: ['number', 'null'], minimum: -max, maximum: max, title })
const NullableId = (title: string) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, title })
const NullableText = (title: string, maxLength: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, title })
const DictCode = (title: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', title })
const DateStr = (title: string) => Type.String({ pattern: DATE_PATTERN, title })
const Ids = (title: string, maxItems: number, minItems = 0) =>
  Type.Array(Type.Integer({ minimum: 1, title }), { minItems, maxItems, uniqueItems: true, title })

export const ADOPTIONS = ['pending', 'adopted', 'partly', 'not_adopted'] as const
export const REPLY_ADOPTIONS = ['adopted', 'partly', 'not_adopted'] as const
const Lit = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { title },
  )

// ---- requests ----

/** A problem raised on the visit (goes straight into the problem loop). */
export const VisitProblemBody = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 100, title: '问题标题' }),
  description: Type.String({ minLength: 1, maxLength: 2000, title: '问题描述' }),
  category: Type.Optional(
    Type.Unsafe<string | null>({
      type: ['string', 'null'],
      pattern: '^[A-Za-z0-9_-]{1,40}$',
      title: '问题类别',
    }),
  ),
  enterpriseId: Type.Optional(NullableId('问题所属企业')),
  projectId: Type.Optional(NullableId('问题所属项目')),
})

/** A suggestion (建议) made on the visit. */
export const VisitSuggestionBody = Type.Object({
  content: Type.String({ minLength: 2, maxLength: 2000, title: '建议内容' }),
  departmentId: Type.Optional(NullableId('建议提交部门')),
  enterpriseId: Type.Optional(NullableId('建议涉及企业')),
  leaderUserId: Type.Optional(NullableId('提出建议的领导')),
})

const visitFields = {
  kind: DictCode('走访类型'),
  visitDate: DateStr('走访日期'),
  place: Type.String({ minLength: 1, maxLength: 200, title: '走访地点' }),
  summary: Type.Optional(NullableText('走访主题', 200)),
  notes: Type.Optional(NullableText('走访记录', 4000)),
  participants: Type.Optional(NullableText('参加人员', 500)),
  lng: Type.Optional(Coord('经度', 180)),
  lat: Type.Optional(Coord('纬度', 90)),
  leaderIds: Ids('走访领导', 20, 1),
  enterpriseIds: Type.Optional(Ids('走访企业', 50)),
  projectIds: Type.Optional(Ids('走访项目', 50)),
}

export const CreateVisitBody = Type.Object({
  ...visitFields,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  problems: Type.Optional(Type.Array(VisitProblemBody, { maxItems: 30, title: '发现的问题' })),
  suggestions: Type.Optional(Type.Array(VisitSuggestionBody, { maxItems: 50, title: '建议' })),
})

export const UpdateVisitBody = Type.Object({
  kind: Type.Optional(visitFields.kind),
  visitDate: Type.Optional(visitFields.visitDate),
  place: Type.Optional(visitFields.place),
  summary: visitFields.summary,
  notes: visitFields.notes,
  participants: visitFields.participants,
  lng: visitFields.lng,
  lat: visitFields.lat,
  leaderIds: Type.Optional(visitFields.leaderIds),
  enterpriseIds: visitFields.enterpriseIds,
  projectIds: visitFields.projectIds,
  version: Version,
})

export const UpdateSuggestionBody = Type.Object({
  content: Type.Optional(VisitSuggestionBody.properties.content),
  departmentId: VisitSuggestionBody.properties.departmentId,
  enterpriseId: VisitSuggestionBody.properties.enterpriseId,
  leaderUserId: VisitSuggestionBody.properties.leaderUserId,
  version: Version,
})

export const ReplySuggestionBody = Type.Object({
  adoption: Lit(REPLY_ADOPTIONS, '采纳情况'),
  reply: Type.String({ minLength: 2, maxLength: 2000, title: '答复意见' }),
  version: Version,
})

export const VISIT_SORTS = ['visitDate', '-visitDate', 'code', '-code', 'createdAt', '-createdAt'] as const

export const VisitListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  kind: Type.Optional(DictCode('走访类型')),
  from: Type.Optional(DateStr('开始日期')),
  to: Type.Optional(DateStr('结束日期')),
  leaderUserId: Type.Optional(Type.Integer({ minimum: 1, title: '走访领导' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
  projectId: Type.Optional(Type.Integer({ minimum: 1, title: '项目' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  withProblems: Type.Optional(Type.Boolean({ title: '有问题' })),
  withSuggestions: Type.Optional(Type.Boolean({ title: '有建议' })),
  sort: Type.Optional(Lit(VISIT_SORTS, '排序')),
})

export const SUGGESTION_SORTS = [
  'createdAt',
  '-createdAt',
  'visitDate',
  '-visitDate',
  'adoption',
  '-adoption',
] as const

export const SuggestionListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  adoption: Type.Optional(Lit(ADOPTIONS, '采纳情况')),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '建议提交部门' })),
  leaderUserId: Type.Optional(Type.Integer({ minimum: 1, title: '提出建议的领导' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
  visitId: Type.Optional(Type.Integer({ minimum: 1, title: '走访记录' })),
  from: Type.Optional(DateStr('开始日期')),
  to: Type.Optional(DateStr('结束日期')),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  mine: Type.Optional(Type.Boolean({ title: '提交本部门的建议' })),
  sort: Type.Optional(Lit(SUGGESTION_SORTS, '排序')),
})

export const StatsQuery = Type.Object({
  from: Type.Optional(DateStr('开始日期')),
  to: Type.Optional(DateStr('结束日期')),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  leaderUserId: Type.Optional(Type.Integer({ minimum: 1, title: '领导' })),
})

export const DeleteQuery = Type.Object({ version: Version })

// ---- responses ----

const Str = Type.String()
const NStr = Type.Union([Type.String(), Type.Null()])
const NNum = Type.Union([Type.Number(), Type.Null()])
const Time = Type.String({ format: 'date-time' })
const NTime = Type.Union([Time, Type.Null()])
const Ref = Type.Object({ id: Type.Integer(), name: Str })
const NRef = Type.Union([Ref, Type.Null()])

export const VisitRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Str,
  code: Str,
  kind: Str,
  kindLabel: Str,
  visitDate: Str,
  place: Str,
  summary: Str,
  participants: NStr,
  leaders: Type.Array(Type.Object({ id: Type.Integer(), name: Str, title: NStr })),
  enterprises: Type.Array(Ref),
  projects: Type.Array(Type.Object({ id: Type.Integer(), code: Str, name: Str })),
  problemCount: Type.Integer(),
  suggestionCount: Type.Integer(),
  adoptedCount: Type.Integer(),
  photoCount: Type.Integer(),
  createdBy: NRef,
  createdAt: Time,
  version: Type.Integer(),
})

export const Suggestion = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Str,
  visit: Type.Union([
    Type.Object({ id: Type.Integer(), code: Str, visitDate: Str, kind: NStr }),
    Type.Null(),
  ]),
  leader: NRef,
  enterprise: NRef,
  department: NRef,
  content: Str,
  adoption: Str,
  adoptionLabel: Str,
  reply: NStr,
  repliedBy: NRef,
  repliedAt: NTime,
  createdAt: Time,
  updatedAt: Time,
  version: Type.Integer(),
  /** whether the signed-in user may reply (the addressed department or the zone's supervision office) */
  canReply: Type.Boolean(),
  /** whether the signed-in user may edit or delete it (pending, visit:write) */
  canEdit: Type.Boolean(),
})

export const VisitProblem = Type.Object({
  id: Type.Integer(),
  code: Str,
  title: Str,
  status: Str,
  statusLabel: Str,
  light: Str,
  category: NStr,
  enterprise: NRef,
  leadUnit: NRef,
  receivedAt: Time,
})

export const TimelineEvent = Type.Object({
  id: Type.Union([Type.String(), Type.Integer()]),
  subjectType: Str,
  subjectId: Type.Integer(),
  kind: Str,
  at: Str,
  actorName: NStr,
  summary: Str,
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

export const VisitDetail = Type.Object({
  ...VisitRow.properties,
  notes: NStr,
  lng: NNum,
  lat: NNum,
  updatedAt: Time,
  problems: Type.Array(VisitProblem),
  suggestions: Type.Array(Suggestion),
  timeline: Type.Array(TimelineEvent),
  /** the signed-in user may edit the visit, add problems and suggestions, upload photos */
  canEdit: Type.Boolean(),
})

const Adoption = Type.Object({
  total: Type.Integer(),
  adopted: Type.Integer(),
  partly: Type.Integer(),
  notAdopted: Type.Integer(),
  pending: Type.Integer(),
})

export const LeaderStats = Type.Object({
  leader: Type.Object({ id: Type.Integer(), name: Str, title: NStr, departmentName: NStr }),
  visits: Type.Integer(),
  enterprises: Type.Integer(),
  problemsRaised: Type.Integer(),
  problemsResolved: Type.Integer(),
  suggestions: Adoption,
})

export const VisitStats = Type.Object({
  from: Str,
  to: Str,
  leaders: Type.Array(LeaderStats),
  totals: Type.Object({
    leaders: Type.Integer(),
    visits: Type.Integer(),
    enterprises: Type.Integer(),
    problemsRaised: Type.Integer(),
    problemsResolved: Type.Integer(),
    suggestions: Adoption,
  }),
  /** e.g. "2026-01-01 至 2026-11-24，4 名领导走访 12 家企业，提出建议 20 条，采纳 15 条；…" */
  sentence: Str,
})
