import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, type Kit, report, SEWER, setupKit } from '../problems/problems.test-kit.ts'

let k: Kit
let sup: Agent
let handler: Agent
let base: string

beforeAll(async () => {
  k = await setupKit()
  sup = await k.as('a_sup')
  handler = await k.as('a_handler')
  base = await k.t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => k.t.close())

/** A problem reported by the enterprise and assigned by the supervision office to 甲生态环境分局. */
async function assigned(title = SEWER.title) {
  const ent = await k.as('a_ent')
  const p = await report(ent, { ...SEWER, title })
  return accept(sup, p, { type: 'onsite', category: 'water', leadDepartmentId: k.eco })
}

/** Reads an SSE response until `n` notification events arrived (or the time runs out). */
async function events(res: Response, n: number, ms = 8000) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  const out: Array<{ id: string; data: any }> = []
  let buf = ''
  const deadline = Date.now() + ms
  while (out.length < n && Date.now() < deadline) {
    const r = await Promise.race([
      reader.read(),
      new Promise<null>((ok) => setTimeout(() => ok(null), deadline - Date.now())),
    ])
    if (!r || r.done) break
    buf += r.value
    let i = buf.indexOf('\n\n')
    while (i >= 0) {
      const block = buf.slice(0, i)
      buf = buf.slice(i + 2)
      const id = /^id: (.+)$/m.exec(block)?.[1]
      const data = /^data: (.+)$/m.exec(block)?.[1]
      if (id && data && /^event: notification$/m.test(block)) out.push({ id, data: JSON.parse(data) })
      i = buf.indexOf('\n\n')
    }
  }
  await reader.cancel()
  return out
}
const cookie = (a: Agent) =>
  Object.entries(a.cookies)
    .map(([name, v]) => `${name}=${v}`)
    .join('; ')

describe('notifications: guards', () => {
  it('401 without a session on every endpoint', async () => {
    const anon = k.t.agent()
    for (const [m, url, body] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['GET', '/api/notifications/stream'],
      ['POST', '/api/notifications/1/read', {}],
      ['POST', '/api/notifications/read-all', {}],
      ['GET', '/api/notifications/preferences'],
      ['PUT', '/api/notifications/preferences', {}],
    ] as const)
      expect((await anon.request(m, url, body, { headers: { 'x-csrf-token': 'x' } })).statusCode, url).toBe(
        401,
      )
  })
})

describe('notifications: a problem assigned to a department reaches its handlers', () => {
  it('the handler of 甲生态环境分局 gets "交办" with a link; the supervisor who assigned does not', async () => {
    const p = await assigned()
    const mine = (await handler.get('/api/notifications')).json()
    expect(mine.unread).toBe(1)
    expect(mine.items[0]).toMatchObject({ kind: 'problem.assigned', link: `/problems/${p.id}`, readAt: null })
    expect(mine.items[0].title).toBe(`交办：${p.code} ${SEWER.title}`)
    expect(
      (await sup.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind),
    ).not.toContain('problem.assigned')
    // 乙's handler hears nothing of zone 甲
    expect((await (await k.as('b_handler')).get('/api/notifications/unread-count')).json().unread).toBe(0)
  })

  it('read one, 404 for someone else’s, 400 for a bad id, read all', async () => {
    const n = (await handler.get('/api/notifications?unread=true')).json().items[0]
    expect((await sup.post(`/api/notifications/${n.id}/read`)).statusCode).toBe(404)
    const bad = await handler.post('/api/notifications/abc/read')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('id')
    expect((await handler.post(`/api/notifications/${n.id}/read`)).json()).toEqual({ unread: 0 })
    await assigned('厂区道路积水')
    expect((await handler.get('/api/notifications/unread-count')).json().unread).toBe(1)
    expect((await handler.post('/api/notifications/read-all')).json()).toEqual({ unread: 0 })
  })

  it('preferences: switched off, the next assignment is not delivered in the app; unknown kinds are refused', async () => {
    const bad = await handler.put('/api/notifications/preferences', { 'problem.nope': { inApp: false } })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('problem.nope')
    const prefs = (
      await handler.put('/api/notifications/preferences', { 'problem.assigned': { inApp: false } })
    ).json()
    expect(prefs['problem.assigned']).toEqual({ inApp: false, email: false })
    expect(prefs['problem.remind']).toEqual({ inApp: true, email: false })
    await assigned('供电线路改迁')
    expect((await handler.get('/api/notifications/unread-count')).json().unread).toBe(0)
    await handler.put('/api/notifications/preferences', { 'problem.assigned': { inApp: true } })
  })
})

describe('notifications: mentions', () => {
  it('"@名字" in a reply notifies that person, if they may read the zone’s problems', async () => {
    const p = await assigned('排水管网改造')
    const res = await handler.post(`/api/problems/${p.id}/reply`, {
      text: '已现场查看，@甲督查 请协调供电公司配合迁改，@乙督查 @不存在的人 无关',
      version: p.version,
    })
    expect(res.statusCode, res.body).toBe(200)
    const supItems = (await sup.get('/api/notifications')).json().items
    expect(supItems[0]).toMatchObject({ kind: 'problem.mentioned', link: `/problems/${p.id}` })
    expect(supItems[0].title).toBe(`提到了你：${p.code} 排水管网改造`)
    // 乙's supervisor works in another zone: not told
    const bSup = await k.as('b_sup')
    expect(
      (await bSup.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind),
    ).not.toContain('problem.mentioned')
  })
})

describe('notifications: live over Server-Sent Events', () => {
  it('delivers an assignment to the open stream, and what was missed after Last-Event-ID', async () => {
    const res = await fetch(`${base}/api/notifications/stream`, { headers: { cookie: cookie(handler) } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const live = events(res, 1)
    await new Promise((ok) => setTimeout(ok, 200))
    const p = await assigned('天然气管道接入')
    const [got] = await live
    expect(got.data).toMatchObject({ kind: 'problem.assigned', link: `/problems/${p.id}` })

    // offline: two more assignments; reconnecting with the last id seen replays exactly those
    const q1 = await assigned('排污许可办理')
    const q2 = await assigned('施工许可办理')
    const again = await fetch(`${base}/api/notifications/stream`, {
      headers: { cookie: cookie(handler), 'last-event-id': got.id },
    })
    const missed = await events(again, 2)
    expect(missed.map((e) => e.data.link)).toEqual([`/problems/${q1.id}`, `/problems/${q2.id}`])
    expect(Number(missed[0].id)).toBeGreaterThan(Number(got.id))
  })
})
