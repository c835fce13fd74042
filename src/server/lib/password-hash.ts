import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>

const KEY_LEN = 32

/** scrypt$N$r$p$salt$hash — parameters travel with the hash so the cost can be raised later. */
export async function hashPassword(password: string, cost = 16384): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEY_LEN, { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 })
  return `scrypt$${cost}$8$1$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, n, r, p, saltB64, keyB64] = parts
  const N = Number(n)
  const expected = Buffer.from(keyB64, 'base64')
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A hash of a random password, for timing-equal failures on unknown usernames. */
export const DUMMY_HASH_PASSWORD = 'not-a-real-password'
