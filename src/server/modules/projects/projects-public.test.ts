import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actorOf, auditActions, deptId } from '../../../../test/factories.ts'
import { createTestApp, type TestApp } from '../../../../test/harness.ts'

// projects.createPublic: the 共性事立项办 entry into the project ledger (called by the common
// problems module inside its transaction; it authorises, this function does not).
let t: TestApp
let zoneA: number
let eco: number
const seedCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }

beforeAll(async () => {
  t = await createTestApp()
  zoneA = await deptId(t, '甲开发区')
  eco = await deptId(t, '甲生态环境分局')
})
afterAll(() => t.close())

const row = (id: number) =>
  t.database.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('projects.createPublic', () => {
  it('creates a public key project in 前期手续 (new) with its lead unit, from a system context', async () => {
    const heard: number[] = []
    t.app.deps.hooks.on('projectChanged', async (_db, id) => {
      heard.push(id)
    })
    const out = await t.database.db.transaction().execute((trx) =>
      t.app.services.projects.createPublic(trx, seedCtx, {
        zoneId: zoneA,
        name: '  园区污水管网延伸工程 ',
        leadDepartmentId: eco,
        totalInvestment: '1800.5',
        description: '解决园区东区企业污水管网接入问题',
        problem: { id: 4242, code: 'WT-2026-0042' },
      }),
    )
    expect(out.code).toMatch(/-2026-\d{4}$/)
    expect(heard).toContain(out.id)
    expect(await row(out.id)).toMatchObject({
      zone_id: zoneA,
      name: '园区污水管网延伸工程',
      is_public: true,
      is_key: true,
      stage: 'preliminary',
      nature: 'new',
      total_investment: '1800.50',
      enterprise_id: null,
      description: '解决园区东区企业污水管网接入问题',
      created_by: null,
    })
    const units = await t.database.db
      .selectFrom('project_units')
      .selectAll()
      .where('project_id', '=', out.id)
      .execute()
    expect(units).toEqual([{ project_id: out.id, department_id: eco, role: 'lead' }])
    const ev = await t.database.db
      .selectFrom('events')
      .select(['kind', 'summary', 'actor_name', 'data'])
      .where('subject_type', '=', 'project')
      .where('subject_id', '=', out.id)
      .execute()
    expect(ev).toEqual([
      expect.objectContaining({
        kind: 'created',
        summary: `共性问题 WT-2026-0042 立项为公共项目 ${out.code}`,
        actor_name: '演示数据',
        data: expect.objectContaining({ problemId: 4242, problemCode: 'WT-2026-0042' }),
      }),
    ])
    expect(await auditActions(t, 'project', out.id)).toEqual(['project.create'])
    // it is in the ledger like any project, flagged public
    const sup = await t.as('a_sup')
    const detail = (await sup.get(`/api/projects/${out.id}`)).json()
    expect(detail).toMatchObject({ isPublic: true, isKey: true, units: { lead: { id: eco } } })
  })

  it('without an investment: 0; a person context records who', async () => {
    const actor = await actorOf(t, 'a_sup')
    const out = await t.database.db.transaction().execute((trx) =>
      t.app.services.projects.createPublic(
        trx,
        { actor, ip: null, requestId: null },
        {
          zoneId: zoneA,
          name: '园区道路照明工程',
          leadDepartmentId: eco,
          problem: { id: 1, code: 'WT-2026-0001' },
        },
      ),
    )
    expect(await row(out.id)).toMatchObject({ total_investment: '0.00', created_by: actor.id })
  })

  it('refuses a lead unit outside the zone, naming the field; nothing is written', async () => {
    const before = (await t.database.db.selectFrom('projects').select('id').execute()).length
    const otherZone = await deptId(t, '乙生态环境分局')
    const p = t.database.db.transaction().execute((trx) =>
      t.app.services.projects.createPublic(trx, seedCtx, {
        zoneId: zoneA,
        name: '跨区工程',
        leadDepartmentId: otherZone,
        problem: { id: 1, code: 'WT-2026-0001' },
      }),
    )
    await expect(p).rejects.toMatchObject({ code: 'VALIDATION', field: 'leadDepartmentId' })
    const after = (await t.database.db.selectFrom('projects').select('id').execute()).length
    expect(after).toBe(before)
  })

  it('refuses an empty name', async () => {
    const p = t.database.db.transaction().execute((trx) =>
      t.app.services.projects.createPublic(trx, seedCtx, {
        zoneId: zoneA,
        name: '  ',
        leadDepartmentId: eco,
        problem: { id: 1, code: 'WT-2026-0001' },
      }),
    )
    await expect(p).rejects.toMatchObject({ code: 'VALIDATION', field: 'name' })
  })
})
