import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/**
 * 报送调度, Beijing time:
 * - hourly from 08:00 to 20:00: periods and obligations follow the projects, reminders go out
 *   (the day before the due date, on the due morning, once a day while late), periods whose due
 *   time has passed (weekly: Friday 17:00) close within the hour;
 * - at 00:10, just after the date changes: monthly and quarterly periods are due at 23:59:59, so
 *   they close here, and the new week / month / quarter gets its period.
 * Each pass is idempotent (one reminder per obligation per day, a period closes once).
 */
export function cadenceJobs(services: Pick<Services, 'cadence' | 'clock' | 'robots'>): ScheduledJob[] {
  const run = async () => {
    const r = await services.cadence.runCycle(services.clock.now())
    // a period that closes with entries missing: the list goes to the zone's work groups
    for (const id of r.closedIds) {
      const m = await services.cadence.nonReportersOf(id)
      if (m) await services.robots.notify(m.zoneId, 'nonReporters', { title: m.title, text: m.text })
    }
    return r
  }
  return [
    { name: 'cadence-cycle-daytime', cron: '0 8-20 * * *', run },
    { name: 'cadence-cycle-midnight', cron: '10 0 * * *', run },
  ]
}
