import type { PermitStatus } from '../../../shared/service.ts'

/**
 * The permits (手续) a project needs, by its nature (建设性质) and industry — data, like the
 * milestone templates (projects/milestone-templates.ts). Each item has its default approving
 * department and its legal time limit (法定时限) in working days, counted from acceptance (受理).
 *
 * Where the figures come from:
 * - 企业注册 — 《市场主体登记管理条例》第十九条: registered on the spot, else within 3 working days.
 * - 投资协议 — a contract with the zone, not an administrative licence: no time limit.
 * - 立项/备案 — 《企业投资项目核准和备案管理条例》第十一条: 核准 within 20 working days of acceptance
 *   (备案 on the 投资项目在线审批监管平台 is immediate once the information is complete).
 * - 用地预审 — 《建设项目用地预审管理办法》第十一条: 20 days.
 * - 规划许可 — 《行政许可法》第四十二条, the general 20 working days (the 城乡规划法 sets none).
 * - 环评 — 《环境影响评价法》第二十二条: 报告书 60 days, 报告表 30 days (the 报告书 figure is used).
 * - 能评 — 《固定资产投资项目节能审查办法》(2016) 第十一条: 20 working days.
 * - 安评 — 《危险化学品建设项目安全监督管理办法》第十一条: 安全条件审查 45 days.
 * - 施工许可 — 《建筑工程施工许可管理办法》第五条: 7 days.
 * - 消防 — 《建设工程消防设计审查验收管理暂行规定》: design review 15 working days.
 * - 竣工验收 — 联合验收 of the 工程建设项目审批制度改革; the zone's commitment of 15 working days.
 * - 排污许可 — 《排污许可管理条例》第十三条: 重点管理 20 days (简化管理 15).
 * - 食品生产许可 — 《食品生产许可管理办法》(2020) 第二十条: 10 working days.
 * The statutes count some limits in days; the zone commits to them as working days (the calendar
 * of the problem loop, ADR 0004), which is what the due date uses.
 */
export interface PermitTemplateItem {
  key: string
  name: string
  department: string
  /** 法定时限 in working days; null when the step is not an administrative approval */
  limitDays: number | null
  /** the project milestone (milestone-templates.ts) its approval completes */
  milestone: string | null
  /** industry condition: food (GB/T 4754 13/14), industrial (sections B–D), or every project */
  when?: 'food' | 'industrial'
}

export const PERMIT_ITEMS: Record<string, PermitTemplateItem> = {
  registration: {
    key: 'registration',
    name: '企业注册',
    department: '市场监督管理局',
    limitDays: 3,
    milestone: null,
  },
  agreement: {
    key: 'agreement',
    name: '投资协议',
    department: '招商服务局',
    limitDays: null,
    milestone: null,
  },
  filing: {
    key: 'filing',
    name: '立项/备案',
    department: '发展改革局',
    limitDays: 20,
    milestone: '立项/备案',
  },
  land: { key: 'land', name: '用地预审', department: '自然资源局', limitDays: 20, milestone: '用地预审' },
  planning: {
    key: 'planning',
    name: '规划许可',
    department: '自然资源局',
    limitDays: 20,
    milestone: '规划许可',
  },
  eia: { key: 'eia', name: '环评批复', department: '生态环境局', limitDays: 60, milestone: '环评批复' },
  energy: { key: 'energy', name: '能评', department: '发展改革局', limitDays: 20, milestone: '能评' },
  safety: {
    key: 'safety',
    name: '安评',
    department: '应急管理局',
    limitDays: 45,
    milestone: null,
    when: 'industrial',
  },
  permit: {
    key: 'permit',
    name: '施工许可',
    department: '住房和城乡建设局',
    limitDays: 7,
    milestone: '施工许可',
  },
  fire: { key: 'fire', name: '消防设计审查', department: '住房和城乡建设局', limitDays: 15, milestone: null },
  completion: {
    key: 'completion',
    name: '竣工验收',
    department: '住房和城乡建设局',
    limitDays: 15,
    milestone: '竣工验收',
  },
  pollution: {
    key: 'pollution',
    name: '排污许可',
    department: '生态环境局',
    limitDays: 20,
    milestone: null,
    when: 'industrial',
  },
  food: {
    key: 'food',
    name: '食品生产许可',
    department: '市场监督管理局',
    limitDays: 10,
    milestone: null,
    when: 'food',
  },
}

type Entry = [key: keyof typeof PERMIT_ITEMS, applies: 'yes' | 'na']

/**
 * Per nature, in the order they are handled. 'na' items are listed as 不适用 (usually not needed
 * for that kind of project; the agent switches them on when they are):
 * - 新建: the whole chain.
 * - 续建: construction began in an earlier year — the approvals before it are behind; from 消防 on.
 * - 扩建: the enterprise exists and usually holds the land — no 注册, 用地 not applicable.
 * - 技改: inside an existing plant — no land, planning or building permit (listed as 不适用).
 */
export const PERMIT_TEMPLATES: Record<string, Entry[]> = {
  new: [
    ['registration', 'yes'],
    ['agreement', 'yes'],
    ['filing', 'yes'],
    ['land', 'yes'],
    ['planning', 'yes'],
    ['eia', 'yes'],
    ['energy', 'yes'],
    ['safety', 'yes'],
    ['permit', 'yes'],
    ['fire', 'yes'],
    ['completion', 'yes'],
    ['pollution', 'yes'],
    ['food', 'yes'],
  ],
  continued: [
    ['fire', 'yes'],
    ['completion', 'yes'],
    ['pollution', 'yes'],
    ['food', 'yes'],
  ],
  expansion: [
    ['agreement', 'yes'],
    ['filing', 'yes'],
    ['land', 'na'],
    ['planning', 'yes'],
    ['eia', 'yes'],
    ['energy', 'yes'],
    ['safety', 'yes'],
    ['permit', 'yes'],
    ['fire', 'yes'],
    ['completion', 'yes'],
    ['pollution', 'yes'],
    ['food', 'yes'],
  ],
  renovation: [
    ['filing', 'yes'],
    ['land', 'na'],
    ['planning', 'na'],
    ['eia', 'yes'],
    ['energy', 'yes'],
    ['safety', 'yes'],
    ['permit', 'na'],
    ['completion', 'yes'],
    ['pollution', 'yes'],
    ['food', 'yes'],
  ],
}

/** GB/T 4754-2017 section of a code: a letter, or the section of its two-digit major group. */
export function industrySection(code: string | null | undefined): string | null {
  if (!code) return null
  if (/^[A-T]/.test(code)) return code[0]
  const major = Number(code.slice(0, 2))
  if (!Number.isFinite(major)) return null
  if (major >= 6 && major <= 12) return 'B'
  if (major >= 13 && major <= 43) return 'C'
  if (major >= 44 && major <= 46) return 'D'
  return major <= 5 ? 'A' : 'other'
}

/** 农副食品加工业 (13) and 食品制造业 (14): the food production licence applies. */
export function isFoodIndustry(code: string | null | undefined): boolean {
  if (!code) return false
  const digits = code.replace(/^C/, '')
  return digits.startsWith('13') || digits.startsWith('14')
}

export function isIndustrial(code: string | null | undefined): boolean {
  const s = industrySection(code)
  return s === 'B' || s === 'C' || s === 'D'
}

export interface TemplatePermit {
  key: string
  name: string
  departmentName: string
  limitDays: number | null
  status: PermitStatus
  sort: number
}

/** The checklist for a project: its nature's items whose industry condition holds. */
export function templatePermits(p: { nature: string | null; industryCode: string | null }): TemplatePermit[] {
  const entries = PERMIT_TEMPLATES[p.nature ?? 'new'] ?? PERMIT_TEMPLATES.new
  return entries
    .map(([key, applies]) => ({ item: PERMIT_ITEMS[key], applies }))
    .filter(({ item }) => {
      if (item.when === 'food') return isFoodIndustry(p.industryCode)
      if (item.when === 'industrial') return isIndustrial(p.industryCode)
      return true
    })
    .map(({ item, applies }, i) => ({
      key: item.key,
      name: item.name,
      departmentName: item.department,
      limitDays: item.limitDays,
      status: applies === 'na' ? ('not_applicable' as const) : ('not_started' as const),
      sort: (i + 1) * 10,
    }))
}

/** The milestone a permit's approval completes: by its template item, else by the same name. */
export function milestoneOf(p: { template_key: string | null; name: string }): string | null {
  if (p.template_key && PERMIT_ITEMS[p.template_key]) return PERMIT_ITEMS[p.template_key].milestone
  const byName = Object.values(PERMIT_ITEMS).find((i) => i.milestone && i.milestone === p.name.trim())
  return byName?.milestone ?? null
}
