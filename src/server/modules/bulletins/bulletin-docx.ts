import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx'
import {
  type BulletinContent,
  type BulletinTable,
  SECTION_HEADINGS,
  type SectionKey,
} from './bulletin-types.ts'
import { chartPng } from './chart-png.ts'

// The bulletin as an official document in the layout of GB/T 9704-2012 (党政机关公文格式):
// A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines × 28 characters;
// body 3号 仿宋, title 2号 小标宋, level-one headings 黑体, level-two 楷体; page numbers 4号
// 宋体 "— 1 —", odd pages right, even pages left; red 版头 with the document number.

const MM = 56.7 // twips per millimetre
export const PAGE = { width: 11906, height: 16838 }
export const MARGIN = {
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
}
/** 22 lines: (297 − 37 − 35) mm / 22 = 28.95 pt */
export const LINE_PITCH = 579
/**
 * 28 characters of 16 pt in 156 mm (442.2 pt): each character is drawn 0.25 pt tighter (15.75 pt).
 * A character grid (linesAndChars) would say the same to Word, but LibreOffice and WPS spread
 * characters apart with it; condensed runs on a line grid lay out alike everywhere.
 */
export const CHAR_CONDENSE = -5 // twentieths of a point

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋',
  heading1: '黑体',
  heading2: '楷体',
  pageNumber: '宋体',
  latin: 'Times New Roman',
}
const SIZE = { title: 44, body: 32, table: 24, pageNumber: 28, issuerMark: 60 } // half-points: 2号 22pt, 3号 16pt, 小四 12pt, 4号 14pt
const RED = 'FF0000'
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia })
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT }

function run(text: string, f = FONTS.body, extra: Record<string, unknown> = {}) {
  return new TextRun({ text, font: font(f), size: SIZE.body, characterSpacing: CHAR_CONDENSE, ...extra })
}

/** A body paragraph: first line indented two characters. Blank lines in the text start new paragraphs. */
function bodyParagraphs(text: string): Paragraph[] {
  return text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(
      (s) =>
        new Paragraph({
          children: [run(s)],
          indent: { firstLine: 640 },
          spacing: exact,
          alignment: AlignmentType.JUSTIFIED,
        }),
    )
}

const heading1 = (n: number, text: string) =>
  new Paragraph({
    keepNext: true,
    children: [run(`${CN_NUMBERS[n]}、${text}`, FONTS.heading1)],
    indent: { firstLine: 640 },
    spacing: exact,
  })
const heading2 = (n: number, text: string) =>
  new Paragraph({
    keepNext: true,
    children: [run(`（${CN_NUMBERS[n]}）${text}`, FONTS.heading2)],
    indent: { firstLine: 640 },
    spacing: exact,
  })

function cell(text: string, opts: { header?: boolean; align?: 'left' | 'center' | 'right' }) {
  const alignment =
    opts.header || opts.align === 'center'
      ? AlignmentType.CENTER
      : opts.align === 'right'
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT
  return new TableCell({
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment,
        // table text keeps its own, smaller line height: 小四 on 15 pt
        spacing: { line: 300, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ text, font: font(opts.header ? FONTS.heading1 : FONTS.body), size: SIZE.table }),
        ],
      }),
    ],
  })
}

/** A table whose header row repeats on every page it runs over. */
function table(t: BulletinTable): Array<Paragraph | Table> {
  if (t.rows.length === 0) return bodyParagraphs(t.emptyText)
  const total = t.columns.reduce((n, c) => n + (c.width ?? 10), 0)
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: t.columns.map((c) =>
        Math.round(((c.width ?? 10) / total) * (PAGE.width - MARGIN.left - MARGIN.right)),
      ),
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: t.columns.map((c) => cell(c.label, { header: true })),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: t.columns.map((c) =>
                cell(r[c.key] == null ? '—' : String(r[c.key]), { align: c.align }),
              ),
            }),
        ),
      ],
    }),
    new Paragraph({ children: [], spacing: exact }),
  ]
}

function chart(content: BulletinContent, key: string, figureNo: number): Paragraph[] {
  const c = content.charts.find((x) => x.key === key)
  if (!c) return []
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true, // the picture stays with its caption
      children: [
        new ImageRun({
          type: 'png',
          data: chartPng(c.option),
          transformation: { width: 560, height: 311 },
          altText: { name: c.title, description: c.title, title: c.title },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact,
      children: [run(`图${figureNo}  ${c.title}`, FONTS.heading2, { size: SIZE.table })],
    }),
  ]
}

function section(
  content: BulletinContent,
  key: SectionKey,
  n: () => number,
  fig: () => number,
): Array<Paragraph | Table> {
  const t = content.texts
  const tb = content.tables
  const h = heading1(n(), SECTION_HEADINGS[key])
  switch (key) {
    case 'overview':
      return [
        h,
        ...bodyParagraphs(t.overview),
        ...chart(content, 'lights', fig()),
        ...chart(content, 'investment', fig()),
      ]
    case 'projects':
      return [
        h,
        ...bodyParagraphs(t.projects),
        heading2(0, tb.red.title),
        ...table(tb.red),
        heading2(1, tb.yellow.title),
        ...table(tb.yellow),
      ]
    case 'problems':
      return [
        h,
        ...bodyParagraphs(t.problems),
        ...chart(content, 'problems', fig()),
        heading2(0, tb.overdueByDept.title),
        ...table(tb.overdueByDept),
        heading2(1, tb.overdue.title),
        ...table(tb.overdue),
      ]
    case 'reporting':
      return [h, ...table(tb.late)]
    case 'rankings':
      return [h, ...(tb.ranking.rows.length ? bodyParagraphs(tb.ranking.title) : []), ...table(tb.ranking)]
    case 'campaigns':
      return [h, ...table(tb.campaigns)]
    case 'praise':
      return [h, ...bodyParagraphs(t.praise)]
    case 'criticism':
      return [h, ...bodyParagraphs(t.criticism)]
    case 'requirements':
      return [h, ...bodyParagraphs(t.requirements)]
  }
}

function pageNumberFooter(align: 'right' | 'left') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 }, // 空一字
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber),
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  })
}

const ruled = (color: string, size: number) => ({ style: BorderStyle.SINGLE, size, color, space: 1 })

export interface DocxMeta {
  /** 达开推〔2026〕7号, or the number without its sequence on a draft */
  number: string
  /** 成文日期, e.g. 2026年11月24日 */
  date: string
}

export async function bulletinDocx(content: BulletinContent, meta: DocxMeta): Promise<Buffer> {
  let sectionNo = 0
  let figureNo = 0
  const next = () => sectionNo++
  const nextFig = () => ++figureNo
  const t = content.texts
  const body = (Object.keys(SECTION_HEADINGS) as SectionKey[])
    .filter((k) => !content.omitted.includes(k))
    .flatMap((k) => section(content, k, next, nextFig))
  const children: Array<Paragraph | Table> = [
    // 版头: 发文机关标志 in red, the number, the red rule
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 400 },
      children: [
        new TextRun({ text: content.issuer, font: font(FONTS.title), size: SIZE.issuerMark, color: RED }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact,
      border: { bottom: ruled(RED, 18) },
      children: [run(meta.number)],
    }),
    new Paragraph({ children: [], spacing: exact }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: t.title, font: font(FONTS.title), size: SIZE.title })],
    }),
    new Paragraph({ children: [], spacing: exact }),
    new Paragraph({ children: [run('各有关单位、各项目专班：')], spacing: exact }),
    ...bodyParagraphs(t.intro),
    ...body,
    new Paragraph({ children: [], spacing: exact }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 640 },
      spacing: exact,
      children: [run(content.issuer)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 960 },
      spacing: exact,
      children: [run(meta.date)],
    }),
    new Paragraph({ children: [], spacing: exact }),
    // 版记: 抄送 and 印发 between rules
    ...(t.copyTo.trim()
      ? [
          new Paragraph({
            spacing: exact,
            indent: { left: 280, right: 280 },
            border: { top: ruled('000000', 8), bottom: ruled('000000', 4) },
            children: [
              run(`抄送：${t.copyTo.trim().replace(/[。.]?$/, '。')}`, FONTS.body, { size: SIZE.pageNumber }),
            ],
          }),
        ]
      : []),
    new Paragraph({
      spacing: exact,
      indent: { left: 280, right: 280 },
      border: { bottom: ruled('000000', 8), ...(t.copyTo.trim() ? {} : { top: ruled('000000', 8) }) },
      tabStops: [{ type: 'right', position: PAGE.width - MARGIN.left - MARGIN.right - 280 }],
      children: [
        run(content.issuer, FONTS.body, { size: SIZE.pageNumber }),
        run(`\t${meta.date}印发`, FONTS.body, { size: SIZE.pageNumber }),
      ],
    }),
  ]
  const doc = new Document({
    creator: '清单 Qingdan',
    title: t.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGIN, header: 851, footer: 1304 } },
          // no snapping grid (LibreOffice would stretch table lines to it): body lines are exact 28.95 pt
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
