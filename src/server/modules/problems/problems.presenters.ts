import type { ProblemStatus } from '../../db/schema-problems.ts'
import { beijingDate } from '../../lib/time.ts'
import { type WorkCalendar, workingDaysBetween } from '../../lib/working-days.ts'
import {
  HANDLING_STATUSES,
  OPEN_STATUSES,
  STATUS_LABEL,
  TASK_STATUS_LABEL,
  TRIAGE_STATUSES,
} from './problem-flow.ts'
import type * as repo from './problems.repository.ts'

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)
const ref = (id: number | null | undefined, name: string | null | undefined) =>
  id ? { id, name: name ?? `#${id}` } : null

/** The problems row as stored, in camelCase (no joins): what other modules get from `present`. */
export function presentRaw(r: repo.RawProblem) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    code: r.code,
    title: r.title,
    description: r.description,
    category: r.category,
    source: r.source,
    type: r.type,
    status: r.status,
    statusLabel: STATUS_LABEL[r.status],
    enterpriseId: r.enterprise_id,
    projectId: r.project_id,
    visitId: r.visit_id,
    address: r.address,
    lng: r.lng == null ? null : Number(r.lng),
    lat: r.lat == null ? null : Number(r.lat),
    isCommon: r.is_common,
    commonId: r.common_id,
    publicProjectId: r.public_project_id,
    reporterUserId: r.reporter_user_id,
    reporterName: r.reporter_name,
    reporterPhone: r.reporter_phone,
    firstReceiverId: r.first_receiver_id,
    receivedAt: iso(r.received_at)!,
    leadDepartmentId: r.lead_department_id,
    responsibleLeaderId: r.responsible_leader_id,
    responsibleUserId: r.responsible_user_id,
    supervisionLevel: r.supervision_level,
    deadlineDays: r.deadline_days,
    acceptDueAt: iso(r.accept_due_at),
    acceptedAt: iso(r.accepted_at),
    replyDueAt: iso(r.reply_due_at),
    firstReplyAt: iso(r.first_reply_at),
    deadlineAt: iso(r.deadline_at),
    extended: r.extended,
    rectifyDeadline: r.rectify_deadline,
    resolvedAt: iso(r.resolved_at),
    resolution: r.resolution,
    resolvedById: r.resolved_by,
    evidence: (r.evidence as Record<string, unknown> | null) ?? null,
    confirmDueAt: iso(r.confirm_due_at),
    closedAt: iso(r.closed_at),
    closeMethod: r.close_method,
    satisfaction: r.satisfaction,
    reopenCount: r.reopen_count,
    escalationLevel: r.escalation_level,
    remindedAt: iso(r.reminded_at),
    escalatedAt: iso(r.escalated_at),
    light: r.light,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  }
}
export type PresentedProblem = ReturnType<typeof presentRaw>

/** Which clock runs for a problem now, and how many working days are left (negative: overdue). */
export function dueOf(
  r: {
    status: ProblemStatus
    accept_due_at: Date | string | null
    deadline_at: Date | string | null
    confirm_due_at: Date | string | null
  },
  cal: WorkCalendar,
  now: Date,
) {
  let kind: 'accept' | 'deadline' | 'confirm'
  let at: Date | string | null
  if (TRIAGE_STATUSES.includes(r.status)) [kind, at] = ['accept', r.accept_due_at]
  else if (HANDLING_STATUSES.includes(r.status)) [kind, at] = ['deadline', r.deadline_at]
  else if (r.status === 'resolved') [kind, at] = ['confirm', r.confirm_due_at]
  else return null
  if (!at) return null
  const due = new Date(at)
  const date = beijingDate(due)
  const today = beijingDate(now)
  const overdue = now.getTime() > due.getTime()
  const daysLeft = overdue ? -workingDaysBetween(cal, date, today) : workingDaysBetween(cal, today, date)
  return { kind, at: due.toISOString(), date, daysLeft, overdue }
}

/** A row of the ledger and of the problem / responsibility lists. */
export function presentRow(r: repo.ProblemRowDb, cal: WorkCalendar, now: Date) {
  const due = dueOf(r, cal, now)
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    code: r.code,
    title: r.title,
    category: r.category,
    source: r.source,
    type: r.type,
    status: r.status,
    statusLabel: STATUS_LABEL[r.status],
    enterprise: ref(r.enterprise_id, r.enterprise_name),
    project: r.project_id
      ? { id: r.project_id, name: r.project_name ?? '', code: r.project_code ?? '' }
      : null,
    reporter: r.reporter_user_name ?? r.reporter_name ?? null,
    firstReceiver: ref(r.first_receiver_id, r.first_receiver_name),
    leadUnit: ref(r.lead_department_id, r.lead_department_name),
    coUnits: r.co_units ?? [],
    responsibleLeader: ref(r.responsible_leader_id, r.responsible_leader_name),
    responsibleUser: ref(r.responsible_user_id, r.responsible_user_name),
    supervisionLevel: r.supervision_level,
    // The stored light is the 督办 job's; a deadline passed since its last pass is red already.
    light: due?.overdue && r.status !== 'resolved' ? 'red' : r.light,
    extended: r.extended,
    isCommon: r.is_common,
    commonId: r.common_id,
    receivedAt: iso(r.received_at)!,
    acceptedAt: iso(r.accepted_at),
    deadlineDays: r.deadline_days,
    deadlineAt: iso(r.deadline_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    satisfaction: r.satisfaction,
    escalationLevel: r.escalation_level,
    due,
    taskCount: r.task_count,
    openTaskCount: r.open_task_count,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  }
}
export type ProblemRowOut = ReturnType<typeof presentRow>

/** A task; it is late only while its problem is still open (a closed problem's leftovers are not). */
export function presentTask(t: repo.TaskRowDb, today: string, problemOpen = true) {
  return {
    id: t.id,
    problemId: t.problem_id,
    title: t.title,
    ownerDepartment: ref(t.owner_department_id, t.owner_department_name),
    ownerUser: ref(t.owner_user_id, t.owner_user_name),
    dueDate: t.due_date,
    status: t.status,
    statusLabel: TASK_STATUS_LABEL[t.status],
    doneAt: iso(t.done_at),
    note: t.note,
    sort: t.sort,
    overdue: problemOpen && t.status !== 'done' && !!t.due_date && t.due_date < today,
    version: t.version,
  }
}
export type TaskOut = ReturnType<typeof presentTask>

export function presentTaskListRow(t: repo.TaskListRowDb, today: string) {
  return {
    ...presentTask(t, today, OPEN_STATUSES.includes(t.problem_status)),
    problemCode: t.problem_code,
    problemTitle: t.problem_title,
    problemStatus: t.problem_status,
    enterprise: ref(t.enterprise_id, t.enterprise_name),
    leadUnit: ref(t.lead_department_id, t.lead_department_name),
  }
}
export type TaskListRowOut = ReturnType<typeof presentTaskListRow>

export function presentExtension(x: Awaited<ReturnType<typeof repo.extensionsOf>>[number]) {
  return {
    id: x.id,
    days: x.days,
    reason: x.reason,
    status: x.status,
    requestedBy: x.requested_by_name ?? null,
    requestedAt: iso(x.requested_at)!,
    decidedBy: x.decided_by_name ?? null,
    decidedAt: iso(x.decided_at),
    decisionNote: x.decision_note,
  }
}
