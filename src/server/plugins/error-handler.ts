import type { FastifyError, FastifyInstance } from 'fastify'
import type { ErrorBody, ErrorCode } from '../../shared/error-codes.ts'
import { AppError, STATUS_BY_CODE } from '../errors.ts'
import { describeValidationError } from './validation-messages.ts'

// PostgreSQL error classes that mean the database went away rather than the query being wrong.
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '08P01',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|not queryable|the database system is (shutting down|starting up|in recovery mode)/i

export const DB_UNAVAILABLE_MESSAGE = '数据库暂时不可用，请稍后重试'

/** Whether an error means the database could not be reached (refused, dropped, timed out, shutting down). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | null
  if (!e) return false
  if (UNAVAILABLE.has(String(e.code ?? ''))) return true
  if (UNAVAILABLE_MESSAGE.test(String(e.message ?? ''))) return true
  // an AggregateError of one refused connection per address (IPv4 and IPv6 of localhost)
  return Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))
}

/** Maps anything thrown to `{ error: { code, message, field? } }`; never leaks a stack trace. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  const body = (code: ErrorCode, message: string, field?: string, details?: unknown) => ({
    status: STATUS_BY_CODE[code],
    body: {
      error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) },
    },
  })
  if (err instanceof AppError) return body(err.code, err.message, err.field, err.details)
  const e = err as FastifyError & {
    validation?: any[]
    validationContext?: string
    code?: string
    errno?: number
  }
  if (e?.validation?.length) {
    const { field, message } = describeValidationError(e.validation[0], e.validationContext)
    return body('VALIDATION', message, field)
  }
  const code = String(e?.code ?? '')
  if (code.startsWith('FST_CSRF')) return body('CSRF_INVALID', '页面已过期或请求来源不可信，请刷新页面后重试')
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return body('UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型')
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE')
    return body('PAYLOAD_TOO_LARGE', '请求内容过大')
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return body('VALIDATION', '请求内容不能为空', 'body')
  if (
    code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e instanceof SyntaxError ||
    code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
  ) {
    return body('VALIDATION', '请求内容不是有效的 JSON', 'body')
  }
  if (e?.statusCode === 429) return body('RATE_LIMITED', '请求过于频繁，请稍后再试')
  if (code === '23505') return body('DUPLICATE', '数据重复：已存在相同的记录')
  if (code === '23503') return body('CONFLICT', '数据仍被其他记录引用，或引用的记录不存在')
  // 22021 / 22P05: bytes PostgreSQL text cannot hold (a NUL); 22001: a value longer than its column
  if (['22P02', '22003', '22007', '22008', '22021', '22P05', '22001'].includes(code))
    return body('VALIDATION', '数据格式不正确')
  if (code === '40001' || code === '40P01') return body('CONFLICT', '数据正被同时修改，请重试')
  if (isDatabaseUnavailable(e)) return body('DB_UNAVAILABLE', DB_UNAVAILABLE_MESSAGE)
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const map: Record<number, ErrorCode> = {
      401: 'UNAUTHENTICATED',
      403: 'FORBIDDEN',
      404: 'NOT_FOUND',
      413: 'PAYLOAD_TOO_LARGE',
      415: 'UNSUPPORTED_MEDIA_TYPE',
    }
    return body(
      map[e.statusCode] ?? 'VALIDATION',
      map[e.statusCode] ? defaultMessage(map[e.statusCode]) : '请求不正确',
    )
  }
  return body('INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员')
}

function defaultMessage(code: ErrorCode): string {
  return (
    (
      {
        UNAUTHENTICATED: '请先登录',
        FORBIDDEN: '没有执行此操作的权限',
        NOT_FOUND: '请求的资源不存在',
        PAYLOAD_TOO_LARGE: '请求内容过大',
        UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型',
      } as Partial<Record<ErrorCode, string>>
    )[code] ?? '请求不正确'
  )
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorBody(err)
    if (status >= 500) request.log.error({ err }, 'request failed')
    else request.log.debug({ code: body.error.code }, body.error.message)
    reply.status(status).type('application/json; charset=utf-8').send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` },
    })
  })
}
