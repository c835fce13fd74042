import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addUserWithRole,
  auditActions,
  deptId,
  insertProblem,
  linkEnterpriseUser,
  makeEnterprise,
} from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { COMMON_CTX } from './common.service.ts'

let t: TestApp
let sup: Agent
let zoneA: number
let zoneB: number
let logistics: number
let steel: number
let chem: number
let eco: number
const ids: Record<string, number> = {}

const problem = (id: number) =>
  t.database.db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const eventsOf = (id: number) =>
  t.database.db
    .selectFrom('events')
    .select(['kind', 'summary', 'enterprise_id', 'actor_name'])
    .where('subject_type', '=', 'problem')
    .where('subject_id', '=', id)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp()
  sup = await t.as('a_sup')
  zoneA = await deptId(t, '甲开发区')
  zoneB = await deptId(t, '乙开发区')
  eco = await deptId(t, '甲生态环境分局')
  logistics = await makeEnterprise(t, '甲开发区', '甲物流有限公司')
  steel = await makeEnterprise(t, '甲开发区', '甲钢铁有限公司')
  chem = await makeEnterprise(t, '甲开发区', '甲化工有限公司')
  await linkEnterpriseUser(t, 'a_ent', logistics)
  // three enterprises, three stages of handling
  ids.a = await insertProblem(t, {
    zoneId: zoneA,
    code: 'WT-2026-0901',
    title: '园区道路狭窄，重型货车通行困难',
    category: 'road',
    source: 'enterprise',
    enterpriseId: logistics,
  })
  ids.b = await insertProblem(t, {
    zoneId: zoneA,
    code: 'WT-2026-0902',
    title: '道路太窄大货车进不来',
    category: 'road',
    source: 'visit',
    enterpriseId: steel,
    status: 'accepted',
    leadDepartmentId: eco,
  })
  ids.c = await insertProblem(t, {
    zoneId: zoneA,
    code: 'WT-2026-0903',
    title: '厂区门口道路需要拓宽',
    category: 'other',
    source: 'visit',
    enterpriseId: chem,
    status: 'in_progress',
    leadDepartmentId: eco,
  })
  ids.closed = await insertProblem(t, {
    zoneId: zoneA,
    code: 'WT-2026-0904',
    title: '道路破损',
    status: 'closed',
    enterpriseId: chem,
  })
  ids.other = await insertProblem(t, { zoneId: zoneB, code: 'WT-2026-0905', title: '乙区道路狭窄' })
})
afterAll(() => t.close())

const mergeBody = () => ({
  problemIds: [ids.a, ids.b, ids.c],
  title: '园区主干道狭窄，货车通行困难',
  description: '多家企业反映园区主干道狭窄，重型货车进出困难，需统一拓宽改造',
})

let commonId: number
let commonCode: string

describe('POST /api/problems/common/merge', () => {
  it('401, 403 without problem:triage, 400 naming the field', async () => {
    expect((await t.agent().post('/api/problems/common/merge', mergeBody())).statusCode).toBe(401)
    for (const u of ['a_handler', 'a_ent', 'a_officer', 'a_leader']) {
      const a = await t.as(u)
      expect((await a.post('/api/problems/common/merge', mergeBody())).statusCode, u).toBe(403)
    }
    let res = await sup.post('/api/problems/common/merge', { ...mergeBody(), problemIds: [ids.a] })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'problemIds' })
    res = await sup.post('/api/problems/common/merge', { ...mergeBody(), title: '' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('title')
    expect(errorOf(res).message).toContain('共性问题标题')
  })

  it("another zone's problem is 404; closed problems cannot join (409)", async () => {
    let res = await sup.post('/api/problems/common/merge', { ...mergeBody(), problemIds: [ids.a, ids.other] })
    expect(res.statusCode).toBe(404)
    expect(errorOf(res).field).toBe('problemIds')
    res = await sup.post('/api/problems/common/merge', { ...mergeBody(), problemIds: [ids.a, ids.closed] })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toContain('WT-2026-0904')
    expect(errorOf(res).message).toContain('已销号')
  })

  it('a user above zones cannot merge problems of two zones', async () => {
    await addUserWithRole(t, {
      username: 'city_p3c',
      displayName: '市级督查',
      department: '测试市',
      role: {
        code: 'city_p3c',
        name: '市级督查P3C',
        dataScope: 'all',
        permissions: ['problem:read', 'problem:triage'],
      },
    })
    const city = await t.as('city_p3c')
    const res = await city.post('/api/problems/common/merge', {
      ...mergeBody(),
      problemIds: [ids.a, ids.other],
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({
      field: 'problemIds',
      message: '所选问题不属于同一个开发区，不能合并',
    })
  })

  it('merges into a new common problem, links the sources and lists the enterprises', async () => {
    const res = await sup.post('/api/problems/common/merge', mergeBody())
    expect(res.statusCode, res.body).toBe(201)
    const d = res.json()
    commonId = d.id
    commonCode = d.code
    expect(d).toMatchObject({
      isCommon: true,
      zoneId: zoneA,
      status: 'submitted',
      title: '园区主干道狭窄，货车通行困难',
      category: 'road', // the sources' most frequent
      publicProjectId: null,
      project: null,
      openSources: 3,
    })
    expect(d.sources.map((s: { code: string }) => s.code)).toEqual([
      'WT-2026-0901',
      'WT-2026-0902',
      'WT-2026-0903',
    ])
    expect(d.enterprises.map((e: { name: string }) => e.name).sort()).toEqual(
      ['甲化工有限公司', '甲物流有限公司', '甲钢铁有限公司'].sort(),
    )
    const row = await problem(commonId)
    expect(row).toMatchObject({ is_common: true, type: 'common', source: 'visit', enterprise_id: null })
    for (const id of [ids.a, ids.b, ids.c]) {
      expect((await problem(id)).common_id).toBe(commonId)
      const ev = (await eventsOf(id)).find((e) => e.kind === 'common_merged')
      expect(ev?.summary).toBe(`已并入共性问题 ${commonCode}「园区主干道狭窄，货车通行困难」`)
    }
    // the enterprise sees the event on its own problem's timeline
    expect((await eventsOf(ids.a)).find((e) => e.kind === 'common_merged')?.enterprise_id).toBe(logistics)
    const own = (await eventsOf(commonId)).map((e) => e.summary).join('\n')
    expect(own).toContain('由 3 件问题合并为共性问题：WT-2026-0901、WT-2026-0902、WT-2026-0903')
    expect(own).toContain('甲钢铁有限公司')
    expect(await auditActions(t, 'problem', commonId)).toContain('problem.common.merge')
  })

  it('a problem already merged cannot be merged again (409)', async () => {
    const d = await insertProblem(t, {
      zoneId: zoneA,
      code: 'WT-2026-0906',
      title: '道路窄',
      enterpriseId: chem,
    })
    const res = await sup.post('/api/problems/common/merge', { ...mergeBody(), problemIds: [ids.a, d] })
    expect(res.statusCode).toBe(409)
    expect(errorOf(res).message).toBe(`WT-2026-0901 已并入共性问题 ${commonCode}，请先从中移出`)
    ids.d = d
  })
})

describe('GET /api/problems/common/:id', () => {
  it('401, 403, 404 for another zone or a plain problem, 200 with sources', async () => {
    expect((await t.agent().get(`/api/problems/common/${commonId}`)).statusCode).toBe(401)
    expect((await (await t.as('a_handler')).get(`/api/problems/common/${commonId}`)).statusCode).toBe(403)
    expect((await (await t.as('b_sup')).get(`/api/problems/common/${commonId}`)).statusCode).toBe(404)
    expect((await sup.get(`/api/problems/common/${ids.a}`)).statusCode).toBe(404)
    const res = await sup.get(`/api/problems/common/${commonId}`)
    expect(res.statusCode).toBe(200)
    expect(res.json().sources).toHaveLength(3)
    expect(res.json().sources[1]).toMatchObject({
      code: 'WT-2026-0902',
      enterpriseName: '甲钢铁有限公司',
      status: 'accepted',
    })
  })
})

describe('attach and detach', () => {
  it('detaches a wrongly merged problem (400 if not a source) and attaches more', async () => {
    expect(
      (await t.agent().post(`/api/problems/common/${commonId}/detach`, { problemId: ids.c })).statusCode,
    ).toBe(401)
    expect(
      (await (await t.as('a_handler')).post(`/api/problems/common/${commonId}/detach`, { problemId: ids.c }))
        .statusCode,
    ).toBe(403)
    expect(
      (await (await t.as('b_sup')).post(`/api/problems/common/${commonId}/detach`, { problemId: ids.c }))
        .statusCode,
    ).toBe(404)
    let res = await sup.post(`/api/problems/common/${commonId}/detach`, { problemId: ids.d })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('problemId')
    res = await sup.post(`/api/problems/common/${commonId}/detach`, {})
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('problemId')

    res = await sup.post(`/api/problems/common/${commonId}/detach`, { problemId: ids.c })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().sources.map((s: { id: number }) => s.id)).toEqual([ids.a, ids.b])
    expect((await problem(ids.c)).common_id).toBeNull()
    expect((await eventsOf(ids.c)).at(-1)?.summary).toBe(`已从共性问题 ${commonCode} 中移出，单独办理`)
    expect((await eventsOf(commonId)).at(-1)?.summary).toBe('移出问题 WT-2026-0903（甲化工有限公司）')
    expect(await auditActions(t, 'problem', commonId)).toContain('problem.common.detach')

    res = await sup.post(`/api/problems/common/${commonId}/attach`, { problemIds: [ids.c, ids.d] })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().sources).toHaveLength(4)
    res = await sup.post(`/api/problems/common/${commonId}/attach`, { problemIds: [ids.other] })
    expect(res.statusCode).toBe(404)
  })
})

let projectId: number
let projectCode: string

describe('POST /api/problems/common/:id/promote', () => {
  it('401, 403, 400 naming the field (lead unit of another zone too)', async () => {
    const body = { name: '园区主干道拓宽改造工程', leadDepartmentId: eco, totalInvestment: '3200' }
    expect((await t.agent().post(`/api/problems/common/${commonId}/promote`, body)).statusCode).toBe(401)
    expect(
      (await (await t.as('a_handler')).post(`/api/problems/common/${commonId}/promote`, body)).statusCode,
    ).toBe(403)
    let res = await sup.post(`/api/problems/common/${commonId}/promote`, { name: '道路工程' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('leadDepartmentId')
    res = await sup.post(`/api/problems/common/${commonId}/promote`, { ...body, totalInvestment: '1.234' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('totalInvestment')
    res = await sup.post(`/api/problems/common/${commonId}/promote`, {
      ...body,
      leadDepartmentId: await deptId(t, '乙生态环境分局'),
    })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('leadDepartmentId')
    // a plain problem cannot be promoted
    res = await sup.post(`/api/problems/common/${ids.d}/promote`, body)
    expect(res.statusCode).toBe(404)
  })

  it('creates a public key project in 前期手续 with the lead unit, linked on every timeline', async () => {
    const res = await sup.post(`/api/problems/common/${commonId}/promote`, {
      name: '园区主干道拓宽改造工程',
      leadDepartmentId: eco,
      totalInvestment: '3200',
    })
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json()
    expect(d.project).toMatchObject({
      name: '园区主干道拓宽改造工程',
      stage: 'preliminary',
      stageLabel: '前期手续',
      built: false,
    })
    projectId = d.project.id
    projectCode = d.project.code
    expect(d.publicProjectId).toBe(projectId)
    const p = await t.database.db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
    expect(p).toMatchObject({
      zone_id: zoneA,
      is_public: true,
      is_key: true,
      stage: 'preliminary',
      nature: 'new',
      total_investment: '3200.00',
      enterprise_id: null,
    })
    const unit = await t.database.db
      .selectFrom('project_units')
      .selectAll()
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow()
    expect(unit).toMatchObject({ department_id: eco, role: 'lead' })
    const summary = `已立项为公共项目 ${projectCode} 园区主干道拓宽改造工程`
    for (const id of [ids.a, ids.b, ids.c, ids.d])
      expect((await eventsOf(id)).at(-1)).toMatchObject({ kind: 'common_promoted', summary })
    expect((await eventsOf(commonId)).at(-1)?.summary).toContain(summary)
    // the project's timeline says where it came from
    const tl = (await sup.get(`/api/projects/${projectId}/timeline`)).json().items
    expect(tl.map((e: { summary: string }) => e.summary)).toContain(
      `共性问题 ${commonCode} 立项为公共项目 ${projectCode}`,
    )
    expect(await auditActions(t, 'problem', commonId)).toContain('problem.common.promote')
    // once only
    const again = await sup.post(`/api/problems/common/${commonId}/promote`, {
      name: '另一个工程',
      leadDepartmentId: eco,
    })
    expect(again.statusCode).toBe(409)
    expect(errorOf(again).message).toContain(projectCode)
  })
})

describe('auto-resolve when the public project is built', () => {
  const stage = async (to: string) => {
    const v = (
      await t.database.db
        .selectFrom('projects')
        .select('version')
        .where('id', '=', projectId)
        .executeTakeFirstOrThrow()
    ).version
    const res = await sup.post(`/api/projects/${projectId}/stage`, { stage: to, version: v })
    expect(res.statusCode, res.body).toBe(200)
  }

  it('does nothing before a done stage', async () => {
    await stage('construction')
    for (const id of [commonId, ids.a, ids.b, ids.c, ids.d])
      expect((await problem(id)).status).not.toBe('resolved')
  })

  it('resolves the common problem and every open source, asking each enterprise to confirm', async () => {
    await stage('completed')
    const text = '公共项目「园区主干道拓宽改造工程」已建成（阶段：建成验收），问题随之解决'
    for (const id of [commonId, ids.a, ids.b, ids.c, ids.d]) {
      const p = await problem(id)
      expect(p.status, String(id)).toBe('resolved')
      expect(p.resolution).toBe(text)
      expect(p.confirm_due_at).not.toBeNull()
      expect(p.evidence).toMatchObject({ projectId, stage: 'completed' })
      const ev = (await eventsOf(id)).filter((e) => e.kind === 'resolved')
      expect(ev).toHaveLength(1)
      expect(ev[0].actor_name).toBe('共性事立项办')
      expect(ev[0].summary).toContain(text)
    }
    expect(await auditActions(t, 'problem', commonId)).toContain('problem.common.resolve')
    // the enterprise sees it waiting for its confirmation, and can confirm
    const ent = await t.as('a_ent')
    const res = await ent.get(`/api/problems/${ids.a}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('resolved')
    const confirm = await ent.post(`/api/problems/${ids.a}/confirm`, {
      satisfaction: 'satisfied',
      version: res.json().version,
    })
    expect(confirm.statusCode, confirm.body).toBe(200)
    expect((await problem(ids.a)).status).toBe('closed')
    // the panel shows the project as built
    const d = (await sup.get(`/api/problems/common/${commonId}`)).json()
    expect(d.project).toMatchObject({ stage: 'completed', built: true })
    expect(d.openSources).toBe(0)
  })

  it('is idempotent: a later stage or a second run adds nothing', async () => {
    const before = await t.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const audits = (await auditActions(t, 'problem', commonId)).filter(
      (a) => a === 'problem.common.resolve',
    ).length
    await stage('trial')
    await t.app.services.commons.onProjectChanged(t.database.db, projectId)
    const after = await t.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    // only the project's own stage event
    expect(Number(after.n) - Number(before.n)).toBe(1)
    expect(
      (await auditActions(t, 'problem', commonId)).filter((a) => a === 'problem.common.resolve'),
    ).toHaveLength(audits)
    expect((await problem(ids.a)).status).toBe('closed')
  })

  it('cannot promote or attach to a finished common problem', async () => {
    await t.database.db.updateTable('problems').set({ status: 'closed' }).where('id', '=', commonId).execute()
    const e = await insertProblem(t, {
      zoneId: zoneA,
      code: 'WT-2026-0907',
      title: '道路窄',
      enterpriseId: chem,
    })
    const res = await sup.post(`/api/problems/common/${commonId}/attach`, { problemIds: [e] })
    expect(res.statusCode).toBe(409)
  })
})

describe('when the common problem itself is resolved', () => {
  it('its open sources follow with the same resolution', async () => {
    const x = await insertProblem(t, {
      zoneId: zoneA,
      code: 'WT-2026-0911',
      title: '招工难，缺少技术工人',
      enterpriseId: steel,
    })
    const y = await insertProblem(t, {
      zoneId: zoneA,
      code: 'WT-2026-0912',
      title: '技术工人招聘困难',
      enterpriseId: chem,
      status: 'accepted',
      leadDepartmentId: eco,
    })
    const res = await sup.post('/api/problems/common/merge', {
      problemIds: [x, y],
      title: '企业技术工人招聘难',
      description: '两家企业反映技术工人招聘困难',
      category: 'labor',
    })
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    await t.app.services.problems.resolveInternal(t.database.db, COMMON_CTX, c.id, {
      resolution: '人社局组织专场招聘会，两家企业共招到技术工人 46 名',
    })
    const done = await t.app.services.commons.onCommonResolved(t.database.db, c.id)
    expect(done).toEqual(['WT-2026-0911', 'WT-2026-0912'])
    for (const id of [x, y]) {
      const p = await problem(id)
      expect(p.status).toBe('resolved')
      expect(p.resolution).toBe(
        `共性问题 ${c.code} 已办结：人社局组织专场招聘会，两家企业共招到技术工人 46 名`,
      )
    }
    expect(await t.app.services.commons.onCommonResolved(t.database.db, c.id)).toEqual([])
  })
})
