import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/harness.ts'
import type { Database } from './database.ts'
import { acquirePidLock, DataDirLockedError } from './pid-lock.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

describe('transaction-aware handle', () => {
  it('runs a query made through the root handle inside the open transaction', async () => {
    const { db } = database
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: 'tx-probe', value: '1', updated_at: new Date(), updated_by: null })
          .execute()
        // Through `db`, not `trx`: sees the uncommitted row (and does not deadlock PGlite).
        const seen = await db
          .selectFrom('settings')
          .select('key')
          .where('key', '=', 'tx-probe')
          .executeTakeFirst()
        expect(seen?.key).toBe('tx-probe')
        // A nested transaction joins the open one.
        await db.transaction().execute(async (inner) => {
          await inner.updateTable('settings').set({ value: '2' }).where('key', '=', 'tx-probe').execute()
        })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    const after = await db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', 'tx-probe')
      .executeTakeFirst()
    expect(after).toBeUndefined()
  })

  it('parses INT8, DATE and NUMERIC as strings on both drivers', async () => {
    const r = await sql<{
      a: unknown
      d: unknown
      n: unknown
    }>`select 9007199254740993::int8 as a, date '2026-02-17' as d, 313.64::numeric(18,2) as n`.execute(
      database.db,
    )
    expect(r.rows[0]).toEqual({ a: '9007199254740993', d: '2026-02-17', n: '313.64' })
  })
})

describe('PID lock of the embedded data directory', () => {
  it('refuses a second process while the first holds it, and takes over a stale lock', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qd-lock-'))
    const file = path.join(dir, 'qingdan.pid')
    const lock = acquirePidLock(file)
    const script = `import('${path.resolve('src/server/db/pid-lock.ts')}').then(m => { try { m.acquirePidLock(${JSON.stringify(file)}); console.log('GOT') } catch (e) { console.log('REFUSED', e.message) } })`
    const second = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(second.stdout).toContain('REFUSED')
    expect(second.stdout).toContain(`进程 ${process.pid}`)
    lock.release()
    // A lock left behind by a process that no longer exists is taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
    writeFileSync(file, String(dead.pid))
    const third = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(third.stdout).toContain('GOT')
    // …and that one exited without releasing: stale again, so this process may take it.
    expect(() => acquirePidLock(file).release()).not.toThrow(DataDirLockedError)
  })
})
