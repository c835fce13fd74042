import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('has defaults that run the demo on the embedded database', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qd-cfg-'))
    const c = loadConfig({ DATA_DIR: dir })
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: dir, env: 'development' })
    // A secret is generated once and kept in the data dir.
    expect(c.sessionSecret).toBe(readFileSync(path.join(dir, 'session-secret'), 'utf8'))
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(c.sessionSecret)
    // nightly backups under the data dir, two weeks kept
    expect(c).toMatchObject({ backupDir: path.join(dir, 'backups'), backupKeepDays: 14 })
    expect(() => loadConfig({ DATA_DIR: dir, BACKUP_KEEP_DAYS: '0' })).toThrow('BACKUP_KEEP_DAYS')
  })

  it('names every bad variable in one clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'production' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      const msg = (e as Error).message
      expect(msg).toContain('PORT')
      expect(msg).toContain('DATABASE_URL')
      expect(msg).toContain('SESSION_SECRET')
    }
  })

  it('accepts a PostgreSQL URL and a production secret', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@h/db',
      SESSION_SECRET: 'x'.repeat(40),
      PORT: '8080',
    })
    expect(c).toMatchObject({ env: 'production', databaseUrl: 'postgres://u@h/db', port: 8080 })
  })
})
