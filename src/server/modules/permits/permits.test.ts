import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, auditActions, deptId, insertProject } from '../../../../test/factories.ts'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { type Kit, setupKit } from '../problems/problems.test-kit.ts'
import { templatePermits } from './permit-templates.ts'
import { averageMedian, monthsOf } from './permits.service.ts'

// Test clock: 2026-11-24 09:00 Beijing (test/harness.ts). The 2026 State Council calendar is seeded:
// 国庆节 2026-10-01…07 off, 2026-10-10 (Saturday) a make-up working day.

let k: Kit
let officer: Agent
let sup: Agent
/** 甲: a new food-industry project of 金旗牛业 (a_ent's enterprise), in 前期手续 */
let food: number
/** 甲: a 技改 software project of the other enterprise */
let reno: number
/** 乙: a project of the other zone */
let other: number
let permits: any[]
const BAD = 999999

async function setProject(id: number, cols: Record<string, unknown>) {
  await k.t.database.db.updateTable('projects').set(cols).where('id', '=', id).execute()
}

async function milestone(projectId: number, name: string, sort: number) {
  const now = k.t.clock.now()
  const zone = (
    await k.t.database.db
      .selectFrom('projects')
      .select('zone_id')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
  ).zone_id
  await k.t.database.db
    .insertInto('milestones')
    .values({ zone_id: zone, project_id: projectId, name, sort, created_at: now, updated_at: now })
    .execute()
}

const byName = (name: string) => permits.find((p) => p.name === name)

async function reload(agent: Agent = officer, project = food) {
  const res = await agent.get(`/api/projects/${project}/permits`)
  expect(res.statusCode, res.body).toBe(200)
  permits = res.json().items
  return res.json()
}

async function projectLight(id: number) {
  const res = await sup.get(`/api/projects/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { light: string; lightReasons: Array<{ rule: string; text: string }> }
}

beforeAll(async () => {
  k = await setupKit()
  officer = await k.as('a_officer')
  sup = await k.as('a_sup')
  const a = await deptId(k.t, '甲开发区')
  food = await insertProject(k.t, {
    zoneId: a,
    code: 'XM-2026-0101',
    name: '金旗牛业屠宰加工项目',
    enterpriseId: k.jinqi,
    stage: 'preliminary',
  })
  await setProject(food, { nature: 'new', industry_code: '13' })
  reno = await insertProject(k.t, {
    zoneId: a,
    code: 'XM-2026-0102',
    name: '新能源运维平台技改项目',
    enterpriseId: k.other,
    stage: 'preliminary',
  })
  await setProject(reno, { nature: 'renovation', industry_code: '65' })
  other = await insertProject(k.t, {
    zoneId: await deptId(k.t, '乙开发区'),
    code: 'XM-2026-0201',
    name: '乙区项目',
    stage: 'preliminary',
  })
  await milestone(food, '施工许可', 10)
  await milestone(food, '开工', 20)
  const res = await officer.post(`/api/projects/${food}/permits/from-template`, {
    agentUserId: k.users.a_officer,
  })
  expect(res.statusCode, res.body).toBe(201)
  permits = res.json().items
})
afterAll(() => k.t.close())

describe('permit templates', () => {
  it('a new food-industry project gets the whole chain with 食品生产许可, 排污许可 and 安评', () => {
    expect(permits.map((p) => p.name)).toEqual([
      '企业注册',
      '投资协议',
      '立项/备案',
      '用地预审',
      '规划许可',
      '环评批复',
      '能评',
      '安评',
      '施工许可',
      '消防设计审查',
      '竣工验收',
      '排污许可',
      '食品生产许可',
    ])
    expect(permits.every((p) => p.status === 'not_started' && p.agent?.id === k.users.a_officer)).toBe(true)
    expect(byName('施工许可')).toMatchObject({
      timeLimitDays: 7,
      departmentName: '住房和城乡建设局',
      milestone: '施工许可',
    })
    expect(byName('环评批复').timeLimitDays).toBe(60)
    expect(byName('投资协议').timeLimitDays).toBeNull()
  })

  it('a 技改 project outside industry: land, planning and building permit not applicable; no 排污 / 食品', async () => {
    const res = await officer.post(`/api/projects/${reno}/permits/from-template`, {})
    expect(res.statusCode, res.body).toBe(201)
    const items = res.json().items as any[]
    expect(items.map((i) => `${i.name}:${i.statusLabel}`)).toEqual([
      '立项/备案:未开始',
      '用地预审:不适用',
      '规划许可:不适用',
      '环评批复:未开始',
      '能评:未开始',
      '施工许可:不适用',
      '竣工验收:未开始',
    ])
    expect(res.json().summary.total).toBe(4)
  })

  it('continued and expansion projects, by the pure template', () => {
    expect(templatePermits({ nature: 'continued', industryCode: '26' }).map((i) => i.name)).toEqual([
      '消防设计审查',
      '竣工验收',
      '排污许可',
    ])
    const exp = templatePermits({ nature: 'expansion', industryCode: 'C1411' })
    expect(exp.find((i) => i.key === 'land')?.status).toBe('not_applicable')
    expect(exp.some((i) => i.key === 'food')).toBe(true)
    expect(exp.some((i) => i.key === 'registration')).toBe(false)
  })

  it('generating again is refused while a checklist exists (409)', async () => {
    const res = await officer.post(`/api/projects/${food}/permits/from-template`, {})
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toContain('已有手续清单')
  })
})

describe('permits: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = k.t.agent()
    const id = permits[0].id
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/projects/${food}/permits`],
      ['POST', `/api/projects/${food}/permits/from-template`, {}],
      ['POST', `/api/projects/${food}/permits`, { name: '取水许可' }],
      ['GET', '/api/permits'],
      ['GET', '/api/permits/export.xlsx'],
      ['GET', '/api/permits/figures'],
      ['GET', '/api/permits/by-problem/1'],
      ['PATCH', `/api/permits/${id}`, { version: 1 }],
      ['DELETE', `/api/permits/${id}?version=1`],
      ['POST', `/api/permits/${id}/problem`, { version: 1 }],
    ]
    for (const [method, url, b] of calls) {
      const res = await anon.request(method as 'GET', url, b)
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('403: no role reads nothing; leaders and departments read but do not record', async () => {
    const none = await k.as('norole')
    for (const url of [`/api/projects/${food}/permits`, '/api/permits', '/api/permits/figures'])
      expect((await none.get(url)).statusCode, url).toBe(403)
    const leader = await k.as('a_leader')
    expect((await leader.get(`/api/projects/${food}/permits`)).statusCode).toBe(200)
    const id = permits[0].id
    expect((await leader.post(`/api/projects/${food}/permits`, { name: '取水许可' })).statusCode).toBe(403)
    expect((await leader.patch(`/api/permits/${id}`, { version: 1, status: 'preparing' })).statusCode).toBe(
      403,
    )
    expect((await leader.delete(`/api/permits/${id}?version=1`)).statusCode).toBe(403)
    expect((await leader.post(`/api/permits/${id}/problem`, { version: 1 })).statusCode).toBe(403)
    const handler = await k.as('a_handler')
    expect((await handler.post(`/api/projects/${food}/permits/from-template`, {})).statusCode).toBe(403)
  })

  it('400 names the field', async () => {
    let res = await officer.post(`/api/projects/${food}/permits`, {})
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('name')
    const p = byName('能评')
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, acceptedOn: '2026-02-30' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('acceptedOn')
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, status: 'accepted' })
    expect(errorOf(res)).toMatchObject({ field: 'acceptedOn', message: '已受理的手续请填写受理日期' })
    res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'approved',
      acceptedOn: '2026-11-10',
      approvedOn: '2026-11-02',
    })
    expect(errorOf(res)).toMatchObject({ field: 'approvedOn', message: '批复日期不能早于受理日期' })
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, submittedOn: '2026-12-01' })
    expect(errorOf(res)).toMatchObject({ field: 'submittedOn', message: '提交日期不能晚于今天' })
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, status: 'done' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('status')
    res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      agentUserId: k.users.a_ent + 1000,
    })
    expect(errorOf(res).field).toBe('agentUserId')
    res = await officer.get('/api/permits?agentUserId=x')
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('agentUserId')
    res = await officer.post(`/api/permits/${p.id}/problem`, {})
    expect(errorOf(res).field).toBe('version')
  })

  it('404 for another zone and for missing records', async () => {
    const b = await k.as('b_sup')
    const p = permits[0]
    expect((await b.get(`/api/projects/${food}/permits`)).statusCode).toBe(404)
    expect((await b.post(`/api/projects/${food}/permits/from-template`, {})).statusCode).toBe(404)
    expect((await b.post(`/api/projects/${food}/permits`, { name: '取水许可' })).statusCode).toBe(404)
    expect(
      (await b.patch(`/api/permits/${p.id}`, { version: p.version, status: 'preparing' })).statusCode,
    ).toBe(404)
    expect((await b.delete(`/api/permits/${p.id}?version=${p.version}`)).statusCode).toBe(404)
    expect((await b.post(`/api/permits/${p.id}/problem`, { version: p.version })).statusCode).toBe(404)
    expect((await b.get('/api/permits')).json().items).toEqual([])
    expect((await officer.get(`/api/projects/${other}/permits`)).statusCode).toBe(404)
    expect((await officer.patch(`/api/permits/${BAD}`, { version: 1 })).statusCode).toBe(404)
    expect((await officer.get(`/api/permits/by-problem/${BAD}`)).statusCode).toBe(404)
  })

  it('enterprise users read their own enterprise’s permits only', async () => {
    const ent = await k.as('a_ent')
    expect((await ent.get(`/api/projects/${food}/permits`)).statusCode).toBe(200)
    expect((await ent.get(`/api/projects/${reno}/permits`)).statusCode).toBe(404)
    const list = (await ent.get('/api/permits?pageSize=100')).json()
    expect(list.items.every((i: any) => i.project.id === food)).toBe(true)
    expect((await ent.patch(`/api/permits/${permits[0].id}`, { version: 1 })).statusCode).toBe(403)
  })
})

describe('legal time limit, lights and milestones', () => {
  it('a 7-working-day limit accepted before National Day is due after it; late → the project turns yellow', async () => {
    const p = byName('施工许可')
    const res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'accepted',
      submittedOn: '2026-09-25',
      acceptedOn: '2026-09-28',
    })
    expect(res.statusCode, res.body).toBe(200)
    // 9-29, 9-30, (10-01…07 off), 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
    expect(res.json()).toMatchObject({
      statusLabel: '已受理',
      dueDate: '2026-10-13',
      late: true,
      elapsedWorkingDays: 37,
    })
    expect(res.json().lateDays).toBeGreaterThan(25)
    const light = await projectLight(food)
    expect(light.light).toBe('yellow')
    expect(light.lightReasons).toContainEqual(
      expect.objectContaining({
        rule: 'permit',
        text: '手续「施工许可」超过法定时限未批复（2026-09-28 受理，法定时限 7 个工作日，应于 2026-10-13 前办结）',
      }),
    )
    const late = (await sup.get('/api/permits?late=true')).json()
    expect(late.items.map((i: any) => i.name)).toContain('施工许可')
    await reload()
  })

  it('approving it sets the 施工许可 milestone’s actual date, records a 帮办 contact and the light turns green', async () => {
    const p = byName('施工许可')
    const res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'approved',
      approvedOn: '2026-11-20',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ late: false, daysTaken: { working: 35, calendar: 53 } })
    const ms = (await sup.get(`/api/projects/${food}/milestones`)).json().items as any[]
    expect(ms.find((m) => m.name === '施工许可')).toMatchObject({ actualDate: '2026-11-20', status: 'done' })
    expect((await projectLight(food)).light).toBe('green')
    const records = (await sup.get(`/api/service-records?permitId=${p.id}`)).json()
    expect(records.items).toHaveLength(1)
    expect(records.items[0]).toMatchObject({
      kind: 'permit',
      kindLabel: '帮办',
      phaseLabel: '产前',
      contactDate: '2026-11-20',
      officer: { id: k.users.a_officer },
      source: 'permit',
    })
    expect(records.items[0].summary).toContain('帮办「施工许可」获住房和城乡建设局批复，用时 35 个工作日')
    expect(await auditActions(k.t, 'permit', p.id)).toEqual(['permit.update', 'permit.update'])
    await reload()
  })

  it('withdrawing the approval clears the milestone date again and drops the automatic contact', async () => {
    let p = byName('施工许可')
    let res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'accepted',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'accepted', approvedOn: null, late: true })
    let ms = (await sup.get(`/api/projects/${food}/milestones`)).json().items as any[]
    expect(ms.find((m) => m.name === '施工许可').actualDate).toBeNull()
    expect((await sup.get(`/api/service-records?permitId=${p.id}`)).json().total).toBe(0)
    p = res.json()
    res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'approved',
      approvedOn: '2026-11-20',
    })
    expect(res.statusCode).toBe(200)
    ms = (await sup.get(`/api/projects/${food}/milestones`)).json().items as any[]
    expect(ms.find((m) => m.name === '施工许可').actualDate).toBe('2026-11-20')
    expect((await sup.get(`/api/service-records?permitId=${p.id}`)).json().total).toBe(1)
    // a stale version
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, note: '旧版本' })
    expect(res.statusCode).toBe(409)
    await reload()
  })
})

describe('a stuck permit raised as a problem', () => {
  let problemId: number

  it('creates a 审批手续 problem of the project’s enterprise, linked both ways', async () => {
    let p = byName('环评批复')
    let res = await officer.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'accepted',
      acceptedOn: '2026-08-03',
      departmentId: k.eco,
      note: '专家评审意见尚未出具',
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({ departmentName: '甲生态环境分局', dueDate: '2026-10-30', late: true })
    res = await officer.post(`/api/permits/${p.id}/problem`, { version: p.version })
    expect(res.statusCode, res.body).toBe(201)
    problemId = res.json().problem.id
    expect(res.json().permit.problem).toMatchObject({ id: problemId, statusLabel: '待受理' })
    const problem = (await sup.get(`/api/problems/${problemId}`)).json()
    expect(problem).toMatchObject({ title: '「环评批复」办理受阻', category: 'permit', source: 'service' })
    expect(problem.enterprise?.id ?? problem.enterpriseId).toBe(k.jinqi)
    expect(problem.description).toContain('法定时限 60 个工作日，应于 2026-10-30 前办结，已超期')
    expect(problem.description).toContain('专家评审意见尚未出具')
    expect(problem.timeline.map((e: any) => e.summary)).toContain(
      '由帮办代办手续「环评批复」（项目 XM-2026-0101）反映',
    )
    const back = await sup.get(`/api/permits/by-problem/${problemId}`)
    expect(back.statusCode).toBe(200)
    expect(back.json()).toMatchObject({ id: p.id, name: '环评批复' })
    // the department approving it sees the permit
    const handler = await k.as('a_handler')
    const seen = (await handler.get('/api/permits')).json().items.map((i: any) => i.name)
    expect(seen).toEqual(['环评批复'])
  })

  it('raising it twice is refused', async () => {
    await reload()
    const p = byName('环评批复')
    const res = await officer.post(`/api/permits/${p.id}/problem`, { version: p.version })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).field).toBe('problemId')
  })
})

describe('overview, export, figures, delete', () => {
  it('filters by status, agent and late; exports the same rows', async () => {
    let res = await sup.get(`/api/permits?status=approved&agentUserId=${k.users.a_officer}`)
    expect(res.json().items.map((i: any) => i.name)).toEqual(['施工许可'])
    res = await sup.get('/api/permits?late=true')
    expect(res.json().items.map((i: any) => i.name)).toEqual(['环评批复'])
    res = await sup.get('/api/permits?status=open&pageSize=5&page=2')
    expect(res.json()).toMatchObject({ page: 2, pageSize: 5 })
    expect(res.json().total).toBe(16) // 12 of 金旗牛业 (one approved) + 4 of the 技改 project
    res = await sup.get('/api/permits/export.xlsx?late=true')
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(2).getCell(4).value).toBe('环评批复')
  })

  it('signing → start per project and for the zone (average, median, count)', async () => {
    await reload()
    const a = byName('投资协议')
    const res = await officer.patch(`/api/permits/${a.id}`, {
      version: a.version,
      status: 'approved',
      approvedOn: '2026-03-02',
    })
    expect(res.statusCode, res.body).toBe(200)
    const ms = (await sup.get(`/api/projects/${food}/milestones`)).json().items as any[]
    const start = ms.find((m) => m.name === '开工')
    expect(
      (
        await sup.patch(`/api/projects/milestones/${start.id}`, {
          version: start.version,
          actualDate: '2026-09-15',
        })
      ).statusCode,
    ).toBe(200)
    const mine = await reload()
    expect(mine.signToStart).toEqual({
      signedOn: '2026-03-02',
      startedOn: '2026-09-15',
      days: 197,
      months: 6.5,
    })
    const fig = (await sup.get('/api/permits/figures?year=2026')).json()
    expect(fig).toMatchObject({ year: 2026, count: 1, averageDays: 197, medianDays: 197, averageMonths: 6.5 })
    expect((await sup.get('/api/permits/figures?year=2025')).json().count).toBe(0)
    expect(averageMedian([180, 200, 230, 190])).toEqual({ average: 200, median: 195 })
    expect(monthsOf(213)).toBe(7)
  })

  it('adds by hand, marks not applicable, deletes with its version', async () => {
    let res = await officer.post(`/api/projects/${food}/permits`, {
      name: '取水许可',
      departmentName: '水利局',
      timeLimitDays: 20,
    })
    expect(res.statusCode, res.body).toBe(201)
    let p = res.json()
    expect(p).toMatchObject({ name: '取水许可', departmentName: '水利局', status: 'not_started', sort: 140 })
    res = await officer.patch(`/api/permits/${p.id}`, { version: p.version, status: 'not_applicable' })
    expect(res.json().statusLabel).toBe('不适用')
    p = res.json()
    expect((await officer.delete(`/api/permits/${p.id}?version=${p.version - 1}`)).statusCode).toBe(409)
    expect((await officer.delete(`/api/permits/${p.id}?version=${p.version}`)).statusCode).toBe(200)
    expect(await auditActions(k.t, 'permit', p.id)).toEqual([
      'permit.create',
      'permit.update',
      'permit.delete',
    ])
  })

  it('an agent without project:manage still completes the milestone (as the system, named after them)', async () => {
    await addUserWithRole(k.t, {
      username: 'a_agent',
      displayName: '甲帮办员',
      department: '甲督查室',
      role: {
        code: 'agent',
        name: '帮办员（测试）',
        dataScope: 'zone',
        permissions: ['service:read', 'service:manage'],
      },
    })
    const agent = await k.as('a_agent')
    await milestone(food, '能评', 30)
    await reload()
    const p = byName('能评')
    const res = await agent.patch(`/api/permits/${p.id}`, {
      version: p.version,
      status: 'approved',
      acceptedOn: '2026-11-02',
      approvedOn: '2026-11-16',
    })
    expect(res.statusCode, res.body).toBe(200)
    const ms = (await sup.get(`/api/projects/${food}/milestones`)).json().items as any[]
    expect(ms.find((m) => m.name === '能评').actualDate).toBe('2026-11-16')
    const entry = await k.t.database.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'milestone.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(entry.actor_name).toBe('帮办代办（甲帮办员）')
  })
})
