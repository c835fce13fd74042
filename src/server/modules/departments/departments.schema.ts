import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Version } from '../../lib/schema-parts.ts'

export const DEPARTMENT_KINDS = ['city', 'zone', 'department', 'section'] as const
const Kind = Type.Union(
  DEPARTMENT_KINDS.map((k) => Type.Literal(k)),
  { title: '类型' },
)

export const Department = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  zoneId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  depth: Type.Integer(),
  sort: Type.Integer(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  headUserId: Type.Union([Type.Integer(), Type.Null()]),
  headUserName: Type.Union([Type.String(), Type.Null()]),
  userCount: Type.Integer(),
  version: Type.Integer(),
})

export const DepartmentDetail = Type.Intersect([
  Department,
  Type.Object({
    pathNames: Type.Array(Type.String()),
    nameHistory: Type.Array(
      Type.Object({
        oldName: Type.String(),
        newName: Type.String(),
        changedAt: Type.String({ format: 'date-time' }),
        changedBy: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
])

const Name = Type.String({ minLength: 1, maxLength: 60, title: '名称' })
const ShortName = Type.Union([Type.String({ maxLength: 20, title: '简称' }), Type.Null()], { title: '简称' })
const Code = Type.Union([Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$', title: '编码' }), Type.Null()], {
  title: '编码',
})
const Phone = Type.Union([Type.String({ pattern: '^[0-9+() -]{5,20}$', title: '电话' }), Type.Null()], {
  title: '电话',
})
const RegionCode = Type.Union([Type.String({ pattern: '^[0-9]{6}$', title: '行政区划' }), Type.Null()], {
  title: '行政区划',
})
const Sort = Type.Integer({ minimum: 0, maximum: 100000, title: '排序' })

export const CreateDepartmentBody = Type.Object({
  parentId: Type.Union([Type.Integer({ minimum: 1, title: '上级部门' }), Type.Null()], { title: '上级部门' }),
  kind: Kind,
  name: Name,
  shortName: Type.Optional(ShortName),
  code: Type.Optional(Code),
  sort: Type.Optional(Sort),
  regionCode: Type.Optional(RegionCode),
  phone: Type.Optional(Phone),
})

export const UpdateDepartmentBody = Type.Object({
  name: Type.Optional(Name),
  shortName: Type.Optional(ShortName),
  code: Type.Optional(Code),
  sort: Type.Optional(Sort),
  regionCode: Type.Optional(RegionCode),
  phone: Type.Optional(Phone),
  headUserId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1, title: '部门负责人' }), Type.Null()], { title: '部门负责人' }),
  ),
  version: Version,
})

export const MoveDepartmentBody = Type.Object({
  parentId: Type.Union([Type.Integer({ minimum: 1, title: '上级部门' }), Type.Null()], { title: '上级部门' }),
  version: Version,
})

export const DEPARTMENT_SORTS = ['sort', '-sort', 'name', '-name', 'id', '-id'] as const
export const DepartmentListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 60, title: '关键字' })),
  kind: Type.Optional(Kind),
  parentId: Type.Optional(Type.Integer({ minimum: 1, title: '上级部门' })),
  enabled: Type.Optional(Type.Boolean({ title: '启用状态' })),
  sort: Type.Optional(
    Type.Union(
      DEPARTMENT_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})
