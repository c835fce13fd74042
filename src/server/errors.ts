import type { ErrorCode } from '../shared/error-codes.ts'

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  ORIGIN_MISMATCH: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  PASSWORD_POLICY: 400,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  TRIAD_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
}

/** The one error type services throw: a machine code, a Chinese message for people, and the field at fault. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: unknown } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = opts.field
    this.details = opts.details
  }
  get status() {
    return STATUS_BY_CODE[this.code]
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权访问`)

/** The record, or the 404 for it: a record outside the actor's scope is reported as absent too. */
export function found<T>(row: T | null | undefined, what?: string): T {
  if (!row) throw notFound(what)
  return row
}
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', message)
export const invalid = (field: string, message: string) => new AppError('VALIDATION', message, { field })
export const versionConflict = () =>
  new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', { field: 'version' })
