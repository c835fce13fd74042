import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'
import { CreateRoleBody, PermissionCatalogue, Role, RoleListQuery, UpdateRoleBody } from './roles.schema.ts'

export async function rolesRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.roles
  const tags = ['角色与权限 Roles']

  app.get('/permissions', {
    config: { permission: 'role:read' },
    schema: {
      tags,
      summary: '权限目录 / Permission catalogue',
      response: responses({ 200: PermissionCatalogue }),
    },
    handler: async () => ({ items: svc.catalogue() }),
  })

  app.get('/', {
    config: { permission: 'role:read' },
    schema: {
      tags,
      summary: '角色列表 / List roles',
      querystring: RoleListQuery,
      response: responses({ 200: PageSchema(Role) }),
    },
    handler: async (req) => svc.list(req.query),
  })

  app.get('/:id', {
    config: { permission: 'role:read' },
    schema: { tags, summary: '角色详情 / Role', params: IdParams, response: responses({ 200: Role }) },
    handler: async (req) => svc.get(req.params.id),
  })

  app.post('/', {
    config: { permission: 'role:manage' },
    schema: {
      tags,
      summary: '新建角色 / Create a role',
      body: CreateRoleBody,
      response: responses({ 201: Role }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: { permission: 'role:manage' },
    schema: {
      tags,
      summary: '修改角色 / Update a role',
      params: IdParams,
      body: UpdateRoleBody,
      response: responses({ 200: Role }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: { permission: 'role:manage' },
    schema: {
      tags,
      summary: '删除角色 / Delete a role',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => {
      await svc.remove(req.ctx(), req.params.id, req.query.version)
      return { ok: true }
    },
  })
}
