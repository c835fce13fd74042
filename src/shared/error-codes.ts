/** Machine error codes shared by server and web; the HTTP status of each lives in server/errors.ts. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'TOTP_INVALID',
  'FORBIDDEN',
  'CSRF_INVALID',
  'ORIGIN_MISMATCH',
  'PASSWORD_CHANGE_REQUIRED',
  'ACCOUNT_DISABLED',
  'NOT_FOUND',
  'VALIDATION',
  'PASSWORD_POLICY',
  'CONFLICT',
  'VERSION_CONFLICT',
  'DUPLICATE',
  'TRIAD_CONFLICT',
  'INVALID_TRANSITION',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'DB_UNAVAILABLE',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; details?: unknown }
}
