import { PassThrough } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../../errors.ts'
import { listRoutes } from '../../lib/list-routes.ts'
import { PageSchema } from '../../lib/pagination.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams, VersionQuery } from '../../lib/schema-parts.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import { formatBeijing } from '../../lib/time.ts'
import type { Services } from '../../services.ts'
import { KIND_LABEL } from './bulletin-period.ts'
import {
  BulletinDetail,
  BulletinListQuery,
  BulletinRow,
  Defaults,
  GenerateBody,
  SettingsBody,
  SettingsOut,
  UpdateBody,
  VersionedBody,
} from './bulletins.schema.ts'

type Row = Awaited<ReturnType<Services['bulletins']['list']>>['items'][number]
const time = (iso: string | null) => (iso ? formatBeijing(new Date(iso)) : '')

const columns: Column<Row>[] = [
  { header: '文号', width: 18, value: (r) => r.number ?? '（草稿）' },
  { header: '标题', width: 48, value: (r) => r.title },
  { header: '类型', width: 8, value: (r) => `${KIND_LABEL[r.kind]}通报` },
  { header: '期间', width: 12, value: (r) => r.periodKey },
  { header: '开发区', width: 18, value: (r) => r.zoneName },
  { header: '状态', width: 8, value: (r) => (r.status === 'issued' ? '已签发' : '草稿') },
  { header: '签发人', width: 10, value: (r) => r.issuedByName },
  { header: '签发时间', width: 17, value: (r) => time(r.issuedAt) },
  { header: '最后修改', width: 17, value: (r) => time(r.updatedAt) },
]

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export async function bulletinsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.bulletins
  const tags = ['通报 Bulletins']
  const read = { permission: 'rhythm:read' }
  const write = { permission: 'bulletin:write' }
  const Detail = responses({ 200: BulletinDetail })

  listRoutes(app, {
    path: '/',
    permission: read.permission,
    tags,
    summary: '通报列表（草稿与已签发） / Bulletins',
    querystring: BulletinListQuery,
    response: PageSchema(BulletinRow),
    list: (req) => svc.list(req.ctx().actor, req.query),
    export: {
      summary: '导出通报目录 / Export the list',
      rows: (req) => svc.exportRows(req.ctx().actor, req.query),
      columns: () => columns,
      sheet: '通报目录',
      filename: '通报目录.xlsx',
    },
  })

  app.get('/defaults', {
    config: read,
    schema: {
      tags,
      summary: '各类通报默认期间（最近结束的一期） / Default periods',
      response: responses({ 200: Defaults }),
    },
    handler: async () => svc.defaults(),
  })

  app.get('/settings', {
    config: read,
    schema: {
      tags,
      summary: '通报版头与文号设置 / Header and numbering',
      querystring: Type.Object({ zoneId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: responses({ 200: SettingsOut }),
    },
    handler: async (req) => svc.getSettings(req.ctx(), req.query),
  })

  app.put('/settings', {
    config: write,
    schema: {
      tags,
      summary: '修改通报版头与文号设置 / Update header and numbering',
      body: SettingsBody,
      response: responses({ 200: SettingsOut }),
    },
    handler: async (req) => svc.updateSettings(req.ctx(), req.body),
  })

  app.get('/:id', {
    config: read,
    schema: { tags, summary: '通报详情（内容、图表、表格） / Bulletin', params: IdParams, response: Detail },
    handler: async (req) => svc.detail(req.ctx(), req.params.id),
  })

  /**
   * Generation reports its steps: with `Accept: application/x-ndjson` the answer is a stream of
   * `{ step, percent }` lines ending with `{ done: true, bulletin }` (or `{ error }`); otherwise
   * a plain 201 with the bulletin. The request is checked before anything is streamed.
   */
  app.post('/', {
    config: write,
    schema: {
      tags,
      summary: '生成通报草稿（可流式返回进度） / Generate a draft',
      body: GenerateBody,
      response: responses({ 201: BulletinDetail }),
    },
    handler: async (req, reply) => {
      const ctx = req.ctx()
      const prepared = await svc.prepare(ctx, req.body)
      if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) {
        return reply.status(201).send(await svc.generate(ctx, prepared))
      }
      const out = new PassThrough()
      const line = (o: unknown) => out.write(`${JSON.stringify(o)}\n`)
      svc
        .generate(ctx, prepared, (step, percent) => line({ step, percent }))
        .then((bulletin) => line({ done: true, bulletin }))
        .catch((err) => {
          req.log.error({ err }, 'bulletin generation failed')
          line({
            error:
              err instanceof AppError
                ? { code: err.code, message: err.message }
                : { code: 'INTERNAL', message: '生成通报失败，请稍后重试' },
          })
        })
        .finally(() => out.end())
      return reply
        .status(201)
        .type('application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(out)
    },
  })

  app.patch('/:id', {
    config: write,
    schema: {
      tags,
      summary: '修改通报草稿（标题、各部分文字、删去的部分） / Edit a draft',
      params: IdParams,
      body: UpdateBody,
      response: Detail,
    },
    handler: async (req) => svc.update(req.ctx(), req.params.id, req.body),
  })

  app.post('/:id/regenerate', {
    config: write,
    schema: {
      tags,
      summary: '重新汇总数据（保留已编辑的文字） / Refresh the figures',
      params: IdParams,
      body: VersionedBody,
      response: Detail,
    },
    handler: async (req) => svc.regenerate(req.ctx(), req.params.id, req.body.version),
  })

  app.post('/:id/issue', {
    config: { permission: 'bulletin:issue' },
    schema: {
      tags,
      summary: '签发通报（编号、定稿，签发后只读） / Issue',
      params: IdParams,
      body: VersionedBody,
      response: Detail,
    },
    handler: async (req) => svc.issue(req.ctx(), req.params.id, req.body),
  })

  app.delete('/:id', {
    config: write,
    schema: {
      tags,
      summary: '删除通报草稿（已签发的不能删除） / Delete a draft',
      params: IdParams,
      querystring: VersionQuery,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id, req.query.version),
  })

  for (const type of ['docx', 'xlsx'] as const) {
    app.get(`/:id/bulletin.${type}`, {
      config: read,
      schema: {
        tags,
        summary:
          type === 'docx'
            ? '下载 Word 公文（GB/T 9704 版式） / Word document'
            : '下载 Excel 数据表（每表一页） / Excel workbook',
        params: IdParams,
      },
      handler: async (req, reply) => {
        const f = await svc.file(req.ctx(), req.params.id, type)
        return reply
          .header('content-type', MIME[type])
          .header(
            'content-disposition',
            `attachment; filename="bulletin.${type}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
          )
          .send(f.body)
      },
    })
  }
}
