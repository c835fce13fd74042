import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  CheckQuery,
  CheckResponse,
  CreateNegativeBody,
  KIND_LABEL,
  NegativeEntry,
  NegativeListQuery,
  UpdateNegativeBody,
} from './admission.schema.ts'

export async function admissionRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.admission
  const tags = ['产业准入负面清单 Negative list']

  listRoutes(app, {
    path: '/',
    permission: 'project:read',
    tags,
    summary: '本开发区的负面清单 / The zone negative list',
    querystring: NegativeListQuery,
    response: PageSchema(NegativeEntry),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出负面清单 / Export the negative list',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '产业准入负面清单',
      filename: '产业准入负面清单.xlsx',
      columns: [
        { header: '开发区', value: (r) => r.zoneName, width: 16 },
        { header: '行业代码', value: (r) => r.industryCode },
        { header: '行业名称', value: (r) => r.industryName, width: 30 },
        { header: '所属门类', value: (r) => `${r.sectionCode} ${r.sectionName}`, width: 24 },
        { header: '类别', value: (r) => KIND_LABEL[r.kind as 'forbidden'] ?? r.kind },
        { header: '原因', value: (r) => r.reason, width: 40 },
        { header: '更新时间', value: (r) => formatBeijing(new Date(r.updatedAt)), width: 18 },
      ],
    },
  })

  app.get('/check', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '检查行业是否在负面清单中 / Check an industry against the list',
      querystring: CheckQuery,
      response: responses({ 200: CheckResponse }),
    },
    handler: async (req) => svc.checkFor(req.ctx().actor, req.query.industryCode, req.query.zoneId),
  })

  app.get('/:id', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '负面清单条目 / Entry',
      params: IdParams,
      response: responses({ 200: NegativeEntry }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '新增负面清单行业 / Add an industry',
      body: CreateNegativeBody,
      response: responses({ 201: NegativeEntry }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '修改负面清单条目 / Update an entry',
      params: IdParams,
      body: UpdateNegativeBody,
      response: responses({ 200: NegativeEntry }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '移除负面清单条目 / Remove an entry',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })
}
