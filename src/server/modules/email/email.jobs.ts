import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/** E-mail notifications: the queue is sent every minute (retries come from next_at). */
export function emailJobs(services: Pick<Services, 'email' | 'clock'>): ScheduledJob[] {
  return [
    { name: 'email-deliver', cron: '* * * * *', run: () => services.email.runDue(services.clock.now()) },
  ]
}
