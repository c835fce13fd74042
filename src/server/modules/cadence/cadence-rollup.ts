import { sql } from 'kysely'
import type { SystemCtx } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import type { PeriodRow } from './cadence.repository.ts'

// The roll-up a period keeps when it closes: a snapshot for bulletins and the period page (late
// entries that come in afterwards change the live counts, not the snapshot).

export interface Tally {
  owed: number
  onTime: number
  late: number
  missing: number
}
export interface DepartmentTally extends Tally {
  departmentId: number | null
  departmentName: string | null
}

const empty = (): Tally => ({ owed: 0, onTime: 0, late: 0, missing: 0 })

/** Tallies per department of the given periods' obligations (undelivered = missing: they are past due). */
async function tallies(db: Db, periodIds: number[]): Promise<DepartmentTally[]> {
  if (!periodIds.length) return []
  const rows = await db
    .selectFrom('cadence_obligations as o')
    .leftJoin('departments as d', 'd.id', 'o.department_id')
    .select([
      'o.department_id',
      'd.name',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and not o.late))::int`.as('on_time'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and o.late))::int`.as('late'),
      sql<number>`(count(*) filter (where o.submitted_at is null))::int`.as('missing'),
    ])
    .where('o.period_id', 'in', periodIds)
    .groupBy(['o.department_id', 'd.name'])
    .orderBy('d.name')
    .execute()
  return rows.map((r) => ({
    departmentId: r.department_id,
    departmentName: r.name,
    owed: r.owed,
    onTime: r.on_time,
    late: r.late,
    missing: r.missing,
  }))
}

function total(rows: Tally[]): Tally & { onTimeRate: number | null } {
  const t = empty()
  for (const r of rows) {
    t.owed += r.owed
    t.onTime += r.onTime
    t.late += r.late
    t.missing += r.missing
  }
  return { ...t, onTimeRate: t.owed ? Math.round((t.onTime / t.owed) * 10000) / 10000 : null }
}

async function investment(reports: ReportsService, zoneId: number, year: number, month: number) {
  const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '报送调度' }
  const [byDepartment, byIndustry, byLevel] = await Promise.all(
    (['department', 'industry', 'level'] as const).map((by) =>
      reports.rollup(ctx, { year, month, by, zoneId }),
    ),
  )
  return {
    year,
    month,
    total: byDepartment.total,
    byDepartment: byDepartment.rows,
    byIndustry: byIndustry.rows,
    byLevel: byLevel.rows,
  }
}

/**
 * Weekly: owed / on time / late / missing, in total and per department. Monthly: the same plus the
 * month's investment against plan and 序时进度 by department, industry and level (reports.rollup).
 * Quarterly: the quarter's weeks and months summed, per department, and the investment to its end.
 */
export async function computeRollup(db: Db, reports: ReportsService, p: PeriodRow) {
  const year = Number(p.period_key.slice(0, 4))
  if (p.cadence !== 'quarterly') {
    const byDepartment = await tallies(db, [p.id])
    const base = { ...total(byDepartment), byDepartment }
    if (p.cadence === 'weekly') return base
    return {
      ...base,
      investment: await investment(reports, p.zone_id, year, Number(p.period_key.slice(5, 7))),
    }
  }
  const inside = await db
    .selectFrom('cadence_periods')
    .select(['id', 'cadence', 'period_key'])
    .where('zone_id', '=', p.zone_id)
    .where('cadence', 'in', ['weekly', 'monthly'])
    .where('starts_on', '>=', p.starts_on)
    .where('starts_on', '<=', p.ends_on)
    .orderBy('starts_on')
    .execute()
  const ids = (c: string) => inside.filter((x) => x.cadence === c).map((x) => x.id)
  const months = []
  for (const m of inside.filter((x) => x.cadence === 'monthly')) {
    months.push({ periodKey: m.period_key, ...total(await tallies(db, [m.id])) })
  }
  const byDepartment = await tallies(
    db,
    inside.map((x) => x.id),
  )
  return {
    ...total(byDepartment),
    byDepartment,
    weekly: { periods: ids('weekly').length, ...total(await tallies(db, ids('weekly'))) },
    monthly: months,
    investment: await investment(reports, p.zone_id, year, Number(p.ends_on.slice(5, 7))),
  }
}
