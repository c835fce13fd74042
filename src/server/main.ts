import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { DataDirLockedError } from './db/pid-lock.ts'
import { backupJobs } from './jobs/backup.jobs.ts'
import { type JobRunner, startJobRunner } from './jobs/job-runner.ts'
import { maintenanceJobs } from './jobs/maintenance.jobs.ts'
import { cadenceJobs } from './modules/cadence/cadence.jobs.ts'
import { campaignsJobs } from './modules/campaigns/campaigns.jobs.ts'
import { emailJobs } from './modules/email/email.jobs.ts'
import { supervisionJobs } from './modules/problems/supervision.jobs.ts'
import { projectsJobs } from './modules/projects/projects.jobs.ts'
import { robotsJobs } from './modules/robots/robots.jobs.ts'
import { scorecardsJobs } from './modules/scorecards/scorecards.jobs.ts'
import { isDatabaseUnavailable } from './plugins/error-handler.ts'
import { ensureBaseline } from './seed/baseline.ts'
import { hasUsers } from './seed/demo.ts'
import { loadDemoData } from './seed/demo-all.ts'
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-org.ts'

// node src/server/main.ts [--demo]   — --demo loads the demo data into an empty database.
const CHECKPOINT_EVERY_MS = 10 * 60_000

async function main() {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let jobs: JobRunner | null = null
  let checkpointTimer: NodeJS.Timeout | null = null
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    console.log(`\n收到 ${signal}，正在停止… (shutting down)`)
    if (checkpointTimer) clearInterval(checkpointTimer)
    try {
      await app?.close()
      await jobs?.stop()
    } finally {
      await database.close()
      process.exit(0)
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const applied = await migrateToLatest(database.db)
  if (applied.length) console.log(`已执行数据库迁移 (migrations applied): ${applied.join(', ')}`)
  await ensureBaseline(database.db, systemClock)
  const demo = process.argv.includes('--demo') || process.env.QD_DEMO === '1'
  const loadDemo = demo && !(await hasUsers(database.db))

  const server = await buildApp({ database, clock: systemClock, config })
  app = server
  if (loadDemo) {
    console.log('正在载入演示数据… (loading demo data)')
    const loaded = await loadDemoData(server.services, database.db, systemClock, config)
    console.log(loaded.summary)
  }
  if (database.kind === 'pglite') {
    // PGlite never fsyncs on its own schedule: flush regularly so a crash loses little.
    checkpointTimer = setInterval(
      () => void database.checkpoint().catch((err) => server.log.error({ err }, 'checkpoint failed')),
      CHECKPOINT_EVERY_MS,
    )
    checkpointTimer.unref()
  }
  if (config.runJobs) {
    const target =
      database.kind === 'pglite'
        ? { kind: 'pglite' as const, pglite: database.pglite! }
        : { kind: 'postgres' as const, url: config.databaseUrl! }
    jobs = await startJobRunner(
      target,
      [
        ...maintenanceJobs(database.db, server.services),
        ...backupJobs({ database, config, clock: systemClock, log: server.log }),
        ...projectsJobs(server.services),
        ...supervisionJobs(server.services),
        ...robotsJobs(server.services),
        ...emailJobs(server.services),
        ...campaignsJobs(server.services),
        ...scorecardsJobs(server.services),
        ...cadenceJobs(server.services),
      ],
      server.log,
    )
  }
  await server.listen({ port: config.port, host: config.host })
  // PORT=0 takes any free port: print the one actually bound
  const url = `http://localhost:${(server.server.address() as AddressInfo).port}`
  console.log('')
  console.log(`清单 Qingdan 已启动 (started): ${url}`)
  console.log(
    `  数据库 (database): ${database.kind === 'pglite' ? `嵌入式 PGlite ${config.dataDir}` : 'PostgreSQL'}`,
  )
  console.log(`  接口文档 (API docs): ${url}/api/docs`)
  if (demo) {
    console.log(`  演示账号 (demo accounts), 密码均为 (password) ${DEMO_PASSWORD}:`)
    for (const u of DEMO_USERS.slice(0, 8))
      console.log(`    ${u.username.padEnd(12)} ${u.displayName}  ${u.title}`)
  }
  console.log('  按 Ctrl+C 停止 (Ctrl+C to stop)')
}

let app: Awaited<ReturnType<typeof buildApp>> | undefined
main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message)
  } else if (isDatabaseUnavailable(err)) {
    console.error(
      `无法连接数据库，请检查 DATABASE_URL 和数据库服务是否运行 (cannot reach the database): ${(err as Error).message}`,
    )
  } else {
    console.error('启动失败 (failed to start):', err)
  }
  process.exit(1)
})
