import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type {
  ApplicationStatus,
  PoliciesTable,
  PolicyBenefit,
  PolicyLevel,
} from '../../db/schema-policies.ts'
import { countAll, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { zoneRowScope } from '../enterprises/enterprises.repository.ts'
import type { MatchLabels } from './policy-match.ts'

/**
 * Which policies an actor sees: staff their zone's (city-level users every zone under them, as for
 * enterprises); an enterprise user the published policies of their enterprise's zone.
 * `alias` is the policies table alias.
 */
export function policyScope(actor: Actor, alias = 'po') {
  const zone = `${alias}.zone_id`
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const staff = zoneRowScope(actor, zone)(eb)
    if (!actor.enterpriseId) return staff
    return eb.or([
      staff,
      eb.and([
        eb(eb.ref(`${alias}.status`), '=', 'published'),
        sql<SqlBool>`${sql.ref(zone)} = (select e.zone_id from enterprises e where e.id = ${actor.enterpriseId})`,
      ]),
    ])
  }
}

/** Applications: staff their zone's, enterprise users their enterprise's. */
export const applicationScope = (actor: Actor, alias = 'pa') =>
  zoneRowScope(actor, `${alias}.zone_id`, `${alias}.enterprise_id`)

// ---------- policies ----------

function policyBase(db: Db) {
  return db
    .selectFrom('policies as po')
    .innerJoin('departments as zd', 'zd.id', 'po.zone_id')
    .select([
      'po.id',
      'po.zone_id',
      'zd.name as zone_name',
      'po.title',
      'po.doc_number',
      'po.issuer',
      'po.level',
      'po.benefit_kind',
      'po.summary',
      'po.benefit_text',
      'po.max_amount',
      'po.valid_from',
      'po.valid_to',
      'po.cond_industries',
      'po.cond_scales',
      'po.cond_regions',
      'po.cond_stages',
      'po.cond_min_investment',
      'po.cond_max_investment',
      'po.contact_name',
      'po.contact_phone',
      'po.status',
      'po.published_at',
      'po.created_at',
      'po.updated_at',
      'po.version',
      (eb) =>
        eb
          .selectFrom('policy_applications as pa')
          .whereRef('pa.policy_id', '=', 'po.id')
          .select(countAll)
          .as('application_count'),
      (eb) =>
        eb
          .selectFrom('policy_notices as pn')
          .whereRef('pn.policy_id', '=', 'po.id')
          .select(sql<number>`count(distinct pn.enterprise_id)::int`.as('n'))
          .as('notified_enterprises'),
    ])
}
export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>

export async function findPolicy(db: Db, id: number, actor?: Actor) {
  let q = policyBase(db).where('po.id', '=', id)
  if (actor) q = q.where(policyScope(actor))
  return q.executeTakeFirst()
}

export interface PolicyFilter {
  keyword?: string
  level?: PolicyLevel
  benefitKind?: PolicyBenefit
  status?: 'draft' | 'published' | 'withdrawn'
  validNow?: boolean
  zoneId?: number
}
export type PolicySort = { field: 'validFrom' | 'createdAt' | 'title'; dir: 'asc' | 'desc' }

export async function listPolicies(
  db: Db,
  actor: Actor,
  f: PolicyFilter,
  today: string,
  sort: PolicySort,
  window: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [policyScope(actor)(eb)]
    if (f.keyword?.trim()) {
      const k = `%${likeEscape(f.keyword.trim())}%`
      conds.push(
        eb.or([
          eb('po.title', 'ilike', k),
          eb('po.doc_number', 'ilike', k),
          eb('po.issuer', 'ilike', k),
          eb('po.summary', 'ilike', k),
        ]),
      )
    }
    if (f.level) conds.push(eb('po.level', '=', f.level))
    if (f.benefitKind) conds.push(eb('po.benefit_kind', '=', f.benefitKind))
    if (f.status) conds.push(eb('po.status', '=', f.status))
    if (f.zoneId) conds.push(eb('po.zone_id', '=', f.zoneId))
    if (f.validNow)
      conds.push(
        eb.and([
          eb('po.valid_from', '<=', today),
          eb.or([eb('po.valid_to', 'is', null), eb('po.valid_to', '>=', today)]),
        ]),
      )
    return eb.and(conds)
  }
  const col = { validFrom: 'po.valid_from', createdAt: 'po.created_at', title: 'po.title' }[sort.field] as
    | 'po.valid_from'
    | 'po.created_at'
    | 'po.title'
  return pageRows(
    db.selectFrom('policies as po').select(countAll).where(where),
    policyBase(db).where(where).orderBy(col, sort.dir).orderBy('po.id', 'desc'),
    window,
  )
}

/** The published policies of a zone valid on a day (the candidates of a match). */
export async function livePolicies(db: Db, zoneId: number, today: string, actor?: Actor) {
  let q = policyBase(db)
    .where('po.zone_id', '=', zoneId)
    .where('po.status', '=', 'published')
    .where('po.valid_from', '<=', today)
    .where((eb) => eb.or([eb('po.valid_to', 'is', null), eb('po.valid_to', '>=', today)]))
  if (actor) q = q.where(policyScope(actor))
  return q.orderBy('po.valid_from', 'desc').orderBy('po.id', 'desc').execute()
}

export interface PolicyValues {
  title: string
  doc_number: string | null
  issuer: string
  level: PoliciesTable['level']
  benefit_kind: PoliciesTable['benefit_kind']
  summary: string | null
  benefit_text: string | null
  max_amount: string | null
  valid_from: string
  valid_to: string | null
  cond_industries: string[]
  cond_scales: string[]
  cond_regions: string[]
  cond_stages: string[]
  cond_min_investment: string | null
  cond_max_investment: string | null
  contact_name: string | null
  contact_phone: string | null
}

export async function insertPolicy(
  db: Db,
  v: PolicyValues & { zone_id: number; created_by: number | null },
  at: Date,
) {
  const { id } = await db
    .insertInto('policies')
    .values({ ...v, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const updatePolicy = (
  db: Db,
  id: number,
  version: number,
  values: Record<string, unknown>,
  at: Date,
) => updateVersioned(db, 'policies', id, version, values, at)

export async function deletePolicy(db: Db, id: number, version: number) {
  await db.deleteFrom('policy_notices').where('policy_id', '=', id).execute()
  const res = await db
    .deleteFrom('policies')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(res.numDeletedRows) === 1
}

// ---------- matching ----------

/** Names of the codes a set of policies and enterprises use (industries, regions, scales, stages). */
export async function labelsFor(db: Db, industries: string[], regions: string[]): Promise<MatchLabels> {
  const ind = [...new Set(industries.filter(Boolean))]
  const reg = [...new Set(regions.filter(Boolean))]
  const [i, r, d] = await Promise.all([
    ind.length ? db.selectFrom('industries').select(['code', 'name']).where('code', 'in', ind).execute() : [],
    reg.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', reg).execute() : [],
    db
      .selectFrom('dict_items')
      .select(['type_code', 'code', 'label'])
      .where('type_code', 'in', ['enterprise_scale', 'project_stage'])
      .execute(),
  ])
  const map = (rows: Array<{ code: string; name: string }>) =>
    Object.fromEntries(rows.map((x) => [x.code, x.name]))
  return {
    industry: map(i),
    region: map(r),
    scale: Object.fromEntries(
      d.filter((x) => x.type_code === 'enterprise_scale').map((x) => [x.code, x.label]),
    ),
    stage: Object.fromEntries(d.filter((x) => x.type_code === 'project_stage').map((x) => [x.code, x.label])),
  }
}

/** Enterprises of a zone (or the given ones) with what matching needs, their projects included. */
export async function enterprisesForMatch(db: Db, zoneId: number, ids?: number[]) {
  if (ids && !ids.length) return []
  let q = db
    .selectFrom('enterprises as e')
    .leftJoin('industries as div', (j) => j.on(sql<SqlBool>`div.code = left(e.industry_code, 2)`))
    .select([
      'e.id',
      'e.name',
      'e.zone_id',
      'e.industry_code',
      sql<
        string | null
      >`case when e.industry_code ~ '^[A-Z]$' then e.industry_code else div.parent_code end`.as(
        'industry_section',
      ),
      'e.scale',
      'e.region_code',
    ])
    .where('e.zone_id', '=', zoneId)
  if (ids) q = q.where('e.id', 'in', ids)
  const rows = await q.orderBy('e.name').orderBy('e.id').execute()
  if (!rows.length) return []
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'name', 'stage', 'total_investment', 'enterprise_id'])
    .where(
      'enterprise_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    ...r,
    projects: projects
      .filter((p) => p.enterprise_id === r.id)
      .map((p) => ({ id: p.id, name: p.name, stage: p.stage, totalInvestment: p.total_investment })),
  }))
}
export type MatchEnterpriseRow = Awaited<ReturnType<typeof enterprisesForMatch>>[number]

/** The enabled accounts of enterprises (the people a policy notice reaches). */
export async function enterpriseUsers(db: Db, enterpriseIds: number[]) {
  if (!enterpriseIds.length) return []
  return db
    .selectFrom('users')
    .select(['id', 'enterprise_id'])
    .where('enterprise_id', 'in', enterpriseIds)
    .where('enabled', '=', true)
    .orderBy('id')
    .execute()
}

export async function notifiedUserIds(db: Db, policyId: number) {
  const rows = await db
    .selectFrom('policy_notices')
    .select('user_id')
    .where('policy_id', '=', policyId)
    .execute()
  return new Set(rows.map((r) => r.user_id))
}

export async function insertNotices(
  db: Db,
  rows: Array<{
    zone_id: number
    policy_id: number
    enterprise_id: number
    user_id: number
    notified_at: Date
    notified_by: number | null
  }>,
) {
  if (rows.length) await db.insertInto('policy_notices').values(rows).execute()
}

export async function noticesOf(db: Db, policyId: number) {
  return db
    .selectFrom('policy_notices as pn')
    .innerJoin('enterprises as e', 'e.id', 'pn.enterprise_id')
    .innerJoin('users as u', 'u.id', 'pn.user_id')
    .select([
      'pn.enterprise_id',
      'e.name as enterprise_name',
      'pn.user_id',
      'u.display_name',
      'pn.notified_at',
    ])
    .where('pn.policy_id', '=', policyId)
    .orderBy('pn.notified_at')
    .orderBy('pn.id')
    .execute()
}

// ---------- applications ----------

function applicationBase(db: Db) {
  return db
    .selectFrom('policy_applications as pa')
    .innerJoin('policies as po', 'po.id', 'pa.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'pa.enterprise_id')
    .innerJoin('departments as zd', 'zd.id', 'pa.zone_id')
    .leftJoin('users as ab', 'ab.id', 'pa.applied_by')
    .select([
      'pa.id',
      'pa.zone_id',
      'zd.name as zone_name',
      'pa.code',
      'pa.policy_id',
      'po.title as policy_title',
      'po.doc_number as policy_doc_number',
      'po.benefit_kind',
      'po.max_amount as policy_max_amount',
      'pa.enterprise_id',
      'e.name as enterprise_name',
      'pa.status',
      'pa.amount_requested',
      'pa.content',
      'pa.amount_granted',
      'pa.amount_paid',
      'pa.applied_by',
      'ab.display_name as applied_by_name',
      'ab.enterprise_id as applied_by_enterprise',
      'pa.applied_at',
      'pa.first_paid_on',
      'pa.fully_paid_on',
      'pa.updated_at',
      'pa.version',
    ])
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>

export async function findApplication(db: Db, id: number, actor?: Actor) {
  let q = applicationBase(db).where('pa.id', '=', id)
  if (actor) q = q.where(applicationScope(actor))
  return q.executeTakeFirst()
}

export interface ApplicationFilter {
  keyword?: string
  status?: ApplicationStatus
  pending?: boolean
  policyId?: number
  enterpriseId?: number
  zoneId?: number
}

export async function listApplications(
  db: Db,
  actor: Actor,
  f: ApplicationFilter,
  window: { offset: number; pageSize: number },
) {
  const where = (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [applicationScope(actor)(eb)]
    if (f.keyword?.trim()) {
      const k = `%${likeEscape(f.keyword.trim())}%`
      conds.push(
        eb.or([
          eb('pa.code', 'ilike', k),
          sql<SqlBool>`exists (select 1 from enterprises x where x.id = pa.enterprise_id and x.name ilike ${k})`,
          sql<SqlBool>`exists (select 1 from policies x where x.id = pa.policy_id and x.title ilike ${k})`,
        ]),
      )
    }
    if (f.status) conds.push(eb('pa.status', '=', f.status))
    if (f.pending) conds.push(eb('pa.status', 'in', ['submitted', 'accepted', 'returned']))
    if (f.policyId) conds.push(eb('pa.policy_id', '=', f.policyId))
    if (f.enterpriseId) conds.push(eb('pa.enterprise_id', '=', f.enterpriseId))
    if (f.zoneId) conds.push(eb('pa.zone_id', '=', f.zoneId))
    return eb.and(conds)
  }
  return pageRows(
    db.selectFrom('policy_applications as pa').select(countAll).where(where),
    applicationBase(db).where(where).orderBy('pa.applied_at', 'desc').orderBy('pa.id', 'desc'),
    window,
  )
}

/** The next 申报 number of a zone and year: SB-2026-0007. */
export async function nextApplicationCode(db: Db, zoneId: number, year: number) {
  const prefix = `SB-${year}-`
  const row = await db
    .selectFrom('policy_applications')
    .select(sql<string | null>`max(code)`.as('max'))
    .where('zone_id', '=', zoneId)
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirst()
  const n = row?.max ? Number(row.max.slice(prefix.length)) + 1 : 1
  return `${prefix}${String(n).padStart(4, '0')}`
}

/** An application still open (not rejected) of the enterprise for the policy: one at a time. */
export async function openApplication(db: Db, policyId: number, enterpriseId: number) {
  return db
    .selectFrom('policy_applications')
    .select(['id', 'code', 'status'])
    .where('policy_id', '=', policyId)
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '!=', 'rejected')
    .executeTakeFirst()
}

export async function insertApplication(
  db: Db,
  v: {
    zone_id: number
    code: string
    policy_id: number
    enterprise_id: number
    amount_requested: string
    content: string
    applied_by: number | null
    applied_at: Date
  },
) {
  const { id } = await db
    .insertInto('policy_applications')
    .values({ ...v, status: 'submitted', created_at: v.applied_at, updated_at: v.applied_at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const updateApplication = (
  db: Db,
  id: number,
  version: number,
  values: Record<string, unknown>,
  at: Date,
) => updateVersioned(db, 'policy_applications', id, version, values, at)

export async function insertStep(
  db: Db,
  v: {
    zone_id: number
    application_id: number
    action: string
    from_status: string | null
    to_status: string
    note: string | null
    amount: string | null
    paid_on: string | null
    actor_id: number | null
    actor_name: string
    at: Date
  },
) {
  await db.insertInto('policy_application_steps').values(v).execute()
}

export async function stepsOf(db: Db, applicationId: number) {
  return db
    .selectFrom('policy_application_steps')
    .select(['id', 'action', 'from_status', 'to_status', 'note', 'amount', 'paid_on', 'actor_name', 'at'])
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

/** Applications of enterprises by policy (which policies an enterprise already applied for). */
export async function applicationsOfEnterprise(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_applications')
    .select(['id', 'code', 'policy_id', 'status'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('applied_at', 'desc')
    .execute()
}

// ---------- figures ----------

/** Per policy: counts, sums and days from application to first / full payment, in the actor's scope. */
export async function figures(db: Db, actor: Actor, f: { zoneId?: number; policyId?: number }) {
  let q = db
    .selectFrom('policy_applications as pa')
    .innerJoin('policies as po', 'po.id', 'pa.policy_id')
    .innerJoin('departments as zd', 'zd.id', 'pa.zone_id')
    .where(applicationScope(actor))
    .select([
      'pa.policy_id',
      'po.title',
      'po.benefit_kind',
      'pa.zone_id',
      'zd.name as zone_name',
      sql<number>`count(*)::int`.as('applied'),
      sql<number>`(count(*) filter (where pa.status in ('approved','partly_paid','paid')))::int`.as(
        'approved',
      ),
      sql<number>`(count(*) filter (where pa.status = 'rejected'))::int`.as('rejected'),
      sql<number>`(count(*) filter (where pa.status in ('submitted','accepted','returned')))::int`.as(
        'pending',
      ),
      sql<number>`(count(*) filter (where pa.status = 'paid'))::int`.as('fully_paid'),
      sql<string>`coalesce(sum(pa.amount_requested), 0)::numeric(18,2)::text`.as('requested_sum'),
      sql<string>`coalesce(sum(pa.amount_granted), 0)::numeric(18,2)::text`.as('granted_sum'),
      sql<string>`coalesce(sum(pa.amount_paid), 0)::numeric(18,2)::text`.as('paid_sum'),
      // days in Beijing from the application to the first / the full payment
      sql<number | null>`sum(pa.first_paid_on - (pa.applied_at at time zone 'Asia/Shanghai')::date)::int`.as(
        'first_days_sum',
      ),
      sql<number>`(count(pa.first_paid_on))::int`.as('first_count'),
      sql<number | null>`sum(pa.fully_paid_on - (pa.applied_at at time zone 'Asia/Shanghai')::date)::int`.as(
        'full_days_sum',
      ),
      sql<number>`(count(pa.fully_paid_on))::int`.as('full_count'),
    ])
    .groupBy(['pa.policy_id', 'po.title', 'po.benefit_kind', 'pa.zone_id', 'zd.name'])
  if (f.zoneId) q = q.where('pa.zone_id', '=', f.zoneId)
  if (f.policyId) q = q.where('pa.policy_id', '=', f.policyId)
  return q.orderBy('pa.policy_id').execute()
}
