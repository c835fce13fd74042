import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/**
 * Work-group robots: the queue is drained every minute (retries and pacing come from the
 * deliveries' next_at); at 08:30 Beijing on working days each zone's daily dispatch summary is queued.
 */
export function robotsJobs(services: Pick<Services, 'robots' | 'clock'>): ScheduledJob[] {
  return [
    { name: 'robots-deliver', cron: '* * * * *', run: () => services.robots.runDue(services.clock.now()) },
    { name: 'robots-daily-summary', cron: '30 8 * * *', run: () => services.robots.queueDailySummaries() },
  ]
}
