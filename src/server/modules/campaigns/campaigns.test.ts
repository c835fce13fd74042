import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, createTestApp, type TestApp } from '../../../../test/harness.ts'
import { type CampaignFixture, campaignFixture, closedProblem } from './campaigns.test-kit.ts'

// Clock: 2026-11-24 09:00 Beijing. The campaign runs 2026-10-15 … 2026-11-30 (47 days, day 41 today).
let t: TestApp
let f: CampaignFixture
let sup: Agent
let campaign: any

function body(extra: Record<string, unknown> = {}) {
  return {
    name: '重点项目建设百日攻坚',
    kind: 'hundred_days',
    startsOn: '2026-10-15',
    endsOn: '2026-11-30',
    description: '以每周为时间节点，明确攻坚重点及完成时限',
    targets: { projectsToStart: 4, investment: '2000', problemsToClose: 4, visits: 10 },
    projectIds: [f.p1, f.p2, f.p3],
    departmentIds: [f.eco],
    ...extra,
  }
}

async function xlsxRows(buf: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
  return rows
}

beforeAll(async () => {
  t = await createTestApp()
  f = await campaignFixture(t)
  sup = await t.as('a_sup')
  const res = await sup.post('/api/campaigns', body())
  expect(res.statusCode, res.body).toBe(201)
  campaign = res.json()
})
afterAll(() => t.close())

describe('campaign figures', () => {
  it('counts starts, monthly investment, closed problems and visits of the participants inside the dates', () => {
    // 开工: XM-1 by milestone 11-05 and XM-3 by entering 开工在建 on 10-20; XM-2 started before, XM-4 is not in.
    // 投资: October's report (500) came in on 11-03; September is outside the dates.
    // 问题: JA-1 (led by a section of 生态环境分局) and JA-3 (金旗, XM-1's enterprise); JA-2 closed before, JA-4 not a participant's.
    // 走访: to XM-1 and to 金旗; the visit to another enterprise does not count.
    expect(campaign.figures).toEqual({
      projectsToStart: 2,
      investment: '500.00',
      problemsToClose: 2,
      visits: 2,
    })
    expect(campaign).toMatchObject({ status: 'running', dayNumber: 41, totalDays: 47, timePercent: 87.2 })
    expect(campaign.progress).toEqual([
      {
        key: 'projectsToStart',
        label: '开工项目',
        target: 4,
        actual: 2,
        unit: '个',
        percent: 50,
        behind: true,
      },
      {
        key: 'investment',
        label: '完成投资',
        target: 2000,
        actual: 500,
        unit: '万元',
        percent: 25,
        behind: true,
      },
      {
        key: 'problemsToClose',
        label: '办结问题',
        target: 4,
        actual: 2,
        unit: '个',
        percent: 50,
        behind: true,
      },
      { key: 'visits', label: '走访企业', target: 10, actual: 2, unit: '次', percent: 20, behind: true },
    ])
    expect(campaign.projects.map((p: any) => [p.code, p.startedOn])).toEqual([
      ['XM-1', '2026-11-05'],
      ['XM-2', '2026-10-10'],
      ['XM-3', '2026-10-20'],
    ])
    expect(campaign.departments).toEqual([{ id: f.eco, name: '甲生态环境分局' }])
  })

  it('back-fills a snapshot for every day already behind a campaign entered late; the series adds today live', async () => {
    const res = await sup.get(`/api/campaigns/${campaign.id}/series`)
    expect(res.statusCode, res.body).toBe(200)
    const s = res.json()
    expect(s.days).toHaveLength(41)
    expect(s.days.filter((d: any) => d.source === 'snapshot')).toHaveLength(40)
    expect(s.days.at(-1)).toMatchObject({ day: '2026-11-24', source: 'live' })
    const on = (day: string) => s.days.find((d: any) => d.day === day).figures
    expect(on('2026-10-15')).toEqual({
      projectsToStart: 0,
      investment: '0.00',
      problemsToClose: 0,
      visits: 0,
    })
    expect(on('2026-10-20')).toMatchObject({ projectsToStart: 1 })
    expect(on('2026-11-04')).toEqual({
      projectsToStart: 1,
      investment: '500.00',
      problemsToClose: 0,
      visits: 1,
    })
    expect(on('2026-11-11')).toEqual({
      projectsToStart: 2,
      investment: '500.00',
      problemsToClose: 1,
      visits: 1,
    })
  })

  it('the nightly snapshot writes yesterday once, and a rerun updates the same row', async () => {
    const db = t.database.db
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('campaign_days')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('campaign_id', '=', campaign.id)
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count()).toBe(40)
    t.clock.set('2026-11-25T00:20:00+08:00')
    try {
      expect(await t.app.services.campaigns.snapshotYesterday()).toEqual({ day: '2026-11-24', campaigns: 1 })
      await t.app.services.campaigns.snapshotYesterday()
      expect(await count()).toBe(41)
      // A problem closed late on the 24th is picked up by the rerun.
      await closedProblem(t, { zoneId: f.zoneA, code: 'JA-5', day: '2026-11-24', lead: f.eco })
      await t.app.services.campaigns.snapshotYesterday()
      expect(await count()).toBe(41)
      const row = await db
        .selectFrom('campaign_days')
        .select('figures')
        .where('campaign_id', '=', campaign.id)
        .where('day', '=', '2026-11-24')
        .executeTakeFirstOrThrow()
      expect(row.figures).toMatchObject({ problemsToClose: 3 })
    } finally {
      await db.deleteFrom('problems').where('code', '=', 'JA-5').execute()
      await db.deleteFrom('campaign_days').where('day', '=', '2026-11-24').execute()
      t.clock.set('2026-11-24T09:00:00+08:00')
    }
  })

  it('the daily dispatch text: day N of total, each target against the time progress, lagging projects, problems due', async () => {
    await t.database.db
      .updateTable('projects')
      .set({
        light: 'red',
        light_reasons: JSON.stringify([{ rule: 'm', light: 'red', text: '开工节点逾期 12 天' }]),
      })
      .where('id', '=', f.p2)
      .execute()
    const res = await sup.get(`/api/campaigns/${campaign.id}/summary`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({
      asOf: '2026-11-24',
      text:
        '重点项目建设百日攻坚第 41 天（共 47 天，时间进度 87.2%）：开工项目 2/4 个（50%，落后于时间进度），' +
        '完成投资 500.00/2,000.00 万元（25%，落后于时间进度），办结问题 2/4 个（50%，落后于时间进度），' +
        '走访企业 2/10 次（20%，落后于时间进度）。落后项目：光伏制氢项目（红灯：开工节点逾期 12 天）；今日到期问题：无。',
    })
  })

  it('progressForBulletin: campaigns overlapping the period, figures as of its end', async () => {
    const svc = t.app.services.campaigns
    expect(await svc.progressForBulletin(f.zoneA, '2026-12-01', '2026-12-31')).toEqual([])
    const [p] = await svc.progressForBulletin(f.zoneA, '2026-11-01', '2026-11-11')
    expect(p).toMatchObject({
      id: campaign.id,
      name: '重点项目建设百日攻坚',
      dayNumber: 28,
      totalDays: 47,
      timePercent: 59.6,
    })
    expect(p.targets.map((x) => [x.key, x.actual, x.percent])).toEqual([
      ['projectsToStart', 2, 50],
      ['investment', 500, 25],
      ['problemsToClose', 1, 25],
      ['visits', 1, 10],
    ])
  })

  it('the daily figures export: one row per day with the cumulative figures', async () => {
    const res = await sup.get(`/api/campaigns/${campaign.id}/days/export.xlsx`)
    expect(res.statusCode).toBe(200)
    const rows = await xlsxRows(res.rawPayload)
    expect(rows[0]).toEqual([
      '日期',
      '累计开工项目(个)',
      '累计完成投资(万元，按月报)',
      '累计办结问题(个)',
      '累计走访(次)',
      '来源',
    ])
    expect(rows).toHaveLength(42)
    expect(rows.at(-1)).toEqual(['2026-11-24', 2, 500, 2, 2, '今日实时'])
  })
})
