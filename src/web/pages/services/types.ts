import type { PermitStatus, ServiceKind, ServicePhase } from '../../../shared/service'

export interface Ref {
  id: number
  name: string
}

export interface Permit {
  id: number
  zoneId: number
  zoneName: string
  project: { id: number; code: string; name: string; stage: string }
  enterprise: Ref | null
  templateKey: string | null
  name: string
  sort: number
  agent: Ref | null
  departmentId: number | null
  departmentName: string | null
  status: PermitStatus
  statusLabel: string
  submittedOn: string | null
  acceptedOn: string | null
  approvedOn: string | null
  timeLimitDays: number | null
  dueDate: string | null
  late: boolean
  lateDays: number
  elapsedWorkingDays: number | null
  daysTaken: { working: number; calendar: number } | null
  milestone: string | null
  problem: { id: number; code: string; status: string; statusLabel: string } | null
  note: string | null
  version: number
}

export interface SignToStart {
  signedOn: string | null
  startedOn: string | null
  days: number | null
  months: number | null
}

export interface ProjectPermits {
  items: Permit[]
  summary: { total: number; approved: number; late: number }
  signToStart: SignToStart
}

export interface PermitFigures {
  year: number
  count: number
  averageDays: number | null
  medianDays: number | null
  averageMonths: number | null
  medianMonths: number | null
  projects: Array<{
    id: number
    code: string
    name: string
    signedOn: string
    startedOn: string
    days: number
    months: number
  }>
}

export interface ServiceRecord {
  id: number
  zoneId: number
  zoneName: string
  enterprise: Ref
  project: { id: number; code: string; name: string } | null
  permit: Ref | null
  kind: ServiceKind
  kindLabel: string
  phase: ServicePhase
  phaseLabel: string
  contactDate: string
  officer: Ref
  summary: string
  followUp: string | null
  source: 'manual' | 'permit'
  createdAt: string
  version: number
}

export interface Workload {
  from: string
  to: string
  contacts: Array<{
    officer: Ref
    month: string
    total: number
    byKind: Record<ServiceKind, number>
    byPhase: Record<ServicePhase, number>
  }>
  permits: Array<{ agent: Ref; open: number; approved: number; late: number }>
}
