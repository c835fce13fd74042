import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Coordinate, DATE_PATTERN, Version } from '../../lib/schema-parts.ts'
import { PHONE_PATTERN } from '../users/users.schema.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T, title: string) =>
  Type.Union([s, Type.Null()], { title })

export const Contact = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 30, title: '联系人姓名' }),
  title: Type.Optional(Nullable(Type.String({ maxLength: 30 }), '联系人职务')),
  phone: Type.Optional(Nullable(Type.String({ pattern: PHONE_PATTERN }), '联系人电话')),
})

const Person = Type.Union([
  Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    title: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    departmentName: Type.Union([Type.String(), Type.Null()]),
  }),
  Type.Null(),
])

const S = Type.String()
const NS = Type.Union([Type.String(), Type.Null()])

export const Enterprise = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: S,
  name: S,
  creditCode: NS,
  industryCode: NS,
  industryName: NS,
  regionCode: NS,
  regionName: NS,
  address: NS,
  lng: NS,
  lat: NS,
  legalRep: NS,
  scale: NS,
  scaleLabel: NS,
  contacts: Type.Array(Type.Object({ name: S, title: Type.Optional(NS), phone: Type.Optional(NS) })),
  leaderUserId: Type.Union([Type.Integer(), Type.Null()]),
  leader: Person,
  officerUserId: Type.Union([Type.Integer(), Type.Null()]),
  officer: Person,
  establishedOn: NS,
  description: NS,
  projectCount: Type.Integer(),
  accountCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
})

const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, title: '企业名称' }),
  creditCode: Type.Optional(Nullable(Type.String({ maxLength: 30 }), '统一社会信用代码')),
  industryCode: Type.Optional(Nullable(Type.String({ maxLength: 10 }), '所属行业')),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$' }), '行政区划')),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }), '地址')),
  lng: Type.Optional(Coordinate('经度', 180)),
  lat: Type.Optional(Coordinate('纬度', 90)),
  legalRep: Type.Optional(Nullable(Type.String({ maxLength: 30 }), '法定代表人')),
  scale: Type.Optional(Nullable(Type.String({ maxLength: 30 }), '企业规模')),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 20, title: '联系人' })),
  leaderUserId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '包联领导' })),
  officerUserId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '服务专员' }),
  ),
  establishedOn: Type.Optional(Nullable(Type.String({ pattern: DATE_PATTERN }), '成立日期')),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }), '企业简介')),
}

export const CreateEnterpriseBody = Type.Object({
  ...fields,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '所属开发区' })),
})

export const UpdateEnterpriseBody = Type.Object({
  ...fields,
  name: Type.Optional(fields.name),
  version: Version,
})

export const ENTERPRISE_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'projectCount',
  '-projectCount',
] as const

export const EnterpriseListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  industry: Type.Optional(Type.String({ pattern: '^([A-T]|[0-9]{2,4})$', title: '行业' })),
  region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', title: '行政区划' })),
  scale: Type.Optional(Type.String({ maxLength: 30, title: '企业规模' })),
  leaderUserId: Type.Optional(Type.Integer({ minimum: 1, title: '包联领导' })),
  officerUserId: Type.Optional(Type.Integer({ minimum: 1, title: '服务专员' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '所属开发区' })),
  sort: Type.Optional(
    Type.Union(
      ENTERPRISE_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})

export const TimelineQuery = Type.Object({ ...PageQuery })

export const TimelineEvent = Type.Object({
  id: Type.Union([Type.String(), Type.Integer()]),
  subjectType: S,
  subjectId: Type.Integer(),
  kind: S,
  at: Type.String({ format: 'date-time' }),
  actorName: NS,
  summary: S,
  data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

export const ProjectSummary = Type.Object({
  id: Type.Integer(),
  code: S,
  name: S,
  stage: S,
  light: S,
  lightReasons: Type.Array(Type.Unknown()),
  totalInvestment: S,
  isKey: Type.Boolean(),
  isPublic: Type.Boolean(),
})

export const Account = Type.Object({
  id: Type.Integer(),
  username: S,
  displayName: S,
  phone: NS,
  enabled: Type.Boolean(),
  enterpriseId: Type.Union([Type.Integer(), Type.Null()]),
  enterpriseName: NS,
})

export const Overview = Type.Object({
  enterprise: Enterprise,
  projects: Type.Array(ProjectSummary),
  problems: Type.Array(Type.Unknown()),
  visits: Type.Array(Type.Unknown()),
  counts: Type.Object({
    projects: Type.Integer(),
    problems: Type.Integer(),
    openProblems: Type.Integer(),
    visits: Type.Integer(),
  }),
  serviceContacts: Type.Array(
    Type.Object({
      role: Type.Union([Type.Literal('leader'), Type.Literal('officer')]),
      id: Type.Integer(),
      name: S,
      title: NS,
      phone: NS,
      departmentName: NS,
    }),
  ),
  accounts: Type.Array(Account),
  timeline: Type.Array(TimelineEvent),
})

export const AccountsBody = Type.Object({
  userIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, uniqueItems: true, title: '企业账号' }),
})

export const CandidatesQuery = Type.Object({
  keyword: Type.Optional(Type.String({ maxLength: 30, title: '关键字' })),
  enterpriseId: Type.Optional(Type.Integer({ minimum: 1, title: '企业' })),
})
