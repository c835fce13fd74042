import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, MONEY_PATTERN, Version } from '../../lib/schema-parts.ts'

const money = (title: string) => Type.String({ pattern: MONEY_PATTERN, title })

const Year = Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })
const Month = Type.Integer({ minimum: 1, maximum: 12, title: '月份' })
const ProjectId = Type.Integer({ minimum: 1, title: '项目' })
const ZoneId = Type.Integer({ minimum: 1, title: '开发区' })
const WeekStart = Type.String({ pattern: DATE_PATTERN, title: '周（周一日期）' })
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
/** One of the given strings; every branch carries the title so a wrong value names the field in Chinese. */
const oneOf = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v, { title })),
    { title },
  )
const Light = oneOf(['green', 'yellow', 'red'], '红黄绿灯')
const LightReason = Type.Object({ rule: Type.String(), light: Type.String(), text: Type.String() })

export const ScheduleResultSchema = Type.Object({
  firstMonth: Type.Integer(),
  lastMonth: Type.Integer(),
  totalMonths: Type.Integer(),
  elapsedMonths: Type.Integer(),
  scheduleRate: Type.Number(),
  completionRate: Type.Number(),
  gapPoints: Type.Number(),
})

// ── settings ────────────────────────────────────────────────────────────────

const settingsFields = {
  monthlyDueDay: Type.Integer({ minimum: 1, maximum: 28, title: '月报截止日（次月几日）' }),
  weeklyDueWeekday: Type.Integer({ minimum: 1, maximum: 7, title: '周进展截止星期' }),
  weeklyDueHour: Type.Integer({ minimum: 0, maximum: 23, title: '周进展截止时刻' }),
  quarterlyDueMode: oneOf(['dayOfMonth', 'workingDays'] as const, '季度汇总截止方式'),
  quarterlyDueValue: Type.Integer({ minimum: 1, maximum: 30, title: '季度汇总截止（日 / 工作日数）' }),
}
export const ReportSettingsSchema = Type.Object(settingsFields)
/** The quarterly rule is optional on input: clients that predate it send the three weekly/monthly fields. */
export const PutReportSettingsBody = Type.Object({
  monthlyDueDay: settingsFields.monthlyDueDay,
  weeklyDueWeekday: settingsFields.weeklyDueWeekday,
  weeklyDueHour: settingsFields.weeklyDueHour,
  quarterlyDueMode: Type.Optional(settingsFields.quarterlyDueMode),
  quarterlyDueValue: Type.Optional(settingsFields.quarterlyDueValue),
})

// ── year plans ──────────────────────────────────────────────────────────────

export const YearPlan = Type.Object({ year: Type.Integer(), planned: Type.String() })
export const PlansQuery = Type.Object({ projectId: ProjectId })
export const PlansResponse = Type.Object({ projectId: Type.Integer(), items: Type.Array(YearPlan) })
export const PutPlanBody = Type.Object({
  projectId: ProjectId,
  year: Year,
  planned: money('年度计划投资（万元）'),
})

// ── monthly ─────────────────────────────────────────────────────────────────

export const MonthlyReport = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  year: Type.Integer(),
  month: Type.Integer(),
  completed: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  late: Type.Boolean(),
  submittedAt: Type.String({ format: 'date-time' }),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
})

export const PutMonthlyBody = Type.Object({
  projectId: ProjectId,
  year: Year,
  month: Month,
  completed: money('本月完成投资（万元）'),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500, title: '说明' }))),
  version: Type.Optional(Version),
})

export const MONTHLY_STATUSES = ['reported', 'late', 'missing', 'pending', 'notRequired'] as const
export const MONTHLY_SORTS = [
  'code',
  '-code',
  'name',
  '-name',
  'annualPlan',
  '-annualPlan',
  'completed',
  '-completed',
  'completedThisYear',
  '-completedThisYear',
  'completionRate',
  '-completionRate',
  'gapPoints',
  '-gapPoints',
  'light',
  '-light',
] as const

const PortfolioFilters = {
  zoneId: Type.Optional(ZoneId),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  stage: Type.Optional(Type.String({ maxLength: 30, title: '阶段' })),
  level: Type.Optional(Type.String({ maxLength: 30, title: '级别' })),
  industry: Type.Optional(Type.String({ pattern: '^[A-Z]$', title: '行业门类' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '责任单位' })),
  light: Type.Optional(Light),
}

export const MonthlyListQuery = Type.Object({
  ...PageQuery,
  year: Year,
  month: Month,
  ...PortfolioFilters,
  status: Type.Optional(oneOf(MONTHLY_STATUSES, '填报状态')),
  sort: Type.Optional(oneOf(MONTHLY_SORTS, '排序')),
})

export const MonthlyRow = Type.Object({
  projectId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  stage: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  light: Type.String(),
  lightReasons: Type.Array(LightReason),
  annualPlan: Type.Union([Type.String(), Type.Null()]),
  report: Type.Union([MonthlyReport, Type.Null()]),
  completedThisYear: Type.String(),
  completionRate: Type.Union([Type.Number(), Type.Null()]),
  scheduleRate: Type.Union([Type.Number(), Type.Null()]),
  gapPoints: Type.Union([Type.Number(), Type.Null()]),
  status: Type.String(),
  daysLate: Type.Union([Type.Integer(), Type.Null()]),
})

export const MonthlyListResponse = Type.Object({
  items: Type.Array(MonthlyRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  year: Type.Integer(),
  month: Type.Integer(),
  dueDate: Type.String(),
  counts: Type.Object({
    reported: Type.Integer(),
    late: Type.Integer(),
    missing: Type.Integer(),
    pending: Type.Integer(),
    notRequired: Type.Integer(),
  }),
})

export const ROLLUP_BY = ['zone', 'department', 'industry', 'level'] as const
export const RollupQuery = Type.Object({
  year: Year,
  month: Month,
  by: oneOf(ROLLUP_BY, '汇总维度'),
  zoneId: Type.Optional(ZoneId),
})

export const RollupRow = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]),
  label: Type.String(),
  projects: Type.Integer(),
  annualPlan: Type.String(),
  completed: Type.String(),
  completionRate: Type.Union([Type.Number(), Type.Null()]),
  scheduleRate: Type.Union([Type.Number(), Type.Null()]),
  gapPoints: Type.Union([Type.Number(), Type.Null()]),
})

export const RollupResponse = Type.Object({
  year: Type.Integer(),
  month: Type.Integer(),
  by: Type.String(),
  rows: Type.Array(RollupRow),
  total: RollupRow,
})

export const InvestmentQuery = Type.Object({ year: Type.Optional(Year) })
export const InvestmentResponse = Type.Object({
  projectId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  /** the last month the figures are measured at (12 for past years, 0 for future ones) */
  asOfMonth: Type.Integer(),
  annualPlan: Type.Union([Type.String(), Type.Null()]),
  totalInvestment: Type.String(),
  completedThisYear: Type.String(),
  completedTotal: Type.String(),
  startDate: Type.Union([Type.String(), Type.Null()]),
  endDate: Type.Union([Type.String(), Type.Null()]),
  schedule: Type.Union([ScheduleResultSchema, Type.Null()]),
  dueDay: Type.Integer(),
  months: Type.Array(
    Type.Object({
      month: Type.Integer(),
      completed: Type.Union([Type.String(), Type.Null()]),
      cumulative: Type.String(),
      scheduleRate: Type.Union([Type.Number(), Type.Null()]),
      completionRate: Type.Union([Type.Number(), Type.Null()]),
      dueDate: Type.String(),
      status: Type.String(),
      report: Type.Union([MonthlyReport, Type.Null()]),
    }),
  ),
  plans: Type.Array(YearPlan),
  years: Type.Array(Type.Integer()),
})

// ── weekly ──────────────────────────────────────────────────────────────────

export const WeeklyEntry = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  projectCode: Type.String(),
  projectName: Type.String(),
  zoneId: Type.Integer(),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  weekStart: Type.String(),
  done: Type.String(),
  nextPlan: Type.Union([Type.String(), Type.Null()]),
  problems: Type.Union([Type.String(), Type.Null()]),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.String({ format: 'date-time' }),
  late: Type.Boolean(),
  editable: Type.Boolean(),
  version: Type.Integer(),
})

export const PutWeeklyBody = Type.Object({
  projectId: ProjectId,
  weekStart: Type.Optional(WeekStart),
  done: Type.String({ minLength: 1, maxLength: 2000, title: '本周完成' }),
  nextPlan: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '下周计划' }))),
  problems: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '发现问题' }))),
  version: Type.Optional(Version),
})

export const WEEKLY_SORTS = [
  'weekStart',
  '-weekStart',
  'submittedAt',
  '-submittedAt',
  'projectCode',
  '-projectCode',
  'projectName',
  '-projectName',
] as const
export const WeeklyListQuery = Type.Object({
  ...PageQuery,
  weekStart: Type.Optional(WeekStart),
  projectId: Type.Optional(ProjectId),
  zoneId: Type.Optional(ZoneId),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '责任单位' })),
  hasProblems: Type.Optional(Type.Boolean({ title: '有问题' })),
  sort: Type.Optional(oneOf(WEEKLY_SORTS, '排序')),
})

export const MISSING_SORTS = ['code', '-code', 'name', '-name', 'lastWeekStart', '-lastWeekStart'] as const
export const MissingQuery = Type.Object({
  ...PageQuery,
  weekStart: Type.Optional(WeekStart),
  zoneId: Type.Optional(ZoneId),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '责任单位' })),
  sort: Type.Optional(oneOf(MISSING_SORTS, '排序')),
})

export const MissingRow = Type.Object({
  projectId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  stage: Type.String(),
  zoneId: Type.Integer(),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  teamHeads: Type.Array(Type.String()),
  stewards: Type.Array(Type.String()),
  leaders: Type.Array(Type.String()),
  lastWeekStart: Type.Union([Type.String(), Type.Null()]),
})

export const MissingResponse = Type.Object({
  items: Type.Array(MissingRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  weekStart: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
})

export const WeeklyTargetsQuery = Type.Object({
  weekStart: Type.Optional(WeekStart),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
})
export const WeeklyTargetsResponse = Type.Object({
  weekStart: Type.String(),
  previousWeekStart: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      stage: Type.String(),
      mine: Type.Boolean(),
      reported: Type.Boolean(),
    }),
  ),
})
