import path from 'node:path'
import { parseArgs } from 'node:util'
import { systemClock } from '../clock.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { BackupError, restoreBackup } from '../db/backup.ts'
import { DataDirLockedError } from '../db/pid-lock.ts'

// npm run restore -- <backup file> [--force] — restores into DATABASE_URL, or the embedded data dir
// when it is not set. A non-empty target is refused unless --force; the result is checked table by
// table against the backup's manifest. Stop the server first.
const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
})

try {
  if (positionals.length !== 1)
    throw new BackupError('用法 (usage): npm run restore -- <备份文件 backup file> [--force]')
  const config = loadConfig()
  const target = config.databaseUrl
    ? { kind: 'postgres' as const, url: config.databaseUrl }
    : { kind: 'pglite' as const, dataDir: config.dataDir }
  console.log(
    `恢复 (restoring) ${positionals[0]} → ${target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `嵌入式数据库 ${config.dataDir}`}`,
  )
  const r = await restoreBackup({
    file: positionals[0],
    target,
    force: values.force,
    now: systemClock.now(),
    filesDir: path.join(config.dataDir, 'files'),
    progress: (message, percent) =>
      console.log(
        percent === undefined ? `        ${message}` : `[${String(percent).padStart(3)}%] ${message}`,
      ),
  })
  const rows = Object.values(r.tables).reduce((sum, t) => sum + t.rows, 0)
  console.log(
    `恢复完成 (restored): ${Object.keys(r.tables).length} 张表，${rows} 行，用时 ${(r.ms / 1000).toFixed(1)} s` +
      (r.verified ? '，已逐表校验 (verified)' : ''),
  )
  if (r.files) console.log(`  附件 (attachments): 补回 ${r.files.copied} 个（共 ${r.files.total} 个）`)
  if (r.replacedDir) console.log(`  原数据目录已改名保留 (previous data kept): ${r.replacedDir}`)
} catch (err) {
  if (err instanceof BackupError || err instanceof ConfigError || err instanceof DataDirLockedError)
    console.error(err.message)
  else console.error('恢复失败 (restore failed):', err)
  process.exitCode = 1
}
