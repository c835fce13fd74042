import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN } from '../../lib/schema-parts.ts'
import { INDICATOR_KEYS } from './scorecard-math.ts'

const SubjectTypeSchema = Type.Union([Type.Literal('department'), Type.Literal('zone')], {
  title: '评比对象（department 部门 / zone 开发区）',
})
const ZoneId = Type.Integer({ minimum: 1, title: '开发区（部门评比）或上级单位（开发区评比）' })
const WeekStart = Type.String({ pattern: DATE_PATTERN, title: '评比周（周一日期）' })
const Nullable = (t: 'integer' | 'number') => Type.Unsafe<number | null>({ type: [t, 'null'] })

export const RankingQuery = Type.Object({
  subjectType: Type.Optional(SubjectTypeSchema),
  zoneId: Type.Optional(ZoneId),
  weekStart: Type.Optional(WeekStart),
})

export const WeeksQuery = Type.Object({
  subjectType: Type.Optional(SubjectTypeSchema),
  zoneId: Type.Optional(ZoneId),
  ...PageQuery,
})

export const HistoryQuery = Type.Object({
  subjectType: Type.Optional(SubjectTypeSchema),
  zoneId: Type.Optional(ZoneId),
  subjectId: Type.Integer({ minimum: 1, title: '评比单位' }),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 52, title: '周数' })),
})

export const ComputeBody = Type.Object({
  subjectType: SubjectTypeSchema,
  zoneId: Type.Optional(ZoneId),
  weekStart: WeekStart,
})

export const ConfigQuery = Type.Object({ subjectType: Type.Optional(SubjectTypeSchema) })

const IndicatorKey = Type.Union(
  INDICATOR_KEYS.map((k) => Type.Literal(k)),
  { title: '评比指标' },
)

export const ConfigBody = Type.Object({
  subjectType: SubjectTypeSchema,
  windowWeeks: Type.Integer({ minimum: 1, maximum: 13, title: '统计周数' }),
  indicators: Type.Array(
    Type.Object({
      key: IndicatorKey,
      weight: Type.Number({ minimum: 0, maximum: 100, title: '权重（%）' }),
      enabled: Type.Boolean({ title: '是否启用' }),
    }),
    { minItems: 1, maxItems: INDICATOR_KEYS.length, title: '评比指标' },
  ),
  version: Type.Integer({ minimum: 0, title: '版本号' }),
})

export const Config = Type.Object({
  subjectType: SubjectTypeSchema,
  windowWeeks: Type.Integer(),
  indicators: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), weight: Type.Number(), enabled: Type.Boolean() }),
  ),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
})

const Part = Type.Object({
  key: Type.String(),
  label: Type.String(),
  weight: Type.Number(),
  value: Nullable('number'),
  points: Nullable('number'),
  contribution: Type.Number(),
  detail: Type.String(),
})

export const RankingItem = Type.Object({
  subjectId: Type.Integer(),
  subjectName: Type.String(),
  score: Type.Number(),
  rank: Type.Integer(),
  previousRank: Nullable('integer'),
  change: Nullable('integer'),
  parts: Type.Array(Part),
})

export const Ranking = Type.Object({
  run: Type.Union([
    Type.Object({
      id: Type.Integer(),
      weekStart: Type.String(),
      computedAt: Type.String(),
      indicators: Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), weight: Type.Number() }),
      ),
    }),
    Type.Null(),
  ]),
  items: Type.Array(RankingItem),
})

export const Weeks = Type.Object({
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  items: Type.Array(
    Type.Object({
      runId: Type.Integer(),
      weekStart: Type.String(),
      weekEnd: Type.String(),
      computedAt: Type.String(),
      subjects: Type.Integer(),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})

export const History = Type.Object({
  subjectId: Type.Integer(),
  subjectName: Type.String(),
  items: Type.Array(
    Type.Object({
      weekStart: Type.String(),
      score: Type.Number(),
      rank: Type.Integer(),
      subjects: Type.Integer(),
      change: Nullable('integer'),
    }),
  ),
})

export const Units = Type.Object({
  zones: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  parents: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), zones: Type.Integer() })),
  defaultZoneId: Nullable('integer'),
})

export const ComputeResult = Type.Object({
  runId: Type.Integer(),
  weekStart: Type.String(),
  subjects: Type.Integer(),
})
