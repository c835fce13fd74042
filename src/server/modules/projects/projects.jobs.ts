import type { SystemCtx } from '../../context.ts'
import type { ScheduledJob } from '../../jobs/job-runner.ts'
import type { Services } from '../../services.ts'

const jobCtx: SystemCtx = { actor: null, ip: null, requestId: null, label: '定时任务' }

/**
 * Nightly recompute of every project's light and 五个一 at 01:30 Beijing time: time alone changes
 * them (a milestone falls overdue, a planned start passes, a weekly report ages out, a month closes).
 */
export function projectsJobs(services: Pick<Services, 'projects'>): ScheduledJob[] {
  return [
    {
      name: 'projects-lights-nightly',
      cron: '30 1 * * *',
      run: async () => ({ recomputed: await services.projects.recomputeAll(jobCtx) }),
    },
  ]
}
