import { Type } from 'typebox'
import { SERVICE_KINDS, SERVICE_PHASES } from '../../../shared/service.ts'
import { PageQuery } from '../../lib/pagination.ts'
import { DATE_PATTERN, Version } from '../../lib/schema-parts.ts'

const Kind = Type.Union(
  SERVICE_KINDS.map((k) => Type.Literal(k)),
  { title: '服务方式' },
)
const Phase = Type.Union(
  SERVICE_PHASES.map((k) => Type.Literal(k)),
  { title: '服务阶段' },
)
const Id = (title: string) => Type.Integer({ minimum: 1, title })
const NullableId = (title: string) => Type.Optional(Type.Union([Id(title), Type.Null()], { title }))

export const CreateServiceRecordBody = Type.Object({
  enterpriseId: Id('企业'),
  projectId: NullableId('项目'),
  permitId: NullableId('手续'),
  kind: Kind,
  phase: Type.Optional(Type.Union([Phase, Type.Null()], { title: '服务阶段' })),
  contactDate: Type.String({ pattern: DATE_PATTERN, title: '服务日期' }),
  officerUserId: NullableId('服务人员'),
  summary: Type.String({ minLength: 1, maxLength: 2000, title: '服务内容' }),
  followUp: Type.Optional(
    Type.Union([Type.String({ maxLength: 1000, title: '后续跟进' }), Type.Null()], { title: '后续跟进' }),
  ),
})

export const UpdateServiceRecordBody = Type.Object({
  enterpriseId: Type.Optional(Id('企业')),
  projectId: NullableId('项目'),
  permitId: NullableId('手续'),
  kind: Type.Optional(Kind),
  phase: Type.Optional(Type.Union([Phase, Type.Null()], { title: '服务阶段' })),
  contactDate: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '服务日期' })),
  officerUserId: NullableId('服务人员'),
  summary: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, title: '服务内容' })),
  followUp: Type.Optional(
    Type.Union([Type.String({ maxLength: 1000, title: '后续跟进' }), Type.Null()], { title: '后续跟进' }),
  ),
  version: Version,
})

export const ServiceListQuery = Type.Object({
  ...PageQuery,
  zoneId: Type.Optional(Id('开发区')),
  enterpriseId: Type.Optional(Id('企业')),
  projectId: Type.Optional(Id('项目')),
  permitId: Type.Optional(Id('手续')),
  officerUserId: Type.Optional(Id('服务人员')),
  kind: Type.Optional(Kind),
  phase: Type.Optional(Phase),
  from: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '开始日期' })),
  to: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '结束日期' })),
})

export const WorkloadQuery = Type.Object({
  zoneId: Type.Optional(Id('开发区')),
  from: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '开始日期' })),
  to: Type.Optional(Type.String({ pattern: DATE_PATTERN, title: '结束日期' })),
})

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() })
const NStr = Type.Union([Type.String(), Type.Null()])

export const ServiceRecord = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  enterprise: Ref,
  project: Type.Union([
    Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
    Type.Null(),
  ]),
  permit: Type.Union([Ref, Type.Null()]),
  kind: Type.String(),
  kindLabel: Type.String(),
  phase: Type.String(),
  phaseLabel: Type.String(),
  contactDate: Type.String(),
  officer: Ref,
  summary: Type.String(),
  followUp: NStr,
  source: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
})

const Counts = (keys: readonly string[]) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])))

export const Workload = Type.Object({
  from: Type.String(),
  to: Type.String(),
  contacts: Type.Array(
    Type.Object({
      officer: Ref,
      month: Type.String(),
      total: Type.Integer(),
      byKind: Counts(SERVICE_KINDS),
      byPhase: Counts(SERVICE_PHASES),
    }),
  ),
  permits: Type.Array(
    Type.Object({ agent: Ref, open: Type.Integer(), approved: Type.Integer(), late: Type.Integer() }),
  ),
})
