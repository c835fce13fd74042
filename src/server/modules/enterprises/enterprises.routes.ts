import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'
import {
  Account,
  AccountsBody,
  CandidatesQuery,
  CreateEnterpriseBody,
  Enterprise,
  EnterpriseListQuery,
  Overview,
  TimelineEvent,
  TimelineQuery,
  UpdateEnterpriseBody,
} from './enterprises.schema.ts'

export async function enterprisesRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.enterprises
  const tags = ['企业 Enterprises']
  const read = { permission: 'enterprise:read' }
  const manage = { permission: 'enterprise:manage' }

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '企业列表（本开发区；企业用户只见本企业） / List enterprises',
    querystring: EnterpriseListQuery,
    response: PageSchema(Enterprise),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出企业列表 / Export enterprises',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '企业',
      filename: '企业.xlsx',
      columns: [
        { header: '企业名称', value: (r) => r.name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.creditCode, width: 22 },
        { header: '所属行业', value: (r) => r.industryName, width: 24 },
        { header: '行政区划', value: (r) => r.regionName, width: 14 },
        { header: '地址', value: (r) => r.address, width: 32 },
        { header: '法定代表人', value: (r) => r.legalRep },
        { header: '企业规模', value: (r) => r.scaleLabel ?? r.scale },
        { header: '包联领导', value: (r) => r.leader?.name },
        { header: '服务专员', value: (r) => r.officer?.name },
        {
          header: '联系人',
          value: (r) =>
            r.contacts.map((c) => [c.name, c.title, c.phone].filter(Boolean).join(' ')).join('；'),
          width: 32,
        },
        { header: '项目数', value: (r) => r.projectCount },
        { header: '成立日期', value: (r) => r.establishedOn, width: 12 },
        { header: '所属开发区', value: (r) => r.zoneName, width: 16 },
      ],
    },
  })

  app.get('/mine', {
    config: read,
    schema: {
      tags,
      summary: '企业用户所属的企业 / The enterprise of an enterprise user',
      response: responses({ 200: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]) }) }),
    },
    handler: async (req) => svc.mine(req.ctx().actor),
  })

  app.get('/account-candidates', {
    config: manage,
    schema: {
      tags,
      summary: '可关联的企业账号（企业用户角色，本开发区） / Enterprise accounts that can be linked',
      querystring: CandidatesQuery,
      response: responses({ 200: Type.Object({ items: Type.Array(Account) }) }),
    },
    handler: async (req) => svc.accountCandidates(req.ctx().actor, req.query),
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '企业详情 / Enterprise',
      params: IdParams,
      response: responses({ 200: Enterprise }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: manage,
    schema: {
      tags,
      summary: '登记企业（统一社会信用代码按 GB 32100 校验） / Create an enterprise',
      body: CreateEnterpriseBody,
      response: responses({ 201: Enterprise }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改企业 / Update an enterprise',
      params: IdParams,
      body: UpdateEnterpriseBody,
      response: responses({ 200: Enterprise }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.get('/:id/overview', {
    config: read,
    schema: {
      tags,
      summary: '一企一清单：企业、项目、问题、走访、服务人员与最新动态 / One enterprise, one list',
      params: IdParams,
      response: responses({ 200: Overview }),
    },
    handler: async (req) => svc.overview(req.ctx().actor, req.params.id),
  })

  app.get('/:id/timeline', {
    config: read,
    schema: {
      tags,
      summary: '企业时间线（服务记录） / Timeline of an enterprise',
      params: IdParams,
      querystring: TimelineQuery,
      response: responses({ 200: PageSchema(TimelineEvent) }),
    },
    handler: async (req) => svc.timeline(req.ctx().actor, req.params.id, req.query),
  })

  app.get('/:id/accounts', {
    config: read,
    schema: {
      tags,
      summary: '企业账号 / Accounts linked to the enterprise',
      params: IdParams,
      response: responses({ 200: Type.Object({ items: Type.Array(Account) }) }),
    },
    handler: async (req) => svc.accounts(req.ctx().actor, req.params.id),
  })

  app.put('/:id/accounts', {
    config: manage,
    schema: {
      tags,
      summary: '设置企业账号（仅企业用户角色、本开发区） / Link enterprise accounts',
      params: IdParams,
      body: AccountsBody,
      response: responses({ 200: Type.Object({ items: Type.Array(Account) }) }),
    },
    handler: async (req) => svc.setAccounts(req.ctx(), req.params.id, req.body.userIds),
  })
}
