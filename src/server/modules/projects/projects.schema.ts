import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Coordinate, DATE_PATTERN, Version } from '../../lib/schema-parts.ts'
import { IndustryCode } from '../admission/admission.schema.ts'

/** Stages in order (dictionary project_stage; labels and colours come from the dictionary). */
export const STAGES = [
  'negotiating',
  'signed',
  'preliminary',
  'construction',
  'completed',
  'trial',
  'production',
] as const
export const stageIndex = (stage: string) => STAGES.indexOf(stage as (typeof STAGES)[number])

/** The 五个一 items a key project can miss (the project itself is always there). */
export const FIVE_ONES = ['leader', 'team', 'plan', 'units', 'followup'] as const
export type FiveOnesCode = (typeof FIVE_ONES)[number]
export const FIVE_ONES_LABEL: Record<FiveOnesCode, string> = {
  leader: '包联领导',
  team: '工作专班',
  plan: '工作方案',
  units: '责任单位',
  followup: '一抓到底',
}

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T, title: string) =>
  Type.Union([t, Type.Null()], { title })
const DictCode = (title: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', title })
export const Money = (title: string) =>
  Type.String({ pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?$', title, description: '万元，最多两位小数' })
export const DateStr = (title: string) => Type.String({ pattern: DATE_PATTERN, format: 'date', title })

const ProjectFields = {
  name: Type.String({ minLength: 1, maxLength: 100, title: '项目名称' }),
  enterpriseId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, title: '建设单位' }), Type.Null()], { title: '建设单位' }),
  ),
  nature: Type.Optional(Nullable(DictCode('建设性质'), '建设性质')),
  industryCode: Type.Optional(Type.Union([IndustryCode, Type.Null()], { title: '行业' })),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$', title: '行政区划' }), '行政区划')),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200, title: '建设地点' }), '建设地点')),
  lng: Type.Optional(Coordinate('经度', 180)),
  lat: Type.Optional(Coordinate('纬度', 90)),
  level: Type.Optional(Nullable(DictCode('项目级别'), '项目级别')),
  isKey: Type.Optional(Type.Boolean({ title: '重点项目' })),
  isPublic: Type.Optional(Type.Boolean({ title: '公开项目' })),
  totalInvestment: Money('总投资（万元）'),
  completedBefore: Type.Optional(Money('以前年度累计完成投资（万元）')),
  startDate: Type.Optional(Nullable(DateStr('建设年限（起）'), '建设年限（起）')),
  endDate: Type.Optional(Nullable(DateStr('建设年限（止）'), '建设年限（止）')),
  tags: Type.Optional(
    Type.Array(DictCode('项目标签'), { maxItems: 10, uniqueItems: true, title: '项目标签' }),
  ),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '项目简介' }), '项目简介')),
  admissionOverrideReason: Type.Optional(
    Type.String({ minLength: 2, maxLength: 500, title: '越过负面清单的理由' }),
  ),
}

export const CreateProjectBody = Type.Object({
  ...ProjectFields,
  stage: Type.Optional(DictCode('项目阶段')),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

const { name: NameField, totalInvestment: TotalField, ...OptionalFields } = ProjectFields
export const UpdateProjectBody = Type.Object({
  ...OptionalFields,
  name: Type.Optional(NameField),
  totalInvestment: Type.Optional(TotalField),
  version: Version,
})

export const StageBody = Type.Object({
  stage: DictCode('项目阶段'),
  date: Type.Optional(DateStr('日期')),
  note: Type.Optional(Type.String({ maxLength: 500, title: '备注' })),
  version: Version,
})

export const LeadersBody = Type.Object({
  userIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, uniqueItems: true, title: '包联领导' }),
  version: Version,
})

export const TEAM_ROLES = ['head', 'member', 'steward'] as const
export const TEAM_ROLE_LABEL: Record<(typeof TEAM_ROLES)[number], string> = {
  head: '专班负责人',
  member: '专班成员',
  steward: '项目管家',
}
export const TeamBody = Type.Object({
  members: Type.Array(
    Type.Object({
      userId: Type.Integer({ minimum: 1, title: '专班成员' }),
      role: Type.Union(
        TEAM_ROLES.map((r) => Type.Literal(r)),
        { title: '专班角色' },
      ),
    }),
    { maxItems: 50, title: '专班成员' },
  ),
  version: Version,
})

export const UnitsBody = Type.Object({
  leadDepartmentId: Type.Union([Type.Integer({ minimum: 1, title: '牵头单位' }), Type.Null()], {
    title: '牵头单位',
  }),
  coDepartmentIds: Type.Array(Type.Integer({ minimum: 1 }), {
    maxItems: 30,
    uniqueItems: true,
    title: '配合单位',
  }),
  version: Version,
})

const MilestoneFields = {
  name: Type.String({ minLength: 1, maxLength: 50, title: '节点名称' }),
  plannedDate: Type.Optional(Nullable(DateStr('计划日期'), '计划日期')),
  ownerUserId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, title: '责任人' }), Type.Null()], { title: '责任人' }),
  ),
  ownerDepartmentId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, title: '责任单位' }), Type.Null()], { title: '责任单位' }),
  ),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '备注' }), '备注')),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, title: '排序' })),
}
export const CreateMilestoneBody = Type.Object(MilestoneFields)
export const UpdateMilestoneBody = Type.Object({
  ...MilestoneFields,
  name: Type.Optional(MilestoneFields.name),
  actualDate: Type.Optional(Nullable(DateStr('实际完成日期'), '实际完成日期')),
  version: Version,
})

export const PROJECT_SORTS = [
  'code',
  '-code',
  'name',
  '-name',
  'totalInvestment',
  '-totalInvestment',
  'stage',
  '-stage',
  'light',
  '-light',
  'updatedAt',
  '-updatedAt',
] as const

export const ProjectListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  stage: Type.Optional(DictCode('项目阶段')),
  level: Type.Optional(DictCode('项目级别')),
  nature: Type.Optional(DictCode('建设性质')),
  industry: Type.Optional(IndustryCode),
  light: Type.Optional(
    Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')], { title: '红黄绿灯' }),
  ),
  leaderUserId: Type.Optional(Type.Integer({ minimum: 1, title: '包联领导' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '责任单位' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '建设单位' })),
  tag: Type.Optional(DictCode('项目标签')),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  isKey: Type.Optional(Type.Boolean({ title: '重点项目' })),
  isPublic: Type.Optional(Type.Boolean({ title: '公开项目' })),
  fiveOnesIncomplete: Type.Optional(Type.Boolean({ title: '五个一不全' })),
  sort: Type.Optional(
    Type.Union(
      PROJECT_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})

export const TimelineQuery = Type.Object({ ...PageQuery })
export const MilestoneDeleteQuery = Type.Object({ version: Version })

// ---- responses ----

const Str = Type.String()
const NStr = Type.Union([Type.String(), Type.Null()])
const NInt = Type.Union([Type.Integer(), Type.Null()])
const NNum = Type.Union([Type.Number(), Type.Null()])
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() })
const LightReason = Type.Object({ rule: Str, light: Str, text: Str })

export const ScheduleBrief = Type.Object({
  year: Type.Integer(),
  asOfMonth: Type.Integer(),
  annualPlan: NStr,
  completedThisYear: Str,
  completedTotal: Str,
  completionRate: NNum,
  scheduleRate: NNum,
  gapPoints: NNum,
  lastReportedMonth: NInt,
})

export const ProjectRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Str,
  code: Str,
  name: Str,
  enterpriseId: NInt,
  enterpriseName: NStr,
  nature: NStr,
  stage: Str,
  level: NStr,
  industryCode: NStr,
  industryName: NStr,
  totalInvestment: Str,
  isKey: Type.Boolean(),
  isPublic: Type.Boolean(),
  light: Str,
  lightReasons: Type.Array(LightReason),
  fiveOnesMissing: Type.Array(Str),
  leaders: Type.Array(Ref),
  leadUnit: Type.Union([Ref, Type.Null()]),
  tags: Type.Array(Str),
  startDate: NStr,
  endDate: NStr,
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  schedule: Type.Union([ScheduleBrief, Type.Null()]),
})

export const Milestone = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  name: Str,
  plannedDate: NStr,
  actualDate: NStr,
  ownerUserId: NInt,
  ownerUserName: NStr,
  ownerDepartmentId: NInt,
  ownerDepartmentName: NStr,
  sort: Type.Integer(),
  note: NStr,
  /** done | overdue | pending | unplanned */
  status: Str,
  /** days late: overdue → today − planned; done late → actual − planned */
  lateDays: Type.Integer(),
  attachmentCount: Type.Integer(),
  version: Type.Integer(),
})

const Person = Type.Object({
  id: Type.Integer(),
  name: Str,
  departmentName: Str,
  title: NStr,
})

export const ProjectDetail = Type.Object({
  ...ProjectRow.properties,
  regionCode: NStr,
  regionName: NStr,
  address: NStr,
  lng: NNum,
  lat: NNum,
  completedBefore: Str,
  actualStartDate: NStr,
  stageChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  description: NStr,
  createdAt: Type.String({ format: 'date-time' }),
  lightAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  admissionOverride: Type.Union([
    Type.Object({ kind: Str, reason: Str, by: Type.Integer(), byName: NStr, at: Str }),
    Type.Null(),
  ]),
  enterprise: Type.Union([Type.Object({ id: Type.Integer(), name: Str, creditCode: NStr }), Type.Null()]),
  leaderDetails: Type.Array(Person),
  team: Type.Array(Type.Object({ ...Person.properties, role: Str })),
  units: Type.Object({ lead: Type.Union([Ref, Type.Null()]), co: Type.Array(Ref) }),
  milestones: Type.Array(Milestone),
  fiveOnes: Type.Array(
    Type.Object({ code: Str, label: Str, ok: Type.Boolean(), applies: Type.Boolean(), text: Str }),
  ),
  latestWeekly: Type.Union([
    Type.Object({
      weekStart: Str,
      done: Str,
      nextPlan: NStr,
      problems: NStr,
      submittedAt: Str,
      submittedBy: NStr,
    }),
    Type.Null(),
  ]),
  fundsTotal: Str,
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
