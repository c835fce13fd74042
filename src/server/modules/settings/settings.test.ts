import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, TEST_PASSWORD, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const policy = {
  passwordMaxAgeDays: 90,
  lockThreshold: 3,
  lockMinutes: 20,
  idleMinutes: 30,
  sessionMaxHours: 12,
  auditRetentionDays: 180,
}

describe('security policy', () => {
  it('401 / 403 / read by the security admin', async () => {
    expect((await t.agent().get('/api/settings/security')).statusCode).toBe(401)
    expect((await (await t.as('sysadmin')).get('/api/settings/security')).statusCode).toBe(403)
    const sec = await t.as('secadmin')
    expect((await sec.get('/api/settings/security')).json()).toMatchObject({
      passwordMaxAgeDays: 90,
      lockThreshold: 5,
      lockMinutes: 10,
      idleMinutes: 30,
    })
  })

  it('refuses values below 等保 level-3 minimums, naming the field', async () => {
    const sec = await t.as('secadmin')
    const res = await sec.put('/api/settings/security', { ...policy, auditRetentionDays: 30 })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('auditRetentionDays')
    expect(errorOf(res).message).toContain('日志保留期')
  })

  it('applies a changed lockout rule at once', async () => {
    const sec = await t.as('secadmin')
    expect((await sec.put('/api/settings/security', policy)).statusCode).toBe(200)
    for (let i = 0; i < 2; i++)
      expect((await t.agent().login('a_officer', 'Nope#nope1')).statusCode).toBe(401)
    const third = await t.agent().login('a_officer', 'Nope#nope1')
    expect(third.statusCode).toBe(423)
    expect(errorOf(third).message).toContain('09:20')
    expect((await t.agent().login('a_officer', TEST_PASSWORD)).statusCode).toBe(423)
  })
})
