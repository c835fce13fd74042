import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, createTestApp, errorOf, type TestApp } from '../../../../test/harness.ts'
import { DEMO_PASSWORD } from '../../seed/demo-org.ts'

// The cockpit over the demo zone: every figure must equal the list it clicks through to.
let t: TestApp
let sup: Agent
let view: any

beforeAll(async () => {
  t = await createTestApp({ demo: true })
  sup = await t.as('supervisor', DEMO_PASSWORD)
  const res = await sup.get('/api/dashboard')
  expect(res.statusCode, res.body).toBe(200)
  view = res.json()
}, 180_000)
afterAll(() => t?.close())

const total = async (a: Agent, url: string) => {
  const res = await a.get(url)
  expect(res.statusCode, url).toBe(200)
  return res.json().total as number
}

describe('dashboard: guards', () => {
  it('401 without a session, 403 without project:read, 400 for a year to come', async () => {
    expect((await t.agent().get('/api/dashboard')).statusCode).toBe(401)
    const audit = await t.as('auditadmin', DEMO_PASSWORD)
    expect((await audit.get('/api/dashboard')).statusCode).toBe(403)
    const bad = await sup.get('/api/dashboard?year=2030')
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).field).toBe('year')
  })
})

describe('dashboard: each figure equals the list it opens', () => {
  it('projects by light and by stage', async () => {
    expect(view.projects.total).toBe(await total(sup, '/api/projects?pageSize=1'))
    for (const l of view.projects.lights)
      expect(l.count, l.key).toBe(await total(sup, `/api/projects?light=${l.key}&pageSize=1`))
    for (const s of view.projects.stages)
      expect(s.count, s.key).toBe(await total(sup, `/api/projects?stage=${s.key}&pageSize=1`))
    // the roll-up panels count key projects, and open the ledger filtered to them
    for (const r of view.byLevel.filter((x: { key: string | null }) => x.key))
      expect(r.projects, r.key).toBe(await total(sup, `/api/projects?level=${r.key}&isKey=true&pageSize=1`))
    for (const r of view.byIndustry.filter((x: { key: string | null }) => x.key))
      expect(r.projects, r.key).toBe(
        await total(sup, `/api/projects?industry=${r.key}&isKey=true&pageSize=1`),
      )
    for (const r of view.byDepartment.filter((x: { key: string | null }) => x.key))
      expect(r.projects, r.key).toBe(
        await total(sup, `/api/projects?departmentId=${r.key}&isKey=true&pageSize=1`),
      )
    expect(view.redProjects.total).toBe(
      view.projects.lights.find((l: { key: string }) => l.key === 'red').count,
    )
    expect(view.redProjects.items.length).toBeGreaterThan(0)
  })

  it('problems by status and category; the overdue red list', async () => {
    const sum = view.problems.status.reduce((n: number, r: { count: number }) => n + r.count, 0)
    expect(sum).toBe(await total(sup, '/api/problems?pageSize=1'))
    for (const r of view.problems.status)
      expect(r.count, r.key).toBe(await total(sup, `/api/problems?status=${r.key}&pageSize=1`))
    for (const r of view.problems.category.filter((x: { key: string | null }) => x.key))
      expect(r.count, r.key).toBe(await total(sup, `/api/problems?category=${r.key}&pageSize=1`))
    expect(view.overdueProblems.total).toBe(view.problems.overdue)
  })

  it('investment: the cumulative completed reaches the roll-up; the schedule line ends at the plan', async () => {
    const inv = view.investment
    expect(inv.months).toHaveLength(12)
    expect(inv.months[11].schedule).toBeCloseTo(Number(inv.planned), 1)
    const lastReported = inv.months.filter((m: { completed: number | null }) => m.completed !== null).at(-1)
    expect(lastReported.month).toBe(10)
    expect(lastReported.completed).toBeCloseTo(Number(inv.completed), 1)
  })

  it('the pipeline, the campaign and the map are there; trend covers twelve months', async () => {
    expect(view.pipeline.map((s: { stage: string }) => s.stage)).toContain('signed')
    expect(view.campaigns.map((c: { name: string }) => c.name)).toContain('重点项目建设百日攻坚')
    // the map: the zone's city outline and its projects' points
    expect(view.region).toEqual({ province: '150000', city: '鄂尔多斯市' })
    expect(view.map.length).toBe(await total(sup, '/api/projects?pageSize=1'))
    expect(
      view.map.every(
        (p: { lng: number; lat: number }) => p.lng > 109.9 && p.lng < 110.1 && p.lat > 40.3 && p.lat < 40.45,
      ),
    ).toBe(true)
    expect(view.problems.trend).toHaveLength(12)
    expect(view.problems.trend.at(-1).month).toBe('2026-11')
  })

  it('a department handler sees its own problems only', async () => {
    const handler = await t.as('handler', DEMO_PASSWORD)
    const mine = (await handler.get('/api/dashboard')).json()
    const sum = (v: any) => v.problems.status.reduce((n: number, r: { count: number }) => n + r.count, 0)
    expect(sum(mine)).toBe(await total(handler, '/api/problems?pageSize=1'))
    expect(sum(mine)).toBeLessThan(sum(view))
  })
})
