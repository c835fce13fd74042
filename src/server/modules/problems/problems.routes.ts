import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import type { ProblemRowOut, TaskListRowOut } from './problems.presenters.ts'
import {
  AcceptBody,
  CallbackBody,
  ConfirmBody,
  CreateProblemBody,
  CreateTaskBody,
  DecideBody,
  ExtensionBody,
  ListsText,
  ListsTextQuery,
  ProblemDetail,
  ProblemListQuery,
  ProblemRow,
  ReplyBody,
  ResolveBody,
  ReturnBody,
  SupervisionBody,
  Task,
  TaskDeleteQuery,
  TaskListQuery,
  TaskListRow,
  TaskParams,
  TimelineEvent,
  TimelineQuery,
  UpdateTaskBody,
  VersionOnlyBody,
  WithdrawBody,
} from './problems.schema.ts'

const time = (iso: string | null | undefined) => (iso ? formatBeijing(new Date(iso)) : '')
const date = (iso: string | null | undefined) => time(iso).slice(0, 10)
const left = (r: ProblemRowOut) =>
  r.due ? (r.due.overdue ? `超期 ${-r.due.daysLeft} 个工作日` : `剩余 ${r.due.daysLeft} 个工作日`) : ''

type Labels = Awaited<ReturnType<Services['problems']['exportLabels']>>

/** 问题台账 — the columns of the ledger page, in its order. */
function ledgerColumns(l: Labels, withZone: boolean): Column<ProblemRowOut>[] {
  return [
    ...(withZone ? [{ header: '开发区', width: 14, value: (r: ProblemRowOut) => r.zoneName }] : []),
    { header: '编号', width: 16, value: (r) => r.code },
    { header: '问题', width: 36, value: (r) => r.title },
    { header: '企业', width: 28, value: (r) => r.enterprise?.name },
    { header: '类别', width: 10, value: (r) => l.category(r.category) },
    { header: '类型', width: 8, value: (r) => l.type(r.type) },
    { header: '来源', width: 10, value: (r) => l.source(r.source) },
    { header: '状态', width: 14, value: (r) => r.statusLabel },
    { header: '牵头单位', width: 18, value: (r) => r.leadUnit?.name },
    { header: '办结时限', width: 12, value: (r) => date(r.deadlineAt) },
    { header: '剩余/超期', width: 16, value: left },
    {
      header: '红黄绿灯',
      width: 8,
      value: (r) => ({ green: '绿', yellow: '黄', red: '红' })[r.light] ?? r.light,
    },
    { header: '督办级别', width: 10, value: (r) => l.supervision(r.supervisionLevel) },
    { header: '首问责任人', width: 10, value: (r) => r.firstReceiver?.name },
    { header: '登记时间', width: 17, value: (r) => time(r.receivedAt) },
  ]
}

/** 问题清单: what, who raised it, enterprise, project, category, status. */
function problemListColumns(l: Labels): Column<ProblemRowOut>[] {
  return [
    { header: '编号', width: 16, value: (r) => r.code },
    { header: '问题', width: 40, value: (r) => r.title },
    { header: '反映人', width: 12, value: (r) => r.reporter },
    { header: '企业', width: 28, value: (r) => r.enterprise?.name },
    { header: '项目', width: 28, value: (r) => (r.project ? `${r.project.code} ${r.project.name}` : null) },
    { header: '类别', width: 10, value: (r) => l.category(r.category) },
    { header: '来源', width: 10, value: (r) => l.source(r.source) },
    { header: '状态', width: 14, value: (r) => r.statusLabel },
    { header: '登记时间', width: 17, value: (r) => time(r.receivedAt) },
  ]
}

/** 责任清单: lead, co units, responsible leader and person, deadline. */
function responsibilityColumns(): Column<ProblemRowOut>[] {
  return [
    { header: '编号', width: 16, value: (r) => r.code },
    { header: '问题', width: 36, value: (r) => r.title },
    { header: '牵头单位', width: 18, value: (r) => r.leadUnit?.name ?? '待分办' },
    { header: '配合单位', width: 28, value: (r) => r.coUnits.map((u) => u.name).join('、') },
    { header: '责任领导', width: 10, value: (r) => r.responsibleLeader?.name },
    { header: '责任人', width: 10, value: (r) => r.responsibleUser?.name },
    { header: '办结时限（工作日）', width: 10, value: (r) => r.deadlineDays },
    { header: '截止日期', width: 12, value: (r) => date(r.deadlineAt) },
    { header: '剩余/超期', width: 16, value: left },
    { header: '是否延期', width: 8, value: (r) => (r.extended ? '是' : '') },
    { header: '状态', width: 14, value: (r) => r.statusLabel },
  ]
}

/** 任务清单: measures with owner department, person, due date, status. */
function taskColumns(): Column<TaskListRowOut>[] {
  return [
    { header: '问题编号', width: 16, value: (r) => r.problemCode },
    { header: '问题', width: 30, value: (r) => r.problemTitle },
    { header: '企业', width: 24, value: (r) => r.enterprise?.name },
    { header: '任务（措施）', width: 40, value: (r) => r.title },
    { header: '责任单位', width: 18, value: (r) => r.ownerDepartment?.name },
    { header: '责任人', width: 10, value: (r) => r.ownerUser?.name },
    { header: '完成时限', width: 12, value: (r) => r.dueDate },
    { header: '状态', width: 8, value: (r) => r.statusLabel },
    { header: '是否逾期', width: 8, value: (r) => (r.overdue ? '逾期' : '') },
    { header: '完成时间', width: 17, value: (r) => time(r.doneAt) },
  ]
}

export async function problemsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.problems
  const tags = ['问题闭环 Problems']
  const read = { permission: 'problem:read' }
  const report = { permission: 'problem:report' }
  const triage = { permission: 'problem:triage' }
  const handle = { permission: 'problem:handle' }
  const Detail = responses({ 200: ProblemDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '问题台账（按数据范围过滤） / The problem ledger',
    querystring: ProblemListQuery,
    response: PageSchema(ProblemRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出问题台账（与列表同筛选） / Export the ledger',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: async (req) => ledgerColumns(await svc.exportLabels(), !req.ctx().actor.zoneId),
      sheet: '问题台账',
      filename: '问题台账.xlsx',
    },
  })

  // ---- 三个清单 ----

  listRoutes(app, {
    path: '/lists/problems',
    permission: read.permission,
    tags,
    summary: '三个清单：问题清单 / The problem list',
    querystring: ProblemListQuery,
    response: PageSchema(ProblemRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出问题清单 / Export the problem list',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: async () => problemListColumns(await svc.exportLabels()),
      sheet: '问题清单',
      filename: '问题清单.xlsx',
    },
  })

  listRoutes(app, {
    path: '/lists/tasks',
    permission: read.permission,
    tags,
    summary: '三个清单：任务清单 / The task list',
    querystring: TaskListQuery,
    response: PageSchema(TaskListRow),
    list: (req) => svc.listTaskRows(req.ctx().actor, req.query),
    export: {
      summary: '导出任务清单 / Export the task list',
      rows: (req) => svc.exportTaskRows(req.ctx().actor, req.query),
      columns: taskColumns(),
      sheet: '任务清单',
      filename: '任务清单.xlsx',
    },
  })

  listRoutes(app, {
    path: '/lists/responsibilities',
    permission: read.permission,
    tags,
    summary: '三个清单：责任清单 / The responsibility list',
    querystring: ProblemListQuery,
    response: PageSchema(ProblemRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出责任清单 / Export the responsibility list',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: responsibilityColumns(),
      sheet: '责任清单',
      filename: '责任清单.xlsx',
    },
  })

  app.get('/lists-text', {
    config: read,
    schema: {
      tags,
      summary: '一组问题的三个清单文本（发工作群） / The three lists of a set as text',
      querystring: ListsTextQuery,
      response: responses({ 200: ListsText }),
    },
    handler: async (req) => svc.listsTextOf(req.ctx().actor, req.query),
  })

  // ---- intake ----

  app.post('/', {
    config: report,
    schema: {
      tags,
      summary:
        '反映 / 登记问题（企业为本企业反映；工作人员登记须选来源，本人为首问责任人） / Report a problem',
      body: CreateProblemBody,
      response: responses({ 201: ProblemDetail }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(req.ctx(), req.body)),
  })

  // ---- tasks and extensions by their own id ----

  app.patch('/tasks/:taskId', {
    config: handle,
    schema: {
      tags,
      summary: '修改任务（状态、责任单位、责任人、时限） / Update a task',
      params: TaskParams,
      body: UpdateTaskBody,
      response: responses({ 200: Task }),
    },
    handler: async (req) => svc.updateTask(req.ctx(), req.params.taskId, req.body),
  })

  app.delete('/tasks/:taskId', {
    config: handle,
    schema: {
      tags,
      summary: '删除任务 / Delete a task',
      params: TaskParams,
      querystring: TaskDeleteQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.deleteTask(req.ctx(), req.params.taskId, req.query.version),
  })

  app.post('/extensions/:id/decide', {
    config: triage,
    schema: {
      tags,
      summary: '审批延期申请（同意则按工作日顺延） / Decide an extension request',
      params: IdParams,
      body: DecideBody,
      response: Detail,
    },
    handler: async (req) => svc.decideExtension(req.ctx(), req.params.id, req.body),
  })

  // ---- one problem ----

  app.get('/:id', {
    config: read,
    schema: {
      tags,
      summary: '问题详情（三个清单、延期、时间线、当前用户可做的操作） / A problem',
      params: IdParams,
      response: Detail,
    },
    handler: async (req) => svc.detail(req.ctx().actor, req.params.id),
  })

  app.get('/:id/timeline', {
    config: read,
    schema: {
      tags,
      summary: '问题时间线 / Timeline',
      params: IdParams,
      querystring: TimelineQuery,
      response: responses({ 200: PageSchema(TimelineEvent) }),
    },
    handler: async (req) => svc.timeline(req.ctx().actor, req.params.id, req.query),
  })

  app.get('/:id/lists-text', {
    config: read,
    schema: {
      tags,
      summary: '一个问题的三个清单文本（发工作群） / The three lists of a problem as text',
      params: IdParams,
      response: responses({ 200: ListsText }),
    },
    handler: async (req) => svc.listsText(req.ctx().actor, req.params.id),
  })

  app.get('/:id/tasks', {
    config: read,
    schema: {
      tags,
      summary: '任务清单 / Tasks of a problem',
      params: IdParams,
      response: responses({ 200: Type.Object({ items: Type.Array(Task) }) }),
    },
    handler: async (req) => svc.listTasksOf(req.ctx().actor, req.params.id),
  })

  app.post('/:id/tasks', {
    config: handle,
    schema: {
      tags,
      summary: '新增任务（措施） / Add a task',
      params: IdParams,
      body: CreateTaskBody,
      response: responses({ 201: Task }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await svc.createTask(req.ctx(), req.params.id, req.body)),
  })

  app.post('/:id/receive', {
    config: report,
    schema: {
      tags,
      summary: '接收问题（首问责任制） / Receive (first responder)',
      params: IdParams,
      body: VersionOnlyBody,
      response: Detail,
    },
    handler: async (req) => svc.receive(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/accept', {
    config: triage,
    schema: {
      tags,
      summary: '受理分办：类型、类别、牵头与配合单位、责任人、时限 / Triage',
      params: IdParams,
      body: AcceptBody,
      response: Detail,
    },
    handler: async (req) => svc.accept(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/reply', {
    config: handle,
    schema: { tags, summary: '答复 / 办理进展 / Reply', params: IdParams, body: ReplyBody, response: Detail },
    handler: async (req) => svc.reply(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/resolve', {
    config: handle,
    schema: {
      tags,
      summary: '办结（须有办结情况和佐证材料或无佐证说明） / Resolve with evidence',
      params: IdParams,
      body: ResolveBody,
      response: Detail,
    },
    handler: async (req) => svc.resolve(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/return', {
    config: handle,
    schema: {
      tags,
      summary: '退回重新分办（须写理由） / Return to triage',
      params: IdParams,
      body: ReturnBody,
      response: Detail,
    },
    handler: async (req) => svc.returnProblem(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/extension', {
    config: handle,
    schema: {
      tags,
      summary: '申请延期 / Request an extension',
      params: IdParams,
      body: ExtensionBody,
      response: Detail,
    },
    handler: async (req) => svc.requestExtension(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/confirm', {
    config: report,
    schema: {
      tags,
      summary: '企业确认评价（不满意须说明原因，重新办理） / Confirm and rate',
      params: IdParams,
      body: ConfirmBody,
      response: Detail,
    },
    handler: async (req) => svc.confirm(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/callback', {
    config: { permission: 'problem:callback' },
    schema: {
      tags,
      summary: '回访销号（企业逾期未确认，且须办理人以外的人员） / Close by call-back',
      params: IdParams,
      body: CallbackBody,
      response: Detail,
    },
    handler: async (req) => svc.callback(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/withdraw', {
    config: report,
    schema: { tags, summary: '企业撤回 / Withdraw', params: IdParams, body: WithdrawBody, response: Detail },
    handler: async (req) => svc.withdraw(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/supervision', {
    config: triage,
    schema: {
      tags,
      summary: '设置督办级别（一般、重点、挂牌） / Supervision level',
      params: IdParams,
      body: SupervisionBody,
      response: Detail,
    },
    handler: async (req) => svc.setSupervision(req.ctx(), req.params.id, req.body),
  })
}
