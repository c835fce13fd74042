import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { moneyCell } from '../../lib/money.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import { TimelineEvent, TimelineQuery } from '../enterprises/enterprises.schema.ts'
import {
  CreateFundBody,
  CreateLeadBody,
  DeleteLeadQuery,
  Fund,
  FundsList,
  FundsQuery,
  LandResult,
  Lead,
  LeadListQuery,
  Stats,
  StatsQuery,
  TransitionBody,
  UpdateLeadBody,
} from './pipeline.schema.ts'
import { STAGE_LABEL } from './pipeline.service.ts'

export async function pipelineRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.pipeline
  const tags = ['招商引资 Pipeline']
  const read = { permission: 'pipeline:read' }
  const manage = { permission: 'pipeline:manage' }

  listRoutes(app, {
    path: '/leads',
    permission: read.permission,
    tags,
    summary: '招商项目列表（线索 → 洽谈 → 签约 → 落地） / List leads',
    querystring: LeadListQuery,
    response: PageSchema(Lead),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出招商项目 / Export leads',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '招商项目',
      filename: '招商项目.xlsx',
      columns: [
        { header: '项目名称', value: (r) => r.name, width: 32 },
        { header: '投资方', value: (r) => r.investor, width: 28 },
        { header: '阶段', value: (r) => STAGE_LABEL[r.stage as keyof typeof STAGE_LABEL] ?? r.stage },
        { header: '所属行业', value: (r) => r.industryName, width: 20 },
        { header: '招商方式', value: (r) => r.source },
        { header: '计划总投资（万元）', value: (r) => moneyCell(r.intendedInvestment), width: 18 },
        { header: '签约日期', value: (r) => r.agreementDate, width: 12 },
        { header: '协议总投资（万元）', value: (r) => moneyCell(r.agreementAmount), width: 18 },
        { header: '到位资金（万元）', value: (r) => moneyCell(r.fundsTotal), width: 16 },
        { header: '落地项目编号', value: (r) => r.projectCode, width: 16 },
        { header: '关联企业', value: (r) => r.enterpriseName, width: 24 },
        { header: '招商负责人', value: (r) => r.ownerName },
        { header: '对接人及联系方式', value: (r) => r.contact, width: 24 },
        { header: '放弃原因', value: (r) => r.droppedReason, width: 20 },
        { header: '备注', value: (r) => r.notes, width: 24 },
        { header: '所属开发区', value: (r) => r.zoneName, width: 16 },
        { header: '更新时间', value: (r) => formatBeijing(new Date(r.updatedAt)), width: 18 },
      ],
    },
  })

  app.get('/leads/:id', {
    config: read,
    schema: { tags, summary: '招商项目详情 / Lead', params: IdParams, response: responses({ 200: Lead }) },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/leads', {
    config: manage,
    schema: {
      tags,
      summary: '新增招商线索 / Create a lead',
      body: CreateLeadBody,
      response: responses({ 201: Lead }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/leads/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改招商项目 / Update a lead',
      params: IdParams,
      body: UpdateLeadBody,
      response: responses({ 200: Lead }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/leads/:id', {
    config: manage,
    schema: {
      tags,
      summary: '删除招商项目（已落地的不能删除） / Delete a lead',
      params: IdParams,
      querystring: DeleteLeadQuery,
      response: responses({ 200: Type.Object({ ok: Type.Boolean() }) }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })

  app.post('/leads/:id/transition', {
    config: manage,
    schema: {
      tags,
      summary:
        '变更阶段：洽谈（计划总投资）、签约（日期与协议总投资）、落地（生成重点项目）、放弃（原因） / Move a lead',
      params: IdParams,
      body: TransitionBody,
      response: responses({ 200: LandResult }),
    },
    handler: async (req) => svc.transition(req.ctx(), req.params.id, req.body),
  })

  app.get('/leads/:id/timeline', {
    config: read,
    schema: {
      tags,
      summary: '招商项目时间线 / Timeline of a lead',
      params: IdParams,
      querystring: TimelineQuery,
      response: responses({ 200: PageSchema(TimelineEvent) }),
    },
    handler: async (req) => svc.timeline(req.ctx().actor, req.params.id, req.query),
  })

  app.get('/stats', {
    config: read,
    schema: {
      tags,
      summary: '各阶段数量与金额（万元）及通报用语，按开发区 / Counts and sums per stage',
      querystring: StatsQuery,
      response: responses({ 200: Stats }),
    },
    handler: async (req) => svc.stats(req.ctx().actor, req.query),
  })

  app.get('/funds', {
    config: read,
    schema: {
      tags,
      summary: '项目到位资金 / Funds in place of a project',
      querystring: FundsQuery,
      response: responses({ 200: FundsList }),
    },
    handler: async (req) => svc.listFunds(req.ctx().actor, req.query.projectId),
  })

  app.post('/funds', {
    config: manage,
    schema: {
      tags,
      summary: '登记到位资金 / Record funds in place',
      body: CreateFundBody,
      response: responses({ 201: Type.Intersect([Fund, Type.Object({ total: Type.String() })]) }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.addFunds(req.ctx(), req.body)),
  })

  app.delete('/funds/:id', {
    config: manage,
    schema: {
      tags,
      summary: '删除到资记录 / Delete a funds entry',
      params: IdParams,
      response: responses({ 200: Type.Object({ ok: Type.Boolean(), total: Type.String() }) }),
    },
    handler: async (req) => svc.deleteFunds(req.ctx(), req.params.id),
  })
}
