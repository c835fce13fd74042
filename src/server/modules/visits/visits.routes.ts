import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import { type Column, sendXlsx, toXlsx } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  CreateVisitBody,
  DeleteQuery,
  ReplySuggestionBody,
  StatsQuery,
  Suggestion,
  SuggestionListQuery,
  UpdateSuggestionBody,
  UpdateVisitBody,
  VisitDetail,
  VisitListQuery,
  VisitProblemBody,
  VisitRow,
  VisitStats,
  VisitSuggestionBody,
} from './visits.schema.ts'
import type { SuggestionOut, VisitRowOut } from './visits.service.ts'

const time = (iso: string | null | undefined) => (iso ? formatBeijing(new Date(iso)) : '')
const names = (xs: Array<{ name: string }>) => xs.map((x) => x.name).join('、')

/** 走访台账 — the columns of the list page, in its order. */
function visitColumns(withZone: boolean): Column<VisitRowOut>[] {
  return [
    ...(withZone ? [{ header: '开发区', width: 14, value: (r: VisitRowOut) => r.zoneName }] : []),
    { header: '编号', width: 18, value: (r) => r.code },
    { header: '走访日期', width: 12, value: (r) => r.visitDate },
    { header: '类型', width: 12, value: (r) => r.kindLabel },
    { header: '走访领导', width: 20, value: (r) => names(r.leaders) },
    { header: '走访主题', width: 36, value: (r) => r.summary },
    { header: '地点', width: 24, value: (r) => r.place },
    { header: '走访企业', width: 36, value: (r) => names(r.enterprises) },
    { header: '走访项目', width: 36, value: (r) => r.projects.map((p) => `${p.code} ${p.name}`).join('、') },
    { header: '参加人员', width: 24, value: (r) => r.participants },
    { header: '发现问题', width: 10, value: (r) => r.problemCount },
    { header: '提出建议', width: 10, value: (r) => r.suggestionCount },
    { header: '采纳建议', width: 10, value: (r) => r.adoptedCount },
    { header: '照片', width: 8, value: (r) => r.photoCount },
    { header: '登记人', width: 10, value: (r) => r.createdBy?.name },
    { header: '登记时间', width: 17, value: (r) => time(r.createdAt) },
  ]
}

/** 建议台账: who suggested what to whom, and how it was adopted. */
function suggestionColumns(): Column<SuggestionOut>[] {
  return [
    { header: '走访编号', width: 18, value: (r) => r.visit?.code },
    { header: '走访日期', width: 12, value: (r) => r.visit?.visitDate },
    { header: '提出领导', width: 10, value: (r) => r.leader?.name },
    { header: '涉及企业', width: 28, value: (r) => r.enterprise?.name },
    { header: '建议内容', width: 48, value: (r) => r.content },
    { header: '提交部门', width: 18, value: (r) => r.department?.name },
    { header: '采纳情况', width: 10, value: (r) => r.adoptionLabel },
    { header: '答复意见', width: 48, value: (r) => r.reply },
    { header: '答复人', width: 10, value: (r) => r.repliedBy?.name },
    { header: '答复时间', width: 17, value: (r) => time(r.repliedAt) },
  ]
}

type Stats = Awaited<ReturnType<Services['visits']['stats']>>
type StatsRow = Stats['leaders'][number] & { label?: string }

function statsColumns(): Column<StatsRow>[] {
  return [
    { header: '领导', width: 12, value: (r) => r.label ?? r.leader.name },
    { header: '职务', width: 18, value: (r) => r.leader.title },
    { header: '走访次数', width: 10, value: (r) => r.visits },
    { header: '覆盖企业', width: 10, value: (r) => r.enterprises },
    { header: '发现问题', width: 10, value: (r) => r.problemsRaised },
    { header: '已解决问题', width: 10, value: (r) => r.problemsResolved },
    { header: '提出建议', width: 10, value: (r) => r.suggestions.total },
    { header: '采纳', width: 8, value: (r) => r.suggestions.adopted },
    { header: '部分采纳', width: 10, value: (r) => r.suggestions.partly },
    { header: '未采纳', width: 8, value: (r) => r.suggestions.notAdopted },
    { header: '待答复', width: 8, value: (r) => r.suggestions.pending },
  ]
}

export async function visitsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.visits
  const tags = ['走访调研 Visits']
  const read = { permission: 'visit:read' }
  const write = { permission: 'visit:write' }
  const Detail = responses({ 200: VisitDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '走访台账（四下基层、现场办公、调研） / The visit ledger',
    querystring: VisitListQuery,
    response: PageSchema(VisitRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出走访台账（与列表同筛选） / Export visits',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: (req) => visitColumns(!req.ctx().actor.zoneId),
      sheet: '走访台账',
      filename: '走访台账.xlsx',
    },
  })

  app.get('/stats', {
    config: read,
    schema: {
      tags,
      summary: '领导走访统计（任意时段：走访、覆盖企业、问题、建议与采纳） / Per-leader figures',
      querystring: StatsQuery,
      response: responses({ 200: VisitStats }),
    },
    handler: async (req) => svc.stats(req.ctx().actor, req.query),
  })

  app.get('/stats/export.xlsx', {
    config: read,
    schema: { tags, summary: '导出领导走访统计 / Export the per-leader figures', querystring: StatsQuery },
    handler: async (req, reply) => {
      const st = await svc.stats(req.ctx().actor, req.query)
      const total: StatsRow = {
        label: '合计',
        leader: { id: 0, name: '合计', title: null, departmentName: null },
        visits: st.totals.visits,
        enterprises: st.totals.enterprises,
        problemsRaised: st.totals.problemsRaised,
        problemsResolved: st.totals.problemsResolved,
        suggestions: st.totals.suggestions,
      }
      const file = await toXlsx('领导走访统计', statsColumns(), [...st.leaders, total])
      return sendXlsx(reply, `领导走访统计_${st.from}_${st.to}.xlsx`, file)
    },
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '走访详情：领导、企业、项目、发现的问题与建议、照片数、时间线 / Visit',
      params: IdParams,
      response: Detail,
    },
    handler: async (req) => svc.detail(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: write,
    schema: {
      tags,
      summary:
        '登记走访（可同时登记发现的问题——直接进入问题闭环——和建议） / Record a visit with its problems and suggestions',
      body: CreateVisitBody,
      response: responses({ 201: VisitDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改走访 / Update a visit',
      params: IdParams,
      body: UpdateVisitBody,
      response: Detail,
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除误登记的走访（已登记问题或建议已答复的不能删除） / Delete a visit',
      params: IdParams,
      querystring: DeleteQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })

  app.post('/:id/problems', {
    config: write,
    schema: {
      tags,
      summary: '为走访补充登记问题（进入问题闭环） / Add a problem found on the visit',
      params: IdParams,
      body: VisitProblemBody,
      response: responses({
        201: Type.Object({ id: Type.Integer(), code: Type.String(), visit: VisitDetail }),
      }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.addProblem(req.ctx(), req.params.id, req.body)),
  })

  app.post('/:id/suggestions', {
    config: write,
    schema: {
      tags,
      summary: '为走访补充建议 / Add a suggestion made on the visit',
      params: IdParams,
      body: VisitSuggestionBody,
      response: responses({ 201: Suggestion }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.addSuggestion(req.ctx(), req.params.id, req.body)),
  })
}

export async function suggestionsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.visits
  const tags = ['走访调研 Visits']
  const read = { permission: 'visit:read' }
  const write = { permission: 'visit:write' }

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '建议台账（走访中提出的建议及采纳情况） / Suggestions and their adoption',
    querystring: SuggestionListQuery,
    response: PageSchema(Suggestion),
    list: (req) => svc.listSuggestions(req.ctx().actor, req.query),
    export: {
      summary: '导出建议台账 / Export suggestions',
      rows: (req) => svc.exportSuggestions(req.ctx().actor, req.query),
      columns: suggestionColumns(),
      sheet: '建议台账',
      filename: '建议台账.xlsx',
    },
  })

  app.patch('/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改建议（答复前） / Update a suggestion',
      params: IdParams,
      body: UpdateSuggestionBody,
      response: responses({ 200: Suggestion }),
    },
    handler: async (req) => svc.updateSuggestion(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/reply', {
    config: { permission: 'suggestion:reply' },
    schema: {
      tags,
      summary: '答复建议并登记采纳情况（建议提交的部门或督查室） / Reply and record adoption',
      params: IdParams,
      body: ReplySuggestionBody,
      response: responses({ 200: Suggestion }),
    },
    handler: async (req) => svc.reply(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除建议（答复前） / Delete a suggestion',
      params: IdParams,
      querystring: DeleteQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.removeSuggestion(req.ctx(), req.params.id, req.query.version),
  })
}
