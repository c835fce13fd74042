import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, forbidden, found, invalid, notFound } from '../../errors.ts'
import { beijingYearMonth } from '../../lib/time.ts'
import type { Actor } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as repo from './attachments.repository.ts'
import { ACCEPTED_EXTENSIONS, extensionOf, fileNameProblem, typeByExtension } from './file-types.ts'

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
export const THUMBNAIL_PX = 320

/** A kind of record files hang on ('project', 'milestone', later 'problem', 'visit'): its module says who may read and write. */
export interface AttachmentOwner {
  /** the record's zone, or null when it does not exist */
  zoneOf(db: Db, id: number): Promise<number | null>
  canRead(actor: Actor, id: number): Promise<boolean>
  canWrite(actor: Actor, id: number): Promise<boolean>
  /** how the record is named in the audit trail, e.g. "项目 XM-2026-0001" */
  label?(db: Db, id: number): Promise<string | null>
}

function present(r: repo.AttachmentRow) {
  return {
    id: r.id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    filename: r.filename,
    mime: r.mime,
    size: Number(r.size),
    isImage: r.mime.startsWith('image/'),
    hasThumbnail: !!r.thumb_key,
    uploadedBy: r.uploaded_by_name ?? null,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  }
}
export type Attachment = ReturnType<typeof present>

/** Photos and documents on records; bytes live in deps.files (disk today, object storage later). */
export function createAttachmentsService(deps: Deps, s: { audit: AuditService }) {
  const { db, clock, files } = deps
  const owners = new Map<string, AttachmentOwner>()

  function registerOwner(type: string, owner: AttachmentOwner) {
    owners.set(type, owner)
  }

  function ownerOf(type: string): AttachmentOwner {
    const o = owners.get(type)
    if (!o) throw invalid('ownerType', `不支持的附件归属类型：${type}`)
    return o
  }

  async function readable(actor: Actor, ownerType: string, ownerId: number) {
    const owner = ownerOf(ownerType)
    if (!(await owner.canRead(actor, ownerId))) throw notFound('附件所属记录')
    return owner
  }

  async function list(actor: Actor, ownerType: string, ownerId: number) {
    await readable(actor, ownerType, ownerId)
    return { items: (await repo.listFor(db, ownerType, ownerId)).map(present) }
  }

  /** Number of live attachments per owner record (e.g. per milestone, for the table). */
  async function counts(trx: Db, ownerType: string, ownerIds: number[]) {
    return repo.countsFor(trx, ownerType, ownerIds)
  }

  async function thumbnailOf(data: Buffer): Promise<Buffer> {
    try {
      return await sharp(data, { failOn: 'error' })
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer()
    } catch {
      throw invalid('file', '图片无法识别或已损坏')
    }
  }

  async function upload(
    ctx: Ctx,
    input: { ownerType: string; ownerId: number; filename: string; data: Buffer },
  ) {
    const owner = await readable(ctx.actor, input.ownerType, input.ownerId)
    if (!(await owner.canWrite(ctx.actor, input.ownerId))) throw forbidden('没有为该记录上传附件的权限')
    const filename = input.filename.trim()
    const problem = fileNameProblem(filename)
    if (problem) throw invalid('file', problem)
    if (!input.data.length) throw invalid('file', '文件是空的')
    if (input.data.length > MAX_ATTACHMENT_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', '文件超过 20 MB 上限', { field: 'file' })
    const type = typeByExtension(filename)
    if (!type)
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `不支持的文件类型${extensionOf(filename) || '（无扩展名）'}；可上传图片（jpg、png、webp、gif）、PDF、Office 文档、zip 压缩包和 txt 文本`,
        { field: 'file', details: { accepted: ACCEPTED_EXTENSIONS } },
      )
    if (!type.matches(input.data))
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容与扩展名 ${type.ext} 不符`, { field: 'file' })
    const zoneId = await owner.zoneOf(db, input.ownerId)
    if (zoneId == null) throw notFound('附件所属记录')

    const { year, month } = beijingYearMonth(clock.now())
    const stem = `${zoneId}/${year}/${String(month).padStart(2, '0')}/${randomUUID()}`
    const key = `${stem}${type.ext}`
    const thumb = type.image ? await thumbnailOf(input.data) : null
    const thumbKey = thumb ? `${stem}.thumb.webp` : null
    await files.put(key, input.data)
    if (thumb && thumbKey) await files.put(thumbKey, thumb)
    try {
      return await db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          zone_id: zoneId,
          owner_type: input.ownerType,
          owner_id: input.ownerId,
          filename,
          mime: type.mime,
          size: input.data.length,
          storage_key: key,
          thumb_key: thumbKey,
          uploaded_by: ctx.actor.id,
          uploaded_at: clock.now(),
        })
        const after = present((await repo.findById(trx, id))!)
        const what = (await owner.label?.(trx, input.ownerId)) ?? `${input.ownerType} #${input.ownerId}`
        await s.audit.record(trx, ctx, {
          action: 'attachment.upload',
          targetType: 'attachment',
          targetId: id,
          zoneId,
          summary: `为${what}上传附件「${filename}」（${formatSize(input.data.length)}）`,
          after,
        })
        return after
      })
    } catch (e) {
      await files.remove(key).catch(() => {})
      if (thumbKey) await files.remove(thumbKey).catch(() => {})
      throw e
    }
  }

  async function loadReadable(actor: Actor, id: number) {
    const row = found(await repo.findById(db, id), '附件')
    const owner = owners.get(row.owner_type)
    if (!owner || !(await owner.canRead(actor, row.owner_id))) throw notFound('附件')
    return { row, owner }
  }

  async function open(actor: Actor, id: number) {
    const { row } = await loadReadable(actor, id)
    return { ...present(row), stream: await files.get(row.storage_key) }
  }

  async function thumbnail(actor: Actor, id: number) {
    const { row } = await loadReadable(actor, id)
    if (!row.thumb_key) throw notFound('缩略图')
    return files.get(row.thumb_key)
  }

  async function remove(ctx: Ctx, id: number) {
    const { row, owner } = await loadReadable(ctx.actor, id)
    if (!(await owner.canWrite(ctx.actor, row.owner_id))) throw forbidden('没有删除该附件的权限')
    await db.transaction().execute(async (trx) => {
      if (!(await repo.softDelete(trx, id, clock.now()))) throw notFound('附件')
      const what = (await owner.label?.(trx, row.owner_id)) ?? `${row.owner_type} #${row.owner_id}`
      await s.audit.record(trx, ctx, {
        action: 'attachment.delete',
        targetType: 'attachment',
        targetId: id,
        zoneId: row.zone_id,
        summary: `删除${what}的附件「${row.filename}」`,
        before: present(row),
      })
    })
    return { ok: true }
  }

  return { registerOwner, list, counts, upload, open, thumbnail, remove }
}

function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} B`
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>
