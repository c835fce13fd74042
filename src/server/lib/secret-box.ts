import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** AES-256-GCM for secrets kept at rest (TOTP seeds, later robot secrets); the key is derived from a master secret. */
export class SecretBox {
  readonly #key: Buffer
  constructor(masterSecret: string, purpose = 'qingdan-secrets') {
    this.#key = Buffer.from(hkdfSync('sha256', masterSecret, 'qingdan', purpose, 32))
  }
  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`
  }
  open(sealed: string): string {
    const [v, iv, tag, data] = sealed.split('.')
    if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown secret format')
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8')
  }
}
