import { Type } from 'typebox'
import { Version } from '../../lib/schema-parts.ts'
import { SECTION_KEYS } from './bulletin-types.ts'

const Kind = Type.Union([Type.Literal('weekly'), Type.Literal('monthly'), Type.Literal('quarterly')], {
  title: '通报类型（周 / 月 / 季度）',
})
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const BulletinListQuery = Type.Object({
  kind: Type.Optional(Kind),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('issued')], { title: '状态' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年度' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  keyword: Type.Optional(Type.String({ maxLength: 100, title: '关键词' })),
  sort: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

export const BulletinRow = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  zoneName: Type.String(),
  kind: Kind,
  periodKey: Type.String(),
  number: Nullable(Type.String()),
  title: Type.String(),
  status: Type.String(),
  generatedAt: Nullable(Type.String()),
  issuedAt: Nullable(Type.String()),
  issuedByName: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
})

export const BulletinDetail = Type.Intersect([
  BulletinRow,
  Type.Object({ content: Type.Unknown(), previewNumber: Type.String() }),
])

export const GenerateBody = Type.Object(
  {
    kind: Kind,
    periodKey: Type.String({ minLength: 1, maxLength: 10, title: '期间' }),
    zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
  },
  { additionalProperties: false },
)

const Text = (title: string) => Type.Optional(Type.String({ maxLength: 5000, title }))
export const UpdateBody = Type.Object(
  {
    version: Version,
    texts: Type.Optional(
      Type.Object(
        {
          title: Text('标题'),
          intro: Text('导语'),
          overview: Text('总体情况'),
          projects: Text('项目推进情况'),
          problems: Text('问题办理情况'),
          praise: Text('表扬'),
          criticism: Text('批评与限期整改'),
          requirements: Text('下一步工作要求'),
          copyTo: Text('抄送'),
        },
        { additionalProperties: false },
      ),
    ),
    omitted: Type.Optional(
      Type.Array(Type.Union(SECTION_KEYS.map((k) => Type.Literal(k))), {
        maxItems: SECTION_KEYS.length,
        title: '删去的部分',
      }),
    ),
  },
  { additionalProperties: false },
)

export const VersionedBody = Type.Object({ version: Version }, { additionalProperties: false })

export const SettingsBody = Type.Object(
  {
    zoneId: Type.Optional(Type.Integer({ minimum: 1, title: '开发区' })),
    issuer: Type.String({ maxLength: 100, title: '发文机关' }),
    prefix: Type.String({ maxLength: 50, title: '发文字号前缀' }),
    copyTo: Type.String({ maxLength: 500, title: '抄送' }),
  },
  { additionalProperties: false },
)
export const SettingsOut = Type.Object({
  zoneId: Type.Integer(),
  issuer: Type.String(),
  prefix: Type.String(),
  copyTo: Type.String(),
})

const PeriodDefault = Type.Object({ periodKey: Type.String(), label: Type.String() })
export const Defaults = Type.Object({
  weekly: PeriodDefault,
  monthly: PeriodDefault,
  quarterly: PeriodDefault,
})
