import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, type Kit, report, SEWER, setupKit } from '../problems/problems.test-kit.ts'

// A local receiver that checks each platform's signature exactly as the platform documents it,
// answers like the platform, and can be told to fail.
interface Received {
  path: string
  query: URLSearchParams
  body: any
}
let receiver: Server
let url: string
const got: Received[] = []
let failNext = 0
const SECRET = 'SECdemo0123456789abcdef'

function verify(path: string, q: URLSearchParams, body: any): { ok: boolean; answer: unknown } {
  if (path.startsWith('/wecom')) return { ok: true, answer: { errcode: 0, errmsg: 'ok' } }
  if (path.startsWith('/dingtalk')) {
    const ts = q.get('timestamp')!
    // 钉钉: sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))); the query
    // string is already decoded once by URLSearchParams, so compare with the base64 form.
    const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64')
    const fresh = Math.abs(Date.now() - Number(ts)) < 3_600_000 * 24 * 400
    return q.get('sign') === expected && fresh
      ? { ok: true, answer: { errcode: 0, errmsg: 'ok' } }
      : { ok: false, answer: { errcode: 310000, errmsg: 'sign not match' } }
  }
  // 飞书: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, data = ""))
  const expected = createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64')
  return body.sign === expected
    ? { ok: true, answer: { code: 0, msg: 'success', data: {} } }
    : {
        ok: false,
        answer: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
      }
}

let k: Kit
let sup: Agent

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const u = new URL(req.url!, 'http://x')
      const body = JSON.parse(raw)
      got.push({ path: u.pathname, query: u.searchParams, body })
      res.setHeader('content-type', 'application/json')
      if (failNext > 0) {
        failNext--
        res.statusCode = 200
        return res.end(JSON.stringify({ errcode: 45009, errmsg: 'api freq out of limit' }))
      }
      res.end(JSON.stringify(verify(u.pathname, u.searchParams, body).answer))
    })
  })
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  k = await setupKit()
  sup = await k.as('a_sup')
})
afterAll(async () => {
  await k.t.close()
  await new Promise((ok) => receiver.close(ok))
})

const robot = (body: Record<string, unknown>) => sup.post('/api/robots', body)

describe('robots: guards and validation', () => {
  it('401 without a session, 403 for a department handler', async () => {
    const anon = k.t.agent()
    const handler = await k.as('a_handler')
    for (const [m, path, body] of [
      ['GET', '/api/robots'],
      ['POST', '/api/robots', { name: 'x', platform: 'wecom', topics: ['daily'] }],
      ['PUT', '/api/robots/1', { name: 'x', platform: 'wecom', topics: ['daily'], version: 1 }],
      ['DELETE', '/api/robots/1?version=1'],
      ['POST', '/api/robots/1/test', {}],
      ['GET', '/api/robots/deliveries'],
    ] as const) {
      expect((await anon.request(m, path, body, { headers: { 'x-csrf-token': 'x' } })).statusCode, path).toBe(
        401,
      )
      expect((await handler.request(m, path, body)).statusCode, path).toBe(403)
    }
  })

  it('400 names the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', platform: 'wecom', webhook: `${url}/wecom`, topics: ['daily'] }, 'name'],
      [{ name: '督查室群', platform: 'wecom', topics: ['daily'] }, 'webhook'],
      [{ name: '督查室群', platform: 'wecom', webhook: 'not a url', topics: ['daily'] }, 'webhook'],
      [{ name: '督查室群', platform: 'wecom', webhook: `${url}/wecom`, topics: [] }, 'topics'],
      [
        { name: '督查室群', platform: 'wecom', webhook: `${url}/wecom`, secret: 'x', topics: ['daily'] },
        'secret',
      ],
      [
        {
          name: '督查室群',
          platform: 'dingtalk',
          webhook: `${url}/dingtalk`,
          topics: ['daily'],
          mobiles: ['12'],
        },
        'mobiles',
      ],
      [
        {
          name: '督查室群',
          platform: 'wecom',
          webhook: `${url}/wecom`,
          topics: ['daily'],
          departmentId: 999999,
        },
        'departmentId',
      ],
    ]
    for (const [body, field] of cases) {
      const res = await robot(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(errorOf(res).field).toBe(field)
    }
  })
})

describe('robots: signed delivery to each platform', () => {
  it('secrets are never returned; a test message reaches each platform with a valid signature', async () => {
    const wecom = (
      await robot({
        name: '督查室调度群',
        platform: 'wecom',
        webhook: `${url}/wecom/send?key=abcd-1234`,
        topics: ['daily', 'assigned'],
      })
    ).json()
    const ding = (
      await robot({
        name: '生态环境分局群',
        platform: 'dingtalk',
        webhook: `${url}/dingtalk/robot/send?access_token=tok9876`,
        secret: SECRET,
        departmentId: k.eco,
        topics: ['assigned', 'overdue'],
        mobiles: ['13800000001'],
      })
    ).json()
    const feishu = (
      await robot({
        name: '领导群',
        platform: 'feishu',
        webhook: `${url}/feishu/hook/xyz`,
        secret: SECRET,
        topics: ['bulletin'],
      })
    ).json()
    const list = await sup.get('/api/robots')
    expect(list.body).not.toContain(SECRET)
    expect(list.body).not.toContain('abcd-1234')
    expect(wecom.webhookHint).toBe(`127.0.0.1:${new URL(url).port} …1234`)
    const stored = await k.t.database.db
      .selectFrom('robots')
      .select(['webhook_sealed', 'secret_sealed'])
      .execute()
    expect(JSON.stringify(stored)).not.toContain(SECRET)

    for (const r of [wecom, ding, feishu]) {
      const res = await sup.post(`/api/robots/${r.id}/test`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ status: 'sent', attempts: 1, errorCode: null })
    }
    const dingMsg = got.find((g) => g.path.startsWith('/dingtalk'))!
    expect(dingMsg.body.at.atMobiles).toEqual(['13800000001'])
    expect(dingMsg.body.markdown.text).toContain('@13800000001')
    expect(got.find((g) => g.path.startsWith('/feishu'))!.body.timestamp).toMatch(/^\d{10}$/)
    expect(got.find((g) => g.path.startsWith('/wecom'))!.body.markdown.content).toContain(
      '清单 Qingdan 测试消息',
    )
  })

  it('a wrong secret shows the platform’s own error code in the log', async () => {
    const bad = (
      await robot({
        name: '密钥错误的群',
        platform: 'feishu',
        webhook: `${url}/feishu/hook/bad`,
        secret: 'wrong',
        topics: ['bulletin'],
      })
    ).json()
    const res = (await sup.post(`/api/robots/${bad.id}/test`)).json()
    expect(res).toMatchObject({ status: 'pending', attempts: 1, errorCode: '19021' })
    expect(res.error).toContain('sign match fail')
  })

  it('an assignment reaches the lead unit’s group and the zone’s; a receiver failing twice is retried with backoff', async () => {
    failNext = 2
    const before = got.length
    const ent = await k.as('a_ent')
    const p = await report(ent, { ...SEWER, title: '雨污管网错接' })
    await accept(sup, p, { type: 'onsite', category: 'water', leadDepartmentId: k.eco })
    const svc = k.t.app.services.robots
    const t0 = k.t.clock.now()
    const first = await svc.runDue(t0)
    expect(first.sent).toBe(0) // both answered 45009
    const log = (await sup.get('/api/robots/deliveries?status=pending'))
      .json()
      .items.filter((d: { topic: string }) => d.topic === 'assigned')
    expect(log).toHaveLength(2)
    expect(log.map((d: { errorCode: string }) => d.errorCode)).toEqual(['45009', '45009'])
    // not due again before the backoff has passed
    expect((await svc.runDue(new Date(t0.getTime() + 10_000))).sent).toBe(0)
    expect((await svc.runDue(new Date(t0.getTime() + 31_000))).sent).toBe(2)
    const assigned = got.slice(before).filter((g) => JSON.stringify(g.body).includes('雨污管网错接'))
    expect(assigned.map((g) => g.path.split('/')[1]).sort()).toEqual([
      'dingtalk',
      'dingtalk',
      'wecom',
      'wecom',
    ])
    const sent = (await sup.get('/api/robots/deliveries?status=sent'))
      .json()
      .items.filter((d: { topic: string }) => d.topic === 'assigned')
    expect(sent.map((d: { attempts: number }) => d.attempts)).toEqual([2, 2])
  })

  it('paces 企业微信 at 20 messages a minute', async () => {
    const r = (
      await robot({
        name: '限流测试群',
        platform: 'wecom',
        webhook: `${url}/wecom/send?key=pace`,
        topics: ['lists'],
      })
    ).json()
    const svc = k.t.app.services.robots
    await k.t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 25; i++)
        await svc.enqueue(trx, {
          zoneId: r.zoneId,
          topic: 'lists',
          message: { title: `第${i + 1}条`, text: '三个清单' },
        })
    })
    const t0 = new Date(k.t.clock.now().getTime() + 3_600_000)
    const first = await svc.runDue(t0)
    expect(first.sent).toBe(20)
    expect(first.postponed).toBe(5)
    expect((await svc.runDue(new Date(t0.getTime() + 61_000))).sent).toBe(5)
  })

  it('sends a problem’s three lists to the groups by hand; an enterprise may not; an issued bulletin reaches the groups that take bulletins', async () => {
    const ent = await k.as('a_ent')
    const p = await report(ent, { ...SEWER, title: '危废暂存间建设' })
    await accept(sup, p, { type: 'onsite', category: 'environment', leadDepartmentId: k.eco })
    expect((await ent.post('/api/robots/send-lists', { problemId: p.id })).statusCode).toBe(403)
    expect((await sup.post('/api/robots/send-lists', { problemId: 999999 })).statusCode).toBe(404)
    const handler = await k.as('a_handler')
    const res = await handler.post('/api/robots/send-lists', { problemId: p.id })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().groups).toBe(1) // the zone's 限流测试群 takes 'lists'
    const svc = k.t.app.services.robots
    const before = got.length
    await svc.runDue(new Date(k.t.clock.now().getTime() + 3 * 3_600_000))
    const lists = got.slice(before).find((g) => g.body.markdown?.content?.includes(`三个清单：${p.code}`))
    expect(lists?.body.markdown.content).toContain('危废暂存间建设')

    const b = (await sup.post('/api/bulletins', { kind: 'monthly', periodKey: '2026-10' })).json()
    const ready = (
      await sup.patch(`/api/bulletins/${b.id}`, { version: b.version, omitted: ['praise', 'criticism'] })
    ).json()
    expect((await sup.post(`/api/bulletins/${b.id}/issue`, { version: ready.version })).statusCode).toBe(200)
    await svc.runDue(new Date(k.t.clock.now().getTime() + 4 * 3_600_000))
    const feishu = got.filter((g) => g.path === '/feishu/hook/xyz').at(-1)
    expect(feishu?.body.content.text).toMatch(/^通报签发：〔2026〕1号/)
  })

  it('queues the zone’s daily dispatch summary for groups that take it, on a working day', async () => {
    const svc = k.t.app.services.robots
    const queued = await svc.queueDailySummaries()
    expect(queued.zones).toBe(1) // 甲: the 督查室 group takes 'daily'; 乙 has no robot
    const before = got.length
    await svc.runDue(new Date(k.t.clock.now().getTime() + 7_200_000))
    const daily = got.slice(before).find((g) => g.body.markdown?.content?.includes('甲开发区 日调度'))
    expect(daily?.path).toBe('/wecom/send')
    expect(daily?.body.markdown.content).toMatch(/今日新增|超期|到期/)
  })

  it('edits keep the stored webhook when left blank; 409 on a stale version; delete', async () => {
    const r = (await sup.get('/api/robots')).json().items[0]
    const res = await sup.put(`/api/robots/${r.id}`, {
      name: '督查室调度群（新）',
      platform: r.platform,
      topics: r.topics,
      version: r.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ name: '督查室调度群（新）', webhookHint: r.webhookHint })
    expect(
      (
        await sup.put(`/api/robots/${r.id}`, {
          name: '再改',
          platform: r.platform,
          topics: r.topics,
          version: r.version,
        })
      ).statusCode,
    ).toBe(409)
    expect((await sup.delete(`/api/robots/${r.id}?version=${r.version + 1}`)).statusCode).toBe(200)
    expect((await sup.get('/api/robots')).json().items.map((x: { id: number }) => x.id)).not.toContain(r.id)
  })
})
