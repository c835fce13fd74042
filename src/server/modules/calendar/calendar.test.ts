import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('working-day calendar', () => {
  it('ships the 2026 State Council arrangement and counts deadlines across Spring Festival', async () => {
    expect((await t.agent().get('/api/calendar?year=2026')).statusCode).toBe(401)
    const a = await t.as('a_sup')
    const year = (await a.get('/api/calendar?year=2026')).json()
    expect(year.years).toEqual(expect.arrayContaining([2025, 2026]))
    expect(year.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ day: '2026-02-16', kind: 'holiday', name: '春节' })]),
    )
    expect(year.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ day: '2026-02-14', kind: 'workday' })]),
    )
    expect((await a.get('/api/calendar/working-days?from=2026-02-13&days=3')).json().due).toBe('2026-02-25')
    expect(errorOf(await a.get('/api/calendar/working-days?from=13-02-2026&days=3')).field).toBe('from')
  })

  it('is edited by the system administrator only, with checks, and deadlines follow at once', async () => {
    const sup = await t.as('a_sup')
    expect((await sup.put('/api/calendar/2026-12-31', { kind: 'holiday', name: '跨年' })).statusCode).toBe(
      403,
    )
    const admin = await t.as('sysadmin')
    expect((await admin.get('/api/calendar/working-days?from=2026-12-30&days=1')).json().due).toBe(
      '2026-12-31',
    )
    expect(
      (await admin.put('/api/calendar/2026-12-31', { kind: 'holiday', name: '临时放假' })).statusCode,
    ).toBe(200)
    expect((await admin.get('/api/calendar/working-days?from=2026-12-30&days=1')).json().due).toBe(
      '2027-01-01',
    )
    const weekday = await admin.put('/api/calendar/2026-12-30', { kind: 'workday', name: '调休' })
    expect(weekday.statusCode).toBe(400)
    expect(errorOf(weekday).field).toBe('kind')
    expect((await admin.delete('/api/calendar/2026-12-31')).statusCode).toBe(200)
    expect((await admin.get('/api/calendar/working-days?from=2026-12-30&days=1')).json().due).toBe(
      '2026-12-31',
    )
    expect((await admin.delete('/api/calendar/2026-12-31')).statusCode).toBe(404)
    const auditor = await t.as('auditadmin')
    const log = (await auditor.get('/api/audit-logs?targetType=work_calendar')).json()
    expect(log.items.map((r: { action: string }) => r.action)).toEqual([
      'calendar.day.remove',
      'calendar.day.set',
    ])
  })
})
