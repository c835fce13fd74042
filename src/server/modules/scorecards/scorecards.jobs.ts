import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

/**
 * 每周评比: every Monday at 01:00 Beijing, last week's ranking of every zone's departments and of
 * the zones under every unit above two or more zones. Re-running replaces the same week's runs.
 */
export function scorecardsJobs(services: Pick<Services, 'scorecards'>): ScheduledJob[] {
  return [{ name: 'scorecards-weekly', cron: '0 1 * * 1', run: () => services.scorecards.computeLastWeek() }]
}
