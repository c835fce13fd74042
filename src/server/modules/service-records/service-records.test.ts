import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions, deptId, insertProject, makeEnterprise } from '../../../../test/factories.ts'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { phaseOfStage } from '../../../shared/service.ts'
import { type Kit, setupKit } from '../problems/problems.test-kit.ts'

// Test clock: 2026-11-24 09:00 Beijing.

let k: Kit
let officer: Agent
let sup: Agent
/** 金旗牛业 projects: one before construction, one in production */
let early: number
let producing: number
/** an enterprise of zone 乙 */
let bEnt: number
let first: any

const body = (extra: Record<string, unknown> = {}) => ({
  enterpriseId: k.jinqi,
  projectId: early,
  kind: 'visit',
  contactDate: '2026-11-18',
  summary: '上门了解环评报告编制进度，协调专家评审时间',
  followUp: '下周跟进评审会安排',
  ...extra,
})

beforeAll(async () => {
  k = await setupKit()
  officer = await k.as('a_officer')
  sup = await k.as('a_sup')
  const a = await deptId(k.t, '甲开发区')
  early = await insertProject(k.t, {
    zoneId: a,
    code: 'XM-2026-0301',
    name: '金旗牛业冷链物流项目',
    enterpriseId: k.jinqi,
    stage: 'preliminary',
  })
  producing = await insertProject(k.t, {
    zoneId: a,
    code: 'XM-2026-0302',
    name: '金旗牛业屠宰加工项目',
    enterpriseId: k.jinqi,
    stage: 'production',
  })
  bEnt = await makeEnterprise(k.t, '乙开发区', '乙区企业')
  const res = await officer.post('/api/service-records', body())
  expect(res.statusCode, res.body).toBe(201)
  first = res.json()
})
afterAll(() => k.t.close())

describe('service records: guards on every endpoint', () => {
  it('401 without a session', async () => {
    const anon = k.t.agent()
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/service-records'],
      ['GET', '/api/service-records/export.xlsx'],
      ['GET', '/api/service-records/workload'],
      ['GET', `/api/service-records/${first.id}`],
      ['POST', '/api/service-records', body()],
      ['PATCH', `/api/service-records/${first.id}`, { version: 1 }],
      ['DELETE', `/api/service-records/${first.id}?version=1`],
    ]
    for (const [method, url, b] of calls) {
      const res = await anon.request(method as 'GET', url, b)
      expect(res.statusCode, `${method} ${url}`).toBe(401)
    }
  })

  it('403: no role reads nothing; leaders and enterprise users read but do not record', async () => {
    const none = await k.as('norole')
    for (const url of [
      '/api/service-records',
      '/api/service-records/workload',
      `/api/service-records/${first.id}`,
    ])
      expect((await none.get(url)).statusCode, url).toBe(403)
    for (const who of ['a_leader', 'a_ent', 'a_handler']) {
      const agent = await k.as(who)
      expect((await agent.get('/api/service-records')).statusCode, who).toBe(200)
      expect((await agent.post('/api/service-records', body())).statusCode, who).toBe(403)
      expect((await agent.patch(`/api/service-records/${first.id}`, { version: 1 })).statusCode, who).toBe(
        403,
      )
      expect((await agent.delete(`/api/service-records/${first.id}?version=1`)).statusCode, who).toBe(403)
    }
  })

  it('400 names the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [body({ enterpriseId: undefined }), 'enterpriseId'],
      [body({ kind: 'lunch' }), 'kind'],
      [body({ contactDate: '2026-11-31' }), 'contactDate'],
      [body({ contactDate: '2026-12-01' }), 'contactDate'],
      [body({ summary: '好' }), 'summary'],
      [body({ phase: 'later' }), 'phase'],
      [body({ enterpriseId: k.other }), 'projectId'],
      [body({ permitId: 999999 }), 'permitId'],
      [body({ officerUserId: k.users.a_ent + 1000 }), 'officerUserId'],
    ]
    for (const [b, field] of cases) {
      const res = await officer.post('/api/service-records', b)
      expect(res.statusCode, JSON.stringify(b)).toBe(400)
      expect(errorOf(res).field, JSON.stringify(b)).toBe(field)
    }
  })

  it('404 for another zone', async () => {
    const b = await k.as('b_sup')
    expect((await b.get(`/api/service-records/${first.id}`)).statusCode).toBe(404)
    expect((await b.patch(`/api/service-records/${first.id}`, { version: first.version })).statusCode).toBe(
      404,
    )
    expect((await b.delete(`/api/service-records/${first.id}?version=${first.version}`)).statusCode).toBe(404)
    expect((await b.get('/api/service-records')).json().total).toBe(0)
    // zone 甲 cannot record a contact with 乙's enterprise
    const res = await officer.post('/api/service-records', body({ enterpriseId: bEnt, projectId: null }))
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'enterpriseId', message: '企业不存在或无权访问' })
  })
})

describe('phases, the timeline and the workload', () => {
  it('derives the phase from the project’s stage (产前 / 产中 / 产后), else the enterprise’s furthest project', async () => {
    expect(first).toMatchObject({
      phase: 'pre',
      phaseLabel: '产前',
      kindLabel: '走访',
      officer: { id: k.users.a_officer },
    })
    let res = await officer.post(
      '/api/service-records',
      body({ projectId: producing, kind: 'call', contactDate: '2026-10-09' }),
    )
    expect(res.json()).toMatchObject({ phase: 'post', phaseLabel: '产后' })
    res = await officer.post(
      '/api/service-records',
      body({ projectId: null, kind: 'policy', contactDate: '2026-10-20' }),
    )
    expect(res.json()).toMatchObject({ phase: 'post', project: null })
    res = await officer.post(
      '/api/service-records',
      body({ projectId: null, kind: 'meeting', phase: 'during', officerUserId: k.users.a_sup }),
    )
    expect(res.json()).toMatchObject({ phase: 'during', officer: { id: k.users.a_sup } })
    expect(
      ['negotiating', 'signed', 'preliminary', 'construction', 'trial', 'production'].map(phaseOfStage),
    ).toEqual(['pre', 'pre', 'pre', 'during', 'during', 'post'])
  })

  it('lists the enterprise’s record newest first with filters; the enterprise reads its own only', async () => {
    let res = await sup.get(`/api/service-records?enterpriseId=${k.jinqi}`)
    expect(res.json().items.map((i: any) => i.contactDate)).toEqual([
      '2026-11-18',
      '2026-11-18',
      '2026-10-20',
      '2026-10-09',
    ])
    res = await sup.get(`/api/service-records?enterpriseId=${k.jinqi}&phase=post`)
    expect(res.json().items.map((i: any) => i.kindLabel)).toEqual(['政策', '电话'])
    res = await sup.get(`/api/service-records?kind=visit&projectId=${early}`)
    expect(res.json().total).toBe(1)
    const ent = await k.as('a_ent')
    expect((await ent.get('/api/service-records')).json().total).toBe(4)
    expect((await ent.get(`/api/service-records/${first.id}`)).statusCode).toBe(200)
    const ent2 = await k.as('a_ent2')
    expect((await ent2.get('/api/service-records')).statusCode).toBe(403)
    const x = await sup.get(`/api/service-records/export.xlsx?enterpriseId=${k.jinqi}`)
    expect(x.statusCode).toBe(200)
    expect(x.headers['content-type']).toContain('spreadsheetml')
  })

  it('edits and deletes with versions, audited', async () => {
    let res = await officer.patch(`/api/service-records/${first.id}`, {
      version: first.version,
      projectId: producing,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ phase: 'post', project: { id: producing } })
    expect(
      (await officer.patch(`/api/service-records/${first.id}`, { version: first.version })).statusCode,
    ).toBe(409)
    const v = res.json().version
    res = await officer.patch(`/api/service-records/${first.id}`, { version: v, projectId: early })
    expect(res.json().phase).toBe('pre')
    const extra = (await officer.post('/api/service-records', body({ summary: '误登记的一条' }))).json()
    expect(
      (await officer.delete(`/api/service-records/${extra.id}?version=${extra.version}`)).statusCode,
    ).toBe(200)
    expect(await auditActions(k.t, 'service_record', extra.id)).toEqual([
      'service_record.create',
      'service_record.delete',
    ])
  })

  it('workload: contacts per officer and month by kind and phase, permits handled as agent', async () => {
    // a permit of the early project, handled by a_officer and late against its limit
    const gen = await officer.post(`/api/projects/${early}/permits/from-template`, {
      agentUserId: k.users.a_officer,
    })
    expect(gen.statusCode, gen.body).toBe(201)
    const items = gen.json().items as any[]
    const reg = items.find((i) => i.name === '企业注册')
    const filing = items.find((i) => i.name === '立项/备案')
    await officer.patch(`/api/permits/${reg.id}`, {
      version: reg.version,
      status: 'approved',
      acceptedOn: '2026-11-02',
      approvedOn: '2026-11-04',
    })
    await officer.patch(`/api/permits/${filing.id}`, {
      version: filing.version,
      status: 'accepted',
      acceptedOn: '2026-09-01',
    })
    const res = await sup.get('/api/service-records/workload?from=2026-10-01&to=2026-11-30')
    expect(res.statusCode, res.body).toBe(200)
    const w = res.json()
    const nov = w.contacts.find((c: any) => c.officer.id === k.users.a_officer && c.month === '2026-11')
    expect(nov).toMatchObject({ total: 2, byKind: { visit: 1, permit: 1 }, byPhase: { pre: 2 } })
    const oct = w.contacts.find((c: any) => c.officer.id === k.users.a_officer && c.month === '2026-10')
    expect(oct).toMatchObject({ total: 2, byKind: { call: 1, policy: 1 }, byPhase: { post: 2 } })
    expect(w.contacts.find((c: any) => c.officer.id === k.users.a_sup)).toMatchObject({
      total: 1,
      byPhase: { during: 1 },
    })
    expect(w.permits).toContainEqual({
      agent: { id: k.users.a_officer, name: '甲专员' },
      open: items.filter((i) => i.status !== 'not_applicable').length - 1,
      approved: 1,
      late: 1,
    })
    const bad = await sup.get('/api/service-records/workload?from=2026-12-01&to=2026-11-01')
    expect(errorOf(bad).field).toBe('from')
  })
})
