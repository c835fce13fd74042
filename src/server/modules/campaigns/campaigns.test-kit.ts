import { deptId, insertProblem, insertProject, makeEnterprise } from '../../../../test/factories.ts'
import type { TestApp } from '../../../../test/harness.ts'

// The fixture of the campaign tests (not a test file itself): zone 甲 on 2026-11-24 with a
// campaign window of 2026-10-15 … 2026-11-30, and records inside and outside it.

const at = (day: string) => new Date(`${day}T10:00:00+08:00`)

export interface CampaignFixture {
  zoneA: number
  eco: number
  waste: number
  supDept: number
  /** participating: 开工 milestone 11-05 (in), its enterprise 金旗 */
  p1: number
  /** participating: started 10-10, before the window (out) */
  p2: number
  /** participating: moved into 开工在建 on 10-20 (the stage change sets the actual start date) (in) */
  p3: number
  /** not participating: started 10-25 */
  p4: number
  /** a project of zone 乙 */
  pb: number
  jinqi: number
  other: number
  ecoB: number
}

async function visit(
  t: TestApp,
  zoneId: number,
  code: string,
  day: string,
  link: { project?: number; enterprise?: number },
) {
  const db = t.database.db
  const now = t.clock.now()
  const { id } = await db
    .insertInto('visits')
    .values({
      zone_id: zoneId,
      code,
      kind: 'research',
      visit_date: day,
      place: '项目现场',
      summary: '调研',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (link.project)
    await db.insertInto('visit_projects').values({ visit_id: id, project_id: link.project }).execute()
  if (link.enterprise)
    await db
      .insertInto('visit_enterprises')
      .values({ visit_id: id, enterprise_id: link.enterprise })
      .execute()
}

/** A problem closed on `day` (Beijing). */
export async function closedProblem(
  t: TestApp,
  p: { zoneId: number; code: string; day: string; lead?: number | null; enterpriseId?: number | null },
) {
  const id = await insertProblem(t, {
    zoneId: p.zoneId,
    code: p.code,
    title: `问题 ${p.code}`,
    status: 'closed',
    leadDepartmentId: p.lead ?? null,
    enterpriseId: p.enterpriseId ?? null,
  })
  await t.database.db
    .updateTable('problems')
    .set({ closed_at: at(p.day) })
    .where('id', '=', id)
    .execute()
  return id
}

export async function campaignFixture(t: TestApp): Promise<CampaignFixture> {
  const db = t.database.db
  const zoneA = await deptId(t, '甲开发区')
  const zoneB = await deptId(t, '乙开发区')
  const jinqi = await makeEnterprise(t, '甲开发区', '内蒙古金旗牛业有限公司')
  const other = await makeEnterprise(t, '甲开发区', '鄂尔多斯市新能源有限公司')
  const p1 = await insertProject(t, {
    zoneId: zoneA,
    code: 'XM-1',
    name: '屠宰加工项目',
    enterpriseId: jinqi,
    stage: 'preliminary',
  })
  const p2 = await insertProject(t, { zoneId: zoneA, code: 'XM-2', name: '光伏制氢项目' })
  const p3 = await insertProject(t, {
    zoneId: zoneA,
    code: 'XM-3',
    name: '冷链物流项目',
    stage: 'preliminary',
  })
  const p4 = await insertProject(t, {
    zoneId: zoneA,
    code: 'XM-4',
    name: '固废综合利用项目',
    enterpriseId: other,
  })
  const pb = await insertProject(t, { zoneId: zoneB, code: 'YB-1', name: '乙区项目' })
  const now = t.clock.now()
  await db
    .insertInto('milestones')
    .values({
      zone_id: zoneA,
      project_id: p1,
      name: '开工',
      actual_date: '2026-11-05',
      created_at: now,
      updated_at: now,
    })
    .execute()
  await db.updateTable('projects').set({ actual_start_date: '2026-10-10' }).where('id', '=', p2).execute()
  // Through the projects service, as the 专班 would record it: 前期 → 开工在建 dated 10-20.
  const system = { actor: null, ip: null, requestId: null, label: '测试' }
  await t.app.services.projects.changeStage(system, p3, {
    stage: 'construction',
    date: '2026-10-20',
    version: 1,
  })
  await db.updateTable('projects').set({ actual_start_date: '2026-10-25' }).where('id', '=', p4).execute()
  // Monthly reports of 屠宰加工项目: September (before the window) and October (counted from 11-03).
  for (const [month, completed, day] of [
    [9, '300.00', '2026-10-05'],
    [10, '500.00', '2026-11-03'],
  ] as const)
    await db
      .insertInto('project_monthly_reports')
      .values({ zone_id: zoneA, project_id: p1, year: 2026, month, completed, submitted_at: at(day) })
      .execute()
  const eco = await deptId(t, '甲生态环境分局')
  const waste = await deptId(t, '甲固废科')
  const supDept = await deptId(t, '甲督查室')
  await closedProblem(t, { zoneId: zoneA, code: 'JA-1', day: '2026-11-10', lead: waste })
  await closedProblem(t, { zoneId: zoneA, code: 'JA-2', day: '2026-10-01', lead: eco })
  await closedProblem(t, { zoneId: zoneA, code: 'JA-3', day: '2026-11-12', enterpriseId: jinqi })
  await closedProblem(t, { zoneId: zoneA, code: 'JA-4', day: '2026-11-12', lead: supDept })
  await visit(t, zoneA, 'ZF-1', '2026-11-02', { project: p1 })
  await visit(t, zoneA, 'ZF-2', '2026-11-20', { enterprise: jinqi })
  await visit(t, zoneA, 'ZF-3', '2026-11-21', { enterprise: other })
  return {
    zoneA,
    eco,
    waste,
    supDept,
    p1,
    p2,
    p3,
    p4,
    pb,
    jinqi,
    other,
    ecoB: await deptId(t, '乙生态环境分局'),
  }
}
