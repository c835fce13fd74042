// Response shapes of /api/campaigns (see src/server/modules/campaigns/campaigns.schema.ts).

export type TargetKey = 'projectsToStart' | 'investment' | 'problemsToClose' | 'visits'
export const TARGET_KEYS: TargetKey[] = ['projectsToStart', 'investment', 'problemsToClose', 'visits']

export interface Targets {
  projectsToStart?: number
  investment?: string
  problemsToClose?: number
  visits?: number
}

export interface Figures {
  projectsToStart: number
  investment: string
  problemsToClose: number
  visits: number
}

export interface TargetProgress {
  key: TargetKey
  label: string
  target: number
  actual: number
  unit: string
  percent: number
  /** below the time progress while the campaign runs */
  behind: boolean
}

export type CampaignStatus = 'upcoming' | 'running' | 'ended'

export interface CampaignRow {
  id: number
  zoneId: number
  zoneName: string
  name: string
  kind: 'hundred_days' | 'special'
  kindLabel: string
  startsOn: string
  endsOn: string
  status: CampaignStatus
  statusLabel: string
  description: string | null
  targets: Targets
  projectCount: number
  departmentCount: number
  asOf: string
  dayNumber: number
  totalDays: number
  timePercent: number
  progress: TargetProgress[]
  createdBy: { id: number; name: string } | null
  createdAt: string
  version: number
}

export interface CampaignProject {
  id: number
  code: string
  name: string
  stage: string
  stageLabel: string
  light: string
  lightReasons: string[]
  totalInvestment: string
  enterpriseName: string | null
  startedOn: string | null
}

export interface CampaignDetail extends CampaignRow {
  figures: Figures
  projects: CampaignProject[]
  departments: Array<{ id: number; name: string }>
  canEdit: boolean
  canDelete: boolean
}

export interface Series {
  startsOn: string
  endsOn: string
  totalDays: number
  targets: Targets
  days: Array<{ day: string; source: 'snapshot' | 'live'; figures: Figures }>
}
