import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, notFound } from '../../errors.ts'
import { addDays, beijingDate, isRealDate } from '../../lib/time.ts'
import {
  addWorkingDays,
  endOfBeijingDay,
  isWorkingDay,
  nextWorkingDay,
  type WorkCalendar,
  workingDaysBetween,
} from '../../lib/working-days.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import * as repo from './calendar.repository.ts'
import { OFFICIAL_ARRANGEMENTS } from './official-holidays.ts'

/** Loads the shipped State Council arrangements for years the calendar does not have yet. */
export async function seedOfficialCalendar(db: Db, at: Date) {
  const present = new Set(await repo.yearsPresent(db))
  for (const a of OFFICIAL_ARRANGEMENTS) {
    if (present.has(a.year)) continue
    for (const h of a.holidays) {
      for (let d = h.from; d <= h.to; d = addDays(d, 1))
        await repo.upsertDay(db, { day: d, kind: 'holiday', name: h.name, at, by: null })
    }
    for (const m of a.makeupWorkdays)
      await repo.upsertDay(db, { day: m.date, kind: 'workday', name: m.name, at, by: null })
  }
}

/**
 * The working-day calendar (限时办结): holidays and make-up working days as editable data, and the
 * deadline arithmetic every module uses. Cached in memory; any change clears the cache.
 */
export function createCalendarService(deps: Deps, audit: AuditService) {
  let cached: Promise<WorkCalendar> | null = null

  function calendar(): Promise<WorkCalendar> {
    cached ??= repo.allDays(deps.db).then((rows) => ({
      holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
      makeupWorkdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
    }))
    return cached
  }

  /** The end (23:59:59.999 Beijing) of the Nth working day after the Beijing date of `from`. */
  async function deadlineFrom(from: Date, workingDays: number): Promise<Date> {
    return endOfBeijingDay(addWorkingDays(await calendar(), beijingDate(from), workingDays))
  }

  async function workingDaysLate(due: Date, now: Date): Promise<number> {
    return workingDaysBetween(await calendar(), beijingDate(due), beijingDate(now))
  }

  async function isWorking(date: string) {
    return isWorkingDay(await calendar(), date)
  }

  async function nextWorking(date: string) {
    return nextWorkingDay(await calendar(), date)
  }

  async function addWorking(date: string, n: number) {
    return addWorkingDays(await calendar(), date, n)
  }

  async function year(y: number) {
    const rows = await repo.daysOfYear(deps.db, y)
    return rows.map((r) => ({
      day: r.day,
      kind: r.kind,
      name: r.name,
      updatedAt: new Date(r.updated_at).toISOString(),
    }))
  }

  async function setDay(ctx: AnyCtx, input: { day: string; kind: 'holiday' | 'workday'; name: string }) {
    if (ctx.actor) authorize(ctx.actor, 'settings:manage')
    if (!isRealDate(input.day)) {
      throw new AppError('VALIDATION', '日期格式应为 YYYY-MM-DD', { field: 'day' })
    }
    const dow = new Date(`${input.day}T00:00:00Z`).getUTCDay()
    const weekend = dow === 0 || dow === 6
    if (input.kind === 'workday' && !weekend) {
      throw new AppError('VALIDATION', '调休上班日应是周六或周日（工作日本来就上班）', { field: 'kind' })
    }
    await deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, input.day)
      await repo.upsertDay(trx, {
        ...input,
        name: input.name.trim(),
        at: deps.clock.now(),
        by: ctx.actor?.id ?? null,
      })
      await audit.record(trx, ctx, {
        action: 'calendar.day.set',
        targetType: 'work_calendar',
        targetId: input.day,
        summary: `设置 ${input.day} 为${input.kind === 'holiday' ? '放假' : '调休上班'}（${input.name.trim()}）`,
        before: before ? { kind: before.kind, name: before.name } : null,
        after: { kind: input.kind, name: input.name.trim() },
      })
    })
    cached = null
  }

  async function removeDay(ctx: AnyCtx, day: string) {
    if (ctx.actor) authorize(ctx.actor, 'settings:manage')
    await deps.db.transaction().execute(async (trx) => {
      const before = await repo.findDay(trx, day)
      if (!before) throw notFound('日历设置')
      await repo.deleteDay(trx, day)
      await audit.record(trx, ctx, {
        action: 'calendar.day.remove',
        targetType: 'work_calendar',
        targetId: day,
        summary: `删除 ${day} 的${before.kind === 'holiday' ? '放假' : '调休上班'}设置，恢复为普通${[0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) ? '周末' : '工作日'}`,
        before: { kind: before.kind, name: before.name },
      })
    })
    cached = null
  }

  return {
    calendar,
    deadlineFrom,
    workingDaysLate,
    isWorking,
    nextWorking,
    addWorking,
    year,
    setDay,
    removeDay,
    years: () => repo.yearsPresent(deps.db),
    /** Forget the cached calendar (tests that roll a write back). */
    invalidate: () => {
      cached = null
    },
  }
}

export type CalendarService = ReturnType<typeof createCalendarService>
