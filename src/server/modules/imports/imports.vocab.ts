// Dictionary words as people write them in ledgers → dictionary codes (project_stage, project_nature,
// project_level, project_tag) and GB/T 4754 industries. The dictionaries' own labels always count;
// the alias lists cover the usual variants.
import { nameKey, toHalfWidth } from './imports.normalise.ts'

export interface DictEntry {
  code: string
  label: string
}

export interface IndustryEntry {
  code: string
  name: string
  level: number
  parent: string | null
}

export interface VocabSource {
  stage: DictEntry[]
  nature: DictEntry[]
  level: DictEntry[]
  tag: DictEntry[]
  industries: IndustryEntry[]
}

const STAGE_ALIASES: Record<string, string[]> = {
  negotiating: ['洽谈', '对接', '洽谈中', '对接中', '在谈', '正在洽谈', '意向', '洽谈阶段'],
  signed: ['签约', '已签约', '签约阶段', '签订协议', '已签订协议'],
  preliminary: [
    '前期',
    '前期手续',
    '手续办理',
    '前期工作',
    '办理手续',
    '前期阶段',
    '未开工',
    '待开工',
    '拟开工',
    '开工前期',
  ],
  construction: [
    '开工',
    '在建',
    '开复工',
    '续建施工',
    '开工在建',
    '已开工',
    '施工',
    '施工中',
    '在建中',
    '复工',
    '新开工',
    '续建',
  ],
  completed: ['建成', '完工', '验收', '建成验收', '竣工', '已建成', '已完工', '竣工验收', '主体完工'],
  trial: ['试生产', '试运行', '试产', '试运营'],
  production: ['投产', '运营', '已投产', '投产运营', '建成投产', '达产', '正式投产', '投入运营', '投入使用'],
}

// For longer free text ("主体已完工，正在安装设备"): the first rule that matches wins.
const STAGE_KEYWORDS: Array<[RegExp, string]> = [
  [/试生产|试运行|试产|试运营/, 'trial'],
  [/投产|运营|达产|投入使用/, 'production'],
  [/未开工|待开工|拟开工|开工前|前期|手续|立项|备案|审批|办理/, 'preliminary'],
  [/建成|完工|竣工|验收/, 'completed'],
  [/开工|在建|开复工|续建|施工|建设中|安装/, 'construction'],
  [/签约|签订|协议/, 'signed'],
  [/洽谈|对接|谈判|意向/, 'negotiating'],
]

const NATURE_ALIASES: Record<string, string[]> = {
  new: ['新建', '新建项目'],
  continued: ['续建', '续建项目'],
  expansion: ['扩建', '改扩建', '扩建项目'],
  renovation: ['技改', '技术改造', '技改项目', '改造'],
}

const LEVEL_ALIASES: Record<string, string[]> = {
  national: ['国家级', '国家', '国家重点'],
  provincial: ['自治区级', '省级', '省(自治区)级', '自治区', '省', '区级(自治区)', '省部级'],
  city: ['市级', '盟市级', '市', '盟级', '州级'],
  county: ['旗县级', '县级', '旗级', '县(旗、区)级', '县区级', '旗区级', '旗县区级', '县', '旗'],
  zone: ['园区级', '开发区级', '园区', '开发区'],
}

const TAG_ALIASES: Record<string, string[]> = {
  introduced: ['引进一批', '引进', '新引进'],
  landed: ['落地一批', '落地', '新落地'],
  reserve: ['储备一批', '储备', '谋划储备', '谋划'],
}

function mapOf(entries: DictEntry[], aliases: Record<string, string[]>) {
  const m = new Map<string, string>()
  const codes = new Set(entries.map((e) => e.code))
  for (const [code, words] of Object.entries(aliases)) {
    if (!codes.has(code)) continue
    for (const w of words) m.set(nameKey(w), code)
  }
  // The dictionary's own labels and codes come last, so an edited label wins over an alias.
  for (const e of entries) {
    m.set(nameKey(e.label), e.code)
    m.set(nameKey(e.code), e.code)
  }
  return m
}

export type WordResult = { code: string; warning?: string } | { error: string } | null

export class Vocab {
  readonly #stage: Map<string, string>
  readonly #nature: Map<string, string>
  readonly #level: Map<string, string>
  readonly #tag: Map<string, string>
  readonly #labels: Map<string, string>
  readonly #divisions: IndustryEntry[]
  readonly #industryByCode: Map<string, IndustryEntry>
  readonly #industryByName: Map<string, IndustryEntry>
  readonly #stageCodes: Set<string>

  constructor(src: VocabSource) {
    this.#stage = mapOf(src.stage, STAGE_ALIASES)
    this.#nature = mapOf(src.nature, NATURE_ALIASES)
    this.#level = mapOf(src.level, LEVEL_ALIASES)
    this.#tag = mapOf(src.tag, TAG_ALIASES)
    this.#stageCodes = new Set(src.stage.map((s) => s.code))
    this.#labels = new Map(
      [...src.stage, ...src.nature, ...src.level, ...src.tag].map((e) => [e.code, e.label] as const),
    )
    this.#divisions = src.industries.filter((i) => i.level === 2)
    this.#industryByCode = new Map(src.industries.map((i) => [i.code, i]))
    this.#industryByName = new Map(src.industries.map((i) => [nameKey(i.name), i]))
  }

  label(code: string): string {
    return this.#labels.get(code) ?? code
  }

  stage(text: string): WordResult {
    const k = nameKey(text).replace(/阶段$/, '')
    const exact = this.#stage.get(k) ?? this.#stage.get(nameKey(text))
    if (exact) return { code: exact }
    for (const [re, code] of STAGE_KEYWORDS) {
      if (re.test(text) && this.#stageCodes.has(code))
        return { code, warning: `项目阶段「${text}」识别为「${this.label(code)}」` }
    }
    return { error: `无法识别的项目阶段「${text}」` }
  }

  nature(text: string): WordResult {
    const code = this.#nature.get(nameKey(text))
    return code ? { code } : { error: `无法识别的建设性质「${text}」` }
  }

  level(text: string): WordResult {
    const k = nameKey(text).replace(/重点(建设)?项目$|重点$|项目$/, '')
    const code = this.#level.get(k) ?? this.#level.get(nameKey(text))
    return code ? { code } : { error: `无法识别的项目级别「${text}」` }
  }

  tag(text: string): WordResult {
    const code = this.#tag.get(nameKey(text))
    return code ? { code } : { error: `无法识别的项目标签「${text}」` }
  }

  /**
   * GB/T 4754 division by name or code: "农副食品加工业", "13", "C13", "1351", "13 农副食品加工业".
   * A section ("制造业", "C") is recognised but leaves the division empty, with a warning.
   */
  industry(text: string): WordResult {
    const s = toHalfWidth(text).replace(/\s+/g, '')
    const byName = this.#industryByName.get(nameKey(s))
    if (byName?.level === 2) return { code: byName.code }
    if (byName?.level === 1) return { error: `「${text}」是行业门类，未设置行业大类` }
    const codeMatch = /^([A-T])?(\d{2})(\d{1,2})?/.exec(s)
    if (codeMatch) {
      const div = this.#industryByCode.get(codeMatch[2])
      if (div && div.level === 2 && (!codeMatch[1] || div.parent === codeMatch[1])) return { code: div.code }
    }
    const inBrackets = /[([](\d{2})\d{0,2}[)\]]/.exec(s)
    if (inBrackets) {
      const div = this.#industryByCode.get(inBrackets[1])
      if (div?.level === 2) return { code: div.code }
    }
    const section = /^[A-T]$/.test(s) ? this.#industryByCode.get(s) : undefined
    if (section) return { error: `「${text}」是行业门类，未设置行业大类` }
    const k = nameKey(s)
    const near = this.#divisions.filter((d) => {
      const dk = nameKey(d.name)
      return k.length >= 2 && (dk.includes(k) || k.includes(dk))
    })
    if (near.length === 1) return { code: near[0].code }
    return { error: `无法识别的行业「${text}」，未设置行业` }
  }
}
