interface Rate {
  numerator: number
  denominator: number
  rate: number | null
}
interface Rollup {
  key: string | null
  label: string
  projects: number
  annualPlan: string
  completed: string
  completionRate: number | null
  scheduleRate: number | null
  gapPoints: number | null
}

/** GET /api/dashboard (see dashboard.service.ts). */
export interface Dashboard {
  year: number
  asOf: { year: number; month: number }
  /** when the figures were computed; `cached` when served from a snapshot (big zones) */
  snapshot: { computedAt: string; cached: boolean; tookMs: number }
  projects: {
    total: number
    stages: Array<{ key: string; label: string; count: number }>
    lights: Array<{ key: string; count: number }>
  }
  investment: {
    planned: string
    completed: string
    completionRate: number | null
    scheduleRate: number | null
    gapPoints: number | null
    months: Array<{ month: number; completed: number | null; schedule: number }>
  }
  byDepartment: Rollup[]
  byIndustry: Rollup[]
  byLevel: Rollup[]
  pipeline: Array<{ stage: string; label: string; count: number; amount: string }> | null
  problems: {
    status: Array<{ key: string | null; count: number }>
    type: Array<{ key: string | null; count: number }>
    category: Array<{ key: string | null; count: number }>
    overdue: number
    byDepartment: Array<{
      key: number | null
      name: string
      received: number
      onTimeRate: Rate
      satisfactionRate: Rate
    }>
    total: { onTimeRate: Rate; satisfactionRate: Rate } | null
    trend: Array<{ month: string; received: number; resolved: number }>
  } | null
  redProjects: {
    total: number
    items: Array<{ id: number; code: string; name: string; reason: string | null }>
  }
  overdueProblems: {
    total: number
    items: Array<{ id: number; code: string; title: string; unit: string | null; workingDaysLate: number }>
  } | null
  campaigns: Array<{
    id: number
    name: string
    dayNumber: number
    totalDays: number
    timePercent: number
    targets: Array<{
      key: string
      label: string
      target: number
      actual: number
      unit: string
      percent: number
    }>
  }>
  region: { province: string; city: string | null } | null
  map: Array<{
    id: number
    code: string
    name: string
    light: string
    stage: string
    lng: number
    lat: number
    total: number
  }>
}
