import type { Clock } from '../clock.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate } from '../lib/time.ts'
import type { Services } from '../services.ts'

// 帮办代办 and the service record in 达拉特 (002: "对入园项目一对一全程做好产前、产中、产后'保姆式'
// 跟踪服务"; the procedures "六七个月时间就基本上能完成"): the 项目管家 赵敏, 孙浩 and the project
// officer handle the permits of the zone's projects — approved ones of the projects that started
// this year (signing → start about six and a half months), some in progress, one past its legal
// time limit (the project shows yellow for it), one raised as a problem — and record their
// contacts with the enterprises before, during and after production.

type Agent = 'zhao_min' | 'sun_hao' | 'officer'

/** Started projects: their signing this many days before the start of construction. */
const STARTED: Array<{ project: string; agent: Agent; signToStart: number }> = [
  { project: '草原牛羊肉冷链加工项目', agent: 'zhao_min', signToStart: 190 },
  { project: '风光制氢一体化示范项目', agent: 'sun_hao', signToStart: 185 },
  { project: '年产5万吨锂电池负极材料项目', agent: 'zhao_min', signToStart: 200 },
  { project: '年产20万吨可降解塑料项目', agent: 'sun_hao', signToStart: 210 },
  { project: '储能电池集成项目', agent: 'officer', signToStart: 195 },
  { project: '绿色算力数据中心项目', agent: 'officer', signToStart: 205 },
]

const PRE_START = [
  'registration',
  'agreement',
  'filing',
  'land',
  'planning',
  'eia',
  'energy',
  'safety',
  'permit',
]

interface Contact {
  ago: number
  agent: Agent
  enterprise: string
  project?: string
  kind: 'visit' | 'call' | 'meeting' | 'permit' | 'policy' | 'other'
  summary: string
  followUp?: string
}

const CONTACTS: Contact[] = [
  {
    ago: 3,
    agent: 'zhao_min',
    enterprise: '内蒙古中轩生化科技有限公司',
    project: '中轩生化赤藓糖醇项目',
    kind: 'visit',
    summary:
      '上门对接赤藓糖醇项目用地预审补正材料，现场核对宗地界址，指导企业在投资项目在线审批监管平台补传材料。',
    followUp: '跟进自然资源分局受理情况',
  },
  {
    ago: 9,
    agent: 'sun_hao',
    enterprise: '内蒙古中轩生化科技有限公司',
    project: '中轩生化赤藓糖醇项目',
    kind: 'call',
    summary: '电话告知环评报告书技术评估意见，约定专家复核时间。',
  },
  {
    ago: 16,
    agent: 'officer',
    enterprise: '内蒙古京辰科技有限公司',
    project: '京辰科技医药中间体项目',
    kind: 'meeting',
    summary: '组织生态环境分局、行政审批服务局与企业召开环评推进会，梳理报告书修改意见 6 条。',
    followUp: '两周内企业提交修改稿',
  },
  {
    ago: 24,
    agent: 'zhao_min',
    enterprise: '内蒙古草原冷链食品有限公司',
    project: '草原牛羊肉冷链加工项目',
    kind: 'visit',
    summary: '到工地了解主体施工进度，协调污水管网接入园区污水处理厂的接口位置。',
    followUp: '协调住建部门确定管网接入时间',
  },
  {
    ago: 33,
    agent: 'sun_hao',
    enterprise: '鄂尔多斯青能氢能科技有限公司',
    project: '风光制氢一体化示范项目',
    kind: 'policy',
    summary: '讲解电力市场交易和绿电直供政策，协助企业准备参与电力市场交易的申请材料。',
  },
  {
    ago: 41,
    agent: 'officer',
    enterprise: '鄂尔多斯云谷数据科技有限公司',
    project: '绿色算力数据中心项目',
    kind: 'call',
    summary: '电话了解双回路供电施工进度，确认变电站间隔预留情况。',
  },
  {
    ago: 47,
    agent: 'zhao_min',
    enterprise: '内蒙古蒙泰铝业有限公司',
    project: '蒙泰铝业高端铝合金项目',
    kind: 'visit',
    summary: '投产后回访：了解高端铝合金产品市场销售和用工情况，企业反映技术工人招聘难。',
    followUp: '对接人社部门组织专场招聘',
  },
  {
    ago: 55,
    agent: 'sun_hao',
    enterprise: '达拉特旗工业气体有限公司',
    project: '年产2万吨工业气体项目',
    kind: 'policy',
    summary: '投产企业政策服务：协助申报科技专项扶持资金，讲解银行信贷贴息政策。',
  },
  {
    ago: 62,
    agent: 'officer',
    enterprise: '内蒙古蒙泰铝业有限公司',
    project: '蒙泰铝业高端铝合金项目',
    kind: 'meeting',
    summary: '参加企业安全生产例会，通报园区安全生产专项检查安排。',
  },
  {
    ago: 70,
    agent: 'zhao_min',
    enterprise: '内蒙古中轩生化科技有限公司',
    project: '中轩生化赤藓糖醇项目',
    kind: 'visit',
    summary: '签约后首次上门服务：讲解园区准入管理办法和前期手续清单，确定一对一帮办员。',
  },
  {
    ago: 88,
    agent: 'sun_hao',
    enterprise: '达拉特旗建能兴辉新型建材有限公司',
    project: '建能兴辉发泡墙体材料项目',
    kind: 'other',
    summary: '试生产期间协调天然气供气压力不足问题，联系燃气公司调整供气方案。',
  },
]

export async function seedDemoServices(services: Services, db: Db, clock: Clock) {
  const today = beijingDate(clock.now())
  const zone = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '达拉特经济开发区')
    .executeTakeFirst()
  if (!zone) return { permits: 0, records: 0 }
  const ctxs = new Map<string, Ctx>()
  async function ctxOf(username: string): Promise<Ctx> {
    const hit = ctxs.get(username)
    if (hit) return hit
    const u = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    const actor = await services.auth.loadActor(u.id)
    if (!actor) throw new Error(`演示数据：无法加载用户 ${username}`)
    const ctx: Ctx = { actor, ip: null, requestId: null }
    ctxs.set(username, ctx)
    return ctx
  }
  const projectOf = async (name: string) => {
    const p = await db
      .selectFrom('projects')
      .select(['id', 'enterprise_id', 'actual_start_date', 'start_date'])
      .where('name', '=', name)
      .where('zone_id', '=', zone.id)
      .executeTakeFirst()
    if (!p) throw new Error(`演示数据：找不到项目 ${name}`)
    return p
  }
  const milestonesOf = async (projectId: number) =>
    new Map(
      (
        await db
          .selectFrom('milestones')
          .select(['name', 'actual_date'])
          .where('project_id', '=', projectId)
          .execute()
      ).map((m) => [m.name, m.actual_date]),
    )
  const clampPast = (d: string) => (d > today ? today : d)
  let count = 0

  /** The checklist from the template, then each permit's dates through the service (as the agent). */
  async function handle(
    projectName: string,
    agent: Agent,
    steps: Record<
      string,
      { status: string; submitted?: string; accepted?: string; approved?: string; note?: string }
    >,
  ) {
    const ctx = await ctxOf(agent)
    const p = await projectOf(projectName)
    const list = await services.permits.generate(ctx, p.id, { agentUserId: ctx.actor.id })
    count += list.items.length
    for (const item of list.items) {
      const s = item.templateKey ? steps[item.templateKey] : undefined
      if (!s || item.status === 'not_applicable') continue
      await services.permits.update(ctx, item.id, {
        version: item.version,
        status: s.status as never,
        submittedOn: s.submitted ?? null,
        acceptedOn: s.accepted ?? null,
        approvedOn: s.approved ?? null,
        ...(s.note ? { note: s.note } : {}),
      })
    }
    return (await services.permits.forProject(ctx.actor, p.id)).items
  }

  /** An approval: submitted, accepted within the limit, approved on `on`. */
  const approvedOn = (on: string, limit: number) => {
    const accepted = addDays(on, -Math.max(1, Math.round(limit * 1.2)))
    return { status: 'approved', submitted: addDays(accepted, -3), accepted, approved: on }
  }

  // The projects that started this year: every permit before the start approved, on the day the
  // matching milestone was done where it was; signing about six and a half months before the start.
  for (const s of STARTED) {
    const p = await projectOf(s.project)
    let ms = await milestonesOf(p.id)
    let start = [ms.get('开工'), p.actual_start_date].filter((d): d is string => !!d).sort()[0]
    if (!start && p.start_date && p.start_date <= today) {
      // Projects entered already under construction have no 开工 milestone: the start of their
      // construction period is when they started.
      await services.projects.createMilestone(await ctxOf(s.agent), p.id, {
        name: '开工',
        plannedDate: p.start_date,
        actualDate: p.start_date,
        sort: 5,
      })
      start = p.start_date
      ms = await milestonesOf(p.id)
    }
    if (!start) continue
    const signed = addDays(start, -s.signToStart)
    const byMilestone: Record<string, string> = {
      filing: '立项/备案',
      land: '用地预审',
      planning: '规划许可',
      eia: '环评批复',
      energy: '能评',
      permit: '施工许可',
    }
    const limits: Record<string, number> = {
      filing: 20,
      land: 20,
      planning: 20,
      eia: 60,
      energy: 20,
      safety: 45,
      permit: 7,
    }
    const steps: Record<
      string,
      { status: string; submitted?: string; accepted?: string; approved?: string }
    > = {
      registration: approvedOn(addDays(signed, -12), 3),
      agreement: { status: 'approved', approved: signed },
    }
    PRE_START.slice(2).forEach((key, i) => {
      const milestoneDay = byMilestone[key] ? ms.get(byMilestone[key]) : null
      const on = milestoneDay && milestoneDay > signed ? milestoneDay : addDays(signed, 40 + i * 15)
      steps[key] = approvedOn(clampPast(on < start ? on : addDays(start, -5)), limits[key])
    })
    steps.fire = { status: 'preparing' }
    await handle(s.project, s.agent, steps)
  }

  // In preliminary work: 中轩生化 (food industry) — signed five months ago, its 环评 report under
  // review within the limit; 丁二醇 — 能评 accepted and past its 20 working days (the project
  // shows yellow for it); 京辰科技 — 环评 stuck, raised as a problem.
  await handle('中轩生化赤藓糖醇项目', 'zhao_min', {
    registration: approvedOn(addDays(today, -170), 3),
    agreement: { status: 'approved', approved: addDays(today, -150) },
    filing: approvedOn(addDays(today, -120), 20),
    land: { status: 'submitted', submitted: addDays(today, -6) },
    planning: { status: 'preparing' },
    eia: { status: 'accepted', submitted: addDays(today, -40), accepted: addDays(today, -35) },
    energy: approvedOn(addDays(today, -20), 20),
    safety: { status: 'preparing' },
  })
  await handle('年产3万吨生物基丁二醇项目', 'sun_hao', {
    registration: approvedOn(addDays(today, -130), 3),
    agreement: { status: 'approved', approved: addDays(today, -110) },
    filing: approvedOn(addDays(today, -90), 20),
    energy: {
      status: 'accepted',
      submitted: addDays(today, -52),
      accepted: addDays(today, -48),
      note: '节能报告已按专家意见修改，待发展改革局出具审查意见',
    },
    eia: { status: 'preparing' },
  })
  const jingchen = await handle('京辰科技医药中间体项目', 'officer', {
    registration: approvedOn(addDays(today, -200), 3),
    agreement: { status: 'approved', approved: addDays(today, -180) },
    filing: approvedOn(addDays(today, -150), 20),
    land: approvedOn(addDays(today, -100), 20),
    eia: {
      status: 'submitted',
      submitted: addDays(today, -30),
      note: '报告书技术评估意见要求补充危险废物处置去向，企业与处置单位的协议尚未签订',
    },
  })
  const stuck = jingchen.find((i) => i.templateKey === 'eia')
  if (stuck) await services.permits.raiseProblem(await ctxOf('officer'), stuck.id, { version: stuck.version })

  // Contacts before, during and after production.
  let records = 0
  for (const c of CONTACTS) {
    const ctx = await ctxOf(c.agent)
    const ent = await db
      .selectFrom('enterprises')
      .select('id')
      .where('name', '=', c.enterprise)
      .where('zone_id', '=', zone.id)
      .executeTakeFirst()
    if (!ent) continue
    const project = c.project ? await projectOf(c.project) : null
    await services.serviceRecords.create(ctx, {
      enterpriseId: ent.id,
      projectId: project && project.enterprise_id === ent.id ? project.id : null,
      kind: c.kind,
      contactDate: addDays(today, -c.ago),
      summary: c.summary,
      followUp: c.followUp ?? null,
    })
    records++
  }
  const auto = await db
    .selectFrom('service_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('zone_id', '=', zone.id)
    .executeTakeFirstOrThrow()
  return { permits: count, records: Number(auto.n) || records }
}
