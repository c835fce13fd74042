import type { ApplicationStatus, PolicyBenefit, PolicyLevel, PolicyStatus } from '../../db/schema-policies.ts'
import { AppError } from '../../errors.ts'

export const LEVEL_LABEL: Record<PolicyLevel, string> = {
  national: '国家',
  provincial: '省（自治区）',
  city: '市',
  county: '县（旗、区）',
  zone: '园区',
}
export const BENEFIT_LABEL: Record<PolicyBenefit, string> = {
  funds: '项目资金',
  tax: '税收优惠',
  power: '电价（电力市场交易）',
  credit: '银行信贷',
  talent: '人才',
  other: '其他',
}
export const POLICY_STATUS_LABEL: Record<PolicyStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
}
export const LEVELS = Object.keys(LEVEL_LABEL) as PolicyLevel[]
export const BENEFITS = Object.keys(BENEFIT_LABEL) as PolicyBenefit[]
export const POLICY_STATUSES = Object.keys(POLICY_STATUS_LABEL) as PolicyStatus[]

/** Application statuses as people read them: 已申报 → 已受理 → 审核通过 → 部分兑现 → 已兑现. */
export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  submitted: '已申报',
  accepted: '已受理',
  returned: '退回补充',
  approved: '审核通过',
  rejected: '不予支持',
  partly_paid: '部分兑现',
  paid: '已兑现',
}
export const APPLICATION_STATUSES = Object.keys(APPLICATION_STATUS_LABEL) as ApplicationStatus[]
/** Waiting for the zone or the enterprise: counted as 待办 in the figures. */
export const PENDING_STATUSES: ApplicationStatus[] = ['submitted', 'accepted', 'returned']
/** Approved, whatever has been paid since. */
export const APPROVED_STATUSES: ApplicationStatus[] = ['approved', 'partly_paid', 'paid']

/**
 * Who may take a step:
 * - applicant: a user of the applying enterprise with policy:apply, or a service officer with
 *   policy:manage acting on the enterprise's behalf;
 * - reviewer: policy:manage in the policy's zone.
 */
export type Who = 'applicant' | 'reviewer'

export type ApplicationAction = 'resubmit' | 'accept' | 'return' | 'approve' | 'reject' | 'pay'

export interface FlowStep {
  /** the verb in messages: 该申报当前为「…」，不能<label> */
  label: string
  from: ApplicationStatus[]
  /** the status after the step; pay leads to partly_paid or paid by the amounts */
  to?: ApplicationStatus
  who: Who
}

/**
 * The flow of an application — the one table every step is checked against:
 * submitted → accepted → approved → (partly_paid →) paid; 退回补充 goes back to the enterprise, who
 * resubmits; 不予支持 ends it.
 */
export const FLOW: Record<ApplicationAction, FlowStep> = {
  resubmit: { label: '重新提交', from: ['returned'], to: 'submitted', who: 'applicant' },
  accept: { label: '受理', from: ['submitted'], to: 'accepted', who: 'reviewer' },
  return: { label: '退回补充', from: ['submitted', 'accepted'], to: 'returned', who: 'reviewer' },
  approve: { label: '审核通过', from: ['accepted'], to: 'approved', who: 'reviewer' },
  reject: { label: '不予支持', from: ['submitted', 'accepted'], to: 'rejected', who: 'reviewer' },
  pay: { label: '登记兑现', from: ['approved', 'partly_paid'], who: 'reviewer' },
}
export const ACTIONS = Object.keys(FLOW) as ApplicationAction[]

export const ACTION_LABEL: Record<ApplicationAction | 'apply', string> = {
  apply: '提交申报',
  ...(Object.fromEntries(ACTIONS.map((a) => [a, FLOW[a].label])) as Record<ApplicationAction, string>),
}

export function canFrom(action: ApplicationAction, status: ApplicationStatus): boolean {
  return FLOW[action].from.includes(status)
}

/** 409 INVALID_TRANSITION when the step is not allowed from the application's status. */
export function assertTransition(action: ApplicationAction, status: ApplicationStatus) {
  if (!canFrom(action, status))
    throw new AppError(
      'INVALID_TRANSITION',
      `该申报当前为「${APPLICATION_STATUS_LABEL[status]}」，不能${FLOW[action].label}`,
      { details: { status, action, allowedFrom: FLOW[action].from } },
    )
}
