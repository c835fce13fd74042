import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'
import { projectExportColumns } from './projects.export.ts'
import {
  CreateMilestoneBody,
  CreateProjectBody,
  LeadersBody,
  Milestone,
  MilestoneDeleteQuery,
  ProjectDetail,
  ProjectListQuery,
  ProjectRow,
  StageBody,
  TeamBody,
  TimelineEvent,
  TimelineQuery,
  UnitsBody,
  UpdateMilestoneBody,
  UpdateProjectBody,
} from './projects.schema.ts'

export async function projectsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.projects
  const tags = ['重点项目 Projects']
  const read = { permission: 'project:read' }
  const manage = { permission: 'project:manage' }

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '项目台账（按数据范围过滤） / The project ledger',
    querystring: ProjectListQuery,
    response: PageSchema(ProjectRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出项目台账（与列表同列、同筛选） / Export the ledger',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '重点项目台账',
      filename: '重点项目台账.xlsx',
      columns: (req) => projectExportColumns(!req.ctx().actor.zoneId),
    },
  })

  app.post('/', {
    config: manage,
    schema: {
      tags,
      summary: '新建项目（负面清单行业须填写理由） / Create a project',
      body: CreateProjectBody,
      response: responses({ 201: ProjectDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/milestones/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改节点（含实际完成日期） / Update a milestone',
      params: IdParams,
      body: UpdateMilestoneBody,
      response: responses({ 200: Milestone }),
    },
    handler: async (req) => svc.updateMilestone(req.ctx(), req.params.id, req.body),
  })

  app.delete('/milestones/:id', {
    config: manage,
    schema: {
      tags,
      summary: '删除节点 / Delete a milestone',
      params: IdParams,
      querystring: MilestoneDeleteQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.deleteMilestone(req.ctx(), req.params.id, req.query.version),
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '项目详情（五个一、节点、红黄绿灯、序时进度） / Project',
      params: IdParams,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.patch('/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改项目 / Update a project',
      params: IdParams,
      body: UpdateProjectBody,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/stage', {
    config: manage,
    schema: {
      tags,
      summary: '变更项目阶段（记入时间线） / Change the stage',
      params: IdParams,
      body: StageBody,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.changeStage(req.ctx(), req.params.id, req.body),
  })

  app.put('/:id/leaders', {
    config: manage,
    schema: {
      tags,
      summary: '设置包联领导 / Set the 包联 leaders',
      params: IdParams,
      body: LeadersBody,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.setLeaders(req.ctx(), req.params.id, req.body.userIds, req.body.version),
  })

  app.put('/:id/team', {
    config: manage,
    schema: {
      tags,
      summary: '设置工作专班 / Set the working team',
      params: IdParams,
      body: TeamBody,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.setTeam(req.ctx(), req.params.id, req.body.members, req.body.version),
  })

  app.put('/:id/units', {
    config: manage,
    schema: {
      tags,
      summary: '设置责任单位（牵头、配合） / Set the responsible units',
      params: IdParams,
      body: UnitsBody,
      response: responses({ 200: ProjectDetail }),
    },
    handler: async (req) => svc.setUnits(req.ctx(), req.params.id, req.body),
  })

  app.get('/:id/milestones', {
    config: read,
    schema: {
      tags,
      summary: '项目节点（工作方案） / Milestones',
      params: IdParams,
      response: responses({ 200: Type.Object({ items: Type.Array(Milestone) }) }),
    },
    handler: async (req) => svc.listMilestones(req.ctx().actor, req.params.id),
  })

  app.post('/:id/milestones', {
    config: manage,
    schema: {
      tags,
      summary: '新增节点 / Add a milestone',
      params: IdParams,
      body: CreateMilestoneBody,
      response: responses({ 201: Milestone }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.createMilestone(req.ctx(), req.params.id, req.body)),
  })

  app.get('/:id/timeline', {
    config: read,
    schema: {
      tags,
      summary: '项目时间线 / Timeline',
      params: IdParams,
      querystring: TimelineQuery,
      response: responses({ 200: PageSchema(TimelineEvent) }),
    },
    handler: async (req) => svc.timeline(req.ctx().actor, req.params.id, req.query),
  })
}
