import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, type Kit, setupKit } from '../problems/problems.test-kit.ts'

let k: Kit
let admin: Agent
let sup: Agent
let apiKey: string
let keyId: number

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})
const open311 = (method: 'GET' | 'POST', url: string, extra: Record<string, unknown> = {}) =>
  k.t.app.inject({ method, url: `/open311/v2/${url}`, ...extra })

beforeAll(async () => {
  k = await setupKit()
  admin = await k.as('sysadmin')
  sup = await k.as('a_sup')
  const res = await admin.post('/api/open311-keys', { name: '12345 政务服务热线', source: 'hotline' })
  expect(res.statusCode, res.body).toBe(201)
  apiKey = res.json().apiKey
  keyId = res.json().id
})
afterAll(() => k.t.close())

describe('Open311 keys (system administrators)', () => {
  it('401 without a session, 403 without settings:manage', async () => {
    const anon = k.t.agent()
    for (const [m, url, body] of [
      ['GET', '/api/open311-keys'],
      ['POST', '/api/open311-keys', { name: 'x' }],
      ['POST', `/api/open311-keys/${keyId}/revoke`, {}],
    ] as const) {
      expect((await anon.request(m, url, body, { headers: { 'x-csrf-token': 'x' } })).statusCode).toBe(401)
      expect((await sup.request(m, url, body)).statusCode).toBe(403)
    }
  })

  it('400 names the field; the key is shown once and stored hashed', async () => {
    const short = await admin.post('/api/open311-keys', { name: 'x' })
    expect(short.statusCode).toBe(400)
    expect(errorOf(short).field).toBe('name')
    const source = await admin.post('/api/open311-keys', { name: '城市大脑', source: 'enterprise' })
    expect(errorOf(source).field).toBe('source')
    expect(apiKey).toMatch(/^qd311_[\w-]{32}$/)
    const list = (await admin.get('/api/open311-keys')).json().items
    expect(list[0]).toMatchObject({
      name: '12345 政务服务热线',
      source: 'hotline',
      hint: `••••${apiKey.slice(-4)}`,
      enabled: true,
    })
    expect(JSON.stringify(list)).not.toContain(apiKey)
    const stored = await k.t.database.db
      .selectFrom('open311_keys')
      .select('key_hash')
      .executeTakeFirstOrThrow()
    expect(stored.key_hash).not.toContain(apiKey)
    expect((await admin.post('/api/open311-keys/999999/revoke')).statusCode).toBe(404)
  })
})

describe('Open311 GeoReport v2', () => {
  it('discovery and services are public, in JSON and XML', async () => {
    const disc = await open311('GET', 'discovery.json')
    expect(disc.json().endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
    })
    const services = (await open311('GET', 'services.json')).json()
    expect(services).toContainEqual(
      expect.objectContaining({
        service_code: 'water',
        service_name: '供水排水',
        metadata: true,
        type: 'realtime',
      }),
    )
    const def = (await open311('GET', 'services/water.json')).json()
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['title', 'enterprise_name'])
    const xml = await open311('GET', 'services.xml')
    expect(xml.headers['content-type']).toContain('text/xml')
    expect(xml.body).toContain('<services><service><service_code>')
    const missing = await open311('GET', 'services/nope.json')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual([{ code: 404, description: '服务 nope 不存在' }])
  })

  it('requests need a valid api_key: 401 without, 403 with a wrong one, as an error array', async () => {
    const none = await open311('GET', 'requests.json')
    expect(none.statusCode).toBe(401)
    expect(none.json()[0].code).toBe(401)
    const wrong = await open311(
      'POST',
      'requests.json',
      form({ api_key: 'qd311_wrong', service_code: 'water' }),
    )
    expect(wrong.statusCode).toBe(403)
    const xml = await open311('GET', 'requests.xml?api_key=nope')
    expect(xml.statusCode).toBe(403)
    expect(xml.body).toMatch(/<errors><error><code>403<\/code><description>/)
  })

  it('400 for a bad request, with what is wrong', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ description: '路灯不亮' }, /service_code 必填/],
      [{ service_code: 'nope', description: '路灯不亮', address_string: 'x' }, /service_code nope 不存在/],
      [{ service_code: 'road', description: '路灯不亮' }, /须提供位置/],
      [{ service_code: 'road', description: '路灯不亮', lat: '95', long: '109' }, /lat 应在/],
      [{ service_code: 'road', description: '路灯不亮', lat: 'abc', long: '109' }, /lat 应为数字/],
      [{ service_code: 'road', address_string: '园区纬三路' }, /description 必填/],
      [
        { service_code: 'road', description: '路灯不亮', address_string: 'x', 'attribute[color]': 'red' },
        /未知的 attribute：color/,
      ],
    ]
    for (const [fields, message] of cases) {
      const res = await open311('POST', 'requests.json', form({ api_key: apiKey, ...fields }))
      expect(res.statusCode, JSON.stringify(fields)).toBe(400)
      expect(res.json()[0].description).toMatch(message)
    }
    const badDate = await open311('GET', `requests.json?api_key=${apiKey}&start_date=yesterday`)
    expect(badDate.statusCode).toBe(400)
    const badStatus = await open311('GET', `requests.json?api_key=${apiKey}&status=done`)
    expect(badStatus.json()[0].description).toBe('status 只能是 open 或 closed')
    expect(await k.t.database.db.selectFrom('open311_requests').select('token').execute()).toEqual([])
  })

  it('round trip: a posted request is a problem in the loop; once resolved it reads closed', async () => {
    const posted = await open311(
      'POST',
      'requests.json',
      form({
        api_key: apiKey,
        service_code: 'water',
        description: '园区纬三路污水井冒水，影响金旗牛业车辆进出。',
        lat: '40.412345',
        long: '109.987654',
        address_string: '达拉特经济开发区纬三路',
        first_name: '明',
        last_name: '张',
        phone: '13800000000',
        'attribute[title]': '纬三路污水井冒水',
        'attribute[enterprise_name]': '内蒙古金旗牛业有限公司',
      }),
    )
    expect(posted.statusCode, posted.body).toBe(201)
    const [{ service_request_id: code, token }] = posted.json()
    expect(code).toMatch(/^[A-Z]+-2026-\d{4}$|\d/)
    // the supervision office sees it in the ledger, from the hotline, with the reporter
    const list = (await sup.get(`/api/problems?keyword=${encodeURIComponent(code)}`)).json()
    expect(list.total).toBe(1)
    const p = (await sup.get(`/api/problems/${list.items[0].id}`)).json()
    expect(p).toMatchObject({
      title: '纬三路污水井冒水',
      source: 'hotline',
      status: 'submitted',
      reporterName: '张明',
    })
    expect(p.description).toContain('（反映企业：内蒙古金旗牛业有限公司）')

    const open = (await open311('GET', `requests.json?api_key=${apiKey}&status=open`)).json()
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({
      service_request_id: code,
      status: 'open',
      service_code: 'water',
      service_name: '供水排水',
      lat: 40.412345,
      long: 109.987654,
    })
    expect(open[0].requested_datetime).toMatch(/^2026-11-24T09:00:00\+08:00$/)
    expect((await open311('GET', `tokens/${token}.json?api_key=${apiKey}`)).json()).toEqual([
      { token, service_request_id: code },
    ])
    expect(
      (await open311('GET', `requests/${code}.json?api_key=${apiKey}`)).json()[0].service_request_id,
    ).toBe(code)
    expect((await open311('GET', `requests/NOPE-1.json?api_key=${apiKey}`)).statusCode).toBe(404)

    const accepted = await accept(sup, p, { type: 'onsite', category: 'water', leadDepartmentId: k.eco })
    const handler = await k.as('a_handler')
    const resolved = await handler.post(`/api/problems/${p.id}/resolve`, {
      resolution: '已疏通污水井并更换井盖，现场恢复通行。',
      noEvidenceReason: '现场处置，无书面材料',
      version: accepted.version,
    })
    expect(resolved.statusCode, resolved.body).toBe(200)
    const closed = (await open311('GET', `requests.json?api_key=${apiKey}&status=closed`)).json()
    expect(closed).toHaveLength(1)
    expect(closed[0]).toMatchObject({
      status: 'closed',
      agency_responsible: '甲生态环境分局',
      status_notes: '已疏通污水井并更换井盖，现场恢复通行。',
    })
    expect((await open311('GET', `requests.json?api_key=${apiKey}&status=open`)).json()).toEqual([])
    const xml = await open311('GET', `requests/${code}.xml?api_key=${apiKey}`)
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${code}</service_request_id>`)
  })

  it('a revoked key is refused', async () => {
    expect((await admin.post(`/api/open311-keys/${keyId}/revoke`)).statusCode).toBe(200)
    expect((await admin.post(`/api/open311-keys/${keyId}/revoke`)).statusCode).toBe(409)
    expect((await open311('GET', `requests.json?api_key=${apiKey}`)).statusCode).toBe(403)
  })
})
