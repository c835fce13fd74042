import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { moneyCell } from '../../lib/money.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import { type Column, sendXlsx, toXlsx } from '../../lib/spreadsheet.ts'
import type { Services } from '../../services.ts'
import { TARGET_KEYS, TARGET_LABEL } from './campaign-figures.ts'
import {
  CampaignDetail,
  CampaignListQuery,
  CampaignRow,
  CreateCampaignBody,
  ParticipantsBody,
  SeriesResponse,
  SummaryResponse,
  UpdateCampaignBody,
} from './campaigns.schema.ts'
import type { CampaignRowOut } from './campaigns.service.ts'

const percentOf = (r: CampaignRowOut, key: string) => r.progress.find((p) => p.key === key)

/** 攻坚行动台账: one row per campaign with each target's actual, target and percent. */
function listColumns(): Column<CampaignRowOut>[] {
  return [
    { header: '开发区', width: 16, value: (r) => r.zoneName },
    { header: '行动名称', width: 30, value: (r) => r.name },
    { header: '类型', width: 10, value: (r) => r.kindLabel },
    { header: '开始日期', width: 12, value: (r) => r.startsOn },
    { header: '结束日期', width: 12, value: (r) => r.endsOn },
    { header: '状态', width: 8, value: (r) => r.statusLabel },
    { header: '时间进度(%)', width: 11, value: (r) => r.timePercent },
    ...TARGET_KEYS.flatMap((k): Column<CampaignRowOut>[] => [
      {
        header: `${TARGET_LABEL[k].label}目标(${TARGET_LABEL[k].unit})`,
        width: 14,
        value: (r) => percentOf(r, k)?.target,
      },
      {
        header: `${TARGET_LABEL[k].label}完成(${TARGET_LABEL[k].unit})`,
        width: 14,
        value: (r) => percentOf(r, k)?.actual,
      },
      { header: `${TARGET_LABEL[k].label}完成率(%)`, width: 12, value: (r) => percentOf(r, k)?.percent },
    ]),
    { header: '参与项目', width: 9, value: (r) => r.projectCount },
    { header: '参与部门', width: 9, value: (r) => r.departmentCount },
  ]
}

type Day = {
  day: string
  source: string
  figures: { projectsToStart: number; investment: string; problemsToClose: number; visits: number }
}

function dayColumns(): Column<Day>[] {
  return [
    { header: '日期', width: 12, value: (r) => r.day },
    { header: '累计开工项目(个)', width: 16, value: (r) => r.figures.projectsToStart },
    { header: '累计完成投资(万元，按月报)', width: 22, value: (r) => moneyCell(r.figures.investment) },
    { header: '累计办结问题(个)', width: 16, value: (r) => r.figures.problemsToClose },
    { header: '累计走访(次)', width: 14, value: (r) => r.figures.visits },
    { header: '来源', width: 10, value: (r) => (r.source === 'live' ? '今日实时' : '每日快照') },
  ]
}

export async function campaignsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.campaigns
  const tags = ['攻坚行动 Campaigns']
  const read = { permission: 'rhythm:read' }
  const write = { permission: 'campaign:manage' }
  const Detail = responses({ 200: CampaignDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '攻坚行动列表（百日攻坚、专项行动；状态、关键字筛选） / Campaigns',
    querystring: CampaignListQuery,
    response: PageSchema(CampaignRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出攻坚行动台账 / Export campaigns',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: listColumns(),
      sheet: '攻坚行动',
      filename: '攻坚行动台账.xlsx',
    },
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '攻坚行动详情：目标、当前完成、参与项目与部门 / Campaign',
      params: IdParams,
      response: Detail,
    },
    handler: async (req) => svc.detail(req.ctx().actor, req.params.id),
  })

  app.get('/:id/series', {
    config: read,
    schema: {
      tags,
      summary: '每日累计完成（燃尽图数据：每日快照加今日实时） / Daily figures for the burn-up chart',
      params: IdParams,
      response: responses({ 200: SeriesResponse }),
    },
    handler: async (req) => svc.series(req.ctx().actor, req.params.id),
  })

  app.get('/:id/days/export.xlsx', {
    config: read,
    schema: { tags, summary: '导出每日累计完成 / Export the daily figures', params: IdParams },
    handler: async (req, reply) => {
      const actor = req.ctx().actor
      const [c, s] = await Promise.all([svc.detail(actor, req.params.id), svc.series(actor, req.params.id)])
      const file = await toXlsx('每日进度', dayColumns(), s.days)
      return sendXlsx(reply, `${c.name}_每日进度.xlsx`, file)
    },
  })

  app.get('/:id/summary', {
    config: read,
    schema: {
      tags,
      summary: '每日调度文字（可复制） / The daily dispatch summary',
      params: IdParams,
      response: responses({ 200: SummaryResponse }),
    },
    handler: async (req) => svc.summary(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: write,
    schema: {
      tags,
      summary: '新建攻坚行动 / Create a campaign',
      body: CreateCampaignBody,
      response: responses({ 201: CampaignDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改攻坚行动 / Update a campaign',
      params: IdParams,
      body: UpdateCampaignBody,
      response: Detail,
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.put('/:id/participants', {
    config: write,
    schema: {
      tags,
      summary: '设置参与项目与部门 / Set the participating projects and departments',
      params: IdParams,
      body: ParticipantsBody,
      response: Detail,
    },
    handler: async (req) => svc.setParticipants(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除未开始的攻坚行动 / Delete a campaign that has not started',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })
}
