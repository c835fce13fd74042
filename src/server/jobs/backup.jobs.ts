import path from 'node:path'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import { backupDatabase, pruneBackups } from '../db/backup.ts'
import type { Database } from '../db/database.ts'
import type { ScheduledJob } from './job-runner.ts'

interface Log {
  info(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export type NightlyBackupResult =
  | { ok: true; file: string; bytes: number; ms: number; removed: string[] }
  | { ok: false; error: string }

/**
 * The nightly backup into BACKUP_DIR, then nightly backups older than BACKUP_KEEP_DAYS are removed.
 * A failure is logged and reported, never thrown: the process and the other jobs carry on, and the
 * older backups stay.
 */
export async function runNightlyBackup(deps: {
  database: Database
  config: Pick<Config, 'backupDir' | 'backupKeepDays' | 'databaseUrl' | 'dataDir'>
  clock: Clock
  log: Log
}): Promise<NightlyBackupResult> {
  const { database, config, clock, log } = deps
  try {
    const m = await backupDatabase(database, {
      dir: config.backupDir,
      now: clock.now(),
      databaseUrl: config.databaseUrl,
      filesDir: path.join(config.dataDir, 'files'),
      prefix: 'nightly',
    })
    const removed = pruneBackups(config.backupDir, 'nightly', config.backupKeepDays, clock.now())
    log.info({ file: m.file, bytes: m.bytes, ms: m.ms, removed }, 'nightly backup written')
    return { ok: true, file: m.file, bytes: m.bytes, ms: m.ms, removed }
  } catch (err) {
    log.error({ err, dir: config.backupDir }, '每日备份失败 (nightly backup failed)')
    return { ok: false, error: (err as Error).message }
  }
}

/** 02:15 Beijing time, before the audit retention at 02:30 deletes anything. */
export function backupJobs(deps: Parameters<typeof runNightlyBackup>[0]): ScheduledJob[] {
  return [{ name: 'maintenance-nightly-backup', cron: '15 2 * * *', run: () => runNightlyBackup(deps) }]
}
