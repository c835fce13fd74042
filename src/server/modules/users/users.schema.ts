import { Type } from 'typebox'
import { PageQuery } from '../../lib/pagination.ts'
import { Version } from '../../lib/schema-parts.ts'

export const PHONE_PATTERN = '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$'

export const UserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  zoneId: Type.Union([Type.Integer(), Type.Null()]),
  enterprise: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  locked: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  roles: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      triad: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  version: Type.Integer(),
})

const DisplayName = Type.String({ minLength: 1, maxLength: 30, title: '姓名' })
const Title = Type.Union([Type.String({ maxLength: 30 }), Type.Null()], { title: '职务' })
const Phone = Type.Union([Type.String({ pattern: PHONE_PATTERN }), Type.Null()], { title: '电话' })
const Email = Type.Union([Type.String({ format: 'email', maxLength: 100 }), Type.Null()], {
  title: '电子邮箱',
})

export const CreateUserBody = Type.Object({
  username: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,31}$', title: '用户名' }),
  displayName: DisplayName,
  departmentId: Type.Integer({ minimum: 1, title: '所属部门' }),
  title: Type.Optional(Title),
  phone: Type.Optional(Phone),
  email: Type.Optional(Email),
  password: Type.String({ minLength: 1, maxLength: 128, title: '初始密码' }),
})

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(DisplayName),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '所属部门' })),
  title: Type.Optional(Title),
  phone: Type.Optional(Phone),
  email: Type.Optional(Email),
  version: Version,
})

export const ResetPasswordBody = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 128, title: '新密码' }),
  version: Version,
})

export const AssignRolesBody = Type.Object({
  roleIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, uniqueItems: true, title: '角色' }),
  version: Version,
})

export const USER_SORTS = [
  'username',
  '-username',
  'displayName',
  '-displayName',
  'createdAt',
  '-createdAt',
  'lastLoginAt',
  '-lastLoginAt',
] as const
export const UserListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Type.String({ maxLength: 50, title: '关键字' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, title: '所属部门' })),
  roleId: Type.Optional(Type.Integer({ minimum: 1, title: '角色' })),
  enabled: Type.Optional(Type.Boolean({ title: '启用状态' })),
  locked: Type.Optional(Type.Boolean({ title: '锁定状态' })),
  sort: Type.Optional(
    Type.Union(
      USER_SORTS.map((s) => Type.Literal(s)),
      { title: '排序' },
    ),
  ),
})
