import { Type } from 'typebox'
import { DATA_SCOPES } from '../../../shared/permissions.ts'
import { PageQuery } from '../../lib/pagination.ts'
import { Version } from '../../lib/schema-parts.ts'

const DataScope = Type.Union(
  DATA_SCOPES.map((s) => Type.Literal(s)),
  { title: '数据范围' },
)

export const Role = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  builtin: Type.Boolean(),
  triad: Type.Union([Type.String(), Type.Null()]),
  dataScope: Type.String(),
  permissions: Type.Array(Type.String()),
  customDepartmentIds: Type.Array(Type.Integer()),
  userCount: Type.Integer(),
  version: Type.Integer(),
})

const Permissions = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 200,
  uniqueItems: true,
  title: '权限',
})
const CustomDepartmentIds = Type.Array(Type.Integer({ minimum: 1 }), {
  maxItems: 500,
  uniqueItems: true,
  title: '自定义部门',
})

export const CreateRoleBody = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$', title: '编码' }),
  name: Type.String({ minLength: 1, maxLength: 30, title: '名称' }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: '说明' })),
  permissions: Permissions,
  dataScope: DataScope,
  customDepartmentIds: Type.Optional(CustomDepartmentIds),
})

export const UpdateRoleBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 30, title: '名称' })),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: '说明' })),
  permissions: Type.Optional(Permissions),
  dataScope: Type.Optional(DataScope),
  customDepartmentIds: Type.Optional(CustomDepartmentIds),
  version: Version,
})

export const RoleListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 30, title: '关键字' })),
  builtin: Type.Optional(Type.Boolean({ title: '内置' })),
})

export const PermissionCatalogue = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      zh: Type.String(),
      en: Type.String(),
      triad: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})
