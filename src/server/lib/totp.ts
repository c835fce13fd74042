import { createHash, randomBytes } from 'node:crypto'
import * as OTPAuth from 'otpauth'

const ISSUER = '清单Qingdan'

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32
}

export function totpUri(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString()
}

function totpFor(secretBase32: string, label = 'user') {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  })
}

/** Accepts the current code and one step either side, to allow for phone clock drift. */
export function verifyTotp(secretBase32: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false
  return totpFor(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null
}

export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() })
}

/** Ten one-time recovery codes like "k3f9-2m7q"; only their hashes are stored. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(8)
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4)}`
  })
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex')
}
