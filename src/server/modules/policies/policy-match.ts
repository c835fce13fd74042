import { formatWan, toUnits } from '../../lib/money.ts'

/**
 * Whether an enterprise meets a policy's conditions, with the reason for each condition met (and the
 * first one not met) in Chinese. Pure: the caller loads the policy, the enterprise with its projects
 * and the labels; "today" is a Beijing date. Rules:
 * - only a published policy valid today matches (valid_from ≤ today ≤ valid_to; no end = 长期有效);
 * - an empty condition is no condition; thresholds are inclusive (≥ min, ≤ max);
 * - industry: the enterprise's GB/T 4754 code is the condition's code or under it (a section letter
 *   covers its divisions);
 * - region: the enterprise's GB/T 2260 code is the condition's region or inside it (150600 鄂尔多斯市
 *   covers 150621 达拉特旗);
 * - project conditions (stages, investment) are met together by one of the enterprise's projects.
 */
export interface PolicyConditions {
  industries: string[]
  scales: string[]
  regions: string[]
  stages: string[]
  minInvestment: string | null
  maxInvestment: string | null
}

export interface MatchPolicy extends PolicyConditions {
  status: 'draft' | 'published' | 'withdrawn'
  validFrom: string
  validTo: string | null
}

export interface MatchProject {
  id: number
  name: string
  stage: string
  totalInvestment: string
}

export interface MatchEnterprise {
  industryCode: string | null
  /** the GB/T 4754 section letter of industryCode (C for 26) */
  industrySection: string | null
  scale: string | null
  regionCode: string | null
  projects: MatchProject[]
}

/** Names for codes (industries, scales, stages, regions); a code without a name is shown as it is. */
export interface MatchLabels {
  industry: Record<string, string>
  scale: Record<string, string>
  stage: Record<string, string>
  region: Record<string, string>
}

export interface MatchResult {
  matched: boolean
  /** each condition met, in order */
  reasons: string[]
  /** the first condition not met (when not matched) */
  unmet: string | null
}

/** '160000.00' → '16 亿元', '5000' → '5,000 万元' (the trailing zeros dropped). */
export function wanShort(s: string): string {
  return formatWan(s)
    .replace(/\.00(?= )/, '')
    .replace(/(\.\d)0(?= )/, '$1')
}

/** The GB/T 2260 prefix a region covers: 150000 → 15, 150600 → 1506, 150621 → 150621. */
export function regionPrefix(code: string): string {
  let p = code
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2)
  return p
}

const named = (map: Record<string, string>, code: string) => (map[code] ? `${code} ${map[code]}` : code)
const list = (map: Record<string, string>, codes: string[]) => codes.map((c) => map[c] ?? c).join('、')

export function industryCovers(cond: string, code: string, section: string | null): boolean {
  if (/^[A-Z]$/.test(cond)) return section === cond || code === cond
  return code.startsWith(cond)
}

/** The validity of a policy on a day: 'valid', 'upcoming' or 'expired'. */
export function validityOn(p: Pick<MatchPolicy, 'validFrom' | 'validTo'>, today: string) {
  if (today < p.validFrom) return 'upcoming' as const
  if (p.validTo && today > p.validTo) return 'expired' as const
  return 'valid' as const
}

export function matchPolicy(
  p: MatchPolicy,
  e: MatchEnterprise,
  today: string,
  labels: MatchLabels,
): MatchResult {
  const reasons: string[] = []
  const fail = (unmet: string): MatchResult => ({ matched: false, reasons, unmet })

  if (p.status !== 'published') return fail('政策未发布')
  const validity = validityOn(p, today)
  if (validity === 'upcoming') return fail(`政策 ${p.validFrom} 起施行，尚未生效`)
  if (validity === 'expired') return fail(`政策已于 ${p.validTo} 到期`)

  if (p.industries.length) {
    if (!e.industryCode) return fail('企业未登记所属行业')
    const code = e.industryCode
    const hit = p.industries.find((c) => industryCovers(c, code, e.industrySection))
    if (!hit)
      return fail(`行业 ${named(labels.industry, code)} 不在「${list(labels.industry, p.industries)}」之列`)
    reasons.push(`行业 ${named(labels.industry, code)} 符合「${named(labels.industry, hit)}」`)
  }

  if (p.scales.length) {
    if (!e.scale) return fail('企业未登记企业规模')
    if (!p.scales.includes(e.scale))
      return fail(`企业规模 ${labels.scale[e.scale] ?? e.scale} 不在「${list(labels.scale, p.scales)}」之列`)
    reasons.push(`企业规模 ${labels.scale[e.scale] ?? e.scale} 符合「${list(labels.scale, p.scales)}」`)
  }

  if (p.regions.length) {
    if (!e.regionCode) return fail('企业未登记所在地区')
    const code = e.regionCode
    const hit = p.regions.find((r) => code.startsWith(regionPrefix(r)))
    if (!hit)
      return fail(`所在地区 ${labels.region[code] ?? code} 不在「${list(labels.region, p.regions)}」范围内`)
    reasons.push(`所在地区 ${labels.region[code] ?? code} 在「${labels.region[hit] ?? hit}」范围内`)
  }

  const min = p.minInvestment != null ? toUnits(p.minInvestment) : null
  const max = p.maxInvestment != null ? toUnits(p.maxInvestment) : null
  if (p.stages.length || min != null || max != null) {
    const fits = (x: MatchProject) =>
      (!p.stages.length || p.stages.includes(x.stage)) &&
      (min == null || toUnits(x.totalInvestment) >= min) &&
      (max == null || toUnits(x.totalInvestment) <= max)
    const best = e.projects
      .filter(fits)
      .sort((a, b) => Number(toUnits(b.totalInvestment) - toUnits(a.totalInvestment)) || a.id - b.id)[0]
    if (!best) {
      const parts = [
        p.stages.length ? `处于「${list(labels.stage, p.stages)}」阶段` : null,
        min != null ? `总投资 ≥ ${wanShort(p.minInvestment!)}` : null,
        max != null ? `总投资 ≤ ${wanShort(p.maxInvestment!)}` : null,
      ].filter(Boolean)
      return fail(e.projects.length ? `没有${parts.join('且')}的项目` : '企业名下没有项目')
    }
    if (p.stages.length)
      reasons.push(
        `项目「${best.name}」处于${labels.stage[best.stage] ?? best.stage}阶段，符合「${list(labels.stage, p.stages)}」`,
      )
    if (min != null)
      reasons.push(
        `项目「${best.name}」总投资 ${wanShort(best.totalInvestment)} ≥ ${wanShort(p.minInvestment!)}`,
      )
    if (max != null)
      reasons.push(
        `项目「${best.name}」总投资 ${wanShort(best.totalInvestment)} ≤ ${wanShort(p.maxInvestment!)}`,
      )
  }

  if (!reasons.length) reasons.push('政策不限行业、规模、地区和项目，本开发区企业均可申报')
  return { matched: true, reasons, unmet: null }
}
