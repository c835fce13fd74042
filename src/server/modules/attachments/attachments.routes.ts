import fastifyMultipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { AppError, invalid } from '../../errors.ts'
import { Ok, responses } from '../../lib/route-helpers.ts'
import { IdParams } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'
import { MAX_ATTACHMENT_BYTES } from './attachments.service.ts'

const Attachment = Type.Object({
  id: Type.Integer(),
  ownerType: Type.String(),
  ownerId: Type.Integer(),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  isImage: Type.Boolean(),
  hasThumbnail: Type.Boolean(),
  uploadedBy: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Type.String({ format: 'date-time' }),
})

const OwnerQuery = Type.Object({
  ownerType: Type.String({ pattern: '^[a-z_]{1,30}$', title: '归属类型' }),
  ownerId: Type.Integer({ minimum: 1, title: '归属记录' }),
})

const UploadForm = Type.Object({
  ownerType: Type.String({ title: '归属类型', description: "'project' | 'milestone' | …" }),
  ownerId: Type.Integer({ title: '归属记录' }),
  file: Type.String({ format: 'binary', title: '文件', description: '≤ 20 MB；图片、PDF、Office、zip、txt' }),
})

/** RFC 6266 header with the original (display-only) name; the ASCII fallback never carries user text. */
function disposition(kind: 'attachment' | 'inline', filename: string) {
  return `${kind}; filename="download${filename.slice(filename.lastIndexOf('.')).replace(/[^.\w]/g, '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

// Who may see or change an attachment is decided by its owner's module (a project's scope, …), so
// these routes carry no permission of their own beyond a session.
export async function attachmentsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  // Multipart only here: 20 MB, one file, a few small fields. The client's file name is kept as sent
  // (preservePath) so that a name with a path in it is refused rather than silently shortened.
  await fastify.register(fastifyMultipart, {
    preservePath: true,
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8 },
  })
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.attachments
  const tags = ['附件 Attachments']

  app.get('/', {
    schema: {
      tags,
      summary: '某条记录的附件 / Attachments of a record',
      querystring: OwnerQuery,
      response: responses({ 200: Type.Object({ items: Type.Array(Attachment) }) }),
    },
    handler: async (req) => svc.list(req.ctx().actor, req.query.ownerType, req.query.ownerId),
  })

  app.post('/', {
    schema: {
      tags,
      summary: '上传附件（multipart：ownerType、ownerId、file；≤ 20 MB） / Upload',
      consumes: ['multipart/form-data'],
      // Documents the form; the multipart stream is read and checked in the handler (no JSON to validate).
      body: UploadForm,
      response: responses({ 201: Attachment }),
    },
    validatorCompiler: () => () => true,
    handler: async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件', { field: 'file' })
      const fields: Record<string, string> = {}
      let file: { filename: string; data: Buffer } | null = null
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') file = { filename: part.filename, data: await part.toBuffer() }
          else fields[part.fieldname] = String(part.value)
        }
      } catch (e) {
        const code = (e as { code?: string }).code
        if (code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 20 MB 上限', { field: 'file' })
        if (code === 'FST_FILES_LIMIT') throw invalid('file', '一次只能上传一个文件')
        if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw invalid('body', '表单字段过多')
        throw e
      }
      const ownerType = fields.ownerType ?? ''
      if (!/^[a-z_]{1,30}$/.test(ownerType)) throw invalid('ownerType', '缺少必填项：归属类型')
      const ownerId = Number(fields.ownerId)
      if (!Number.isInteger(ownerId) || ownerId < 1) throw invalid('ownerId', '归属记录编号不正确')
      if (!file) throw invalid('file', '请选择要上传的文件')
      const saved = await svc.upload(req.ctx(), { ownerType, ownerId, ...file })
      return reply.status(201).send(saved)
    },
  })

  app.get('/:id/download', {
    schema: {
      tags,
      summary: '下载附件（图片可 inline=true 预览） / Download',
      params: IdParams,
      querystring: Type.Object({ inline: Type.Optional(Type.Boolean({ title: '在线预览' })) }),
    },
    handler: async (req, reply) => {
      const f = await svc.open(req.ctx().actor, req.params.id)
      const inline = req.query.inline && (f.isImage || f.mime === 'application/pdf')
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', disposition(inline ? 'inline' : 'attachment', f.filename))
        .header('cache-control', 'private, max-age=300')
        .send(f.stream)
    },
  })

  app.get('/:id/thumbnail', {
    schema: { tags, summary: '图片缩略图（webp，320px） / Thumbnail', params: IdParams },
    handler: async (req, reply) => {
      const stream = await svc.thumbnail(req.ctx().actor, req.params.id)
      return reply
        .header('content-type', 'image/webp')
        .header('cache-control', 'private, max-age=3600')
        .send(stream)
    },
  })

  app.delete('/:id', {
    schema: {
      tags,
      summary: '删除附件（保留文件，可追溯） / Delete',
      params: IdParams,
      response: responses({ 200: Ok }),
    },
    handler: async (req) => svc.remove(req.ctx(), req.params.id),
  })
}
