import { Type } from 'typebox'
import { PERMIT_STATUSES } from '../../../shared/service.ts'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, Version } from '../../lib/schema-parts.ts'
import { PERMIT_SORTS } from './permits.service.ts'

const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(t: T, title: string) =>
  Type.Optional(Type.Union([t, Type.Null()], { title }))
const Day = (title: string) => Nullable(Type.String({ pattern: DATE_PATTERN, title }), title)
const Status = Type.Union(
  PERMIT_STATUSES.map((s) => Type.Literal(s)),
  { title: '办理状态' },
)

const Fields = {
  agentUserId: Nullable(Type.Integer({ minimum: 1, title: '帮办员' }), '帮办员'),
  departmentId: Nullable(Type.Integer({ minimum: 1, title: '审批部门' }), '审批部门'),
  departmentName: Nullable(Type.String({ maxLength: 60, title: '审批部门' }), '审批部门'),
  status: Type.Optional(Status),
  submittedOn: Day('提交日期'),
  acceptedOn: Day('受理日期'),
  approvedOn: Day('批复日期'),
  timeLimitDays: Nullable(
    Type.Integer({ minimum: 0, maximum: 365, title: '法定时限（工作日）' }),
    '法定时限（工作日）',
  ),
  note: Nullable(Type.String({ maxLength: 500, title: '说明' }), '说明'),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })),
}

export const CreatePermitBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60, title: '手续名称' }),
  ...Fields,
})
export const UpdatePermitBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60, title: '手续名称' })),
  ...Fields,
  version: Version,
})
export const GenerateBody = Type.Object({
  agentUserId: Nullable(Type.Integer({ minimum: 1, title: '帮办员' }), '帮办员'),
})
export const RaiseProblemBody = Type.Object({
  version: Version,
  title: Type.Optional(Type.String({ minLength: 2, maxLength: 100, title: '问题标题' })),
  description: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, title: '问题描述' })),
})
export const ProjectParams = Type.Object({ id: Type.Integer({ minimum: 1, title: '项目' }) })
export const ProblemParams = Type.Object({ problemId: Type.Integer({ minimum: 1, title: '问题' }) })

export const PermitListQuery = Type.Object({
  ...PageQuery,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  projectId: Type.Optional(Type.Integer({ minimum: 1, title: '项目' })),
  status: Type.Optional(Type.Union([Status, Type.Literal('open')], { title: '办理状态' })),
  late: Type.Optional(Type.Boolean({ title: '只看超时限' })),
  agentUserId: Type.Optional(Type.Integer({ minimum: 1, title: '帮办员' })),
  q: Type.Optional(Type.String({ maxLength: 60, title: '关键词' })),
  sort: Type.Optional(
    Type.Union(
      PERMIT_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})
export const FiguresQuery = Type.Object({
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })),
})

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() })
const NStr = Type.Union([Type.String(), Type.Null()])
const NInt = Type.Union([Type.Integer(), Type.Null()])

export const Permit = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  project: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    stage: Type.String(),
  }),
  enterprise: Type.Union([Ref, Type.Null()]),
  templateKey: NStr,
  name: Type.String(),
  sort: Type.Integer(),
  agent: Type.Union([Ref, Type.Null()]),
  departmentId: NInt,
  departmentName: NStr,
  status: Type.String(),
  statusLabel: Type.String(),
  submittedOn: NStr,
  acceptedOn: NStr,
  approvedOn: NStr,
  timeLimitDays: NInt,
  dueDate: NStr,
  late: Type.Boolean(),
  lateDays: Type.Integer(),
  elapsedWorkingDays: NInt,
  daysTaken: Type.Union([Type.Object({ working: Type.Integer(), calendar: Type.Integer() }), Type.Null()]),
  milestone: NStr,
  problem: Type.Union([
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      status: Type.String(),
      statusLabel: Type.String(),
    }),
    Type.Null(),
  ]),
  note: NStr,
  version: Type.Integer(),
})

const SignToStart = Type.Object({
  signedOn: NStr,
  startedOn: NStr,
  days: NInt,
  months: Type.Union([Type.Number(), Type.Null()]),
})

export const ProjectPermits = Type.Object({
  items: Type.Array(Permit),
  summary: Type.Object({ total: Type.Integer(), approved: Type.Integer(), late: Type.Integer() }),
  signToStart: SignToStart,
})

export const RaisedProblem = Type.Object({
  problem: Type.Object({ id: Type.Integer(), code: Type.String() }),
  permit: Permit,
})

const NNum = Type.Union([Type.Number(), Type.Null()])
export const Figures = Type.Object({
  year: Type.Integer(),
  count: Type.Integer(),
  averageDays: NNum,
  medianDays: NNum,
  averageMonths: NNum,
  medianMonths: NNum,
  projects: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      signedOn: Type.String(),
      startedOn: Type.String(),
      days: Type.Integer(),
      months: Type.Number(),
    }),
  ),
})
