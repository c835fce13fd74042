import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionBody } from '../../lib/schema-parts.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  AssignRolesBody,
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
  UserListQuery,
  UserSummary,
} from './users.schema.ts'

export async function usersRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.users
  const tags = ['用户 Users']

  listRoutes(app, {
    path: '/',
    permission: 'user:read',
    tags,
    summary: '用户列表（按数据范围过滤） / List users within the data scope',
    querystring: UserListQuery,
    response: PageSchema(UserSummary),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出用户列表 / Export users',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '用户',
      filename: '用户.xlsx',
      columns: [
        { header: '用户名', value: (r) => r.username },
        { header: '姓名', value: (r) => r.displayName },
        { header: '所属部门', value: (r) => r.departmentName, width: 24 },
        { header: '职务', value: (r) => r.title },
        { header: '所属企业', value: (r) => r.enterprise?.name, width: 24 },
        { header: '电话', value: (r) => r.phone, width: 16 },
        { header: '电子邮箱', value: (r) => r.email, width: 24 },
        { header: '角色', value: (r) => r.roles.map((x) => x.name).join('、'), width: 24 },
        { header: '状态', value: (r) => (!r.enabled ? '停用' : r.locked ? '锁定' : '正常') },
        {
          header: '最近登录',
          value: (r) => (r.lastLoginAt ? formatBeijing(new Date(r.lastLoginAt)) : ''),
          width: 18,
        },
      ],
    },
  })

  app.get('/:id', {
    config: { permission: 'user:read' },
    schema: { tags, summary: '用户详情 / User', params: IdParams, response: responses({ 200: UserSummary }) },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: { permission: 'user:manage' },
    schema: {
      tags,
      summary: '新建用户（首次登录须改密） / Create a user',
      body: CreateUserBody,
      response: responses({ 201: UserSummary }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: { permission: 'user:manage' },
    schema: {
      tags,
      summary: '修改用户 / Update a user',
      params: IdParams,
      body: UpdateUserBody,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/disable', {
    config: { permission: 'user:manage' },
    schema: {
      tags,
      summary: '停用用户 / Disable',
      params: IdParams,
      body: VersionBody,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.setEnabled(req.ctx(), req.params.id, false, req.body.version),
  })

  app.post('/:id/enable', {
    config: { permission: 'user:manage' },
    schema: {
      tags,
      summary: '启用用户 / Enable',
      params: IdParams,
      body: VersionBody,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.setEnabled(req.ctx(), req.params.id, true, req.body.version),
  })

  app.post('/:id/reset-password', {
    config: { permission: 'user:manage' },
    schema: {
      tags,
      summary: '重置密码（下次登录须改密） / Reset password',
      params: IdParams,
      body: ResetPasswordBody,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.resetPassword(req.ctx(), req.params.id, req.body.password, req.body.version),
  })

  app.post('/:id/unlock', {
    config: { permission: 'security:manage' },
    schema: {
      tags,
      summary: '解锁账户 / Unlock',
      params: IdParams,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.unlock(req.ctx(), req.params.id),
  })

  app.put('/:id/roles', {
    config: { permission: 'role:manage' },
    schema: {
      tags,
      summary: '授予角色（三员互斥） / Assign roles',
      params: IdParams,
      body: AssignRolesBody,
      response: responses({ 200: UserSummary }),
    },
    handler: async (req) => svc.assignRoles(req.ctx(), req.params.id, req.body.roleIds, req.body.version),
  })
}
