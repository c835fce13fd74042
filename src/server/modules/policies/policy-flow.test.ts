import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { ACTIONS, APPLICATION_STATUSES, assertTransition, canFrom, FLOW } from './policy-flow.ts'

describe('the application flow table', () => {
  it('allows each step only from its statuses', () => {
    const allowed = Object.fromEntries(
      APPLICATION_STATUSES.map((s) => [s, ACTIONS.filter((a) => canFrom(a, s))]),
    )
    expect(allowed).toEqual({
      submitted: ['accept', 'return', 'reject'],
      accepted: ['return', 'approve', 'reject'],
      returned: ['resubmit'],
      approved: ['pay'],
      rejected: [],
      partly_paid: ['pay'],
      paid: [],
    })
  })

  it('only the applicant resubmits; every other step is the reviewer’s', () => {
    expect(ACTIONS.filter((a) => FLOW[a].who === 'applicant')).toEqual(['resubmit'])
  })

  it('refuses a wrong step with 409 INVALID_TRANSITION naming the status in Chinese', () => {
    expect(() => assertTransition('pay', 'accepted')).toThrowError(AppError)
    try {
      assertTransition('approve', 'returned')
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: '该申报当前为「退回补充」，不能审核通过',
      })
      expect((e as AppError).status).toBe(409)
    }
    expect(() => assertTransition('resubmit', 'returned')).not.toThrow()
  })
})
