import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deptId, insertProject as insertProjectRow, userId as userIdOf } from '../../../../test/factories.ts'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { approxYi, formatWan, sumMoney } from '../../lib/money.ts'
import { sentence } from './pipeline.service.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const userId = (username: string) => userIdOf(t, username)
const zoneId = (name: string) => deptId(t, name)

const insertProject = (zone: number, name: string, projectCode: string) =>
  insertProjectRow(t, { zoneId: zone, name, code: projectCode, totalInvestment: '20000.00', stage: 'signed' })

type LeadJson = { id: number; version: number; stage: string; [k: string]: unknown }

describe('how sums are said (近 / 约, 亿元)', () => {
  it('rounds to two significant figures in 亿元 and says which way', () => {
    expect(approxYi('15873000.00')).toBe('近 1600 亿元') // 1587.3 亿
    expect(approxYi('5330000')).toBe('约 530 亿元') // 533 亿
    expect(approxYi('5300000.00')).toBe('530 亿元')
    expect(approxYi('6480')).toBe('近 0.65 亿元')
    expect(approxYi('26000')).toBe('2.6 亿元')
    expect(approxYi('0')).toBe('0 亿元')
    expect(formatWan('6500')).toBe('6,500.00 万元')
    expect(formatWan('9999.99')).toBe('9,999.99 万元')
    expect(formatWan('16000000')).toBe('1,600.00 亿元')
    expect(formatWan('32000.50')).toBe('3.20 亿元')
    expect(sumMoney('0.10', '0.20', '1234.56')).toBe('1234.86')
  })

  it('builds the report sentence like the seeds', () => {
    const fig = (count: number, amount: string) => ({ count, amount })
    expect(
      sentence({
        signed: fig(10, '11000000'),
        landed: fig(4, '4873000'),
        negotiating: fig(45, '5270000'),
      }),
    ).toBe(
      '签约引进 14 个项目，协议总投资近 1600 亿元；正在对接洽谈 45 个项目，计划总投资近 530 亿元；其中已落地 4 个',
    )
  })
})

describe('leads', () => {
  let lead: LeadJson

  it('401 without a session, 403 without the permission', async () => {
    expect((await t.agent().get('/api/pipeline/leads')).statusCode).toBe(401)
    expect((await t.agent().post('/api/pipeline/leads', { name: 'x', investor: 'y' })).statusCode).toBe(401)
    expect((await (await t.as('a_handler')).get('/api/pipeline/leads')).statusCode).toBe(403)
    expect((await (await t.as('a_ent')).get('/api/pipeline/stats')).statusCode).toBe(403)
    const leader = await t.as('a_leader')
    expect((await leader.get('/api/pipeline/leads')).statusCode).toBe(200)
    expect(
      (await leader.post('/api/pipeline/leads', { name: '某项目', investor: '某公司' })).statusCode,
    ).toBe(403)
  })

  it('creates a lead, audited and on its timeline', async () => {
    const officer = await t.as('a_officer')
    const res = await officer.post('/api/pipeline/leads', {
      name: '7500吨/年医药中间体项目',
      investor: '盛昊新科技公司',
      industryCode: '27',
      source: '专业招商',
      ownerUserId: await userId('a_officer'),
      contact: '张总 13800001111',
      notes: '京津冀考察对接',
    })
    expect(res.statusCode).toBe(201)
    lead = res.json()
    expect(lead).toMatchObject({
      stage: 'lead',
      industryName: '医药制造业',
      ownerName: '甲专员',
      zoneName: '甲开发区',
      projectId: null,
      fundsTotal: null,
      version: 1,
    })
    const tl = (await officer.get(`/api/pipeline/leads/${lead.id}/timeline`)).json()
    expect(tl.items[0]).toMatchObject({ kind: 'lead.created', actorName: '甲专员' })
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'lead')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['lead.create'])
    expect((await officer.get(`/api/pipeline/leads/${lead.id}`)).json().name).toBe('7500吨/年医药中间体项目')
  })

  it('rejects bad input naming the field', async () => {
    const sup = await t.as('a_sup')
    const field = async (body: Record<string, unknown>) =>
      errorOf(await sup.post('/api/pipeline/leads', { name: '项目', investor: '投资方', ...body })).field
    expect(await field({ name: '' })).toBe('name')
    expect(await field({ name: '  ' })).toBe('name')
    expect(errorOf(await sup.post('/api/pipeline/leads', { name: '项目' })).field).toBe('investor')
    expect(await field({ intendedInvestment: '12.345' })).toBe('intendedInvestment')
    expect(await field({ intendedInvestment: '-5' })).toBe('intendedInvestment')
    expect(await field({ ownerUserId: await userId('b_sup') })).toBe('ownerUserId')
    expect(await field({ industryCode: 'ZZ' })).toBe('industryCode')
    const bEnt = await (await t.as('b_sup')).post('/api/enterprises', { name: '乙区企业' })
    expect(await field({ enterpriseId: bEnt.json().id })).toBe('enterpriseId')
  })

  it('edits with the version; a stale edit is 409; the stage’s required figures cannot be cleared', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.patch(`/api/pipeline/leads/${lead.id}`, {
      intendedInvestment: 30000,
      version: lead.version,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ intendedInvestment: '30000.00', version: 2 })
    const stale = await sup.patch(`/api/pipeline/leads/${lead.id}`, { notes: 'x', version: 1 })
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    lead = res.json()
    expect(
      (await (await t.as('b_sup')).patch(`/api/pipeline/leads/${lead.id}`, { version: 2 })).statusCode,
    ).toBe(404)
    expect(
      (await (await t.as('a_leader')).patch(`/api/pipeline/leads/${lead.id}`, { version: 2 })).statusCode,
    ).toBe(403)
  })

  it('walks 线索 → 洽谈 → 签约 → 落地, asking what each stage needs; landing creates the project', async () => {
    const sup = await t.as('a_sup')
    const move = (body: Record<string, unknown>) =>
      sup.post(`/api/pipeline/leads/${lead.id}/transition`, { version: lead.version, ...body })

    const skip = await move({ to: 'signed', agreementDate: '2026-11-01', agreementAmount: '1' })
    expect(skip.statusCode).toBe(409)
    expect(errorOf(skip)).toMatchObject({ code: 'INVALID_TRANSITION' })
    expect(errorOf(skip).message).toBe('不能从「线索」直接转为「签约」，当前阶段只能转为「洽谈」或「放弃」')

    // The intended investment may come with the move or already be on the lead.
    const neg = await move({ to: 'negotiating', intendedInvestment: '35000' })
    expect(neg.statusCode).toBe(200)
    lead = neg.json().lead
    expect(lead).toMatchObject({ stage: 'negotiating', intendedInvestment: '35000.00' })

    const noDate = await move({ to: 'signed', agreementAmount: '32000' })
    expect(noDate.statusCode).toBe(400)
    expect(errorOf(noDate).field).toBe('agreementDate')
    const future = await move({ to: 'signed', agreementDate: '2026-12-01', agreementAmount: '32000' })
    expect(errorOf(future).field).toBe('agreementDate')
    const noAmount = await move({ to: 'signed', agreementDate: '2026-11-20' })
    expect(errorOf(noAmount).field).toBe('agreementAmount')
    const signed = await move({ to: 'signed', agreementDate: '2026-11-20', agreementAmount: '32000.50' })
    expect(signed.statusCode).toBe(200)
    lead = signed.json().lead
    expect(lead).toMatchObject({ stage: 'signed', agreementDate: '2026-11-20', agreementAmount: '32000.50' })

    const landed = await move({ to: 'landed', startDate: '2027-03-01' })
    expect(landed.statusCode).toBe(200)
    const body = landed.json()
    expect(body.project).toMatchObject({ id: expect.any(Number), code: expect.any(String) })
    lead = body.lead
    expect(lead).toMatchObject({
      stage: 'landed',
      projectId: body.project.id,
      projectCode: body.project.code,
    })
    const project = await t.database.db
      .selectFrom('projects')
      .select(['name', 'zone_id', 'total_investment'])
      .where('id', '=', body.project.id)
      .executeTakeFirstOrThrow()
    expect(project).toMatchObject({ name: '7500吨/年医药中间体项目', total_investment: '32000.50' })

    // No way back from 落地.
    const back = await move({ to: 'dropped', reason: '反悔' })
    expect(back.statusCode).toBe(409)
    expect(errorOf(back).message).toContain('已落地')
    expect((await sup.delete(`/api/pipeline/leads/${lead.id}?version=${lead.version}`)).statusCode).toBe(409)

    const tl = (await sup.get(`/api/pipeline/leads/${lead.id}/timeline`)).json()
    expect(
      tl.items
        .filter((e: { kind: string }) => e.kind === 'lead.stage')
        .map((e: { summary: string }) => e.summary),
    ).toEqual([
      `阶段：签约 → 落地，生成重点项目 ${body.project.code}`,
      '阶段：洽谈 → 签约，2026-11-20 签约，协议总投资 3.20 亿元',
      '阶段：线索 → 洽谈，计划总投资 3.50 亿元',
    ])
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'lead')
      .where('target_id', '=', String(lead.id))
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'lead.create',
      'lead.update',
      'lead.stage.negotiating',
      'lead.stage.signed',
      'lead.stage.landed',
    ])
  })

  it('drops a lead with a reason, from any stage before landing; a dropped lead can be resumed', async () => {
    const sup = await t.as('a_sup')
    const created = (
      await sup.post('/api/pipeline/leads', { name: '风电主机项目', investor: '国电联合动力' })
    ).json()
    const noReason = await sup.post(`/api/pipeline/leads/${created.id}/transition`, {
      to: 'dropped',
      version: 1,
    })
    expect(noReason.statusCode).toBe(400)
    expect(errorOf(noReason).field).toBe('reason')
    const noAmount = await sup.post(`/api/pipeline/leads/${created.id}/transition`, {
      to: 'negotiating',
      version: 1,
    })
    expect(errorOf(noAmount).field).toBe('intendedInvestment')
    const dropped = await sup.post(`/api/pipeline/leads/${created.id}/transition`, {
      to: 'dropped',
      version: 1,
      reason: '投资方战略调整',
    })
    expect(dropped.statusCode).toBe(200)
    expect(dropped.json().lead).toMatchObject({ stage: 'dropped', droppedReason: '投资方战略调整' })
    const illegal = await sup.post(`/api/pipeline/leads/${created.id}/transition`, {
      to: 'negotiating',
      version: 2,
      intendedInvestment: '100',
    })
    expect(illegal.statusCode).toBe(409)
    expect(errorOf(illegal).message).toContain('「放弃」')
    const again = await sup.post(`/api/pipeline/leads/${created.id}/transition`, {
      to: 'dropped',
      version: 2,
      reason: 'x',
    })
    expect(errorOf(again).message).toBe('该项目已处于「放弃」阶段')
    const stale = await sup.post(`/api/pipeline/leads/${created.id}/transition`, { to: 'lead', version: 1 })
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    const resumed = await sup.post(`/api/pipeline/leads/${created.id}/transition`, { to: 'lead', version: 2 })
    expect(resumed.json().lead).toMatchObject({ stage: 'lead', droppedReason: null })
    expect(
      errorOf(await sup.post(`/api/pipeline/leads/${created.id}/transition`, { to: 'nowhere', version: 3 }))
        .field,
    ).toBe('to')
    expect(
      (
        await (
          await t.as('a_leader')
        ).post(`/api/pipeline/leads/${created.id}/transition`, { to: 'dropped', version: 3 })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await (
          await t.as('b_sup')
        ).post(`/api/pipeline/leads/${created.id}/transition`, { to: 'dropped', version: 3, reason: 'x' })
      ).statusCode,
    ).toBe(404)
    expect(
      (await t.agent().post(`/api/pipeline/leads/${created.id}/transition`, { to: 'lead', version: 3 }))
        .statusCode,
    ).toBe(401)
    // Deleting (not landed): needs the current version.
    expect((await sup.delete(`/api/pipeline/leads/${created.id}?version=1`)).statusCode).toBe(409)
    expect((await sup.delete(`/api/pipeline/leads/${created.id}?version=3`)).statusCode).toBe(200)
    expect((await sup.get(`/api/pipeline/leads/${created.id}`)).statusCode).toBe(404)
  })

  it("乙开发区 does not see 甲's leads", async () => {
    const b = await t.as('b_sup')
    expect((await b.get('/api/pipeline/leads')).json().total).toBe(0)
    expect((await b.get(`/api/pipeline/leads/${lead.id}`)).statusCode).toBe(404)
    expect((await b.get(`/api/pipeline/leads/${lead.id}/timeline`)).statusCode).toBe(404)
    expect((await b.delete(`/api/pipeline/leads/${lead.id}?version=1`)).statusCode).toBe(404)
  })
})

describe('stats, list and export', () => {
  beforeAll(async () => {
    const sup = await t.as('a_sup')
    const add = async (name: string, stage: string, figures: Record<string, string>) => {
      let l = (
        await sup.post('/api/pipeline/leads', {
          name,
          investor: `${name}投资方`,
          industryCode: stage === 'signed' ? '44' : '38',
          ownerUserId: await userId(stage === 'signed' ? 'a_sup' : 'a_officer'),
          source: '以商招商',
        })
      ).json()
      const steps =
        { negotiating: ['negotiating'], signed: ['negotiating', 'signed'], dropped: ['dropped'] }[stage] ?? []
      for (const to of steps) {
        const res = await sup.post(`/api/pipeline/leads/${l.id}/transition`, {
          to,
          version: l.version,
          reason: '条件不成熟',
          ...figures,
        })
        expect(res.statusCode).toBe(200)
        l = res.json().lead
      }
    }
    await add('碳中和产业链项目', 'signed', {
      intendedInvestment: '5000000',
      agreementDate: '2026-10-10',
      agreementAmount: '4800000',
    })
    await add('氢能装备项目', 'signed', {
      intendedInvestment: '900000',
      agreementDate: '2026-09-01',
      agreementAmount: '800000',
    })
    await add('风电叶片项目', 'negotiating', { intendedInvestment: '2600000' })
    await add('轮毂铸造项目', 'negotiating', { intendedInvestment: '2650000.5' })
    await add('光伏组件项目', 'dropped', {})
    await add('冷链物流线索', 'lead', {})
    await (await t.as('b_sup')).post('/api/pipeline/leads', { name: '乙区线索', investor: '乙投资方' })
  })

  it('counts and sums each stage with the report sentence', async () => {
    const res = await (await t.as('a_leader')).get('/api/pipeline/stats')
    expect(res.statusCode).toBe(200)
    const s = res.json()
    const by = Object.fromEntries(s.stages.map((x: { stage: string }) => [x.stage, x]))
    expect(by.negotiating).toMatchObject({ label: '洽谈', count: 2, amount: '5250000.50' })
    expect(by.signed).toMatchObject({ count: 2, amount: '5600000.00' })
    expect(by.landed).toMatchObject({ count: 1, amount: '32000.50' })
    expect(by.dropped.count).toBe(1)
    // 签约引进 = signed + landed: 5 632 000.50 万元 = 563.2 亿 → 约 560
    expect(s.sentence).toBe(
      '签约引进 3 个项目，协议总投资约 560 亿元；正在对接洽谈 2 个项目，计划总投资近 530 亿元；其中已落地 1 个',
    )
    expect(s.zones).toEqual([expect.objectContaining({ zoneName: '甲开发区' })])
    const b = (await (await t.as('b_sup')).get('/api/pipeline/stats')).json()
    expect(b.stages.find((x: { stage: string }) => x.stage === 'lead').count).toBe(1)
    expect(b.sentence).toContain('签约引进 0 个项目')
    expect((await t.agent().get('/api/pipeline/stats')).statusCode).toBe(401)
    expect(errorOf(await (await t.as('a_leader')).get('/api/pipeline/stats?zoneId=abc')).field).toBe('zoneId')
  })

  it('a view across zones (system) gives one row per zone and the total', async () => {
    const s = await t.app.services.pipeline.stats(null, {})
    expect(s.zones.map((z) => z.zoneName)).toEqual(['甲开发区', '乙开发区'])
    expect(s.stages.find((x) => x.stage === 'lead')!.count).toBe(2)
  })

  it('filters by stage, keyword, owner and industry; sorts; pages', async () => {
    const sup = await t.as('a_sup')
    const names = async (q: string) =>
      ((await sup.get(`/api/pipeline/leads?${q}`)).json().items as Array<{ name: string }>).map((x) => x.name)
    expect((await names('stage=negotiating')).sort()).toEqual(['轮毂铸造项目', '风电叶片项目'].sort())
    expect(await names(`keyword=${encodeURIComponent('氢能')}`)).toEqual(['氢能装备项目'])
    expect(await names(`keyword=${encodeURIComponent('碳中和产业链项目投资方')}`)).toEqual([
      '碳中和产业链项目',
    ])
    expect((await names(`ownerUserId=${await userId('a_sup')}`)).sort()).toEqual(
      ['氢能装备项目', '碳中和产业链项目'].sort(),
    )
    expect((await names('industry=C')).length).toBe(5)
    expect((await names('industry=44')).sort()).toEqual(['氢能装备项目', '碳中和产业链项目'].sort())
    expect(await names('stage=signed&sort=-agreementAmount')).toEqual(['碳中和产业链项目', '氢能装备项目'])
    expect(await names('stage=signed&sort=agreementDate')).toEqual(['氢能装备项目', '碳中和产业链项目'])
    const page = (await sup.get('/api/pipeline/leads?pageSize=2&page=2')).json()
    expect(page).toMatchObject({ total: 7, page: 2, pageSize: 2 })
    expect(page.items).toHaveLength(2)
    expect(errorOf(await sup.get('/api/pipeline/leads?stage=won')).field).toBe('stage')
    expect(errorOf(await sup.get('/api/pipeline/leads?sort=investor')).field).toBe('sort')
  })

  it('exports what the list shows, amounts as numbers', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.get('/api/pipeline/leads/export.xlsx?stage=signed&sort=-agreementAmount')
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['项目名称', '投资方', '阶段', '协议总投资（万元）']),
    )
    expect(ws.rowCount).toBe(3)
    expect(ws.getRow(2).getCell(1).value).toBe('碳中和产业链项目')
    expect(ws.getRow(2).getCell(3).value).toBe('签约')
    expect(ws.getRow(2).getCell(8).value).toBe(4800000)
    expect((await (await t.as('a_handler')).get('/api/pipeline/leads/export.xlsx')).statusCode).toBe(403)
  })
})

describe('funds in place (到资)', () => {
  let projectId: number
  beforeAll(async () => {
    projectId = await insertProject(await zoneId('甲开发区'), '绿源冷链物流项目', 'LD-2026-009')
  })

  it('records dated amounts with totals; audited and on the project timeline', async () => {
    const sup = await t.as('a_sup')
    const first = await sup.post('/api/pipeline/funds', {
      projectId,
      receivedOn: '2026-10-15',
      amount: '5000',
      note: '首期到资',
    })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ amount: '5000.00', total: '5000.00', createdByName: '甲督查' })
    const second = await sup.post('/api/pipeline/funds', {
      projectId,
      receivedOn: '2026-11-20',
      amount: 1200.5,
    })
    expect(second.json().total).toBe('6200.50')
    const list = (await (await t.as('a_leader')).get(`/api/pipeline/funds?projectId=${projectId}`)).json()
    expect(list).toMatchObject({ projectId, total: '6200.50' })
    expect(list.items.map((f: { receivedOn: string }) => f.receivedOn)).toEqual(['2026-10-15', '2026-11-20'])
    const events = await t.database.db
      .selectFrom('events')
      .select('summary')
      .where('subject_type', '=', 'project')
      .where('subject_id', '=', projectId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.summary)).toEqual([
      '到位资金 5,000.00 万元（2026-10-15），累计到资 5,000.00 万元',
      '到位资金 1,200.50 万元（2026-11-20），累计到资 6,200.50 万元',
    ])
    const stats = (await sup.get('/api/pipeline/stats')).json()
    expect(stats.funds).toEqual({ amount: '6200.50', projects: 1 })
    expect(stats.sentence).toContain('到位资金约 0.62 亿元')
  })

  it('rejects bad input naming the field; 403 without pipeline:manage; 404 out of scope', async () => {
    const sup = await t.as('a_sup')
    const field = async (body: Record<string, unknown>) =>
      errorOf(
        await sup.post('/api/pipeline/funds', { projectId, receivedOn: '2026-11-01', amount: '10', ...body }),
      ).field
    expect(await field({ amount: '0' })).toBe('amount')
    expect(await field({ amount: 'abc' })).toBe('amount')
    expect(await field({ receivedOn: '2026-13-01' })).toBe('receivedOn')
    expect(await field({ receivedOn: '2026-11-25' })).toBe('receivedOn')
    expect(await field({ projectId: undefined })).toBe('projectId')
    expect(errorOf(await sup.get('/api/pipeline/funds')).field).toBe('projectId')
    expect((await t.agent().get(`/api/pipeline/funds?projectId=${projectId}`)).statusCode).toBe(401)
    expect(
      (
        await (
          await t.as('a_leader')
        ).post('/api/pipeline/funds', { projectId, receivedOn: '2026-11-01', amount: '1' })
      ).statusCode,
    ).toBe(403)
    const b = await t.as('b_sup')
    expect((await b.get(`/api/pipeline/funds?projectId=${projectId}`)).statusCode).toBe(404)
    expect(
      (await b.post('/api/pipeline/funds', { projectId, receivedOn: '2026-11-01', amount: '1' })).statusCode,
    ).toBe(404)
  })

  it('deletes an entry (audited); 404 for another zone', async () => {
    const sup = await t.as('a_sup')
    const list = (await sup.get(`/api/pipeline/funds?projectId=${projectId}`)).json()
    const id = list.items[1].id
    expect((await (await t.as('b_sup')).delete(`/api/pipeline/funds/${id}`)).statusCode).toBe(404)
    expect((await (await t.as('a_leader')).delete(`/api/pipeline/funds/${id}`)).statusCode).toBe(403)
    expect((await t.agent().delete(`/api/pipeline/funds/${id}`)).statusCode).toBe(401)
    const res = await sup.delete(`/api/pipeline/funds/${id}`)
    expect(res.json()).toEqual({ ok: true, total: '5000.00' })
    expect((await sup.delete(`/api/pipeline/funds/${id}`)).statusCode).toBe(404)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'funds.%')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['funds.create', 'funds.create', 'funds.delete'])
  })
})
