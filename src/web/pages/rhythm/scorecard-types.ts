// Shapes of /api/scorecards (see src/server/modules/scorecards/scorecards.schema.ts).

export type SubjectType = 'department' | 'zone'

export interface RankingPart {
  key: string
  label: string
  weight: number
  value: number | null
  points: number | null
  contribution: number
  detail: string
}

export interface RankingItem {
  subjectId: number
  subjectName: string
  score: number
  rank: number
  previousRank: number | null
  change: number | null
  parts: RankingPart[]
}

export interface Ranking {
  run: {
    id: number
    weekStart: string
    computedAt: string
    indicators: Array<{ key: string; label: string; weight: number }>
  } | null
  items: RankingItem[]
}

export interface RankingWeeks {
  zoneId: number
  zoneName: string
  items: Array<{ runId: number; weekStart: string; weekEnd: string; computedAt: string; subjects: number }>
  total: number
}

export interface SubjectHistory {
  subjectId: number
  subjectName: string
  items: Array<{ weekStart: string; score: number; rank: number; subjects: number; change: number | null }>
}

export interface ScorecardUnits {
  zones: Array<{ id: number; name: string }>
  parents: Array<{ id: number; name: string; zones: number }>
  defaultZoneId: number | null
}

export interface ScorecardConfig {
  subjectType: SubjectType
  windowWeeks: number
  indicators: Array<{ key: string; label: string; weight: number; enabled: boolean }>
  version: number
  updatedAt: string | null
}
