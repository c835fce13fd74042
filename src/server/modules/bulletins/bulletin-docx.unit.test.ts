import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { investmentChart, lightsChart, problemsChart } from './bulletin-charts.ts'
import { bulletinDocx, CHAR_CONDENSE, LINE_PITCH, MARGIN, PAGE } from './bulletin-docx.ts'
import { overdueTable, projectTable } from './bulletin-tables.ts'
import type { BulletinContent, BulletinTable } from './bulletin-types.ts'

// The Word document checked as a file (page, margins, grid, fonts, number, tables, images,
// page numbers) and as pages: LibreOffice converts it to PDF and poppler reads it back.

const empty = (key: string, title: string): BulletinTable => ({
  key,
  title,
  columns: [],
  rows: [],
  emptyText: `本期无${title}。`,
})

function fixture(): BulletinContent {
  const red = Array.from({ length: 6 }, (_, i) => ({
    name: `金旗牛业屠宰加工项目（${i + 1}期）`,
    leadUnit: { id: 1, name: '规划建设局' },
    leaders: [{ id: 1, name: '韩明' }],
    lightReasons: [{ rule: 'behind', light: 'red', text: '投资完成率落后序时进度 35.0 个百分点' }],
  }))
  const overdue = Array.from({ length: 40 }, (_, i) => ({
    code: `WT-2026-${String(i + 1).padStart(4, '0')}`,
    title: `污水管网未接通，影响试生产（第${i + 1}件）`,
    enterpriseName: '内蒙古金旗牛业有限公司',
    leadDepartmentShort: '生态环境分局',
    dueDate: '2026-10-30',
    workingDaysLate: 16 - (i % 5),
  }))
  const texts = {
    title: '关于2026年10月重点项目建设和企业问题办理情况的通报',
    intro:
      '为深入落实“周对接、月汇总、季通报”工作调度制度，现将2026年10月全区重点项目建设和企业问题办理情况通报如下：',
    overview: '2026年10月，全区 61 个重点项目中，绿灯 48 个、黄灯 7 个、红灯 6 个。',
    projects: '本期红灯项目 6 个（见下表）。',
    problems: '当前仍逾期未办结 40 件（见下表）。',
    praise: '生态环境分局主动靠前服务，予以表扬。',
    criticism: '',
    requirements: '各牵头单位要逐项明确整改措施。\n各责任单位要严格落实限时办结。',
    copyTo: '管委会主要领导，各分管领导',
  }
  return {
    kind: 'monthly',
    period: { key: '2026-10', from: '2026-10-01', to: '2026-10-31', label: '2026年10月' },
    zone: { id: 1, name: '达拉特经济开发区' },
    issuer: '达拉特经济开发区重点项目建设推进组办公室',
    investmentAsOf: { year: 2026, month: 10 },
    texts,
    generated: { overview: texts.overview, projects: texts.projects, problems: texts.problems },
    omitted: ['criticism'],
    figures: [{ label: '重点项目', value: '61 个' }],
    charts: [
      lightsChart({ red: 6, yellow: 7, green: 48 }),
      investmentChart([{ label: '规划建设局', completionRate: 0.8, scheduleRate: 0.83 }]),
      problemsChart([{ name: '生态环境分局', received: 12, resolved: 9, overdueCount: 3 }]),
    ],
    tables: {
      red: projectTable('red', '红灯项目', red as never),
      yellow: projectTable('yellow', '黄灯项目', []),
      overdueByDept: empty('overdueByDept', '各责任单位问题办理情况'),
      overdue: overdueTable(overdue as never),
      late: empty('late', '未按时报送情况'),
      ranking: empty('ranking', '每周评比排名'),
      campaigns: empty('campaigns', '攻坚行动进展'),
    },
  }
}

let dir: string
let docx: Buffer
let zip: JSZip
let xml: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qd-docx-'))
  docx = await bulletinDocx(fixture(), { number: '达开推〔2026〕7号', date: '2026年11月5日' })
  zip = await JSZip.loadAsync(docx)
  xml = await zip.file('word/document.xml')!.async('string')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the bulletin as a Word file (GB/T 9704)', () => {
  it('is A4 with the standard margins and a 22 × 28 grid', () => {
    expect(PAGE).toEqual({ width: 11906, height: 16838 })
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(xml).toContain(`w:top="${MARGIN.top}"`)
    expect(MARGIN).toEqual({ top: 2098, bottom: 1985, left: 1588, right: 1474 }) // 37, 35, 28, 26 mm
    expect(xml).toContain(`<w:docGrid w:type="default" w:linePitch="${LINE_PITCH}"/>`)
    // (297 − 37 − 35) mm of body lines at exactly 579 twips: 22 lines
    expect(Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / LINE_PITCH)).toBe(22)
    expect(xml).toContain(`<w:spacing w:line="${LINE_PITCH}" w:lineRule="exact"/>`)
    // 28 characters of 16 pt, each 0.25 pt tighter, fill the 156 mm line
    expect(28 * (16 + CHAR_CONDENSE / 20)).toBeLessThanOrEqual((PAGE.width - MARGIN.left - MARGIN.right) / 20)
    expect(29 * (16 + CHAR_CONDENSE / 20)).toBeGreaterThan((PAGE.width - MARGIN.left - MARGIN.right) / 20)
    expect(xml).toContain(`<w:spacing w:val="${CHAR_CONDENSE}"/>`)
  })

  it('sets the title in 2号 小标宋, the body in 3号 仿宋, headings in 黑体 and 楷体', () => {
    const title = xml.slice(xml.indexOf('关于2026年10月') - 400, xml.indexOf('关于2026年10月'))
    expect(title).toContain('w:eastAsia="方正小标宋简体"')
    expect(title).toContain('<w:sz w:val="44"/>')
    expect(xml).toMatch(/w:eastAsia="仿宋"[\s\S]*?<w:sz w:val="32"\/>/)
    expect(xml).toMatch(/w:eastAsia="黑体"[\s\S]*?一、总体情况/)
    expect(xml).toMatch(/w:eastAsia="楷体"[\s\S]*?（一）红灯项目/)
  })

  it('carries the number, the red 版头 rule, the signature and the 版记', () => {
    expect(xml).toContain('达开推〔2026〕7号')
    expect(xml).toMatch(/w:color="FF0000"/)
    expect(xml).toContain('2026年11月5日印发')
    expect(xml).toContain('抄送：管委会主要领导，各分管领导。')
    // an omitted section is not in the document, and the headings are renumbered
    expect(xml).not.toContain('批评与限期整改')
    expect(xml).toContain('七、表扬')
    expect(xml).toContain('八、下一步工作要求')
  })

  it('repeats table header rows and embeds the three charts as images', async () => {
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2) // 红灯项目 and 逾期问题 (the empty yellow list is a sentence)
    expect(xml).toContain('本期无黄灯项目。')
    expect(xml.match(/<w:drawing>/g)?.length).toBe(3)
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))
    expect(media).toHaveLength(3)
    const png = await zip.file(media[0])!.async('nodebuffer')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
  })

  it('numbers pages "— n —", odd pages right and even pages left', async () => {
    const settings = await zip.file('word/settings.xml')!.async('string')
    expect(settings).toContain('<w:evenAndOddHeaders/>')
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    )
    expect(footers).toHaveLength(2)
    for (const f of footers) {
      expect(f).toContain('PAGE')
      expect(f).toContain('— ')
      expect(f).toContain('w:eastAsia="宋体"')
      expect(f).toContain('<w:sz w:val="28"/>')
    }
    expect(footers.map((f) => f.match(/<w:jc w:val="(\w+)"\/>/)?.[1]).sort()).toEqual(['left', 'right'])
  })

  it('opens in LibreOffice: A4 pages, the Chinese text extracts from the PDF', { timeout: 180_000 }, () => {
    const file = path.join(dir, 'bulletin.docx')
    writeFileSync(file, docx)
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 170_000, stdio: 'pipe' },
    )
    const pdf = path.join(dir, 'bulletin.pdf')
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    const info = execFileSync('pdfinfo', [pdf]).toString()
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
    // the red 版头, 8 sections, 3 charts, 6 + 40 table rows: seven to nine A4 pages (8 here)
    expect(pages).toBeGreaterThanOrEqual(7)
    expect(pages).toBeLessThanOrEqual(9)
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/)
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString().replace(/\s+/g, '')
    expect(first).toContain('关于2026年10月重点项目建设和企业问题办理情况的通报')
    expect(first).toContain('达开推〔2026〕7号')
    const all = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')
    expect(all).toContain('金旗牛业屠宰加工项目')
    expect(all).toContain('（第40件）') // the last row of the long table
    expect(all).toContain('—1—')
    const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-']).toString()
    expect(last.replace(/\s+/g, '')).toContain('2026年11月5日印发')
  })
})
