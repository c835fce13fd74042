import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { ProblemStatus } from '../../db/schema-problems.ts'
import type { Actor } from '../../policies/index.ts'
import { personalProblemArms, problemScope, wholeZonesOnly } from '../../policies/problem-scope.ts'

// All SQL of 督办 / 日调度 / 三率. Reads the problem tables; writes only the system columns of
// escalation (escalation_level, reminded_at, escalated_at, light) and problem_overdue_days.

const HANDLING: ProblemStatus[] = ['accepted', 'in_progress']
const WAITING: ProblemStatus[] = ['submitted', 'returned']

/** Every problem the escalation job looks at: waiting for triage or being handled. */
export async function escalationCandidates(db: Db) {
  return db
    .selectFrom('problems as p')
    .leftJoin('departments as d', 'd.id', 'p.lead_department_id')
    .select([
      'p.id',
      'p.zone_id',
      'p.code',
      'p.title',
      'p.status',
      'p.enterprise_id',
      'p.project_id',
      'p.lead_department_id',
      'p.supervision_level',
      'p.deadline_at',
      'p.accept_due_at',
      'p.extended',
      'p.escalation_level',
      'p.reminded_at',
      'p.escalated_at',
      'p.light',
      'd.name as lead_department_name',
    ])
    .where('p.status', 'in', [...HANDLING, ...WAITING])
    .orderBy('p.id')
    .execute()
}
export type CandidateRow = Awaited<ReturnType<typeof escalationCandidates>>[number]

/** Finished problems are green (resolved, closed, withdrawn): returns how many changed. */
export async function greenFinished(db: Db) {
  const r = await db
    .updateTable('problems')
    .set({ light: 'green' })
    .where('status', 'in', ['resolved', 'closed', 'withdrawn'])
    .where('light', '<>', 'green')
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** The system fields of escalation; the problem's version and updated_at stay as they are. */
export async function setEscalationFields(
  db: Db,
  id: number,
  patch: {
    escalation_level?: number
    reminded_at?: Date | null
    escalated_at?: Date | null
    light?: 'green' | 'yellow' | 'red'
  },
) {
  if (!Object.keys(patch).length) return
  await db.updateTable('problems').set(patch).where('id', '=', id).execute()
}

/** The head of a department (督办 level 1). */
export async function departmentHead(db: Db, departmentId: number) {
  return db
    .selectFrom('departments as d')
    .leftJoin('users as u', 'u.id', 'd.head_user_id')
    .select(['d.id', 'd.name', 'd.head_user_id', 'u.display_name as head_name'])
    .where('d.id', '=', departmentId)
    .executeTakeFirst()
}

/** The 包联 leaders (督办 level 2): the project's leaders if the problem is linked to one, else the enterprise's. */
export async function liaisonLeaders(db: Db, p: { project_id: number | null; enterprise_id: number | null }) {
  if (p.project_id) {
    const rows = await db
      .selectFrom('project_leaders as pl')
      .innerJoin('users as u', 'u.id', 'pl.user_id')
      .select(['u.id', 'u.display_name'])
      .where('pl.project_id', '=', p.project_id)
      .orderBy('u.id')
      .execute()
    if (rows.length) return rows
  }
  if (p.enterprise_id) {
    return db
      .selectFrom('enterprises as e')
      .innerJoin('users as u', 'u.id', 'e.leader_user_id')
      .select(['u.id', 'u.display_name'])
      .where('e.id', '=', p.enterprise_id)
      .execute()
  }
  return []
}

/** Whether the 受理超时 flag for this acceptance deadline is on the problem's timeline already. */
export async function acceptOverdueFlagged(db: Db, problemId: number, acceptDueAt: string) {
  const row = await db
    .selectFrom('events')
    .select('id')
    .where('subject_type', '=', 'problem')
    .where('subject_id', '=', problemId)
    .where('kind', '=', 'escalate')
    .where(sql<boolean>`data->>'reason' = 'accept_overdue' and data->>'acceptDueAt' = ${acceptDueAt}`)
    .executeTakeFirst()
  return !!row
}

/**
 * Problems whose lateness may still add days to the record: handled and past the deadline now, or
 * resolved after the deadline recently (so days missed by a stopped job runner are filled in).
 */
export async function overdueSpans(db: Db, now: Date, lookbackFrom: Date) {
  return db
    .selectFrom('problems as p')
    .select(['p.id', 'p.zone_id', 'p.lead_department_id', 'p.deadline_at', 'p.resolved_at', 'p.status'])
    .where('p.deadline_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.status', 'in', HANDLING), eb('p.deadline_at', '<', now)]),
        eb.and([
          eb('p.status', 'in', ['resolved', 'closed']),
          eb('p.resolved_at', '>=', lookbackFrom),
          eb('p.resolved_at', '>', eb.ref('p.deadline_at')),
        ]),
      ]),
    )
    .execute()
}

/** Records overdue working days (once each); returns how many were new. */
export async function insertOverdueDays(
  db: Db,
  rows: Array<{ problem_id: number; day: string; zone_id: number; department_id: number | null }>,
) {
  if (!rows.length) return 0
  const r = await db
    .insertInto('problem_overdue_days')
    .values(rows)
    .onConflict((oc) => oc.columns(['problem_id', 'day', 'zone_id']).doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0)
}

// ——— 日调度 board ———

/** Statuses still on the board (waiting for triage, handled, waiting for the enterprise's confirmation). */
const OPEN: ProblemStatus[] = [...WAITING, ...HANDLING, 'resolved']

export interface BoardFilter {
  /** Beijing midnight of the board's day, and of the next day */
  from: Date
  to: Date
  zoneId?: number
}

type Pred = (eb: ExpressionBuilder<any, any>, f: BoardFilter) => Expression<SqlBool>

/**
 * The board's buckets as conditions on timestamps: a due date before the board's day is a
 * deadline before its midnight (`from`), a due date on the day a deadline in [from, to).
 */
const BUCKETS = {
  newToday: (eb, f) => eb.and([eb('p.received_at', '>=', f.from), eb('p.received_at', '<', f.to)]),
  dueToday: (eb, f) =>
    eb.and([
      eb('p.status', 'in', HANDLING),
      eb('p.deadline_at', '>=', f.from),
      eb('p.deadline_at', '<', f.to),
    ]),
  overdue: (eb, f) => eb.and([eb('p.status', 'in', HANDLING), eb('p.deadline_at', '<', f.from)]),
  // escalated by the end of the board's day (a past day's board does not show later escalations)
  escalated: (eb, f) =>
    eb.and([
      eb('p.status', 'in', HANDLING),
      eb('p.escalation_level', '>', 0),
      eb('p.escalated_at', '<', f.to),
    ]),
  acceptOverdue: (eb, f) => eb.and([eb('p.status', 'in', WAITING), eb('p.accept_due_at', '<', f.from)]),
  awaitingConfirmation: (eb) => eb('p.status', '=', 'resolved'),
  pastConfirmWait: (eb, f) => eb.and([eb('p.status', '=', 'resolved'), eb('p.confirm_due_at', '<', f.from)]),
  returned: (eb) => eb('p.status', '=', 'returned'),
} satisfies Record<string, Pred>
export type BoardBucket = keyof typeof BUCKETS
export type BoardList = Exclude<BoardBucket, 'pastConfirmWait'>

/**
 * The actor's problems as disjoint parts, each one index-friendly. For zone-wide actors: the zones'
 * problems, and the ones they handle in person elsewhere — as one OR, every statement of the board
 * read the scope's indexes whole (the zone arm through an index led by another column) and the open
 * problems of every zone. Other actors: problemScope as one part.
 */
function boardParts(db: Db, actor: Actor, f: BoardFilter) {
  const base = () => {
    const q = db.selectFrom('problems as p')
    return f.zoneId ? q.where('p.zone_id', '=', f.zoneId) : q
  }
  const zones = wholeZonesOnly(actor)
  if (!zones) return [base().where(problemScope(actor, 'p'))]
  return [
    base().where('p.zone_id', 'in', zones),
    base().where('p.zone_id', 'not in', zones).where(personalProblemArms(actor, 'p')),
  ]
}

const BUCKET_NAMES = Object.keys(BUCKETS) as BoardBucket[]

/** Each bucket's size, in one statement over the problems on the board (received that day, or open). */
export async function boardCounts(db: Db, actor: Actor, f: BoardFilter) {
  const [first, ...rest] = boardParts(db, actor, f).map((q) =>
    q
      .where((eb) => eb.or([BUCKETS.newToday(eb, f), eb('p.status', 'in', OPEN)]))
      .select((eb) =>
        BUCKET_NAMES.map((k) => sql<number>`(count(*) filter (where ${BUCKETS[k](eb, f)}))::int`.as(k)),
      ),
  )
  if (!rest.length) return (await first!.executeTakeFirstOrThrow()) as Record<BoardBucket, number>
  const parts = rest.reduce((u, q) => u.unionAll(q), first!)
  const row = await db
    .selectFrom(parts.as('c'))
    .select(BUCKET_NAMES.map((k) => sql<number>`sum(${sql.ref(`c.${k}`)})::int`.as(k)))
    .executeTakeFirstOrThrow()
  return row as Record<BoardBucket, number>
}

/** Overdue problems per lead department (no department: null), with its short name. */
export async function boardOverdueByDepartment(db: Db, actor: Actor, f: BoardFilter) {
  const [first, ...rest] = boardParts(db, actor, f).map((q) =>
    q.where((eb) => BUCKETS.overdue(eb, f)).select('p.lead_department_id'),
  )
  const overdue = rest.reduce((u, q) => u.unionAll(q), first!)
  const counts = db
    .selectFrom(overdue.as('o'))
    .select(['o.lead_department_id', sql<number>`count(*)::int`.as('count')])
    .groupBy('o.lead_department_id')
  return db
    .selectFrom(counts.as('c'))
    .leftJoin('departments as d', 'd.id', 'c.lead_department_id')
    .select(['c.lead_department_id', 'c.count', 'd.name', 'd.short_name'])
    .execute()
}

const BOARD_COLUMNS = [
  'p.id',
  'p.zone_id',
  'p.code',
  'p.title',
  'p.status',
  'p.category',
  'p.type',
  'p.light',
  'p.supervision_level',
  'p.received_at',
  'p.accept_due_at',
  'p.deadline_at',
  'p.extended',
  'p.resolved_at',
  'p.confirm_due_at',
  'p.escalation_level',
  'p.escalated_at',
  'p.lead_department_id',
  'p.enterprise_id',
] as const

/** How each list is ordered (the service re-sorts overdue by working days late). */
const LIST_ORDER: Record<BoardList, Array<[string, 'asc' | 'desc']>> = {
  newToday: [
    ['received_at', 'desc'],
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
  escalated: [
    ['escalation_level', 'desc'],
    ['id', 'asc'],
  ],
  dueToday: [
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
  overdue: [
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
  acceptOverdue: [
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
  awaitingConfirmation: [
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
  returned: [
    ['deadline_at', 'asc'],
    ['id', 'asc'],
  ],
}

/**
 * One list of the board, in its order, the first `limit` rows (all without a limit). The rows are
 * picked from problems alone; only those are joined to the enterprise and department names.
 */
export async function boardList(
  db: Db,
  actor: Actor,
  f: BoardFilter,
  list: BoardList,
  o: {
    limit?: number
    /** only deadlines in [from, to), ordered by id (a run of overdue rows equally late) */
    deadlines?: { from: Date; to: Date }
  } = {},
) {
  const order: Array<[string, 'asc' | 'desc']> = o.deadlines ? [['id', 'asc']] : LIST_ORDER[list]
  const ordered = <Q extends SelectQueryBuilder<any, any, any>>(q: Q, alias: string): Q => {
    let r = q
    for (const [col, dir] of order) r = r.orderBy(sql.ref(`${alias}.${col}`), dir) as Q
    return (o.limit ? r.limit(o.limit) : r) as Q
  }
  const parts = boardParts(db, actor, f).map((q) => {
    let r = q
      .where((eb) =>
        // open statuses spelled out for every list but newToday: the partial index's condition
        list === 'newToday'
          ? BUCKETS.newToday(eb, f)
          : eb.and([eb('p.status', 'in', OPEN), BUCKETS[list](eb, f)]),
      )
      .select(BOARD_COLUMNS)
    if (o.deadlines)
      r = r.where('p.deadline_at', '>=', o.deadlines.from).where('p.deadline_at', '<', o.deadlines.to)
    return ordered(r, 'p')
  })
  // each part ordered and cut on its own (an index walk that stops), then the parts merged
  const [first, ...rest] = parts
  const picked = rest.length
    ? ordered(
        db
          .selectFrom(
            rest
              .reduce(
                (u, q, i) => u.unionAll(db.selectFrom(q.as(`p${i + 1}`)).selectAll()),
                db.selectFrom(first!.as('p0')).selectAll(),
              )
              .as('u'),
          )
          .selectAll(),
        'u',
      )
    : first!
  let q = db
    .selectFrom(picked.as('p'))
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'p.lead_department_id')
    .selectAll('p')
    .select([
      'e.name as enterprise_name',
      'd.name as lead_department_name',
      'd.short_name as lead_department_short',
    ])
  for (const [col, dir] of order) q = q.orderBy(sql.ref(`p.${col}`), dir)
  return q.execute()
}
export type BoardRow = Awaited<ReturnType<typeof boardList>>[number]

/** Extension requests waiting for the supervision office. */
export async function pendingExtensions(db: Db, actor: Actor, zoneId?: number) {
  let q = db
    .selectFrom('problem_extensions as x')
    .innerJoin('problems as p', 'p.id', 'x.problem_id')
    .leftJoin('users as u', 'u.id', 'x.requested_by')
    .leftJoin('departments as d', 'd.id', 'p.lead_department_id')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'x.id',
      'x.problem_id',
      'x.requested_at',
      'x.days',
      'x.reason',
      'u.display_name as requested_by_name',
      'p.code',
      'p.title',
      'p.deadline_at',
      'p.status',
      'd.name as lead_department_name',
      'e.name as enterprise_name',
    ])
    .where('x.status', '=', 'pending')
    .where(problemScope(actor, 'p'))
  if (zoneId) q = q.where('p.zone_id', '=', zoneId)
  return q.orderBy('x.requested_at').execute()
}

/** Reminders and escalations recorded on a day (the notification record until the notification centre). */
export async function supervisionEvents(db: Db, actor: Actor, f: { from: Date; to: Date; zoneId?: number }) {
  let q = db
    .selectFrom('events as ev')
    .innerJoin('problems as p', (j) =>
      j.onRef('p.id', '=', 'ev.subject_id').on('ev.subject_type', '=', 'problem'),
    )
    .select(['ev.id', 'ev.kind', 'ev.at', 'ev.summary', 'ev.data', 'p.id as problem_id', 'p.code', 'p.title'])
    .where('ev.kind', 'in', ['remind', 'escalate'])
    .where('ev.at', '>=', f.from)
    .where('ev.at', '<', f.to)
    .where(problemScope(actor, 'p'))
  if (f.zoneId) q = q.where('p.zone_id', '=', f.zoneId)
  return q.orderBy('ev.at', 'desc').orderBy('ev.id', 'desc').limit(300).execute()
}

// ——— 三率 figures ———

export type FiguresBy = 'department' | 'zone'

/** Counts per lead department (or zone) over the problems received in the period. */
export async function figureCounts(
  db: Db,
  actor: Actor,
  f: { from: Date; to: Date; now: Date; by: FiguresBy; zoneId?: number },
) {
  const key = f.by === 'zone' ? sql<number | null>`p.zone_id` : sql<number | null>`p.lead_department_id`
  const now = f.now
  let q = db
    .selectFrom('problems as p')
    .select([
      key.as('key'),
      sql<number>`count(*)::int`.as('received'),
      // acceptance was due (or done): a problem received an hour ago does not lower the rate
      sql<number>`count(*) filter (where p.accepted_at is not null or p.accept_due_at < ${now})::int`.as(
        'accept_due',
      ),
      sql<number>`count(*) filter (where p.accepted_at is not null
        and (p.accept_due_at is null or p.accepted_at <= p.accept_due_at))::int`.as('accepted_on_time'),
      sql<number>`count(*) filter (where p.accepted_at is not null)::int`.as('accepted'),
      sql<number>`count(*) filter (where p.reply_due_at is not null
        and (p.first_reply_at is not null or p.reply_due_at < ${now}))::int`.as('reply_due'),
      sql<number>`count(*) filter (where p.first_reply_at is not null
        and (p.reply_due_at is null or p.first_reply_at <= p.reply_due_at))::int`.as('replied_on_time'),
      sql<number>`count(*) filter (where p.status in ('resolved','closed'))::int`.as('resolved'),
      sql<number>`count(*) filter (where p.status in ('resolved','closed')
        and (p.deadline_at is null or p.resolved_at <= p.deadline_at))::int`.as('resolved_on_time'),
      sql<number>`count(*) filter (where p.satisfaction is not null)::int`.as('confirmed'),
      sql<number>`count(*) filter (where p.satisfaction in ('satisfied','basic'))::int`.as('satisfied'),
    ])
    .where(problemScope(actor, 'p'))
    .where('p.received_at', '>=', f.from)
    .where('p.received_at', '<', f.to)
    .where('p.status', '<>', 'withdrawn')
    .where('p.is_common', '=', false)
    .groupBy(sql`1`)
  if (f.zoneId) q = q.where('p.zone_id', '=', f.zoneId)
  return q.execute()
}

/** Acceptance and resolution times of the period's resolved problems (for the average in working days). */
export async function resolvedSpans(
  db: Db,
  actor: Actor,
  f: { from: Date; to: Date; by: FiguresBy; zoneId?: number },
) {
  const key = f.by === 'zone' ? sql<number | null>`p.zone_id` : sql<number | null>`p.lead_department_id`
  let q = db
    .selectFrom('problems as p')
    .select([key.as('key'), 'p.accepted_at', 'p.resolved_at'])
    .where(problemScope(actor, 'p'))
    .where('p.received_at', '>=', f.from)
    .where('p.received_at', '<', f.to)
    .where('p.status', 'in', ['resolved', 'closed'])
    .where('p.is_common', '=', false)
    .where('p.accepted_at', 'is not', null)
    .where('p.resolved_at', 'is not', null)
  if (f.zoneId) q = q.where('p.zone_id', '=', f.zoneId)
  return q.execute()
}

/** 责任追究: overdue problems and working days recorded against each department (or zone) in the period. */
export async function overdueFigures(
  db: Db,
  actor: Actor,
  f: { fromDay: string; toDay: string; by: FiguresBy; zoneId?: number },
) {
  const key = f.by === 'zone' ? sql<number | null>`o.zone_id` : sql<number | null>`o.department_id`
  let q = db
    .selectFrom('problem_overdue_days as o')
    .innerJoin('problems as p', 'p.id', 'o.problem_id')
    .select([
      key.as('key'),
      sql<number>`count(distinct o.problem_id)::int`.as('overdue_count'),
      sql<number>`count(*)::int`.as('overdue_days'),
    ])
    .where(problemScope(actor, 'p'))
    .where('o.day', '>=', f.fromDay)
    .where('o.day', '<=', f.toDay)
    .groupBy(sql`1`)
  if (f.zoneId) q = q.where('o.zone_id', '=', f.zoneId)
  return q.execute()
}

export async function departmentNames(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, { name: string; short: string | null }>()
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name', 'short_name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, { name: r.name, short: r.short_name }]))
}

/** Beijing midnight of a 'YYYY-MM-DD' day as an instant. */
export function beijingMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
}
