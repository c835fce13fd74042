import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/**
 * 攻坚行动每日快照, 00:20 Beijing: yesterday has just ended, so its figures are final; taken after
 * the 00:05 escalation pass so the day's closures are in. An upsert, so a rerun changes nothing.
 */
export function campaignsJobs(services: Pick<Services, 'campaigns'>): ScheduledJob[] {
  return [
    {
      name: 'campaigns-daily-snapshot',
      cron: '20 0 * * *',
      run: () => services.campaigns.snapshotYesterday(),
    },
  ]
}
