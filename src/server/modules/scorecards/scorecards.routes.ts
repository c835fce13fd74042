import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { responses } from '../../lib/route-helpers.ts'
import { type Column, sendXlsx, toXlsx } from '../../lib/spreadsheet.ts'
import type { Services } from '../../services.ts'
import {
  ComputeBody,
  ComputeResult,
  Config,
  ConfigBody,
  ConfigQuery,
  History,
  HistoryQuery,
  Ranking,
  RankingQuery,
  Units,
  Weeks,
  WeeksQuery,
} from './scorecards.schema.ts'
import type { ScorecardsService } from './scorecards.service.ts'

type Item = Awaited<ReturnType<ScorecardsService['ranking']>>['items'][number]
type Run = NonNullable<Awaited<ReturnType<ScorecardsService['ranking']>>['run']>

const changeText = (i: Item) =>
  i.change == null ? '新' : i.change > 0 ? `↑${i.change}` : i.change < 0 ? `↓${-i.change}` : '—'

/** One row per subject: rank, change, score, then each indicator's points, then the explanation. */
function rankingColumns(run: Run | null): Column<Item>[] {
  const points = (run?.indicators ?? []).map(
    (ind): Column<Item> => ({
      header: `${ind.label}（${ind.weight}%）`,
      width: 18,
      value: (i) => i.parts.find((p) => p.key === ind.key)?.points ?? '无数据',
    }),
  )
  return [
    { header: '名次', value: (i) => i.rank, width: 8 },
    { header: '较上周', value: changeText, width: 10 },
    { header: '单位', value: (i) => i.subjectName, width: 24 },
    { header: '得分', value: (i) => i.score, width: 10 },
    ...points,
    { header: '得分说明', value: (i) => i.parts.map((p) => `${p.label}：${p.detail}`).join('；'), width: 80 },
  ]
}

/** 每周评比: /api/scorecards (rhythm:read to read; scorecard:manage to configure and recompute). */
export async function scorecardsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.scorecards
  const tags = ['每周评比 Scorecards']
  const read = { permission: 'rhythm:read' }
  const manage = { permission: 'scorecard:manage' }

  app.get('/units', {
    config: read,
    schema: {
      tags,
      summary: '可查看的开发区与上级单位 / Units the user may rank',
      response: responses({ 200: Units }),
    },
    handler: async (req) => svc.units(req.ctx()),
  })

  app.get('/ranking', {
    config: read,
    schema: {
      tags,
      summary: '一周的排名（默认最近一期）/ The ranking of a week (latest by default)',
      querystring: RankingQuery,
      response: responses({ 200: Ranking }),
    },
    handler: async (req) =>
      svc.ranking(req.ctx(), { ...req.query, subjectType: req.query.subjectType ?? 'department' }),
  })

  app.get('/ranking/export.xlsx', {
    config: read,
    schema: { tags, summary: '导出排名 / Export a ranking to Excel', querystring: RankingQuery },
    handler: async (req, reply) => {
      const type = req.query.subjectType ?? 'department'
      const r = await svc.ranking(req.ctx(), { ...req.query, subjectType: type })
      const name = `${type === 'zone' ? '开发区' : '部门'}每周评比`
      const file = `${name}${r.run ? `_${r.run.weekStart}` : ''}.xlsx`
      return sendXlsx(reply, file, await toXlsx(name, rankingColumns(r.run), r.items))
    },
  })

  app.get('/weeks', {
    config: read,
    schema: {
      tags,
      summary: '已生成排名的周（历史）/ Weeks with a ranking',
      querystring: WeeksQuery,
      response: responses({ 200: Weeks }),
    },
    handler: async (req) =>
      svc.weeks(req.ctx(), { ...req.query, subjectType: req.query.subjectType ?? 'department' }),
  })

  app.get('/history', {
    config: read,
    schema: {
      tags,
      summary: '单位的历次得分与名次 / One subject across weeks',
      querystring: HistoryQuery,
      response: responses({ 200: History }),
    },
    handler: async (req) =>
      svc.history(req.ctx(), { ...req.query, subjectType: req.query.subjectType ?? 'department' }),
  })

  app.post('/compute', {
    config: manage,
    schema: {
      tags,
      summary: '生成（重新生成）一周的排名 / Compute or recompute a week',
      body: ComputeBody,
      response: responses({ 200: ComputeResult }),
    },
    // No zone named: the manager's own zone (or the unit above their zones).
    handler: async (req) =>
      svc.computeWeek(req.body.zoneId, req.body.subjectType, req.body.weekStart, req.ctx()),
  })

  app.get('/config', {
    config: read,
    schema: {
      tags,
      summary: '评比指标与权重 / Indicators and weights',
      querystring: ConfigQuery,
      response: responses({ 200: Config }),
    },
    handler: async (req) => svc.getConfig(req.ctx(), req.query.subjectType ?? 'department'),
  })

  app.put('/config', {
    config: manage,
    schema: {
      tags,
      summary: '修改评比指标与权重 / Update indicators and weights',
      body: ConfigBody,
      response: responses({ 200: Config }),
    },
    handler: async (req) => svc.updateConfig(req.ctx(), req.body.subjectType, req.body),
  })
}
