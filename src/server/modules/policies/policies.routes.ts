import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listRoutes } from '../../lib/list-routes.ts'
import { moneyCell } from '../../lib/money.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionBody, VersionQuery } from '../../lib/schema-parts.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  ApplicationDetail,
  ApplicationListQuery,
  ApplicationRow,
  ApplyBody,
  CreatePolicyBody,
  FiguresQuery,
  FiguresResponse,
  ForEnterpriseQuery,
  ForEnterpriseResponse,
  MatchesResponse,
  NoticesResponse,
  NotifyResponse,
  PaymentBody,
  PolicyDetail,
  PolicyListQuery,
  PolicyRow,
  PublishResponse,
  ResubmitBody,
  ReviewBody,
  UpdatePolicyBody,
} from './policies.schema.ts'
import type { ApplicationRowOut, PolicyRowOut } from './policies.service.ts'

/** 惠企政策目录 — the columns of the list, in its order. */
const policyColumns: Column<PolicyRowOut>[] = [
  { header: '开发区', width: 14, value: (r) => r.zoneName },
  { header: '政策名称', width: 36, value: (r) => r.title },
  { header: '文号', width: 20, value: (r) => r.docNumber },
  { header: '发文机关', width: 20, value: (r) => r.issuer },
  { header: '层级', width: 10, value: (r) => r.levelLabel },
  { header: '支持方式', width: 16, value: (r) => r.benefitLabel },
  { header: '支持标准', width: 30, value: (r) => r.benefitText },
  { header: '最高支持(万元)', width: 14, value: (r) => moneyCell(r.maxAmount) },
  { header: '有效期起', width: 12, value: (r) => r.validFrom },
  { header: '有效期止', width: 12, value: (r) => r.validTo ?? '长期' },
  { header: '申报条件', width: 40, value: (r) => r.conditions.join('；') },
  { header: '状态', width: 8, value: (r) => r.statusLabel },
  { header: '申报数', width: 8, value: (r) => r.applicationCount },
  { header: '已通知企业', width: 10, value: (r) => r.notifiedEnterprises },
]

const applicationColumns: Column<ApplicationRowOut>[] = [
  { header: '申报编号', width: 16, value: (r) => r.code },
  { header: '政策', width: 36, value: (r) => r.policy.title },
  { header: '企业', width: 30, value: (r) => r.enterprise.name },
  { header: '状态', width: 10, value: (r) => r.statusLabel },
  { header: '申请金额(万元)', width: 14, value: (r) => moneyCell(r.amountRequested) },
  { header: '核定金额(万元)', width: 14, value: (r) => moneyCell(r.amountGranted) },
  { header: '已兑现(万元)', width: 14, value: (r) => moneyCell(r.amountPaid) },
  { header: '申报时间', width: 17, value: (r) => formatBeijing(new Date(r.appliedAt)) },
  { header: '首笔兑现日期', width: 12, value: (r) => r.firstPaidOn },
  { header: '全部兑现日期', width: 12, value: (r) => r.fullyPaidOn },
  { header: '申报人', width: 10, value: (r) => r.appliedBy?.name },
]

export async function policiesRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.policies
  const tags = ['惠企政策 Support policies']
  const read = { permission: 'policy:read' }
  const manage = { permission: 'policy:manage' }
  const Detail = responses({ 200: PolicyDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '惠企政策目录（层级、支持方式、有效期内、关键字） / Support policies',
    querystring: PolicyListQuery,
    response: PageSchema(PolicyRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出惠企政策目录 / Export policies',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: policyColumns,
      sheet: '惠企政策',
      filename: '惠企政策目录.xlsx',
    },
  })

  app.get('/for-enterprise', {
    config: read,
    schema: {
      tags,
      summary: '企业可享受的政策（符合条件的已发布、有效政策及理由） / Policies an enterprise qualifies for',
      querystring: ForEnterpriseQuery,
      response: responses({ 200: ForEnterpriseResponse }),
    },
    handler: async (req) => svc.forEnterprise(req.ctx().actor, req.query.enterpriseId),
  })

  app.get('/figures', {
    config: read,
    schema: {
      tags,
      summary: '申报与兑现统计（按政策、开发区） / Application and payment figures',
      querystring: FiguresQuery,
      response: responses({ 200: FiguresResponse }),
    },
    handler: async (req) => svc.figures(req.ctx().actor, req.query),
  })

  app.get('/:id', {
    config: read,
    schema: { tags, summary: '政策详情 / Policy', params: IdParams, response: Detail },
    handler: async (req) => svc.detail(req.ctx().actor, req.params.id),
  })

  app.get('/:id/matches', {
    config: read,
    schema: {
      tags,
      summary: '符合条件的企业及理由 / Qualifying enterprises with reasons',
      params: IdParams,
      response: responses({ 200: MatchesResponse }),
    },
    handler: async (req) => svc.matches(req.ctx().actor, req.params.id),
  })

  app.get('/:id/notices', {
    config: manage,
    schema: {
      tags,
      summary: '已通知的企业用户 / Who was notified',
      params: IdParams,
      response: responses({ 200: NoticesResponse }),
    },
    handler: async (req) => svc.notices(req.ctx().actor, req.params.id),
  })

  app.post('/', {
    config: manage,
    schema: {
      tags,
      summary: '新建惠企政策（草稿） / Create a policy',
      body: CreatePolicyBody,
      response: responses({ 201: PolicyDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  app.patch('/:id', {
    config: manage,
    schema: {
      tags,
      summary: '修改惠企政策 / Update a policy',
      params: IdParams,
      body: UpdatePolicyBody,
      response: Detail,
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: manage,
    schema: {
      tags,
      summary: '删除政策草稿 / Delete a draft',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })

  app.post('/:id/publish', {
    config: manage,
    schema: {
      tags,
      summary: '发布政策并通知符合条件的企业 / Publish and notify qualifying enterprises',
      params: IdParams,
      body: VersionBody,
      response: responses({ 200: PublishResponse }),
    },
    handler: async (req) => svc.publish(req.ctx(), req.params.id, req.body.version),
  })

  app.post('/:id/withdraw', {
    config: manage,
    schema: { tags, summary: '撤回政策 / Withdraw', params: IdParams, body: VersionBody, response: Detail },
    handler: async (req) => svc.withdraw(req.ctx(), req.params.id, req.body.version),
  })

  app.post('/:id/notify', {
    config: manage,
    schema: {
      tags,
      summary: '通知符合条件的企业（已通知过的不再通知） / Notify qualifying enterprises not yet told',
      params: IdParams,
      response: responses({ 200: NotifyResponse }),
    },
    handler: async (req) => svc.notify(req.ctx(), req.params.id),
  })
}

export async function policyApplicationsRoutes(
  fastify: FastifyInstance,
  { services }: { services: Services },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.policies
  const tags = ['惠企政策申报 Policy applications']
  const read = { permission: 'policy:read' }
  const Detail = responses({ 200: ApplicationDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '政策申报列表（企业用户只看本企业） / Applications',
    querystring: ApplicationListQuery,
    response: PageSchema(ApplicationRow),
    list: (req) => svc.listApplications(req.ctx().actor, req.query),
    export: {
      summary: '导出政策申报与兑现台账 / Export applications',
      rows: (req) => svc.exportApplications(req.ctx().actor, req.query),
      columns: applicationColumns,
      sheet: '政策申报',
      filename: '惠企政策申报兑现台账.xlsx',
    },
  })

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '申报详情：步骤、兑现记录、可执行操作 / Application',
      params: IdParams,
      response: Detail,
    },
    handler: async (req) => svc.applicationDetail(req.ctx().actor, req.params.id),
  })

  // Enterprise users (policy:apply) or service officers on the enterprise's behalf (policy:manage):
  // the service checks which one the actor is.
  app.post('/', {
    config: read,
    schema: {
      tags,
      summary: '申报惠企政策（企业用户，或服务专员代为申报） / Apply',
      body: ApplyBody,
      response: responses({ 201: ApplicationDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.apply(req.ctx(), req.body)),
  })

  app.post('/:id/resubmit', {
    config: read,
    schema: {
      tags,
      summary: '补充材料后重新提交 / Resubmit after 退回补充',
      params: IdParams,
      body: ResubmitBody,
      response: Detail,
    },
    handler: async (req) => svc.resubmit(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/review', {
    config: { permission: 'policy:manage' },
    schema: {
      tags,
      summary: '受理 / 退回补充 / 审核通过（核定金额） / 不予支持 / Review',
      params: IdParams,
      body: ReviewBody,
      response: Detail,
    },
    handler: async (req) => svc.review(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/payments', {
    config: { permission: 'policy:manage' },
    schema: {
      tags,
      summary: '登记兑现（可分多笔，合计不超过核定金额） / Record a payment',
      params: IdParams,
      body: PaymentBody,
      response: Detail,
    },
    handler: async (req) => svc.pay(req.ctx(), req.params.id, req.body),
  })
}
