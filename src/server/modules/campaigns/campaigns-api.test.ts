import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions } from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { type CampaignFixture, campaignFixture } from './campaigns.test-kit.ts'

// Guards, validation and the create → edit → participants → delete sequence (clock 2026-11-24).
let t: TestApp
let f: CampaignFixture
let sup: Agent
let running: any

function body(extra: Record<string, unknown> = {}) {
  return {
    name: '重点项目建设百日攻坚',
    kind: 'hundred_days',
    startsOn: '2026-10-15',
    endsOn: '2026-11-30',
    targets: { projectsToStart: 4, investment: '2000' },
    projectIds: [f.p1],
    departmentIds: [f.eco],
    ...extra,
  }
}

beforeAll(async () => {
  t = await createTestApp()
  f = await campaignFixture(t)
  sup = await t.as('a_sup')
  const res = await sup.post('/api/campaigns', body())
  expect(res.statusCode, res.body).toBe(201)
  running = res.json()
})
afterAll(() => t.close())

describe('campaigns: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = t.agent()
    const id = running.id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/campaigns'],
      ['GET', '/api/campaigns/export.xlsx'],
      ['GET', `/api/campaigns/${id}`],
      ['GET', `/api/campaigns/${id}/series`],
      ['GET', `/api/campaigns/${id}/summary`],
      ['GET', `/api/campaigns/${id}/days/export.xlsx`],
      ['POST', '/api/campaigns', body()],
      ['PATCH', `/api/campaigns/${id}`, { version: 1 }],
      ['PUT', `/api/campaigns/${id}/participants`, { projectIds: [], departmentIds: [], version: 1 }],
      ['DELETE', `/api/campaigns/${id}?version=1`],
    ]
    for (const [method, url, b] of calls) {
      const res = await anon.request(method as 'GET', url, b)
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('403: enterprises see no campaigns; leaders and handlers read but do not manage them', async () => {
    const ent = await t.as('a_ent')
    for (const url of [
      '/api/campaigns',
      `/api/campaigns/${running.id}`,
      `/api/campaigns/${running.id}/summary`,
    ])
      expect((await ent.get(url)).statusCode, url).toBe(403)
    const leader = await t.as('a_leader')
    expect((await leader.get(`/api/campaigns/${running.id}`)).statusCode).toBe(200)
    expect((await leader.post('/api/campaigns', body())).statusCode).toBe(403)
    const handler = await t.as('a_handler')
    expect((await handler.get('/api/campaigns')).json().total).toBe(1)
    expect(
      (await handler.patch(`/api/campaigns/${running.id}`, { version: running.version })).statusCode,
    ).toBe(403)
    expect((await handler.delete(`/api/campaigns/${running.id}?version=${running.version}`)).statusCode).toBe(
      403,
    )
  })

  it('404 for another zone: 乙 neither sees nor edits 甲’s campaign', async () => {
    const b = await t.as('b_sup')
    const id = running.id
    expect((await b.get('/api/campaigns')).json().total).toBe(0)
    for (const url of [`/api/campaigns/${id}`, `/api/campaigns/${id}/series`, `/api/campaigns/${id}/summary`])
      expect((await b.get(url)).statusCode, url).toBe(404)
    expect(
      (await b.patch(`/api/campaigns/${id}`, { name: '改名', version: running.version })).statusCode,
    ).toBe(404)
    const put = await b.put(`/api/campaigns/${id}/participants`, {
      projectIds: [],
      departmentIds: [],
      version: 1,
    })
    expect(put.statusCode).toBe(404)
    expect((await b.delete(`/api/campaigns/${id}?version=${running.version}`)).statusCode).toBe(404)
    expect((await (await t.as('b_handler')).get(`/api/campaigns/${id}`)).statusCode).toBe(404)
  })
})

describe('campaigns: validation names the field', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'end before start',
      { startsOn: '2026-12-10', endsOn: '2026-12-01' },
      'endsOn',
      /结束日期不能早于开始日期/,
    ],
    ['longer than a year', { startsOn: '2026-01-01', endsOn: '2027-01-02' }, 'endsOn', /最长 366 天/],
    ['not a real date', { startsOn: '2026-02-30' }, 'startsOn', /开始日期不是有效的日期/],
    ['no target', { targets: {} }, 'targets', /至少填写一项攻坚目标/],
    ['investment not money', { targets: { investment: '12.345' } }, 'targets.investment', /完成投资目标/],
    ['zero investment', { targets: { investment: '0' } }, 'targets.investment', /须大于 0/],
    ['a count of zero', { targets: { visits: 0 } }, 'targets.visits', /走访目标/],
    ['name too short', { name: '攻' }, 'name', /行动名称/],
    ['unknown kind', { kind: 'weekly' }, 'kind', /行动类型/],
  ]
  for (const [what, extra, field, message] of cases)
    it(`400 ${what}`, async () => {
      const res = await sup.post('/api/campaigns', body(extra))
      expect(res.statusCode, res.body).toBe(400)
      expect(errorOf(res).field).toBe(field)
      expect(errorOf(res).message).toMatch(message)
    })

  it('400 for participants outside the zone, naming the list', async () => {
    const p = await sup.post('/api/campaigns', body({ projectIds: [f.pb] }))
    expect(p.statusCode).toBe(400)
    expect(errorOf(p)).toMatchObject({ field: 'projectIds', message: `项目不存在或不属于本开发区：#${f.pb}` })
    const d = await sup.post('/api/campaigns', body({ departmentIds: [f.ecoB] }))
    expect(d.statusCode).toBe(400)
    expect(errorOf(d).field).toBe('departmentIds')
    const patch = await sup.patch(`/api/campaigns/${running.id}`, {
      endsOn: '2026-10-01',
      version: running.version,
    })
    expect(patch.statusCode).toBe(400)
    expect(errorOf(patch).field).toBe('endsOn')
  })
})

describe('campaigns: a sequence from creation to deletion', () => {
  it('create an upcoming 专项行动, edit it (stale version → 409), set participants, delete it after confirmation', async () => {
    const res = await sup.post(
      '/api/campaigns',
      body({
        name: '问题清零专项行动',
        kind: 'special',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        targets: { problemsToClose: 20 },
        projectIds: [],
        departmentIds: [],
      }),
    )
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({
      status: 'upcoming',
      statusLabel: '未开始',
      kindLabel: '专项行动',
      dayNumber: 0,
      canDelete: true,
    })
    expect(c.figures).toEqual({ projectsToStart: 0, investment: '0.00', problemsToClose: 0, visits: 0 })
    expect((await sup.get(`/api/campaigns/${c.id}/series`)).json().days).toEqual([])
    expect((await sup.get(`/api/campaigns/${c.id}/summary`)).json().text).toBe(
      '问题清零专项行动将于 2026-12-01 开始（共 31 天）。',
    )

    const edited = await sup.patch(`/api/campaigns/${c.id}`, {
      endsOn: '2027-01-15',
      targets: { problemsToClose: 30, visits: 40 },
      projectIds: [f.p2],
      version: c.version,
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({
      endsOn: '2027-01-15',
      totalDays: 46,
      targets: { problemsToClose: 30, visits: 40 },
      projectCount: 1,
      projects: [{ code: 'XM-2' }],
    })
    const stale = await sup.patch(`/api/campaigns/${c.id}`, { name: '旧表单', version: c.version })
    expect(stale.statusCode).toBe(409)

    const v = edited.json().version
    const set = await sup.put(`/api/campaigns/${c.id}/participants`, {
      projectIds: [f.p3, f.p1],
      departmentIds: [f.eco, f.supDept],
      version: v,
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().projects.map((p: any) => p.code)).toEqual(['XM-1', 'XM-3'])
    expect(
      set
        .json()
        .departments.map((d: any) => d.name)
        .sort(),
    ).toEqual(['甲督查室', '甲生态环境分局'].sort())
    expect(set.json().version).toBe(v + 1)
    expect(
      (
        await sup.put(`/api/campaigns/${c.id}/participants`, {
          projectIds: [],
          departmentIds: [],
          version: v,
        })
      ).statusCode,
    ).toBe(409)

    expect((await sup.delete(`/api/campaigns/${c.id}?version=${v}`)).statusCode).toBe(409)
    const del = await sup.delete(`/api/campaigns/${c.id}?version=${v + 1}`)
    expect(del.statusCode, del.body).toBe(200)
    expect((await sup.get(`/api/campaigns/${c.id}`)).statusCode).toBe(404)
    expect(await auditActions(t, 'campaign', c.id)).toEqual([
      'campaign.create',
      'campaign.update',
      'campaign.participants',
      'campaign.delete',
    ])
  })

  it('a campaign under way cannot be deleted (409 with the reason)', async () => {
    const res = await sup.delete(`/api/campaigns/${running.id}?version=${running.version}`)
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toBe('攻坚行动已于 2026-10-15 开始，不能删除；如需提前结束，请修改结束日期')
  })

  it('moving the start later drops the snapshots before it', async () => {
    const count = async () =>
      (
        await t.database.db
          .selectFrom('campaign_days')
          .select('day')
          .where('campaign_id', '=', running.id)
          .execute()
      ).length
    expect(await count()).toBe(40)
    const res = await sup.patch(`/api/campaigns/${running.id}`, {
      startsOn: '2026-11-01',
      version: running.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(await count()).toBe(23)
    running = res.json()
    expect(running).toMatchObject({ dayNumber: 24, totalDays: 30 })
  })
})

describe('campaigns: the list', () => {
  beforeAll(async () => {
    for (const extra of [
      {
        name: '入企走访专项行动',
        kind: 'special',
        startsOn: '2026-06-01',
        endsOn: '2026-08-31',
        targets: { visits: 50 },
      },
      {
        name: '冬季攻坚行动',
        kind: 'special',
        startsOn: '2026-12-15',
        endsOn: '2027-03-15',
        targets: { projectsToStart: 2 },
      },
    ])
      expect(
        (await sup.post('/api/campaigns', body({ ...extra, projectIds: [], departmentIds: [] }))).statusCode,
      ).toBe(201)
  })

  it('filters by status and keyword, sorts, pages and gives the total', async () => {
    const names = async (q: string) =>
      (await sup.get(`/api/campaigns${q}`)).json().items.map((c: any) => c.name)
    expect(await names('')).toEqual(['冬季攻坚行动', '重点项目建设百日攻坚', '入企走访专项行动'])
    expect(await names('?sort=startsOn')).toEqual([
      '入企走访专项行动',
      '重点项目建设百日攻坚',
      '冬季攻坚行动',
    ])
    expect(await names('?status=running')).toEqual(['重点项目建设百日攻坚'])
    expect(await names('?status=ended')).toEqual(['入企走访专项行动'])
    expect(await names('?status=upcoming')).toEqual(['冬季攻坚行动'])
    expect(await names(`?keyword=${encodeURIComponent('走访')}`)).toEqual(['入企走访专项行动'])
    const page = (await sup.get('/api/campaigns?pageSize=2&page=2')).json()
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page.items).toHaveLength(1)
    expect((await sup.get('/api/campaigns?status=later')).statusCode).toBe(400)
  })

  it('each card carries its progress and the time progress; the export has a row per campaign', async () => {
    const list = (await sup.get('/api/campaigns?status=running')).json()
    expect(list.items[0]).toMatchObject({ timePercent: 80, projectCount: 1, departmentCount: 1 })
    expect(list.items[0].progress.map((p: any) => [p.key, p.actual, p.percent, p.behind])).toEqual([
      ['projectsToStart', 1, 25, true],
      ['investment', 0, 0, true],
    ])
    const res = await sup.get('/api/campaigns/export.xlsx?sort=startsOn')
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('攻坚行动')
    expect(ws.rowCount).toBe(4)
    expect(ws.getRow(1).getCell(2).value).toBe('行动名称')
    expect(ws.getRow(3).getCell(2).value).toBe('重点项目建设百日攻坚')
    expect(ws.getRow(3).getCell(6).value).toBe('进行中')
  })
})
