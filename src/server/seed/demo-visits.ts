import type { Clock } from '../clock.ts'
import type { AnyCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate } from '../lib/time.ts'
import type { Services } from '../services.ts'

// 四下基层 in 达拉特: the leaders of the 党工委管委会 (王振东, 李文华, 高建平, 马春梅) visit enterprises
// and project sites; what they find goes into the problem loop, what they suggest goes to a
// department, which replies with the adoption (FACTS: "37 名县处级领导…梳理出 840 条调研建议措施").

type Leader = 'director' | 'li_wenhua' | 'gao_jianping' | 'ma_chunmei'
type Adoption = 'adopted' | 'partly' | 'not_adopted'

interface DemoVisit {
  /** days before today */
  ago: number
  kind: 'research' | 'onsite' | 'publicity' | 'petition'
  leaders: Leader[]
  place: string
  summary?: string
  enterprises: string[]
  projects?: string[]
  participants?: string
  notes: string
  problems?: Array<{ title: string; description: string; category: string; enterprise?: string }>
  suggestions?: Array<{
    content: string
    department: string
    leader?: Leader
    enterprise?: string
    /** the department's answer, a few days later (by `by`, default the supervision office) */
    reply?: { adoption: Adoption; text: string; after: number; by?: string }
  }>
}

const ZHONGXUAN = '内蒙古中轩生化科技有限公司'
const MENGTAI = '内蒙古蒙泰铝业有限公司'
const QINGNENG = '鄂尔多斯青能氢能科技有限公司'
const LENGLIAN = '内蒙古草原冷链食品有限公司'
const GUFEI = '达拉特旗固废资源化利用有限公司'
const JIAOHUA = '达拉特旗焦化精细化工有限公司'
const SHUJU = '鄂尔多斯云谷数据科技有限公司'

export const DEMO_VISITS: DemoVisit[] = [
  {
    ago: 52,
    kind: 'research',
    leaders: ['director', 'li_wenhua'],
    place: '中轩生化赤藓糖醇项目选址地块',
    summary: '主题教育调研：中轩生化赤藓糖醇项目前期手续',
    enterprises: [ZHONGXUAN],
    projects: ['中轩生化赤藓糖醇项目'],
    participants: '自然资源分局、行政审批服务局、项目服务中心负责人',
    notes:
      '实地查看项目选址，听取企业关于用地预审、能评和环评进度的汇报。企业希望各项手续并联推进，力争年内开工。',
    suggestions: [
      {
        content: '建议对赤藓糖醇项目实行“容缺受理”，用地预审与能评、环评并联办理，明确每项手续的完成时限。',
        department: '行政审批服务局',
        reply: {
          adoption: 'adopted',
          text: '已将项目纳入并联审批清单，用地预审、能评、环评同步受理，安排专人帮办，每周向督查室报送进度。',
          after: 4,
        },
      },
      {
        content: '建议自然资源分局提前开展地块勘测定界，为供地做好准备。',
        department: '自然资源分局',
        leader: 'li_wenhua',
        reply: {
          adoption: 'partly',
          text: '勘测定界已委托第三方开展；供地方案需待用地预审批复后报批，时间上无法提前。',
          after: 6,
        },
      },
    ],
  },
  {
    ago: 40,
    kind: 'onsite',
    leaders: ['gao_jianping'],
    place: '蒙泰铝业高端铝合金项目施工现场',
    enterprises: [MENGTAI],
    projects: ['蒙泰铝业高端铝合金项目'],
    participants: '供电所、规划建设局、项目服务中心',
    notes: '现场办公，协调施工临时用电增容和厂区道路接入市政道路的问题，明确责任单位和完成时限。',
    problems: [
      {
        title: '施工临时用电增容审批慢',
        description: '二期厂房施工临时用电需增容 800 千伏安，申请已提交两周仍未批复，影响夜间施工。',
        category: 'power',
      },
    ],
    suggestions: [
      {
        content: '建议供电所对园区重点项目施工用电开通“绿色通道”，5 个工作日内完成增容批复。',
        department: '国网达拉特供电公司开发区供电所',
        reply: {
          adoption: 'adopted',
          text: '已对 32 个重点项目施工用电开通绿色通道，增容申请 5 个工作日内办结。',
          after: 3,
        },
      },
    ],
  },
  {
    ago: 33,
    kind: 'publicity',
    leaders: ['ma_chunmei'],
    place: '开发区企业服务中心会议室',
    summary: '宣传下基层：惠企政策进企业',
    enterprises: [LENGLIAN, GUFEI, SHUJU],
    participants: '财政金融局、经济发展局、三家企业负责人',
    notes: '宣讲自治区和旗里最新惠企政策，逐条解读技改补贴、稳岗返还和贷款贴息的申报条件，现场答疑。',
    suggestions: [
      {
        content: '建议财政金融局编制惠企政策“一张表”，按企业规模和行业推送，减少企业找政策的时间。',
        department: '财政金融局',
        reply: {
          adoption: 'adopted',
          text: '惠企政策清单已编制完成，按行业分类在企业服务群推送，每季度更新。',
          after: 8,
        },
      },
      {
        content: '建议对冷链企业的新增冷库给予电价优惠。',
        department: '经济发展局',
        enterprise: LENGLIAN,
        reply: {
          adoption: 'not_adopted',
          text: '电价优惠超出开发区权限，已将企业诉求上报旗发改委，待政策出台后再行落实。',
          after: 10,
        },
      },
    ],
  },
  {
    ago: 21,
    kind: 'research',
    leaders: ['li_wenhua', 'gao_jianping'],
    place: '青能氢能风光制氢一体化示范项目',
    enterprises: [QINGNENG],
    projects: ['风光制氢一体化示范项目'],
    participants: '经济发展局、生态环境分局',
    notes: '调研风光制氢项目主体工程进度和绿氢消纳渠道，企业反映环评批复后排污许可办理节点不清。',
    problems: [
      {
        title: '排污许可办理节点不清',
        description: '项目环评已批复，企业不清楚排污许可申报材料和办理时限，担心影响试生产。',
        category: 'environment',
      },
    ],
    suggestions: [
      {
        content: '建议生态环境分局提前介入，对临近试生产的项目主动上门指导排污许可申报。',
        department: '生态环境分局',
        leader: 'gao_jianping',
        reply: {
          adoption: 'adopted',
          text: '已建立试生产前 60 天主动对接机制，排污许可科上门指导，材料齐全后 10 个工作日内核发。',
          after: 5,
          by: 'handler',
        },
      },
      {
        content: '建议经济发展局牵头对接园区化工企业，推动绿氢就地消纳。',
        department: '经济发展局',
      },
    ],
  },
  {
    ago: 12,
    kind: 'petition',
    leaders: ['director'],
    place: '达拉特旗焦化精细化工有限公司',
    enterprises: [JIAOHUA],
    participants: '综治信访办、安全生产监督管理局',
    notes: '接待企业和周边群众反映的运输车辆噪声、扬尘问题，现场查看运输路线，研究错峰运输方案。',
    suggestions: [
      {
        content: '建议安全生产监督管理局会同企业制定危化品车辆错峰运输方案，避开居民出行高峰。',
        department: '安全生产监督管理局',
        reply: {
          adoption: 'partly',
          text: '错峰运输方案已制定，早晚高峰禁止危化品车辆通行；夜间运输因安全要求仍需保留部分时段。',
          after: 4,
        },
      },
      {
        content: '建议综治信访办建立企业周边群众诉求台账，每月回访一次。',
        department: '综治信访办',
      },
    ],
  },
  {
    ago: 3,
    kind: 'onsite',
    leaders: ['director', 'ma_chunmei'],
    place: '鄂尔多斯云谷数据科技有限公司机房建设现场',
    enterprises: [SHUJU],
    projects: ['绿色算力数据中心项目'],
    participants: '供电所、经济发展局、规划建设局',
    notes: '现场办公，研究数据中心双回路供电和能耗指标问题。',
    problems: [
      {
        title: '数据中心双回路供电方案未落实',
        description: '一期机房年底前需投运，第二路电源接入方案尚未确定，存在单回路供电风险。',
        category: 'power',
      },
    ],
    suggestions: [
      {
        content: '建议经济发展局为算力项目单列能耗指标，优先保障年内投运的一期工程。',
        department: '经济发展局',
      },
    ],
  },
]

/** Who went on the visits of the everyday problems, in turn. */
const LEADERS: Leader[] = ['director', 'li_wenhua', 'gao_jianping', 'ma_chunmei']

/**
 * Loads the 达拉特 leaders' visits through the visits service (each at its day), with their
 * problems and suggestions and the departments' replies; then gives the demo's everyday problems
 * found on a visit or at on-site office (source 'visit' / 'onsite', without a visit) a visit of
 * their own on the day they were received.
 */
export async function seedDemoVisits(services: Services, db: Db, clock: Clock) {
  const now = clock.now()
  const today = beijingDate(now)
  const zone = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '达拉特经济开发区')
    .executeTakeFirst()
  if (!zone) return { visits: 0, suggestions: 0, linked: 0 }
  const ctxs = new Map<string, AnyCtx>()
  async function ctxOf(username: string): Promise<AnyCtx> {
    const cached = ctxs.get(username)
    if (cached) return cached
    const u = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    const actor = await services.auth.loadActor(u.id)
    if (!actor) throw new Error(`演示数据：无法加载用户 ${username}`)
    const ctx: AnyCtx = { actor, ip: null, requestId: null }
    ctxs.set(username, ctx)
    return ctx
  }
  const idOf = async (table: 'enterprises' | 'projects', name: string) => {
    const r = await db
      .selectFrom(table)
      .select('id')
      .where('name', '=', name)
      .where('zone_id', '=', zone.id)
      .executeTakeFirst()
    if (!r) throw new Error(`演示数据：找不到 ${name}`)
    return r.id
  }
  const deptOf = async (name: string) => {
    const r = await db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', name)
      .where('zone_id', '=', zone.id)
      .executeTakeFirst()
    if (!r) throw new Error(`演示数据：找不到部门 ${name}`)
    return r.id
  }
  const userId = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const dayAt = (date: string, time: string) => {
    const at = new Date(`${date}T${time}:00+08:00`)
    return at.getTime() > now.getTime() ? now : at
  }

  // The everyday problems found on visits (entered before this seed ran) get the visit they were found on.
  const found = await db
    .selectFrom('problems as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.source', 'p.received_at', 'p.enterprise_id', 'e.name as enterprise'])
    .where('p.zone_id', '=', zone.id)
    .where('p.source', 'in', ['visit', 'onsite'])
    .where('p.visit_id', 'is', null)
    .orderBy('p.received_at')
    .execute()

  // Oldest first, so that the visit numbers follow the dates.
  type Job = { at: Date; run: () => Promise<void> }
  const jobs: Job[] = []
  let visits = 0
  let suggestions = 0
  let linked = 0
  for (const v of DEMO_VISITS) {
    const date = addDays(today, -v.ago)
    const at = dayAt(date, '17:30')
    jobs.push({
      at,
      run: async () => {
        const enterpriseIds = await Promise.all(v.enterprises.map((e) => idOf('enterprises', e)))
        const leaderIds = await Promise.all(v.leaders.map(userId))
        const created = await services.visits.create(
          await ctxOf(v.leaders[0]),
          {
            zoneId: zone.id,
            kind: v.kind,
            visitDate: date,
            place: v.place,
            summary: v.summary ?? null,
            notes: v.notes,
            participants: v.participants ?? null,
            leaderIds,
            enterpriseIds,
            projectIds: await Promise.all((v.projects ?? []).map((p) => idOf('projects', p))),
            problems: await Promise.all(
              (v.problems ?? []).map(async (p) => ({
                title: p.title,
                description: p.description,
                category: p.category,
                enterpriseId: p.enterprise ? await idOf('enterprises', p.enterprise) : enterpriseIds[0],
              })),
            ),
            suggestions: await Promise.all(
              (v.suggestions ?? []).map(async (s) => ({
                content: s.content,
                departmentId: await deptOf(s.department),
                leaderUserId: s.leader ? await userId(s.leader) : leaderIds[0],
                enterpriseId: s.enterprise ? await idOf('enterprises', s.enterprise) : null,
              })),
            ),
          },
          { at },
        )
        visits++
        suggestions += created.suggestions.length
        for (const [i, s] of (v.suggestions ?? []).entries()) {
          if (!s.reply) continue
          const replyDate = addDays(date, s.reply.after)
          if (replyDate > today) continue
          await services.visits.reply(
            await ctxOf(s.reply.by ?? 'supervisor'),
            created.suggestions[i].id,
            { adoption: s.reply.adoption, reply: s.reply.text },
            { at: dayAt(replyDate, '10:00') },
          )
        }
      },
    })
  }
  for (const [i, p] of found.entries()) {
    const at = new Date(p.received_at)
    const leader = LEADERS[i % LEADERS.length]
    jobs.push({
      at,
      run: async () => {
        const created = await services.visits.create(
          await ctxOf(leader),
          {
            zoneId: zone.id,
            kind: p.source === 'onsite' ? 'onsite' : 'research',
            visitDate: beijingDate(at),
            place: `${p.enterprise}厂区`,
            notes: '走访中了解企业生产经营情况，现场收集企业诉求，问题已登记进入问题闭环。',
            leaderIds: [await userId(leader)],
            enterpriseIds: [p.enterprise_id as number],
          },
          { at },
        )
        // The problem was entered before its visit existed (seed order): point it at the visit.
        await db.updateTable('problems').set({ visit_id: created.id }).where('id', '=', p.id).execute()
        visits++
        linked++
      },
    })
  }
  jobs.sort((a, b) => a.at.getTime() - b.at.getTime())
  for (const j of jobs) await j.run()
  return { visits, suggestions, linked }
}
