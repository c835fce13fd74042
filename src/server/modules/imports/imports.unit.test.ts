import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { BUILTIN_DICTIONARIES } from '../dictionaries/builtin-dictionaries.ts'
import { headerKey, matchHeader } from './imports.columns.ts'
import {
  cleanText,
  endAfterMonths,
  parseAmount,
  parseDate,
  parsePeriod,
  parseYesNo,
  splitNames,
  UNIT_YI,
  UNIT_YUAN,
} from './imports.normalise.ts'
import { LedgerError, loadWorkbook, normaliseRow, readLedger } from './imports.parse.ts'
import { issueLine } from './imports.resolve.ts'
import { Vocab } from './imports.vocab.ts'

const dict = (code: string) =>
  BUILTIN_DICTIONARIES.find((d) => d.code === code)!.items.map(([c, label]) => ({ code: c, label }))
const industries = (
  JSON.parse(readFileSync(new URL('../../db/reference/industries.json', import.meta.url), 'utf8')) as Array<{
    code: string
    name: string
    level: number
    parent: string | null
  }>
).map((i) => ({ code: i.code, name: i.name, level: i.level, parent: i.parent }))
const vocab = new Vocab({
  stage: dict('project_stage'),
  nature: dict('project_nature'),
  level: dict('project_level'),
  tag: dict('project_tag'),
  industries,
})

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: string } | null) => {
  if (!r?.ok) throw new Error(`expected a value, got ${JSON.stringify(r)}`)
  return r.value
}

describe('amounts → 万元', () => {
  it.each([
    ['1.2亿元', undefined, '12000.00'],
    ['1.2亿', undefined, '12000.00'],
    ['6500万', undefined, '6500.00'],
    ['6500万元', undefined, '6500.00'],
    ['6,500', undefined, '6500.00'],
    ['12,000', undefined, '12000.00'],
    ['12,000.5', undefined, '12000.50'],
    ['６５００', undefined, '6500.00'],
    ['６，５００．５万元', undefined, '6500.50'],
    [' 6500 ', undefined, '6500.00'],
    ['6500\u3000', undefined, '6500.00'],
    [6500, undefined, '6500.00'],
    [313.64, undefined, '313.64'],
    [0.1 + 0.2, undefined, '0.30'],
    [1.2, UNIT_YI, '12000.00'],
    ['1.25', UNIT_YI, '12500.00'],
    ['3.456789', UNIT_YI, '34567.89'],
    ['6500万', UNIT_YI, '6500.00'],
    ['65000000元', undefined, '6500.00'],
    [65000000, UNIT_YUAN, '6500.00'],
    ['1.005', undefined, '1.01'],
  ] as const)('%s (unit %s) → %s', (raw, unit, want) => {
    expect(ok(parseAmount(raw, unit))).toBe(want)
  })

  it('treats blanks and placeholders as empty', () => {
    for (const v of [null, '', '  ', '\u3000', '-', '—', '/', '无']) expect(parseAmount(v)).toBeNull()
  })

  it.each([
    ['一千万', '无法识别的金额「一千万」'],
    ['6500万美元', '无法识别的金额「6500万美元」'],
    ['6,50', '无法识别的金额「6,50」'],
    ['-5', '金额不能为负数「-5」'],
    ['1e20', '无法识别的金额「1e20」'],
    ['99999999999999999', '金额过大「99999999999999999」'],
  ])('refuses %s', (raw, error) => {
    expect(parseAmount(raw)).toEqual({ ok: false, error })
  })

  it('accepts an approximate figure with a warning', () => {
    expect(parseAmount('约6500万')).toEqual({
      ok: true,
      value: '6500.00',
      warning: '金额「约6500万」为约数，按数值导入',
    })
  })
})

describe('periods and dates', () => {
  it.each([
    ['2025—2027', '2025-01-01', '2027-12-31'],
    ['2025-2027', '2025-01-01', '2027-12-31'],
    ['2025–2027年', '2025-01-01', '2027-12-31'],
    ['2025～2027', '2025-01-01', '2027-12-31'],
    ['2025年至2027年', '2025-01-01', '2027-12-31'],
    ['2025年3月-2026年12月', '2025-03-01', '2026-12-31'],
    ['2025.03-2026.12', '2025-03-01', '2026-12-31'],
    ['2025.3—2026.2', '2025-03-01', '2026-02-28'],
    ['2024.3-2028.2', '2024-03-01', '2028-02-29'],
    ['2025/03-2026/06', '2025-03-01', '2026-06-30'],
    ['2025-03-2026-12', '2025-03-01', '2026-12-31'],
    ['2025.3.15-2026.6.10', '2025-03-15', '2026-06-10'],
    ['２０２５－２０２７', '2025-01-01', '2027-12-31'],
    [' 2025-2027 ', '2025-01-01', '2027-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    [2026, '2026-01-01', '2026-12-31'],
    ['2026年3月', '2026-03-01', null],
  ] as const)('%s → %s … %s', (raw, start, end) => {
    expect(ok(parsePeriod(raw))).toEqual({ startDate: start, endDate: end })
  })

  it('reads durations and counts them from the start', () => {
    expect(ok(parsePeriod('3年'))).toEqual({ startDate: null, endDate: null, months: 36 })
    expect(ok(parsePeriod('18个月'))).toEqual({ startDate: null, endDate: null, months: 18 })
    expect(endAfterMonths('2025-03-01', 36)).toBe('2028-02-29')
  })

  it.each(['明年', '2027-2025', '2025-2026-2027', '2025年13月-2026年1月'])('refuses %s', (raw) => {
    const r = parsePeriod(raw)
    expect(r && !r.ok).toBe(true)
  })

  it.each([
    ['2026年3月', '2026-03-01'],
    ['2026.03', '2026-03-01'],
    ['2026-03-15', '2026-03-15'],
    ['2026/3/15', '2026-03-15'],
    ['2026年3月上旬', '2026-03-01'],
    [new Date(Date.UTC(2026, 2, 15)), '2026-03-15'],
    [46096, '2026-03-15'],
    [2026.03, '2026-03-01'],
    [2026.12, '2026-12-01'],
  ] as const)('date %s → %s', (raw, want) => {
    expect(ok(parseDate(raw))).toBe(want)
  })

  it('reads a month as its last day for completion dates', () => {
    expect(ok(parseDate('2027年2月', { end: true }))).toBe('2027-02-28')
    expect(ok(parseDate('2027', { end: true }))).toBe('2027-12-31')
  })

  it('warns that 2026.1 might have meant October', () => {
    expect(parseDate(2026.1)).toMatchObject({
      ok: true,
      value: '2026-01-01',
      warning: expect.stringContaining('10 月'),
    })
  })
})

describe('words → dictionary codes', () => {
  it.each([
    ['洽谈', 'negotiating'],
    ['对接', 'negotiating'],
    ['签约', 'signed'],
    ['前期', 'preliminary'],
    ['前期手续', 'preliminary'],
    ['手续办理', 'preliminary'],
    ['开工', 'construction'],
    ['在建', 'construction'],
    ['开复工', 'construction'],
    ['续建施工', 'construction'],
    ['开工在建', 'construction'],
    ['建成', 'completed'],
    ['完工', 'completed'],
    ['验收', 'completed'],
    ['试生产', 'trial'],
    ['试运行', 'trial'],
    ['投产', 'production'],
    ['运营', 'production'],
    [' 在建\u3000', 'construction'],
  ])('stage %s → %s', (text, code) => {
    expect(vocab.stage(cleanText(text)!)).toEqual({ code })
  })

  it('reads a stage out of a sentence, with a warning', () => {
    expect(vocab.stage('主体已完工，正在安装设备')).toMatchObject({
      code: 'completed',
      warning: expect.any(String),
    })
    expect(vocab.stage('正在办理环评手续')).toMatchObject({ code: 'preliminary' })
    expect(vocab.stage('暂停')).toEqual({ error: '无法识别的项目阶段「暂停」' })
  })

  it.each([
    ['新建', 'new'],
    ['续建', 'continued'],
    ['扩建', 'expansion'],
    ['改扩建', 'expansion'],
    ['技改', 'renovation'],
  ])('nature %s → %s', (t, code) => expect(vocab.nature(t)).toEqual({ code }))

  it.each([
    ['国家级', 'national'],
    ['自治区级', 'provincial'],
    ['省级', 'provincial'],
    ['市级', 'city'],
    ['旗县级', 'county'],
    ['县级', 'county'],
    ['园区级', 'zone'],
    ['自治区级重点项目', 'provincial'],
    ['市级重点项目', 'city'],
  ])('level %s → %s', (t, code) => expect(vocab.level(t)).toEqual({ code }))

  it.each([
    ['农副食品加工业', '13'],
    ['13', '13'],
    ['C13', '13'],
    ['1351', '13'],
    ['13 农副食品加工业', '13'],
    ['农副食品加工业（13）', '13'],
    ['农副食品加工', '13'],
    ['医药制造业', '27'],
  ])('industry %s → %s', (t, code) => expect(vocab.industry(t)).toEqual({ code }))

  it('leaves the division empty for a section, and says so', () => {
    expect(vocab.industry('制造业')).toEqual({ error: '「制造业」是行业门类，未设置行业大类' })
    expect(vocab.industry('外太空采矿')).toMatchObject({ error: expect.stringContaining('无法识别的行业') })
  })

  it('reads tags, yes/no and names', () => {
    expect(vocab.tag('落地一批')).toEqual({ code: 'landed' })
    expect(vocab.tag('引进')).toEqual({ code: 'introduced' })
    expect(ok(parseYesNo('是'))).toBe(true)
    expect(ok(parseYesNo('否'))).toBe(false)
    expect(parseYesNo('')).toBeNull()
    expect(splitNames('张三、李四（常务副主任）, 王五\u3000赵六')).toEqual(['张三', '李四', '王五', '赵六'])
  })
})

describe('headers', () => {
  it.each([
    ['项目名称', 'name'],
    ['项目名称*', 'name'],
    ['项目 名称', 'name'],
    ['项目代码', 'code'],
    ['业主单位', 'enterprise'],
    ['企业名称', 'enterprise'],
    ['建设内容及规模', 'description'],
    ['总投资（万元）', 'totalInvestment'],
    ['总投资(亿元)', 'totalInvestment'],
    ['计划总投资\n（万元）', 'totalInvestment'],
    ['截至上年底累计完成', 'completedBefore'],
    ['截至2025年底累计完成投资（万元）', 'completedBefore'],
    ['起止年限', 'period'],
    ['当前进度', 'stage'],
    ['分包领导', 'leaders'],
    ['推进部门', 'leadUnits'],
    ['类别', 'tags'],
  ])('%s → %s', (text, key) => {
    expect(matchHeader(text)?.key).toBe(key)
  })

  it('reads the year and the unit', () => {
    expect(matchHeader('2026年计划投资（亿元）')).toEqual({ key: 'yearPlan', year: 2026, unit: 4 })
    expect(matchHeader('年度计划投资')).toEqual({ key: 'yearPlan', unit: null })
    expect(matchHeader('总投资（亿元）')).toEqual({ key: 'totalInvestment', unit: 4 })
    expect(headerKey('单位：万元')).toBe('')
    expect(matchHeader('达拉特经济开发区2026年重点项目台账')).toBeNull()
  })
})

async function sheetOf(rows: unknown[][], merges: string[] = []) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台账')
  for (const r of rows) ws.addRow(r)
  for (const m of merges) ws.mergeCells(m)
  return loadWorkbook(Buffer.from(await wb.xlsx.writeBuffer()))
}

describe('reading a ledger sheet', () => {
  it('finds the header under title rows and reads shuffled columns with units', async () => {
    const wb = await sheetOf([
      ['达拉特经济开发区2026年重点项目台账'],
      ['', '', '', '单位：万元'],
      ['项目阶段', '总投资（亿元）', '序号', '项目名称', '建设年限', '备注'],
      ['在建', 1.2, 1, ' 肉牛(羊)屠宰加工项目 ', '2025—2027', 'x'],
      ['合计', 1.2, '', '', '', ''],
    ])
    const sheet = readLedger(wb)
    expect(sheet.headerRow).toBe(3)
    expect(sheet.rows.map((r) => r.row)).toEqual([4])
    expect(sheet.notes).toContain('未识别的列（已忽略）：「备注」')
    const row = normaliseRow(sheet, sheet.rows[0], vocab, 2026)
    expect(row.problems).toEqual([])
    expect(row.values).toMatchObject({
      name: '肉牛(羊)屠宰加工项目',
      totalInvestment: '12000.00',
      stage: 'construction',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
    })
  })

  it('takes the unit from a note row, and a two-row header with a group cell', async () => {
    const wb = await sheetOf(
      [
        ['2026年重点项目台账'],
        ['单位：亿元'],
        ['序号', '项目名称', '投资情况', '', '建设单位'],
        ['', '', '总投资', '2026年计划投资', ''],
        [1, '甲项目', 2, '0.5', '甲公司'],
        ['一、新建项目（1个）', '', '', '', ''],
        [2, '乙项目', '3000万', '', ''],
        ['注：本表由督查室汇总'],
      ],
      ['A3:A4', 'B3:B4', 'C3:D3', 'E3:E4'],
    )
    const sheet = readLedger(wb)
    expect(sheet.dataStartRow).toBe(5)
    const rows = sheet.rows.map((r) => normaliseRow(sheet, r, vocab, 2026))
    expect(rows.map((r) => r.row)).toEqual([5, 7])
    expect(rows[0].values).toMatchObject({
      totalInvestment: '20000.00',
      yearPlans: [{ year: 2026, planned: '5000.00' }],
      enterpriseName: '甲公司',
    })
    expect(rows[1].values.totalInvestment).toBe('3000.00')
  })

  it('reports each bad cell with its column as written', async () => {
    const wb = await sheetOf([
      ['项目名称', '总投资（万元）', '建设年限', '项目阶段'],
      ['', '100', '', ''],
      ['丙项目', '一千万', '明年', '暂停'],
      ['丁项目', '0', '', ''],
    ])
    const sheet = readLedger(wb)
    const [a, b, c] = sheet.rows.map((r) => normaliseRow(sheet, r, vocab, 2026))
    expect(a.problems).toEqual([{ column: '项目名称', message: '项目名称不能为空' }])
    expect(b.problems.map((p) => issueLine(b.row, p))).toEqual([
      '第 3 行「总投资（万元）」：无法识别的金额「一千万」',
      '第 3 行「建设年限」：无法识别的建设年限「明年」',
    ])
    expect(b.warnings).toEqual([{ column: '项目阶段', message: '无法识别的项目阶段「暂停」，已忽略' }])
    expect(c.problems).toEqual([{ column: '总投资（万元）', message: '总投资必须大于 0' }])
  })

  it('refuses files without a recognisable header or required columns, and non-xlsx content', async () => {
    await expect(async () =>
      readLedger(
        await sheetOf([
          ['a', 'b'],
          [1, 2],
        ]),
      ),
    ).rejects.toThrow(/未找到表头/)
    await expect(async () =>
      readLedger(
        await sheetOf([
          ['项目名称', '建设单位', '项目阶段'],
          ['x', 'y', '在建'],
        ]),
      ),
    ).rejects.toThrow('第 1 行的表头中缺少必需的列：「总投资」')
    await expect(loadWorkbook(Buffer.from('hello world'))).rejects.toBeInstanceOf(LedgerError)
    await expect(loadWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).rejects.toThrow(/\.xls/)
  })
})
