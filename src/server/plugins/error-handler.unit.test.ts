import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { toErrorBody } from './error-handler.ts'

describe('error bodies', () => {
  it('hide unexpected errors behind a generic 500', () => {
    const { status, body } = toErrorBody(new TypeError("Cannot read properties of undefined (reading 'x')"))
    expect(status).toBe(500)
    expect(body.error.code).toBe('INTERNAL')
    expect(JSON.stringify(body)).not.toContain('undefined')
  })
  it('map database failures to what the user can act on', () => {
    expect(toErrorBody(Object.assign(new Error('dup'), { code: '23505' })).status).toBe(409)
    expect(toErrorBody(Object.assign(new Error('fk'), { code: '23503' })).body.error.code).toBe('CONFLICT')
    expect(
      toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({ status: 503, body: { error: { code: 'DB_UNAVAILABLE' } } })
    const down = [
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new AggregateError([
        Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
      ]),
    ]
    for (const err of down)
      expect(toErrorBody(err), err.message).toEqual({
        status: 503,
        body: { error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' } },
      })
  })
  it('keep an AppError as it is', () => {
    expect(toErrorBody(new AppError('VERSION_CONFLICT', '已被修改', { field: 'version' }))).toEqual({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', message: '已被修改', field: 'version' } },
    })
  })
})
