import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, errorOf } from '../../../../test/harness.ts'
import { accept, type Kit, report, SEWER, setupKit } from '../problems/problems.test-kit.ts'

// A local SMTP receiver that requires the configured login and keeps what it is given.
const mails: Array<{ from: string; to: string[]; raw: string }> = []
let refuse = 0
let smtp: SMTPServer
let port: number
let k: Kit
let admin: Agent

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'notify@zone.gov.cn' && auth.password === 'smtp-pass')
        cb(null, { user: auth.username })
      else cb(new Error('Invalid username or password'))
    },
    onData(stream, session, cb) {
      let raw = ''
      stream.on('data', (c: Buffer) => {
        raw += c.toString()
      })
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--
          return cb(new Error('451 try again later'))
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        })
        cb()
      })
    },
  })
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok))
  port = (smtp.server.address() as AddressInfo).port
  k = await setupKit()
  admin = await k.as('sysadmin')
  await k.t.database.db
    .updateTable('users')
    .set({ email: 'eco.handler@zone.gov.cn' })
    .where('username', '=', 'a_handler')
    .execute()
})
afterAll(async () => {
  await k.t.close()
  await new Promise<void>((ok) => smtp.close(() => ok()))
})

/** The text body of a single-part message, decoded (nodemailer picks base64 or quoted-printable). */
function body(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const text = rest.join('\n\n')
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString()
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(
      text
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString()
  return text
}

const settings = (extra: Record<string, unknown> = {}) => ({
  enabled: true,
  host: '127.0.0.1',
  port,
  secure: false,
  user: 'notify@zone.gov.cn',
  password: 'smtp-pass',
  from: '清单平台 <notify@zone.gov.cn>',
  ...extra,
})

describe('e-mail: settings', () => {
  it('401, 403 for a non-administrator, 400 naming the field; the password is never returned', async () => {
    const anon = k.t.agent()
    const sup = await k.as('a_sup')
    for (const [m, url, body] of [
      ['GET', '/api/email/settings'],
      ['PUT', '/api/email/settings', settings()],
      ['POST', '/api/email/test', { to: 'a@b.cn' }],
    ] as const) {
      expect((await anon.request(m, url, body, { headers: { 'x-csrf-token': 'x' } })).statusCode, url).toBe(
        401,
      )
      expect((await sup.request(m, url, body)).statusCode, url).toBe(403)
    }
    expect(errorOf(await admin.put('/api/email/settings', settings({ host: 'bad host' }))).field).toBe('host')
    expect(errorOf(await admin.put('/api/email/settings', settings({ port: 70000 }))).field).toBe('port')
    expect(errorOf(await admin.put('/api/email/settings', settings({ from: 'nobody' }))).field).toBe('from')
    const saved = await admin.put('/api/email/settings', settings())
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ host: '127.0.0.1', hasPassword: true })
    expect(saved.body).not.toContain('smtp-pass')
    // left out, the password stays
    await admin.put('/api/email/settings', { ...settings(), password: undefined })
    expect((await admin.get('/api/email/settings')).json().hasPassword).toBe(true)
    expect(errorOf(await admin.post('/api/email/test', { to: 'not-an-address' })).field).toBe('to')
  })

  it('a test e-mail arrives through the server with the login', async () => {
    const res = await admin.post('/api/email/test', { to: 'director@zone.gov.cn' })
    expect(res.json()).toEqual({ status: 'sent', error: null })
    expect(mails.at(-1)!.to).toEqual(['director@zone.gov.cn'])
    expect(mails.at(-1)!.raw).toContain('Subject: =?UTF-8?')
  })
})

describe('e-mail: notifications by e-mail when a person asks for them', () => {
  it('an assignment is mailed to the handler who switched e-mail on; a refusal is retried later', async () => {
    const handler = await k.as('a_handler')
    const sup = await k.as('a_sup')
    const ent = await k.as('a_ent')
    // e-mail off (the default): nothing is queued
    await accept(sup, await report(ent, { ...SEWER, title: '厂区路灯损坏' }), {
      type: 'onsite',
      category: 'road',
      leadDepartmentId: k.eco,
    })
    expect(
      await k.t.database.db
        .selectFrom('email_deliveries')
        .select('id')
        .where('kind', '=', 'problem.assigned')
        .execute(),
    ).toEqual([])

    await handler.put('/api/notifications/preferences', { 'problem.assigned': { email: true } })
    const p = await accept(sup, await report(ent, { ...SEWER, title: '污水处理站进水超标' }), {
      type: 'onsite',
      category: 'water',
      leadDepartmentId: k.eco,
    })
    refuse = 1
    const svc = k.t.app.services.email
    const t0 = k.t.clock.now()
    expect(await svc.runDue(t0)).toEqual({ sent: 0, failed: 0 })
    const row = await k.t.database.db
      .selectFrom('email_deliveries')
      .selectAll()
      .where('kind', '=', 'problem.assigned')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, to_address: 'eco.handler@zone.gov.cn' })
    expect(row.error).toContain('try again later')
    expect((await svc.runDue(new Date(t0.getTime() + 61_000))).sent).toBe(1)
    const mail = mails.at(-1)!
    expect(mail.to).toEqual(['eco.handler@zone.gov.cn'])
    expect(body(mail.raw)).toContain(`在清单中查看：${k.t.app.deps.config.publicUrl}/problems/${p.id}`)
    expect(body(mail.raw)).toContain('污水处理站进水超标')
  })
})
