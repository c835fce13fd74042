import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditActions, deptId, userId } from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
let sup: Agent

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
})
afterAll(() => t.close())

async function project(body: Record<string, unknown> = {}) {
  const res = await sup.post('/api/projects', { name: '节点测试项目', totalInvestment: '1000', ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('milestones', () => {
  it('401, 403, 400 naming the field, 404 for another zone', async () => {
    const p = await project({ nature: 'continued' })
    expect((await t.agent().get(`/api/projects/${p.id}/milestones`)).statusCode).toBe(401)
    const leader = await t.as('a_leader')
    expect((await leader.get(`/api/projects/${p.id}/milestones`)).statusCode).toBe(200)
    expect((await leader.post(`/api/projects/${p.id}/milestones`, { name: '节点' })).statusCode).toBe(403)
    const m = p.milestones[0]
    expect((await leader.patch(`/api/projects/milestones/${m.id}`, { version: m.version })).statusCode).toBe(
      403,
    )
    expect((await leader.delete(`/api/projects/milestones/${m.id}?version=${m.version}`)).statusCode).toBe(
      403,
    )
    let res = await sup.post(`/api/projects/${p.id}/milestones`, { name: '', plannedDate: '2026-12-01' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('name')
    res = await sup.post(`/api/projects/${p.id}/milestones`, { name: '节点', plannedDate: '2026-13-01' })
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'plannedDate' })
    res = await sup.patch(`/api/projects/milestones/${m.id}`, {
      actualDate: '2030-01-01',
      version: m.version,
    })
    expect(errorOf(res)).toMatchObject({ field: 'actualDate', message: '实际完成日期不能晚于今天' })
    res = await sup.delete(`/api/projects/milestones/${m.id}`)
    expect(errorOf(res)).toMatchObject({ field: 'version' })
    res = await sup.post(`/api/projects/${p.id}/milestones`, {
      name: '节点',
      ownerUserId: await userId(t, 'b_sup'),
    })
    expect(errorOf(res)).toMatchObject({ field: 'ownerUserId' })
    const b = await t.as('b_sup')
    expect((await b.get(`/api/projects/${p.id}/milestones`)).statusCode).toBe(404)
    expect((await b.post(`/api/projects/${p.id}/milestones`, { name: '节点' })).statusCode).toBe(404)
    expect(
      (await b.patch(`/api/projects/milestones/${m.id}`, { name: 'x', version: m.version })).statusCode,
    ).toBe(404)
    expect((await b.delete(`/api/projects/milestones/${m.id}?version=${m.version}`)).statusCode).toBe(404)
  })

  it('续建 gets the later part of the template; a project already under construction skips what is behind it', async () => {
    const p = await project({ nature: 'continued', startDate: '2026-01-01', endDate: '2026-12-31' })
    expect(p.milestones.map((m: { name: string }) => m.name)).toEqual([
      '主体完工',
      '竣工验收',
      '试生产',
      '投产',
    ])
    const q = await project({ nature: 'expansion', stage: 'construction' })
    expect(q.milestones.map((m: { name: string }) => m.name)).toEqual(['主体完工', '竣工验收', '投产'])
  })

  it('adds, edits and deletes with versions, owners and events', async () => {
    const p = await project({ nature: 'renovation' })
    const res = await sup.post(`/api/projects/${p.id}/milestones`, {
      name: '设备安装',
      plannedDate: '2026-12-20',
      ownerUserId: await userId(t, 'a_officer'),
      ownerDepartmentId: await deptId(t, '甲生态环境分局'),
      note: '两条生产线',
    })
    expect(res.statusCode, res.body).toBe(201)
    const m = res.json()
    expect(m).toMatchObject({
      name: '设备安装',
      plannedDate: '2026-12-20',
      ownerUserName: '甲专员',
      ownerDepartmentName: '甲生态环境分局',
      status: 'pending',
      sort: 70,
      attachmentCount: 0,
    })
    const list = (await sup.get(`/api/projects/${p.id}/milestones`)).json().items
    expect(list.at(-1).name).toBe('设备安装')
    const upd = await sup.patch(`/api/projects/milestones/${m.id}`, {
      plannedDate: '2026-12-25',
      version: m.version,
    })
    expect(upd.statusCode, upd.body).toBe(200)
    const stale = await sup.patch(`/api/projects/milestones/${m.id}`, {
      plannedDate: '2026-12-28',
      version: m.version,
    })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    const del = await sup.delete(`/api/projects/milestones/${m.id}?version=${m.version}`)
    expect(del.statusCode).toBe(409)
    expect(
      (await sup.delete(`/api/projects/milestones/${m.id}?version=${upd.json().version}`)).statusCode,
    ).toBe(200)
    expect(
      (await sup.get(`/api/projects/${p.id}/milestones`)).json().items.map((x: { name: string }) => x.name),
    ).not.toContain('设备安装')
    const tl = (await sup.get(`/api/projects/${p.id}/timeline`))
      .json()
      .items.map((e: { summary: string }) => e.summary)
    expect(tl).toEqual(
      expect.arrayContaining([
        '新增节点「设备安装」，计划 2026-12-20',
        '节点「设备安装」计划日期：2026-12-20 → 2026-12-25',
        '删除节点「设备安装」',
      ]),
    )
    expect(await auditActions(t, 'milestone', m.id)).toEqual([
      'milestone.create',
      'milestone.update',
      'milestone.delete',
    ])
  })
})

describe('lights', () => {
  it('an overdue milestone turns the project yellow, then red after 30 days, with the reason; an actual date turns it green', async () => {
    const p = await project({ nature: 'continued' })
    expect(p.light).toBe('green')
    let res = await sup.post(`/api/projects/${p.id}/milestones`, {
      name: '土地摘牌',
      plannedDate: '2026-11-14',
    })
    const m = res.json()
    expect(m).toMatchObject({ status: 'overdue', lateDays: 10 })
    let d = (await sup.get(`/api/projects/${p.id}`)).json()
    expect(d.light).toBe('yellow')
    expect(d.lightReasons).toEqual([
      { rule: 'milestone', light: 'yellow', text: '节点「土地摘牌」逾期 10 天（计划 2026-11-14）' },
    ])
    res = await sup.patch(`/api/projects/milestones/${m.id}`, {
      plannedDate: '2026-10-01',
      version: m.version,
    })
    d = (await sup.get(`/api/projects/${p.id}`)).json()
    expect(d.light).toBe('red')
    expect(d.lightReasons[0].text).toBe('节点「土地摘牌」逾期 54 天（计划 2026-10-01）')
    const red = (await sup.get('/api/projects?light=red')).json().items
    expect(red.find((x: { id: number }) => x.id === p.id).lightReasons[0].text).toContain('土地摘牌')
    res = await sup.patch(`/api/projects/milestones/${m.id}`, {
      actualDate: '2026-11-20',
      version: res.json().version,
    })
    expect(res.json()).toMatchObject({ status: 'done', lateDays: 50 })
    d = (await sup.get(`/api/projects/${p.id}`)).json()
    expect(d.light).toBe('green')
    expect(d.lightReasons).toEqual([])
    const tl = (await sup.get(`/api/projects/${p.id}/timeline`)).json().items
    expect(tl[0]).toMatchObject({
      kind: 'milestone_done',
      summary: '节点「土地摘牌」完成（实际 2026-11-20，较计划晚 50 天）',
    })
  })

  it('a planned start that passed without starting is yellow, three months late red; starting clears it', async () => {
    const p = await project({
      nature: 'continued',
      stage: 'preliminary',
      startDate: '2026-08-01',
      endDate: '2027-12-31',
    })
    expect(p.light).toBe('red')
    expect(p.lightReasons.map((r: { text: string }) => r.text)).toContain(
      '计划 2026年8月 开工，已推迟 3 个月仍未开工',
    )
    const res = await sup.post(`/api/projects/${p.id}/stage`, { stage: 'construction', version: p.version })
    expect(res.json().light).toBe('green')
  })

  it('behind 序时进度 by more than 30 points is red, and says by how much', async () => {
    const p = await project({
      nature: 'continued',
      stage: 'construction',
      startDate: '2025-03-01',
      endDate: '2026-12-31',
    })
    let res = await sup.put('/api/reports/plans', { projectId: p.id, year: 2026, planned: '1200' })
    expect(res.statusCode, res.body).toBe(200)
    res = await sup.put('/api/reports/monthly', { projectId: p.id, year: 2026, month: 10, completed: '300' })
    expect(res.statusCode, res.body).toBe(200)
    const d = (await sup.get(`/api/projects/${p.id}`)).json()
    // 300 / 1200 = 25 % vs 10/12 = 83.33 % → behind 58.33 points
    expect(d.schedule).toMatchObject({
      year: 2026,
      asOfMonth: 10,
      annualPlan: '1200.00',
      completedThisYear: '300.00',
      gapPoints: -58.33,
    })
    expect(d.light).toBe('red')
    expect(d.lightReasons[0]).toEqual({
      rule: 'schedule',
      light: 'red',
      text: '落后序时进度 58.33 个百分点（超过 30 个百分点）',
    })
    const row = (await sup.get('/api/projects?light=red&pageSize=100'))
      .json()
      .items.find((x: { id: number }) => x.id === p.id)
    expect(row.schedule).toMatchObject({ completionRate: 0.25, gapPoints: -58.33 })
  })
})
