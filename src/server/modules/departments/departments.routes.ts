import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionBody } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'
import {
  CreateDepartmentBody,
  Department,
  DepartmentDetail,
  DepartmentListQuery,
  MoveDepartmentBody,
  UpdateDepartmentBody,
} from './departments.schema.ts'

const KIND_LABEL: Record<string, string> = {
  city: '市/县',
  zone: '开发区/园区',
  department: '部门',
  section: '科室',
}

export async function departmentsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.departments
  const tags = ['组织机构 Departments']

  app.get('/tree', {
    config: { permission: 'org:read' },
    schema: {
      tags,
      summary: '可见范围内的机构树（扁平列表） / Visible department tree as a flat list',
      querystring: Type.Object({ includeDisabled: Type.Optional(Type.Boolean({ title: '包含已停用' })) }),
      response: responses({ 200: Type.Object({ items: Type.Array(Department) }) }),
    },
    handler: async (req) => ({ items: await svc.tree(req.ctx().actor, req.query.includeDisabled ?? false) }),
  })

  listRoutes(app, {
    path: '/',
    permission: 'org:read',
    tags,
    summary: '机构列表 / List departments',
    querystring: DepartmentListQuery,
    response: PageSchema(Department),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出机构列表 / Export departments to Excel',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '组织机构',
      filename: '组织机构.xlsx',
      columns: [
        { header: '编号', value: (r) => r.id },
        { header: '名称', value: (r) => r.name, width: 30 },
        { header: '简称', value: (r) => r.shortName },
        { header: '类型', value: (r) => KIND_LABEL[r.kind] ?? r.kind },
        { header: '编码', value: (r) => r.code },
        { header: '上级编号', value: (r) => r.parentId },
        { header: '行政区划', value: (r) => r.regionCode },
        { header: '电话', value: (r) => r.phone },
        { header: '用户数', value: (r) => r.userCount },
        { header: '状态', value: (r) => (r.enabled ? '启用' : '停用') },
      ],
    },
  })

  app.get('/:id', {
    config: { permission: 'org:read' },
    schema: {
      tags,
      summary: '机构详情（含更名历史） / Department with name history',
      params: IdParams,
      response: responses({ 200: DepartmentDetail }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: { permission: 'org:manage' },
    schema: {
      tags,
      summary: '新建机构 / Create a department',
      body: CreateDepartmentBody,
      response: responses({ 201: Department }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: { permission: 'org:manage' },
    schema: {
      tags,
      summary: '修改机构（更名保留历史） / Update or rename',
      params: IdParams,
      body: UpdateDepartmentBody,
      response: responses({ 200: Department }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/move', {
    config: { permission: 'org:manage' },
    schema: {
      tags,
      summary: '调整上级机构 / Move under another parent',
      params: IdParams,
      body: MoveDepartmentBody,
      response: responses({ 200: Department }),
    },
    handler: async (req) => svc.move(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/disable', {
    config: { permission: 'org:manage' },
    schema: {
      tags,
      summary: '停用机构 / Disable',
      params: IdParams,
      body: VersionBody,
      response: responses({ 200: Department }),
    },
    handler: async (req) => svc.setEnabled(req.ctx(), req.params.id, false, req.body.version),
  })

  app.post('/:id/enable', {
    config: { permission: 'org:manage' },
    schema: {
      tags,
      summary: '启用机构 / Enable',
      params: IdParams,
      body: VersionBody,
      response: responses({ 200: Department }),
    },
    handler: async (req) => svc.setEnabled(req.ctx(), req.params.id, true, req.body.version),
  })
}
