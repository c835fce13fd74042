import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
let sup: Agent
let projectId: number
let milestoneId: number
let png: Buffer

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

function form(fields: Record<string, string | number>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----qd${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    payload: Buffer.concat(chunks),
    extra: { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
  }
}

async function upload(
  agent: Agent,
  fields: Record<string, string | number>,
  file?: { name: string; data: Buffer },
) {
  const f = form(fields, file)
  return agent.post('/api/attachments', f.payload, f.extra)
}

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
  const p = (
    await sup.post('/api/projects', { name: '附件测试项目', totalInvestment: '100', nature: 'renovation' })
  ).json()
  projectId = p.id
  milestoneId = p.milestones[0].id
  png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#1d5fb4' } })
    .png()
    .toBuffer()
})
afterAll(() => t.close())

describe('attachments', () => {
  it('401 without a session; 400 naming the field', async () => {
    expect((await t.agent().get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).statusCode).toBe(
      401,
    )
    expect((await t.agent().get('/api/attachments/1/download')).statusCode).toBe(401)
    let res = await sup.get('/api/attachments?ownerType=project')
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'ownerId' })
    res = await sup.get(`/api/attachments?ownerType=spaceship&ownerId=${projectId}`)
    expect(errorOf(res)).toMatchObject({ field: 'ownerType' })
    res = await upload(sup, { ownerType: 'project', ownerId: projectId })
    expect(errorOf(res)).toMatchObject({ field: 'file', message: '请选择要上传的文件' })
    res = await upload(sup, { ownerType: 'project', ownerId: 'abc' }, { name: 'a.png', data: png })
    expect(errorOf(res)).toMatchObject({ field: 'ownerId' })
    res = await sup.post('/api/attachments', { ownerType: 'project', ownerId: projectId })
    expect(res.statusCode).toBe(415)
  })

  it('uploads a photo (thumbnailed) and a PDF, lists, downloads them; audited', async () => {
    let res = await upload(
      sup,
      { ownerType: 'project', ownerId: projectId },
      { name: '施工现场 2026-11.png', data: png },
    )
    expect(res.statusCode, res.body).toBe(201)
    const photo = res.json()
    expect(photo).toMatchObject({
      ownerType: 'project',
      ownerId: projectId,
      filename: '施工现场 2026-11.png',
      mime: 'image/png',
      size: png.length,
      isImage: true,
      hasThumbnail: true,
      uploadedBy: '甲督查',
    })
    res = await upload(sup, { ownerType: 'project', ownerId: projectId }, { name: '环评批复.PDF', data: PDF })
    expect(res.statusCode, res.body).toBe(201)
    const pdf = res.json()
    expect(pdf).toMatchObject({ mime: 'application/pdf', isImage: false, hasThumbnail: false })

    const list = (await sup.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).json()
    expect(list.items.map((a: { filename: string }) => a.filename)).toEqual([
      '环评批复.PDF',
      '施工现场 2026-11.png',
    ])

    res = await sup.get(`/api/attachments/${photo.id}/thumbnail`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/webp')
    const meta = await sharp(res.rawPayload).metadata()
    expect(meta.format).toBe('webp')
    expect(Math.max(meta.width!, meta.height!)).toBe(320)
    expect((await sup.get(`/api/attachments/${pdf.id}/thumbnail`)).statusCode).toBe(404)

    res = await sup.get(`/api/attachments/${pdf.id}/download`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('环评批复.PDF')}`,
    )
    expect(res.headers['content-disposition']).toMatch(/^attachment;/)
    expect(Buffer.compare(res.rawPayload, PDF)).toBe(0)
    res = await sup.get(`/api/attachments/${photo.id}/download?inline=true`)
    expect(res.headers['content-disposition']).toMatch(/^inline;/)

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'attachment')
      .orderBy('id')
      .execute()
    expect(audit[0]).toMatchObject({ action: 'attachment.upload' })
    expect(audit[0].summary).toMatch(/^为项目 XM-2026-0001上传附件「施工现场 2026-11.png」/)
  })

  it('refuses unknown types, content that does not match the extension, path tricks and files over 20 MB', async () => {
    let res = await upload(
      sup,
      { ownerType: 'project', ownerId: projectId },
      { name: 'setup.exe', data: Buffer.from('MZ\x90\x00') },
    )
    expect(res.statusCode).toBe(415)
    expect(errorOf(res)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' })
    expect(errorOf(res).message).toContain('不支持的文件类型.exe')
    res = await upload(sup, { ownerType: 'project', ownerId: projectId }, { name: 'photo.png', data: PDF })
    expect(res.statusCode).toBe(415)
    expect(errorOf(res).message).toBe('文件内容与扩展名 .png 不符')
    res = await upload(
      sup,
      { ownerType: 'project', ownerId: projectId },
      { name: '..\\..\\etc\\passwd.txt', data: Buffer.from('x') },
    )
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).message).toContain('文件名不能包含路径')
    res = await upload(
      sup,
      { ownerType: 'project', ownerId: projectId },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    )
    expect(errorOf(res)).toMatchObject({ field: 'file', message: '文件是空的' })
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41)
    res = await upload(sup, { ownerType: 'project', ownerId: projectId }, { name: 'big.txt', data: big })
    expect(res.statusCode).toBe(413)
    expect(errorOf(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '文件超过 20 MB 上限' })
    const n = (await sup.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).json().items.length
    expect(n).toBe(2)
  })

  it('milestone evidence: counted on the milestone', async () => {
    const res = await upload(
      sup,
      { ownerType: 'milestone', ownerId: milestoneId },
      { name: '备案证明.pdf', data: PDF },
    )
    expect(res.statusCode, res.body).toBe(201)
    const ms = (await sup.get(`/api/projects/${projectId}/milestones`)).json().items
    expect(ms.find((m: { id: number }) => m.id === milestoneId).attachmentCount).toBe(1)
    expect(
      (await sup.get(`/api/attachments?ownerType=milestone&ownerId=${milestoneId}`)).json().items,
    ).toHaveLength(1)
  })

  it("follows the owner's scope: other zone 404, read-only role 403 on writes", async () => {
    const list = (await sup.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).json().items
    const b = await t.as('b_sup')
    expect((await b.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).statusCode).toBe(404)
    expect((await b.get(`/api/attachments/${list[0].id}/download`)).statusCode).toBe(404)
    expect((await b.get(`/api/attachments/${list[0].id}/thumbnail`)).statusCode).toBe(404)
    expect((await b.delete(`/api/attachments/${list[0].id}`)).statusCode).toBe(404)
    expect(
      (await upload(b, { ownerType: 'project', ownerId: projectId }, { name: 'x.pdf', data: PDF }))
        .statusCode,
    ).toBe(404)
    const leader = await t.as('a_leader')
    expect((await leader.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).statusCode).toBe(200)
    expect(
      (await upload(leader, { ownerType: 'project', ownerId: projectId }, { name: 'x.pdf', data: PDF }))
        .statusCode,
    ).toBe(403)
    expect((await leader.delete(`/api/attachments/${list[0].id}`)).statusCode).toBe(403)
    expect(
      (await (await t.as('norole')).get(`/api/attachments?ownerType=project&ownerId=${projectId}`))
        .statusCode,
    ).toBe(404)
  })

  it('deletes softly (gone from the list and downloads, kept in the audit trail)', async () => {
    const list = (await sup.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).json().items
    const res = await sup.delete(`/api/attachments/${list[0].id}`)
    expect(res.statusCode).toBe(200)
    expect(
      (await sup.get(`/api/attachments?ownerType=project&ownerId=${projectId}`)).json().items,
    ).toHaveLength(1)
    expect((await sup.get(`/api/attachments/${list[0].id}/download`)).statusCode).toBe(404)
    expect((await sup.delete(`/api/attachments/${list[0].id}`)).statusCode).toBe(404)
    const row = await t.database.db
      .selectFrom('attachments')
      .select('deleted_at')
      .where('id', '=', list[0].id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_at).not.toBeNull()
  })
})
