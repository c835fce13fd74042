import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Db } from '../../db/database.ts'
import { countAll, jsonb, likeEscape, pageRows, updateVersioned } from '../../db/sql-helpers.ts'
import { searchQuery, searchText, searchVector } from '../../lib/chinese-search.ts'
import { type Actor, visibleTo } from '../../policies/index.ts'

/**
 * Which zone-owned rows (enterprises, leads) an actor sees: zone-wide roles their zone; department
 * roles the zone their department belongs to (an enterprise is everybody's business in its zone);
 * city-level roles every zone under their subtree; enterprise users their own enterprise.
 */
export function zoneRowScope(actor: Actor, zoneCol: string, enterpriseCol?: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    visibleTo(eb, actor, {
      zoneId: zoneCol,
      enterpriseId: enterpriseCol,
      deptPath: (_eb, prefix) =>
        sql<SqlBool>`exists (select 1 from departments z where z.id = ${sql.ref(zoneCol)}
          and (z.path like ${prefix} or ${prefix} like z.path || '%'))`,
    })
}

const scoped = (actor: Actor) => zoneRowScope(actor, 'e.zone_id', 'e.id')

function base(db: Db) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('departments as zd', 'zd.id', 'e.zone_id')
    .leftJoin('industries as ind', 'ind.code', 'e.industry_code')
    .leftJoin('regions as reg', 'reg.code', 'e.region_code')
    .leftJoin('dict_items as sc', (j) =>
      j.onRef('sc.code', '=', 'e.scale').on('sc.type_code', '=', 'enterprise_scale'),
    )
    .leftJoin('users as lu', 'lu.id', 'e.leader_user_id')
    .leftJoin('departments as lud', 'lud.id', 'lu.department_id')
    .leftJoin('users as ou', 'ou.id', 'e.officer_user_id')
    .leftJoin('departments as oud', 'oud.id', 'ou.department_id')
    .select((eb) => [
      'e.id',
      'e.zone_id',
      'zd.name as zone_name',
      'e.name',
      'e.credit_code',
      'e.industry_code',
      'ind.name as industry_name',
      'e.region_code',
      'reg.name as region_name',
      'e.address',
      'e.lng',
      'e.lat',
      'e.legal_rep',
      'e.scale',
      'sc.label as scale_label',
      'e.contacts',
      'e.leader_user_id',
      'lu.display_name as leader_name',
      'lu.title as leader_title',
      'lu.phone as leader_phone',
      'lud.name as leader_dept',
      'e.officer_user_id',
      'ou.display_name as officer_name',
      'ou.title as officer_title',
      'ou.phone as officer_phone',
      'oud.name as officer_dept',
      'e.established_on',
      'e.description',
      'e.created_at',
      'e.updated_at',
      'e.version',
      eb
        .selectFrom('projects as p')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('p.enterprise_id', '=', 'e.id')
        .as('project_count'),
      eb
        .selectFrom('users as au')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('au.enterprise_id', '=', 'e.id')
        .as('account_count'),
    ])
}

export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findById>>>

export async function findById(db: Db, id: number, actor?: Actor) {
  let q = base(db).where('e.id', '=', id)
  if (actor) q = q.where(scoped(actor))
  return q.executeTakeFirst()
}

export interface EnterpriseFilter {
  keyword?: string
  industry?: string
  region?: string
  scale?: string
  leaderUserId?: number
  officerUserId?: number
  zoneId?: number
}

const SORT_COLUMNS = {
  name: 'e.name',
  createdAt: 'e.created_at',
  updatedAt: 'e.updated_at',
  projectCount: 'project_count',
} as const
export type EnterpriseSort = { field: keyof typeof SORT_COLUMNS; dir: 'asc' | 'desc' }

function filterExpr(actor: Actor, f: EnterpriseFilter) {
  return (eb: ExpressionBuilder<any, any>) => {
    const conds: Expression<SqlBool>[] = [scoped(actor)(eb)]
    const kw = f.keyword?.trim()
    if (kw) {
      const like = `%${likeEscape(kw)}%`
      const ors: Expression<SqlBool>[] = [
        eb('e.name', 'ilike', like),
        eb('e.credit_code', 'ilike', `${likeEscape(kw.toUpperCase())}%`),
        eb('e.address', 'ilike', like),
      ]
      const tsq = searchQuery(kw)
      if (tsq) ors.push(sql<SqlBool>`e.search_tsv @@ ${tsq}`)
      conds.push(eb.or(ors))
    }
    if (f.industry) {
      // A section letter (C 制造业) covers its divisions; a division code matches itself.
      conds.push(
        /^[A-T]$/.test(f.industry)
          ? eb.or([
              eb('e.industry_code', '=', f.industry),
              eb(
                'e.industry_code',
                'in',
                eb.selectFrom('industries').select('code').where('parent_code', '=', f.industry),
              ),
            ])
          : eb('e.industry_code', '=', f.industry),
      )
    }
    if (f.region) {
      // A region covers the regions under it (province → city → county).
      conds.push(
        sql<SqlBool>`e.region_code in (with recursive r(code) as (select ${f.region}::text
          union all select x.code from regions x join r on x.parent_code = r.code) select code from r)`,
      )
    }
    if (f.scale) conds.push(eb('e.scale', '=', f.scale))
    if (f.leaderUserId) conds.push(eb('e.leader_user_id', '=', f.leaderUserId))
    if (f.officerUserId) conds.push(eb('e.officer_user_id', '=', f.officerUserId))
    if (f.zoneId) conds.push(eb('e.zone_id', '=', f.zoneId))
    return eb.and(conds)
  }
}

export async function list(
  db: Db,
  actor: Actor,
  f: EnterpriseFilter,
  sort: EnterpriseSort,
  page: { offset: number; pageSize: number },
) {
  const where = filterExpr(actor, f)
  return pageRows(
    db.selectFrom('enterprises as e').where(where).select(countAll),
    base(db).where(where).orderBy(sql.ref(SORT_COLUMNS[sort.field]), sort.dir).orderBy('e.id'),
    page,
  )
}

export interface EnterpriseValues {
  name: string
  credit_code: string | null
  industry_code: string | null
  region_code: string | null
  address: string | null
  lng: string | null
  lat: string | null
  legal_rep: string | null
  scale: string | null
  contacts: Array<{ name: string; title?: string | null; phone?: string | null }>
  leader_user_id: number | null
  officer_user_id: number | null
  established_on: string | null
  description: string | null
}

function tsv(v: Pick<EnterpriseValues, 'name' | 'address' | 'credit_code' | 'legal_rep'>) {
  return searchVector(v.name, v.address, v.credit_code, v.legal_rep)
}

export async function insert(
  db: Db,
  v: EnterpriseValues & { zone_id: number; created_by: number | null; at: Date },
) {
  const { at, contacts, ...row } = v
  const { id } = await db
    .insertInto('enterprises')
    .values({
      ...row,
      contacts: jsonb(contacts),
      search_tsv: tsv(v),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Updates with the version check; the search vector is rebuilt from the merged values. */
export async function update(db: Db, id: number, version: number, merged: EnterpriseValues, at: Date) {
  const { contacts, ...row } = merged
  return updateVersioned(
    db,
    'enterprises',
    id,
    version,
    { ...row, contacts: jsonb(contacts), search_tsv: tsv(merged) },
    at,
  )
}

export async function nameTaken(db: Db, zoneId: number, name: string, exceptId?: number) {
  let q = db.selectFrom('enterprises').select('id').where('zone_id', '=', zoneId).where('name', '=', name)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst())?.id ?? null
}

export async function creditCodeTaken(db: Db, zoneId: number, code: string, exceptId?: number) {
  let q = db
    .selectFrom('enterprises')
    .select('id')
    .where('zone_id', '=', zoneId)
    .where('credit_code', '=', code)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst())?.id ?? null
}

export async function industryExists(db: Db, code: string) {
  return !!(await db.selectFrom('industries').select('code').where('code', '=', code).executeTakeFirst())
}

export async function regionExists(db: Db, code: string) {
  return !!(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst())
}

export async function scaleExists(db: Db, code: string) {
  return !!(await db
    .selectFrom('dict_items')
    .select('id')
    .where('type_code', '=', 'enterprise_scale')
    .where('code', '=', code)
    .executeTakeFirst())
}

/** A user of the given zone, for 包联领导 / 服务专员 / 招商负责人. */
export async function zoneUser(db: Db, zoneId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'enabled'])
    .where('id', '=', userId)
    .where('zone_id', '=', zoneId)
    .executeTakeFirst()
}

/** A zone (department of kind 'zone') the actor may see. */
export async function visibleZone(db: Db, actor: Actor | null, zoneId: number) {
  let q = db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .where('d.id', '=', zoneId)
    .where('d.kind', '=', 'zone')
  if (actor)
    q = q.where((eb) => visibleTo(eb, actor, { deptPath: 'd.path', deptId: 'd.id', zoneId: 'd.zone_id' }))
  return q.executeTakeFirst()
}

const ACCOUNT_COLS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.phone',
  'u.enabled',
  'u.enterprise_id',
  'ae.name as enterprise_name',
] as const

function accountBase(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('enterprises as ae', 'ae.id', 'u.enterprise_id')
    .select(ACCOUNT_COLS)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_roles as ur')
          .innerJoin('roles as r', 'r.id', 'ur.role_id')
          .select('ur.user_id')
          .whereRef('ur.user_id', '=', 'u.id')
          .where('r.code', '=', 'enterprise'),
      ),
    )
}

export type AccountRow = Awaited<ReturnType<typeof accounts>>[number]

export async function accounts(db: Db, enterpriseId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('enterprises as ae', 'ae.id', 'u.enterprise_id')
    .select(ACCOUNT_COLS)
    .where('u.enterprise_id', '=', enterpriseId)
    .orderBy('u.username')
    .execute()
}

/** Users holding the enterprise role in a zone, optionally matching a keyword. */
export async function accountCandidates(db: Db, zoneId: number, keyword?: string) {
  let q = accountBase(db).where('u.zone_id', '=', zoneId)
  if (keyword) {
    const kw = `%${likeEscape(keyword)}%`
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', kw), eb('u.display_name', 'ilike', kw)]))
  }
  return q.orderBy('u.username').limit(100).execute()
}

/** The given users with whether they hold the enterprise role and their zone. */
export async function accountTargets(db: Db, userIds: number[]) {
  if (!userIds.length) return []
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.zone_id',
      'u.enterprise_id',
      eb
        .exists(
          eb
            .selectFrom('user_roles as ur')
            .innerJoin('roles as r', 'r.id', 'ur.role_id')
            .select('ur.user_id')
            .whereRef('ur.user_id', '=', 'u.id')
            .where('r.code', '=', 'enterprise'),
        )
        .as('is_enterprise'),
    ])
    .where('u.id', 'in', userIds)
    .execute()
}

/** Matches for findOrCreateByName: credit code first, then the exact name, in the zone. */
/** The zone's enterprises among some names and credit codes (bulk matching for an import). */
export async function findByCodesOrNames(db: Db, zoneId: number, names: string[], creditCodes: string[]) {
  if (!names.length && !creditCodes.length) return []
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'credit_code'])
    .where('zone_id', '=', zoneId)
    .where((eb) =>
      eb.or([
        ...(names.length ? [eb('name', 'in', names)] : []),
        ...(creditCodes.length ? [eb('credit_code', 'in', creditCodes)] : []),
      ]),
    )
    .execute()
}

/** New enterprises known by name and credit code only (a ledger import), in one statement; ids in order. */
export async function insertNamed(
  db: Db,
  zoneId: number,
  rows: Array<{ name: string; creditCode: string | null }>,
  createdBy: number | null,
  at: Date,
) {
  if (!rows.length) return []
  const values = rows.map((r) => ({
    name: r.name,
    credit_code: r.creditCode,
    search: searchText(r.name, r.creditCode),
  }))
  const { rows: out } = await sql<{ id: number; name: string; credit_code: string | null }>`
    insert into enterprises (zone_id, name, credit_code, contacts, search_tsv, created_by, created_at, updated_at)
    select ${zoneId}, x.name, x.credit_code, '[]'::jsonb, to_tsvector('simple', x.search), ${createdBy}, ${at}, ${at}
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as x(name text, credit_code text, search text)
    returning id, name, credit_code`.execute(db)
  const ids = new Map(out.map((r) => [`${r.name}|${r.credit_code ?? ''}`, Number(r.id)]))
  return rows.map((r) => ids.get(`${r.name}|${r.creditCode ?? ''}`)!)
}

export async function findByCodeOrName(db: Db, zoneId: number, name: string, creditCode: string | null) {
  if (creditCode) {
    const byCode = await db
      .selectFrom('enterprises')
      .select('id')
      .where('zone_id', '=', zoneId)
      .where('credit_code', '=', creditCode)
      .executeTakeFirst()
    if (byCode) return byCode.id
  }
  const byName = await db
    .selectFrom('enterprises')
    .select('id')
    .where('zone_id', '=', zoneId)
    .where('name', '=', name)
    .executeTakeFirst()
  return byName?.id ?? null
}

/** How many problems the enterprise raised (withdrawn ones left out), and how many are still open. */
export async function problemCounts(db: Db, enterpriseId: number) {
  const row = await db
    .selectFrom('problems')
    .select([
      sql<string>`count(*) filter (where status <> 'withdrawn')`.as('total'),
      sql<string>`count(*) filter (where status in ('submitted','returned','accepted','in_progress','resolved'))`.as(
        'open',
      ),
    ])
    .where('enterprise_id', '=', enterpriseId)
    .where('is_common', '=', false)
    .executeTakeFirstOrThrow()
  return { problems: Number(row.total), openProblems: Number(row.open) }
}
