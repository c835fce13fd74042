import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/**
 * 督办 (escalation, reminders, overdue days, lights), Beijing time:
 * - every 30 minutes from 07:00 to 21:30, so problems accepted, extended or reopened during the day
 *   get their light and reminder the same day;
 * - at 00:05, just after the date changes: deadlines end at 23:59:59 Beijing, so this is when
 *   problems fall overdue, escalate and get their overdue working day recorded.
 * Each pass is idempotent (reminders once a day, each escalation level once, each overdue day once).
 */
export function supervisionJobs(services: Pick<Services, 'supervision' | 'clock'>): ScheduledJob[] {
  const run = () => services.supervision.runEscalation(services.clock.now())
  return [
    { name: 'supervision-escalation-daytime', cron: '*/30 7-21 * * *', run },
    { name: 'supervision-escalation-midnight', cron: '5 0 * * *', run },
  ]
}
