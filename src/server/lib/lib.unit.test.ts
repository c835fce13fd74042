import { describe, expect, it } from 'vitest'
import { passwordProblem } from '../../shared/password-policy.ts'
import { describeValidationError } from '../plugins/validation-messages.ts'
import { canonicalJson } from './canonical-json.ts'
import { hashPassword, verifyPassword } from './password-hash.ts'
import { recordDiff } from './record-diff.ts'
import { SecretBox } from './secret-box.ts'
import { addDays, beijingDate, weekStart } from './time.ts'
import { totpCode, verifyTotp } from './totp.ts'

describe('password policy', () => {
  it.each([
    ['Short1!', '密码长度不能少于 8 个字符'],
    ['alllowercase', '至少三类'],
    ['lowerUPPER', '至少三类'],
    ['lower123456', '至少三类'],
  ])('rejects %s', (pw, msg) => {
    expect(passwordProblem(pw)).toContain(msg)
  })
  it.each(['lowerUPPER1', 'lower12#$%', 'UPPER12#$%', 'Demo@2026'])('accepts %s', (pw) => {
    expect(passwordProblem(pw)).toBeNull()
  })
  it('rejects the username or a password containing it', () => {
    expect(passwordProblem('Zhangsan#1', 'zhangsan')).toBe('密码不能包含用户名')
    expect(passwordProblem('Admin#123', 'Admin#123')).toBe('密码不能与用户名相同')
  })
})

describe('scrypt hashes', () => {
  it('verify the right password only, and carry their cost', async () => {
    const h = await hashPassword('Right#Pass1', 1024)
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect(await verifyPassword('Right#Pass1', h)).toBe(true)
    expect(await verifyPassword('Wrong#Pass1', h)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })
})

describe('secret box', () => {
  it('round-trips, and refuses a tampered value or another key', () => {
    const box = new SecretBox('a'.repeat(32))
    const sealed = box.seal('JBSWY3DPEHPK3PXP')
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP')
    expect(() => new SecretBox('b'.repeat(32)).open(sealed)).toThrow()
    const parts = sealed.split('.')
    parts[3] = Buffer.from('tampered').toString('base64')
    expect(() => box.open(parts.join('.'))).toThrow()
  })
})

describe('TOTP', () => {
  it('accepts the current code and one step of drift, not two', () => {
    const secret = 'JBSWY3DPEHPK3PXP'
    const now = new Date('2026-11-24T01:00:00Z')
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(true)
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(true)
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now)).toBe(false)
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false)
  })
})

describe('canonical JSON and diffs', () => {
  it('orders keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[{"y":2,"z":1}],"d":2},"b":1}',
    )
  })
  it('keeps only changed fields and masks secrets', () => {
    const d = recordDiff(
      { name: 'a', same: 1, password_hash: 'x', version: 1 },
      { name: 'b', same: 1, password_hash: 'y', version: 2 },
    )
    expect(d).toEqual({
      before: { name: 'a', password_hash: '******' },
      after: { name: 'b', password_hash: '******' },
    })
  })
})

describe('validation messages', () => {
  it('name the field in Chinese', () => {
    expect(
      describeValidationError({
        keyword: 'required',
        instancePath: '',
        params: { missingProperty: 'username' },
      }),
    ).toEqual({ field: 'username', message: '缺少必填项：用户名' })
    expect(
      describeValidationError({
        keyword: 'minLength',
        instancePath: '/name',
        params: { limit: 1 },
        parentSchema: { title: '名称' },
      }),
    ).toEqual({ field: 'name', message: '名称不能为空' })
    expect(describeValidationError({ keyword: 'pattern', instancePath: '/phone', params: {} }).message).toBe(
      '电话格式不正确',
    )
    expect(
      describeValidationError({ keyword: 'type', instancePath: '/roleIds/0', params: { type: 'integer' } })
        .field,
    ).toBe('roleIds.0')
  })
})

describe('Beijing calendar helpers', () => {
  it('uses the Beijing date, not UTC', () => {
    expect(beijingDate(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24')
  })
  it('weeks start on Monday', () => {
    expect(weekStart('2026-11-24')).toBe('2026-11-23')
    expect(weekStart('2026-11-29')).toBe('2026-11-23')
    expect(weekStart('2026-11-30')).toBe('2026-11-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})
