// Shapes of the visits API (src/server/modules/visits/visits.schema.ts).

export interface Ref {
  id: number
  name: string
}

export interface VisitLeader extends Ref {
  title: string | null
}

export interface VisitRow {
  id: number
  zoneId: number
  zoneName: string
  code: string
  kind: string
  kindLabel: string
  visitDate: string
  place: string
  summary: string
  participants: string | null
  leaders: VisitLeader[]
  enterprises: Ref[]
  projects: Array<Ref & { code: string }>
  problemCount: number
  suggestionCount: number
  adoptedCount: number
  photoCount: number
  createdBy: Ref | null
  createdAt: string
  version: number
}

export type Adoption = 'pending' | 'adopted' | 'partly' | 'not_adopted'

export interface Suggestion {
  id: number
  zoneId: number
  zoneName: string
  visit: { id: number; code: string; visitDate: string; kind: string | null } | null
  leader: Ref | null
  enterprise: Ref | null
  department: Ref | null
  content: string
  adoption: Adoption
  adoptionLabel: string
  reply: string | null
  repliedBy: Ref | null
  repliedAt: string | null
  createdAt: string
  updatedAt: string
  version: number
  canReply: boolean
  canEdit: boolean
}

export interface VisitProblem {
  id: number
  code: string
  title: string
  status: string
  statusLabel: string
  light: string
  category: string | null
  enterprise: Ref | null
  leadUnit: Ref | null
  receivedAt: string
}

export interface VisitDetail extends VisitRow {
  notes: string | null
  lng: number | null
  lat: number | null
  updatedAt: string
  problems: VisitProblem[]
  suggestions: Suggestion[]
  timeline: Array<{
    id: string | number
    subjectType: string
    subjectId: number
    kind: string
    at: string
    actorName: string | null
    summary: string
    data: Record<string, unknown> | null
  }>
  canEdit: boolean
}

export interface AdoptionCounts {
  total: number
  adopted: number
  partly: number
  notAdopted: number
  pending: number
}

export interface LeaderStats {
  leader: { id: number; name: string; title: string | null; departmentName: string | null }
  visits: number
  enterprises: number
  problemsRaised: number
  problemsResolved: number
  suggestions: AdoptionCounts
}

export interface VisitStats {
  from: string
  to: string
  leaders: LeaderStats[]
  totals: {
    leaders: number
    visits: number
    enterprises: number
    problemsRaised: number
    problemsResolved: number
    suggestions: AdoptionCounts
  }
  sentence: string
}
