import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import { type Column, sendXlsx, toXlsx } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  CadenceSettings,
  MineResponse,
  ObligationQuery,
  ObligationRow,
  PeriodDetail,
  PeriodListQuery,
  PeriodRow,
  RemindBody,
  RemindResponse,
} from './cadence.schema.ts'
import type { ObligationJson, PeriodJson } from './cadence.service.ts'

const time = (iso: string | null | undefined) => (iso ? formatBeijing(new Date(iso)) : '')
const CADENCE_LABEL: Record<string, string> = { weekly: '周对接', monthly: '月汇总', quarterly: '季通报' }
export const STATUS_LABEL: Record<string, string> = {
  submitted: '按时报送',
  late: '逾期补报',
  missing: '未报',
  pending: '待报',
}

function periodColumns(): Column<PeriodJson>[] {
  return [
    { header: '开发区', width: 16, value: (r) => r.zoneName },
    { header: '类别', width: 10, value: (r) => CADENCE_LABEL[r.cadence] },
    { header: '周期', width: 30, value: (r) => r.label },
    { header: '截止时间', width: 17, value: (r) => `${time(r.dueAt)}${r.moved ? '（因节假日顺延）' : ''}` },
    { header: '应报', width: 8, value: (r) => r.counts.owed },
    { header: '按时报送', width: 10, value: (r) => r.counts.submitted },
    { header: '逾期补报', width: 10, value: (r) => r.counts.late },
    { header: '未报', width: 8, value: (r) => r.counts.missing },
    { header: '待报', width: 8, value: (r) => r.counts.pending },
    { header: '结转时间', width: 17, value: (r) => time(r.closedAt) },
  ]
}

function obligationColumns(): Column<ObligationJson>[] {
  return [
    { header: '周期', width: 30, value: (r) => r.periodLabel },
    { header: '项目编号', width: 16, value: (r) => r.code },
    { header: '项目名称', width: 36, value: (r) => r.name },
    { header: '责任人', width: 12, value: (r) => r.ownerName },
    { header: '牵头单位', width: 20, value: (r) => r.departmentName },
    { header: '状态', width: 10, value: (r) => STATUS_LABEL[r.status] },
    { header: '报送时间', width: 17, value: (r) => time(r.submittedAt) },
    { header: '最近催报', width: 17, value: (r) => time(r.remindedAt) },
  ]
}

export async function cadenceRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.cadence
  const tags = ['报送调度 Cadence']
  const read = { permission: 'rhythm:read' }
  const manage = { permission: 'cadence:manage' }

  listRoutes(app, {
    path: '/periods',
    permission: read.permission,
    tags,
    summary: '报送周期（周对接、月汇总、季通报）及应报、已报、逾期、未报数 / Cadence periods',
    querystring: PeriodListQuery,
    response: PageSchema(PeriodRow),
    list: (req) => svc.periods(req.ctx(), req.query),
    export: {
      summary: '导出报送周期 / Export periods',
      rows: async (req) => (await svc.periods(req.ctx(), req.query, true)).items,
      columns: periodColumns(),
      sheet: '报送周期',
      filename: '报送周期.xlsx',
    },
  })

  app.get('/periods/:id', {
    config: read,
    schema: {
      tags,
      summary: '一个报送周期：截止时间、统计、结转汇总、前后周期 / One period',
      params: IdParams,
      response: responses({ 200: PeriodDetail }),
    },
    handler: async (req) => svc.period(req.ctx(), req.params.id),
  })

  app.get('/periods/:id/obligations', {
    config: read,
    schema: {
      tags,
      summary: '本期应报项目及报送状态（可按状态、责任单位筛选） / Who owes an entry',
      params: IdParams,
      querystring: ObligationQuery,
      response: responses({ 200: PageSchema(ObligationRow) }),
    },
    handler: async (req) => svc.obligations(req.ctx(), req.params.id, req.query),
  })

  app.get('/periods/:id/obligations/export.xlsx', {
    config: read,
    schema: {
      tags,
      summary: '导出本期名单（默认未报送名单，与列表同筛选） / Export the list (default: not reported)',
      params: IdParams,
      querystring: ObligationQuery,
    },
    handler: async (req, reply) => {
      const q = { ...req.query, status: req.query.status ?? ('unsubmitted' as const) }
      const [p, list] = await Promise.all([
        svc.period(req.ctx(), req.params.id),
        svc.obligations(req.ctx(), req.params.id, q, true),
      ])
      const name = q.status === 'unsubmitted' ? '未报送名单' : '报送情况'
      return sendXlsx(
        reply,
        `${name}_${p.periodKey}.xlsx`,
        await toXlsx(name, obligationColumns(), list.items),
      )
    },
  })

  app.post('/periods/:id/remind', {
    config: manage,
    schema: {
      tags,
      summary: '催报：一个项目，或本期全部未报送项目（记入项目时间线） / Remind one or all',
      params: IdParams,
      body: RemindBody,
      response: responses({ 200: RemindResponse }),
    },
    handler: async (req) => svc.remind(req.ctx(), req.params.id, req.body.projectId),
  })

  app.get('/mine', {
    schema: {
      tags,
      summary: '我的待报：本人作为责任人尚未报送的周进展与月报 / What I owe',
      response: responses({ 200: MineResponse }),
    },
    handler: async (req) => svc.mine(req.ctx()),
  })

  app.get('/settings', {
    config: read,
    schema: {
      tags,
      summary: '报送截止规则（周、月、季） / Due rules',
      response: responses({ 200: CadenceSettings }),
    },
    handler: async (req) => svc.settings(req.ctx()),
  })

  app.put('/settings', {
    config: manage,
    schema: {
      tags,
      summary: '修改报送截止规则 / Update the due rules',
      body: CadenceSettings,
      response: responses({ 200: CadenceSettings }),
    },
    handler: async (req) => svc.updateSettings(req.ctx(), req.body),
  })
}
