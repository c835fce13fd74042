import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, MONEY_PATTERN, Version } from '../../lib/schema-parts.ts'

export const LEAD_STAGES = ['lead', 'negotiating', 'signed', 'landed', 'dropped'] as const
export type Stage = (typeof LEAD_STAGES)[number]

const Money = (title: string) => Type.String({ pattern: MONEY_PATTERN, title })
const NullableMoney = (title: string) => Type.Union([Money(title), Type.Null()], { title })
const NullableText = (max: number, title: string) =>
  Type.Union([Type.String({ maxLength: max }), Type.Null()], { title })

const S = Type.String()
const NS = Type.Union([Type.String(), Type.Null()])
const NI = Type.Union([Type.Integer(), Type.Null()])

export const Lead = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: S,
  name: S,
  investor: S,
  enterpriseId: NI,
  enterpriseName: NS,
  industryCode: NS,
  industryName: NS,
  source: NS,
  stage: S,
  intendedInvestment: NS,
  agreementDate: NS,
  agreementAmount: NS,
  projectId: NI,
  projectCode: NS,
  projectName: NS,
  fundsTotal: NS,
  ownerUserId: NI,
  ownerName: NS,
  contact: NS,
  notes: NS,
  droppedReason: NS,
  stageChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
})

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, title: '项目名称' }),
  investor: Type.String({ minLength: 1, maxLength: 100, title: '投资方' }),
  enterpriseId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '关联企业' })),
  industryCode: Type.Optional(NullableText(10, '所属行业')),
  source: Type.Optional(NullableText(30, '招商方式')),
  intendedInvestment: Type.Optional(NullableMoney('计划总投资')),
  ownerUserId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '招商负责人' }),
  ),
  contact: Type.Optional(NullableText(100, '对接人及联系方式')),
  notes: Type.Optional(NullableText(2000, '备注')),
}

export const CreateLeadBody = Type.Object({
  ...fields,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '所属开发区' })),
})

export const UpdateLeadBody = Type.Object({
  ...fields,
  name: Type.Optional(fields.name),
  investor: Type.Optional(fields.investor),
  agreementDate: Type.Optional(
    Type.Union([Type.String({ pattern: DATE_PATTERN }), Type.Null()], { title: '签约日期' }),
  ),
  agreementAmount: Type.Optional(NullableMoney('协议总投资')),
  version: Version,
})

export const TransitionBody = Type.Object({
  to: Type.Union(
    LEAD_STAGES.map((s) => Type.Literal(s)),
    { title: '目标阶段' },
  ),
  version: Version,
  intendedInvestment: Type.Optional(Money('计划总投资')),
  agreementDate: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '签约日期' })),
  agreementAmount: Type.Optional(Money('协议总投资')),
  startDate: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '计划开工日期' })),
  reason: Type.Optional(Type.String({ maxLength: 500, title: '放弃原因' })),
})

export const LEAD_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'stageChangedAt',
  'intendedInvestment',
  'agreementAmount',
  'agreementDate',
] as const

export const LeadListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  stage: Type.Optional(
    Type.Union(
      LEAD_STAGES.map((s) => Type.Literal(s)),
      { title: '阶段' },
    ),
  ),
  ownerUserId: Type.Optional(Type.Integer({ minimum: 1, title: '招商负责人' })),
  industry: Type.Optional(Type.String({ pattern: '^([A-T]|[0-9]{2,4})$', title: '行业' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '关联企业' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '所属开发区' })),
  sort: Type.Optional(
    Type.Union(
      LEAD_SORTS.flatMap((s) => [Type.Literal(s), Type.Literal(`-${s}`)]),
      { title: '排序' },
    ),
  ),
})

export const DeleteLeadQuery = Type.Object({ version: Version })

const StageFigure = Type.Object({
  stage: S,
  label: S,
  count: Type.Integer(),
  /** 万元 */
  amount: S,
})
const ZoneStats = Type.Object({
  zoneId: NI,
  zoneName: S,
  stages: Type.Array(StageFigure),
  funds: Type.Object({ amount: S, projects: Type.Integer() }),
  sentence: S,
})
export const Stats = Type.Object({
  ...ZoneStats.properties,
  zones: Type.Array(ZoneStats),
})
export const StatsQuery = Type.Object({
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '所属开发区' })),
})

export const Fund = Type.Object({
  id: Type.Integer(),
  projectId: Type.Integer(),
  receivedOn: S,
  amount: S,
  note: NS,
  createdByName: NS,
  createdAt: Type.String({ format: 'date-time' }),
})
export const FundsQuery = Type.Object({ projectId: Type.Integer({ minimum: 1, title: '项目' }) })
export const FundsList = Type.Object({
  projectId: Type.Integer(),
  items: Type.Array(Fund),
  total: S,
})
export const CreateFundBody = Type.Object({
  projectId: Type.Integer({ minimum: 1, title: '项目' }),
  receivedOn: Type.String({ pattern: DATE_PATTERN, title: '到资日期' }),
  amount: Money('到资金额'),
  note: Type.Optional(NullableText(200, '说明')),
})

export const LandResult = Type.Object({
  lead: Lead,
  project: Type.Union([Type.Object({ id: Type.Integer(), code: S }), Type.Null()]),
})
