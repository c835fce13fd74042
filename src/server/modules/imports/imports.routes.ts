import path from 'node:path'
import fastifyMultipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../../errors.ts'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { responses } from '../../lib/route-helpers.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import {
  ImportJob,
  ImportJobDetail,
  JobListQuery,
  JobParams,
  JobRowsQuery,
  RowOutcome,
  StartResponse,
} from './imports.schema.ts'

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const STATUS_LABEL: Record<string, string> = {
  queued: '排队中',
  running: '处理中',
  done: '完成',
  failed: '失败',
}

function attachment(reply: FastifyReply, filename: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="import.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
}

/** Reads the multipart upload: one .xlsx `file`, `dryRun`, optional `zoneId`. */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传 .xlsx 文件', {
      field: 'file',
    })
  const fields: Record<string, string> = {}
  let file: { filename: string; data: Buffer } | null = null
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer()
        if (part.fieldname === 'file' && !file) file = { filename: part.filename, data }
      } else fields[part.fieldname] = String(part.value ?? '')
    }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 20 MB，请拆分后分批导入', { field: 'file' })
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new AppError('VALIDATION', '一次只能上传一个 .xlsx 文件', { field: 'file' })
    throw err
  }
  if (!file?.filename) throw new AppError('VALIDATION', '请选择要上传的 .xlsx 文件', { field: 'file' })
  const filename = path.basename(file.filename.replace(/\\/g, '/')).slice(-200)
  if (!/\.xlsx$/i.test(filename)) {
    const old = /\.(xls|et|csv|wps)$/i.test(filename)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      old
        ? `只支持 .xlsx 格式，请在 Excel 中将「${filename}」另存为 .xlsx 后再上传`
        : `只支持 .xlsx 格式的 Excel 文件，「${filename}」不是 .xlsx 文件`,
      { field: 'file' },
    )
  }
  if (file.data.length === 0) throw new AppError('VALIDATION', '上传的文件是空的', { field: 'file' })
  if (file.data.length < 4 || file.data.readUInt32BE(0) !== 0x504b0304)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `「${filename}」不是有效的 .xlsx 文件（内容不是 Excel 工作簿）`,
      {
        field: 'file',
      },
    )
  const dry = (fields.dryRun ?? 'true').trim().toLowerCase()
  if (!['true', 'false', '1', '0'].includes(dry))
    throw new AppError('VALIDATION', '「预检」(dryRun) 只能是 true 或 false', { field: 'dryRun' })
  let zoneId: number | null = null
  if (fields.zoneId !== undefined && fields.zoneId.trim() !== '') {
    zoneId = Number(fields.zoneId)
    if (!Number.isInteger(zoneId) || zoneId < 1)
      throw new AppError('VALIDATION', '「开发区」(zoneId) 应为正整数', { field: 'zoneId' })
  }
  return { filename, data: file.data, dryRun: dry === 'true' || dry === '1', zoneId }
}

export async function importsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  // Registered here, so multipart parsing exists only under /api/imports.
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  })
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.imports
  svc.setErrorLogger((err, jobId) => fastify.log.error({ err, jobId }, 'import job failed'))
  const tags = ['台账导入 Ledger import']
  const permission = 'project:import'

  app.get('/template.xlsx', {
    config: { permission },
    schema: { tags, summary: '下载台账导入模板 / Download the ledger template' },
    handler: async (req, reply) => {
      const buf = await svc.template(req.ctx().actor)
      return attachment(reply, '重点项目台账导入模板.xlsx').send(buf)
    },
  })

  app.post('/ledger', {
    config: { permission },
    schema: {
      tags,
      summary:
        '上传台账（预检或导入），后台处理 / Upload a ledger (dry run or commit), processed in the background',
      description:
        'multipart/form-data：file（.xlsx，≤ 20 MB）、dryRun（true 预检 / false 导入）、zoneId（跨开发区用户必填）。' +
        '返回 202 与任务编号，用 GET /api/imports/{id} 查询进度与结果。',
      consumes: ['multipart/form-data'],
      // Documents the form; the multipart stream is read and checked in the handler (no JSON to validate).
      body: Type.Object({
        file: Type.String({ format: 'binary', title: '台账文件', description: '.xlsx，≤ 20 MB' }),
        dryRun: Type.Optional(Type.Boolean({ title: '预检', description: 'true 仅预检，不写入' })),
        zoneId: Type.Optional(Type.Integer({ title: '开发区', description: '跨开发区用户必填' })),
      }),
      response: responses({ 202: StartResponse }),
    },
    validatorCompiler: () => () => true,
    handler: async (req, reply) => {
      const upload = await readUpload(req)
      return reply.status(202).send(await svc.start(req.ctx(), upload))
    },
  })

  listRoutes(app, {
    path: '/',
    permission,
    tags,
    summary: '最近的导入任务 / Recent import jobs',
    querystring: JobListQuery,
    response: PageSchema(ImportJob),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出导入任务列表 / Export import jobs',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      sheet: '导入任务',
      filename: '导入任务.xlsx',
      columns: [
        { header: '时间', value: (r) => formatBeijing(new Date(r.createdAt)), width: 18 },
        { header: '文件', value: (r) => r.filename, width: 30 },
        { header: '开发区', value: (r) => r.zoneName, width: 20 },
        { header: '操作人', value: (r) => r.userName },
        { header: '类型', value: (r) => (r.dryRun ? '预检' : '导入') },
        { header: '状态', value: (r) => STATUS_LABEL[r.status] ?? r.status },
        { header: '总行数', value: (r) => r.total },
        { header: '新建', value: (r) => r.summary?.created ?? null },
        { header: '更新', value: (r) => r.summary?.updated ?? null },
        { header: '有误', value: (r) => r.summary?.rejected ?? null },
        { header: '提示', value: (r) => r.summary?.warnings ?? null },
        { header: '说明', value: (r) => r.message, width: 40 },
      ],
    },
  })

  app.get('/:id', {
    config: { permission },
    schema: {
      tags,
      summary: '导入任务的进度与结果（含前 200 行） / Job progress and result (first 200 rows)',
      params: JobParams,
      response: responses({ 200: ImportJobDetail }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.get('/:id/rows', {
    config: { permission },
    schema: {
      tags,
      summary: '导入任务的逐行结果（可筛选） / Row outcomes, filtered and paginated',
      params: JobParams,
      querystring: JobRowsQuery,
      response: responses({ 200: PageSchema(RowOutcome) }),
    },
    handler: async (req) => svc.rows(req.ctx().actor, req.params.id, req.query),
  })

  app.get('/:id/errors.xlsx', {
    config: { permission },
    schema: {
      tags,
      summary: '下载错误清单（有误的行 + 行号 + 错误原因） / Download the rejected rows with reasons',
      params: JobParams,
    },
    handler: async (req, reply) => {
      const { stream, filename } = await svc.errorFile(req.ctx().actor, req.params.id)
      return attachment(reply, filename).send(stream)
    },
  })
}
