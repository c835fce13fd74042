import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions, deptId, insertProject } from '../../../../test/factories.ts'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { type Kit, png, setupKit, upload } from '../problems/problems.test-kit.ts'

let k: Kit
let leader: Agent
let sup: Agent
let project: number
/** a 现场办公 visit of zone 甲 with one problem and one suggestion (to 甲生态环境分局) */
let visit: { id: number; version: number; code: string; problems: any[]; suggestions: any[]; timeline: any[] }

const BAD = 999999

function body(extra: Record<string, unknown> = {}) {
  return {
    kind: 'onsite',
    visitDate: '2026-11-20',
    place: '金旗牛业屠宰加工项目工地',
    participants: '生态环境分局、规划建设局负责人',
    notes: '现场查看污水管网铺设情况。',
    lng: 109.123456,
    lat: 40.654321,
    leaderIds: [k.users.a_leader],
    enterpriseIds: [k.jinqi],
    projectIds: [project],
    ...extra,
  }
}

beforeAll(async () => {
  k = await setupKit()
  leader = await k.as('a_leader')
  sup = await k.as('a_sup')
  project = await insertProject(k.t, {
    zoneId: await deptId(k.t, '甲开发区'),
    code: 'XM-2026-0001',
    name: '金旗牛业屠宰加工项目',
    enterpriseId: k.jinqi,
  })
  const res = await leader.post(
    '/api/visits',
    body({
      problems: [
        {
          title: '污水管网未接通',
          description: '厂区污水管网尚未接入园区污水处理厂，投产前需接通。',
          category: 'water',
        },
      ],
      suggestions: [{ content: '建议生态环境分局提前介入排污许可办理', departmentId: k.eco }],
    }),
  )
  expect(res.statusCode, res.body).toBe(201)
  visit = res.json()
})
afterAll(() => k.t.close())

describe('visits: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = k.t.agent()
    const id = visit.id
    const sid = visit.suggestions[0].id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/visits'],
      ['GET', '/api/visits/export.xlsx'],
      ['GET', '/api/visits/stats'],
      ['GET', '/api/visits/stats/export.xlsx'],
      ['GET', `/api/visits/${id}`],
      ['POST', '/api/visits', body()],
      ['PATCH', `/api/visits/${id}`, { version: 1 }],
      ['DELETE', `/api/visits/${id}?version=1`],
      ['POST', `/api/visits/${id}/problems`, {}],
      ['POST', `/api/visits/${id}/suggestions`, {}],
      ['GET', '/api/suggestions'],
      ['GET', '/api/suggestions/export.xlsx'],
      ['PATCH', `/api/suggestions/${sid}`, { version: 1 }],
      ['POST', `/api/suggestions/${sid}/reply`, {}],
      ['DELETE', `/api/suggestions/${sid}?version=1`],
    ]
    for (const [method, url, b] of calls) {
      const res = await anon.request(method as 'GET', url, b)
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('403 without the permission: enterprises see no visits, departments do not record them, leaders do not reply', async () => {
    const ent = await k.as('a_ent')
    for (const url of ['/api/visits', `/api/visits/${visit.id}`, '/api/visits/stats', '/api/suggestions'])
      expect((await ent.get(url)).statusCode, url).toBe(403)
    const handler = await k.as('a_handler')
    expect((await handler.post('/api/visits', body())).statusCode).toBe(403)
    expect((await handler.patch(`/api/visits/${visit.id}`, { version: visit.version })).statusCode).toBe(403)
    expect(
      (await handler.post(`/api/visits/${visit.id}/suggestions`, { content: '建议内容' })).statusCode,
    ).toBe(403)
    const sid = visit.suggestions[0].id
    const res = await leader.post(`/api/suggestions/${sid}/reply`, {
      adoption: 'adopted',
      reply: '已采纳',
      version: 1,
    })
    expect(res.statusCode).toBe(403)
  })

  it('404 for another zone: its visits and suggestions do not exist for 乙', async () => {
    const b = await k.as('b_sup')
    const sid = visit.suggestions[0].id
    expect((await b.get(`/api/visits/${visit.id}`)).statusCode).toBe(404)
    expect((await b.patch(`/api/visits/${visit.id}`, { version: visit.version })).statusCode).toBe(404)
    expect((await b.delete(`/api/visits/${visit.id}?version=${visit.version}`)).statusCode).toBe(404)
    expect(
      (await b.post(`/api/visits/${visit.id}/problems`, { title: '测试问题', description: '说明' }))
        .statusCode,
    ).toBe(404)
    expect((await b.post(`/api/visits/${visit.id}/suggestions`, { content: '建议内容' })).statusCode).toBe(
      404,
    )
    expect((await b.patch(`/api/suggestions/${sid}`, { version: 1 })).statusCode).toBe(404)
    expect(
      (await b.post(`/api/suggestions/${sid}/reply`, { adoption: 'adopted', reply: '已采纳', version: 1 }))
        .statusCode,
    ).toBe(404)
    expect((await b.delete(`/api/suggestions/${sid}?version=1`)).statusCode).toBe(404)
    expect((await b.get('/api/visits')).json().total).toBe(0)
    expect((await b.get('/api/suggestions')).json().total).toBe(0)
    expect((await b.get(`/api/attachments?ownerType=visit&ownerId=${visit.id}`)).statusCode).toBe(404)
    expect((await leader.get(`/api/visits/${BAD}`)).statusCode).toBe(404)
    // A zone user cannot put a visit into another zone.
    const other = await leader.post('/api/visits', body({ zoneId: await deptId(k.t, '乙开发区') }))
    expect(other.statusCode).toBe(404)
  })

  it('400 with the field named in Chinese', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ leaderIds: [] }, 'leaderIds', /走访领导/],
      [{ visitDate: '2026-02-30' }, 'visitDate', /走访日期/],
      [{ visitDate: '2026-12-01' }, 'visitDate', /不能晚于今天/],
      [{ place: '' }, 'place', /走访地点/],
      [{ kind: 'party' }, 'kind', /走访类型/],
      [{ lat: null }, 'lat', /经度和纬度/],
      [{ enterpriseIds: [k.jinqi, BAD] }, 'enterpriseIds', /企业不存在/],
      [{ problems: [{ title: '短', description: '说明' }] }, 'problems.0.title', /问题标题/],
      [
        { problems: [{ title: '用地手续', description: '说明', enterpriseId: k.other }] },
        'problems.0.enterpriseId',
        /第 1 条问题：问题所属企业须是本次走访的企业/,
      ],
      [
        { problems: [{ title: '用地手续', description: '说明', category: 'nope' }] },
        'problems.0.category',
        /问题类别/,
      ],
      [
        { suggestions: [{ content: '建议内容', departmentId: await deptId(k.t, '乙生态环境分局') }] },
        'suggestions.0.departmentId',
        /建议提交部门/,
      ],
    ]
    for (const [extra, field, message] of cases) {
      const res = await leader.post('/api/visits', body(extra))
      expect(res.statusCode, JSON.stringify(extra)).toBe(400)
      expect(errorOf(res), JSON.stringify(extra)).toMatchObject({ field })
      expect(errorOf(res).message).toMatch(message)
    }
    // Nothing was half-saved by the refused requests.
    expect((await leader.get('/api/visits')).json().total).toBe(1)
    const stats = await leader.get('/api/visits/stats?from=2026-06-01&to=2026-05-01')
    expect(stats.statusCode).toBe(400)
    expect(errorOf(stats)).toMatchObject({ field: 'to', message: '结束日期不能早于开始日期' })
  })
})

describe('visits: a site visit with a problem and a suggestion', () => {
  it('numbers the visit per zone and year and links leaders, enterprise, project', async () => {
    expect(visit.code).toBe('ZF-2026-0001') // the fixture zone has no code (a real one: DLT-ZF-2026-0001)
    expect(visit).toMatchObject({
      kind: 'onsite',
      kindLabel: '现场办公',
      visitDate: '2026-11-20',
      summary: '现场办公：内蒙古金旗牛业有限公司',
      leaders: [{ id: k.users.a_leader, name: '甲领导' }],
      enterprises: [{ id: k.jinqi, name: '内蒙古金旗牛业有限公司' }],
      projects: [{ id: project, code: 'XM-2026-0001' }],
      lng: 109.123456,
      lat: 40.654321,
      problemCount: 1,
      suggestionCount: 1,
      adoptedCount: 0,
      canEdit: true,
    })
    expect(await auditActions(k.t, 'visit', visit.id)).toEqual(['visit.create'])
    expect(visit.timeline.map((e: { kind: string }) => e.kind)).toEqual(['visit.outputs', 'visit.created'])
  })

  it('puts the problem straight into the loop: source 现场办公, the visit, the enterprise, the recorder as 首问', async () => {
    const [p] = visit.problems
    expect(p).toMatchObject({ title: '污水管网未接通', status: 'submitted', category: '供水排水' })
    expect(p.enterprise).toMatchObject({ id: k.jinqi })
    const row = await k.t.database.db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      source: 'onsite',
      visit_id: visit.id,
      enterprise_id: k.jinqi,
      first_receiver_id: k.users.a_leader,
      address: '金旗牛业屠宰加工项目工地',
    })
    const detail = (await sup.get(`/api/problems/${p.id}`)).json()
    expect(detail.visitId).toBe(visit.id)
    // A research visit's problems come from source 'visit'; added afterwards through the visit.
    const r = await leader.post(`/api/visits/${visit.id}/problems`, {
      title: '厂区道路未硬化',
      description: '运输车辆进出困难。',
      category: 'road',
    })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json().visit.problems).toHaveLength(2)
    expect(r.json().visit.problems[1].enterprise).toMatchObject({ id: k.jinqi })
  })

  it('the addressed department replies with the adoption; others may not', async () => {
    const [sg] = visit.suggestions
    expect(sg).toMatchObject({
      adoption: 'pending',
      adoptionLabel: '待答复',
      leader: { id: k.users.a_leader },
      department: { id: k.eco, name: '甲生态环境分局' },
      canReply: false,
      canEdit: true,
    })
    // 甲生态环境分局's handler sees it addressed to them.
    const handler = await k.as('a_handler')
    const mine = (await handler.get('/api/suggestions?mine=true')).json()
    expect(mine.items.map((x: { id: number }) => x.id)).toEqual([sg.id])
    expect(mine.items[0].canReply).toBe(true)
    // A suggestion to 甲督查室 is not theirs to answer.
    const toSup = await leader.post(`/api/visits/${visit.id}/suggestions`, {
      content: '建议督查室将管网接通列入日调度',
      departmentId: k.supDept,
    })
    expect(toSup.statusCode, toSup.body).toBe(201)
    const denied = await handler.post(`/api/suggestions/${toSup.json().id}/reply`, {
      adoption: 'adopted',
      reply: '同意',
      version: 1,
    })
    expect(denied.statusCode).toBe(403)
    expect(errorOf(denied).message).toContain('甲督查室')
    // Stale version, then the reply.
    const stale = await handler.post(`/api/suggestions/${sg.id}/reply`, {
      adoption: 'adopted',
      reply: '已采纳',
      version: sg.version + 5,
    })
    expect(stale.statusCode).toBe(409)
    const bad = await handler.post(`/api/suggestions/${sg.id}/reply`, {
      adoption: 'pending',
      reply: '好',
      version: 1,
    })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('adoption')
    const ok = await handler.post(`/api/suggestions/${sg.id}/reply`, {
      adoption: 'adopted',
      reply: '已安排专人对接排污许可，11 月底前完成。',
      version: sg.version,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({
      adoption: 'adopted',
      adoptionLabel: '采纳',
      repliedBy: { name: '甲经办' },
    })
    expect(await auditActions(k.t, 'suggestion', sg.id)).toEqual(['suggestion.create', 'suggestion.reply'])
    // Once answered it cannot be edited or deleted.
    const edit = await leader.patch(`/api/suggestions/${sg.id}`, {
      content: '改',
      version: ok.json().version,
    })
    expect(edit.statusCode).toBe(400)
    const edit2 = await leader.patch(`/api/suggestions/${sg.id}`, {
      content: '改一改',
      version: ok.json().version,
    })
    expect(edit2.statusCode).toBe(409)
    const v = (await leader.get(`/api/visits/${visit.id}`)).json()
    expect(v.adoptedCount).toBe(1)
    expect(v.timeline.map((e: { kind: string }) => e.kind)).toContain('suggestion.replied')
  })

  it('edits and deletes a pending suggestion with its version', async () => {
    const created = (
      await leader.post(`/api/visits/${visit.id}/suggestions`, { content: '建议增设公交站点' })
    ).json()
    expect(created.department).toBeNull()
    const edited = await leader.patch(`/api/suggestions/${created.id}`, {
      content: '建议在园区东门增设公交站点',
      departmentId: k.eco,
      version: created.version,
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ content: '建议在园区东门增设公交站点', department: { id: k.eco } })
    expect(
      (await leader.delete(`/api/suggestions/${created.id}?version=${created.version}`)).statusCode,
    ).toBe(409)
    const del = await leader.delete(`/api/suggestions/${created.id}?version=${edited.json().version}`)
    expect(del.statusCode).toBe(200)
  })

  it('edits the visit with optimistic concurrency; an enterprise with problems stays', async () => {
    const v = (await leader.get(`/api/visits/${visit.id}`)).json()
    const keep = await leader.patch(`/api/visits/${visit.id}`, {
      enterpriseIds: [k.other],
      version: v.version,
    })
    expect(keep.statusCode).toBe(400)
    expect(errorOf(keep)).toMatchObject({ field: 'enterpriseIds' })
    expect(errorOf(keep).message).toContain('内蒙古金旗牛业有限公司')
    const res = await leader.patch(`/api/visits/${visit.id}`, {
      enterpriseIds: [k.jinqi, k.other],
      notes: '现场查看污水管网铺设情况，并走访周边企业。',
      leaderIds: [k.users.a_leader, k.users.a_officer],
      version: v.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().enterprises).toHaveLength(2)
    expect(res.json().leaders.map((l: { id: number }) => l.id)).toEqual([k.users.a_leader, k.users.a_officer])
    expect(res.json().timeline[0].summary).toContain('走访记录')
    const stale = await leader.patch(`/api/visits/${visit.id}`, { place: '别处', version: v.version })
    expect(stale.statusCode).toBe(409)
    // Back to one enterprise for the figures below.
    const back = await leader.patch(`/api/visits/${visit.id}`, {
      enterpriseIds: [k.jinqi],
      leaderIds: [k.users.a_leader],
      version: res.json().version,
    })
    expect(back.statusCode, back.body).toBe(200)
  })

  it('keeps photos through the attachments module', async () => {
    const up = await upload(leader, 'visit', visit.id, '现场.png', await png())
    expect(up.statusCode, up.body).toBe(201)
    expect((await leader.get(`/api/visits/${visit.id}`)).json().photoCount).toBe(1)
    const handler = await k.as('a_handler')
    expect((await handler.get(`/api/attachments?ownerType=visit&ownerId=${visit.id}`)).statusCode).toBe(200)
    // Reading is not writing: a department without visit:write cannot add photos.
    expect((await upload(handler, 'visit', visit.id, 'x.png', await png())).statusCode).toBe(403)
  })

  it('cannot delete a visit whose problems are in the loop; a mistaken one can go', async () => {
    const v = (await leader.get(`/api/visits/${visit.id}`)).json()
    const refused = await leader.delete(`/api/visits/${visit.id}?version=${v.version}`)
    expect(refused.statusCode).toBe(409)
    const extra = (
      await leader.post('/api/visits', body({ kind: 'publicity', enterpriseIds: [], projectIds: [] }))
    ).json()
    expect(extra.summary).toBe('宣传下基层：金旗牛业屠宰加工项目工地')
    expect((await leader.delete(`/api/visits/${extra.id}?version=${extra.version + 1}`)).statusCode).toBe(409)
    expect((await leader.delete(`/api/visits/${extra.id}?version=${extra.version}`)).statusCode).toBe(200)
    expect((await leader.get(`/api/visits/${extra.id}`)).statusCode).toBe(404)
  })
})

describe('visits: lists, the enterprise and the figures', () => {
  it('filters the ledger and exports it; the enterprise page counts its visits', async () => {
    const byEnt = (await sup.get(`/api/visits?enterpriseId=${k.jinqi}`)).json()
    expect(byEnt.total).toBe(1)
    expect((await sup.get(`/api/visits?enterpriseId=${k.other}`)).json().total).toBe(0)
    expect((await sup.get('/api/visits?kind=research')).json().total).toBe(0)
    expect((await sup.get('/api/visits?keyword=金旗')).json().total).toBe(1)
    expect((await sup.get('/api/visits?keyword=甲领导&from=2026-11-01&to=2026-11-30')).json().total).toBe(1)
    expect((await sup.get(`/api/visits?leaderUserId=${k.users.a_officer}`)).json().total).toBe(0)
    const overview = (await sup.get(`/api/enterprises/${k.jinqi}/overview`)).json()
    expect(overview.counts.visits).toBe(1)
    const x = await sup.get('/api/visits/export.xlsx?kind=onsite')
    expect(x.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('走访台账')
    expect(ws.getRow(1).getCell(1).value).toBe('编号')
    expect(ws.getRow(2).getCell(1).value).toBe(visit.code)
    const sx = await sup.get('/api/suggestions/export.xlsx')
    expect(sx.statusCode).toBe(200)
  })

  it('counts per leader over a period, and says it in one sentence', async () => {
    const officer = k.users.a_officer
    const mk = async (extra: Record<string, unknown>) => {
      const res = await sup.post('/api/visits', body({ projectIds: [], ...extra }))
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    // A fixture of its own: 乙's leaders are not involved, so reset nothing — count 2026 from March.
    const v1 = await mk({
      kind: 'research',
      visitDate: '2026-03-01',
      leaderIds: [k.users.a_leader, officer],
      enterpriseIds: [k.jinqi, k.other],
      problems: [{ title: '融资需求', description: '流动资金紧张', enterpriseId: k.other }],
      suggestions: [
        { content: '建议设立园区应急转贷资金', leaderUserId: k.users.a_leader, departmentId: k.eco },
        { content: '建议组织银企对接会', leaderUserId: officer, departmentId: k.eco },
      ],
    })
    const v2 = await mk({
      kind: 'research',
      visitDate: '2026-06-01',
      leaderIds: [k.users.a_leader],
      enterpriseIds: [k.jinqi],
      problems: [{ title: '用工短缺', description: '缺少熟练工人' }],
      suggestions: [{ content: '建议开展订单式培训' }, { content: '建议对接职业院校' }],
    })
    await mk({ kind: 'petition', visitDate: '2025-12-01', leaderIds: [officer], enterpriseIds: [k.other] })
    const reply = async (id: number, adoption: string) => {
      const res = await sup.post(`/api/suggestions/${id}/reply`, { adoption, reply: '已研究', version: 1 })
      expect(res.statusCode, res.body).toBe(200)
    }
    await reply(v1.suggestions[0].id, 'adopted')
    await reply(v1.suggestions[1].id, 'partly')
    await reply(v2.suggestions[0].id, 'not_adopted')
    await k.t.database.db
      .updateTable('problems')
      .set({ status: 'resolved' })
      .where('id', '=', v2.problems[0].id)
      .execute()

    const res = await sup.get('/api/visits/stats?from=2026-03-01&to=2026-06-30')
    expect(res.statusCode, res.body).toBe(200)
    const st = res.json()
    const row = (id: number) => st.leaders.find((l: { leader: { id: number } }) => l.leader.id === id)
    expect(row(k.users.a_leader)).toMatchObject({
      visits: 2,
      enterprises: 2,
      problemsRaised: 2,
      problemsResolved: 1,
      suggestions: { total: 3, adopted: 1, partly: 0, notAdopted: 1, pending: 1 },
    })
    expect(row(officer)).toMatchObject({
      visits: 1,
      enterprises: 2,
      problemsRaised: 1,
      problemsResolved: 0,
      suggestions: { total: 1, adopted: 0, partly: 1, notAdopted: 0, pending: 0 },
    })
    expect(st.totals).toEqual({
      leaders: 2,
      visits: 2,
      enterprises: 2,
      problemsRaised: 2,
      problemsResolved: 1,
      suggestions: { total: 4, adopted: 1, partly: 1, notAdopted: 1, pending: 1 },
    })
    expect(st.sentence).toBe(
      '2026-03-01 至 2026-06-30，2 名领导走访 2 家企业，提出建议 4 条，采纳 2 条（其中部分采纳 1 条）；共开展走访 2 次，发现问题 2 个、已解决 1 个。',
    )
    // One leader's own figures; another period; the default period is this year so far.
    const one = (
      await sup.get(`/api/visits/stats?from=2025-01-01&to=2025-12-31&leaderUserId=${officer}`)
    ).json()
    expect(one.totals).toMatchObject({ leaders: 1, visits: 1, enterprises: 1 })
    expect(one.sentence).toContain('甲专员走访 1 家企业，提出建议 0 条，采纳 0 条')
    const year = (await sup.get('/api/visits/stats')).json()
    expect(year).toMatchObject({ from: '2026-01-01', to: '2026-11-24' })
    expect(year.totals.visits).toBe(3)
    // Another zone sees none of it.
    const b = (await (await k.as('b_sup')).get('/api/visits/stats')).json()
    expect(b.totals).toMatchObject({ leaders: 0, visits: 0, enterprises: 0 })
    expect(b.leaders).toEqual([])
    const x = await sup.get('/api/visits/stats/export.xlsx?from=2026-03-01&to=2026-06-30')
    expect(x.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(3).value).toBe('走访次数')
    expect(ws.getRow(4).getCell(1).value).toBe('合计')
    expect(ws.getRow(4).getCell(7).value).toBe(4)
  })
})
