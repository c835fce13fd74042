import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import type { Services } from '../../services.ts'
import {
  CreateServiceRecordBody,
  ServiceListQuery,
  ServiceRecord,
  UpdateServiceRecordBody,
  Workload,
  WorkloadQuery,
} from './service-records.schema.ts'
import type { ServiceRecordOut } from './service-records.service.ts'

const columns: Column<ServiceRecordOut>[] = [
  { header: '服务日期', width: 12, value: (r) => r.contactDate },
  { header: '企业', width: 28, value: (r) => r.enterprise.name },
  { header: '阶段', width: 8, value: (r) => r.phaseLabel },
  { header: '方式', width: 8, value: (r) => r.kindLabel },
  { header: '服务人员', width: 10, value: (r) => r.officer.name },
  { header: '项目', width: 30, value: (r) => (r.project ? `${r.project.code} ${r.project.name}` : '') },
  { header: '手续', width: 14, value: (r) => r.permit?.name },
  { header: '服务内容', width: 48, value: (r) => r.summary },
  { header: '后续跟进', width: 30, value: (r) => r.followUp },
]

export async function serviceRecordsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.serviceRecords
  const tags = ['服务记录 Service record']
  const read = { permission: 'service:read' }
  const write = { permission: 'service:manage' }

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '服务记录（产前、产中、产后，最新在前） / Service contacts, newest first',
    querystring: ServiceListQuery,
    response: PageSchema(ServiceRecord),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出服务记录（与列表同筛选） / Export the service record',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns,
      sheet: '服务记录',
      filename: '服务记录.xlsx',
    },
  })

  app.get('/workload', {
    config: read,
    schema: {
      tags,
      summary:
        '服务人员工作量（每月按方式、阶段的服务次数；帮办在办、已批复、超时限） / Per-officer workload',
      querystring: WorkloadQuery,
      response: responses({ 200: Workload }),
    },
    handler: async (req) => svc.workload(req.ctx().actor, req.query),
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '一条服务记录 / One contact',
      params: IdParams,
      response: responses({ 200: ServiceRecord }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: write,
    schema: {
      tags,
      summary: '登记服务记录（阶段默认按项目阶段） / Record a service contact',
      body: CreateServiceRecordBody,
      response: responses({ 201: ServiceRecord }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改服务记录 / Update a contact',
      params: IdParams,
      body: UpdateServiceRecordBody,
      response: responses({ 200: ServiceRecord }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除服务记录 / Delete a contact',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })
}
