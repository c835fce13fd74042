import type { ProblemStatus } from '../../db/schema-problems.ts'
import { AppError } from '../../errors.ts'

/** Status names as people read them (messages, exports, the text posted to the work group). */
export const STATUS_LABEL: Record<ProblemStatus, string> = {
  submitted: '待受理',
  returned: '已退回待重新分办',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结待确认',
  closed: '已销号',
  withdrawn: '已撤回',
}

export const PROBLEM_STATUSES = Object.keys(STATUS_LABEL) as ProblemStatus[]
/** Not finished: still on somebody's desk (or waiting for the enterprise). */
export const OPEN_STATUSES: ProblemStatus[] = ['submitted', 'returned', 'accepted', 'in_progress', 'resolved']
/** Triaged and being handled: the lead unit's deadline runs. */
export const HANDLING_STATUSES: ProblemStatus[] = ['accepted', 'in_progress']
/** Waiting for triage: the acceptance deadline runs. */
export const TRIAGE_STATUSES: ProblemStatus[] = ['submitted', 'returned']

/**
 * Who may take a step (checked by the service against the problem and the actor):
 * - staff: a zone / department user who may report problems (not an enterprise account);
 * - triage: the supervision office (problem:triage);
 * - handler: problem:handle and the lead unit (or below), a co unit, the responsible person — or the
 *   supervision office;
 * - reporter: the enterprise that raised it (its users), or the person who reported it;
 * - callback: problem:callback, and independent of the handling (not the responsible person, not in
 *   the lead unit, not the one who marked it resolved).
 */
export type Who = 'staff' | 'triage' | 'handler' | 'reporter' | 'callback'

export type FlowAction =
  | 'receive'
  | 'accept'
  | 'reply'
  | 'tasks'
  | 'resolve'
  | 'return'
  | 'extension'
  | 'decideExtension'
  | 'confirm'
  | 'callback'
  | 'withdraw'
  | 'supervise'

export interface FlowStep {
  /** the verb in messages: 该问题当前为「…」，不能<label> */
  label: string
  from: ProblemStatus[]
  /** the status after the step (none: the status does not change; confirm/callback may also reopen) */
  to?: ProblemStatus
  who: Who
}

/**
 * The status flow of a problem — the one table every transition is checked against:
 * submitted → accepted → in_progress → resolved → closed; returned goes back to triage (and behaves
 * like submitted); withdrawn by the enterprise before it is resolved.
 */
export const FLOW: Record<FlowAction, FlowStep> = {
  receive: { label: '接收（首问责任）', from: TRIAGE_STATUSES, who: 'staff' },
  accept: { label: '受理分办', from: TRIAGE_STATUSES, to: 'accepted', who: 'triage' },
  reply: { label: '答复', from: HANDLING_STATUSES, to: 'in_progress', who: 'handler' },
  tasks: { label: '调整任务清单', from: HANDLING_STATUSES, who: 'handler' },
  resolve: { label: '办结', from: HANDLING_STATUSES, to: 'resolved', who: 'handler' },
  return: { label: '退回', from: HANDLING_STATUSES, to: 'returned', who: 'handler' },
  extension: { label: '申请延期', from: HANDLING_STATUSES, who: 'handler' },
  decideExtension: { label: '审批延期', from: HANDLING_STATUSES, who: 'triage' },
  confirm: { label: '确认评价', from: ['resolved'], to: 'closed', who: 'reporter' },
  callback: { label: '回访销号', from: ['resolved'], to: 'closed', who: 'callback' },
  withdraw: {
    label: '撤回',
    from: ['submitted', 'returned', 'accepted', 'in_progress'],
    to: 'withdrawn',
    who: 'reporter',
  },
  supervise: { label: '设置督办级别', from: OPEN_STATUSES, who: 'triage' },
}

export const FLOW_ACTIONS = Object.keys(FLOW) as FlowAction[]

export function canFrom(action: FlowAction, status: ProblemStatus): boolean {
  return FLOW[action].from.includes(status)
}

/** 409 INVALID_TRANSITION when the step is not allowed from the problem's status. */
export function assertTransition(action: FlowAction, status: ProblemStatus) {
  if (!canFrom(action, status))
    throw new AppError(
      'INVALID_TRANSITION',
      `该问题当前为「${STATUS_LABEL[status]}」，不能${FLOW[action].label}`,
      { details: { status, action, allowedFrom: FLOW[action].from } },
    )
}

export const TYPE_LABEL: Record<'onsite' | 'common' | 'longterm', string> = {
  onsite: '眼前事',
  common: '共性事',
  longterm: '长远事',
}

export const SUPERVISION_LABEL: Record<'normal' | 'key' | 'listed', string> = {
  normal: '一般督办',
  key: '重点督办',
  listed: '挂牌督办',
}

export const SATISFACTION_LABEL: Record<'satisfied' | 'basic' | 'unsatisfied', string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
}

export const TASK_STATUS_LABEL: Record<'todo' | 'doing' | 'done', string> = {
  todo: '未开始',
  doing: '进行中',
  done: '已完成',
}
