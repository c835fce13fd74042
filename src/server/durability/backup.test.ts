import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverEnv } from '../../../test/child-server.ts'
import { createTestApp, openTestDatabase, type TestApp } from '../../../test/harness.ts'
import { createScratchDatabase, onPostgres } from '../../../test/scratch-db.ts'
import { TestClock } from '../clock.ts'
import {
  type BackupManifest,
  backupDatabase,
  diffDigests,
  manifestPath,
  readManifest,
  restoreBackup,
  type TableDigest,
  tableDigests,
} from '../db/backup.ts'
import { type Database, openDatabase } from '../db/database.ts'
import { runNightlyBackup } from '../jobs/backup.jobs.ts'

// Backup and restore round trips of the whole demo on the database under test: every table's row count
// and ordered row hash must come back equal; a non-empty target is refused without --force; the nightly
// job writes into BACKUP_DIR, prunes what is older than BACKUP_KEEP_DAYS and survives a failure.
const work = mkdtempSync(path.join(tmpdir(), 'qd-backup-'))
const scratches: Array<{ drop(): Promise<void> }> = []
afterAll(async () => {
  for (const s of scratches) await s.drop()
  rmSync(work, { recursive: true, force: true })
})

const urlOf = (database: Database) =>
  (database.pool as unknown as { options: { connectionString: string } } | undefined)?.options
    .connectionString

/** A restore target of the kind under test: an empty data dir, or an empty scratch database. */
async function emptyTarget(name: string) {
  if (!onPostgres) {
    const dataDir = path.join(work, name)
    return {
      target: { kind: 'pglite' as const, dataDir },
      open: () => openDatabase({ dataDir }),
      env: serverEnv({ dataDir }),
    }
  }
  const s = await createScratchDatabase({ empty: true })
  scratches.push(s)
  return {
    target: { kind: 'postgres' as const, url: s.url },
    open: () => openDatabase({ databaseUrl: s.url }),
    env: serverEnv({ dataDir: path.join(work, name), databaseUrl: s.url }),
  }
}

async function digestsOf(open: () => Promise<Database>): Promise<Record<string, TableDigest>> {
  const database = await open()
  try {
    return await tableDigests(database.db)
  } finally {
    await database.close()
  }
}

describe(`backup and restore of the demo (${onPostgres ? 'PostgreSQL, pg_dump' : 'embedded PGlite'})`, () => {
  let t: TestApp
  let source: Record<string, TableDigest>
  let manifest: BackupManifest
  let file: string
  const clock = new TestClock('2026-11-25T02:15:00+08:00')

  beforeAll(async () => {
    t = await createTestApp({ demo: true, clock })
    source = await tableDigests(t.database.db)
  }, 240_000) // loading the whole demo is the slow part (≈ 20–60 s; much more on a busy machine)
  afterAll(() => t?.close())

  it('writes a dump and a manifest of every table from one snapshot', async () => {
    const steps: string[] = []
    manifest = await backupDatabase(t.database, {
      dir: path.join(work, 'backups'),
      now: clock.now(),
      databaseUrl: urlOf(t.database),
      progress: (m, p) => steps.push(`${p}% ${m}`),
    })
    file = path.join(work, 'backups', manifest.file)
    console.log(`backup of the demo: ${manifest.ms} ms, ${(manifest.bytes / 1024).toFixed(0)} KiB`)
    expect(manifest.file).toBe(`qingdan-20261125-021500${onPostgres ? '.pgdump' : '.pglite.tar.gz'}`)
    expect(existsSync(file)).toBe(true)
    expect(JSON.parse(readFileSync(manifestPath(file), 'utf8')).tables).toEqual(manifest.tables)
    expect(manifest.tables).toEqual(source)
    // the demo is in it: the app's tables, with rows, and the migrations' record
    expect(Object.keys(manifest.tables).length).toBeGreaterThan(40)
    expect(manifest.tables['public.enterprises'].rows).toBeGreaterThan(10)
    expect(manifest.tables['public.audit_log'].rows).toBeGreaterThan(10)
    expect(steps.at(-1)).toContain('100%')
    expect(readdirSync(path.join(work, 'backups')).some((f) => f.endsWith('.partial'))).toBe(false)
  })

  it('restores into an empty target with every table equal, refuses a non-empty one without --force', async () => {
    const target = await emptyTarget('restore-a')
    const steps: Array<number | undefined> = []
    const r = await restoreBackup({
      file,
      target: target.target,
      now: clock.now(),
      progress: (_, p) => steps.push(p),
    })
    console.log(`restore of the demo: ${r.ms} ms`)
    expect(r.verified).toBe(true)
    expect(r.tables).toEqual(source)
    expect(steps.filter((p) => p !== undefined).length).toBeGreaterThan(2)
    expect(steps.at(-1)).toBe(100)
    // read back through a fresh connection, as the server would
    expect(await digestsOf(target.open)).toEqual(source)
    // the digest sees content, not only counts: one changed name changes that table's hash alone
    const changed = await target.open()
    try {
      const one = await changed.db.selectFrom('enterprises').select('id').limit(1).executeTakeFirstOrThrow()
      await changed.db
        .updateTable('enterprises')
        .set({ name: '改过名的企业' })
        .where('id', '=', one.id)
        .execute()
      const after = await tableDigests(changed.db)
      expect(diffDigests(source, after)).toEqual([
        `public.enterprises (${source['public.enterprises'].rows} → ${source['public.enterprises'].rows} 行)`,
      ])
    } finally {
      await changed.close()
    }

    await expect(restoreBackup({ file, target: target.target, now: clock.now() })).rejects.toThrow(
      /已有.*--force/,
    )
    const again = await restoreBackup({ file, target: target.target, now: clock.now(), force: true })
    expect(again.tables).toEqual(source)
    if (!onPostgres) expect(existsSync(again.replacedDir!)).toBe(true)
  }, 90_000)

  it('reports a restore that does not match the manifest, and a backup of the other kind', async () => {
    const tampered = path.join(work, 'tampered', path.basename(file))
    mkdirSync(path.dirname(tampered), { recursive: true })
    writeFileSync(tampered, readFileSync(file))
    const m = structuredClone(manifest)
    m.tables['public.enterprises'].rows += 1
    writeFileSync(manifestPath(tampered), JSON.stringify(m))
    const target = await emptyTarget('restore-tampered')
    await expect(restoreBackup({ file: tampered, target: target.target, now: clock.now() })).rejects.toThrow(
      /不一致[\s\S]*public\.enterprises/,
    )
    if (!onPostgres) expect(existsSync(path.join(target.target.dataDir as string, 'pgdata'))).toBe(false)

    const other = onPostgres
      ? { kind: 'pglite' as const, dataDir: path.join(work, 'other') }
      : { kind: 'postgres' as const, url: 'postgres://nobody@127.0.0.1:1/none' }
    await expect(restoreBackup({ file, target: other, now: clock.now() })).rejects.toThrow(
      onPostgres ? /只能恢复到 PostgreSQL/ : /只能恢复到嵌入式数据库/,
    )
  }, 60_000)

  it('npm run backup and npm run restore work from the command line', async () => {
    const target = await emptyTarget('cli')
    // the source for the CLI: the restored copy of the demo (PGlite: a data dir; PostgreSQL: a database)
    await restoreBackup({ file, target: target.target, now: clock.now() })
    const dir = path.join(work, 'cli-backups')
    // an uploaded attachment of the source, which the backup mirrors and the restore brings back
    const key = path.join('1', '2026', '11', 'report.docx')
    mkdirSync(path.dirname(path.join(target.env.DATA_DIR!, 'files', key)), { recursive: true })
    writeFileSync(path.join(target.env.DATA_DIR!, 'files', key), 'docx bytes')
    const cli = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [path.resolve(`src/server/cli/${script}.ts`), ...args], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      })
    const backup = cli('backup', ['--dir', dir], target.env)
    expect(backup.stderr).toBe('')
    expect(backup.status).toBe(0)
    expect(backup.stdout).toContain('备份完成 (backup written)')
    const written = readdirSync(dir).find((f) => /\.(pgdump|tar\.gz)$/.test(f))!
    const restoreTarget = await emptyTarget('cli-restored')
    const restore = cli('restore', [path.join(dir, written)], restoreTarget.env)
    expect(restore.status, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/\[\s*\d+%\]/)
    expect(restore.stdout).toContain('已逐表校验 (verified)')
    expect(readFileSync(path.join(restoreTarget.env.DATA_DIR!, 'files', key), 'utf8')).toBe('docx bytes')
    const refused = cli('restore', [path.join(dir, written)], restoreTarget.env)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('--force')
    expect(await digestsOf(restoreTarget.open)).toEqual(source)
  }, 90_000)
})

describe('the nightly backup job', () => {
  let database: Database
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(() => database.close())

  it('writes into BACKUP_DIR, keeps BACKUP_KEEP_DAYS of nightly backups, and logs a failure without throwing', async () => {
    const backupDir = path.join(work, 'nightly')
    const clock = new TestClock('2026-11-24T02:15:00+08:00')
    const logged: Array<{ level: string; msg: string }> = []
    const log = {
      info: (_: object, msg: string) => logged.push({ level: 'info', msg }),
      error: (_: object, msg: string) => logged.push({ level: 'error', msg }),
    }
    const dataDir = path.join(work, 'nightly-data')
    const attachment = path.join(dataDir, 'files', '2', '2026', '11', 'a.pdf')
    mkdirSync(path.dirname(attachment), { recursive: true })
    writeFileSync(attachment, '%PDF- 附件')
    const config = { backupDir, backupKeepDays: 2, databaseUrl: urlOf(database) ?? null, dataDir }
    const ext = onPostgres ? 'pgdump' : 'pglite.tar.gz'
    mkdirSync(backupDir, { recursive: true })
    // four earlier nights (with their manifests), and a backup someone made by hand, which is never pruned
    for (const day of [20, 21, 22, 23]) {
      writeFileSync(path.join(backupDir, `qingdan-nightly-202611${day}-021500.${ext}`), 'earlier night')
      writeFileSync(path.join(backupDir, `qingdan-nightly-202611${day}-021500.${ext}.json`), '{}')
    }
    const manual = `qingdan-20261101-120000.${ext}`
    writeFileSync(path.join(backupDir, manual), 'manual')

    const r = await runNightlyBackup({ database, config, clock, log })
    expect(r).toMatchObject({
      ok: true,
      file: `qingdan-nightly-20261124-021500.${ext}`,
      removed: [`qingdan-nightly-20261120-021500.${ext}`, `qingdan-nightly-20261121-021500.${ext}`],
    })
    const nightly = readdirSync(backupDir)
      .filter((f) => f.startsWith('qingdan-nightly-'))
      .sort()
    // tonight's and the two days before it; the 20th and 21st were removed with their manifests
    expect(nightly).toEqual([
      `qingdan-nightly-20261122-021500.${ext}`,
      `qingdan-nightly-20261122-021500.${ext}.json`,
      `qingdan-nightly-20261123-021500.${ext}`,
      `qingdan-nightly-20261123-021500.${ext}.json`,
      `qingdan-nightly-20261124-021500.${ext}`,
      `qingdan-nightly-20261124-021500.${ext}.json`,
    ])
    expect(
      readManifest(path.join(backupDir, r.ok ? r.file : ''))?.tables['public.users'].rows,
    ).toBeGreaterThan(5)
    expect(existsSync(path.join(backupDir, manual))).toBe(true)
    // the attachments are mirrored next to the backups
    expect(readFileSync(path.join(backupDir, 'files', '2', '2026', '11', 'a.pdf'), 'utf8')).toBe('%PDF- 附件')
    expect(logged).toEqual([{ level: 'info', msg: 'nightly backup written' }])

    // BACKUP_DIR that cannot be written (a file is in the way): logged, reported, nothing thrown
    const blocked = path.join(work, 'blocked')
    writeFileSync(blocked, 'not a directory')
    const failed = await runNightlyBackup({ database, config: { ...config, backupDir: blocked }, clock, log })
    expect(failed.ok).toBe(false)
    expect(logged.at(-1)).toEqual({ level: 'error', msg: '每日备份失败 (nightly backup failed)' })
    // and the next night works again
    clock.advance(86_400_000)
    expect((await runNightlyBackup({ database, config, clock, log })).ok).toBe(true)
    // after a month without backups (server stopped), the newest ones are kept all the same
    clock.advance(30 * 86_400_000)
    expect(await runNightlyBackup({ database, config, clock, log })).toMatchObject({ ok: true })
    const kept = readdirSync(backupDir)
      .filter((f) => f.startsWith('qingdan-nightly-') && !f.endsWith('.json'))
      .sort()
    expect(kept).toEqual([`qingdan-nightly-20261125-021500.${ext}`, `qingdan-nightly-20261225-021500.${ext}`])
  }, 90_000)
})
