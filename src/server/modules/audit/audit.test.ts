import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('operation log', () => {
  it('records who changed what, before and after, from which IP, without secrets', async () => {
    const admin = await t.as('sysadmin')
    const dept = await t.database.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '甲督查室')
      .executeTakeFirstOrThrow()
    const created = (
      await admin.post('/api/users', {
        username: 'audited',
        displayName: '被审计',
        departmentId: dept.id,
        password: 'Audit#Pass2026',
      })
    ).json()
    await admin.patch(`/api/users/${created.id}`, { displayName: '改名了', version: created.version })
    const auditor = await t.as('auditadmin')
    const page = (await auditor.get(`/api/audit-logs?targetType=user&targetId=${created.id}&sort=at`)).json()
    expect(page.items.map((r: { action: string }) => r.action)).toEqual(['user.create', 'user.update'])
    const update = page.items[1]
    expect(update).toMatchObject({
      actorName: '系统管理员(sysadmin)',
      before: { displayName: '被审计' },
      after: { displayName: '改名了' },
    })
    expect(update.ip).toBeTruthy()
    expect(JSON.stringify(page.items)).not.toContain('scrypt$')
  })

  it('is read by the audit admin only', async () => {
    expect((await t.agent().get('/api/audit-logs')).statusCode).toBe(401)
    expect((await (await t.as('sysadmin')).get('/api/audit-logs')).statusCode).toBe(403)
    expect((await (await t.as('secadmin')).get('/api/audit-logs/verify')).statusCode).toBe(403)
  })

  it('rejects a bad date filter naming the field', async () => {
    const auditor = await t.as('auditadmin')
    const res = await auditor.get('/api/audit-logs?from=yesterday')
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).field).toBe('from')
  })

  it('cannot be changed through SQL by the application', async () => {
    await expect(sql`update audit_log set summary = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/)
  })

  it('verifies the hash chain and reports the first edited row', async () => {
    const auditor = await t.as('auditadmin')
    const ok = (await auditor.get('/api/audit-logs/verify')).json()
    expect(ok).toMatchObject({ ok: true, firstBrokenId: null })
    expect(ok.checked).toBeGreaterThanOrEqual(2)
    // Someone with database access edits a row behind the application's back.
    const rows = await t.database.db.selectFrom('audit_log').select('id').orderBy('id').execute()
    const victim = rows[Math.floor(rows.length / 2)].id
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.database.db)
    await sql`update audit_log set summary = '篡改' where id = ${victim}`.execute(t.database.db)
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.database.db)
    const broken = (await auditor.get('/api/audit-logs/verify')).json()
    expect(broken).toMatchObject({ ok: false, firstBrokenId: victim })
    expect(broken.reason).toContain('篡改')
  })

  it('exports the filtered log to Excel', async () => {
    const auditor = await t.as('auditadmin')
    const res = await auditor.get('/api/audit-logs/export.xlsx?action=user.')
    expect(res.statusCode).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as any)
    expect(wb.worksheets[0].getRow(1).getCell(3).value).toBe('操作人')
    expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(3)
  })
})

describe('retention', () => {
  it('removes entries older than the retention period and chains a note of it', async () => {
    const before = (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n
    t.clock.advance(200 * 86_400_000)
    const removed = await t.app.services.audit.applyRetention(
      { actor: null, ip: null, requestId: null, label: '定时任务' },
      180,
    )
    expect(removed).toBe(Number(before))
    const left = await t.database.db.selectFrom('audit_log').select(['action', 'summary']).execute()
    expect(left).toHaveLength(1)
    expect(left[0].action).toBe('audit.retention')
    expect((await t.app.services.audit.verify()).ok).toBe(true)
  })
})
