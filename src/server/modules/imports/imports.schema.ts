import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const JobParams = Type.Object({
  id: Type.String({
    title: '导入任务编号',
    pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  }),
})

const Issue = Type.Object({ column: Type.String(), message: Type.String() })

export const RowOutcome = Type.Object({
  row: Type.Integer({ description: '工作表中的行号' }),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  action: Type.Union([
    Type.Literal('created'),
    Type.Literal('updated'),
    Type.Literal('unchanged'),
    Type.Literal('rejected'),
  ]),
  projectId: Type.Union([Type.Integer(), Type.Null()]),
  enterprise: Type.Union([
    Type.Object({
      name: Type.String(),
      action: Type.Union([Type.Literal('matched'), Type.Literal('created')]),
    }),
    Type.Null(),
  ]),
  changes: Type.Array(Type.String(), { description: '更新的内容（字段名）' }),
  problems: Type.Array(Issue, { description: '拒绝原因（列名与说明）' }),
  warnings: Type.Array(Issue, { description: '提示（不影响导入）' }),
})

export const ImportSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  warnings: Type.Integer(),
  skipped: Type.Integer(),
  enterprisesCreated: Type.Integer(),
  sheetName: Type.Union([Type.String(), Type.Null()]),
  headerRow: Type.Union([Type.Integer(), Type.Null()]),
  notes: Type.Array(Type.String()),
})

export const ImportJob = Type.Object({
  id: Type.String(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  userId: Type.Integer(),
  userName: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  dryRun: Type.Boolean(),
  filename: Type.String(),
  total: Type.Integer(),
  processed: Type.Integer(),
  phase: Type.Union([Type.String(), Type.Null()], {
    description: 'queued / reading / checking / writing / recomputing',
  }),
  message: Nullable(Type.String()),
  hasErrorFile: Type.Boolean(),
  summary: Type.Union([ImportSummary, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
})

export const ImportJobDetail = Type.Intersect([
  ImportJob,
  Type.Object({ rows: Type.Array(RowOutcome, { description: '前 200 行的结果' }) }),
])

export const JOB_SORTS = ['createdAt', '-createdAt'] as const

export const JobListQuery = Type.Object({
  ...PageQuery,
  mine: Type.Optional(Type.Boolean({ title: '只看我的' })),
  status: Type.Optional(
    Type.Union(
      [Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')],
      { title: '状态' },
    ),
  ),
  dryRun: Type.Optional(Type.Boolean({ title: '预检' })),
  sort: Type.Optional(
    Type.Union(
      JOB_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})

export const JobRowsQuery = Type.Object({
  ...PageQuery,
  action: Type.Optional(
    Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('rejected')], {
      title: '结果',
    }),
  ),
  warnings: Type.Optional(Type.Boolean({ title: '有提示' })),
  keyword: Type.Optional(Type.String({ maxLength: 100, title: '关键字' })),
})

export const StartResponse = Type.Object({ jobId: Type.String() })
