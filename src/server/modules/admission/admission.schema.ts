import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Version } from '../../lib/schema-parts.ts'

export const ADMISSION_KINDS = ['forbidden', 'restricted'] as const
export const KIND_LABEL: Record<(typeof ADMISSION_KINDS)[number], string> = {
  forbidden: '禁止类',
  restricted: '限制类',
}

const Kind = Type.Union(
  ADMISSION_KINDS.map((k) => Type.Literal(k)),
  { title: '类别' },
)
/** A GB/T 4754 section letter (A–T) or a two-digit division. */
export const IndustryCode = Type.String({ pattern: '^([A-T]|[0-9]{2})$', title: '行业' })
const Reason = Type.Union([Type.String({ maxLength: 200, title: '原因' }), Type.Null()], { title: '原因' })

export const NegativeEntry = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  industryCode: Type.String(),
  industryName: Type.String(),
  /** 1 = a whole section (门类), 2 = a division (大类) */
  industryLevel: Type.Integer(),
  sectionCode: Type.String(),
  sectionName: Type.String(),
  kind: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
})

export const NEGATIVE_SORTS = [
  'industryCode',
  '-industryCode',
  'kind',
  '-kind',
  'updatedAt',
  '-updatedAt',
] as const
export const NegativeListQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(Kind),
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  sort: Type.Optional(
    Type.Union(
      NEGATIVE_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})

export const CreateNegativeBody = Type.Object({
  industryCode: IndustryCode,
  kind: Kind,
  reason: Type.Optional(Reason),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

export const UpdateNegativeBody = Type.Object({
  kind: Type.Optional(Kind),
  reason: Type.Optional(Reason),
  version: Version,
})

export const CheckQuery = Type.Object({
  industryCode: IndustryCode,
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
})

export const AdmissionResult = Type.Object({
  kind: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  industryCode: Type.String(),
  industryName: Type.String(),
})

export const CheckResponse = Type.Object({ admission: Type.Union([AdmissionResult, Type.Null()]) })
