/**
 * 帮办代办 (permits handled for an enterprise) and the service record (服务记录, 保姆式服务 before,
 * during and after production): codes and their Chinese / English labels, shared by server and web.
 */

export const PERMIT_STATUSES = [
  'not_started',
  'preparing',
  'submitted',
  'accepted',
  'approved',
  'not_applicable',
] as const
export type PermitStatus = (typeof PERMIT_STATUSES)[number]

export const PERMIT_STATUS_LABEL: Record<PermitStatus, { zh: string; en: string; color: string }> = {
  not_started: { zh: '未开始', en: 'Not started', color: 'default' },
  preparing: { zh: '准备材料', en: 'Preparing documents', color: 'blue' },
  submitted: { zh: '已提交', en: 'Submitted', color: 'cyan' },
  accepted: { zh: '已受理', en: 'Accepted', color: 'orange' },
  approved: { zh: '已批复', en: 'Approved', color: 'green' },
  not_applicable: { zh: '不适用', en: 'Not applicable', color: 'default' },
}

/** Statuses of a permit still being worked on (neither approved nor set aside). */
export const OPEN_PERMIT_STATUSES: PermitStatus[] = ['not_started', 'preparing', 'submitted', 'accepted']

export const SERVICE_KINDS = ['visit', 'call', 'meeting', 'permit', 'policy', 'other'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const SERVICE_KIND_LABEL: Record<ServiceKind, { zh: string; en: string }> = {
  visit: { zh: '走访', en: 'Visit' },
  call: { zh: '电话', en: 'Call' },
  meeting: { zh: '会议', en: 'Meeting' },
  permit: { zh: '帮办', en: 'Permit help' },
  policy: { zh: '政策', en: 'Policy help' },
  other: { zh: '其他', en: 'Other' },
}

/** 产前 / 产中 / 产后 (before construction; construction to trial production; in production). */
export const SERVICE_PHASES = ['pre', 'during', 'post'] as const
export type ServicePhase = (typeof SERVICE_PHASES)[number]
export const SERVICE_PHASE_LABEL: Record<ServicePhase, { zh: string; en: string }> = {
  pre: { zh: '产前', en: 'Before production' },
  during: { zh: '产中', en: 'During construction' },
  post: { zh: '产后', en: 'After production' },
}

const PRE_STAGES = ['negotiating', 'signed', 'preliminary']
const DURING_STAGES = ['construction', 'completed', 'trial']

/** The phase a project stage belongs to: before 开工 产前, 开工 to 试生产 产中, 投产 产后. */
export function phaseOfStage(stage: string | null | undefined): ServicePhase {
  if (!stage || PRE_STAGES.includes(stage)) return 'pre'
  if (DURING_STAGES.includes(stage)) return 'during'
  return 'post'
}
