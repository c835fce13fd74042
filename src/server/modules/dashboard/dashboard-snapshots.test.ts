import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addUserWithRole, deptId, insertProject } from '../../../../test/factories.ts'
import { TEST_PASSWORD } from '../../../../test/fixture-org.ts'
import { type Agent, createTestApp, type TestApp } from '../../../../test/harness.ts'

// The cockpit of a big zone is served from a snapshot at most DASHBOARD_MAX_AGE_SECONDS old. Here
// every view counts as "big" (anything over 1 ms), so the rules show on the small fixture zone.
let t: TestApp
let sup: Agent
let zoneA: number
let code = 0

beforeAll(async () => {
  t = await createTestApp({ config: { dashboardCacheAfterMs: 1, dashboardMaxAgeSeconds: 60 } })
  zoneA = await deptId(t, '甲开发区')
  sup = await t.as('a_sup', TEST_PASSWORD)
}, 60_000)
afterAll(() => t?.close())

const view = async (a: Agent, query = '') => {
  const res = await a.get(`/api/dashboard?zoneId=${zoneA}${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as {
    projects: { total: number }
    snapshot: { computedAt: string; cached: boolean; tookMs: number }
  }
}
const addProject = () =>
  insertProject(t, { zoneId: zoneA, code: `SNAP-${++code}`, name: `快照测试项目${code}` })

describe('dashboard snapshots', () => {
  it('serves the snapshot within a minute, says when it was computed, and 刷新 (fresh) computes now', async () => {
    const first = await view(sup)
    expect(first.snapshot.cached).toBe(false)
    expect(first.snapshot.computedAt).toBe(t.clock.now().toISOString())
    await addProject()

    t.clock.advance(30_000)
    const again = await view(sup)
    expect(again.snapshot).toEqual({ ...first.snapshot, cached: true, tookMs: again.snapshot.tookMs })
    expect(again.projects.total).toBe(first.projects.total)

    const fresh = await view(sup, '&fresh=true')
    expect(fresh.snapshot.cached).toBe(false)
    expect(fresh.projects.total).toBe(first.projects.total + 1)
    expect(fresh.snapshot.computedAt).toBe(t.clock.now().toISOString())
  })

  it('after a minute the old figures are served once while new ones are computed', async () => {
    const before = await view(sup)
    await addProject()
    t.clock.advance(61_000)
    const stale = await view(sup)
    expect(stale.projects.total).toBe(before.projects.total)
    let next = stale
    for (let i = 0; i < 50 && next.projects.total === before.projects.total; i++) {
      await new Promise((r) => setTimeout(r, 100))
      next = await view(sup)
    }
    expect(next.projects.total).toBe(before.projects.total + 1)
    expect(next.snapshot.cached).toBe(true)
    expect(next.snapshot.computedAt).toBe(t.clock.now().toISOString())
  })

  it('readers of the whole zone share one snapshot; others never see it', async () => {
    const permissions = await t.database.db
      .selectFrom('role_permissions as rp')
      .innerJoin('roles as r', 'r.id', 'rp.role_id')
      .where('r.code', '=', 'supervisor')
      .select('rp.permission')
      .execute()
    await addUserWithRole(t, {
      username: 'city_sup',
      displayName: '市督查',
      department: '测试市',
      role: {
        code: 'city_sup',
        name: '市督查',
        dataScope: 'all',
        permissions: permissions.map((p) => p.permission),
      },
    })
    const city = await t.as('city_sup', TEST_PASSWORD)
    const zoneView = await view(sup, '&fresh=true')
    await addProject()
    // the city reader looking at zone 甲 gets the zone's snapshot (same figures, same time)
    const shared = await view(city)
    expect(shared.snapshot.computedAt).toBe(zoneView.snapshot.computedAt)
    expect(shared.projects.total).toBe(zoneView.projects.total)

    // zone 乙's supervisor asking for 甲 has their own (empty) view, not 甲's snapshot
    const other = await view(await t.as('b_sup', TEST_PASSWORD))
    expect(other.snapshot.cached).toBe(false)
    expect(other.projects.total).toBe(0)
    // a department user sees their own scope, computed for them
    const handler = await view(await t.as('a_handler', TEST_PASSWORD))
    expect(handler.snapshot.cached).toBe(false)
    expect(handler.projects.total).toBeLessThan(zoneView.projects.total)
  })
})
