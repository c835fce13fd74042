import { expect, type Page, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { login } from './helpers.ts'

// Stored XSS and formula injection: text with script tags, an onerror image, a javascript: link and
// spreadsheet formulas goes in through the API into the free-text fields the web app shows; the pages
// must show it literally without running it, and the exports must keep it inert.
const tag = String(Date.now()).slice(-6)
const SCRIPT = '<script>window.__xss=1</script>'
const IMG = '<img src=x onerror="window.__xss=2">'
const LINK = 'javascript:window.__xss=3'
const FORMULA = '=HYPERLINK("http://evil.example","点我")'
const text = (what: string) => `${what}${tag} ${IMG}${SCRIPT} ${LINK}`

async function api(page: Page) {
  const csrf = (await (await page.request.get('/api/auth/csrf')).json()).token as string
  const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, data: unknown) => {
    const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': csrf } })
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
    return res.json()
  }
  return {
    post: (u: string, d: unknown) => call('POST', u, d),
    patch: (u: string, d: unknown) => call('PATCH', u, d),
  }
}

async function expectInert(page: Page, url: string, visible: string | null) {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(url)
  if (visible) await expect(page.getByText(visible, { exact: false }).first()).toBeVisible()
  else await page.waitForLoadState('networkidle')
  // the payload is on the page as text, and nothing of it ran
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
  expect(await page.locator('img[src="x"]').count()).toBe(0)
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0)
  expect(dialogs).toEqual([])
}

async function cellsOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  const cells: ExcelJS.Cell[] = []
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))))
  return cells
}

test('script, onerror, javascript: links and formulas stay text on the pages and in the exports', async ({
  page,
}) => {
  await login(page, 'supervisor')
  const { post, patch } = await api(page)

  const ent = await post('/api/enterprises', { name: text('企业').slice(0, 100), address: FORMULA })
  const project = await post('/api/projects', {
    name: `项目${tag}${IMG}`.slice(0, 100),
    totalInvestment: '1000',
    enterpriseId: ent.id,
  })
  await patch(`/api/projects/${project.id}`, {
    version: project.version,
    description: `${text('简介')}\n${FORMULA}`,
  })
  const problem = await post('/api/problems', {
    title: `问题${tag}${SCRIPT}`.slice(0, 100),
    description: `${text('描述')}\n${FORMULA}\n+1+1\n-2+3\n@SUM(1)`,
    source: 'hotline',
    enterpriseId: ent.id,
  })

  const me = await (await page.request.get('/api/auth/me')).json()
  const visit = await post('/api/visits', {
    kind: 'onsite',
    visitDate: '2026-11-20',
    place: `走访地点${tag}${IMG}`.slice(0, 200),
    notes: `${text('走访记录')}\n${FORMULA}`,
    leaderIds: [me.id],
    suggestions: [{ content: text('建议') }],
  })

  await expectInert(page, `/enterprises/${ent.id}`, `企业${tag}`)
  await expectInert(page, `/visits/${visit.id}`, `走访记录${tag}`)
  await expectInert(page, `/visits/suggestions`, `建议${tag}`)
  await expectInert(page, `/projects/${project.id}`, `项目${tag}`)
  await expectInert(page, `/problems/${problem.id}`, `问题${tag}`)
  await expectInert(page, `/projects?keyword=${tag}`, `项目${tag}`)

  // exports: the text is there, no cell is a formula, and formula-looking text is escaped
  for (const url of [
    `/api/projects/export.xlsx?keyword=${tag}`,
    `/api/problems/export.xlsx?keyword=${tag}`,
    `/api/enterprises/export.xlsx?keyword=${tag}`,
    '/api/visits/export.xlsx',
    '/api/suggestions/export.xlsx',
  ]) {
    const res = await page.request.get(url)
    expect(res.status(), url).toBe(200)
    const cells = await cellsOf(await res.body())
    const texts = cells.map((c) => String(c.text ?? ''))
    expect(
      texts.some((x) => x.includes(tag)),
      url,
    ).toBe(true)
    for (const c of cells) {
      expect(c.formula, `${url} ${c.address}`).toBeUndefined()
      expect(c.type === ExcelJS.ValueType.Formula, `${url} ${c.address}`).toBe(false)
      expect(String(c.text ?? ''), `${url} ${c.address}`).not.toMatch(/^[=+\-@]/)
    }
  }

  // the bulletin's Word file: the text is XML text, not markup
  const bulletin = await post('/api/bulletins', { kind: 'monthly', periodKey: '2026-10' })
  const edited = await patch(`/api/bulletins/${bulletin.id}`, {
    version: bulletin.version,
    texts: { intro: `${text('通报')}\n${FORMULA}` },
  })
  // the draft's texts are in editable boxes there, so only "nothing ran" is asserted
  await expectInert(page, `/rhythm/bulletins/${bulletin.id}`, null)
  const docx = await page.request.get(`/api/bulletins/${edited.id}/bulletin.docx`)
  expect(docx.status()).toBe(200)
  const xml = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')!.async('string')
  expect(xml).toContain(`通报${tag}`)
  expect(xml).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;')
  expect(xml).not.toContain('<script>')
  expect(xml).not.toContain('<img ')
  const xlsx = await page.request.get(`/api/bulletins/${edited.id}/bulletin.xlsx`)
  expect(xlsx.status()).toBe(200)
  for (const c of await cellsOf(await xlsx.body())) {
    expect(c.formula).toBeUndefined()
    expect(String(c.text ?? '')).not.toMatch(/^[=+\-@]/)
  }
})
