import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../../../test/harness.ts'
import { buildApp } from '../app.ts'
import { TestClock } from '../clock.ts'
import { createPglite, type Database, openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { ensureBaseline } from './baseline.ts'
import { loadDemoData } from './demo-all.ts'

// The demo must tell the articles' story: these are the figures a visitor reads on the first screen.
let database: Database
let app: Awaited<ReturnType<typeof buildApp>>
const clock = new TestClock('2026-11-24T09:00:00+08:00')

beforeAll(async () => {
  database = await openDatabase({ pglite: await createPglite() })
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, clock)
  app = await buildApp({ database, clock, config: testConfig(), web: false, logger: false })
  await loadDemoData(app.services, database.db, clock, testConfig())
}, 180_000)
afterAll(async () => {
  await app.close()
  await database.close()
})

const zoneId = async (name: string) =>
  (
    await database.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id

/** The signed-in view of a demo account. */
const actorOf = async (username: string) => {
  const { id } = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  const actor = await app.services.auth.loadActor(id)
  if (!actor) throw new Error(`no actor ${username}`)
  return actor
}

describe('demo data drawn from the seed articles', () => {
  it('达拉特: 32 key projects — 22 started (6 in trial or production), 10 in preliminary work', async () => {
    const rows = await database.db
      .selectFrom('projects')
      .select(['stage'])
      .where('zone_id', '=', await zoneId('达拉特经济开发区'))
      .where('is_key', '=', true)
      .execute()
    const count = (stages: string[]) => rows.filter((r) => stages.includes(r.stage)).length
    expect(rows).toHaveLength(32)
    expect(count(['construction', 'completed', 'trial', 'production'])).toBe(22)
    expect(count(['trial', 'production'])).toBe(6)
    expect(count(['preliminary'])).toBe(10)
  })

  it('达拉特 pipeline: 14 signed for nearly 160 billion yuan, 45 negotiating for nearly 53 billion', async () => {
    const stats = await app.services.pipeline.stats(null, { zoneId: await zoneId('达拉特经济开发区') })
    expect(stats.sentence).toBe(
      '签约引进 14 个项目，协议总投资近 1600 亿元；正在对接洽谈 45 个项目，计划总投资近 530 亿元',
    )
  })

  it('通辽: 金旗牛业 肉牛(羊)屠宰加工项目, 6500 万元, built and accepted, with 韩明 as its enterprise account', async () => {
    const p = await database.db
      .selectFrom('projects as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .select(['p.name', 'p.total_investment', 'p.stage', 'e.name as enterprise', 'e.id as eid'])
      .where('p.name', '=', '肉牛(羊)屠宰加工项目')
      .executeTakeFirstOrThrow()
    expect(p).toMatchObject({
      total_investment: '6500.00',
      stage: 'completed',
      enterprise: '内蒙古金旗牛业有限公司',
    })
    const hanming = await database.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'hanming')
      .executeTakeFirstOrThrow()
    expect(hanming.enterprise_id).toBe(p.eid)
  })

  it('some projects are red or yellow, each saying why; the 五个一 gap is flagged', async () => {
    const rows = await database.db
      .selectFrom('projects')
      .select(['name', 'light', 'light_reasons', 'five_ones_missing'])
      .execute()
    const red = rows.filter((r) => r.light === 'red')
    expect(red.length).toBeGreaterThanOrEqual(2)
    for (const r of red) expect((r.light_reasons as Array<{ text: string }>).length).toBeGreaterThan(0)
    expect(rows.find((r) => r.name === '电石渣综合利用项目')?.five_ones_missing).toEqual(['team'])
  })

  it('problems tell the articles: 金旗牛业 sewer closed satisfied; 袁酿酒业 licence in days; 耒阳 road a common problem on a public project', async () => {
    const byTitle = async (title: string) =>
      database.db.selectFrom('problems').selectAll().where('title', '=', title).executeTakeFirstOrThrow()
    const sewer = await byTitle('屠宰加工厂区污水管网未接通')
    expect(sewer).toMatchObject({ status: 'closed', satisfaction: 'satisfied', close_method: 'confirmed' })
    const licence = await byTitle('食品生产许可证办不下来，无法投产')
    expect(licence).toMatchObject({ status: 'closed', type: 'onsite' })
    const road = await byTitle('园区道路窄、承载力不足，大货车通行困难')
    expect(road.is_common).toBe(true)
    const project = await database.db
      .selectFrom('projects')
      .select('name')
      .where('id', '=', road.public_project_id!)
      .executeTakeFirstOrThrow()
    expect(project.name).toBe('耒阳市竹市至大市循环经济产业园公路工程项目')
    const sources = await database.db
      .selectFrom('problems')
      .select('id')
      .where('common_id', '=', road.id)
      .execute()
    expect(sources).toHaveLength(2)
  })

  it('达拉特 daily board looks like a real zone: new, overdue, extension requests, waiting for confirmation', async () => {
    const supervisor = await actorOf('supervisor')
    const board = await app.services.supervision.board(supervisor, {})
    expect(board.counts.newToday).toBeGreaterThanOrEqual(2)
    expect(board.counts.overdue).toBeGreaterThanOrEqual(2)
    expect(board.counts.extensionRequests).toBeGreaterThanOrEqual(1)
    expect(board.counts.awaitingConfirmation).toBeGreaterThanOrEqual(1)
    expect(board.counts.returned).toBeGreaterThanOrEqual(1)
  })

  it('达拉特 四下基层: the four leaders visited enterprises, made suggestions the departments answered, and every problem found on a visit has its visit', async () => {
    const director = await actorOf('director')
    const st = await app.services.visits.stats(director, { from: '2026-01-01', to: '2026-11-24' })
    expect(st.totals.leaders).toBe(4)
    expect(st.totals.suggestions.total).toBe(10)
    expect(st.totals.suggestions.adopted + st.totals.suggestions.partly).toBeGreaterThanOrEqual(6)
    expect(st.sentence).toMatch(
      /^2026-01-01 至 2026-11-24，4 名领导走访 \d+ 家企业，提出建议 10 条，采纳 \d+ 条/,
    )
    const unlinked = await database.db
      .selectFrom('problems')
      .select('id')
      .where('zone_id', '=', await zoneId('达拉特经济开发区'))
      .where('source', 'in', ['visit', 'onsite'])
      .where('visit_id', 'is', null)
      .execute()
    expect(unlinked).toEqual([])
  })

  it('达拉特 季通报、月汇总: last quarter and last month issued with numbers and filled praise, last week a draft', async () => {
    const sup = await actorOf('supervisor')
    const list = await app.services.bulletins.list(sup, {})
    expect(list.items.map((b) => [b.kind, b.periodKey, b.status, b.number]).sort()).toEqual([
      ['monthly', '2026-10', 'issued', '达开推〔2026〕2号'],
      ['quarterly', '2026-Q3', 'issued', '达开推〔2026〕1号'],
      ['weekly', '2026-11-16', 'draft', null],
    ])
    const q3 = list.items.find((b) => b.kind === 'quarterly')!
    expect(q3.issuedAt).toBe('2026-10-10T08:30:00.000Z')
    const detail = await app.services.bulletins.detail({ actor: sup, ip: null, requestId: null }, q3.id)
    expect(detail.content.texts.praise).toContain('金旗牛业污水管网')
    expect(detail.content.tables.red.rows.length).toBeGreaterThan(0)
  })
})

describe('demo campaigns', () => {
  it('达拉特 重点项目建设百日攻坚 at day 60 of 100, a snapshot for every day behind it; an ended 专项行动', async () => {
    const zone = await zoneId('达拉特经济开发区')
    const [ended, push] = await app.services.campaigns.progressForBulletin(zone, '2026-09-01', '2026-11-24')
    expect(push).toMatchObject({
      name: '重点项目建设百日攻坚',
      dayNumber: 60,
      totalDays: 100,
      timePercent: 60,
    })
    expect(push.targets.map((x) => x.key)).toEqual([
      'projectsToStart',
      'investment',
      'problemsToClose',
      'visits',
    ])
    // Investment on pace (monthly reports), the rest behind: the screen has something to warn about.
    expect(push.targets.find((x) => x.key === 'investment')!.percent).toBeGreaterThan(60)
    expect(push.targets.find((x) => x.key === 'visits')!.percent).toBeLessThan(60)
    expect(ended).toMatchObject({ name: '营商环境问题清零专项行动', dayNumber: 60, timePercent: 100 })
    const days = await database.db
      .selectFrom('campaign_days')
      .select('day')
      .where('campaign_id', '=', push.id)
      .execute()
    expect(days).toHaveLength(59)
  })

  it('达拉特 每周评比: six weeks of department rankings, with changes and every score explained', async () => {
    const sys = { actor: null, ip: null, requestId: null, label: '测试' }
    const zone = await zoneId('达拉特经济开发区')
    const weeks = await app.services.scorecards.weeks(sys, { zoneId: zone, subjectType: 'department' })
    expect(weeks.items.map((w) => w.weekStart)).toEqual([
      '2026-11-16',
      '2026-11-09',
      '2026-11-02',
      '2026-10-26',
      '2026-10-19',
      '2026-10-12',
    ])
    const r = await app.services.scorecards.ranking(sys, { zoneId: zone, subjectType: 'department' })
    expect(r.items.length).toBeGreaterThanOrEqual(3)
    expect(r.items.some((i) => i.change !== null && i.change !== 0)).toBe(true)
    expect(r.items.map((i) => i.subjectName)).toContain('经济发展局')
    for (const i of r.items) expect(i.parts.every((p) => p.detail.length > 0)).toBe(true)
  })

  it('达拉特 报送调度: past weeks are closed with on-time, late and missing reporters; October is closed; this week is open', async () => {
    const zone = await zoneId('达拉特经济开发区')
    const periods = await database.db
      .selectFrom('cadence_periods')
      .selectAll()
      .where('zone_id', '=', zone)
      .orderBy('starts_on')
      .execute()
    const weeks = periods.filter((p) => p.cadence === 'weekly')
    expect(weeks.map((w) => w.period_key)).toEqual(
      [40, 41, 42, 43, 44, 45, 46, 47, 48].map((n) => `2026-W${n}`),
    )
    expect(weeks.slice(0, 8).every((w) => w.closed_at)).toBe(true)
    expect(weeks[8].closed_at).toBeNull()
    // the National Day week: Friday 10-02 is a holiday, so it was due Thursday 10-08 at 17:00
    expect(new Date(weeks[0].due_at).toISOString()).toBe('2026-10-08T09:00:00.000Z')
    const q3 = periods.find((p) => p.cadence === 'quarterly' && p.period_key === '2026-Q3')!
    expect((q3.rollup as { monthly: unknown[] }).monthly).toHaveLength(1)
    const w45 = weeks[5].rollup as { owed: number; onTime: number; late: number; missing: number }
    expect(w45.owed).toBeGreaterThan(20)
    expect(w45.onTime).toBeGreaterThan(w45.owed / 2)
    expect(w45.late).toBeGreaterThanOrEqual(3)
    expect(w45.missing).toBeGreaterThanOrEqual(3)
    const oct = periods.find((p) => p.cadence === 'monthly' && p.period_key === '2026-10')!
    expect(oct.closed_at).not.toBeNull()
    const octRollup = oct.rollup as { onTime: number; late: number }
    expect(octRollup.onTime).toBeGreaterThan(octRollup.late)
    expect(octRollup.late).toBeGreaterThan(0)
    expect(
      (oct.rollup as { investment: { byIndustry: unknown[] } }).investment.byIndustry.length,
    ).toBeGreaterThan(1)
    const late = await app.services.cadence.lateReporters(zone, '2026-11-01', '2026-11-24')
    expect(late.some((r) => r.status === 'late')).toBe(true)
    expect(late.some((r) => r.status === 'missing')).toBe(true)
  })

  it('惠企政策: the demo enterprise qualifies for published policies (with reasons) and has applied; figures show payments', async () => {
    const actor = await actorOf('enterprise')
    const mine = await app.services.policies.forEnterprise(actor)
    expect(mine.enterprise.name).toBe('内蒙古中轩生化科技有限公司')
    expect(mine.items.length).toBeGreaterThanOrEqual(2)
    expect(mine.items.every((p) => p.status === 'published' && p.reasons.length > 0)).toBe(true)
    expect(mine.items.map((p) => p.title)).not.toContain('2025年度工业企业稳增长用电补贴')
    const apps = await app.services.policies.listApplications(actor, {})
    expect(apps.items.map((a) => a.statusLabel)).toEqual(['已受理'])
    const f = await app.services.policies.figures(await actorOf('supervisor'), {})
    expect(f.total).toMatchObject({
      applied: 7,
      approved: 4,
      rejected: 1,
      fullyPaid: 2,
      grantedSum: '600.00',
      paidSum: '440.00',
    })
    expect(f.total.avgDaysToFirstPayment).toBeGreaterThan(0)
    const statuses = await database.db.selectFrom('policies').select(['status', 'valid_to']).execute()
    expect(statuses.filter((p) => p.status === 'draft')).toHaveLength(1)
    expect(statuses.filter((p) => p.valid_to && p.valid_to < '2026-11-24')).toHaveLength(1)
  })
})

describe('demo: 帮办代办 and the service record (002 保姆式服务)', () => {
  it('signing → start about six and a half months; one project yellow for a permit past its limit; one raised as a problem', async () => {
    const zone = await zoneId('达拉特经济开发区')
    const reader = await actorOf('zhao_min')
    const fig = await app.services.permits.figures(reader, { zoneId: zone, year: 2026 })
    expect(fig.count).toBeGreaterThanOrEqual(5)
    expect(fig.averageMonths).toBeGreaterThanOrEqual(6)
    expect(fig.averageMonths).toBeLessThanOrEqual(7)
    const yellow = await database.db
      .selectFrom('projects')
      .select(['name', 'light', 'light_reasons'])
      .where('name', '=', '年产3万吨生物基丁二醇项目')
      .executeTakeFirstOrThrow()
    expect(yellow.light).toBe('yellow')
    expect(JSON.stringify(yellow.light_reasons)).toContain('手续「能评」超过法定时限未批复')
    const raised = await database.db
      .selectFrom('permits as pm')
      .innerJoin('problems as pb', 'pb.id', 'pm.problem_id')
      .select(['pm.name', 'pb.category'])
      .execute()
    expect(raised).toEqual([{ name: '环评批复', category: 'permit' }])
    const phases = await database.db
      .selectFrom('service_records')
      .select('phase')
      .distinct()
      .where('zone_id', '=', zone)
      .execute()
    expect(phases.map((p) => p.phase).sort()).toEqual(['during', 'post', 'pre'])
  })
})
