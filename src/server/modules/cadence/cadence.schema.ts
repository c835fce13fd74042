import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { ReportSettingsSchema } from '../reports/reports.schema.ts'
import { OBLIGATION_SORT_FIELDS } from './cadence.repository.ts'

/** One of the given strings; every branch carries the title so a wrong value names the field in Chinese. */
const oneOf = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v, { title })),
    { title },
  )
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Str = Type.String()
const Int = Type.Integer()

export const CadenceField = oneOf(['weekly', 'monthly', 'quarterly'] as const, '报送周期')
export const OBLIGATION_STATUSES = ['submitted', 'late', 'missing', 'pending', 'unsubmitted'] as const

export const PeriodListQuery = Type.Object({
  cadence: Type.Optional(CadenceField),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })),
  ...PageQuery,
})

const Counts = Type.Object({ owed: Int, submitted: Int, late: Int, missing: Int, pending: Int })

export const PeriodRow = Type.Object({
  id: Int,
  zoneId: Int,
  zoneName: Nullable(Str),
  cadence: Str,
  periodKey: Str,
  label: Str,
  startsOn: Str,
  endsOn: Str,
  dueAt: Str,
  moved: Type.Boolean(),
  pastDue: Type.Boolean(),
  closedAt: Nullable(Str),
  counts: Counts,
})

export const PeriodDetail = Type.Object({
  ...PeriodRow.properties,
  rollup: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  previousId: Type.Union([Int, Type.Null()]),
  nextId: Type.Union([Int, Type.Null()]),
})

export const ObligationQuery = Type.Object({
  status: Type.Optional(oneOf(OBLIGATION_STATUSES, '报送状态')),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '责任单位' })),
  sort: Type.Optional(
    oneOf([...OBLIGATION_SORT_FIELDS, ...OBLIGATION_SORT_FIELDS.map((f) => `-${f}`)], '排序'),
  ),
  ...PageQuery,
})

export const ObligationRow = Type.Object({
  periodId: Int,
  cadence: Str,
  periodKey: Str,
  periodLabel: Str,
  projectId: Int,
  code: Str,
  name: Str,
  stage: Str,
  ownerId: Type.Union([Int, Type.Null()]),
  ownerName: Nullable(Str),
  departmentId: Type.Union([Int, Type.Null()]),
  departmentName: Nullable(Str),
  status: Str,
  submittedAt: Nullable(Str),
  remindedAt: Nullable(Str),
  dueAt: Str,
})

export const MineItem = Type.Object({
  ...ObligationRow.properties,
  weekStart: Nullable(Str),
  year: Int,
  month: Type.Union([Int, Type.Null()]),
})
export const MineResponse = Type.Object({ items: Type.Array(MineItem) })

export const RemindBody = Type.Object({
  /** one project; leave out to remind every project not yet delivered */
  projectId: Type.Optional(Type.Integer({ minimum: 1, title: '项目' })),
})
export const RemindResponse = Type.Object({ reminded: Int })

export const CadenceSettings = ReportSettingsSchema
