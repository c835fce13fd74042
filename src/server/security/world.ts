import type { LightMyRequestResponse } from 'fastify'
import { addUserWithRole, deptId, linkEnterpriseUser, userId } from '../../../test/factories.ts'
import type { Agent, TestApp } from '../../../test/harness.ts'
import { ALL_PERMISSIONS } from '../../shared/permissions.ts'
import type { Operation } from './api-surface.ts'
import { multipart } from './fuzz-cases.ts'

/**
 * A small world on top of the fixture organisation (zones 甲 and 乙): one record of each main kind in
 * each zone, created through the API by that zone's 督查室, so path ids point at real rows. Records in
 * zone 甲 are led by 甲生态环境分局 (the department of the fixture handler `a_handler`) where the kind
 * has a lead unit, so department-scoped roles have something of their own to see.
 */
/**
 * a: zone 甲, the user's own (led by 甲生态环境分局 = the handler's department, of the enterprise the
 * enterprise account belongs to); c: zone 甲 too but not theirs (led by 甲督查室, another enterprise);
 * b: zone 乙.
 */
export type Relation = 'a' | 'b' | 'c'

export interface World {
  zoneA: number
  zoneB: number
  /** table → record id per zone */
  records: Map<string, Partial<Record<Relation, number>>>
  /** tables that carry zone_id */
  zoned: Set<string>
  tables: string[]
  /** what could not be seeded (printed; the routes then fall back to the lowest id of the table) */
  skipped: string[]
}

const CATEGORY = 'water'

const ok = (res: LightMyRequestResponse, what: string, skipped: string[]) => {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.json()
  skipped.push(`${what}: ${res.statusCode} ${res.body.slice(0, 160)}`)
  return null
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.database.db
  const skipped: string[] = []
  const records = new Map<string, Partial<Record<Relation, number>>>()
  const put = (table: string, rel: Relation, id: number | undefined | null) => {
    if (!id) return
    records.set(table, { ...records.get(table), [rel]: id })
  }
  const zoneA = await deptId(t, '甲开发区')
  const zoneB = await deptId(t, '乙开发区')
  const ecoAB = { a: await deptId(t, '甲生态环境分局'), b: await deptId(t, '乙生态环境分局') }
  put('departments', 'a', ecoAB.a)
  put('departments', 'b', ecoAB.b)
  put('users', 'a', await userId(t, 'a_waste'))
  put('users', 'b', await userId(t, 'b_handler'))
  const supA = await t.as('a_sup')
  const sups: Record<Relation, Agent> = { a: supA, b: await t.as('b_sup'), c: supA }
  const aLeader = await userId(t, 'a_leader')
  const leaders: Record<Relation, number> = { a: aLeader, b: await userId(t, 'b_sup'), c: aLeader }
  const eco: Record<Relation, number> = { ...ecoAB, c: await deptId(t, '甲督查室') }
  put('departments', 'c', eco.c)
  put('users', 'c', await userId(t, 'a_officer'))

  for (const rel of ['a', 'b', 'c'] as const) {
    const sup = sups[rel]
    const tag = { a: '甲', b: '乙', c: '甲二' }[rel]
    const ent = ok(
      await sup.post('/api/enterprises', { name: `${tag}测试企业有限公司` }),
      'enterprise',
      skipped,
    )
    put('enterprises', rel, ent?.id)
    // the fixture's enterprise account belongs to zone 甲's enterprise: its own records
    if (ent && rel === 'a') await linkEnterpriseUser(t, 'a_ent', ent.id)
    const project = ok(
      await sup.post('/api/projects', {
        name: `${tag}测试重点项目`,
        totalInvestment: '1000',
        ...(ent ? { enterpriseId: ent.id } : {}),
      }),
      'project',
      skipped,
    )
    put('projects', rel, project?.id)
    put('milestones', rel, project?.milestones?.[0]?.id)
    if (project) {
      ok(
        await sup.put(`/api/projects/${project.id}/units`, {
          version: project.version,
          leadDepartmentId: eco[rel],
          coDepartmentIds: [],
        }),
        'project units',
        skipped,
      )
      const file = multipart([
        { name: 'ownerType', value: 'project' },
        { name: 'ownerId', value: String(project.id) },
        { name: 'file', filename: '现场照片说明.txt', type: 'text/plain', data: Buffer.from('现场情况') },
      ])
      const att = ok(
        await sup.request('POST', '/api/attachments', file.body, { headers: { 'content-type': file.type } }),
        'attachment',
        skipped,
      )
      put('attachments', rel, att?.id)
      const fund = ok(
        await sup.post('/api/pipeline/funds', {
          projectId: project.id,
          receivedOn: '2026-11-02',
          amount: '100',
        }),
        'fund',
        skipped,
      )
      put('project_funds', rel, fund?.id ?? fund?.fund?.id)
    }
    const lead = ok(
      await sup.post('/api/pipeline/leads', { name: `${tag}测试招商项目`, investor: '测试投资方' }),
      'lead',
      skipped,
    )
    put('leads', rel, lead?.id)
    const problem = ok(
      await sup.post('/api/problems', {
        title: `${tag}测试问题：污水管网未接通`,
        description: '企业反映园区污水管网未接通，影响试生产。',
        source: 'hotline',
        ...(ent ? { enterpriseId: ent.id } : {}),
      }),
      'problem',
      skipped,
    )
    put('problems', rel, problem?.id)
    if (problem) {
      const acc = ok(
        await sup.post(`/api/problems/${problem.id}/accept`, {
          version: problem.version,
          type: 'onsite',
          category: CATEGORY,
          leadDepartmentId: eco[rel],
        }),
        'accept problem',
        skipped,
      )
      if (acc) {
        const task = ok(
          await sup.post(`/api/problems/${problem.id}/tasks`, {
            title: '完成管网接驳施工',
            ownerDepartmentId: eco[rel],
          }),
          'task',
          skipped,
        )
        put('problem_tasks', rel, task?.id)
      }
    }
    const visit = ok(
      await sup.post('/api/visits', {
        kind: 'onsite',
        visitDate: '2026-11-20',
        place: `${tag}测试走访地点`,
        leaderIds: [leaders[rel]],
        suggestions: [{ content: '建议加快管网建设' }],
      }),
      'visit',
      skipped,
    )
    put('visits', rel, visit?.id)
    put('suggestions', rel, visit?.suggestions?.[0]?.id)
    const campaign = ok(
      await sup.post('/api/campaigns', {
        name: `${tag}重点项目百日攻坚`,
        kind: 'hundred_days',
        startsOn: '2026-12-01',
        endsOn: '2027-03-10',
        targets: { projectsToStart: 2 },
      }),
      'campaign',
      skipped,
    )
    put('campaigns', rel, campaign?.id)
    const bulletin = ok(
      await sup.post('/api/bulletins', { kind: 'monthly', periodKey: '2026-10' }),
      'bulletin',
      skipped,
    )
    put('bulletins', rel, bulletin?.id)
    const policy = ok(
      await sup.post('/api/policies', {
        title: `${tag}测试惠企政策`,
        issuer: `${tag}开发区管委会`,
        level: 'zone',
        benefitKind: 'funds',
        validFrom: '2026-01-01',
      }),
      'policy',
      skipped,
    )
    put('policies', rel, policy?.id)
    if (project) {
      const permits = ok(
        await sup.post(`/api/projects/${project.id}/permits/from-template`, {}),
        'permits',
        skipped,
      )
      put('permits', rel, permits?.items?.[0]?.id)
    }
    if (ent) {
      const contact = ok(
        await sup.post('/api/service-records', {
          enterpriseId: ent.id,
          kind: 'call',
          contactDate: '2026-11-20',
          summary: `${tag}电话了解项目进展`,
        }),
        'service record',
        skipped,
      )
      put('service_records', rel, contact?.id)
    }
    if (rel !== 'c') await t.app.services.cadence.ensurePeriods(rel === 'a' ? zoneA : zoneB, t.clock.now())
  }

  const tables = (
    await db
      .selectFrom('information_schema.tables' as any)
      .select('table_name' as any)
      .where('table_schema' as any, '=', 'public')
      .execute()
  ).map((r: any) => String(r.table_name))
  const zoned = new Set(
    (
      await db
        .selectFrom('information_schema.columns' as any)
        .select('table_name' as any)
        .where('table_schema' as any, '=', 'public')
        .where('column_name' as any, '=', 'zone_id')
        .execute()
    ).map((r: any) => String(r.table_name)),
  )
  // Anything not seeded above: the lowest id of the table in each zone (or overall).
  for (const table of tables) {
    const have = records.get(table) ?? {}
    if (have.a && have.b) continue
    const cols = await db
      .selectFrom('information_schema.columns' as any)
      .select('column_name' as any)
      .where('table_schema' as any, '=', 'public')
      .where('table_name' as any, '=', table)
      .where('column_name' as any, '=', 'id')
      .execute()
    if (!cols.length) continue
    for (const rel of ['a', 'b'] as const) {
      if (have[rel]) continue
      let q = db.selectFrom(table as any).select((eb: any) => eb.fn.min('id').as('id'))
      if (zoned.has(table)) q = q.where('zone_id' as any, '=', rel === 'a' ? zoneA : zoneB)
      const row: any = await q.executeTakeFirst()
      if (row?.id != null) put(table, rel, Number(row.id))
    }
  }
  return { zoneA, zoneB, records, zoned, tables, skipped }
}

/** The fuzzing user: every permission, all data, sitting in zone 甲's 督查室. */
export async function addFuzzUser(t: TestApp) {
  return addUserWithRole(t, {
    username: 'fuzzer',
    displayName: '模糊测试员',
    department: '甲督查室',
    role: { code: 'fuzz_all', name: '全部权限（测试）', dataScope: 'all', permissions: [...ALL_PERMISSIONS] },
  })
}

// Path segment → table, where the name alone does not say it.
const TABLE_ALIASES: Record<string, string> = {
  imports: 'import_jobs',
  funds: 'project_funds',
  common: 'problems',
  items: 'dict_items',
  tasks: 'problem_tasks',
  extensions: 'problem_extensions',
  periods: 'cadence_periods',
}

/** The table a path parameter points into: `/api/projects/{id}` → projects, `{taskId}` → problem_tasks. */
export function tableFor(world: World, path: string, param: string): string | null {
  const segs = path.split('/').filter(Boolean)
  const at = segs.indexOf(`{${param}}`)
  let seg = param !== 'id' && /Id$/.test(param) ? `${param.slice(0, -2)}s` : (segs[at - 1] ?? '')
  seg = seg.replace(/-/g, '_')
  if (TABLE_ALIASES[seg]) return TABLE_ALIASES[seg]!
  if (world.tables.includes(seg)) return seg
  const prefixed = world.tables.filter((tb) => tb.endsWith(`_${seg}`)).sort((x, y) => x.length - y.length)
  return prefixed[0] ?? null
}

// Values for non-id path parameters.
const NAMED: Record<string, string> = { type: 'project_stage', code: '150621', day: '2026-01-02' }

/** Path values pointing at the record of a zone (or, for tables without records, id 1). */
export function pathValues(world: World, op: Operation, rel: Relation): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of op.params.filter((x) => x.in === 'path')) {
    if (NAMED[p.name] && !(p.schema.type === 'integer')) {
      out[p.name] = NAMED[p.name]!
      continue
    }
    const table = tableFor(world, op.path, p.name)
    const rec = table ? world.records.get(table) : undefined
    out[p.name] = String(rec?.[rel] ?? rec?.a ?? 1)
  }
  return out
}

/** Ids for body and query fields named …Id / …Ids, from the zone's records (zoneId: the zone). */
export function idsFor(world: World, rel: Relation) {
  return (name: string): number | undefined => {
    if (/zone/i.test(name)) return rel === 'b' ? world.zoneB : world.zoneA
    if (/department|unit/i.test(name)) return world.records.get('departments')?.[rel]
    const base = name.replace(/Ids?$/, '')
    const users = [
      'leader',
      'owner',
      'user',
      'responsibleLeader',
      'responsibleUser',
      'leaderUser',
      'ownerUser',
      'headUser',
      'officerUser',
    ]
    const table = tableFor(world, `/x/${users.includes(base) ? 'users' : `${base}s`}/{id}`, 'id')
    return table ? world.records.get(table)?.[rel] : undefined
  }
}

/**
 * Services that cache in memory (security policy, work calendar) may have cached a value written by
 * a request whose transaction the test then rolled back: forget them after every rolled-back write.
 */
export function forgetCaches(t: TestApp) {
  for (const svc of Object.values(t.app.services) as Array<{ invalidate?: () => void }>) svc.invalidate?.()
}
