import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { LeadStage } from '../../db/schema.ts'
import {
  countAll,
  deleteVersioned,
  likeEscape,
  nullsOrder,
  pageRows,
  updateVersioned,
} from '../../db/sql-helpers.ts'
import type { Actor } from '../../policies/index.ts'
import { zoneRowScope } from '../enterprises/enterprises.repository.ts'

const scoped = (actor: Actor) => zoneRowScope(actor, 'l.zone_id', 'l.enterprise_id')

function base(db: Db) {
  return db
    .selectFrom('leads as l')
    .innerJoin('departments as zd', 'zd.id', 'l.zone_id')
    .leftJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('industries as ind', 'ind.code', 'l.industry_code')
    .leftJoin('users as ou', 'ou.id', 'l.owner_user_id')
    .leftJoin('projects as p', 'p.id', 'l.project_id')
    .select((eb) => [
      'l.id',
      'l.zone_id',
      'zd.name as zone_name',
      'l.name',
      'l.investor',
      'l.enterprise_id',
      'e.name as enterprise_name',
      'l.industry_code',
      'ind.name as industry_name',
      'l.source',
      'l.stage',
      'l.intended_investment',
      'l.agreement_date',
      'l.agreement_amount',
      'l.project_id',
      'p.code as project_code',
      'p.name as project_name',
      'l.owner_user_id',
      'ou.display_name as owner_name',
      'l.contact',
      'l.notes',
      'l.dropped_reason',
      'l.stage_changed_at',
      'l.created_at',
      'l.updated_at',
      'l.version',
      eb
        .selectFrom('project_funds as f')
        .select(sql<string | null>`sum(f.amount)::text`.as('s'))
        .whereRef('f.project_id', '=', 'l.project_id')
        .as('funds_total'),
    ])
}

export type LeadRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('l.id', '=', id)
  if (actor) q = q.where(scoped(actor))
  return q.executeTakeFirst()
}

export interface LeadFilter {
  keyword?: string
  stage?: LeadStage
  ownerUserId?: number
  industry?: string
  enterpriseId?: number
  zoneId?: number
}

const SORT_COLUMNS = {
  name: 'l.name',
  createdAt: 'l.created_at',
  updatedAt: 'l.updated_at',
  stageChangedAt: 'l.stage_changed_at',
  intendedInvestment: 'l.intended_investment',
  agreementAmount: 'l.agreement_amount',
  agreementDate: 'l.agreement_date',
} as const
export type LeadSort = { field: keyof typeof SORT_COLUMNS; dir: 'asc' | 'desc' }

function filterExpr(actor: Actor, f: LeadFilter) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [scoped(actor)(eb)]
    const kw = f.keyword?.trim()
    if (kw) {
      const like = `%${likeEscape(kw)}%`
      conds.push(
        eb.or([
          eb('l.name', 'ilike', like),
          eb('l.investor', 'ilike', like),
          eb('l.contact', 'ilike', like),
          eb('l.notes', 'ilike', like),
        ]),
      )
    }
    if (f.stage) conds.push(eb('l.stage', '=', f.stage))
    if (f.ownerUserId) conds.push(eb('l.owner_user_id', '=', f.ownerUserId))
    if (f.enterpriseId) conds.push(eb('l.enterprise_id', '=', f.enterpriseId))
    if (f.zoneId) conds.push(eb('l.zone_id', '=', f.zoneId))
    if (f.industry) {
      conds.push(
        /^[A-T]$/.test(f.industry)
          ? eb.or([
              eb('l.industry_code', '=', f.industry),
              eb(
                'l.industry_code',
                'in',
                eb.selectFrom('industries').select('code').where('parent_code', '=', f.industry),
              ),
            ])
          : eb('l.industry_code', '=', f.industry),
      )
    }
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor,
  f: LeadFilter,
  sort: LeadSort,
  page: { offset: number; pageSize: number },
) {
  const where = filterExpr(actor, f)
  return pageRows(
    db.selectFrom('leads as l').where(where).select(countAll),
    base(db)
      .where(where)
      .orderBy(sql.ref(SORT_COLUMNS[sort.field]), nullsOrder(sort.dir))
      .orderBy('l.id', 'desc'),
    page,
  )
}

export interface LeadValues {
  name: string
  investor: string
  enterprise_id: number | null
  industry_code: string | null
  source: string | null
  intended_investment: string | null
  agreement_date: string | null
  agreement_amount: string | null
  owner_user_id: number | null
  contact: string | null
  notes: string | null
}

export async function insert(
  db: Db,
  v: LeadValues & { zone_id: number; stage: LeadStage; created_by: number | null; at: Date },
) {
  const { at, ...row } = v
  const { id } = await db
    .insertInto('leads')
    .values({ ...row, stage_changed_at: at, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export const update = (db: Db, id: number, version: number, v: Record<string, unknown>, at: Date) =>
  updateVersioned(db, 'leads', id, version, v, at)

export const remove = (db: Db, id: number, version: number) => deleteVersioned(db, 'leads', id, version)

export async function zoneEnterprise(db: Db, zoneId: number, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('zone_id', '=', zoneId)
    .executeTakeFirst()
}

/** Per zone and stage: how many leads and their sums in 万元 (computed in SQL, as numeric). */
export async function stageFigures(db: Db, actor: Actor | null, zoneId?: number) {
  let q = db
    .selectFrom('leads as l')
    .select([
      'l.zone_id',
      'l.stage',
      sql<number>`count(*)::int`.as('n'),
      sql<string>`coalesce(sum(l.intended_investment), 0)::text`.as('intended'),
      sql<string>`coalesce(sum(l.agreement_amount), 0)::text`.as('agreed'),
      sql<string>`coalesce(sum(coalesce(l.agreement_amount, l.intended_investment)), 0)::text`.as('either'),
    ])
    .groupBy(['l.zone_id', 'l.stage'])
  if (actor) q = q.where(scoped(actor))
  if (zoneId) q = q.where('l.zone_id', '=', zoneId)
  return q.execute()
}

export async function fundFigures(db: Db, actor: Actor | null, zoneId?: number) {
  let q = db
    .selectFrom('project_funds as f')
    .select([
      'f.zone_id',
      sql<string>`coalesce(sum(f.amount), 0)::text`.as('amount'),
      sql<number>`count(distinct f.project_id)::int`.as('projects'),
    ])
    .groupBy('f.zone_id')
  if (actor) q = q.where(zoneRowScope(actor, 'f.zone_id'))
  if (zoneId) q = q.where('f.zone_id', '=', zoneId)
  return q.execute()
}

/** The zones an actor's figures are reported for (names, in tree order). */
export async function zoneNames(db: Db, ids: number[]) {
  if (!ids.length) return []
  return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).orderBy('path').execute()
}

export async function projectRef(db: Db, id: number) {
  const p = await db
    .selectFrom('projects')
    .select(['id', 'zone_id', 'enterprise_id', 'name', 'code'])
    .where('id', '=', id)
    .executeTakeFirst()
  return p ? { id: p.id, zoneId: p.zone_id, enterpriseId: p.enterprise_id, name: p.name, code: p.code } : null
}

function fundBase(db: Db) {
  return db
    .selectFrom('project_funds as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .select([
      'f.id',
      'f.zone_id',
      'f.project_id',
      'f.received_on',
      'f.amount',
      'f.note',
      'u.display_name as created_by_name',
      'f.created_at',
    ])
}

export async function funds(db: Db, projectId: number) {
  return fundBase(db).where('f.project_id', '=', projectId).orderBy('f.received_on').orderBy('f.id').execute()
}
export type FundRow = Awaited<ReturnType<typeof funds>>[number]

export async function fundTotal(db: Db, projectId: number) {
  const r = await db
    .selectFrom('project_funds')
    .select(sql<string>`coalesce(sum(amount), 0)::text`.as('s'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return r.s
}

export async function findFund(db: Db, id: number) {
  return fundBase(db).where('f.id', '=', id).executeTakeFirst()
}

export async function insertFund(
  db: Db,
  v: {
    zone_id: number
    project_id: number
    received_on: string
    amount: string
    note: string | null
    created_by: number | null
    at: Date
  },
) {
  const { at, ...row } = v
  const { id } = await db
    .insertInto('project_funds')
    .values({ ...row, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function deleteFund(db: Db, id: number) {
  await db.deleteFrom('project_funds').where('id', '=', id).execute()
}

/** The lead a project came from, if any (for the 到资 timeline entry). */
export async function leadOfProject(db: Db, projectId: number) {
  return db.selectFrom('leads').select(['id', 'name']).where('project_id', '=', projectId).executeTakeFirst()
}
