import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { creditCodeCheckChar } from '../../../shared/credit-code.ts'
import type { Db } from '../../db/database.ts'
import { tokens } from '../../lib/chinese-search.ts'
import { hashPassword } from '../../lib/password-hash.ts'
import { addDays, beijingDate } from '../../lib/time.ts'
import { templateMilestones } from '../../modules/projects/milestone-templates.ts'
import { BulkTable, type Cols, Progress, type Value } from './bulk.ts'
import {
  BRANDS,
  CITY_NAMES,
  COMPANY_SUFFIX,
  GIVEN,
  HANDLING_DEPTS,
  INDUSTRY_CODES,
  INDUSTRY_WORDS,
  PROBLEM_DETAILS,
  PROBLEM_TEMPLATES,
  PRODUCTS,
  PROJECT_FORMS,
  RESOLUTIONS,
  SURNAMES,
  ZONE_DEPARTMENTS,
  ZONE_KINDS,
  ZONE_PLACES,
} from './pools.ts'
import { apportion, Rng, zipfWeights } from './prng.ts'

// The scale generator (npm run seed:scale): a whole organisation — cities, zones with their
// departments and people, enterprises, key projects with milestones and monthly reports, problems
// with their units, tasks, overdue days and timelines — written in bulk, reproducibly from a seed,
// with every derived column filled the way the app fills it (search vectors from the same jieba
// tokens, project lights by the app's own recompute, problem lights by the 督办 rule).

export interface ScaleSpec {
  cities: number
  zones: number
  projects: number
  problems: number
  /** timeline entries in all (problems' and projects') */
  events: number
}

export const SCALES: Record<string, ScaleSpec> = {
  tiny: { cities: 1, zones: 2, projects: 40, problems: 300, events: 3000 },
  county: { cities: 1, zones: 3, projects: 2_000, problems: 20_000, events: 200_000 },
  city: { cities: 1, zones: 12, projects: 20_000, problems: 200_000, events: 2_000_000 },
  province: { cities: 12, zones: 100, projects: 100_000, problems: 1_000_000, events: 10_000_000 },
}

/** The password of every generated account (printed by the CLI). */
export const SCALE_PASSWORD = 'Scale@2026x'

export interface GenerateOptions {
  scale: ScaleSpec
  seed: number
  now: Date
  scryptCost: number
  log: (line: string) => void
  /** the app's project light recompute (services.projects.recomputeMany) */
  recomputeLights: (db: Db, ids: number[]) => Promise<void>
  /** rows per statement */
  batch?: number
}

export interface GenerateResult {
  counts: Record<string, number>
  seconds: number
  /** accounts worth signing in with: a zone supervisor of the biggest zone, and the top-level supervisor */
  accounts: { zoneSupervisor: string; topSupervisor: string; zoneHandler: string }
  biggestZoneId: number
  /** Open311 API key of the biggest zone (stored hashed, like keys created in the app) */
  open311Key: string
}

const DAY = 86_400_000
const STAGES = ['negotiating', 'signed', 'preliminary', 'construction', 'completed', 'trial', 'production']
const STAGE_WEIGHTS = [3, 5, 15, 45, 10, 7, 15]
const NATURES = ['new', 'continued', 'expansion', 'renovation']
const NATURE_WEIGHTS = [60, 20, 12, 8]
const LEVELS = ['national', 'provincial', 'city', 'county', 'zone']
const LEVEL_WEIGHTS = [2, 10, 25, 33, 30]
const TAGS = ['introduced', 'landed', 'reserve']
const SCALES_E = ['large', 'medium', 'small', 'micro']
const CATEGORIES = Object.keys(PROBLEM_TEMPLATES)
const CATEGORY_WEIGHTS = [18, 14, 8, 14, 8, 8, 10, 6, 10, 4]
const SOURCES = ['enterprise', 'visit', 'onsite', 'weekly', 'hotline', 'inspection', 'open311']
const SOURCE_WEIGHTS = [40, 20, 10, 10, 10, 5, 5]
const STATUSES = [
  'closed',
  'resolved',
  'in_progress',
  'accepted',
  'submitted',
  'returned',
  'withdrawn',
] as const
const STATUS_WEIGHTS = [72, 4, 12, 4, 4, 1, 3]
type Status = (typeof STATUSES)[number]

const personName = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN)
const phone = (r: Rng) =>
  `1${r.pick(['39', '58', '86', '37', '52', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
const money = (x: number) => x.toFixed(2)

function creditCode(r: Rng) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let s = `91${String(r.int(110_000, 659_999))}`
  while (s.length < 17) s += chars[r.int(0, chars.length - 1)]
  return s + creditCodeCheckChar(s)
}

function uuidOf(r: Rng) {
  const h = Array.from({ length: 32 }, () => '0123456789abcdef'[r.int(0, 15)]).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const BIG_TABLES = ['problems', 'problem_units', 'problem_tasks', 'problem_overdue_days', 'events']

/** Drops the non-unique indexes of tables (kept: primary keys, unique indexes) and returns their definitions. */
async function dropSecondaryIndexes(db: Db, tables: string[]): Promise<string[]> {
  const { rows } = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def
    from pg_indexes i
    join pg_class c on c.relname = i.indexname
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema() and i.tablename = any(${`{${tables.join(',')}}`}::text[])
      and not x.indisunique and not x.indisprimary`.execute(db)
  for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(db)
  return rows.map((r) => r.def)
}

/** Max id of each table, so generated ids continue after whatever is there. */
async function nextIds(db: Db, tables: string[]) {
  const out: Record<string, number> = {}
  for (const t of tables) {
    const { rows } = await sql<{
      m: number
    }>`select coalesce(max(id), 0)::int as m from ${sql.table(t)}`.execute(db)
    out[t] = rows[0].m + 1
  }
  return out
}

interface Zone {
  id: number
  code: string
  name: string
  path: string
  regionCode: string | null
  lng: number
  lat: number
  depts: number[]
  supervisor: number
  leaders: number[]
  officer: number
  handlers: Map<number, number>
  projects: number
  problems: number
  enterprises: Array<{ id: number; name: string; contact: string }>
  projectIds: Array<{ id: number; enterpriseId: number | null }>
}

export async function generateScaleData(db: Db, o: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now()
  const r = new Rng(o.seed)
  const { scale, now, log } = o
  const batch = o.batch ?? 5000
  const nowMs = now.getTime()
  const today = beijingDate(now)
  const counts: Record<string, number> = {}

  const { rows: existing } = await sql<{ n: number }>`select count(*)::int as n from departments`.execute(db)
  if (existing[0].n > 0)
    throw new Error('数据库中已有组织机构数据；规模数据只能生成到空库（仅含基础数据）中 (database not empty)')

  const roleRows = await db.selectFrom('roles').select(['id', 'code']).execute()
  const role = (code: string) => {
    const x = roleRows.find((x) => x.code === code)
    if (!x) throw new Error(`内置角色 ${code} 不存在：请先运行迁移与基础数据 (baseline missing)`)
    return x.id
  }
  const industries = (
    await db.selectFrom('industries').select('code').where('code', 'in', INDUSTRY_CODES).execute()
  ).map((x) => x.code)
  const regions = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('kind', '=', 'county')
      .orderBy('code')
      .limit(400)
      .execute()
  ).map((x) => x.code)
  const passwordHash = await hashPassword(SCALE_PASSWORD, o.scryptCost)

  const ids = await nextIds(db, [
    'departments',
    'users',
    'enterprises',
    'projects',
    'milestones',
    'project_monthly_reports',
    'problems',
    'problem_tasks',
    'open311_keys',
  ])
  const take = (t: string) => ids[t]++

  // ---------- organisation ----------
  log('组织机构与账号 (organisation and accounts)')
  const deptCols: Cols = [
    ['id', 'int'],
    ['zone_id', 'int'],
    ['parent_id', 'int'],
    ['kind', 'text'],
    ['name', 'text'],
    ['short_name', 'text'],
    ['code', 'text'],
    ['path', 'text'],
    ['depth', 'int'],
    ['sort', 'int'],
    ['region_code', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]
  const deptRows: Value[][] = []
  const userRows: Value[][] = []
  const userRoleRows: Value[][] = []
  const headOf: Array<[number, number]> = []
  const orgAt = new Date(nowMs - 3 * 365 * DAY)
  const rootId = take('departments')
  const rootName =
    scale.cities > 1
      ? '江北省开发区工作领导小组'
      : scale.zones > 3
        ? '江北市开发区工作领导小组'
        : '江北县开发区工作领导小组'
  deptRows.push([rootId, null, null, 'city', rootName, null, null, `/${rootId}/`, 1, 0, null, orgAt, orgAt])
  const userIds: number[] = []
  const addUser = (
    username: string,
    deptId: number,
    zoneId: number | null,
    roleCode: string,
    title: string,
  ) => {
    const id = take('users')
    userRows.push([
      id,
      zoneId,
      deptId,
      username,
      personName(r),
      title,
      phone(r),
      null,
      passwordHash,
      now,
      false,
      '[]',
      orgAt,
      orgAt,
    ])
    userRoleRows.push([id, role(roleCode)])
    userIds.push(id)
    return id
  }
  const topSupervisor = 'top_sup'
  addUser(topSupervisor, rootId, null, 'supervisor', '督查专员')

  const cityIds: Array<{ id: number; path: string }> = []
  for (let c = 0; c < scale.cities; c++) {
    if (scale.cities === 1) {
      cityIds.push({ id: rootId, path: `/${rootId}/` })
      break
    }
    const id = take('departments')
    const path = `/${rootId}/${id}/`
    deptRows.push([
      id,
      null,
      rootId,
      'city',
      CITY_NAMES[c % CITY_NAMES.length],
      null,
      null,
      path,
      2,
      c,
      null,
      orgAt,
      orgAt,
    ])
    cityIds.push({ id, path })
  }

  const zoneWeights = zipfWeights(scale.zones)
  const projectsPer = apportion(scale.projects, zoneWeights, 1)
  const problemsPer = apportion(scale.problems, zoneWeights, 1)
  const zones: Zone[] = []
  for (let z = 0; z < scale.zones; z++) {
    const city = cityIds[z % cityIds.length]
    const id = take('departments')
    const path = `${city.path}${id}/`
    const depth = path.split('/').length - 2
    const place = ZONE_PLACES[z % ZONE_PLACES.length]
    const round = Math.floor(z / ZONE_PLACES.length)
    const name = `${place}${ZONE_KINDS[(z + round) % ZONE_KINDS.length]}`
    const code = `K${String(z + 1).padStart(3, '0')}`
    const regionCode = regions.length ? regions[z % regions.length] : null
    deptRows.push([
      id,
      id,
      city.id,
      'zone',
      name,
      `${place}开发区`,
      code,
      path,
      depth,
      z,
      regionCode,
      orgAt,
      orgAt,
    ])
    const depts: number[] = []
    ZONE_DEPARTMENTS.forEach(([dn, short], i) => {
      const did = take('departments')
      depts.push(did)
      deptRows.push([
        did,
        id,
        id,
        'department',
        dn,
        short,
        null,
        `${path}${did}/`,
        depth + 1,
        i,
        null,
        orgAt,
        orgAt,
      ])
    })
    const zp = code.toLowerCase()
    const supervisor = addUser(`${zp}_sup`, depts[1], id, 'supervisor', '督查室主任')
    const leaders = [
      addUser(`${zp}_leader1`, depts[0], id, 'leader', '党工委书记'),
      addUser(`${zp}_leader2`, depts[0], id, 'leader', '管委会主任'),
    ]
    const officer = addUser(`${zp}_officer`, depts[2], id, 'officer', '项目专员')
    addUser(`${zp}_viewer`, depts[0], id, 'viewer', '办公室')
    const handlers = new Map<number, number>()
    for (const h of HANDLING_DEPTS) {
      const uid = addUser(`${zp}_h${h.dept}`, depts[h.dept], id, 'handler', '科长')
      handlers.set(h.dept, uid)
      headOf.push([depts[h.dept], uid])
    }
    zones.push({
      id,
      code,
      name,
      path,
      regionCode,
      lng: 105 + r.next() * 15,
      lat: 26 + r.next() * 16,
      depts,
      supervisor,
      leaders,
      officer,
      handlers,
      projects: projectsPer[z],
      problems: problemsPer[z],
      enterprises: [],
      projectIds: [],
    })
  }
  const depTable = new BulkTable(db, 'departments', deptCols, batch)
  for (const row of deptRows) await depTable.add(row)
  await depTable.done()
  const userTable = new BulkTable(
    db,
    'users',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['department_id', 'int'],
      ['username', 'text'],
      ['display_name', 'text'],
      ['title', 'text'],
      ['phone', 'text'],
      ['email', 'text'],
      ['password_hash', 'text'],
      ['password_changed_at', 'timestamptz'],
      ['must_change_password', 'bool'],
      ['recovery_codes', 'jsonb'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch,
  )
  for (const row of userRows) await userTable.add(row)
  await userTable.done()
  const urTable = new BulkTable(db, 'user_roles', [
    ['user_id', 'int'],
    ['role_id', 'int'],
  ])
  for (const row of userRoleRows) await urTable.add(row)
  await urTable.done()
  await sql`update departments d set head_user_id = v.u
    from unnest(${`{${headOf.map((h) => h[0]).join(',')}}`}::int[], ${`{${headOf.map((h) => h[1]).join(',')}}`}::int[]) as v(d, u)
    where d.id = v.d`.execute(db)
  counts.departments = deptRows.length
  counts.users = userRows.length

  // ---------- enterprises ----------
  const enterpriseTotal = zones.reduce(
    (a, z) => a + Math.max(5, Math.round(z.projects * 0.6 + z.problems / 25)),
    0,
  )
  const pe = new Progress('企业 enterprises', enterpriseTotal, log)
  const entTable = new BulkTable(
    db,
    'enterprises',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['name', 'text'],
      ['credit_code', 'text'],
      ['industry_code', 'text'],
      ['region_code', 'text'],
      ['address', 'text'],
      ['lng', 'numeric'],
      ['lat', 'numeric'],
      ['legal_rep', 'text'],
      ['scale', 'text'],
      ['contacts', 'jsonb'],
      ['leader_user_id', 'int'],
      ['officer_user_id', 'int'],
      ['established_on', 'date'],
      ['search_tsv', 'tsv'],
      ['created_by', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch,
    (n) => pe.add(n),
  )
  for (const z of zones) {
    const n = Math.max(5, Math.round(z.projects * 0.6 + z.problems / 25))
    const used = new Set<string>()
    for (let i = 0; i < n; i++) {
      let name = ''
      for (let k = 0; k < 6 && (!name || used.has(name)); k++)
        name = `${r.chance(0.5) ? z.name.slice(0, 2) : ''}${r.pick(BRANDS)}${r.pick(INDUSTRY_WORDS)}${r.pick(COMPANY_SUFFIX)}`
      if (used.has(name)) name = name.replace(/有限公司$/, `第${i}分公司`)
      used.add(name)
      const id = take('enterprises')
      const contact = personName(r)
      const address = `${z.name}${r.pick(['纬一路', '经二路', '创业大道', '工业大街', '园区东路', '化工路'])}${r.int(1, 300)}号`
      const legal = personName(r)
      const code = r.chance(0.7) ? creditCode(r) : null
      const at = new Date(nowMs - r.int(30, 1000) * DAY)
      z.enterprises.push({ id, name, contact })
      await entTable.add([
        id,
        z.id,
        name,
        code,
        industries.length ? r.pick(industries) : null,
        z.regionCode,
        address,
        (z.lng + r.next() * 0.2).toFixed(6),
        (z.lat + r.next() * 0.2).toFixed(6),
        legal,
        r.pick(SCALES_E),
        JSON.stringify([{ name: contact, phone: phone(r), title: '办公室主任' }]),
        r.pick(z.leaders),
        z.officer,
        addDays(today, -r.int(200, 6000)),
        tokens([name, address, code, legal].filter(Boolean).join(' ')).join(' '),
        z.officer,
        at,
        at,
      ])
    }
  }
  await entTable.done()
  pe.finish()
  counts.enterprises = entTable.written

  // ---------- projects ----------
  const deferredProjects = await dropSecondaryIndexes(db, ['projects'])
  const pp = new Progress('项目 projects', scale.projects, log)
  const projTable = new BulkTable(
    db,
    'projects',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['code', 'text'],
      ['name', 'text'],
      ['enterprise_id', 'int'],
      ['nature', 'text'],
      ['industry_code', 'text'],
      ['region_code', 'text'],
      ['address', 'text'],
      ['lng', 'numeric'],
      ['lat', 'numeric'],
      ['level', 'text'],
      ['is_key', 'bool'],
      ['total_investment', 'numeric'],
      ['completed_before', 'numeric'],
      ['start_date', 'date'],
      ['end_date', 'date'],
      ['actual_start_date', 'date'],
      ['stage', 'text'],
      ['stage_changed_at', 'timestamptz'],
      ['light_reasons', 'jsonb'],
      ['five_ones_missing', 'jsonb'],
      ['description', 'text'],
      ['search_tsv', 'tsv'],
      ['created_by', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch,
    (n) => pp.add(n),
  )
  const pair: Cols = [
    ['project_id', 'int'],
    ['user_id', 'int'],
  ]
  const leaderTable = new BulkTable(db, 'project_leaders', pair, batch * 2)
  const teamTable = new BulkTable(
    db,
    'project_team_members',
    [
      ['project_id', 'int'],
      ['user_id', 'int'],
      ['role', 'text'],
    ],
    batch * 2,
  )
  const unitTable = new BulkTable(
    db,
    'project_units',
    [
      ['project_id', 'int'],
      ['department_id', 'int'],
      ['role', 'text'],
    ],
    batch * 2,
  )
  const tagTable = new BulkTable(
    db,
    'project_tags',
    [
      ['project_id', 'int'],
      ['tag', 'text'],
    ],
    batch * 2,
  )
  const planTable = new BulkTable(
    db,
    'project_year_plans',
    [
      ['project_id', 'int'],
      ['year', 'int'],
      ['planned', 'numeric'],
    ],
    batch * 2,
  )
  const msTable = new BulkTable(
    db,
    'milestones',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['project_id', 'int'],
      ['name', 'text'],
      ['planned_date', 'date'],
      ['actual_date', 'date'],
      ['owner_department_id', 'int'],
      ['sort', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch * 2,
  )
  const mrTable = new BulkTable(
    db,
    'project_monthly_reports',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['project_id', 'int'],
      ['year', 'int'],
      ['month', 'int'],
      ['completed', 'numeric'],
      ['submitted_by', 'int'],
      ['submitted_at', 'timestamptz'],
      ['late', 'bool'],
    ],
    batch * 2,
  )
  for (const t of [leaderTable, teamTable, unitTable, tagTable, planTable, msTable, mrTable])
    t.parent = projTable
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const allProjectIds: number[] = []
  for (const z of zones) {
    const seq = new Map<number, number>()
    for (let i = 0; i < z.projects; i++) {
      const id = take('projects')
      const created = new Date(nowMs - r.int(20, 1000) * DAY)
      const cy = Number(beijingDate(created).slice(0, 4))
      const n = (seq.get(cy) ?? 0) + 1
      seq.set(cy, n)
      const code = `${z.code}-${cy}-${String(n).padStart(4, '0')}`
      const ent = r.chance(0.85) ? r.pick(z.enterprises) : null
      const name = `${ent ? ent.name.replace(/(股份|集团|实业|发展|科技)?有限公司$/, '').replace(/第\d+分公司$/, '') : ''}${r.pick(PROJECT_FORMS)(r.pick(PRODUCTS), r.int(1, 60) * 5)}`
      const stage = STAGES[r.weighted(STAGE_WEIGHTS)]
      const nature = NATURES[r.weighted(NATURE_WEIGHTS)]
      const startDate = addDays(beijingDate(created), r.int(-60, 200))
      const endDate = addDays(startDate, r.int(360, 1500))
      const started = STAGES.indexOf(stage) >= 3
      const total = Math.round(Math.exp(r.next() * 4.6 + 8.5)) // ≈ 5 000 – 500 000 万元
      const address = `${z.name}${r.pick(['北区', '南区', '东区', '化工园', '装备园', '物流园'])}${r.int(1, 40)}号地块`
      const leadIdx = r.pick(HANDLING_DEPTS).dept
      allProjectIds.push(id)
      z.projectIds.push({ id, enterpriseId: ent?.id ?? null })
      await projTable.add([
        id,
        z.id,
        code,
        name,
        ent?.id ?? null,
        nature,
        industries.length ? r.pick(industries) : null,
        z.regionCode,
        address,
        (z.lng + r.next() * 0.2).toFixed(6),
        (z.lat + r.next() * 0.2).toFixed(6),
        LEVELS[r.weighted(LEVEL_WEIGHTS)],
        r.chance(0.9),
        money(total),
        money(started ? Math.round(total * r.next() * 0.3) : 0),
        startDate,
        endDate,
        started ? addDays(startDate, r.int(0, 60)) : null,
        stage,
        new Date(created.getTime() + r.int(0, 15) * DAY),
        '[]',
        '[]',
        `${name}，总投资${total}万元。`,
        tokens([name, code, ent?.name, address].filter(Boolean).join(' ')).join(' '),
        z.officer,
        created,
        created,
      ])
      await leaderTable.add([id, r.pick(z.leaders)])
      await teamTable.add([id, z.officer, 'head'])
      await unitTable.add([id, z.depts[leadIdx], 'lead'])
      if (r.chance(0.4)) {
        const co = r.pick(HANDLING_DEPTS).dept
        if (co !== leadIdx) await unitTable.add([id, z.depts[co], 'co'])
      }
      await tagTable.add([id, TAGS[r.weighted([30, 50, 20])]])
      await planTable.add([id, year, money(Math.round(total * (0.2 + r.next() * 0.3)))])
      for (const m of templateMilestones({ nature, stage, startDate, endDate })) {
        const overdue = m.plannedDate !== null && m.plannedDate < today
        await msTable.add([
          take('milestones'),
          z.id,
          id,
          m.name,
          m.plannedDate,
          overdue && r.chance(0.7) ? m.plannedDate : null,
          z.depts[leadIdx],
          m.sort,
          created,
          created,
        ])
      }
      if (started) {
        for (let mo = Math.max(1, month - 6); mo < month; mo++) {
          const due = Date.UTC(year, mo, 5, 16) // the 5th of the next month, Beijing evening
          const late = r.chance(0.08)
          await mrTable.add([
            take('project_monthly_reports'),
            z.id,
            id,
            year,
            mo,
            money(Math.round((total * (0.01 + r.next() * 0.04)) / 1)),
            z.officer,
            new Date(due + (late ? r.int(1, 5) : -r.int(0, 4)) * DAY),
            late,
          ])
        }
      }
    }
  }
  for (const t of [projTable, leaderTable, teamTable, unitTable, tagTable, planTable, msTable, mrTable])
    await t.done()
  pp.finish()
  counts.projects = scale.projects
  counts.milestones = msTable.written
  counts.project_monthly_reports = mrTable.written

  for (const def of deferredProjects) await sql.raw(def).execute(db)
  await sql`analyze projects, milestones, project_units, project_leaders, project_team_members`.execute(db)
  const pl = new Progress('项目红黄绿灯 project lights (app recompute)', allProjectIds.length, log)
  for (let i = 0; i < allProjectIds.length; i += 2000) {
    const chunk = allProjectIds.slice(i, i + 2000)
    await db.transaction().execute((trx) => o.recomputeLights(trx, chunk))
    pl.add(chunk.length)
  }
  pl.finish()

  // ---------- problems ----------
  // Bulk load without the secondary (non-unique) indexes of the big tables, rebuilt afterwards:
  // one sorted build is much cheaper than a million GIN and B-tree insertions.
  const deferred = await dropSecondaryIndexes(db, BIG_TABLES)
  const pr = new Progress('问题 problems', scale.problems, log)
  const probTable = new BulkTable(
    db,
    'problems',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['code', 'text'],
      ['title', 'text'],
      ['description', 'text'],
      ['category', 'text'],
      ['source', 'text'],
      ['type', 'text'],
      ['status', 'text'],
      ['enterprise_id', 'int'],
      ['project_id', 'int'],
      ['reporter_name', 'text'],
      ['first_receiver_id', 'int'],
      ['received_at', 'timestamptz'],
      ['lead_department_id', 'int'],
      ['responsible_leader_id', 'int'],
      ['responsible_user_id', 'int'],
      ['supervision_level', 'text'],
      ['deadline_days', 'int'],
      ['accept_due_at', 'timestamptz'],
      ['accepted_at', 'timestamptz'],
      ['reply_due_at', 'timestamptz'],
      ['first_reply_at', 'timestamptz'],
      ['deadline_at', 'timestamptz'],
      ['extended', 'bool'],
      ['resolved_at', 'timestamptz'],
      ['resolution', 'text'],
      ['resolved_by', 'int'],
      ['closed_at', 'timestamptz'],
      ['close_method', 'text'],
      ['satisfaction', 'text'],
      ['escalation_level', 'int'],
      ['escalated_at', 'timestamptz'],
      ['light', 'text'],
      ['search_tsv', 'tsv'],
      ['created_by', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch,
    (n) => pr.add(n),
  )
  const puTable = new BulkTable(
    db,
    'problem_units',
    [
      ['problem_id', 'int'],
      ['department_id', 'int'],
      ['role', 'text'],
    ],
    batch * 2,
  )
  const taskTable = new BulkTable(
    db,
    'problem_tasks',
    [
      ['id', 'int'],
      ['zone_id', 'int'],
      ['problem_id', 'int'],
      ['title', 'text'],
      ['owner_department_id', 'int'],
      ['owner_user_id', 'int'],
      ['due_date', 'date'],
      ['status', 'text'],
      ['done_at', 'timestamptz'],
      ['sort', 'int'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch * 2,
  )
  const odTable = new BulkTable(
    db,
    'problem_overdue_days',
    [
      ['problem_id', 'int'],
      ['day', 'date'],
      ['zone_id', 'int'],
      ['department_id', 'int'],
    ],
    batch * 2,
  )
  const keyIds = new Map<number, number>()
  const keyRows: Value[][] = []
  let open311Key = ''
  for (const z of zones) {
    const plain = `qd311_scale_${z.code.toLowerCase()}_${o.seed}`
    if (!open311Key) open311Key = plain
    const id = take('open311_keys')
    keyIds.set(z.id, id)
    keyRows.push([
      id,
      z.id,
      '12345 政务服务热线',
      'open311',
      createHash('sha256').update(plain).digest('hex'),
      plain.slice(-4),
      z.supervisor,
      orgAt,
    ])
  }
  const keyTable = new BulkTable(db, 'open311_keys', [
    ['id', 'int'],
    ['zone_id', 'int'],
    ['name', 'text'],
    ['source', 'text'],
    ['key_hash', 'text'],
    ['key_hint', 'text'],
    ['created_by', 'int'],
    ['created_at', 'timestamptz'],
  ])
  for (const k of keyRows) await keyTable.add(k)
  await keyTable.done()
  const o311Table = new BulkTable(
    db,
    'open311_requests',
    [
      ['token', 'uuid'],
      ['zone_id', 'int'],
      ['key_id', 'int'],
      ['problem_id', 'int'],
      ['created_at', 'timestamptz'],
    ],
    batch,
  )
  for (const t of [puTable, taskTable, odTable, o311Table]) t.parent = probTable
  const span = 730 * DAY
  for (const z of zones) {
    const seq = new Map<number, number>()
    const enterpriseById = new Map(z.enterprises.map((e) => [e.id, e]))
    // problems arrive in time order, so codes follow the receipt order as the app numbers them
    const times = Array.from({ length: z.problems }, () => nowMs - Math.floor(r.next() ** 1.3 * span)).sort(
      (a, b) => a - b,
    )
    for (let i = 0; i < z.problems; i++) {
      const id = take('problems')
      const received = new Date(times[i])
      const age = (nowMs - times[i]) / DAY
      // recent problems are still open more often
      let status: Status = STATUSES[r.weighted(STATUS_WEIGHTS)]
      if (age > 90 && ['submitted', 'returned', 'accepted'].includes(status)) status = 'closed'
      if (age < 10 && status === 'closed' && r.chance(0.6)) status = 'in_progress'
      if (age > 120 && status === 'in_progress' && r.chance(0.8)) status = 'closed'
      const cy = Number(beijingDate(received).slice(0, 4))
      const n = (seq.get(cy) ?? 0) + 1
      seq.set(cy, n)
      const code = `${z.code}-${cy}-${String(n).padStart(4, '0')}`
      const cat = CATEGORIES[r.weighted(CATEGORY_WEIGHTS)]
      const proj = r.chance(0.4) && z.projectIds.length ? r.pick(z.projectIds) : null
      const ent = proj?.enterpriseId
        ? enterpriseById.get(proj.enterpriseId)!
        : r.chance(0.85)
          ? r.pick(z.enterprises)
          : null
      const title = `${ent ? `${ent.name.replace(/(股份|集团|实业|发展|科技)?有限公司$/, '')}` : ''}${r.pick(PROBLEM_TEMPLATES[cat])}`
      const description = r.pick(PROBLEM_DETAILS)
      const source = SOURCES[r.weighted(SOURCE_WEIGHTS)]
      const dept = HANDLING_DEPTS.find((h) => h.categories.includes(cat)) ?? HANDLING_DEPTS[0]
      const leadDept = z.depts[dept.dept]
      const handler = z.handlers.get(dept.dept)!
      const waiting = status === 'submitted' || status === 'returned'
      const triaged = !waiting && status !== 'withdrawn'
      const acceptDue = new Date(times[i] + 3 * DAY)
      const acceptedAt = triaged ? new Date(times[i] + r.int(2, 60) * 3_600_000) : null
      const days = triaged ? r.pick([5, 10, 15, 20, 30]) : null
      let deadline = acceptedAt && days ? new Date(acceptedAt.getTime() + Math.round(days * 1.4) * DAY) : null
      const handling = status === 'accepted' || status === 'in_progress'
      // some open problems run late: their deadline has passed
      if (handling && deadline && deadline.getTime() > nowMs && r.chance(0.18))
        deadline = new Date(nowMs - r.int(1, 30) * DAY)
      const done = status === 'resolved' || status === 'closed'
      const onTime = r.chance(0.88)
      const resolvedAt =
        done && deadline && acceptedAt
          ? new Date(
              Math.min(
                nowMs - 3_600_000,
                onTime
                  ? acceptedAt.getTime() + r.next() * (deadline.getTime() - acceptedAt.getTime())
                  : deadline.getTime() + r.int(1, 20) * DAY,
              ),
            )
          : null
      const closedAt =
        status === 'closed' && resolvedAt
          ? new Date(Math.min(nowMs - 60_000, resolvedAt.getTime() + r.int(1, 5) * DAY))
          : null
      const withdrawnAt = status === 'withdrawn' ? new Date(times[i] + r.int(1, 5) * DAY) : null
      const overdue = handling && deadline !== null && deadline.getTime() < nowMs
      const soon = handling && deadline !== null && !overdue && deadline.getTime() < nowMs + 5 * DAY
      const extended = handling && r.chance(0.03)
      const light = handling
        ? overdue
          ? 'red'
          : extended || soon
            ? 'yellow'
            : 'green'
        : waiting && nowMs > acceptDue.getTime()
          ? 'red'
          : 'green'
      const overdueDays = overdue ? Math.floor((nowMs - deadline!.getTime()) / DAY) : 0
      const level = overdue ? (overdueDays >= 2 ? 2 : 1) : 0
      const updated = closedAt ?? withdrawnAt ?? resolvedAt ?? acceptedAt ?? received
      await probTable.add([
        id,
        z.id,
        code,
        title,
        description,
        cat,
        source,
        triaged ? r.pick(['onsite', 'onsite', 'onsite', 'common', 'longterm']) : null,
        status,
        ent?.id ?? null,
        proj?.id ?? null,
        ent?.contact ?? personName(r),
        z.officer,
        received,
        triaged ? leadDept : null,
        triaged ? r.pick(z.leaders) : null,
        triaged ? handler : null,
        overdue && r.chance(0.3) ? 'key' : r.chance(0.03) ? 'listed' : 'normal',
        days,
        acceptDue,
        acceptedAt,
        acceptedAt ? new Date(acceptedAt.getTime() + 2 * DAY) : null,
        acceptedAt && (done || status === 'in_progress')
          ? new Date(acceptedAt.getTime() + r.int(1, 40) * 3_600_000)
          : null,
        deadline,
        extended,
        resolvedAt,
        resolvedAt ? r.pick(RESOLUTIONS) : null,
        resolvedAt ? handler : null,
        closedAt ?? withdrawnAt,
        closedAt ? (r.chance(0.8) ? 'confirmed' : 'callback') : withdrawnAt ? 'withdrawn' : null,
        closedAt ? ['satisfied', 'basic', 'unsatisfied'][r.weighted([85, 12, 3])] : null,
        level,
        level ? new Date(deadline!.getTime() + DAY) : null,
        light,
        tokens([title, description, ent?.name, code].filter(Boolean).join(' ')).join(' '),
        z.officer,
        received,
        updated,
      ])
      if (triaged) {
        await puTable.add([id, leadDept, 'lead'])
        await taskTable.add([
          take('problem_tasks'),
          z.id,
          id,
          `${r.pick(['协调', '办理', '落实', '督促'])}${PROBLEM_TEMPLATES[cat][0].slice(0, 6)}`,
          leadDept,
          handler,
          deadline ? beijingDate(deadline) : null,
          done ? 'done' : status === 'in_progress' ? 'doing' : 'todo',
          done ? resolvedAt : null,
          10,
          acceptedAt,
          done ? resolvedAt : acceptedAt,
        ])
      }
      if (overdue) {
        for (let d = 1; d <= Math.min(overdueDays, 30); d++) {
          const day = addDays(beijingDate(deadline!), d)
          const wd = new Date(`${day}T00:00:00Z`).getUTCDay()
          if (wd !== 0 && wd !== 6 && day <= today) await odTable.add([id, day, z.id, leadDept])
        }
      }
      if (source === 'open311') await o311Table.add([uuidOf(r), z.id, keyIds.get(z.id)!, id, received])
    }
  }
  for (const t of [probTable, puTable, taskTable, odTable, o311Table]) await t.done()
  pr.finish()
  counts.problems = scale.problems
  counts.problem_tasks = taskTable.written
  counts.problem_overdue_days = odTable.written
  counts.open311_requests = o311Table.written

  // ---------- timelines (server-side) ----------
  counts.events = await generateEvents(db, scale, zones, allProjectIds.length, log)

  const ix = new Progress('重建索引 indexes', deferred.length, log)
  for (const def of deferred) {
    await sql.raw(def).execute(db)
    ix.add(1)
  }
  ix.finish()

  // ---------- identity sequences, statistics ----------
  for (const t of Object.keys(ids))
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), greatest((select max(id) from ${sql.table(t)}), 1))`.execute(
      db,
    )
  await sql`select setval(pg_get_serial_sequence('events', 'id'), greatest((select max(id) from events), 1))`.execute(
    db,
  )
  // what autovacuum would have done by the time anyone reads: statistics, and the visibility map
  // (without it every count is a heap visit instead of an index-only scan)
  log('清理与统计信息 vacuum analyze')
  await sql`vacuum analyze`.execute(db)

  const biggest = zones[0]
  return {
    counts,
    seconds: (Date.now() - started) / 1000,
    accounts: {
      zoneSupervisor: `${biggest.code.toLowerCase()}_sup`,
      topSupervisor,
      zoneHandler: `${biggest.code.toLowerCase()}_h${HANDLING_DEPTS[0].dept}`,
    },
    biggestZoneId: biggest.id,
    open311Key,
  }
}

/**
 * Timelines written by the server (INSERT … SELECT over generate_series): per problem its
 * registration, acceptance, progress notes and the resolution / closing; per project its creation,
 * stage changes and weekly notes. Counts follow the problem's status and are scaled so the total is
 * the scale's event count. Times run from the receipt to the closing (or now).
 */
async function generateEvents(
  db: Db,
  scale: ScaleSpec,
  zones: Zone[],
  projects: number,
  log: (s: string) => void,
) {
  const problemShare = Math.round(scale.events * 0.8)
  const projectShare = scale.events - problemShare
  // per problem: 2 + (hash mod m) entries, mean 2 + (m-1)/2
  const mProb = Math.max(1, Math.round((problemShare / Math.max(1, scale.problems) - 2) * 2 + 1))
  const mProj = Math.max(1, Math.round((projectShare / Math.max(1, projects) - 1) * 2 + 1))
  const total = scale.problems * (2 + (mProb - 1) / 2) + projects * (1 + (mProj - 1) / 2)
  const pg = new Progress('时间线 events', Math.round(total), log)
  const step = 20_000
  let written = 0
  const { rows: span } = await sql<{
    lo: number
    hi: number
  }>`select min(id)::int as lo, max(id)::int as hi from problems`.execute(db)
  for (let lo = span[0].lo ?? 1; lo <= (span[0].hi ?? 0); lo += step) {
    const res = await sql`
      insert into events (zone_id, subject_type, subject_id, enterprise_id, kind, at, actor_id, actor_name, summary, data)
      select p.zone_id, 'problem', p.id, p.enterprise_id,
        case when g = 1 then 'created'
             when g = k and p.status = 'closed' then 'closed'
             when g = k and p.status = 'withdrawn' then 'withdrawn'
             when g = k - 1 and p.status in ('closed', 'resolved') then 'resolved'
             when g = 2 and p.accepted_at is not null then 'accepted'
             else 'progress' end,
        p.received_at + (coalesce(p.closed_at, p.resolved_at, now()) - p.received_at) * ((g - 1)::float8 / k),
        case when g = 1 then p.first_receiver_id else p.responsible_user_id end,
        case when g = 1 then '项目专员' else '部门经办人' end,
        case when g = 1 then '登记问题 ' || p.code
             when g = k and p.status = 'closed' then '问题办结销号：' || coalesce(p.satisfaction, 'satisfied')
             when g = k and p.status = 'withdrawn' then '反映人撤回问题'
             when g = k - 1 and p.status in ('closed', 'resolved') then '办理完毕：' || coalesce(p.resolution, '')
             when g = 2 and p.accepted_at is not null then '受理并交办，办理时限 ' || coalesce(p.deadline_days, 0) || ' 个工作日'
             else '办理进展：已与企业对接，正在协调推进（第 ' || g || ' 次）' end,
        null
      from problems p
      cross join lateral (select 2 + (p.id::bigint * 7919) % ${mProb} as k) kk
      cross join lateral generate_series(1, kk.k) as g
      where p.id >= ${lo} and p.id < ${lo + step}`.execute(db)
    const n = Number(res.numAffectedRows ?? 0)
    written += n
    pg.add(n)
  }
  const { rows: pspan } = await sql<{
    lo: number
    hi: number
  }>`select min(id)::int as lo, max(id)::int as hi from projects`.execute(db)
  for (let lo = pspan[0].lo ?? 1; lo <= (pspan[0].hi ?? 0); lo += step) {
    const res = await sql`
      insert into events (zone_id, subject_type, subject_id, enterprise_id, kind, at, actor_id, actor_name, summary, data)
      select p.zone_id, 'project', p.id, p.enterprise_id,
        case when g = 1 then 'created' when g = 2 then 'stage' else 'weekly' end,
        p.created_at + (now() - p.created_at) * ((g - 1)::float8 / k),
        p.created_by, '项目专员',
        case when g = 1 then '新建项目 ' || p.code
             when g = 2 then '项目阶段调整为「' || p.stage || '」'
             else '报送周进展（第 ' || (g - 2) || ' 周）' end,
        null
      from projects p
      cross join lateral (select 1 + (p.id::bigint * 104729) % ${mProj} as k) kk
      cross join lateral generate_series(1, kk.k) as g
      where p.id >= ${lo} and p.id < ${lo + step}`.execute(db)
    const n = Number(res.numAffectedRows ?? 0)
    written += n
    pg.add(n)
  }
  pg.finish()
  void zones
  return written
}
