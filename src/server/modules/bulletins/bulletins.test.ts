import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions, deptId, insertProblem, insertProject } from '../../../../test/factories.ts'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { type Kit, setupKit } from '../problems/problems.test-kit.ts'

let k: Kit
let sup: Agent
let handler: Agent
let draft: { id: number; version: number; content: any; status: string; number: string | null }

const BAD = 999999

beforeAll(async () => {
  k = await setupKit()
  const zoneA = await deptId(k.t, '甲开发区')
  const db = k.t.database.db
  // A key project behind schedule (red, with its reason) and an overdue problem led by 生态环境分局.
  const red = await insertProject(k.t, { zoneId: zoneA, code: 'XM-2026-0001', name: '金旗牛业屠宰加工项目' })
  await db
    .updateTable('projects')
    .set({
      is_key: true,
      light: 'red',
      light_reasons: JSON.stringify([
        { rule: 'behind', light: 'red', text: '投资完成率落后序时进度 35.0 个百分点' },
      ]),
    })
    .where('id', '=', red)
    .execute()
  await insertProject(k.t, { zoneId: zoneA, code: 'XM-2026-0002', name: '新能源储能项目' })
  await db
    .updateTable('projects')
    .set({ is_key: true, light: 'green' })
    .where('code', '=', 'XM-2026-0002')
    .execute()
  const p = await insertProblem(k.t, {
    zoneId: zoneA,
    code: 'WT-2026-0001',
    title: '污水管网未接通',
    status: 'in_progress',
    enterpriseId: k.jinqi,
    leadDepartmentId: k.eco,
    receivedAt: new Date('2026-10-09T09:00:00+08:00'),
    acceptedAt: new Date('2026-10-09T10:00:00+08:00'),
  })
  await db
    .updateTable('problems')
    .set({ deadline_at: new Date('2026-10-30T23:59:59+08:00') })
    .where('id', '=', p)
    .execute()
  sup = await k.as('a_sup')
  handler = await k.as('a_handler')
  const res = await sup.post('/api/bulletins', { kind: 'monthly', periodKey: '2026-10' })
  expect(res.statusCode, res.body).toBe(201)
  draft = res.json()
})
afterAll(() => k.t.close())

describe('bulletins: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = k.t.agent()
    const id = draft.id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/bulletins'],
      ['GET', '/api/bulletins/export.xlsx'],
      ['GET', '/api/bulletins/defaults'],
      ['GET', '/api/bulletins/settings'],
      ['PUT', '/api/bulletins/settings', { issuer: 'x', prefix: '', copyTo: '' }],
      ['GET', `/api/bulletins/${id}`],
      ['POST', '/api/bulletins', { kind: 'monthly', periodKey: '2026-10' }],
      ['PATCH', `/api/bulletins/${id}`, { version: 1 }],
      ['POST', `/api/bulletins/${id}/regenerate`, { version: 1 }],
      ['POST', `/api/bulletins/${id}/issue`, { version: 1 }],
      ['DELETE', `/api/bulletins/${id}?version=1`],
      ['GET', `/api/bulletins/${id}/bulletin.docx`],
      ['GET', `/api/bulletins/${id}/bulletin.xlsx`],
    ]
    for (const [method, url, body] of calls) {
      const res = await anon.request(method as 'GET', url, body, { headers: { 'x-csrf-token': 'x' } })
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('400 names the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'daily', periodKey: '2026-10' }, 'kind'],
      [{ kind: 'monthly', periodKey: '2026-13' }, 'periodKey'],
      [{ kind: 'weekly', periodKey: '2026-11-18' }, 'periodKey'], // a Wednesday
      [{ kind: 'quarterly', periodKey: '2026-Q5' }, 'periodKey'],
      [{ kind: 'monthly', periodKey: '2026-12' }, 'periodKey'], // not started on 2026-11-24
    ]
    for (const [body, field] of cases) {
      const res = await sup.post('/api/bulletins', body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(errorOf(res).field).toBe(field)
    }
    const future = await sup.post('/api/bulletins', { kind: 'monthly', periodKey: '2026-12' })
    expect(errorOf(future).message).toContain('尚未开始')
    const title = await sup.patch(`/api/bulletins/${draft.id}`, {
      version: draft.version,
      texts: { title: '  ' },
    })
    expect(title.statusCode).toBe(400)
    expect(errorOf(title).field).toBe('texts.title')
    const prefix = await sup.put('/api/bulletins/settings', {
      issuer: '甲开发区管委会',
      prefix: '甲〔2026〕',
      copyTo: '',
    })
    expect(prefix.statusCode).toBe(400)
    expect(errorOf(prefix).field).toBe('prefix')
    const issuer = await sup.put('/api/bulletins/settings', { issuer: ' ', prefix: '', copyTo: '' })
    expect(errorOf(issuer).field).toBe('issuer')
  })

  it('403 without the permission, 404 out of scope', async () => {
    // a department handler reads bulletins, but neither writes them nor sees drafts
    expect((await handler.post('/api/bulletins', { kind: 'monthly', periodKey: '2026-10' })).statusCode).toBe(
      403,
    )
    expect((await handler.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(404)
    expect((await handler.get('/api/bulletins')).json().total).toBe(0)
    expect((await handler.patch(`/api/bulletins/${draft.id}`, { version: draft.version })).statusCode).toBe(
      403,
    )
    expect(
      (await handler.put('/api/bulletins/settings', { issuer: '甲', prefix: '', copyTo: '' })).statusCode,
    ).toBe(403)
    // the enterprise sees no bulletins at all
    const ent = await k.as('a_ent')
    expect((await ent.get('/api/bulletins')).statusCode).toBe(403)
    // another zone's supervision office does not see zone 甲's
    const bSup = await k.as('b_sup')
    expect((await bSup.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(404)
    expect((await bSup.get(`/api/bulletins/${draft.id}/bulletin.docx`)).statusCode).toBe(404)
    expect((await bSup.post(`/api/bulletins/${draft.id}/issue`, { version: draft.version })).statusCode).toBe(
      404,
    )
    expect((await bSup.get('/api/bulletins')).json().total).toBe(0)
    expect((await sup.get(`/api/bulletins/${BAD}`)).statusCode).toBe(404)
    // an officer may read but not issue
    const officer = await k.as('a_officer')
    expect(
      (await officer.post(`/api/bulletins/${draft.id}/issue`, { version: draft.version })).statusCode,
    ).toBe(403)
  })
})

describe('bulletins: the draft carries the period figures', () => {
  it('lists the red project with its reason and the overdue problem under its department', () => {
    const c = draft.content
    expect(draft.status).toBe('draft')
    expect(draft.number).toBeNull()
    expect(c.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31', label: '2026年10月' })
    expect(c.texts.title).toBe('关于2026年10月重点项目建设和企业问题办理情况的通报')
    expect(c.tables.red.rows).toEqual([
      expect.objectContaining({
        name: '金旗牛业屠宰加工项目',
        reason: '投资完成率落后序时进度 35.0 个百分点',
      }),
    ])
    expect(c.tables.yellow.rows).toEqual([])
    expect(c.tables.overdue.rows).toEqual([
      expect.objectContaining({ code: 'WT-2026-0001', unit: '甲生态环境分局', due: '2026-10-30' }),
    ])
    expect(c.texts.overview).toContain('全区 2 个重点项目中，绿灯 1 个、黄灯 0 个、红灯 1 个')
    expect(c.charts.map((x: { key: string }) => x.key)).toEqual(['lights', 'investment', 'problems'])
  })

  it('streams its progress when asked, then the bulletin', async () => {
    const res = await sup.post(
      '/api/bulletins',
      { kind: 'weekly', periodKey: '2026-11-16' },
      { headers: { accept: 'application/x-ndjson' } },
    )
    expect(res.statusCode).toBe(201)
    expect(res.headers['content-type']).toContain('application/x-ndjson')
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const percents = lines.filter((l) => 'percent' in l).map((l) => l.percent)
    expect(percents.length).toBeGreaterThanOrEqual(5)
    expect([...percents].sort((a, b) => a - b)).toEqual(percents)
    expect(percents.at(-1)).toBe(100)
    const last = lines.at(-1)
    expect(last.done).toBe(true)
    expect(last.bulletin.content.period.label).toBe('2026年第47周（11月16日至11月22日）')
  })

  it('the default periods are the last ones that ended', async () => {
    const res = await sup.get('/api/bulletins/defaults')
    expect(res.json()).toEqual({
      weekly: { periodKey: '2026-11-16', label: '2026年第47周（11月16日至11月22日）' },
      monthly: { periodKey: '2026-10', label: '2026年10月' },
      quarterly: { periodKey: '2026-Q3', label: '2026年第三季度' },
    })
  })

  it('the Excel workbook has one sheet per table with the numbers on the screen', async () => {
    const res = await sup.get(`/api/bulletins/${draft.id}/bulletin.xlsx`)
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '红灯项目',
      '黄灯项目',
      '各责任单位问题办理情况',
      '逾期未办结问题清单',
      '未按时报送情况',
      '每周评比排名',
      '攻坚行动进展',
    ])
    const summary = wb.getWorksheet('概况')!
    const figures = new Map<string, string>()
    summary.eachRow((row, i) => {
      if (i > 1) figures.set(String(row.getCell(1).value), String(row.getCell(2).value))
    })
    for (const f of draft.content.figures) expect(figures.get(f.label)).toBe(f.value)
    const byDept = wb.getWorksheet('各责任单位问题办理情况')!
    const screen = draft.content.tables.overdueByDept.rows
    expect(byDept.rowCount - 1).toBe(screen.length)
    screen.forEach((r: Record<string, unknown>, i: number) => {
      const row = byDept.getRow(i + 2)
      expect(row.getCell(2).value).toBe(r.name)
      expect(row.getCell(3).value).toBe(r.received)
      expect(row.getCell(7).value).toBe(r.overdueCount)
    })
    const overdue = wb.getWorksheet('逾期未办结问题清单')!
    expect(overdue.getRow(2).getCell(2).value).toBe('WT-2026-0001')
  })

  it('the Word document is the draft: title, number without its sequence, the tables', async () => {
    const res = await sup.get(`/api/bulletins/${draft.id}/bulletin.docx`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('wordprocessingml')
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('通报草稿'))
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string')
    expect(xml).toContain('关于2026年10月重点项目建设和企业问题办理情况的通报')
    expect(xml).toContain('〔2026〕  号')
    expect(xml).toContain('金旗牛业屠宰加工项目')
    expect(xml).toContain('WT-2026-0001')
  })
})

describe('bulletins: edit, issue, read-only', () => {
  it('edits the draft, refuses a stale version, and regeneration keeps the edited text', async () => {
    const res = await sup.patch(`/api/bulletins/${draft.id}`, {
      version: draft.version,
      texts: { overview: '十月全区重点项目总体平稳。', praise: '生态环境分局主动靠前服务，予以表扬。' },
      omitted: ['criticism'],
    })
    expect(res.statusCode, res.body).toBe(200)
    const edited = res.json()
    expect(edited.version).toBe(draft.version + 1)
    expect(edited.content.texts.praise).toBe('生态环境分局主动靠前服务，予以表扬。')
    const stale = await sup.patch(`/api/bulletins/${draft.id}`, {
      version: draft.version,
      texts: { intro: 'x' },
    })
    expect(stale.statusCode).toBe(409)
    const regen = await sup.post(`/api/bulletins/${draft.id}/regenerate`, { version: edited.version })
    expect(regen.statusCode, regen.body).toBe(200)
    draft = regen.json()
    expect(draft.content.texts.overview).toBe('十月全区重点项目总体平稳。')
    expect(draft.content.omitted).toEqual(['criticism'])
    const doc = await sup.get(`/api/bulletins/${draft.id}/bulletin.docx`)
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string')
    expect(xml).toContain('生态环境分局主动靠前服务')
    expect(xml).not.toContain('批评与限期整改')
  })

  it('will not issue with the praise section empty', async () => {
    const other = (await sup.get('/api/bulletins?kind=weekly')).json().items[0]
    const res = await sup.post(`/api/bulletins/${other.id}/issue`, { version: other.version })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('texts.praise')
  })

  it('issues with the next number of the year; the handler now sees it; it is read-only', async () => {
    await sup.put('/api/bulletins/settings', {
      issuer: '甲开发区重点项目建设推进组办公室',
      prefix: '甲开推',
      copyTo: '管委会主要领导',
    })
    const res = await sup.post(`/api/bulletins/${draft.id}/issue`, { version: draft.version })
    expect(res.statusCode, res.body).toBe(200)
    const issued = res.json()
    expect(issued).toMatchObject({ status: 'issued', number: '甲开推〔2026〕1号' })
    expect(issued.issuedByName).toBe('甲督查')
    const seen = await handler.get(`/api/bulletins/${draft.id}`)
    expect(seen.statusCode).toBe(200)
    expect((await handler.get('/api/bulletins')).json().items.map((b: { id: number }) => b.id)).toEqual([
      draft.id,
    ])
    const edit = await sup.patch(`/api/bulletins/${draft.id}`, {
      version: issued.version,
      texts: { intro: '改' },
    })
    expect(edit.statusCode).toBe(409)
    expect(errorOf(edit).message).toContain('甲开推〔2026〕1号')
    expect((await sup.post(`/api/bulletins/${draft.id}/issue`, { version: issued.version })).statusCode).toBe(
      409,
    )
    expect((await sup.delete(`/api/bulletins/${draft.id}?version=${issued.version}`)).statusCode).toBe(409)
    const doc = await handler.get(`/api/bulletins/${draft.id}/bulletin.docx`)
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string')
    expect(xml).toContain('甲开推〔2026〕1号')
    expect(decodeURIComponent(String(doc.headers['content-disposition']))).toContain('甲开推〔2026〕1号')
    expect(await auditActions(k.t, 'bulletin', draft.id)).toEqual(
      expect.arrayContaining([
        'bulletin.generate',
        'bulletin.update',
        'bulletin.regenerate',
        'bulletin.issue',
      ]),
    )
  })

  it('a second issue takes number 2; a draft can be deleted', async () => {
    const other = (await sup.get('/api/bulletins?kind=weekly')).json().items[0]
    const ready = await sup.patch(`/api/bulletins/${other.id}`, {
      version: other.version,
      omitted: ['praise', 'criticism'],
    })
    const res = await sup.post(`/api/bulletins/${other.id}/issue`, { version: ready.json().version })
    expect(res.json().number).toBe('甲开推〔2026〕2号')
    const extra = (await sup.post('/api/bulletins', { kind: 'quarterly', periodKey: '2026-Q3' })).json()
    const del = await sup.delete(`/api/bulletins/${extra.id}?version=${extra.version}`)
    expect(del.statusCode).toBe(200)
    expect((await sup.get(`/api/bulletins/${extra.id}`)).statusCode).toBe(404)
    const list = (await sup.get('/api/bulletins?status=issued&sort=periodKey')).json()
    expect(list.items.map((b: { number: string }) => b.number)).toEqual([
      '甲开推〔2026〕1号',
      '甲开推〔2026〕2号',
    ])
  })
})
