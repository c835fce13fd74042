import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import type { Services } from '../../services.ts'
import {
  CreatePermitBody,
  Figures,
  FiguresQuery,
  GenerateBody,
  Permit,
  PermitListQuery,
  ProblemParams,
  ProjectParams,
  ProjectPermits,
  RaisedProblem,
  RaiseProblemBody,
  UpdatePermitBody,
} from './permits.schema.ts'
import type { PermitOut } from './permits.service.ts'

/** 帮办代办台账 — the overview's columns. */
function permitColumns(withZone: boolean): Column<PermitOut>[] {
  return [
    ...(withZone ? [{ header: '开发区', width: 14, value: (r: PermitOut) => r.zoneName }] : []),
    { header: '项目编号', width: 16, value: (r) => r.project.code },
    { header: '项目名称', width: 30, value: (r) => r.project.name },
    { header: '企业', width: 28, value: (r) => r.enterprise?.name },
    { header: '手续', width: 16, value: (r) => r.name },
    { header: '审批部门', width: 18, value: (r) => r.departmentName },
    { header: '帮办员', width: 10, value: (r) => r.agent?.name },
    { header: '状态', width: 10, value: (r) => r.statusLabel },
    { header: '提交日期', width: 12, value: (r) => r.submittedOn },
    { header: '受理日期', width: 12, value: (r) => r.acceptedOn },
    { header: '法定时限（工作日）', width: 10, value: (r) => r.timeLimitDays },
    { header: '应办结日期', width: 12, value: (r) => r.dueDate },
    { header: '批复日期', width: 12, value: (r) => r.approvedOn },
    { header: '用时（工作日）', width: 10, value: (r) => r.daysTaken?.working },
    { header: '用时（自然日）', width: 10, value: (r) => r.daysTaken?.calendar },
    { header: '超时限（工作日）', width: 10, value: (r) => (r.late ? r.lateDays : null) },
    { header: '关联问题', width: 16, value: (r) => r.problem?.code },
    { header: '说明', width: 30, value: (r) => r.note },
  ]
}

export async function permitsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.permits
  const tags = ['帮办代办 Permits']
  const read = { permission: 'service:read' }
  const write = { permission: 'service:manage' }

  app.get('/projects/:id/permits', {
    config: read,
    schema: {
      tags,
      summary: '项目的手续清单（状态、时限、用时）与签约到开工用时 / A project’s permit checklist',
      params: ProjectParams,
      response: responses({ 200: ProjectPermits }),
    },
    handler: async (req) => svc.forProject(req.ctx().actor, req.params.id),
  })

  app.post('/projects/:id/permits/from-template', {
    config: write,
    schema: {
      tags,
      summary: '按建设性质与行业从模板生成手续清单（清单为空时） / Generate the checklist from the template',
      params: ProjectParams,
      body: GenerateBody,
      response: responses({ 201: ProjectPermits }),
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await svc.generate(req.ctx(), req.params.id, { agentUserId: req.body.agentUserId })),
  })

  app.post('/projects/:id/permits', {
    config: write,
    schema: {
      tags,
      summary: '新增一项手续 / Add a permit',
      params: ProjectParams,
      body: CreatePermitBody,
      response: responses({ 201: Permit }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.create(req.ctx(), req.params.id, req.body)),
  })

  listRoutes(app, {
    path: '/permits',
    permission: read.permission,
    tags,
    summary: '帮办代办总览（各项目在办、超时限的手续） / Permits across projects',
    querystring: PermitListQuery,
    response: PageSchema(Permit),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出帮办代办台账（与列表同筛选） / Export permits',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: (req) => permitColumns(!req.ctx().actor.zoneId),
      sheet: '帮办代办',
      filename: '帮办代办台账.xlsx',
    },
  })

  app.get('/permits/figures', {
    config: read,
    schema: {
      tags,
      summary: '签约到开工用时（当年开工项目的平均数、中位数） / Signing to start of construction',
      querystring: FiguresQuery,
      response: responses({ 200: Figures }),
    },
    handler: async (req) => svc.figures(req.ctx().actor, req.query),
  })

  app.get('/permits/by-problem/:problemId', {
    config: read,
    schema: {
      tags,
      summary: '问题由哪项手续反映 / The permit a problem was raised from',
      params: ProblemParams,
      response: responses({ 200: Permit }),
    },
    handler: async (req) => svc.byProblem(req.ctx().actor, req.params.problemId),
  })

  app.patch('/permits/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改手续（状态、日期、帮办员、审批部门、时限；不适用） / Update a permit',
      params: IdParams,
      body: UpdatePermitBody,
      response: responses({ 200: Permit }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/permits/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除手续 / Delete a permit',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })

  app.post('/permits/:id/problem', {
    config: write,
    schema: {
      tags,
      summary: '手续受阻，一键反映为问题（进入问题闭环，双向关联） / Raise a stuck permit as a problem',
      params: IdParams,
      body: RaiseProblemBody,
      response: responses({ 201: RaisedProblem }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.raiseProblem(req.ctx(), req.params.id, req.body)),
  })
}
