import path from 'node:path'
import { parseArgs } from 'node:util'
import { systemClock } from '../clock.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { BackupError, backupDatabase, type Progress } from '../db/backup.ts'
import { openDatabase } from '../db/database.ts'
import { DataDirLockedError } from '../db/pid-lock.ts'

// npm run backup [-- --dir <directory>] — a consistent backup of the database with its manifest
// (row count and hash of every table). PostgreSQL: pg_dump custom format; embedded: the data dir.
const { values } = parseArgs({ options: { dir: { type: 'string' } } })

const printProgress: Progress = (message, percent) =>
  console.log(percent === undefined ? `        ${message}` : `[${String(percent).padStart(3)}%] ${message}`)

try {
  const config = loadConfig()
  const dir = values.dir ?? config.backupDir
  let database: Awaited<ReturnType<typeof openDatabase>>
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  } catch (err) {
    if (err instanceof DataDirLockedError)
      throw new BackupError(
        `${err.message}\n服务运行时，嵌入式数据库由服务每晚 02:15 自动备份到 ${config.backupDir}；` +
          '需要立即备份请先停止服务再执行 npm run backup。',
      )
    throw err
  }
  try {
    const m = await backupDatabase(database, {
      dir,
      now: systemClock.now(),
      databaseUrl: config.databaseUrl,
      filesDir: path.join(config.dataDir, 'files'),
      progress: printProgress,
    })
    const rows = Object.values(m.tables).reduce((sum, t) => sum + t.rows, 0)
    console.log(`备份完成 (backup written): ${dir}/${m.file}`)
    console.log(
      `  ${Object.keys(m.tables).length} 张表 (tables)，${rows} 行 (rows)，${(m.bytes / 1024 / 1024).toFixed(1)} MB，用时 ${(m.ms / 1000).toFixed(1)} s`,
    )
    if (m.files)
      console.log(`  附件 (attachments): ${m.files.total} 个，本次新增 ${m.files.copied} 个 → ${dir}/files`)
    console.log(`  恢复 (restore): npm run restore -- ${dir}/${m.file}`)
  } finally {
    await database.close()
  }
} catch (err) {
  if (err instanceof BackupError || err instanceof ConfigError) console.error(err.message)
  else console.error('备份失败 (backup failed):', err)
  process.exitCode = 1
}
