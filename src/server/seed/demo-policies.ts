import type { Clock } from '../clock.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate } from '../lib/time.ts'
import type { PolicyInput } from '../modules/policies/policies.service.ts'
import type { Services } from '../services.ts'

/** A day's moment in Beijing (10:00), no later than now. */
const dayAt = (date: string, now: Date) => {
  const d = new Date(`${date}T10:00:00+08:00`)
  return d < now ? d : now
}

/**
 * 达拉特's 惠企政策 (FACTS 002: "申报项目资金、协调落实电力市场交易、科技专项扶持、银行信贷等惠企政策"):
 * eight policies — project funds, power-market trading, science and technology support, bank-credit
 * interest subsidies, talent, a tax one — one expired, one draft; applications in every state, some
 * paid in parts, so the figures have something to show. 中轩生化 (the demo `enterprise` account)
 * qualifies for the project-funds, power and credit policies and has applied for the first.
 */
export async function seedDemoPolicies(services: Services, db: Db, clock: Clock) {
  const now = clock.now()
  const today = beijingDate(now)
  const year = Number(today.slice(0, 4))
  const ago = (days: number) => addDays(today, -days)
  const actorOf = async (username: string): Promise<Ctx | null> => {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
    const actor = u && (await services.auth.loadActor(u.id))
    return actor ? { actor, ip: null, requestId: null } : null
  }
  const sup = await actorOf('supervisor')
  const officer = await actorOf('officer')
  const ent = await actorOf('enterprise')
  if (!sup?.actor.zoneId || !officer || !ent?.actor.enterpriseId) return { policies: 0, applications: 0 }
  const svc = services.policies
  const enterpriseId = async (name: string) =>
    (
      await db
        .selectFrom('enterprises')
        .select('id')
        .where('name', '=', name)
        .where('zone_id', '=', sup.actor.zoneId!)
        .executeTakeFirstOrThrow()
    ).id

  const contact = { contactName: '李静', contactPhone: '0477-5136688' }
  const policies: Array<PolicyInput & { key: string; publish: boolean }> = [
    {
      key: 'funds',
      title: '达拉特经济开发区重点项目前期工作经费补助办法',
      docNumber: `达开发〔${year}〕8号`,
      issuer: '达拉特经济开发区管委会',
      level: 'zone',
      benefitKind: 'funds',
      summary:
        '对入园重点工业项目办理立项、环评、能评、安评等前期手续发生的咨询编制费用给予补助，助力项目早落地、早开工。',
      benefitText: '按实际发生费用的 50% 补助，单个项目最高 300 万元',
      maxAmount: '300',
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-12-31`,
      industries: ['C'],
      stages: ['signed', 'preliminary', 'construction'],
      minInvestment: '50000',
      ...contact,
      publish: true,
    },
    {
      key: 'power',
      title: '内蒙古电力多边交易市场企业准入与降低用电成本实施细则',
      docNumber: `内工信经运字〔${year}〕56号`,
      issuer: '内蒙古自治区工业和信息化厅',
      level: 'provincial',
      benefitKind: 'power',
      summary: '符合条件的工业企业可进入电力多边交易市场，与发电企业直接交易，开发区协调办理准入和交易申报。',
      benefitText: '交易电价较目录电价平均降低约 0.05 元/千瓦时',
      validFrom: `${year}-01-01`,
      validTo: null,
      industries: ['C', 'D'],
      scales: ['large', 'medium'],
      regions: ['150000'],
      contactName: '高志强',
      contactPhone: '0477-5136690',
      publish: true,
    },
    {
      key: 'tech',
      title: '鄂尔多斯市科技专项扶持资金管理办法',
      docNumber: `鄂科发〔${year}〕21号`,
      issuer: '鄂尔多斯市科学技术局',
      level: 'city',
      benefitKind: 'funds',
      summary:
        '支持企业开展关键技术攻关、建设研发平台，重点支持现代煤化工、新材料、医药中间体和电子信息产业。',
      benefitText: '按研发投入的 20% 给予后补助，最高 100 万元',
      maxAmount: '100',
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      industries: ['26', '27', '39'],
      regions: ['150600'],
      ...contact,
      publish: true,
    },
    {
      key: 'credit',
      title: '重点项目银行信贷贴息支持政策',
      docNumber: `鄂府办发〔${year}〕33号`,
      issuer: '鄂尔多斯市人民政府办公室',
      level: 'city',
      benefitKind: 'credit',
      summary: '对在建重点项目的固定资产贷款给予贴息，开发区协调合作银行开辟审贷绿色通道。',
      benefitText: '按贷款市场报价利率（LPR）的 50% 贴息，期限最长 2 年，每家企业每年最高 200 万元',
      maxAmount: '200',
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-06-30`,
      regions: ['150600'],
      stages: ['preliminary', 'construction', 'completed'],
      minInvestment: '10000',
      contactName: '韩晓东',
      contactPhone: '0477-5136692',
      publish: true,
    },
    {
      key: 'talent',
      title: '达拉特旗引进高层次人才和急需紧缺人才补贴办法',
      docNumber: `达党办发〔${year}〕5号`,
      issuer: '中共达拉特旗委办公室',
      level: 'county',
      benefitKind: 'talent',
      summary: '对中小企业新引进的博士、硕士和高级技师给予安家补贴和生活补贴。',
      benefitText: '博士 20 万元、硕士 10 万元安家补贴，分三年发放',
      maxAmount: '50',
      validFrom: `${year}-03-01`,
      validTo: `${year + 2}-02-28`,
      scales: ['medium', 'small', 'micro'],
      ...contact,
      publish: true,
    },
    {
      key: 'tax',
      title: '工业企业技术改造投资税收抵免政策',
      docNumber: '财税〔2024〕18号',
      issuer: '财政部 税务总局',
      level: 'national',
      benefitKind: 'tax',
      summary: '企业购置用于技术改造的专用设备，投资额的 10% 可从当年应纳税额中抵免。',
      benefitText: '设备投资额的 10% 抵免企业所得税',
      validFrom: '2024-01-01',
      validTo: `${year + 1}-12-31`,
      industries: ['C'],
      stages: ['trial', 'production'],
      ...contact,
      publish: true,
    },
    {
      key: 'expired',
      title: `${year - 1}年度工业企业稳增长用电补贴`,
      docNumber: `达政办发〔${year - 1}〕12号`,
      issuer: '达拉特旗人民政府办公室',
      level: 'county',
      benefitKind: 'power',
      summary: '对上年度用电量同比增长的工业企业给予用电补贴（已到期）。',
      benefitText: '增量电量每千瓦时补贴 0.03 元',
      validFrom: `${year - 1}-01-01`,
      validTo: `${year - 1}-12-31`,
      industries: ['C'],
      ...contact,
      publish: true,
    },
    {
      key: 'draft',
      title: '新能源产业链招商引资奖励办法（征求意见稿）',
      issuer: '达拉特经济开发区管委会',
      level: 'zone',
      benefitKind: 'funds',
      summary: '对引进风电装备、氢能、储能产业链项目的企业给予落地奖励。',
      benefitText: '按实际到位资金的 1% 奖励，最高 500 万元',
      maxAmount: '500',
      validFrom: `${year + 1}-01-01`,
      validTo: `${year + 3}-12-31`,
      industries: ['38', '44'],
      ...contact,
      publish: false,
    },
  ]

  const ids: Record<string, number> = {}
  for (const { key, publish, ...input } of policies) {
    const p = await svc.create(sup, input)
    ids[key] = p.id
    if (publish) await svc.publish(sup, p.id, p.version)
  }

  // Applications replayed through the service, with their days in the past.
  type Step =
    | { review: 'accept' | 'return' | 'approve' | 'reject'; daysAgo: number; note?: string; granted?: string }
    | { pay: string; daysAgo: number; note?: string }
    | { resubmit: true; daysAgo: number; note: string }
  const apps: Array<{
    policy: string
    enterprise: string
    by: Ctx
    amount: string
    content: string
    daysAgo: number
    steps: Step[]
  }> = [
    {
      policy: 'funds',
      enterprise: '内蒙古中轩生化科技有限公司',
      by: ent,
      amount: '260',
      content: '中轩生化赤藓糖醇项目已完成可研、环评和能评编制，前期咨询费用合计 536 万元，申请按 50% 补助。',
      daysAgo: 9,
      steps: [{ review: 'accept', daysAgo: 7, note: '材料齐全，已受理，正在核对发票' }],
    },
    {
      policy: 'power',
      enterprise: '内蒙古蒙泰铝业有限公司',
      by: officer,
      amount: '180',
      content:
        '高端铝合金项目年用电量约 4.2 亿千瓦时，申请进入电力多边交易市场，预计年降低用电成本约 2100 万元，申请交易服务费补贴。',
      daysAgo: 120,
      steps: [
        { review: 'accept', daysAgo: 118 },
        { review: 'approve', daysAgo: 105, granted: '180', note: '已完成市场准入注册' },
        { pay: '180', daysAgo: 80, note: '一次性兑现' },
      ],
    },
    {
      policy: 'tech',
      enterprise: '内蒙古京辰科技有限公司',
      by: officer,
      amount: '100',
      content: '医药中间体连续流合成工艺研发，年度研发投入 620 万元，申请科技专项后补助。',
      daysAgo: 90,
      steps: [
        { review: 'accept', daysAgo: 88 },
        { review: 'approve', daysAgo: 70, granted: '100' },
        { pay: '60', daysAgo: 55, note: '第一批资金' },
      ],
    },
    {
      policy: 'credit',
      enterprise: '内蒙古京辰科技有限公司',
      by: officer,
      amount: '150',
      content: '项目固定资产贷款 3 亿元已放款 1.5 亿元，申请按 LPR 的 50% 贴息。',
      daysAgo: 45,
      steps: [
        { review: 'accept', daysAgo: 44 },
        { review: 'approve', daysAgo: 30, granted: '120', note: '按实际放款额核定' },
      ],
    },
    {
      policy: 'tech',
      enterprise: '内蒙古华宇新材料有限公司',
      by: officer,
      amount: '80',
      content: '煤基可降解材料催化剂研发，申请科技专项扶持。',
      daysAgo: 40,
      steps: [
        { review: 'accept', daysAgo: 38 },
        { review: 'return', daysAgo: 35, note: '请补充研发费用专项审计报告和研发人员名单' },
      ],
    },
    {
      policy: 'tech',
      enterprise: '内蒙古碳科新能源材料有限公司',
      by: officer,
      amount: '100',
      content: '负极材料石墨化工艺改进，申请科技专项扶持。',
      daysAgo: 75,
      steps: [
        { review: 'accept', daysAgo: 74 },
        {
          review: 'reject',
          daysAgo: 60,
          note: '项目属工艺改进，研发投入未达到办法规定的 300 万元下限，不予支持',
        },
      ],
    },
    {
      policy: 'credit',
      enterprise: '内蒙古华宇新材料有限公司',
      by: officer,
      amount: '200',
      content: '年产 30 万吨新材料项目银行贷款 5 亿元，申请贴息。',
      daysAgo: 100,
      steps: [
        { review: 'accept', daysAgo: 99 },
        { review: 'approve', daysAgo: 85, granted: '200' },
        { pay: '100', daysAgo: 70, note: '上半年贴息' },
        { pay: '100', daysAgo: 20, note: '下半年贴息' },
      ],
    },
  ]

  let count = 0
  for (const a of apps) {
    let d = await svc.apply(
      a.by,
      {
        policyId: ids[a.policy],
        enterpriseId: await enterpriseId(a.enterprise),
        amountRequested: a.amount,
        content: a.content,
      },
      { at: dayAt(ago(a.daysAgo), now) },
    )
    for (const st of a.steps) {
      const at = dayAt(ago(st.daysAgo), now)
      if ('review' in st)
        d = await svc.review(
          sup,
          d.id,
          { action: st.review, note: st.note ?? null, amountGranted: st.granted ?? null, version: d.version },
          { at },
        )
      else if ('pay' in st)
        d = await svc.pay(
          sup,
          d.id,
          { amount: st.pay, paidOn: ago(st.daysAgo), note: st.note ?? null, version: d.version },
          { at },
        )
      else d = await svc.resubmit(a.by, d.id, { note: st.note, version: d.version }, { at })
    }
    count++
  }
  return { policies: policies.length, applications: count }
}
