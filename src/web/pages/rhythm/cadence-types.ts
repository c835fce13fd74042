// Shapes of /api/cadence (src/server/modules/cadence/cadence.schema.ts).

export type Cadence = 'weekly' | 'monthly' | 'quarterly'
export const CADENCES: Cadence[] = ['weekly', 'monthly', 'quarterly']
export type ObligationStatus = 'submitted' | 'late' | 'missing' | 'pending'

export interface PeriodCounts {
  owed: number
  submitted: number
  late: number
  missing: number
  pending: number
}

export interface CadencePeriod {
  id: number
  zoneId: number
  zoneName: string | null
  cadence: Cadence
  periodKey: string
  label: string
  startsOn: string
  endsOn: string
  dueAt: string
  moved: boolean
  pastDue: boolean
  closedAt: string | null
  counts: PeriodCounts
}

export interface Tally {
  owed: number
  onTime: number
  late: number
  missing: number
}
export interface DepartmentTally extends Tally {
  departmentId: number | null
  departmentName: string | null
}
export interface Rollup extends Tally {
  onTimeRate: number | null
  byDepartment: DepartmentTally[]
  monthly?: Array<Tally & { periodKey: string }>
  weekly?: Tally & { periods: number }
}

export interface CadencePeriodDetail extends CadencePeriod {
  rollup: Rollup | null
  previousId: number | null
  nextId: number | null
}

export interface Obligation {
  periodId: number
  cadence: Cadence
  periodKey: string
  periodLabel: string
  projectId: number
  code: string
  name: string
  stage: string
  ownerId: number | null
  ownerName: string | null
  departmentId: number | null
  departmentName: string | null
  status: ObligationStatus
  submittedAt: string | null
  remindedAt: string | null
  dueAt: string
}

export interface MineItem extends Obligation {
  weekStart: string | null
  year: number
  month: number | null
}
