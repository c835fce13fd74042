import { Type } from 'typebox'
import { Version } from '../../lib/schema-parts.ts'

export const DictType = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  builtin: Type.Boolean(),
  itemCount: Type.Integer(),
})

export const DictItem = Type.Object({
  id: Type.Integer(),
  typeCode: Type.String(),
  code: Type.String(),
  label: Type.String(),
  labelEn: Type.Union([Type.String(), Type.Null()]),
  color: Type.Union([Type.String(), Type.Null()]),
  sort: Type.Integer(),
  enabled: Type.Boolean(),
  version: Type.Integer(),
})

const Color = Type.Union([Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }), Type.Null()], { title: '显示颜色' })
const Label = Type.String({ minLength: 1, maxLength: 40, title: '名称' })
const LabelEn = Type.Union([Type.String({ maxLength: 60 }), Type.Null()], { title: '英文名称' })
const Sort = Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })

export const CreateDictItemBody = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$', title: '编码' }),
  label: Label,
  labelEn: Type.Optional(LabelEn),
  color: Type.Optional(Color),
  sort: Type.Optional(Sort),
  enabled: Type.Optional(Type.Boolean({ title: '启用状态' })),
})

export const UpdateDictItemBody = Type.Object({
  label: Type.Optional(Label),
  labelEn: Type.Optional(LabelEn),
  color: Type.Optional(Color),
  sort: Type.Optional(Sort),
  enabled: Type.Optional(Type.Boolean({ title: '启用状态' })),
  version: Version,
})

export const TypeParams = Type.Object({
  type: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', title: '字典类型' }),
})
export const ItemParams = Type.Object({
  type: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', title: '字典类型' }),
  id: Type.Integer({ minimum: 1, title: '编号' }),
})
