import { creditCodeCheckChar } from '../../shared/credit-code.ts'
import type { Clock } from '../clock.ts'
import type { SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate, weekStart } from '../lib/time.ts'
import type { Services } from '../services.ts'
import { DEMO_PORTFOLIO, type DemoProject } from './demo-portfolio-data.ts'

const ZONES: Record<
  string,
  {
    name: string
    region: string
    leaders: string[]
    team: string[]
    lead: string
    co: string[]
    publicLead: string
  }
> = {
  dlt: {
    name: '达拉特经济开发区',
    region: '150621',
    leaders: ['director', 'li_wenhua', 'gao_jianping', 'ma_chunmei'],
    team: ['officer', 'zhao_min', 'sun_hao'],
    lead: '经济发展局',
    co: ['生态环境分局', '自然资源分局', '行政审批服务局'],
    publicLead: '规划建设局',
  },
  tl: {
    name: '通辽经济技术开发区',
    region: '150571',
    leaders: ['tl_supervisor'],
    team: ['tl_supervisor'],
    lead: '开发区项目专班',
    co: ['生态环境分局'],
    publicLead: '规划建设局',
  },
  ly: {
    name: '耒阳经济开发区',
    region: '430481',
    leaders: ['ly_supervisor'],
    team: ['ly_supervisor'],
    lead: '企业服务中心',
    co: [],
    publicLead: '企业服务中心',
  },
  yd: {
    name: '颜店镇工业园区',
    region: '370812',
    leaders: ['yd_supervisor'],
    team: ['yd_supervisor'],
    lead: '重点项目建设会战指挥部',
    co: ['招商服务中心'],
    publicLead: '重点项目建设会战指挥部',
  },
  fx: {
    name: '肥乡区',
    region: '130407',
    leaders: ['fx_push'],
    team: ['fx_push'],
    lead: '园区转型突破和项目建设推进组',
    co: ['自然资源和规划局', '住房和城乡建设局'],
    publicLead: '住房和城乡建设局',
  },
}

const WEEKLY_DONE: Record<string, string[]> = {
  construction: [
    '完成主体钢结构吊装，进度约六成',
    '设备基础浇筑完成，开始安装主要设备',
    '厂房封顶，室内管线施工中',
    '完成土方开挖和桩基施工',
  ],
  preliminary: [
    '环评报告已报审，正在技术评审',
    '完成项目备案，推进用地预审',
    '施工图设计完成，报送审查',
    '能评报告编制完成',
  ],
  trial: ['生产线联动调试，产品合格率稳步提高', '试生产运行平稳，办理排污许可'],
  production: ['满负荷生产，本周产量稳定', '开展技改前期论证'],
  completed: ['完成竣工验收资料整理', '配套设施移交使用单位'],
}
const WEEKLY_PROBLEMS = [
  '施工用电容量不足，需协调供电所增容',
  '园区道路尚未贯通，大型设备运输受限',
  '施工许可办理进度慢，需行政审批局协调',
  '',
]

/** Deterministic pseudo-random numbers, so the demo is the same every time it is loaded. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function creditCode(region: string, rand: () => number): string {
  let body = `91${region}MA`
  while (body.length < 17) body += CODE_CHARS[Math.floor(rand() * CODE_CHARS.length)]
  return body + creditCodeCheckChar(body)
}

/** '-1-05' → May of last year; '0-09' → September of this year; '2-06' → June in two years. */
function resolveMonth(rel: string, year: number, end: boolean): string {
  const [, sign, yy, mm] = rel.match(/^(-?)(\d)-(\d\d)$/) ?? []
  const y = year + (sign ? -1 : 1) * Number(yy)
  const m = Number(mm)
  if (!end) return `${y}-${String(m).padStart(2, '0')}-01`
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${y}-${String(m).padStart(2, '0')}-${last}`
}

/** Loads the portfolio of the seed articles into the demo zones, through the same services the app uses. */
export async function seedDemoPortfolio(services: Services, db: Db, clock: Clock) {
  const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }
  const now = clock.now()
  const today = beijingDate(now)
  const year = Number(today.slice(0, 4))
  const lastMonth = Number(today.slice(5, 7)) - 1 // months fully reported this year
  const rand = rng(2026)
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
  )
  const counts = { enterprises: 0, projects: 0, leads: 0 }

  for (const portfolio of DEMO_PORTFOLIO) {
    const z = ZONES[portfolio.zone]
    const zone = await db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', z.name)
      .where('kind', '=', 'zone')
      .executeTakeFirstOrThrow()
    const zoneDepts = await db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('zone_id', '=', zone.id)
      .execute()
    const parentDepts = await db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('kind', '=', 'department')
      .where('zone_id', 'is', null)
      .execute()
    const dept = (name: string) =>
      zoneDepts.find((d) => d.name === name)?.id ?? parentDepts.find((d) => d.name === name)?.id ?? null
    const leaderIds = z.leaders.map((u) => users.get(u)!).filter(Boolean)
    const teamIds = z.team.map((u) => users.get(u)!).filter(Boolean)

    // Enterprises, with their 包联 leader and service officer, and linked enterprise accounts.
    const enterpriseIds = new Map<string, number>()
    for (const [i, e] of portfolio.enterprises.entries()) {
      const created = await services.enterprises.create(ctx, {
        zoneId: zone.id,
        name: e.name,
        creditCode: creditCode(z.region, rand),
        industryCode: e.industry,
        regionCode: z.region,
        address:
          e.address ?? `${z.name}${['创业大道', '经七路', '纬三路', '园区北路'][i % 4]}${10 + i * 3}号`,
        legalRep: e.legalRep ?? null,
        scale: e.scale,
        leaderUserId: leaderIds[i % leaderIds.length] ?? null,
        officerUserId: teamIds[i % teamIds.length] ?? null,
        contacts: [
          {
            name: `${e.name.slice(e.name.length - 6, e.name.length - 4)}项目联系人`,
            title: '项目经理',
            phone: `1390477${String(1000 + i).slice(-4)}`,
          },
        ],
      })
      enterpriseIds.set(e.key, created.id)
      counts.enterprises++
      if (e.account && users.get(e.account))
        await services.enterprises.setAccounts(ctx, created.id, [users.get(e.account)!])
    }

    // Projects with 五个一, in one transaction through the ledger path, then the year's reports.
    const projectIds: Array<{ id: number; p: DemoProject; start: string; end: string }> = []
    await db.transaction().execute(async (trx) => {
      for (const [i, p] of portfolio.projects.entries()) {
        const start = resolveMonth(p.start, year, false)
        const end = resolveMonth(p.end, year, true)
        const lead = dept(p.isPublic ? z.publicLead : z.lead)
        const { projectId } = await services.projects.upsertFromImport(
          trx,
          ctx,
          {
            zoneId: zone.id,
            name: p.name,
            enterpriseId: p.enterprise ? enterpriseIds.get(p.enterprise)! : null,
            nature: p.nature,
            industryCode: p.industry,
            level: p.level,
            address: z.name,
            ...mapPoint(z.name, i),
            totalInvestment: String(p.total),
            completedBefore: String(Math.round(p.total * (start < `${year}-01-01` ? 0.3 : 0))),
            startDate: start,
            endDate: end,
            stage: p.stage,
            isKey: !p.isPublic,
            tags: p.tags ?? [],
            leaderUserIds: leaderIds.length ? [leaderIds[i % leaderIds.length]] : [],
            leadDepartmentId: lead,
            coDepartmentIds: z.co
              .map(dept)
              .filter((d): d is number => d != null && d !== lead)
              .slice(0, (i % 2) + 1),
            description: p.description ?? null,
          },
          { audit: false },
        )
        if (p.plan > 0)
          await services.reports.setYearPlan(trx, ctx, projectId, year, String(p.plan), { audit: false })
        projectIds.push({ id: projectId, p, start, end })
        counts.projects++
      }
    })

    for (const [i, { id, p, start, end }] of projectIds.entries()) {
      const detail = await services.projects.detail(id)
      if (!p.noTeam && teamIds.length) {
        const members = teamIds.slice(0, 2).map((userId, k) => ({
          userId: teamIds[(i + k) % teamIds.length] ?? userId,
          role: k === 0 ? ('steward' as const) : ('member' as const),
        }))
        const unique = members.filter((m, k) => members.findIndex((x) => x.userId === m.userId) === k)
        await services.projects.setTeam(ctx, id, unique, detail.version)
      }
      // Monthly investment so far this year, paced per the data (1 = on 序时进度).
      if (p.plan > 0 && lastMonth >= 1) {
        const first = start.slice(0, 4) < String(year) ? 1 : Number(start.slice(5, 7))
        const last = end.slice(0, 4) > String(year) ? 12 : Number(end.slice(5, 7))
        const total = last - first + 1
        let reported = 0
        for (let m = first; m <= Math.min(lastMonth, last); m++) {
          const target = Math.round(((p.plan * (m - first + 1)) / total) * (p.pace ?? 1) * 100) / 100
          const completed = Math.max(0, Math.round((target - reported) * 100) / 100)
          reported += completed
          const due = `${m === 12 ? year + 1 : year}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-${(m + i) % 5 === 0 ? '07' : '03'}`
          await services.reports.submitMonthly(
            ctx,
            { projectId: id, year, month: m, completed: completed.toFixed(2) },
            { submittedAt: new Date(`${due}T10:00:00+08:00`) },
          )
        }
      }
      // Weekly progress for the last three weeks (this week missing for some, to show 本周未报送).
      if (['construction', 'preliminary', 'trial', 'production', 'completed'].includes(p.stage)) {
        const texts = WEEKLY_DONE[p.stage]
        for (let w = 2; w >= 0; w--) {
          if (w === 0 && p.noWeekly) continue
          const ws = weekStart(addDays(today, -7 * w))
          await services.reports.submitWeekly(
            ctx,
            {
              projectId: id,
              weekStart: ws,
              done: texts[(i + w) % texts.length],
              nextPlan: p.stage === 'preliminary' ? '继续推进前期手续办理' : '按计划推进，确保节点按期完成',
              problems: WEEKLY_PROBLEMS[(i + w) % WEEKLY_PROBLEMS.length] || null,
            },
            { submittedAt: weeklySubmittedAt(ws, i, clock.now()) },
          )
        }
      }
      // Milestones already due are done, except the one the data says is late.
      const ms = await db
        .selectFrom('milestones')
        .select(['id', 'name', 'planned_date', 'version'])
        .where('project_id', '=', id)
        .orderBy('sort')
        .execute()
      for (const m of ms) {
        if (p.lateMilestone?.name === m.name) {
          await services.projects.updateMilestone(ctx, m.id, {
            plannedDate: addDays(today, -p.lateMilestone.daysLate),
            version: m.version,
          })
        } else if (m.planned_date && m.planned_date < today) {
          await services.projects.updateMilestone(ctx, m.id, {
            actualDate: addDays(m.planned_date, -((m.id % 5) + 1)),
            version: m.version,
          })
        }
      }
      if (p.lateMilestone && !ms.some((m) => m.name === p.lateMilestone!.name)) {
        await services.projects.createMilestone(ctx, id, {
          name: p.lateMilestone.name,
          plannedDate: addDays(today, -p.lateMilestone.daysLate),
        })
      }
    }
    await services.projects.recomputeMany(
      db,
      projectIds.map((x) => x.id),
    )

    // The investment pipeline (达拉特: 14 signed, 45 under negotiation).
    for (const [i, l] of (portfolio.leads ?? []).entries()) {
      const owner = teamIds[i % Math.max(1, teamIds.length)] ?? null
      const lead = await services.pipeline.create(ctx, {
        zoneId: zone.id,
        name: l.name,
        investor: l.investor,
        industryCode: l.industry,
        source: l.source,
        ownerUserId: owner,
        intendedInvestment: String(l.amount),
      })
      let version = lead.version
      const n = await services.pipeline.transition(ctx, lead.id, {
        to: 'negotiating',
        version,
        intendedInvestment: String(l.amount),
      })
      version = n.lead.version
      if (l.stage === 'signed') {
        const signedOn = addDays(today, -20 - ((i * 17) % 200))
        await services.pipeline.transition(ctx, lead.id, {
          to: 'signed',
          version,
          agreementDate: signedOn,
          agreementAmount: String(l.amount),
        })
      }
      counts.leads++
    }
  }
  return counts
}

/**
 * When a demo weekly entry came in: Friday 16:00 of its week — or, for the week still running,
 * some hours before now (never in the future, never before the week began).
 */
function weeklySubmittedAt(ws: string, i: number, now: Date): Date {
  const friday = new Date(`${addDays(ws, 4)}T16:00:00+08:00`)
  if (friday <= now) return friday
  const monday = new Date(`${ws}T09:00:00+08:00`).getTime()
  const earlier = Math.max(monday, now.getTime() - ((i % 6) + 1) * 3_600_000)
  return new Date(Math.min(earlier, now.getTime() - 60_000))
}

/** Where the demo zones lie (approximately), to place their projects on the cockpit's map. */
const ZONE_CENTRES: Record<string, { lng: number; lat: number }> = {
  达拉特经济开发区: { lng: 110.03, lat: 40.37 },
  耒阳经济开发区: { lng: 112.86, lat: 26.41 },
}

/** A project's map point: spread around its zone's centre, the same on every demo load. */
function mapPoint(zoneName: string, i: number): { lng?: number; lat?: number } {
  const c = ZONE_CENTRES[zoneName]
  if (!c) return {}
  return {
    lng: Math.round((c.lng + (((i * 37) % 17) - 8) * 0.006) * 1e6) / 1e6,
    lat: Math.round((c.lat + (((i * 53) % 13) - 6) * 0.005) * 1e6) / 1e6,
  }
}
