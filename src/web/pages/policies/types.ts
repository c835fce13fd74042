/** What the 惠企政策 API returns (src/server/modules/policies/policies.schema.ts). */
export interface AppRef {
  id: number
  code: string
  status: ApplicationStatus
  statusLabel: string
}

export interface PolicyRow {
  id: number
  zoneId: number
  zoneName: string
  title: string
  docNumber: string | null
  issuer: string
  level: string
  levelLabel: string
  benefitKind: string
  benefitLabel: string
  summary: string | null
  benefitText: string | null
  maxAmount: string | null
  validFrom: string
  validTo: string | null
  validity: 'valid' | 'upcoming' | 'expired'
  status: 'draft' | 'published' | 'withdrawn'
  statusLabel: string
  industries: string[]
  scales: string[]
  regions: string[]
  stages: string[]
  minInvestment: string | null
  maxInvestment: string | null
  conditions: string[]
  contactName: string | null
  contactPhone: string | null
  publishedAt: string | null
  applicationCount: number
  notifiedEnterprises: number
  createdAt: string
  version: number
}

export interface PolicyDetail extends PolicyRow {
  match: { matched: boolean; reasons: string[]; unmet: string | null } | null
  application: AppRef | null
  canEdit: boolean
  canPublish: boolean
  canWithdraw: boolean
  canDelete: boolean
  canNotify: boolean
  canApply: boolean
}

export interface MatchedPolicy extends PolicyRow {
  reasons: string[]
  application: AppRef | null
}

export type ApplicationStatus =
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'approved'
  | 'rejected'
  | 'partly_paid'
  | 'paid'

export interface ApplicationRow {
  id: number
  zoneId: number
  zoneName: string
  code: string
  policy: { id: number; title: string; docNumber: string | null; maxAmount: string | null }
  benefitLabel: string
  enterprise: { id: number; name: string }
  status: ApplicationStatus
  statusLabel: string
  amountRequested: string
  amountGranted: string | null
  amountPaid: string
  content: string
  appliedBy: { id: number; name: string } | null
  onBehalf: boolean
  appliedAt: string
  firstPaidOn: string | null
  fullyPaidOn: string | null
  updatedAt: string
  version: number
}

export type ApplicationAction = 'resubmit' | 'accept' | 'return' | 'approve' | 'reject' | 'pay'

export interface ApplicationDetail extends ApplicationRow {
  steps: Array<{
    id: number
    action: string
    actionLabel: string
    fromStatus: string | null
    toStatus: string
    toStatusLabel: string
    note: string | null
    amount: string | null
    paidOn: string | null
    actorName: string
    at: string
  }>
  payments: Array<{ amount: string; paidOn: string; note: string | null; actorName: string }>
  actions: ApplicationAction[]
  remaining: string | null
}

export interface Figures {
  applied: number
  approved: number
  rejected: number
  pending: number
  fullyPaid: number
  requestedSum: string
  grantedSum: string
  paidSum: string
  avgDaysToFirstPayment: number | null
  avgDaysToFullPayment: number | null
}

export interface FiguresResponse {
  total: Figures
  byZone: Array<Figures & { zoneId: number; zoneName: string }>
  byPolicy: Array<Figures & { policyId: number; title: string; benefitLabel: string; zoneName: string }>
}
