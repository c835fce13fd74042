import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { percent } from '../../../shared/schedule.ts'
import { listRoutes } from '../../lib/list-routes.ts'
import { moneyCell } from '../../lib/money.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import { sendXlsx, toXlsx } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  InvestmentQuery,
  InvestmentResponse,
  MissingQuery,
  MissingResponse,
  MonthlyListQuery,
  MonthlyListResponse,
  MonthlyReport,
  PlansQuery,
  PlansResponse,
  PutMonthlyBody,
  PutPlanBody,
  PutReportSettingsBody,
  PutWeeklyBody,
  ReportSettingsSchema,
  RollupQuery,
  RollupResponse,
  WeeklyEntry,
  WeeklyListQuery,
  WeeklyTargetsQuery,
  WeeklyTargetsResponse,
} from './reports.schema.ts'

const STATUS_TEXT: Record<string, string> = {
  reported: '已报',
  late: '逾期补报',
  missing: '未报',
  pending: '待报',
  notRequired: '无需填报',
}
const LIGHT_TEXT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' }
const BY_TEXT: Record<string, string> = {
  zone: '开发区',
  department: '牵头单位',
  industry: '行业',
  level: '级别',
}

export async function reportsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.reports
  const tags = ['投资与进展填报 Reports']

  /** code → label of a dictionary, for exports. */
  async function labels(type: string) {
    const rows = await services.dictionaries.items(type, true).catch(() => [])
    return new Map(rows.map((r) => [r.code, r.label]))
  }

  // ── settings ──────────────────────────────────────────────────────────────

  app.get('/settings', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '填报截止时间 / Reporting deadlines',
      response: responses({ 200: ReportSettingsSchema }),
    },
    handler: async () => svc.settings(),
  })

  app.put('/settings', {
    config: { permission: 'portfolio:configure' },
    schema: {
      tags,
      summary: '修改填报截止时间 / Update reporting deadlines',
      body: PutReportSettingsBody,
      response: responses({ 200: ReportSettingsSchema }),
    },
    handler: async (req) => svc.updateSettings(req.ctx(), req.body),
  })

  // ── year plans ────────────────────────────────────────────────────────────

  app.get('/plans', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '项目年度计划投资 / Annual planned investment of a project',
      querystring: PlansQuery,
      response: responses({ 200: PlansResponse }),
    },
    handler: async (req) => svc.plans(req.ctx(), req.query.projectId),
  })

  app.put('/plans', {
    config: { permission: 'project:manage' },
    schema: {
      tags,
      summary: '设定年度计划投资（万元） / Set the annual plan',
      body: PutPlanBody,
      response: responses({ 200: PlansResponse }),
    },
    handler: async (req) => svc.putYearPlan(req.ctx(), req.body),
  })

  // ── monthly ───────────────────────────────────────────────────────────────

  app.put('/monthly', {
    config: { permission: 'project:report' },
    schema: {
      tags,
      summary: '填报或更正月度完成投资（每项目每月一条） / Submit monthly investment',
      body: PutMonthlyBody,
      response: responses({ 200: MonthlyReport }),
    },
    handler: async (req) => svc.submitMonthly(req.ctx(), req.body),
  })

  listRoutes(app, {
    path: '/monthly',
    permission: 'project:read',
    tags,
    summary: '月报：各重点项目当月填报、累计完成与序时进度 / Monthly report of key projects',
    querystring: MonthlyListQuery,
    response: MonthlyListResponse,
    list: (req) => svc.monthlyList(req.ctx(), req.query),
    export: {
      summary: '导出月报 / Export the monthly report',
      rows: (req) => svc.monthlyExportRows(req.ctx(), req.query),
      sheet: (q) => `${q.year}年${q.month}月投资月报`,
      filename: (q) => `投资月报-${q.year}年${q.month}月.xlsx`,
      columns: async () => {
        const [stages, levels] = await Promise.all([labels('project_stage'), labels('project_level')])
        return [
          { header: '项目编号', value: (r) => r.code, width: 16 },
          { header: '项目名称', value: (r) => r.name, width: 36 },
          { header: '开发区', value: (r) => r.zoneName, width: 14 },
          { header: '牵头单位', value: (r) => r.leadUnitName, width: 18 },
          { header: '项目阶段', value: (r) => stages.get(r.stage) ?? r.stage },
          {
            header: '项目级别',
            value: (r) => (r.level ? (levels.get(r.level) ?? r.level) : null),
            width: 18,
          },
          { header: '年度计划投资（万元）', value: (r) => moneyCell(r.annualPlan), width: 20 },
          { header: '本月完成（万元）', value: (r) => moneyCell(r.report?.completed), width: 18 },
          { header: '本年累计完成（万元）', value: (r) => moneyCell(r.completedThisYear), width: 20 },
          { header: '完成率', value: (r) => (r.completionRate == null ? null : percent(r.completionRate)) },
          { header: '序时进度', value: (r) => (r.scheduleRate == null ? null : percent(r.scheduleRate)) },
          { header: '超/欠序时（百分点）', value: (r) => r.gapPoints, width: 20 },
          { header: '红黄绿灯', value: (r) => LIGHT_TEXT[r.light] ?? r.light },
          { header: '填报状态', value: (r) => STATUS_TEXT[r.status] ?? r.status },
          { header: '逾期天数', value: (r) => r.daysLate },
          { header: '填报人', value: (r) => r.report?.submittedBy },
          {
            header: '填报时间',
            value: (r) => (r.report ? formatBeijing(new Date(r.report.submittedAt)) : null),
            width: 18,
          },
          { header: '说明', value: (r) => r.report?.note, width: 30 },
        ]
      },
    },
  })

  listRoutes(app, {
    path: '/monthly/rollup',
    permission: 'project:read',
    tags,
    summary: '月报汇总：按开发区 / 牵头单位 / 行业 / 级别 / Monthly roll-up',
    querystring: RollupQuery,
    response: RollupResponse,
    list: (req) => svc.rollup(req.ctx(), req.query),
    export: {
      summary: '导出月报汇总 / Export the roll-up',
      rows: async (req) => {
        const r = await svc.rollup(req.ctx(), req.query)
        return [...r.rows, r.total]
      },
      sheet: (q) => `按${BY_TEXT[q.by]}汇总`,
      filename: (q) => `投资月报汇总-${q.year}年${q.month}月-按${BY_TEXT[q.by]}.xlsx`,
      columns: (req) => [
        { header: BY_TEXT[req.query.by], value: (x) => x.label, width: 24 },
        { header: '项目数', value: (x) => x.projects },
        { header: '年度计划投资（万元）', value: (x) => moneyCell(x.annualPlan), width: 20 },
        { header: '累计完成（万元）', value: (x) => moneyCell(x.completed), width: 18 },
        { header: '完成率', value: (x) => (x.completionRate == null ? null : percent(x.completionRate)) },
        { header: '序时进度', value: (x) => (x.scheduleRate == null ? null : percent(x.scheduleRate)) },
        { header: '超/欠序时（百分点）', value: (x) => x.gapPoints, width: 20 },
      ],
    },
  })

  app.get('/projects/:id/investment', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '项目年度投资：计划、逐月完成、累计与序时进度 / A project’s investment year',
      params: IdParams,
      querystring: InvestmentQuery,
      response: responses({ 200: InvestmentResponse }),
    },
    handler: async (req) => svc.investment(req.ctx(), req.params.id, req.query.year),
  })

  // ── weekly ────────────────────────────────────────────────────────────────

  app.put('/weekly', {
    config: { permission: 'project:report' },
    schema: {
      tags,
      summary: '填报或修改周进展（每项目每周一条，当周及下一周可改） / Submit weekly progress',
      body: PutWeeklyBody,
      response: responses({ 200: WeeklyEntry }),
    },
    handler: async (req) => svc.submitWeekly(req.ctx(), req.body),
  })

  listRoutes(app, {
    path: '/weekly',
    permission: 'project:read',
    tags,
    summary: '周进展列表 / Weekly progress entries',
    querystring: WeeklyListQuery,
    response: PageSchema(WeeklyEntry),
    list: (req) => svc.weeklyList(req.ctx(), req.query),
    export: {
      summary: '导出周进展 / Export weekly progress',
      rows: (req) => svc.weeklyExportRows(req.ctx(), req.query),
      sheet: '周进展',
      filename: (q) => `周进展${q.weekStart ? `-${q.weekStart}` : ''}.xlsx`,
      columns: [
        { header: '周（周一）', value: (r) => r.weekStart, width: 12 },
        { header: '项目编号', value: (r) => r.projectCode, width: 16 },
        { header: '项目名称', value: (r) => r.projectName, width: 36 },
        { header: '牵头单位', value: (r) => r.leadUnitName, width: 18 },
        { header: '本周完成', value: (r) => r.done, width: 50 },
        { header: '下周计划', value: (r) => r.nextPlan, width: 40 },
        { header: '发现问题', value: (r) => r.problems, width: 40 },
        { header: '填报人', value: (r) => r.submittedBy },
        { header: '填报时间', value: (r) => formatBeijing(new Date(r.submittedAt)), width: 18 },
        { header: '是否逾期', value: (r) => (r.late ? '逾期' : '按时') },
      ],
    },
  })

  app.get('/weekly/missing', {
    config: { permission: 'project:read' },
    schema: {
      tags,
      summary: '本周未报送周进展的重点项目 / Key projects without weekly progress',
      querystring: MissingQuery,
      response: responses({ 200: MissingResponse }),
    },
    handler: async (req) => svc.weeklyMissing(req.ctx(), req.query),
  })

  app.get('/weekly/missing/export.xlsx', {
    config: { permission: 'project:read' },
    schema: { tags, summary: '导出未报送名单 / Export the missing list', querystring: MissingQuery },
    handler: async (req, reply) => {
      const r = await svc.weeklyMissing(req.ctx(), req.query, true)
      const buf = await toXlsx(
        '未报送周进展',
        [
          { header: '项目编号', value: (x) => x.code, width: 16 },
          { header: '项目名称', value: (x) => x.name, width: 36 },
          { header: '牵头单位', value: (x) => x.leadUnitName, width: 18 },
          { header: '专班负责人', value: (x) => x.teamHeads.join('、'), width: 16 },
          { header: '项目管家', value: (x) => x.stewards.join('、'), width: 16 },
          { header: '包联领导', value: (x) => x.leaders.join('、'), width: 16 },
          { header: '最近报送周', value: (x) => x.lastWeekStart, width: 12 },
        ],
        r.items,
      )
      return sendXlsx(reply, `未报送周进展-${r.weekStart}.xlsx`, buf)
    },
  })

  app.get('/weekly/projects', {
    config: { permission: 'project:report' },
    schema: {
      tags,
      summary: '可填报周进展的项目（本人参与的在前） / Projects to report on',
      querystring: WeeklyTargetsQuery,
      response: responses({ 200: WeeklyTargetsResponse }),
    },
    handler: async (req) => svc.weeklyTargets(req.ctx(), req.query),
  })
}
