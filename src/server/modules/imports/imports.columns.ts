// The ledger's columns: what each is called in real 台账 (many spellings), and how a header cell is
// recognised — units in brackets, years in "2026年计划投资", required marks, line breaks.
import { type AmountUnit, toHalfWidth, unitIn } from './imports.normalise.ts'

export type FieldKey =
  | 'seq'
  | 'code'
  | 'name'
  | 'enterprise'
  | 'creditCode'
  | 'nature'
  | 'industry'
  | 'level'
  | 'address'
  | 'description'
  | 'totalInvestment'
  | 'yearPlan'
  | 'completedBefore'
  | 'period'
  | 'startDate'
  | 'endDate'
  | 'stage'
  | 'leaders'
  | 'leadUnits'
  | 'coUnits'
  | 'tags'
  | 'isKey'

export interface FieldDef {
  key: FieldKey
  /** the header the template uses */
  header: string
  /** other spellings seen in ledgers (compared without blanks, brackets and units) */
  aliases: string[]
  required?: boolean
  amount?: boolean
  /** what the instructions sheet says about it */
  help: string
  example: [string | number, string | number]
  width?: number
}

export const FIELDS: FieldDef[] = [
  {
    key: 'seq',
    header: '序号',
    aliases: ['序号', '编号序号'],
    help: '可留空，导入时忽略',
    example: [1, 2],
    width: 6,
  },
  {
    key: 'code',
    header: '项目编号',
    aliases: ['项目编号', '项目代码', '项目统一代码', '统一项目代码', '备案代码'],
    help: '可留空。填写时按编号匹配本区已有项目并更新；留空时按项目名称匹配，未匹配的新建并自动编号',
    example: ['', ''],
    width: 14,
  },
  {
    key: 'name',
    header: '项目名称',
    aliases: ['项目名称', '名称', '项目'],
    required: true,
    help: '必填。同一文件中不能重复',
    example: ['肉牛(羊)屠宰加工项目', '中轩生化赤藓糖醇项目'],
    width: 30,
  },
  {
    key: 'enterprise',
    header: '建设单位',
    aliases: ['建设单位', '业主单位', '项目单位', '企业名称', '项目业主', '建设主体', '投资主体', '实施主体'],
    help: '企业全称。本区没有的企业在导入时自动建立',
    example: ['内蒙古金旗牛业有限公司', '内蒙古中轩生化科技有限公司'],
    width: 26,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['统一社会信用代码', '社会信用代码', '信用代码'],
    help: '18 位，按 GB 32100 校验；填写时优先按代码匹配企业',
    example: ['', ''],
    width: 22,
  },
  {
    key: 'nature',
    header: '建设性质',
    aliases: ['建设性质', '项目性质'],
    help: '新建、续建、扩建、技改',
    example: ['新建', '新建'],
  },
  {
    key: 'industry',
    header: '所属行业',
    aliases: ['所属行业', '行业', '行业分类', '国民经济行业', '所属产业', '产业类别', '行业类别'],
    help: 'GB/T 4754-2017 行业大类名称或代码，如「农副食品加工业」或「13」；只填门类（如「制造业」）时行业留空',
    example: ['农副食品加工业', '食品制造业'],
    width: 16,
  },
  {
    key: 'level',
    header: '项目级别',
    aliases: ['项目级别', '级别', '重点项目级别', '项目层级'],
    help: '国家级、自治区级（省级）、市级、旗县级、园区级',
    example: ['市级', '旗县级'],
  },
  {
    key: 'address',
    header: '建设地点',
    aliases: ['建设地点', '项目地址', '项目地点', '建设地址', '项目选址', '建设位置'],
    help: '',
    example: ['达拉特经济开发区', '达拉特经济开发区生物医药产业园'],
    width: 20,
  },
  {
    key: 'description',
    header: '建设内容及规模',
    aliases: [
      '建设内容及规模',
      '建设内容',
      '建设规模及内容',
      '主要建设内容',
      '建设规模和内容',
      '建设内容和规模',
    ],
    help: '可多行',
    example: ['年屠宰能力1万头牛、15万只羊，配套冷链物流', '新建赤藓糖醇生产线及配套设施'],
    width: 40,
  },
  {
    key: 'totalInvestment',
    header: '总投资（万元）',
    aliases: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额'],
    required: true,
    amount: true,
    help: '必填，大于 0。单位以表头为准（万元或亿元），单元格也可写「1.2亿元」「6500万」',
    example: [6500, '1.2亿元'],
    width: 14,
  },
  {
    key: 'yearPlan',
    header: '年度计划投资（万元）',
    aliases: ['年度计划投资', '本年计划投资', '年计划投资', '本年度计划投资', '计划完成投资', '年度投资计划'],
    amount: true,
    help: '表头可写年份，如「2026年计划投资（万元）」；不写年份时为当年',
    example: [6500, 3000],
    width: 14,
  },
  {
    key: 'completedBefore',
    header: '累计完成投资（万元）',
    aliases: [
      '累计完成投资',
      '截至上年底累计完成',
      '截至上年底累计完成投资',
      '累计完成',
      '已完成投资',
      '开工以来累计完成投资',
    ],
    amount: true,
    help: '截至上年底的累计完成投资；本年各月完成数通过月报填报',
    example: [0, 0],
    width: 14,
  },
  {
    key: 'period',
    header: '建设年限',
    aliases: [
      '建设年限',
      '建设起止年限',
      '起止年限',
      '建设周期',
      '建设期限',
      '起止年份',
      '建设起止时间',
      '建设工期',
    ],
    help: '如「2025-2027」「2025年3月-2026年12月」「2025.03-2026.12」；起始取首月第一天，结束取末月最后一天',
    example: ['{Y}年8月-{Y}年11月', '{Y}-{Y+1}'],
    width: 20,
  },
  {
    key: 'startDate',
    header: '计划开工时间',
    aliases: ['计划开工时间', '开工时间', '计划开工日期', '开工日期', '计划开工'],
    help: '如「2026年3月」「2026-03-15」；填写时优先于建设年限的起始',
    example: ['{Y}年8月', ''],
    width: 14,
  },
  {
    key: 'endDate',
    header: '计划竣工时间',
    aliases: ['计划竣工时间', '计划完工时间', '竣工时间', '计划竣工日期', '计划投产时间'],
    help: '可留空；填写时优先于建设年限的结束',
    example: ['', ''],
    width: 14,
  },
  {
    key: 'stage',
    header: '项目阶段',
    aliases: ['项目阶段', '进展阶段', '当前进度', '项目进展阶段', '建设阶段', '当前阶段', '项目状态'],
    help: '洽谈、签约、前期手续、开工在建、建成验收、试生产、投产（也可写「在建」「开复工」「试运行」等）',
    example: ['建成验收', '前期手续'],
  },
  {
    key: 'leaders',
    header: '包联领导',
    aliases: ['包联领导', '分包领导', '包保领导', '包联县级领导', '联系领导', '责任领导', '包抓领导'],
    help: '本区用户的姓名，多人用顿号分隔；找不到的姓名给出提示，不影响导入',
    example: ['', ''],
  },
  {
    key: 'leadUnits',
    header: '牵头单位',
    aliases: ['牵头单位', '责任单位', '推进部门', '牵头部门', '责任部门', '推进单位'],
    help: '本区部门的全称或简称',
    example: ['', ''],
    width: 16,
  },
  {
    key: 'coUnits',
    header: '配合单位',
    aliases: ['配合单位', '配合部门', '协办单位', '协助单位'],
    help: '多个用顿号分隔',
    example: ['', ''],
    width: 16,
  },
  {
    key: 'tags',
    header: '项目标签',
    aliases: ['项目标签', '类别', '项目类别', '三个一批', '项目分类'],
    help: '引进一批、落地一批、储备一批，多个用顿号分隔',
    example: ['落地一批', '引进一批'],
  },
  {
    key: 'isKey',
    header: '是否重点项目',
    aliases: ['是否重点项目', '是否重点', '重点项目'],
    help: '是 / 否，留空为是',
    example: ['是', '是'],
  },
]

export const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]))

/** A header cell reduced for comparison: half-width, no blanks, no "(万元)" / "*" / "单位：". */
export function headerKey(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/(单位[:：]?)?(亿元|万元|元)$/, '')
    .replace(/[:：]$/, '')
}

const ALIAS = new Map<string, FieldKey>()
for (const f of FIELDS) for (const a of f.aliases) ALIAS.set(headerKey(a), f.key)

export interface HeaderMatch {
  key: FieldKey
  /** for yearPlan: the year in the header, if any */
  year?: number
  /** for amounts: the unit named in the header, if any */
  unit?: AmountUnit | null
}

/** Which field a header cell names, or null. */
export function matchHeader(text: string): HeaderMatch | null {
  const k = headerKey(text)
  if (!k) return null
  const unit = unitIn(text)
  const direct = ALIAS.get(k)
  if (direct) return { key: direct, ...(FIELD_BY_KEY.get(direct)!.amount ? { unit } : {}) }
  // "2026年计划投资", "2026年度计划完成投资", "2026年投资计划"
  const y = /^(\d{4})年度?(计划(完成)?投资(额)?|投资计划|计划投资额)$/.exec(k)
  if (y) return { key: 'yearPlan', year: Number(y[1]), unit }
  // "截至2025年底累计完成投资", "截止上年底累计完成"
  if (/^截[至止](\d{4}年|上年)底?累计完成(投资)?(额)?$/.test(k)) return { key: 'completedBefore', unit }
  return null
}
