import type { ProblemDetail } from '../../../api/types'

export const PROBLEM_TYPES = ['onsite', 'common', 'longterm'] as const
export const SUPERVISION_LEVELS: ProblemDetail['supervisionLevel'][] = ['normal', 'key', 'listed']
export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const
export const TASK_STATUSES = ['todo', 'doing', 'done'] as const
