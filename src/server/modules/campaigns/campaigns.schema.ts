import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, MONEY_PATTERN, Version } from '../../lib/schema-parts.ts'

// An enum on one schema: the validation message then carries the field's title.
const Lit = <T extends string>(values: readonly T[], title: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], title })
const DateStr = (title: string) => Type.String({ pattern: DATE_PATTERN, title })
const Ids = (title: string, maxItems: number) =>
  Type.Array(Type.Integer({ minimum: 1, title }), { maxItems, uniqueItems: true, title })
const Count = (title: string) => Type.Integer({ minimum: 1, maximum: 1_000_000, title })
const NullableText = (title: string, maxLength: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, title })

export const KINDS = ['hundred_days', 'special'] as const
export const STATUSES = ['upcoming', 'running', 'ended'] as const
export const CAMPAIGN_SORTS = [
  'startsOn',
  '-startsOn',
  'endsOn',
  '-endsOn',
  'name',
  '-name',
  'createdAt',
  '-createdAt',
] as const

// ---- requests ----

export const Targets = Type.Object(
  {
    projectsToStart: Type.Optional(Count('开工项目目标')),
    investment: Type.Optional(
      Type.String({ pattern: MONEY_PATTERN, title: '完成投资目标', description: '万元，最多两位小数' }),
    ),
    problemsToClose: Type.Optional(Count('办结问题目标')),
    visits: Type.Optional(Count('走访目标')),
  },
  { title: '攻坚目标', additionalProperties: false },
)

const fields = {
  name: Type.String({ minLength: 2, maxLength: 60, title: '行动名称' }),
  kind: Lit(KINDS, '行动类型'),
  startsOn: DateStr('开始日期'),
  endsOn: DateStr('结束日期'),
  description: Type.Optional(NullableText('工作要求', 4000)),
  targets: Targets,
}

export const CreateCampaignBody = Type.Object({
  ...fields,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  projectIds: Type.Optional(Ids('参与项目', 500)),
  departmentIds: Type.Optional(Ids('参与部门', 100)),
})

export const UpdateCampaignBody = Type.Object({
  name: Type.Optional(fields.name),
  kind: Type.Optional(fields.kind),
  startsOn: Type.Optional(fields.startsOn),
  endsOn: Type.Optional(fields.endsOn),
  description: fields.description,
  targets: Type.Optional(Targets),
  projectIds: Type.Optional(Ids('参与项目', 500)),
  departmentIds: Type.Optional(Ids('参与部门', 100)),
  version: Version,
})

export const ParticipantsBody = Type.Object({
  projectIds: Ids('参与项目', 500),
  departmentIds: Ids('参与部门', 100),
  version: Version,
})

export const CampaignListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Lit(STATUSES, '状态')),
  kind: Type.Optional(Lit(KINDS, '行动类型')),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  sort: Type.Optional(Lit(CAMPAIGN_SORTS, '排序')),
})

// ---- responses ----

export const TargetProgress = Type.Object({
  key: Type.String(),
  label: Type.String(),
  target: Type.Number(),
  actual: Type.Number(),
  unit: Type.String(),
  percent: Type.Number(),
  /** below the time progress while the campaign runs */
  behind: Type.Boolean(),
})

export const FiguresSchema = Type.Object({
  projectsToStart: Type.Integer(),
  investment: Type.String(),
  problemsToClose: Type.Integer(),
  visits: Type.Integer(),
})

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() })

export const CampaignRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  targets: Targets,
  projectCount: Type.Integer(),
  departmentCount: Type.Integer(),
  asOf: Type.String(),
  dayNumber: Type.Integer(),
  totalDays: Type.Integer(),
  timePercent: Type.Number(),
  progress: Type.Array(TargetProgress),
  createdBy: Type.Union([Ref, Type.Null()]),
  createdAt: Type.String(),
  version: Type.Integer(),
})

export const CampaignDetail = Type.Object({
  ...CampaignRow.properties,
  figures: FiguresSchema,
  projects: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      stage: Type.String(),
      stageLabel: Type.String(),
      light: Type.String(),
      lightReasons: Type.Array(Type.String()),
      totalInvestment: Type.String(),
      enterpriseName: Type.Union([Type.String(), Type.Null()]),
      startedOn: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  departments: Type.Array(Ref),
  canEdit: Type.Boolean(),
  canDelete: Type.Boolean(),
})

export const SeriesResponse = Type.Object({
  startsOn: Type.String(),
  endsOn: Type.String(),
  totalDays: Type.Integer(),
  targets: Targets,
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      /** snapshot: taken by the nightly job; live: today's figures, computed now */
      source: Type.String(),
      figures: FiguresSchema,
    }),
  ),
})

export const SummaryResponse = Type.Object({ asOf: Type.String(), text: Type.String() })
