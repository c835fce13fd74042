import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, MONEY_PATTERN, Version } from '../../lib/schema-parts.ts'
import { POLICY_SORTS } from './policies.service.ts'
import { APPLICATION_STATUSES, BENEFITS, LEVELS, POLICY_STATUSES } from './policy-flow.ts'

const Enum = <T extends string>(values: readonly T[], title: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], title })
const NullableText = (title: string, maxLength: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, title })
const NullableMoney = (title: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: MONEY_PATTERN, title })
const NullableDate = (title: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: DATE_PATTERN, title })
const Money = (title: string) => Type.String({ pattern: MONEY_PATTERN, title })
const Codes = (title: string, pattern: string, maxItems = 50) =>
  Type.Array(Type.String({ pattern, title }), { maxItems, title })
const S = Type.String()
const NS = Type.Union([Type.String(), Type.Null()])

// ---- requests ----

const policyFields = {
  title: Type.String({ minLength: 2, maxLength: 200, title: '政策名称' }),
  docNumber: Type.Optional(NullableText('文号', 100)),
  issuer: Type.String({ minLength: 1, maxLength: 100, title: '发文机关' }),
  level: Enum(LEVELS, '政策层级'),
  benefitKind: Enum(BENEFITS, '支持方式'),
  summary: Type.Optional(NullableText('政策摘要', 4000)),
  benefitText: Type.Optional(NullableText('支持标准', 1000)),
  maxAmount: Type.Optional(NullableMoney('最高支持金额（万元）')),
  validFrom: Type.String({ pattern: DATE_PATTERN, title: '有效期起' }),
  validTo: Type.Optional(NullableDate('有效期止')),
  industries: Type.Optional(Codes('行业条件', '^([A-T]|[0-9]{2,4})$')),
  scales: Type.Optional(Codes('企业规模条件', '^[a-z_]{1,20}$', 10)),
  regions: Type.Optional(Codes('地区条件', '^[0-9]{6}$')),
  stages: Type.Optional(Codes('项目阶段条件', '^[a-z_]{1,20}$', 10)),
  minInvestment: Type.Optional(NullableMoney('项目总投资下限（万元）')),
  maxInvestment: Type.Optional(NullableMoney('项目总投资上限（万元）')),
  contactName: Type.Optional(NullableText('联系人', 50)),
  contactPhone: Type.Optional(NullableText('联系电话', 30)),
}

export const CreatePolicyBody = Type.Object({
  ...policyFields,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

export const UpdatePolicyBody = Type.Object({
  title: Type.Optional(policyFields.title),
  docNumber: policyFields.docNumber,
  issuer: Type.Optional(policyFields.issuer),
  level: Type.Optional(policyFields.level),
  benefitKind: Type.Optional(policyFields.benefitKind),
  summary: policyFields.summary,
  benefitText: policyFields.benefitText,
  maxAmount: policyFields.maxAmount,
  validFrom: Type.Optional(policyFields.validFrom),
  validTo: policyFields.validTo,
  industries: policyFields.industries,
  scales: policyFields.scales,
  regions: policyFields.regions,
  stages: policyFields.stages,
  minInvestment: policyFields.minInvestment,
  maxInvestment: policyFields.maxInvestment,
  contactName: policyFields.contactName,
  contactPhone: policyFields.contactPhone,
  version: Version,
})

export const PolicyListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  level: Type.Optional(Enum(LEVELS, '政策层级')),
  benefitKind: Type.Optional(Enum(BENEFITS, '支持方式')),
  status: Type.Optional(Enum(POLICY_STATUSES, '状态')),
  validNow: Type.Optional(Type.Boolean({ title: '仅有效期内' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  sort: Type.Optional(Enum(POLICY_SORTS, '排序')),
})

export const ForEnterpriseQuery = Type.Object({
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
})

export const FiguresQuery = Type.Object({
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  policyId: Type.Optional(Type.Integer({ minimum: 1, title: '政策' })),
})

export const ApplyBody = Type.Object({
  policyId: Type.Integer({ minimum: 1, title: '政策' }),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
  amountRequested: Money('申请金额（万元）'),
  content: Type.String({ minLength: 1, maxLength: 4000, title: '申报说明' }),
})

export const ResubmitBody = Type.Object({
  amountRequested: Type.Optional(Money('申请金额（万元）')),
  content: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, title: '申报说明' })),
  note: Type.Optional(NullableText('补充说明', 1000)),
  version: Version,
})

export const ReviewBody = Type.Object({
  action: Enum(['accept', 'return', 'approve', 'reject'] as const, '审核操作'),
  note: Type.Optional(NullableText('审核意见', 1000)),
  amountGranted: Type.Optional(NullableMoney('核定金额（万元）')),
  version: Version,
})

export const PaymentBody = Type.Object({
  amount: Money('兑现金额（万元）'),
  paidOn: Type.String({ pattern: DATE_PATTERN, title: '兑现日期' }),
  note: Type.Optional(NullableText('备注', 500)),
  version: Version,
})

export const ApplicationListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  status: Type.Optional(Enum(APPLICATION_STATUSES, '申报状态')),
  pending: Type.Optional(Type.Boolean({ title: '待办' })),
  policyId: Type.Optional(Type.Integer({ minimum: 1, title: '政策' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

// ---- responses ----

const AppRef = Type.Union([
  Type.Object({ id: Type.Integer(), code: S, status: S, statusLabel: S }),
  Type.Null(),
])

export const PolicyRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: S,
  title: S,
  docNumber: NS,
  issuer: S,
  level: S,
  levelLabel: S,
  benefitKind: S,
  benefitLabel: S,
  summary: NS,
  benefitText: NS,
  maxAmount: NS,
  validFrom: S,
  validTo: NS,
  validity: S,
  status: S,
  statusLabel: S,
  industries: Type.Array(S),
  scales: Type.Array(S),
  regions: Type.Array(S),
  stages: Type.Array(S),
  minInvestment: NS,
  maxInvestment: NS,
  conditions: Type.Array(S),
  contactName: NS,
  contactPhone: NS,
  publishedAt: NS,
  applicationCount: Type.Integer(),
  notifiedEnterprises: Type.Integer(),
  createdAt: S,
  version: Type.Integer(),
})

export const PolicyDetail = Type.Object({
  ...PolicyRow.properties,
  match: Type.Union([
    Type.Object({ matched: Type.Boolean(), reasons: Type.Array(S), unmet: NS }),
    Type.Null(),
  ]),
  application: AppRef,
  canEdit: Type.Boolean(),
  canPublish: Type.Boolean(),
  canWithdraw: Type.Boolean(),
  canDelete: Type.Boolean(),
  canNotify: Type.Boolean(),
  canApply: Type.Boolean(),
  notifiedUsers: Type.Optional(Type.Integer()),
})

export const PublishResponse = Type.Object({
  ...PolicyDetail.properties,
  notifiedEnterprises: Type.Integer(),
  notifiedUsers: Type.Integer(),
})

export const NotifyResponse = Type.Object({
  notifiedEnterprises: Type.Integer(),
  notifiedUsers: Type.Integer(),
})

export const MatchesResponse = Type.Object({
  policyId: Type.Integer(),
  items: Type.Array(
    Type.Object({
      enterpriseId: Type.Integer(),
      enterpriseName: S,
      reasons: Type.Array(S),
      accounts: Type.Integer(),
      notified: Type.Boolean(),
    }),
  ),
})

export const NoticesResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      enterpriseId: Type.Integer(),
      enterpriseName: S,
      userId: Type.Integer(),
      userName: S,
      notifiedAt: S,
    }),
  ),
})

export const ForEnterpriseResponse = Type.Object({
  enterprise: Type.Object({ id: Type.Integer(), name: S }),
  items: Type.Array(Type.Object({ ...PolicyRow.properties, reasons: Type.Array(S), application: AppRef })),
})

export const ApplicationRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: S,
  code: S,
  policy: Type.Object({ id: Type.Integer(), title: S, docNumber: NS, maxAmount: NS }),
  benefitLabel: S,
  enterprise: Type.Object({ id: Type.Integer(), name: S }),
  status: S,
  statusLabel: S,
  amountRequested: S,
  amountGranted: NS,
  amountPaid: S,
  content: S,
  appliedBy: Type.Union([Type.Object({ id: Type.Integer(), name: S }), Type.Null()]),
  onBehalf: Type.Boolean(),
  appliedAt: S,
  firstPaidOn: NS,
  fullyPaidOn: NS,
  updatedAt: S,
  version: Type.Integer(),
})

export const ApplicationDetail = Type.Object({
  ...ApplicationRow.properties,
  steps: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: S,
      actionLabel: S,
      fromStatus: NS,
      toStatus: S,
      toStatusLabel: S,
      note: NS,
      amount: NS,
      paidOn: NS,
      actorName: S,
      at: S,
    }),
  ),
  payments: Type.Array(Type.Object({ amount: S, paidOn: S, note: NS, actorName: S })),
  actions: Type.Array(S),
  remaining: NS,
})

const FigureFields = {
  applied: Type.Integer(),
  approved: Type.Integer(),
  rejected: Type.Integer(),
  pending: Type.Integer(),
  fullyPaid: Type.Integer(),
  requestedSum: S,
  grantedSum: S,
  paidSum: S,
  avgDaysToFirstPayment: Type.Union([Type.Number(), Type.Null()]),
  avgDaysToFullPayment: Type.Union([Type.Number(), Type.Null()]),
}

export const FiguresResponse = Type.Object({
  total: Type.Object(FigureFields),
  byZone: Type.Array(Type.Object({ zoneId: Type.Integer(), zoneName: S, ...FigureFields })),
  byPolicy: Type.Array(
    Type.Object({ policyId: Type.Integer(), title: S, benefitLabel: S, zoneName: S, ...FigureFields }),
  ),
})
