import { Type } from 'typebox'
import { DATE_PATTERN } from '../../lib/schema-parts.ts'
import { FIGURE_SORTS } from './supervision.service.ts'

const Str = Type.String()
const NStr = Type.Union([Type.String(), Type.Null()])
const NInt = Type.Union([Type.Integer(), Type.Null()])

export const BoardQuery = Type.Object({
  date: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '日期' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, title: '每类最多条数' })),
})

const BoardItem = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  code: Str,
  title: Str,
  status: Str,
  category: NStr,
  type: NStr,
  light: Str,
  supervisionLevel: Str,
  enterpriseId: NInt,
  enterpriseName: NStr,
  leadDepartmentId: NInt,
  leadDepartmentName: NStr,
  leadDepartmentShort: NStr,
  receivedAt: Str,
  acceptDueDate: NStr,
  dueDate: NStr,
  deadlineAt: NStr,
  extended: Type.Boolean(),
  resolvedAt: NStr,
  confirmDueDate: NStr,
  pastConfirmWait: Type.Boolean(),
  escalationLevel: Type.Integer(),
  escalatedAt: NStr,
  workingDaysLate: Type.Integer(),
  link: Str,
})

export const Board = Type.Object({
  date: Str,
  today: Str,
  workingDay: Type.Boolean(),
  /** each list holds at most this many problems (the counts are exact) */
  listLimit: NInt,
  counts: Type.Object({
    newToday: Type.Integer(),
    dueToday: Type.Integer(),
    overdue: Type.Integer(),
    escalated: Type.Integer(),
    acceptOverdue: Type.Integer(),
    awaitingConfirmation: Type.Integer(),
    pastConfirmWait: Type.Integer(),
    extensionRequests: Type.Integer(),
    returned: Type.Integer(),
  }),
  overdueByDepartment: Type.Array(Type.Object({ departmentId: NInt, name: Str, count: Type.Integer() })),
  newToday: Type.Array(BoardItem),
  dueToday: Type.Array(BoardItem),
  overdue: Type.Array(BoardItem),
  escalated: Type.Array(BoardItem),
  acceptOverdue: Type.Array(BoardItem),
  awaitingConfirmation: Type.Array(BoardItem),
  returned: Type.Array(BoardItem),
  extensionRequests: Type.Array(
    Type.Object({
      id: Type.Integer(),
      problemId: Type.Integer(),
      code: Str,
      title: Str,
      status: Str,
      enterpriseName: NStr,
      leadDepartmentName: NStr,
      dueDate: NStr,
      days: Type.Integer(),
      reason: Str,
      requestedAt: Str,
      requestedBy: NStr,
      link: Str,
    }),
  ),
  events: Type.Array(
    Type.Object({
      id: Str,
      kind: Str,
      at: Str,
      summary: Str,
      problemId: Type.Integer(),
      code: Str,
      title: Str,
      level: NInt,
      link: Str,
    }),
  ),
})

export const Summary = Type.Object({ date: Str, text: Str })

export const FiguresQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '开始日期' })),
  to: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '结束日期' })),
  by: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('zone')], { title: '统计维度' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  sort: Type.Optional(
    Type.Union(
      FIGURE_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})

const RateSchema = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
})

export const FigureRowSchema = Type.Object({
  key: NInt,
  name: Str,
  received: Type.Integer(),
  accepted: Type.Integer(),
  resolved: Type.Integer(),
  confirmed: Type.Integer(),
  responseRate: RateSchema,
  firstReplyRate: RateSchema,
  onTimeRate: RateSchema,
  resolutionRate: RateSchema,
  satisfactionRate: RateSchema,
  overdueCount: Type.Integer(),
  overdueDays: Type.Integer(),
  avgResolveDays: Type.Union([Type.Number(), Type.Null()]),
})

export const Figures = Type.Object({
  from: Str,
  to: Str,
  by: Str,
  rows: Type.Array(FigureRowSchema),
  total: FigureRowSchema,
})
