import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  actorOf,
  auditActions,
  deptId,
  linkEnterpriseUser,
  makeEnterprise,
  userId,
} from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
let sup: Agent
let jinqi: number
let other: number

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
  jinqi = await makeEnterprise(t, '甲开发区', '内蒙古金旗牛业有限公司')
  other = await makeEnterprise(t, '甲开发区', '鄂尔多斯市新能源有限公司')
})
afterAll(() => t.close())

const slaughter = () => ({
  name: '肉牛(羊)屠宰加工项目',
  enterpriseId: jinqi,
  nature: 'new',
  industryCode: '13',
  level: 'city',
  totalInvestment: '6500',
  startDate: '2026-03-01',
  endDate: '2027-12-31',
  address: '达拉特经济开发区',
  tags: ['landed'],
})

async function create(body: Record<string, unknown>, agent = sup) {
  const res = await agent.post('/api/projects', body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

describe('projects: guards', () => {
  it('401 without a session, 403 without the permission, 400 naming the field', async () => {
    expect((await t.agent().get('/api/projects')).statusCode).toBe(401)
    expect((await t.agent().get('/api/projects/1')).statusCode).toBe(401)
    const nobody = await t.as('norole')
    expect((await nobody.get('/api/projects')).statusCode).toBe(403)
    const leader = await t.as('a_leader')
    expect((await leader.get('/api/projects')).statusCode).toBe(200)
    expect((await leader.post('/api/projects', slaughter())).statusCode).toBe(403)
    const handler = await t.as('a_handler')
    expect((await handler.post('/api/projects', slaughter())).statusCode).toBe(403)

    let res = await sup.post('/api/projects', { ...slaughter(), totalInvestment: '12.345' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'totalInvestment' })
    expect(errorOf(res).message).toContain('总投资')
    res = await sup.post('/api/projects', { ...slaughter(), name: '' })
    expect(errorOf(res)).toMatchObject({ field: 'name' })
    res = await sup.post('/api/projects', { ...slaughter(), nature: 'bogus' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ field: 'nature', message: '建设性质「bogus」不在字典中' })
    res = await sup.post('/api/projects', { ...slaughter(), startDate: '2027-01-01', endDate: '2026-01-01' })
    expect(errorOf(res)).toMatchObject({ field: 'endDate' })
    res = await sup.post('/api/projects', { ...slaughter(), industryCode: '99' })
    expect(errorOf(res)).toMatchObject({ field: 'industryCode' })
    // an enterprise of another zone is refused
    const bEnt = await makeEnterprise(t, '乙开发区', '乙某企业')
    res = await sup.post('/api/projects', { ...slaughter(), enterpriseId: bEnt })
    expect(errorOf(res)).toMatchObject({ field: 'enterpriseId', message: '建设单位不存在或不属于本开发区' })
  })
})

describe('projects: create and read', () => {
  it('generates the code per zone and year, instantiates the milestone template, records event and audit', async () => {
    const p = await create(slaughter())
    expect(p.code).toBe('XM-2026-0001')
    expect(p).toMatchObject({
      name: '肉牛(羊)屠宰加工项目',
      enterpriseName: '内蒙古金旗牛业有限公司',
      stage: 'negotiating',
      totalInvestment: '6500.00',
      industryName: '农副食品加工业',
      tags: ['landed'],
      isKey: true,
    })
    // 新建: the full template, dates spread over the period, first on the start date, last on the end date
    expect(p.milestones.map((m: { name: string }) => m.name)).toEqual([
      '立项/备案',
      '用地预审',
      '规划许可',
      '环评批复',
      '能评',
      '施工许可',
      '开工',
      '主体完工',
      '竣工验收',
      '试生产',
      '投产',
    ])
    expect(p.milestones[0].plannedDate).toBe('2026-03-01')
    expect(p.milestones[10].plannedDate).toBe('2027-12-31')
    const dates = p.milestones.map((m: { plannedDate: string }) => m.plannedDate)
    expect([...dates].sort()).toEqual(dates)
    const second = await create({
      ...slaughter(),
      name: '第二个项目',
      nature: 'renovation',
      startDate: null,
      endDate: null,
    })
    expect(second.code).toBe('XM-2026-0002')
    expect(second.milestones.map((m: { name: string }) => m.name)).toEqual([
      '立项/备案',
      '环评批复',
      '能评',
      '开工',
      '竣工验收',
      '投产',
    ])
    expect(second.milestones.every((m: { plannedDate: string | null }) => m.plannedDate === null)).toBe(true)

    const tl = (await sup.get(`/api/projects/${p.id}/timeline`)).json()
    expect(tl.items.map((e: { summary: string }) => e.summary)).toContain('新建项目 XM-2026-0001')
    expect(await auditActions(t, 'project', p.id)).toContain('project.create')
  })

  it("uses the zone's code when it has one", async () => {
    await t.database.db
      .updateTable('departments')
      .set({ code: 'dlt' })
      .where('name', '=', '甲开发区')
      .execute()
    const p = await create({ ...slaughter(), name: '带开发区编码的项目' })
    expect(p.code).toBe('DLT-2026-0001')
    await t.database.db
      .updateTable('departments')
      .set({ code: null })
      .where('name', '=', '甲开发区')
      .execute()
  })

  it('finds 肉牛(羊)屠宰加工项目 when searching 屠宰, and by enterprise name', async () => {
    const names = async (kw: string) =>
      (await sup.get(`/api/projects?keyword=${encodeURIComponent(kw)}`))
        .json()
        .items.map((x: { name: string }) => x.name)
    expect(await names('屠宰')).toContain('肉牛(羊)屠宰加工项目')
    expect(await names('屠宰加工')).toContain('肉牛(羊)屠宰加工项目')
    expect(await names('金旗牛业')).toContain('肉牛(羊)屠宰加工项目')
    expect(await names('光伏')).toEqual([])
  })

  it('filters by stage, level, industry section, tag, key and 五个一', async () => {
    const q = async (qs: string) => (await sup.get(`/api/projects?${qs}`)).json()
    expect((await q('industry=C')).total).toBeGreaterThanOrEqual(3)
    expect((await q('industry=A')).total).toBe(0)
    expect((await q('level=city')).total).toBeGreaterThanOrEqual(3)
    expect((await q('level=national')).total).toBe(0)
    expect((await q('stage=negotiating')).total).toBeGreaterThanOrEqual(3)
    expect((await q('tag=landed')).total).toBeGreaterThanOrEqual(3)
    expect((await q('tag=reserve')).total).toBe(0)
    expect((await q('isKey=false')).total).toBe(0)
    const incomplete = await q('fiveOnesIncomplete=true')
    expect(incomplete.total).toBeGreaterThanOrEqual(3)
    expect(incomplete.items[0].fiveOnesMissing).toEqual(['leader', 'team', 'units', 'followup'])
    const bad = await sup.get('/api/projects?light=purple')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('light')
  })
})

describe('projects: scope', () => {
  let pid: number
  beforeAll(async () => {
    pid = (await create({ ...slaughter(), name: '范围测试项目', enterpriseId: other })).id
  })

  it("another zone's supervisor gets 404 and does not see it listed", async () => {
    const b = await t.as('b_sup')
    expect((await b.get(`/api/projects/${pid}`)).statusCode).toBe(404)
    expect((await b.get(`/api/projects/${pid}/timeline`)).statusCode).toBe(404)
    expect((await b.get(`/api/projects/${pid}/milestones`)).statusCode).toBe(404)
    expect((await b.get('/api/projects')).json().total).toBe(0)
    const p = (await sup.get(`/api/projects/${pid}`)).json()
    expect((await b.patch(`/api/projects/${pid}`, { name: 'x', version: p.version })).statusCode).toBe(404)
    expect(
      (await b.post(`/api/projects/${pid}/stage`, { stage: 'signed', version: p.version })).statusCode,
    ).toBe(404)
  })

  it('a handler sees only projects where their department is a responsible unit', async () => {
    const handler = await t.as('a_handler')
    const waste = await t.as('a_waste')
    expect((await handler.get(`/api/projects/${pid}`)).statusCode).toBe(404)
    expect((await handler.get('/api/projects')).json().total).toBe(0)
    const p = (await sup.get(`/api/projects/${pid}`)).json()
    const res = await sup.put(`/api/projects/${pid}/units`, {
      leadDepartmentId: await deptId(t, '甲固废科'),
      coDepartmentIds: [await deptId(t, '甲督查室')],
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().units.lead.name).toBe('甲固废科')
    // 甲经办 (甲生态环境分局 and below) and 甲固废经办 (甲固废科) see it now
    expect((await handler.get('/api/projects')).json().items.map((x: { id: number }) => x.id)).toEqual([pid])
    expect((await waste.get(`/api/projects/${pid}`)).statusCode).toBe(200)
    // filter by responsible unit: the department and its subtree
    const byDept = (await sup.get(`/api/projects?departmentId=${await deptId(t, '甲生态环境分局')}`)).json()
    expect(byDept.items.map((x: { id: number }) => x.id)).toEqual([pid])
    // a handler reads but does not manage
    expect((await handler.patch(`/api/projects/${pid}`, { name: 'x', version: 1 })).statusCode).toBe(403)
  })

  it("an enterprise user sees only its enterprise's projects", async () => {
    await linkEnterpriseUser(t, 'a_ent', other)
    const ent = await t.as('a_ent')
    const list = (await ent.get('/api/projects')).json()
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([pid])
    const mine = (await sup.get('/api/projects?keyword=屠宰'))
      .json()
      .items.find((x: { enterpriseId: number }) => x.enterpriseId === jinqi)
    expect((await ent.get(`/api/projects/${mine.id}`)).statusCode).toBe(404)
    expect((await ent.get(`/api/projects/${pid}`)).statusCode).toBe(200)
    const s = t.app.services.projects
    const actor = await actorOf(t, 'a_ent')
    expect((await s.listForEnterprise(actor, other)).map((x) => x.id)).toEqual([pid])
    expect(await s.listForEnterprise(actor, jinqi)).toEqual([])
  })
})

describe('projects: edits', () => {
  let p: { id: number; version: number }
  beforeAll(async () => {
    p = await create({ ...slaughter(), name: '编辑测试项目' })
  })

  it('edits with the version; a stale version gets 409 with a clear message', async () => {
    const a = await sup.patch(`/api/projects/${p.id}`, { totalInvestment: '7000.5', version: p.version })
    expect(a.statusCode, a.body).toBe(200)
    expect(a.json()).toMatchObject({ totalInvestment: '7000.50', version: p.version + 1 })
    const stale = await sup.patch(`/api/projects/${p.id}`, { name: '别人也在改', version: p.version })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale)).toMatchObject({
      code: 'VERSION_CONFLICT',
      message: '该记录已被他人修改，请刷新后重试',
    })
    p = a.json()
    const tl = (await sup.get(`/api/projects/${p.id}/timeline`)).json()
    expect(tl.items[0].summary).toBe('修改项目信息：总投资')
    expect(await auditActions(t, 'project', p.id)).toEqual(['project.create', 'project.update'])
  })

  it('a stage change is an event; reaching construction sets the actual start date', async () => {
    let res = await sup.post(`/api/projects/${p.id}/stage`, { stage: 'signed', version: p.version })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    res = await sup.post(`/api/projects/${p.id}/stage`, { stage: 'signed', version: p.version })
    expect(errorOf(res)).toMatchObject({ field: 'stage', message: '项目已处于该阶段' })
    res = await sup.post(`/api/projects/${p.id}/stage`, {
      stage: 'construction',
      date: '2099-01-01',
      version: p.version,
    })
    expect(errorOf(res)).toMatchObject({ field: 'date' })
    res = await sup.post(`/api/projects/${p.id}/stage`, {
      stage: 'construction',
      date: '2026-11-20',
      note: '主体工程进场',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    p = res.json()
    expect(p).toMatchObject({ stage: 'construction', actualStartDate: '2026-11-20' })
    const tl = (await sup.get(`/api/projects/${p.id}/timeline?pageSize=2`)).json()
    expect(tl.items[0]).toMatchObject({
      kind: 'stage',
      actorName: '甲督查',
      summary: '阶段变更：签约 → 开工在建（2026-11-20）；主体工程进场',
      data: { from: 'signed', to: 'construction', date: '2026-11-20', note: '主体工程进场' },
    })
    expect(tl.total).toBeGreaterThanOrEqual(3)
    res = await sup.post(`/api/projects/${p.id}/stage`, { stage: 'bogus', version: p.version })
    expect(errorOf(res)).toMatchObject({ field: 'stage' })
  })

  it('五个一: flagged until leaders, team, plan, units and a recent weekly report are all there, then cleared', async () => {
    let d = (await sup.get(`/api/projects/${p.id}`)).json()
    expect(d.fiveOnesMissing).toEqual(['leader', 'team', 'units', 'followup'])
    expect(d.fiveOnes.find((f: { code: string }) => f.code === 'leader')).toMatchObject({
      ok: false,
      text: '未确定包联领导',
    })
    let res = await sup.put(`/api/projects/${p.id}/leaders`, {
      userIds: [await userId(t, 'a_leader')],
      version: d.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    d = res.json()
    expect(d.leaders.map((l: { name: string }) => l.name)).toEqual(['甲领导'])
    res = await sup.put(`/api/projects/${p.id}/leaders`, {
      userIds: [await userId(t, 'b_sup')],
      version: d.version,
    })
    expect(errorOf(res)).toMatchObject({ field: 'userIds' })
    res = await sup.put(`/api/projects/${p.id}/team`, {
      members: [
        { userId: await userId(t, 'a_officer'), role: 'head' },
        { userId: await userId(t, 'a_handler'), role: 'steward' },
      ],
      version: d.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    d = res.json()
    expect(d.team.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual([
      '甲专员:head',
      '甲经办:steward',
    ])
    res = await sup.put(`/api/projects/${p.id}/units`, {
      leadDepartmentId: await deptId(t, '甲生态环境分局'),
      coDepartmentIds: [],
      version: d.version,
    })
    d = res.json()
    expect(d.fiveOnesMissing).toEqual(['followup'])
    // the list shows the flag and the filter finds it
    const row = (await sup.get('/api/projects?fiveOnesIncomplete=true&pageSize=100'))
      .json()
      .items.find((x: { id: number }) => x.id === p.id)
    expect(row.fiveOnesMissing).toEqual(['followup'])
    // a weekly report this week completes the 五个一
    res = await sup.put('/api/reports/weekly', {
      projectId: p.id,
      done: '完成基础施工',
      nextPlan: '主体结构',
    })
    expect(res.statusCode, res.body).toBe(200)
    d = (await sup.get(`/api/projects/${p.id}`)).json()
    expect(d.fiveOnesMissing).toEqual([])
    expect(d.fiveOnes.every((f: { ok: boolean }) => f.ok)).toBe(true)
    expect(d.latestWeekly).toMatchObject({
      done: '完成基础施工',
      nextPlan: '主体结构',
      weekStart: '2026-11-23',
      submittedAt: t.clock.now().toISOString(),
      submittedBy: '甲督查',
    })
    expect(
      (await sup.get('/api/projects?fiveOnesIncomplete=false&pageSize=100'))
        .json()
        .items.map((x: { id: number }) => x.id),
    ).toContain(p.id)
    // three weeks later the follow-through has lapsed (nightly recompute)
    t.clock.advance(21 * 86_400_000)
    expect(
      await t.app.services.projects.recomputeAll({ actor: null, ip: null, requestId: null, label: '测试' }),
    ).toBeGreaterThan(3)
    // (no HTTP while the clock is ahead: the session would time out)
    expect((await t.app.services.projects.detail(p.id)).fiveOnesMissing).toEqual(['followup'])
    t.clock.advance(-21 * 86_400_000)
    d = (await sup.get(`/api/projects/${p.id}`)).json()
    // a non-key project has no 五个一
    res = await sup.patch(`/api/projects/${p.id}`, { isKey: false, version: d.version })
    expect(res.json().fiveOnesMissing).toEqual([])
    expect(res.json().fiveOnes.every((f: { applies: boolean }) => !f.applies)).toBe(true)
    expect(await auditActions(t, 'project', p.id)).toEqual(
      expect.arrayContaining(['project.leaders', 'project.team', 'project.units', 'project.stage']),
    )
  })
})

describe('projects: industry admission', () => {
  it('warns on a negative-list industry, then saves with a reason, audited and on the timeline', async () => {
    const res0 = await sup.post('/api/negative-list', {
      industryCode: '13',
      kind: 'restricted',
      reason: '高耗能',
    })
    expect(res0.statusCode, res0.body).toBe(201)
    const warn = await sup.post('/api/projects', { ...slaughter(), name: '负面清单测试项目' })
    expect(warn.statusCode).toBe(409)
    expect(errorOf(warn)).toMatchObject({
      code: 'CONFLICT',
      field: 'industryCode',
      message: '该行业在本开发区产业准入负面清单中（限制类：高耗能）。如确需立项，请填写理由后再次提交',
    })
    expect(warn.json().error.details.admission).toMatchObject({ kind: 'restricted', industryCode: '13' })
    const p = await create({
      ...slaughter(),
      name: '负面清单测试项目',
      admissionOverrideReason: '盟重点招商项目，已通过能耗评估',
    })
    expect(p.admissionOverride).toMatchObject({
      kind: 'restricted',
      reason: '盟重点招商项目，已通过能耗评估',
      byName: '甲督查',
    })
    const tl = (await sup.get(`/api/projects/${p.id}/timeline`)).json()
    expect(tl.items.map((e: { summary: string }) => e.summary)).toContain(
      '产业准入：甲督查以理由「盟重点招商项目，已通过能耗评估」越过负面清单（13 农副食品加工业，限制类）',
    )
    expect(await auditActions(t, 'project', p.id)).toEqual(['project.create', 'project.admission.override'])
    // editing other fields does not ask again; changing to another listed industry does
    const ok = await sup.patch(`/api/projects/${p.id}`, {
      name: '负面清单测试项目（改）',
      version: p.version,
    })
    expect(ok.statusCode).toBe(200)
    await sup.post('/api/negative-list', { industryCode: 'B', kind: 'forbidden', reason: null })
    const again = await sup.patch(`/api/projects/${p.id}`, { industryCode: '06', version: ok.json().version })
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).message).toContain('禁止类')
  })
})

describe('projects: export', () => {
  it('exports exactly the rows and order of the list, with the ledger columns', async () => {
    const list = (await sup.get('/api/projects?sort=-totalInvestment&pageSize=200')).json()
    const res = await sup.get('/api/projects/export.xlsx?sort=-totalInvestment')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual([
      '项目编号',
      '项目名称',
      '红黄绿灯',
      '阶段',
      '五个一',
      '建设单位',
      '级别',
      '建设性质',
      '所属行业',
      '总投资（万元）',
      '年度计划（万元）',
      '本年完成（万元）',
      '完成率',
      '序时进度',
      '差距（百分点）',
      '亮灯原因',
      '包联领导',
      '牵头单位',
      '标签',
    ])
    const codes: string[] = []
    ws.eachRow((r, i) => {
      if (i > 1) codes.push(String(r.getCell(1).value))
    })
    expect(codes).toEqual(list.items.map((x: { code: string }) => x.code))
    const first = ws.getRow(2)
    expect(first.getCell(2).value).toBe(list.items[0].name)
    expect(first.getCell(4).value).toBe(
      { negotiating: '洽谈', construction: '开工在建' }[list.items[0].stage as string],
    )
    expect(first.getCell(10).value).toBe(Number(list.items[0].totalInvestment))
    // filters apply to the export too
    const filtered = await sup.get('/api/projects/export.xlsx?keyword=屠宰')
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer)
    expect(wb2.worksheets[0].rowCount - 1).toBe((await sup.get('/api/projects?keyword=屠宰')).json().total)
  })
})

describe('projects: functions other modules call', () => {
  const sys = { actor: null, ip: null, requestId: null, label: '台账导入' }

  it('upsertFromImport creates, then updates by code or by name, validating dictionary codes and units', async () => {
    const s = t.app.services.projects
    const zoneId = await deptId(t, '甲开发区')
    const db = t.database.db
    const [a, b] = await db.transaction().execute(async (trx) => [
      await s.upsertFromImport(trx, sys, {
        zoneId,
        code: 'TZ-001',
        name: '台账项目一',
        nature: 'continued',
        totalInvestment: '15000',
        stage: 'construction',
        startDate: '2025-04-01',
        endDate: '2027-10-31',
        tags: ['introduced'],
        leaderUserIds: [await userId(t, 'a_leader')],
        leadDepartmentId: await deptId(t, '甲督查室'),
        coDepartmentIds: [await deptId(t, '甲生态环境分局')],
      }),
      await s.upsertFromImport(trx, sys, { zoneId, name: '台账项目二', totalInvestment: '800' }),
    ])
    expect(a.action).toBe('created')
    expect(b.action).toBe('created')
    await s.recomputeMany(db, [a.projectId, b.projectId])
    const one = await s.detail(a.projectId)
    expect(one).toMatchObject({ code: 'TZ-001', stage: 'construction', tags: ['introduced'] })
    expect(one.leaders.map((l) => l.name)).toEqual(['甲领导'])
    expect(one.units.lead?.name).toBe('甲督查室')
    expect(one.units.co.map((u) => u.name)).toEqual(['甲生态环境分局'])
    expect(one.milestones.map((m) => m.name)).toEqual(['主体完工', '竣工验收', '试生产', '投产'])
    expect(one.fiveOnesMissing).toEqual(['team', 'followup'])
    expect((await s.detail(b.projectId)).code).toMatch(/^XM-2026-\d{4}$/)

    const again = await db.transaction().execute(async (trx) => [
      await s.upsertFromImport(trx, sys, {
        zoneId,
        code: 'TZ-001',
        name: '台账项目一（更名）',
        totalInvestment: '16000',
      }),
      await s.upsertFromImport(trx, sys, {
        zoneId,
        name: '台账项目二',
        totalInvestment: '900',
        stage: 'construction',
      }),
    ])
    expect(again.map((r) => r.action)).toEqual(['updated', 'updated'])
    expect(await s.detail(a.projectId)).toMatchObject({
      name: '台账项目一（更名）',
      totalInvestment: '16000.00',
    })
    expect(await s.detail(b.projectId)).toMatchObject({
      totalInvestment: '900.00',
      stage: 'construction',
      actualStartDate: '2026-11-24',
    })
    expect(await auditActions(t, 'project', a.projectId)).toEqual([
      'project.import.create',
      'project.import.update',
    ])

    const bad = (input: Record<string, unknown>) =>
      db
        .transaction()
        .execute((trx) =>
          s.upsertFromImport(trx, sys, { zoneId, name: '坏数据', totalInvestment: '1', ...input }),
        )
    await expect(bad({ stage: '在建' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'stage' })
    await expect(bad({ level: 'galactic' })).rejects.toMatchObject({ field: 'level' })
    await expect(bad({ tags: ['x'] })).rejects.toMatchObject({ field: 'tags' })
    await expect(bad({ leadDepartmentId: await deptId(t, '乙督查室') })).rejects.toMatchObject({
      field: 'leadDepartmentId',
    })
    await expect(bad({ industryCode: '13' })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'industryCode',
    })
    const withReason = await db.transaction().execute((trx) =>
      s.upsertFromImport(trx, sys, {
        zoneId,
        name: '负面清单导入',
        totalInvestment: '1',
        industryCode: '13',
        admissionOverrideReason: '台账原有项目',
      }),
    )
    expect((await s.detail(withReason.projectId)).admissionOverride).toMatchObject({
      reason: '台账原有项目',
      byName: null,
    })
  })

  it('createFromLead makes a signed, 落地一批 project with its milestones', async () => {
    const s = t.app.services.projects
    const lead = {
      name: '招商落地项目',
      enterpriseId: jinqi,
      industryCode: '38',
      totalInvestment: '20000',
      leadId: 77,
      startDate: '2027-03-01',
    }
    await expect(
      t.database.db.transaction().execute((trx) => s.createFromLead(trx, sys, { ...lead, zoneId: 999999 })),
    ).rejects.toMatchObject({ field: 'zoneId' })
    const zoneId = await deptId(t, '甲开发区')
    const r = await t.database.db
      .transaction()
      .execute((trx) => s.createFromLead(trx, sys, { ...lead, zoneId }))
    const p = await s.detail(r.id)
    expect(p).toMatchObject({
      code: r.code,
      stage: 'signed',
      tags: ['landed'],
      enterpriseName: '内蒙古金旗牛业有限公司',
    })
    expect(p.milestones).toHaveLength(11)
    const tl = (await sup.get(`/api/projects/${r.id}/timeline`)).json()
    expect(tl.items[0].summary).toBe(`招商项目签约落地，新建项目 ${r.code}`)
    expect(tl.items[0].actorName).toBe('台账导入')
  })
})
