import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, TEST_PASSWORD, type TestApp } from '../../../../test/harness.ts'
import { totpCode } from '../../lib/totp.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('sign-in', () => {
  it('rejects requests without a session with 401', async () => {
    const res = await t.agent().get('/api/auth/me')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('UNAUTHENTICATED')
  })

  it('names the missing field when the login body is incomplete', async () => {
    const res = await t.agent().post('/api/auth/login', { password: 'x' })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION', field: 'username' })
    expect(errorOf(res).message).toContain('用户名')
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const a = t.agent()
    const res = await a.request(
      'POST',
      '/api/auth/login',
      { username: 'a_sup', password: TEST_PASSWORD },
      { headers: { 'x-csrf-token': 'forged' } },
    )
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('CSRF_INVALID')
  })

  it('refuses a cross-site Origin', async () => {
    const a = t.agent()
    await a.fetchCsrf()
    const res = await a.post(
      '/api/auth/login',
      { username: 'a_sup', password: TEST_PASSWORD },
      { headers: { origin: 'https://evil.example', host: 'qingdan.local' } },
    )
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('ORIGIN_MISMATCH')
  })

  it('signs in, tells who is signed in, and signs out', async () => {
    const a = t.agent()
    const res = await a.login('a_sup', TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'ok',
      user: { username: 'a_sup', zone: { name: '甲开发区' }, mustChangePassword: null },
    })
    const cookie = res.cookies.find((c: { name: string }) => c.name === 'qd_sid') as {
      httpOnly?: boolean
      sameSite?: string
    }
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    expect((await a.get('/api/auth/me')).json().department.pathNames).toEqual([
      '测试市',
      '甲开发区',
      '甲督查室',
    ])
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200)
    expect((await a.get('/api/auth/me')).statusCode).toBe(401)
  })

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const res = await t.agent().login('nobody-here', 'Whatever1!')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' })
  })
})

describe('lockout', () => {
  it('locks the account for 10 minutes after 5 failures and says until when', async () => {
    const a = t.agent()
    for (let i = 1; i <= 4; i++) {
      const res = await a.login('a_officer', 'Wrong-pass1')
      expect(res.statusCode).toBe(401)
      expect(errorOf(res).message).toContain(`再失败 ${5 - i} 次`)
    }
    const fifth = await a.login('a_officer', 'Wrong-pass1')
    expect(fifth.statusCode).toBe(423)
    expect(errorOf(fifth).code).toBe('ACCOUNT_LOCKED')
    // 09:00 Beijing + 10 minutes
    expect(errorOf(fifth).message).toContain('2026-11-24 09:10')
    // The right password does not get in while locked.
    expect((await a.login('a_officer', TEST_PASSWORD)).statusCode).toBe(423)
    t.clock.advanceMinutes(9)
    expect((await a.login('a_officer', TEST_PASSWORD)).statusCode).toBe(423)
    t.clock.advanceMinutes(2)
    expect((await a.login('a_officer', TEST_PASSWORD)).statusCode).toBe(200)
  })
})

describe('idle timeout', () => {
  it('ends a session left idle for more than 30 minutes, not one in use', async () => {
    const a = await t.as('a_leader')
    t.clock.advanceMinutes(25)
    expect((await a.get('/api/auth/me')).statusCode).toBe(200)
    t.clock.advanceMinutes(25)
    expect((await a.get('/api/auth/me')).statusCode).toBe(200)
    t.clock.advanceMinutes(31)
    const res = await a.get('/api/auth/me')
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('SESSION_EXPIRED')
  })
})

describe('password change and expiry', () => {
  it('enforces the password policy and names the field', async () => {
    const a = await t.as('a_handler')
    const weak = await a.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'abcdefgh',
    })
    expect(weak.statusCode).toBe(400)
    expect(errorOf(weak)).toMatchObject({ code: 'PASSWORD_POLICY', field: 'newPassword' })
    const wrongCurrent = await a.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Better#Pass9',
    })
    expect(errorOf(wrongCurrent)).toMatchObject({ code: 'VALIDATION', field: 'currentPassword' })
    const sameAsUser = await a.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'A_Handler',
    })
    expect(errorOf(sameAsUser).field).toBe('newPassword')
  })

  it('requires a change after 90 days and blocks everything else until then', async () => {
    const clockStart = t.clock.now()
    t.clock.advance(91 * 86_400_000)
    const a = await t.as('a_waste')
    expect((await a.get('/api/auth/me')).json().mustChangePassword).toBe('expired')
    const blocked = await a.get('/api/departments/tree')
    expect(blocked.statusCode).toBe(403)
    expect(errorOf(blocked).code).toBe('PASSWORD_CHANGE_REQUIRED')
    const changed = await a.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Fresh#Pass2026',
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json().mustChangePassword).toBeNull()
    expect((await a.get('/api/departments/tree')).statusCode).toBe(200)
    t.clock.set(clockStart)
  })
})

describe('TOTP second factor', () => {
  it('enrols, then asks for the code at sign-in, and accepts a recovery code once', async () => {
    const a = await t.as('b_handler')
    const setup = (await a.post('/api/auth/totp/setup')).json()
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//)
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    const bad = await a.post('/api/auth/totp/enable', { code: '000000' })
    expect(bad.statusCode).toBe(401)
    const enabled = await a.post('/api/auth/totp/enable', { code: totpCode(setup.secret, t.clock.now()) })
    expect(enabled.statusCode).toBe(200)
    const codes: string[] = enabled.json().recoveryCodes
    expect(codes).toHaveLength(10)
    await a.post('/api/auth/logout')

    const b = t.agent()
    const first = await b.login('b_handler', TEST_PASSWORD)
    expect(first.json().status).toBe('totp_required')
    expect((await b.get('/api/auth/me')).statusCode).toBe(401)
    b.csrf = first.json().csrfToken
    expect((await b.post('/api/auth/totp', { code: '123456' })).statusCode).toBe(401)
    const ok = await b.post('/api/auth/totp', { code: totpCode(setup.secret, t.clock.now()) })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user.totpEnabled).toBe(true)

    const c = t.agent()
    c.csrf = (await c.login('b_handler', TEST_PASSWORD)).json().csrfToken
    expect((await c.post('/api/auth/totp', { code: codes[0] })).statusCode).toBe(200)
    const d = t.agent()
    d.csrf = (await d.login('b_handler', TEST_PASSWORD)).json().csrfToken
    expect((await d.post('/api/auth/totp', { code: codes[0] })).statusCode).toBe(401)
  })
})

describe('login log', () => {
  it('records successes and failures with IP and user agent, readable by the audit admin only', async () => {
    await t.agent().login('a_sup', 'Wrong-pass1')
    const auditor = await t.as('auditadmin')
    const res = await auditor.get('/api/login-logs?username=a_sup&success=false')
    expect(res.statusCode).toBe(200)
    const row = res.json().items[0]
    expect(row).toMatchObject({ username: 'a_sup', success: false, reason: '密码错误' })
    expect(row.ip).toBeTruthy()
    expect(row.userAgent).toBe('lightMyRequest')
    const sup = await t.as('a_sup')
    expect((await sup.get('/api/login-logs')).statusCode).toBe(403)
    expect((await t.agent().get('/api/login-logs')).statusCode).toBe(401)
  })
})

describe('turning TOTP off', () => {
  it('needs the current password', async () => {
    const a = await t.as('a_leader')
    const setup = (await a.post('/api/auth/totp/setup')).json()
    expect(
      (await a.post('/api/auth/totp/enable', { code: totpCode(setup.secret, t.clock.now()) })).statusCode,
    ).toBe(200)
    const wrong = await a.post('/api/auth/totp/disable', { password: 'not-it' })
    expect(wrong.statusCode).toBe(400)
    expect(errorOf(wrong).field).toBe('password')
    expect((await a.post('/api/auth/totp/disable', {})).statusCode).toBe(400)
    expect((await a.post('/api/auth/totp/disable', { password: TEST_PASSWORD })).statusCode).toBe(200)
    expect((await a.get('/api/auth/me')).json().totpEnabled).toBe(false)
    expect((await t.agent().login('a_leader', TEST_PASSWORD)).json().status).toBe('ok')
  })
})
