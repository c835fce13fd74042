import { describe, expect, it } from 'vitest'
import {
  type MatchEnterprise,
  type MatchPolicy,
  matchPolicy,
  regionPrefix,
  wanShort,
} from './policy-match.ts'

const labels = {
  industry: {
    C: '制造业',
    '26': '化学原料和化学制品制造业',
    '14': '食品制造业',
    '32': '有色金属冶炼和压延加工业',
  },
  scale: { large: '大型', medium: '中型', small: '小型', micro: '微型' },
  stage: { preliminary: '前期手续', construction: '开工在建', production: '投产' },
  region: { '150000': '内蒙古自治区', '150600': '鄂尔多斯市', '150621': '达拉特旗', '150602': '东胜区' },
}

const TODAY = '2026-11-24'

const policy = (over: Partial<MatchPolicy> = {}): MatchPolicy => ({
  status: 'published',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  industries: [],
  scales: [],
  regions: [],
  stages: [],
  minInvestment: null,
  maxInvestment: null,
  ...over,
})

const chem: MatchEnterprise = {
  industryCode: '26',
  industrySection: 'C',
  scale: 'large',
  regionCode: '150621',
  projects: [
    { id: 1, name: '煤基新材料项目', stage: 'construction', totalInvestment: '120000.00' },
    { id: 2, name: '配套仓储项目', stage: 'preliminary', totalInvestment: '8000.00' },
  ],
}

describe('policy matching', () => {
  it('explains every condition met, in Chinese', () => {
    const r = matchPolicy(
      policy({
        industries: ['26'],
        scales: ['large', 'medium'],
        regions: ['150600'],
        stages: ['construction'],
        minInvestment: '10000',
      }),
      chem,
      TODAY,
      labels,
    )
    expect(r.matched).toBe(true)
    expect(r.reasons).toEqual([
      '行业 26 化学原料和化学制品制造业 符合「26 化学原料和化学制品制造业」',
      '企业规模 大型 符合「大型、中型」',
      '所在地区 达拉特旗 在「鄂尔多斯市」范围内',
      '项目「煤基新材料项目」处于开工在建阶段，符合「开工在建」',
      '项目「煤基新材料项目」总投资 12 亿元 ≥ 1 亿元',
    ])
  })

  it('counts a project exactly at a threshold (≥ and ≤ are inclusive)', () => {
    expect(matchPolicy(policy({ minInvestment: '120000' }), chem, TODAY, labels).matched).toBe(true)
    expect(matchPolicy(policy({ minInvestment: '120000.01' }), chem, TODAY, labels).matched).toBe(false)
    const atMax = matchPolicy(policy({ maxInvestment: '8000' }), chem, TODAY, labels)
    expect(atMax.matched).toBe(true)
    expect(atMax.reasons).toEqual(['项目「配套仓储项目」总投资 8,000 万元 ≤ 8,000 万元'])
    expect(matchPolicy(policy({ maxInvestment: '7999.99' }), chem, TODAY, labels).matched).toBe(false)
  })

  it('never matches an expired or not yet valid policy; the first and last days count', () => {
    expect(matchPolicy(policy({ validTo: '2026-11-23' }), chem, TODAY, labels)).toMatchObject({
      matched: false,
      unmet: '政策已于 2026-11-23 到期',
    })
    expect(matchPolicy(policy({ validFrom: '2026-11-25' }), chem, TODAY, labels)).toMatchObject({
      matched: false,
      unmet: '政策 2026-11-25 起施行，尚未生效',
    })
    expect(matchPolicy(policy({ validTo: TODAY }), chem, TODAY, labels).matched).toBe(true)
    expect(matchPolicy(policy({ validFrom: TODAY, validTo: null }), chem, TODAY, labels).matched).toBe(true)
    expect(matchPolicy(policy({ status: 'draft' }), chem, TODAY, labels).matched).toBe(false)
    expect(matchPolicy(policy({ status: 'withdrawn' }), chem, TODAY, labels).matched).toBe(false)
  })

  it('does not match the wrong region or industry', () => {
    const region = matchPolicy(policy({ regions: ['150602'] }), chem, TODAY, labels)
    expect(region).toMatchObject({ matched: false, unmet: '所在地区 达拉特旗 不在「东胜区」范围内' })
    expect(matchPolicy(policy({ regions: ['150000'] }), chem, TODAY, labels).matched).toBe(true)
    const industry = matchPolicy(policy({ industries: ['14', '32'] }), chem, TODAY, labels)
    expect(industry.matched).toBe(false)
    expect(industry.unmet).toContain('不在「食品制造业、有色金属冶炼和压延加工业」之列')
    // a section letter covers its divisions
    expect(matchPolicy(policy({ industries: ['C'] }), chem, TODAY, labels).reasons).toEqual([
      '行业 26 化学原料和化学制品制造业 符合「C 制造业」',
    ])
    expect(matchPolicy(policy({ industries: ['2614'] }), chem, TODAY, labels).matched).toBe(false)
    expect(
      matchPolicy(policy({ industries: ['26'] }), { ...chem, industryCode: null }, TODAY, labels).unmet,
    ).toBe('企业未登记所属行业')
  })

  it('treats empty conditions as any enterprise', () => {
    const r = matchPolicy(policy(), { ...chem, industryCode: null, scale: null, projects: [] }, TODAY, labels)
    expect(r.matched).toBe(true)
    expect(r.reasons).toEqual(['政策不限行业、规模、地区和项目，本开发区企业均可申报'])
  })

  it('needs one project meeting the stage and the investment together, the largest first', () => {
    // construction project is 12 亿, preliminary one 0.8 亿: stage preliminary with ≥ 1 亿 fails
    const r = matchPolicy(policy({ stages: ['preliminary'], minInvestment: '10000' }), chem, TODAY, labels)
    expect(r).toMatchObject({ matched: false, unmet: '没有处于「前期手续」阶段且总投资 ≥ 1 亿元的项目' })
    const both = matchPolicy(policy({ stages: ['preliminary', 'construction'] }), chem, TODAY, labels)
    expect(both.reasons).toEqual(['项目「煤基新材料项目」处于开工在建阶段，符合「前期手续、开工在建」'])
    expect(
      matchPolicy(policy({ stages: ['construction'] }), { ...chem, projects: [] }, TODAY, labels).unmet,
    ).toBe('企业名下没有项目')
  })

  it('formats amounts and region prefixes', () => {
    expect(wanShort('120000.00')).toBe('12 亿元')
    expect(wanShort('15000')).toBe('1.5 亿元')
    expect(wanShort('500')).toBe('500 万元')
    expect(regionPrefix('150000')).toBe('15')
    expect(regionPrefix('150600')).toBe('1506')
    expect(regionPrefix('150621')).toBe('150621')
  })
})
