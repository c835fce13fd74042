import type { PGlite } from '@electric-sql/pglite'
import type { FastifyBaseLogger } from 'fastify'
import { PgBoss } from 'pg-boss'
import { fromPglite } from 'pg-boss/dist/adapters/pglite.js'
import { CONNECT_TIMEOUT_MS } from '../db/database.ts'
import { TIME_ZONE } from '../lib/time.ts'

export interface ScheduledJob {
  name: string
  /** cron in Asia/Shanghai */
  cron: string
  run: () => Promise<unknown>
}

export interface JobRunner {
  boss: PgBoss
  stop(): Promise<void>
}

/** Starts pg-boss on the app's database (PGlite through its adapter, or PostgreSQL) and schedules the jobs. */
export async function startJobRunner(
  target: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string },
  jobs: ScheduledJob[],
  log: FastifyBaseLogger,
): Promise<JobRunner> {
  const boss =
    target.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(target.pglite), backend: 'pglite', schema: 'pgboss' })
      : new PgBoss({
          connectionString: target.url,
          max: 3,
          // fail fast while the database is away; pg-boss reports it through 'error' and retries
          connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
          schema: 'pgboss',
          application_name: 'qingdan-jobs',
        })
  boss.on('error', (err) => log.error({ err }, 'job runner error'))
  await boss.start()
  for (const job of jobs) {
    await boss.createQueue(job.name)
    await boss.schedule(job.name, job.cron, null, { tz: TIME_ZONE })
    await boss.work(job.name, async () => {
      const started = Date.now()
      const result = await job.run()
      log.info({ job: job.name, ms: Date.now() - started, result }, 'job done')
      return result
    })
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) }
}
