import type { AnyCtx } from '../../context.ts'
import type { SupervisionService } from '../problems/supervision.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import type { VisitsService } from '../visits/visits.service.ts'

// What a bulletin reads, as the other modules publish it. The rhythm modules' shapes are
// restated here so this module depends on their contract, not on their files.

export interface LateReporter {
  cadence: 'weekly' | 'monthly'
  periodKey: string
  periodLabel: string
  projectId: number
  code: string
  name: string
  departmentName: string | null
  ownerName: string | null
  status: 'late' | 'missing'
  submittedAt: string | null
}

export interface Ranking {
  run: {
    id: number
    weekStart: string
    computedAt: string
    indicators: Array<{ key: string; label: string; weight: number }>
  } | null
  items: Array<{
    subjectId: number
    subjectName: string
    score: number
    rank: number
    previousRank: number | null
    change: number | null
    parts: Array<{
      key: string
      label: string
      weight: number
      value: number | null
      points: number | null
      contribution: number
      detail: string
    }>
  }>
}

export interface CampaignProgress {
  id: number
  name: string
  startsOn: string
  endsOn: string
  dayNumber: number
  totalDays: number
  timePercent: number
  targets: Array<{
    key: 'projectsToStart' | 'investment' | 'problemsToClose' | 'visits'
    label: string
    target: number
    actual: number
    unit: string
    percent: number
  }>
}

export interface BulletinSources {
  projects: Pick<ProjectsService, 'list' | 'exportRows'>
  reports: Pick<ReportsService, 'rollup'>
  supervision: Pick<SupervisionService, 'figures' | 'board'>
  visits: Pick<VisitsService, 'stats'>
  cadence: { lateReporters(zoneId: number, from: string, to: string): Promise<LateReporter[]> }
  scorecards: {
    ranking(
      ctx: AnyCtx,
      q: { zoneId: number; subjectType: 'department' | 'zone'; weekStart?: string },
    ): Promise<Ranking>
  }
  campaigns: {
    progressForBulletin(zoneId: number, from: string, to: string): Promise<CampaignProgress[]>
  }
}
