import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { responses } from '../../lib/route-helpers.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import { percentText } from '../../lib/text.ts'
import type { Services } from '../../services.ts'
import { DeadlineSettingsSchema } from './deadline-settings.ts'
import type { FigureRow, Rate } from './supervision.service.ts'
import { Board, BoardQuery, Figures, FiguresQuery, Summary } from './supervision-schema.ts'

const pct = (r: Rate) => percentText(r.rate)
const frac = (r: Rate) => `${r.numerator}/${r.denominator}`

function figureColumns(by: 'department' | 'zone'): Column<FigureRow>[] {
  return [
    { header: by === 'zone' ? '开发区' : '牵头单位', value: (r) => r.name, width: 28 },
    { header: '受理问题（件）', value: (r) => r.received },
    { header: '响应率', value: (r) => pct(r.responseRate) },
    { header: '及时受理/应受理', value: (r) => frac(r.responseRate), width: 16 },
    { header: '首次答复及时率', value: (r) => pct(r.firstReplyRate), width: 16 },
    { header: '及时答复/应答复', value: (r) => frac(r.firstReplyRate), width: 16 },
    { header: '按期办结率', value: (r) => pct(r.onTimeRate) },
    { header: '按期办结/已办结', value: (r) => frac(r.onTimeRate), width: 16 },
    { header: '办结率', value: (r) => pct(r.resolutionRate) },
    { header: '已办结/已受理', value: (r) => frac(r.resolutionRate), width: 16 },
    { header: '满意率', value: (r) => pct(r.satisfactionRate) },
    { header: '满意/已评价', value: (r) => frac(r.satisfactionRate), width: 14 },
    { header: '逾期（件）', value: (r) => r.overdueCount },
    { header: '逾期（工作日）', value: (r) => r.overdueDays },
    { header: '平均办理（工作日）', value: (r) => r.avgResolveDays, width: 18 },
  ]
}

/** Problems per list on the 日调度 page: a zone's few hundred worst; the problem list has them all. */
const BOARD_LIST_LIMIT = 200

/** 日调度 and 三率: /api/supervision. */
export async function supervisionRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.supervision
  const tags = ['督办与日调度 Supervision']

  app.get('/daily', {
    config: { permission: 'supervision:read' },
    schema: {
      tags,
      summary: '日调度看板：新增、今日到期、逾期、已升级督办、待确认、延期申请、退回 / Daily dispatch board',
      querystring: BoardQuery,
      response: responses({ 200: Board }),
    },
    // the page shows at most BOARD_LIST_LIMIT problems a list (counts exact) unless it asks otherwise
    handler: async (req) => svc.board(req.ctx().actor, { limit: BOARD_LIST_LIMIT, ...req.query }),
  })

  app.get('/daily/summary', {
    config: { permission: 'supervision:read' },
    schema: {
      tags,
      summary: '一键生成日调度文字（可直接发工作群） / The daily summary as text for the work group',
      querystring: BoardQuery,
      response: responses({ 200: Summary }),
    },
    handler: async (req) => svc.summaryText(req.ctx().actor, req.query),
  })

  listRoutes(app, {
    path: '/figures',
    permission: 'supervision:read',
    tags,
    summary: '部门评价（三率）：响应率、按期办结率、办结率、满意率、逾期 / Department figures',
    querystring: FiguresQuery,
    response: Figures,
    list: (req) => svc.figures(req.ctx().actor, req.query),
    export: {
      summary: '导出部门评价 / Export department figures to Excel',
      rows: async (req) => {
        const f = await svc.figures(req.ctx().actor, req.query)
        return [...f.rows, f.total]
      },
      columns: (req) => figureColumns(req.query.by ?? 'department'),
      sheet: (q) => (q.by === 'zone' ? '开发区评价' : '部门评价'),
      filename: (q) =>
        `${q.by === 'zone' ? '开发区评价' : '部门评价'}${q.from ? `_${q.from}` : ''}${q.to ? `_${q.to}` : ''}.xlsx`,
    },
  })
}

/** 限时办结 settings: /api/problem-settings (read with problem:read, change with portfolio:configure). */
export async function problemSettingsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['督办与日调度 Supervision']

  app.get('/', {
    config: { permission: 'problem:read' },
    schema: {
      tags,
      summary: '问题办理时限（工作日） / Problem deadline settings',
      response: responses({ 200: DeadlineSettingsSchema }),
    },
    handler: async () => services.deadlines.get(),
  })

  app.put('/', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '修改问题办理时限 / Update problem deadline settings',
      body: DeadlineSettingsSchema,
      response: responses({ 200: DeadlineSettingsSchema }),
    },
    handler: async (req) => services.supervision.updateDeadlines(req.ctx(), req.body),
  })
}
