import type { SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { purgeExpiredSessions } from '../modules/auth/session-store.ts'
import type { Services } from '../services.ts'
import type { ScheduledJob } from './job-runner.ts'

const jobCtx: SystemCtx = { actor: null, ip: null, requestId: null, label: '定时任务' }

/** Nightly and hourly housekeeping: log retention (≥ 180 days) and expired sessions. */
export function maintenanceJobs(db: Db, services: Services): ScheduledJob[] {
  return [
    {
      name: 'maintenance-audit-retention',
      cron: '30 2 * * *',
      run: async () => {
        const policy = await services.settings.securityPolicy()
        return { removed: await services.audit.applyRetention(jobCtx, policy.auditRetentionDays) }
      },
    },
    {
      name: 'maintenance-sessions-purge',
      cron: '17 * * * *',
      run: async () => ({ removed: await purgeExpiredSessions(db, services.clock.now()) }),
    },
  ]
}
