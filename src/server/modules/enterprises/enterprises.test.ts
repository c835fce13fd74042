import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deptId, insertProject as insertProjectRow, userId as userIdOf } from '../../../../test/factories.ts'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { creditCodeCheckChar } from '../../../shared/credit-code.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

/** A valid 统一社会信用代码 from its first 17 characters. */
const code = (first17: string) => first17 + creditCodeCheckChar(first17)
const VALID = '91110000600037341L'
const SYSTEM = { actor: null, ip: null, requestId: null, label: '测试' } as const

const userId = (username: string) => userIdOf(t, username)
const zoneId = (name: string) => deptId(t, name)

/** A project row written directly (the projects module owns the real API). */
const insertProject = (zone: number, enterpriseId: number | null, name: string, projectCode: string) =>
  insertProjectRow(t, { zoneId: zone, enterpriseId, name, code: projectCode, totalInvestment: '6500.00' })

let jinqi: { id: number; version: number }

describe('creating enterprises', () => {
  it('401 without a session, 403 without enterprise:manage', async () => {
    expect((await t.agent().get('/api/enterprises')).statusCode).toBe(401)
    expect((await t.agent().post('/api/enterprises', { name: 'x' })).statusCode).toBe(401)
    expect((await (await t.as('norole')).get('/api/enterprises')).statusCode).toBe(403)
    const leader = await t.as('a_leader')
    expect((await leader.get('/api/enterprises')).statusCode).toBe(200)
    expect((await leader.post('/api/enterprises', { name: '某企业' })).statusCode).toBe(403)
  })

  it('creates an enterprise with every field, audited and on its timeline', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.post('/api/enterprises', {
      name: '通辽金旗牛业有限公司',
      creditCode: VALID.toLowerCase(),
      industryCode: '13',
      regionCode: '150502',
      address: '科尔沁区辽河大街88号',
      lng: 122.263119,
      lat: 43.617429,
      legalRep: '王金旗',
      scale: 'medium',
      contacts: [{ name: '李经理', title: '办公室主任', phone: '13904751234' }],
      leaderUserId: await userId('a_leader'),
      officerUserId: await userId('a_officer'),
      establishedOn: '2019-05-20',
      description: '肉牛屠宰加工',
    })
    expect(res.statusCode).toBe(201)
    const e = res.json()
    expect(e).toMatchObject({
      name: '通辽金旗牛业有限公司',
      creditCode: VALID,
      industryName: '农副食品加工业',
      regionName: '科尔沁区',
      zoneName: '甲开发区',
      lng: '122.263119',
      lat: '43.617429',
      scale: 'medium',
      scaleLabel: '中型',
      leader: { name: '甲领导' },
      officer: { name: '甲专员' },
      contacts: [{ name: '李经理', title: '办公室主任', phone: '13904751234' }],
      establishedOn: '2019-05-20',
      projectCount: 0,
      version: 1,
    })
    jinqi = { id: e.id, version: e.version }
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'enterprise')
      .where('target_id', '=', String(e.id))
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create'])
    const tl = (await sup.get(`/api/enterprises/${e.id}/timeline`)).json()
    expect(tl.items[0]).toMatchObject({ kind: 'enterprise.created', actorName: '甲督查' })
  })

  it('validates the credit code with its GB 32100 check character, naming the field', async () => {
    const sup = await t.as('a_sup')
    const bad = async (creditCode: string) => {
      const res = await sup.post('/api/enterprises', { name: '校验测试企业', creditCode })
      expect(res.statusCode).toBe(400)
      expect(errorOf(res).field).toBe('creditCode')
      return errorOf(res).message
    }
    expect(await bad('91110000600037341A')).toContain('校验位不正确')
    expect(await bad('9111000060003734')).toContain('18 位')
    expect(await bad('91110000600037341I')).toContain('无效字符')
  })

  it('rejects other bad input naming the field', async () => {
    const sup = await t.as('a_sup')
    const field = async (body: Record<string, unknown>) =>
      errorOf(await sup.post('/api/enterprises', { name: '字段测试企业', ...body })).field
    expect(errorOf(await sup.post('/api/enterprises', { name: '' })).field).toBe('name')
    expect(errorOf(await sup.post('/api/enterprises', { name: '   ' })).field).toBe('name')
    expect(await field({ industryCode: 'ZZ' })).toBe('industryCode')
    expect(await field({ regionCode: '999999' })).toBe('regionCode')
    expect(await field({ regionCode: '15' })).toBe('regionCode')
    expect(await field({ lng: 200, lat: 40 })).toBe('lng')
    expect(await field({ lat: 40 })).toBe('lng')
    expect(await field({ scale: 'huge' })).toBe('scale')
    expect(await field({ leaderUserId: await userId('b_sup') })).toBe('leaderUserId')
    expect(await field({ officerUserId: 999999 })).toBe('officerUserId')
    expect(await field({ establishedOn: '2026-02-30' })).toBe('establishedOn')
    expect(await field({ contacts: [{ name: '张三', phone: '123' }] })).toBe('contacts.0.phone')
    const msg = errorOf(
      await sup.post('/api/enterprises', { name: '字段测试企业', regionCode: '999999' }),
    ).message
    expect(msg).toContain('行政区划')
  })

  it('refuses a duplicate name or credit code within the zone (409 naming the field), not across zones', async () => {
    const sup = await t.as('a_sup')
    const dupName = await sup.post('/api/enterprises', { name: '通辽金旗牛业有限公司' })
    expect(dupName.statusCode).toBe(409)
    expect(errorOf(dupName)).toMatchObject({ code: 'DUPLICATE', field: 'name' })
    const dupCode = await sup.post('/api/enterprises', { name: '另一家企业', creditCode: VALID })
    expect(dupCode.statusCode).toBe(409)
    expect(errorOf(dupCode).field).toBe('creditCode')
    const other = await (await t.as('b_sup')).post('/api/enterprises', {
      name: '通辽金旗牛业有限公司',
      creditCode: VALID,
    })
    expect(other.statusCode).toBe(201)
    expect(other.json().zoneName).toBe('乙开发区')
  })

  it('a user above zones must name the zone (service call with a system context)', async () => {
    const svc = t.app.services.enterprises
    await expect(svc.create(SYSTEM, { name: '无区企业' })).rejects.toMatchObject({ field: 'zoneId' })
    const e = await svc.create(SYSTEM, { name: '演示企业', zoneId: await zoneId('甲开发区') })
    expect(e.zoneName).toBe('甲开发区')
  })
})

describe('editing, listing and searching', () => {
  beforeAll(async () => {
    const sup = await t.as('a_sup')
    for (const [name, industryCode, regionCode, scale, first17] of [
      ['内蒙古蒙泰铝业有限公司', '32', '150521', 'large', '91150500MA0N12345'],
      ['京辰科技医药中间体有限公司', '27', '150502', 'small', '91150500MA0N23456'],
      ['通辽绿源冷链物流有限公司', '59', '150523', 'small', '91150500MA0N34567'],
    ] as const) {
      const res = await sup.post('/api/enterprises', {
        name,
        industryCode,
        regionCode,
        scale,
        creditCode: code(first17),
        officerUserId: name.includes('铝业') ? await userId('a_officer') : null,
      })
      expect(res.statusCode).toBe(201)
    }
  })

  it('updates with the version; a stale version is 409; the change is on the timeline', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.patch(`/api/enterprises/${jinqi.id}`, {
      address: '科尔沁区辽河大街99号',
      contacts: [],
      version: jinqi.version,
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ address: '科尔沁区辽河大街99号', contacts: [], version: 2 })
    const stale = await sup.patch(`/api/enterprises/${jinqi.id}`, { address: 'x', version: jinqi.version })
    expect(stale.statusCode).toBe(409)
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT')
    jinqi.version = 2
    const tl = (await sup.get(`/api/enterprises/${jinqi.id}/timeline`)).json()
    expect(tl.items[0].summary).toBe('更新企业信息：地址、联系人')
    const bad = await sup.patch(`/api/enterprises/${jinqi.id}`, {
      creditCode: '91110000600037341A',
      version: 2,
    })
    expect(errorOf(bad).field).toBe('creditCode')
    const dup = await sup.patch(`/api/enterprises/${jinqi.id}`, {
      name: '内蒙古蒙泰铝业有限公司',
      version: 2,
    })
    expect(errorOf(dup)).toMatchObject({ code: 'DUPLICATE', field: 'name' })
    expect(
      (await (await t.as('a_leader')).patch(`/api/enterprises/${jinqi.id}`, { version: 2 })).statusCode,
    ).toBe(403)
    expect((await t.agent().patch(`/api/enterprises/${jinqi.id}`, { version: 2 })).statusCode).toBe(401)
  })

  it('searches Chinese text (jieba words in any order), credit code and address', async () => {
    const sup = await t.as('a_sup')
    const names = async (q: string) =>
      ((await sup.get(`/api/enterprises?${q}`)).json().items as Array<{ name: string }>).map((x) => x.name)
    expect(await names(`keyword=${encodeURIComponent('牛业 金旗')}`)).toEqual(['通辽金旗牛业有限公司'])
    expect(await names(`keyword=${encodeURIComponent('医药')}`)).toEqual(['京辰科技医药中间体有限公司'])
    expect(await names('keyword=911100006')).toEqual(['通辽金旗牛业有限公司'])
    expect(await names(`keyword=${encodeURIComponent('辽河大街')}`)).toEqual(['通辽金旗牛业有限公司'])
  })

  it('filters by industry section or division, region (with its children), scale and officer; sorts; pages', async () => {
    const sup = await t.as('a_sup')
    const names = async (q: string) =>
      ((await sup.get(`/api/enterprises?${q}`)).json().items as Array<{ name: string }>)
        .map((x) => x.name)
        .sort()
    expect(await names('industry=C')).toEqual(
      ['京辰科技医药中间体有限公司', '内蒙古蒙泰铝业有限公司', '通辽金旗牛业有限公司'].sort(),
    )
    expect(await names('industry=59')).toEqual(['通辽绿源冷链物流有限公司'])
    expect(await names('region=150500')).toHaveLength(4)
    expect(await names('region=150502')).toEqual(
      ['京辰科技医药中间体有限公司', '通辽金旗牛业有限公司'].sort(),
    )
    expect(await names('scale=small')).toEqual(
      ['京辰科技医药中间体有限公司', '通辽绿源冷链物流有限公司'].sort(),
    )
    expect(await names(`officerUserId=${await userId('a_officer')}`)).toEqual(
      ['内蒙古蒙泰铝业有限公司', '通辽金旗牛业有限公司'].sort(),
    )
    expect(await names(`leaderUserId=${await userId('a_leader')}`)).toEqual(['通辽金旗牛业有限公司'])
    const page = (await sup.get('/api/enterprises?sort=-name&pageSize=2&page=2')).json()
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 5 })
    const all = (await sup.get('/api/enterprises?sort=name'))
      .json()
      .items.map((x: { name: string }) => x.name)
    expect(all).toEqual([...all].sort())
    const badSort = await sup.get('/api/enterprises?sort=creditCode')
    expect(badSort.statusCode).toBe(400)
    expect(errorOf(badSort).field).toBe('sort')
    expect(errorOf(await sup.get('/api/enterprises?industry=xyz')).field).toBe('industry')
  })

  it('exports what the list shows', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.get('/api/enterprises/export.xlsx?scale=small&sort=name')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(1).value).toBe('企业名称')
    expect(ws.getRow(1).getCell(2).value).toBe('统一社会信用代码')
    const rows = ws.getSheetValues().slice(2) as unknown[][]
    expect(rows.map((r) => r[1]).sort()).toEqual(
      ['京辰科技医药中间体有限公司', '通辽绿源冷链物流有限公司'].sort(),
    )
    expect(rows[0][7]).toBe('小型')
    expect((await t.agent().get('/api/enterprises/export.xlsx')).statusCode).toBe(401)
  })
})

describe('zone scope and enterprise users', () => {
  it("乙开发区 does not see 甲开发区's enterprises (not listed, 404)", async () => {
    const b = await t.as('b_sup')
    const list = (await b.get('/api/enterprises?pageSize=200')).json()
    expect(list.items.every((e: { zoneName: string }) => e.zoneName === '乙开发区')).toBe(true)
    for (const path of ['', '/overview', '/timeline', '/accounts'])
      expect((await b.get(`/api/enterprises/${jinqi.id}${path}`)).statusCode).toBe(404)
    expect(
      (await b.patch(`/api/enterprises/${jinqi.id}`, { address: 'x', version: jinqi.version })).statusCode,
    ).toBe(404)
    expect((await b.put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [] })).statusCode).toBe(404)
  })

  it("a department handler sees its zone's enterprises", async () => {
    const h = await t.as('a_handler')
    const list = (await h.get('/api/enterprises?pageSize=200')).json()
    expect(list.total).toBe(5)
    expect((await h.get(`/api/enterprises/${jinqi.id}`)).statusCode).toBe(200)
  })

  it('links enterprise accounts: only enterprise-role users of the zone, audited', async () => {
    const sup = await t.as('a_sup')
    const cands = (await sup.get(`/api/enterprises/account-candidates?enterpriseId=${jinqi.id}`)).json()
    expect(cands.items.map((u: { username: string }) => u.username)).toEqual(['a_ent'])
    const notEnt = await sup.put(`/api/enterprises/${jinqi.id}/accounts`, {
      userIds: [await userId('a_officer')],
    })
    expect(notEnt.statusCode).toBe(400)
    expect(errorOf(notEnt)).toMatchObject({ field: 'userIds' })
    expect(errorOf(notEnt).message).toContain('企业用户')
    const otherZone = await sup.put(`/api/enterprises/${jinqi.id}/accounts`, {
      userIds: [await userId('b_sup')],
    })
    expect(errorOf(otherZone).field).toBe('userIds')
    expect(
      (await (await t.as('a_leader')).put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [] }))
        .statusCode,
    ).toBe(403)
    expect((await t.agent().put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [] })).statusCode).toBe(
      401,
    )
    const ok = await sup.put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [await userId('a_ent')] })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().items).toEqual([expect.objectContaining({ username: 'a_ent', enterpriseId: jinqi.id })])
    const row = await t.database.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'a_ent')
      .executeTakeFirstOrThrow()
    expect(row.enterprise_id).toBe(jinqi.id)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'enterprise.accounts')
      .executeTakeFirstOrThrow()
    expect(audit.summary).toContain('a_ent')
    expect((await sup.get(`/api/enterprises/${jinqi.id}/accounts`)).json().items).toHaveLength(1)
  })

  it('an enterprise user sees only its own enterprise', async () => {
    const ent = await t.as('a_ent')
    expect((await ent.get('/api/enterprises/mine')).json()).toEqual({ id: jinqi.id })
    const list = (await ent.get('/api/enterprises')).json()
    expect(list.items.map((e: { id: number }) => e.id)).toEqual([jinqi.id])
    expect((await ent.get(`/api/enterprises/${jinqi.id}/overview`)).statusCode).toBe(200)
    const other = (await (await t.as('a_sup')).get('/api/enterprises?scale=small')).json().items[0].id
    expect((await ent.get(`/api/enterprises/${other}`)).statusCode).toBe(404)
    expect((await ent.patch(`/api/enterprises/${jinqi.id}`, { version: jinqi.version })).statusCode).toBe(403)
    // Staff users have no enterprise of their own.
    expect((await (await t.as('a_sup')).get('/api/enterprises/mine')).json()).toEqual({ id: null })
  })

  it('unlinking: an empty list clears the accounts', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [] })
    expect(res.json().items).toEqual([])
    expect((await (await t.as('a_ent')).get('/api/enterprises')).json().items).toEqual([])
    await sup.put(`/api/enterprises/${jinqi.id}/accounts`, { userIds: [await userId('a_ent')] })
  })
})

describe('一企一清单 (overview) and timeline', () => {
  it('shows the enterprise, its projects, empty problems and visits, service contacts and the latest events', async () => {
    const zone = await zoneId('甲开发区')
    const projectId = await insertProject(zone, jinqi.id, '肉牛(羊)屠宰加工项目', 'JQ-2026-001')
    await insertProject(zone, null, '别家项目', 'JQ-2026-002')
    const sup = await t.as('a_sup')
    const res = await sup.get(`/api/enterprises/${jinqi.id}/overview`)
    expect(res.statusCode).toBe(200)
    const o = res.json()
    expect(o.enterprise).toMatchObject({ id: jinqi.id, name: '通辽金旗牛业有限公司', projectCount: 1 })
    expect(o.projects).toEqual([
      expect.objectContaining({ id: projectId, name: '肉牛(羊)屠宰加工项目', totalInvestment: '6500.00' }),
    ])
    expect(o.problems).toEqual([])
    expect(o.visits).toEqual([])
    expect(o.counts).toEqual({ projects: 1, problems: 0, openProblems: 0, visits: 0 })
    expect(o.serviceContacts.map((c: { role: string; name: string }) => [c.role, c.name])).toEqual([
      ['leader', '甲领导'],
      ['officer', '甲专员'],
    ])
    expect(o.accounts.map((a: { username: string }) => a.username)).toEqual(['a_ent'])
    expect(o.timeline.length).toBeGreaterThanOrEqual(3)
    expect(o.timeline[0].kind).toBe('enterprise.accounts')
    // The enterprise user sees the same list for its own enterprise.
    const mine = (await (await t.as('a_ent')).get(`/api/enterprises/${jinqi.id}/overview`)).json()
    expect(mine.projects.map((p: { id: number }) => p.id)).toEqual([projectId])
    expect((await t.agent().get(`/api/enterprises/${jinqi.id}/overview`)).statusCode).toBe(401)
    expect((await (await t.as('norole')).get(`/api/enterprises/${jinqi.id}/overview`)).statusCode).toBe(403)
    expect((await sup.get('/api/enterprises/999999/overview')).statusCode).toBe(404)
  })

  it('pages the timeline', async () => {
    const sup = await t.as('a_sup')
    const p1 = (await sup.get(`/api/enterprises/${jinqi.id}/timeline?pageSize=2`)).json()
    expect(p1.items).toHaveLength(2)
    expect(p1.total).toBeGreaterThanOrEqual(4)
    const p2 = (await sup.get(`/api/enterprises/${jinqi.id}/timeline?pageSize=2&page=2`)).json()
    expect(p2.items[0].id).not.toBe(p1.items[0].id)
    expect(errorOf(await sup.get(`/api/enterprises/${jinqi.id}/timeline?pageSize=0`)).field).toBe('pageSize')
    expect((await t.agent().get(`/api/enterprises/${jinqi.id}/timeline`)).statusCode).toBe(401)
  })
})

describe('for other modules', () => {
  it('findOrCreateByName matches by credit code, then by name, in the zone; validates a given code', async () => {
    const svc = t.app.services.enterprises
    const zone = await zoneId('甲开发区')
    const db = t.database.db
    expect(
      await svc.findOrCreateByName(db, SYSTEM, { zoneId: zone, name: '任意名称', creditCode: VALID }),
    ).toEqual({
      id: jinqi.id,
      created: false,
    })
    expect(
      await svc.findOrCreateByName(db, SYSTEM, { zoneId: zone, name: ' 通辽金旗牛业有限公司 ' }),
    ).toEqual({
      id: jinqi.id,
      created: false,
    })
    const made = await svc.findOrCreateByName(db, SYSTEM, {
      zoneId: zone,
      name: '中轩生化有限公司',
      creditCode: code('91150500MA0N45678'),
    })
    expect(made.created).toBe(true)
    const row = await db
      .selectFrom('enterprises')
      .selectAll()
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ zone_id: zone, name: '中轩生化有限公司' })
    await expect(
      svc.findOrCreateByName(db, SYSTEM, {
        zoneId: zone,
        name: '坏代码企业',
        creditCode: '91110000600037341A',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'creditCode' })
  })

  it('findVisible respects the scope', async () => {
    const svc = t.app.services.enterprises
    const actor = async (username: string) => (await t.app.services.auth.loadActor(await userId(username)))!
    expect(await svc.findVisible(await actor('a_sup'), jinqi.id)).toEqual({
      id: jinqi.id,
      zoneId: await zoneId('甲开发区'),
      name: '通辽金旗牛业有限公司',
    })
    expect(await svc.findVisible(await actor('b_sup'), jinqi.id)).toBeNull()
  })
})

// Last: it adds an enterprise the counting tests above do not expect.
describe('map point', () => {
  it('keeps "no map point" as no point (null is not 0°, 0°)', async () => {
    const sup = await t.as('a_sup')
    const res = await sup.post('/api/enterprises', { name: '无坐标企业', lng: null, lat: null })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ lng: null, lat: null })
  })
})
