import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Cadence } from '../../db/schema-rhythm.ts'
import { nullsOrder, pageRows } from '../../db/sql-helpers.ts'

// Queries of cadence_obligations: who owes an entry in which period, delivery, reminders, and the
// figures read by the page, the job and the scorecard / bulletin contract.

// ── obligations ─────────────────────────────────────────────────────────────

export interface ObligationInsert {
  period_id: number
  project_id: number
  zone_id: number
  owner_user_id: number | null
  department_id: number | null
  submitted_at: Date | null
  late: boolean
}

export async function insertObligations(db: Db, rows: ObligationInsert[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('cadence_obligations')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['period_id', 'project_id']).doNothing())
      .execute()
  }
}

/** While a period is open, projects that no longer owe (and have not delivered) leave it. */
export async function dropObligations(db: Db, periodId: number, keepProjectIds: number[]) {
  let q = db
    .deleteFrom('cadence_obligations')
    .where('period_id', '=', periodId)
    .where('submitted_at', 'is', null)
  if (keepProjectIds.length) q = q.where('project_id', 'not in', keepProjectIds)
  await q.execute()
}

/** The first submission marks the obligation delivered; corrections keep that time. */
export async function markSubmitted(
  db: Db,
  r: { cadence: Cadence; periodKey: string; projectId: number; submittedAt: Date; late: boolean },
) {
  await db
    .updateTable('cadence_obligations as o')
    .set({ submitted_at: r.submittedAt, late: r.late })
    .where('o.project_id', '=', r.projectId)
    .where('o.submitted_at', 'is', null)
    .where((eb) =>
      eb(
        'o.period_id',
        'in',
        eb
          .selectFrom('cadence_periods')
          .select('id')
          .where('cadence', '=', r.cadence)
          .where('period_key', '=', r.periodKey),
      ),
    )
    .execute()
}

/** Not delivered when the period closes: late (and shown as 未报 until it comes in). */
export async function markMissingLate(db: Db, periodId: number) {
  await db
    .updateTable('cadence_obligations')
    .set({ late: true })
    .where('period_id', '=', periodId)
    .where('submitted_at', 'is', null)
    .execute()
}

export async function setReminded(db: Db, periodId: number, projectIds: number[], at: Date) {
  if (!projectIds.length) return
  await db
    .updateTable('cadence_obligations')
    .set({ reminded_at: at })
    .where('period_id', '=', periodId)
    .where('project_id', 'in', projectIds)
    .execute()
}

const OBLIGATION_SORT = {
  code: 'p.code',
  department: 'd.name',
  owner: 'u.display_name',
  submittedAt: 'o.submitted_at',
  remindedAt: 'o.reminded_at',
} as const
export const OBLIGATION_SORT_FIELDS = Object.keys(OBLIGATION_SORT) as Array<keyof typeof OBLIGATION_SORT>

export type ObligationStatus = 'submitted' | 'late' | 'missing' | 'pending'

export interface ObligationFilter {
  periodId?: number
  /** periods whose due date falls in [from, to] (Beijing dates) */
  dueFrom?: string
  dueTo?: string
  zoneId?: number
  cadences?: Cadence[]
  ownerId?: number
  status?: ObligationStatus
  /** the period is past due (decides missing vs pending for undelivered entries) */
  pastDue?: boolean
  departmentId?: number
  projectIds?: number[]
  /** not delivered yet */
  open?: boolean
  /** delivered late, or not delivered and past due */
  lateOrMissing?: boolean
  /** periods due after this date */
  dueAfter?: string
  /** periods due on or before this date */
  dueBy?: string
}

function obligationWhere(f: ObligationFilter, now: Date) {
  return (eb: ExpressionBuilder<any, any>) => {
    const c: Expression<SqlBool>[] = []
    if (f.periodId) c.push(eb('o.period_id', '=', f.periodId))
    if (f.zoneId) c.push(eb('o.zone_id', '=', f.zoneId))
    if (f.cadences) c.push(eb('cp.cadence', 'in', f.cadences))
    if (f.dueFrom) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date >= ${f.dueFrom}::date`)
    if (f.dueTo) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date <= ${f.dueTo}::date`)
    if (f.ownerId) c.push(eb('o.owner_user_id', '=', f.ownerId))
    if (f.departmentId) c.push(eb('o.department_id', '=', f.departmentId))
    if (f.projectIds) c.push(eb('o.project_id', 'in', f.projectIds.length ? f.projectIds : [0]))
    if (f.open) c.push(eb('o.submitted_at', 'is', null))
    if (f.dueAfter) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date > ${f.dueAfter}::date`)
    if (f.dueBy) c.push(sql<SqlBool>`(cp.due_at at time zone 'Asia/Shanghai')::date <= ${f.dueBy}::date`)
    const due = sql<SqlBool>`cp.due_at < ${now}`
    if (f.lateOrMissing)
      c.push(sql<SqlBool>`((o.submitted_at is not null and o.late) or (o.submitted_at is null and ${due}))`)
    if (f.status === 'submitted') c.push(sql<SqlBool>`o.submitted_at is not null and not o.late`)
    if (f.status === 'late') c.push(sql<SqlBool>`o.submitted_at is not null and o.late`)
    if (f.status === 'missing') c.push(sql<SqlBool>`o.submitted_at is null and ${due}`)
    if (f.status === 'pending') c.push(sql<SqlBool>`o.submitted_at is null and not ${due}`)
    return eb.and(c)
  }
}

export async function listObligations(
  db: Db,
  f: ObligationFilter,
  now: Date,
  sort: { field: keyof typeof OBLIGATION_SORT; dir: 'asc' | 'desc' },
  page: { offset: number; pageSize: number },
) {
  const from = () =>
    db
      .selectFrom('cadence_obligations as o')
      .innerJoin('cadence_periods as cp', 'cp.id', 'o.period_id')
      .innerJoin('projects as p', 'p.id', 'o.project_id')
      .leftJoin('users as u', 'u.id', 'o.owner_user_id')
      .leftJoin('departments as d', 'd.id', 'o.department_id')
      .where(obligationWhere(f, now))
  return pageRows(
    from().select(sql<number>`count(*)::int`.as('n')),
    from()
      .select([
        'o.period_id',
        'o.project_id',
        'o.zone_id',
        'o.owner_user_id',
        'o.department_id',
        'o.submitted_at',
        'o.late',
        'o.reminded_at',
        'cp.cadence',
        'cp.period_key',
        'cp.starts_on',
        'cp.ends_on',
        'cp.due_at',
        'cp.closed_at',
        'p.code',
        'p.name',
        'p.stage',
        'p.enterprise_id',
        'u.display_name as owner_name',
        'd.name as department_name',
      ])
      .orderBy(sql.ref(OBLIGATION_SORT[sort.field]), nullsOrder(sort.dir))
      .orderBy('cp.starts_on', 'desc')
      .orderBy('p.code')
      .orderBy('o.project_id'),
    page,
  )
}
export type ObligationRow = Awaited<ReturnType<typeof listObligations>>['items'][number]

/** Owed / on time / late / missing per department over periods due in [from, to]. */
export async function punctuality(db: Db, zoneId: number, from: string, to: string, now: Date) {
  return db
    .selectFrom('cadence_obligations as o')
    .innerJoin('cadence_periods as cp', 'cp.id', 'o.period_id')
    .select([
      'o.department_id',
      sql<number>`count(*)::int`.as('owed'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and not o.late))::int`.as('on_time'),
      sql<number>`(count(*) filter (where o.submitted_at is not null and o.late))::int`.as('late'),
      sql<number>`(count(*) filter (where o.submitted_at is null and cp.due_at < ${now}))::int`.as('missing'),
    ])
    .where(obligationWhere({ zoneId, dueFrom: from, dueTo: to, cadences: ['weekly', 'monthly'] }, now))
    .groupBy('o.department_id')
    .orderBy('o.department_id')
    .execute()
}
