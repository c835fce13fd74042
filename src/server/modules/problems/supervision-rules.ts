import type { ProblemStatus } from '../../db/schema-problems.ts'

// The pure rules of 督办 (no database): a problem's light and which escalation steps are due.

export type Light = 'green' | 'yellow' | 'red'

/** Triaged and being handled: the lead unit's deadline runs. */
export const HANDLING: ProblemStatus[] = ['accepted', 'in_progress']
/** Waiting for triage: the acceptance deadline runs. */
export const WAITING: ProblemStatus[] = ['submitted', 'returned']

/** Working days ahead within which a handled problem is yellow (due soon). */
export const YELLOW_WITHIN_WORKING_DAYS = 3

export const SUPERVISION_LABEL: Record<string, string> = {
  normal: '一般督办',
  key: '重点督办',
  listed: '挂牌督办',
}

/**
 * A problem's light at `now`:
 * - handled (accepted / in progress): red when past the deadline; yellow when the deadline falls
 *   within 3 working days (`soonLimit`, the 3rd working day after today) or after an approved
 *   extension; green otherwise;
 * - waiting for triage: red when acceptance is overdue (受理超时), green otherwise;
 * - resolved, closed, withdrawn: green.
 */
export function lightOf(
  p: { status: ProblemStatus; deadlineAt: Date | null; acceptDueAt: Date | null; extended: boolean },
  now: Date,
  dueDate: string | null,
  soonLimit: string,
): Light {
  if (HANDLING.includes(p.status)) {
    if (p.deadlineAt && now > p.deadlineAt) return 'red'
    if (p.extended || (dueDate !== null && dueDate <= soonLimit)) return 'yellow'
    return 'green'
  }
  if (WAITING.includes(p.status)) return p.acceptDueAt && now > p.acceptDueAt ? 'red' : 'green'
  return 'green'
}

/**
 * The escalation level an overdue handled problem should have reached: 1 (the lead department's
 * head) as soon as it is past the deadline; 2 (the 包联 leader) after one more working day overdue
 * (2 working days late), or at once for 重点 / 挂牌 problems.
 */
export function targetLevel(workingDaysLate: number, supervisionLevel: string): 1 | 2 {
  return workingDaysLate >= 2 || supervisionLevel !== 'normal' ? 2 : 1
}

/** "2026年11月24日" */
export function chineseDate(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}

/** "11月24日" */
export function shortChineseDate(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}
