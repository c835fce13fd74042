import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addUserWithRole,
  auditActions,
  deptId,
  insertProject,
  linkEnterpriseUser,
  makeEnterprise,
  userId,
} from '../../../../test/factories.ts'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { putSetting } from '../settings/settings.repository.ts'

// The fixture clock: 2026-11-24 09:00 Beijing.
let t: TestApp
let sup: Agent
let ent: Agent
let zoneA: number
let chem: number // 甲化工: industry 26, large, 达拉特旗, a 12 亿 project under construction — a_ent's enterprise
let food: number // 甲食品: industry 14, small, no project — its own account (food_user)
let other: number // 乙 zone enterprise
let appId: number // the application walked through every step

const base = {
  title: '重点项目建设资金支持办法',
  docNumber: '甲开发〔2026〕12号',
  issuer: '甲开发区管委会',
  level: 'zone',
  benefitKind: 'funds',
  benefitText: '按设备投资额的 5% 给予补助',
  maxAmount: '500',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  industries: ['C'],
  scales: ['large', 'medium'],
  regions: ['150600'],
  stages: ['construction', 'preliminary'],
  minInvestment: '10000',
  contactName: '王科长',
  contactPhone: '0477-3961234',
}

async function createPolicy(over: Record<string, unknown> = {}) {
  const res = await sup.post('/api/policies', { ...base, ...over })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; version: number }
}

async function publish(id: number) {
  const d = (await sup.get(`/api/policies/${id}`)).json()
  const res = await sup.post(`/api/policies/${id}/publish`, { version: d.version })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

const notificationsOf = async (username: string) =>
  t.database.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'link', 'subject_id'])
    .where('user_id', '=', await userId(t, username))
    .where('kind', 'like', 'policy.%')
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  zoneA = await deptId(t, '甲开发区')
  chem = await makeEnterprise(t, '甲开发区', '甲化工新材料有限公司')
  food = await makeEnterprise(t, '甲开发区', '甲食品有限公司')
  other = await makeEnterprise(t, '乙开发区', '乙化工有限公司')
  await db
    .updateTable('enterprises')
    .set({ industry_code: '26', scale: 'large', region_code: '150621' })
    .where('id', 'in', [chem, other])
    .execute()
  await db
    .updateTable('enterprises')
    .set({ industry_code: '14', scale: 'small', region_code: '150621' })
    .where('id', '=', food)
    .execute()
  await insertProject(t, {
    zoneId: zoneA,
    code: 'XM-T-1',
    name: '煤基新材料项目',
    enterpriseId: chem,
    totalInvestment: '120000',
    stage: 'construction',
  })
  await insertProject(t, {
    zoneId: await deptId(t, '乙开发区'),
    code: 'XM-T-2',
    name: '乙化工项目',
    enterpriseId: other,
    totalInvestment: '120000',
    stage: 'construction',
  })
  await linkEnterpriseUser(t, 'a_ent', chem)
  await addUserWithRole(t, {
    username: 'food_user',
    displayName: '食品企业联系人',
    department: '甲入驻企业',
    role: {
      code: 'ent_copy',
      name: '企业用户（测试）',
      dataScope: 'self',
      permissions: ['enterprise:read', 'policy:read', 'policy:apply'],
    },
  })
  await linkEnterpriseUser(t, 'food_user', food)
  sup = await t.as('a_sup')
  ent = await t.as('a_ent')
})
afterAll(async () => t.close())

describe('policy catalogue', () => {
  it('401 without a session, 403 without the permission', async () => {
    const anon = t.agent()
    expect((await anon.get('/api/policies')).statusCode).toBe(401)
    expect((await anon.post('/api/policies', base, { headers: { 'x-csrf-token': 'x' } })).statusCode).toBe(
      401,
    )
    expect((await (await t.as('a_handler')).get('/api/policies')).statusCode).toBe(403)
    const leader = await t.as('a_leader')
    expect((await leader.get('/api/policies')).statusCode).toBe(200)
    expect((await leader.post('/api/policies', base)).statusCode).toBe(403)
    expect((await ent.post('/api/policies', base)).statusCode).toBe(403)
  })

  it('400 names the field: dates, thresholds, codes, phone', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ validTo: '2025-12-31' }, 'validTo'],
      [{ validFrom: '2026-02-30' }, 'validFrom'],
      [{ minInvestment: '-1' }, 'minInvestment'],
      [{ minInvestment: '20000', maxInvestment: '10000' }, 'maxInvestment'],
      [{ maxAmount: '-5' }, 'maxAmount'],
      [{ industries: ['9999'] }, 'industries'],
      [{ regions: ['999999'] }, 'regions'],
      [{ scales: ['huge'] }, 'scales'],
      [{ level: 'galaxy' }, 'level'],
      [{ contactPhone: 'call me' }, 'contactPhone'],
    ]
    for (const [over, field] of cases) {
      const res = await sup.post('/api/policies', { ...base, ...over })
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400)
      expect(errorOf(res).field, JSON.stringify(over)).toBe(field)
      expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('creates a draft, edits it with versions, audits, filters and hides it from other zones', async () => {
    const p = await createPolicy()
    const d = (await sup.get(`/api/policies/${p.id}`)).json()
    expect(d).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      levelLabel: '园区',
      benefitLabel: '项目资金',
      validity: 'valid',
      canPublish: true,
      canDelete: true,
    })
    expect(d.conditions).toEqual([
      '行业：C 制造业',
      '企业规模：大型、中型',
      '地区：鄂尔多斯市',
      '项目阶段：开工在建、前期手续',
      '项目总投资 ≥ 1 亿元',
    ])
    const edited = await sup.patch(`/api/policies/${p.id}`, {
      benefitText: '最高 500 万元',
      version: d.version,
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json().benefitText).toBe('最高 500 万元')
    const stale = await sup.patch(`/api/policies/${p.id}`, { benefitText: 'x', version: d.version })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    expect(await auditActions(t, 'policy', p.id)).toEqual(['policy.create', 'policy.update'])

    const b = await t.as('b_sup')
    expect((await b.get(`/api/policies/${p.id}`)).statusCode).toBe(404)
    expect((await b.patch(`/api/policies/${p.id}`, { title: '改名', version: 2 })).statusCode).toBe(404)
    expect((await b.post(`/api/policies/${p.id}/publish`, { version: 2 })).statusCode).toBe(404)
    expect((await b.get(`/api/policies/${p.id}/matches`)).statusCode).toBe(404)
    expect((await b.get('/api/policies')).json().total).toBe(0)

    const list = (
      await sup.get('/api/policies?keyword=建设资金&benefitKind=funds&level=zone&validNow=true')
    ).json()
    expect(list.items.map((x: { id: number }) => x.id)).toContain(p.id)
    expect((await sup.get('/api/policies?benefitKind=credit')).json().items).toEqual([])
    // a draft is deleted; drafts are not shown to enterprises
    expect((await ent.get(`/api/policies/${p.id}`)).statusCode).toBe(404)
    const del = await sup.delete(`/api/policies/${p.id}?version=${edited.json().version}`)
    expect(del.statusCode, del.body).toBe(200)
    expect((await sup.get(`/api/policies/${p.id}`)).statusCode).toBe(404)
  })

  it('lists the qualifying enterprises with the reason for each condition', async () => {
    const p = await createPolicy({ title: '化工企业技改贴息' })
    const res = await sup.get(`/api/policies/${p.id}/matches`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().items).toEqual([
      {
        enterpriseId: chem,
        enterpriseName: '甲化工新材料有限公司',
        reasons: [
          '行业 26 化学原料和化学制品制造业 符合「C 制造业」',
          '企业规模 大型 符合「大型、中型」',
          '所在地区 达拉特旗 在「鄂尔多斯市」范围内',
          '项目「煤基新材料项目」处于开工在建阶段，符合「开工在建、前期手续」',
          '项目「煤基新材料项目」总投资 12 亿元 ≥ 1 亿元',
        ],
        accounts: 1,
        notified: false,
      },
    ])
    // an enterprise user may not see who else qualifies
    expect((await ent.get(`/api/policies/${p.id}/matches`)).statusCode).toBe(403)
  })
})

describe('publishing and notices', () => {
  it('notifies the qualifying enterprise users only, once, in the app and by e-mail when asked', async () => {
    const db = t.database.db
    await db
      .updateTable('users')
      .set({ email: 'zhou@chem.example.cn' })
      .where('username', '=', 'a_ent')
      .execute()
    await putSetting(
      db,
      'smtp',
      {
        enabled: true,
        host: '127.0.0.1',
        port: 2525,
        secure: false,
        user: null,
        passSealed: null,
        from: 'qd@zone.cn',
      },
      t.clock.now(),
      null,
    )
    expect(
      (await ent.put('/api/notifications/preferences', { 'policy.match': { email: true } })).statusCode,
    ).toBe(200)

    const p = await createPolicy({ title: '电力市场交易降低用电成本', benefitKind: 'power' })
    const before = (await notificationsOf('a_ent')).length
    const pub = await publish(p.id)
    expect(pub).toMatchObject({ status: 'published', notifiedEnterprises: 1, notifiedUsers: 1 })
    const mine = await notificationsOf('a_ent')
    expect(mine.length).toBe(before + 1)
    expect(mine.at(-1)).toMatchObject({
      kind: 'policy.match',
      title: '可申报惠企政策：电力市场交易降低用电成本',
      link: `/portal/policies/${p.id}`,
    })
    expect(await notificationsOf('food_user')).toEqual([])
    expect(await notificationsOf('a_sup')).toEqual([])
    const mails = await db
      .selectFrom('email_deliveries')
      .select(['to_address', 'subject', 'kind'])
      .where('kind', '=', 'policy.match')
      .execute()
    expect(mails).toEqual([
      {
        to_address: 'zhou@chem.example.cn',
        subject: '【清单】可申报惠企政策：电力市场交易降低用电成本',
        kind: 'policy.match',
      },
    ])

    // the notify button and a re-publish do not tell anyone twice
    const again = await sup.post(`/api/policies/${p.id}/notify`)
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toEqual({ notifiedEnterprises: 0, notifiedUsers: 0 })
    const w = await sup.post(`/api/policies/${p.id}/withdraw`, { version: pub.version })
    expect(w.json().status).toBe('withdrawn')
    expect((await ent.get(`/api/policies/${p.id}`)).statusCode).toBe(404)
    expect((await sup.post(`/api/policies/${p.id}/notify`)).statusCode).toBe(409)
    await publish(p.id)
    expect((await notificationsOf('a_ent')).length).toBe(before + 1)
    const notices = (await sup.get(`/api/policies/${p.id}/notices`)).json().items
    expect(notices.map((n: { userName: string }) => n.userName)).toEqual(['甲企业'])
    expect((await sup.get(`/api/policies/${p.id}/matches`)).json().items[0].notified).toBe(true)
    expect(
      (await t.agent().post(`/api/policies/${p.id}/notify`, {}, { headers: { 'x-csrf-token': 'x' } }))
        .statusCode,
    ).toBe(401)
    expect((await ent.post(`/api/policies/${p.id}/notify`)).statusCode).toBe(403)
  })

  it('tells nobody about a policy not yet in force, and shows enterprises only what they qualify for', async () => {
    const later = await createPolicy({
      title: '明年人才引进政策',
      benefitKind: 'talent',
      validFrom: '2027-01-01',
      validTo: null,
    })
    expect(await publish(later.id)).toMatchObject({
      notifiedEnterprises: 0,
      validity: 'upcoming',
      canNotify: false,
    })
    const open = await createPolicy({
      title: '科技专项扶持（不限条件）',
      benefitKind: 'other',
      industries: [],
      scales: [],
      regions: [],
      stages: [],
      minInvestment: null,
    })
    await publish(open.id)
    const mine = await ent.get('/api/policies/for-enterprise')
    expect(mine.statusCode, mine.body).toBe(200)
    const titles = mine.json().items.map((x: { title: string }) => x.title)
    expect(titles).toContain('科技专项扶持（不限条件）')
    expect(titles).toContain('电力市场交易降低用电成本')
    expect(titles).not.toContain('明年人才引进政策')
    expect(mine.json().items.find((x: { id: number }) => x.id === open.id).reasons).toEqual([
      '政策不限行业、规模、地区和项目，本开发区企业均可申报',
    ])
    const foodUser = await t.as('food_user')
    const foodTitles = (await foodUser.get('/api/policies/for-enterprise'))
      .json()
      .items.map((x: { title: string }) => x.title)
    expect(foodTitles).toEqual(['科技专项扶持（不限条件）'])
    // an enterprise user asks about their own enterprise only; staff about any of their zone
    expect((await ent.get(`/api/policies/for-enterprise?enterpriseId=${food}`)).statusCode).toBe(404)
    expect((await sup.get(`/api/policies/for-enterprise?enterpriseId=${food}`)).json().items).toHaveLength(1)
    expect((await sup.get(`/api/policies/for-enterprise?enterpriseId=${other}`)).statusCode).toBe(404)
    expect(errorOf(await sup.get('/api/policies/for-enterprise')).field).toBe('enterpriseId')
    expect((await t.agent().get('/api/policies/for-enterprise')).statusCode).toBe(401)
    // detail for the enterprise: the match with its reasons, and whether it may apply
    const d = (await ent.get(`/api/policies/${open.id}`)).json()
    expect(d).toMatchObject({ canApply: true, canEdit: false, match: { matched: true } })
  })
})

describe('applications: 申报 → 受理 → 退回补充 → 重新提交 → 审核通过 → 兑现', () => {
  let policyId: number
  const version = async () => (await sup.get(`/api/policy-applications/${appId}`)).json().version

  beforeAll(async () => {
    const p = await createPolicy({ title: '银行信贷贴息', benefitKind: 'credit', maxAmount: '200' })
    await publish(p.id)
    policyId = p.id
  })

  it('the enterprise applies; bad input names the field; twice is refused; a non-qualifying one is refused', async () => {
    expect(
      (await t.agent().post('/api/policy-applications', {}, { headers: { 'x-csrf-token': 'x' } })).statusCode,
    ).toBe(401)
    expect(
      (
        await (
          await t.as('a_leader')
        ).post('/api/policy-applications', { policyId, amountRequested: '10', content: '申请贷款贴息支持' })
      ).statusCode,
    ).toBe(403)
    expect(
      errorOf(
        await ent.post('/api/policy-applications', {
          policyId,
          amountRequested: '0',
          content: '申请贷款贴息支持',
        }),
      ).field,
    ).toBe('amountRequested')
    expect(
      errorOf(
        await ent.post('/api/policy-applications', {
          policyId,
          amountRequested: '300',
          content: '申请贷款贴息支持',
        }),
      ).field,
    ).toBe('amountRequested')
    expect(
      errorOf(
        await ent.post('/api/policy-applications', {
          policyId,
          amountRequested: 'abc',
          content: '申请贷款贴息支持',
        }),
      ).field,
    ).toBe('amountRequested')
    expect(
      errorOf(await ent.post('/api/policy-applications', { policyId, amountRequested: '100', content: '短' }))
        .field,
    ).toBe('content')
    const res = await ent.post('/api/policy-applications', {
      policyId,
      amountRequested: '150',
      content: '2026 年项目贷款 3 亿元，申请按同期 LPR 的 50% 贴息',
    })
    expect(res.statusCode, res.body).toBe(201)
    const a = res.json()
    appId = a.id
    expect(a).toMatchObject({
      code: 'SB-2026-0001',
      status: 'submitted',
      statusLabel: '已申报',
      onBehalf: false,
    })
    expect(a.enterprise.id).toBe(chem)
    const dup = await ent.post('/api/policy-applications', {
      policyId,
      amountRequested: '10',
      content: '再申请一次贴息',
    })
    expect(dup.statusCode).toBe(409)
    expect(errorOf(dup).code).toBe('DUPLICATE')
    const foodUser = await t.as('food_user')
    const refused = await foodUser.post('/api/policy-applications', {
      policyId,
      amountRequested: '10',
      content: '申请贷款贴息支持',
    })
    expect(refused.statusCode).toBe(409)
    expect(errorOf(refused).message).toContain('不符合该政策的申报条件：企业规模 小型 不在「大型、中型」之列')
    // reviewers hear of it
    expect((await notificationsOf('a_sup')).at(-1)).toMatchObject({ kind: 'policy.application' })
    // another zone's reviewer sees nothing
    const b = await t.as('b_sup')
    expect((await b.get(`/api/policy-applications/${appId}`)).statusCode).toBe(404)
    expect(
      (await b.post(`/api/policy-applications/${appId}/review`, { action: 'accept', version: 1 })).statusCode,
    ).toBe(404)
    expect((await b.get('/api/policy-applications')).json().total).toBe(0)
  })

  it('walks every step with who and when; wrong steps are 409, the enterprise may not review', async () => {
    expect(
      (await ent.post(`/api/policy-applications/${appId}/review`, { action: 'accept', version: 1 }))
        .statusCode,
    ).toBe(403)
    const early = await sup.post(`/api/policy-applications/${appId}/review`, {
      action: 'approve',
      amountGranted: '100',
      version: 1,
    })
    expect(early.statusCode).toBe(409)
    expect(errorOf(early)).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: '该申报当前为「已申报」，不能审核通过',
    })
    const acc = await sup.post(`/api/policy-applications/${appId}/review`, { action: 'accept', version: 1 })
    expect(acc.json()).toMatchObject({ status: 'accepted', actions: ['return', 'approve', 'reject'] })
    expect(
      errorOf(await sup.post(`/api/policy-applications/${appId}/review`, { action: 'return', version: 2 }))
        .field,
    ).toBe('note')
    const ret = await sup.post(`/api/policy-applications/${appId}/review`, {
      action: 'return',
      note: '请补充贷款合同和付息凭证',
      version: 2,
    })
    expect(ret.json()).toMatchObject({ status: 'returned', statusLabel: '退回补充' })
    expect((await notificationsOf('a_ent')).at(-1)).toMatchObject({
      kind: 'policy.application',
      link: `/portal/policy-applications/${appId}`,
    })
    const mine = (await ent.get(`/api/policy-applications/${appId}`)).json()
    expect(mine.actions).toEqual(['resubmit'])
    const re = await ent.post(`/api/policy-applications/${appId}/resubmit`, {
      amountRequested: '120',
      note: '已上传贷款合同',
      version: mine.version,
    })
    expect(re.statusCode, re.body).toBe(200)
    expect(re.json()).toMatchObject({ status: 'submitted', amountRequested: '120.00' })
    await sup.post(`/api/policy-applications/${appId}/review`, { action: 'accept', version: await version() })
    expect(
      errorOf(
        await sup.post(`/api/policy-applications/${appId}/review`, {
          action: 'approve',
          amountGranted: '130',
          version: await version(),
        }),
      ).field,
    ).toBe('amountGranted')
    const ok = await sup.post(`/api/policy-applications/${appId}/review`, {
      action: 'approve',
      amountGranted: '100',
      note: '按合同金额核定',
      version: await version(),
    })
    expect(ok.json()).toMatchObject({
      status: 'approved',
      amountGranted: '100.00',
      remaining: '100.00',
      actions: ['pay'],
    })
  })

  it('pays in parts up to the amount granted; overpaying is 400; then it is 已兑现', async () => {
    // ten days on: sessions idle that long are gone, so sign in again
    t.clock.advance(10 * 86_400_000)
    sup = await t.as('a_sup')
    ent = await t.as('a_ent')
    const p1 = await sup.post(`/api/policy-applications/${appId}/payments`, {
      amount: '30',
      paidOn: '2026-11-30',
      note: '第一笔',
      version: await version(),
    })
    expect(p1.statusCode, p1.body).toBe(200)
    expect(p1.json()).toMatchObject({
      status: 'partly_paid',
      statusLabel: '部分兑现',
      amountPaid: '30.00',
      remaining: '70.00',
      firstPaidOn: '2026-11-30',
    })
    const over = await sup.post(`/api/policy-applications/${appId}/payments`, {
      amount: '70.01',
      paidOn: '2026-12-02',
      version: await version(),
    })
    expect(over.statusCode).toBe(400)
    expect(errorOf(over).field).toBe('amount')
    expect(errorOf(over).message).toContain('最多还可兑现 70.00 万元')
    expect(
      errorOf(
        await sup.post(`/api/policy-applications/${appId}/payments`, {
          amount: '10',
          paidOn: '2027-01-01',
          version: await version(),
        }),
      ).field,
    ).toBe('paidOn')
    expect(
      (
        await ent.post(`/api/policy-applications/${appId}/payments`, {
          amount: '10',
          paidOn: '2026-12-02',
          version: await version(),
        })
      ).statusCode,
    ).toBe(403)
    const p2 = await sup.post(`/api/policy-applications/${appId}/payments`, {
      amount: '70',
      paidOn: '2026-12-04',
      version: await version(),
    })
    expect(p2.json()).toMatchObject({
      status: 'paid',
      statusLabel: '已兑现',
      amountPaid: '100.00',
      fullyPaidOn: '2026-12-04',
      actions: [],
    })
    expect(p2.json().payments).toEqual([
      { amount: '30.00', paidOn: '2026-11-30', note: '第一笔', actorName: '甲督查' },
      { amount: '70.00', paidOn: '2026-12-04', note: null, actorName: '甲督查' },
    ])
    expect(p2.json().steps.map((s: { actionLabel: string }) => s.actionLabel)).toEqual([
      '提交申报',
      '受理',
      '退回补充',
      '重新提交',
      '受理',
      '审核通过',
      '登记兑现',
      '登记兑现',
    ])
    const more = await sup.post(`/api/policy-applications/${appId}/payments`, {
      amount: '1',
      paidOn: '2026-12-04',
      version: await version(),
    })
    expect(errorOf(more).code).toBe('INVALID_TRANSITION')
    expect(await auditActions(t, 'policy_application', appId)).toEqual([
      'policy_application.apply',
      'policy_application.accept',
      'policy_application.return',
      'policy_application.resubmit',
      'policy_application.accept',
      'policy_application.approve',
      'policy_application.pay',
      'policy_application.pay',
    ])
    // 我的申报: the enterprise sees its own
    const mine = (await ent.get('/api/policy-applications')).json()
    expect(mine.items.map((x: { code: string; statusLabel: string }) => [x.code, x.statusLabel])).toEqual([
      ['SB-2026-0001', '已兑现'],
    ])
  })

  it('a service officer applies on the enterprise’s behalf; 不予支持 ends it', async () => {
    const officer = await t.as('a_officer')
    const open = (await sup.get('/api/policies?keyword=不限条件')).json().items[0]
    expect(
      errorOf(
        await officer.post('/api/policy-applications', {
          policyId: open.id,
          amountRequested: '10',
          content: '代企业申报科技扶持',
        }),
      ).field,
    ).toBe('enterpriseId')
    const res = await officer.post('/api/policy-applications', {
      policyId: open.id,
      enterpriseId: food,
      amountRequested: '20',
      content: '代企业申报科技专项扶持资金',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      onBehalf: true,
      appliedBy: { name: '甲专员' },
      enterprise: { id: food },
    })
    // …and it is a 政策 contact in the enterprise's service record, by the officer
    const contacts = await t.database.db
      .selectFrom('service_records as sr')
      .innerJoin('users as u', 'u.id', 'sr.officer_user_id')
      .select(['sr.kind', 'sr.source', 'sr.summary', 'u.display_name'])
      .where('sr.enterprise_id', '=', food)
      .execute()
    expect(contacts).toEqual([
      expect.objectContaining({ kind: 'policy', source: 'policy', display_name: '甲专员' }),
    ])
    expect(contacts[0]!.summary).toContain('代企业申报惠企政策')
    const rej = await officer.post(`/api/policy-applications/${res.json().id}/review`, {
      action: 'reject',
      note: '研发投入不足，不予支持',
      version: 1,
    })
    expect(rej.json()).toMatchObject({ status: 'rejected', statusLabel: '不予支持', actions: [] })
  })

  it('figures per policy and zone: applied, approved, sums, days to payment, pending', async () => {
    const res = await sup.get('/api/policies/figures')
    expect(res.statusCode, res.body).toBe(200)
    const f = res.json()
    expect(f.total).toMatchObject({
      applied: 2,
      approved: 1,
      rejected: 1,
      pending: 0,
      fullyPaid: 1,
      grantedSum: '100.00',
      paidSum: '100.00',
      // applied 2026-11-24, first payment 11-30 (6 days), full 12-04 (10 days)
      avgDaysToFirstPayment: 6,
      avgDaysToFullPayment: 10,
    })
    expect(f.byZone).toEqual([expect.objectContaining({ zoneName: '甲开发区', applied: 2 })])
    expect(f.byPolicy.find((x: { title: string }) => x.title === '银行信贷贴息')).toMatchObject({
      applied: 1,
      paidSum: '100.00',
    })
    expect((await (await t.as('b_sup')).get('/api/policies/figures')).json().total.applied).toBe(0)
    expect((await (await t.as('a_handler')).get('/api/policies/figures')).statusCode).toBe(403)
    expect(errorOf(await sup.get('/api/policies/figures?zoneId=abc')).field).toBe('zoneId')
  })
})

describe('every endpoint: 401 without a session, 403 without the permission, 404 in another zone, 400 naming the field', () => {
  it('guards the catalogue and the applications alike', async () => {
    const p = await createPolicy({
      title: '守卫测试政策',
      industries: [],
      scales: [],
      regions: [],
      stages: [],
      minInvestment: null,
    })
    const draft = await createPolicy({ title: '守卫测试草稿' })
    const anon = t.agent()
    const handler = await t.as('a_handler') // no policy permission
    const leader = await t.as('a_leader') // read only
    const b = await t.as('b_sup') // another zone
    const reads = [
      '/api/policies',
      '/api/policies/export.xlsx',
      '/api/policies/figures',
      '/api/policies/for-enterprise?enterpriseId=1',
      `/api/policies/${p.id}`,
      `/api/policies/${p.id}/matches`,
      `/api/policies/${p.id}/notices`,
      '/api/policy-applications',
      '/api/policy-applications/export.xlsx',
      `/api/policy-applications/${appId}`,
    ]
    for (const url of reads) {
      expect((await anon.get(url)).statusCode, url).toBe(401)
      expect((await handler.get(url)).statusCode, url).toBe(403)
    }
    const x = { headers: { 'x-csrf-token': 'x' } }
    const writes: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/api/policies', base],
      ['PATCH', `/api/policies/${draft.id}`, { title: '改名', version: 1 }],
      ['DELETE', `/api/policies/${draft.id}?version=1`, {}],
      ['POST', `/api/policies/${draft.id}/publish`, { version: 1 }],
      ['POST', `/api/policies/${p.id}/withdraw`, { version: 1 }],
      ['POST', `/api/policies/${p.id}/notify`, {}],
      ['POST', `/api/policy-applications/${appId}/review`, { action: 'accept', version: 1 }],
      [
        'POST',
        `/api/policy-applications/${appId}/payments`,
        { amount: '1', paidOn: '2026-12-01', version: 1 },
      ],
    ]
    for (const [m, url, body] of writes) {
      const req = (a: Agent, extra?: object) =>
        a.request(m as 'POST', url, m === 'DELETE' ? undefined : body, extra)
      expect((await req(anon, x)).statusCode, url).toBe(401)
      expect((await req(handler)).statusCode, url).toBe(403)
      expect((await req(leader)).statusCode, url).toBe(403)
      // (another zone's supervisor creates policies in their own zone)
      if (url !== '/api/policies') expect((await req(b)).statusCode, `${m} ${url}`).toBe(404)
    }
    // reads in another zone
    for (const url of [
      `/api/policies/${p.id}`,
      `/api/policies/${p.id}/matches`,
      `/api/policies/${p.id}/notices`,
      `/api/policy-applications/${appId}`,
    ])
      expect((await b.get(url)).statusCode, url).toBe(404)
    // an enterprise of another zone cannot apply for this zone's policy; nor may it resubmit another's application
    expect(
      errorOf(
        await b.post('/api/policy-applications', {
          policyId: p.id,
          enterpriseId: other,
          amountRequested: '1',
          content: '跨区申报测试',
        }),
      ).code,
    ).toBe('NOT_FOUND')
    expect(
      (await (await t.as('food_user')).post(`/api/policy-applications/${appId}/resubmit`, { version: 1 }))
        .statusCode,
    ).toBe(404)
    // 400 naming the field
    expect(errorOf(await sup.get('/api/policies?level=galaxy')).field).toBe('level')
    expect(errorOf(await sup.get('/api/policies/abc')).field).toBe('id')
    expect(
      errorOf(await sup.patch(`/api/policies/${draft.id}`, { validTo: '2025-01-01', version: 1 })).field,
    ).toBe('validTo')
    expect(errorOf(await sup.post(`/api/policies/${draft.id}/publish`, {})).field).toBe('version')
    expect(errorOf(await sup.delete(`/api/policies/${draft.id}`)).field).toBe('version')
    expect(
      errorOf(await sup.post(`/api/policy-applications/${appId}/review`, { action: 'bless', version: 1 }))
        .field,
    ).toBe('action')
    expect(
      errorOf(
        await sup.post(`/api/policy-applications/${appId}/payments`, {
          amount: '-1',
          paidOn: '2026-12-01',
          version: 1,
        }),
      ).field,
    ).toBe('amount')
    expect(
      errorOf(await ent.post(`/api/policy-applications/${appId}/resubmit`, { content: '短', version: 1 }))
        .field,
    ).toBe('content')
    expect(errorOf(await sup.get('/api/policy-applications?status=lost')).field).toBe('status')
    // a published policy is withdrawn, not deleted
    const pd = (await sup.get(`/api/policies/${p.id}`)).json()
    await sup.post(`/api/policies/${p.id}/publish`, { version: pd.version })
    const gone = await sup.delete(`/api/policies/${p.id}?version=${pd.version + 1}`)
    expect(gone.statusCode).toBe(409)
    // the leader reads: list, detail, matches, applications, figures, export
    for (const url of [
      '/api/policies',
      `/api/policies/${p.id}`,
      `/api/policies/${p.id}/matches`,
      '/api/policy-applications',
      '/api/policies/figures',
    ])
      expect((await leader.get(url)).statusCode, url).toBe(200)
    const xlsx = await sup.get('/api/policy-applications/export.xlsx')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect((await sup.get('/api/policies/export.xlsx')).statusCode).toBe(200)
  })
})
