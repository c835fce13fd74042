import type { Clock } from '../clock.ts'
import type { SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate } from '../lib/time.ts'
import type { Services } from '../services.ts'

// 达拉特's 重点项目建设"百日攻坚" (FACTS 004: "以每周为时间节点，明确6月底攻坚重点及完成时限"; each
// push department stations a cadre of 副科级 or above with the project, 早晚两碰头), running now at
// day 60 of 100 with its snapshots back-filled, and an ended 专项行动 on problems and visits.

const PUSH_DEPARTMENTS = [
  '项目服务中心',
  '行政审批服务局',
  '自然资源分局',
  '规划建设局',
  '生态环境分局',
  '经济发展局',
]
const PROBLEM_DEPARTMENTS = ['行政审批服务局', '自然资源分局', '生态环境分局', '财政金融局']

export async function seedDemoCampaigns(services: Services, db: Db, clock: Clock) {
  const zone = await db
    .selectFrom('departments')
    .select(['id', 'path'])
    .where('name', '=', '达拉特经济开发区')
    .executeTakeFirstOrThrow()
  const deptIds = async (names: string[]) =>
    (
      await db
        .selectFrom('departments')
        .select(['id', 'name'])
        .where('zone_id', '=', zone.id)
        .where('name', 'in', names)
        .execute()
    ).map((d) => d.id)
  // The key projects still to start or just started: what a 百日攻坚 pushes.
  const projects = await db
    .selectFrom('projects')
    .select('id')
    .where('zone_id', '=', zone.id)
    .where('is_key', '=', true)
    .where('stage', 'in', ['preliminary', 'construction'])
    .orderBy('code')
    .execute()
  const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }
  const today = beijingDate(clock.now())
  const start = addDays(today, -59)
  await services.campaigns.create(ctx, {
    zoneId: zone.id,
    name: '重点项目建设百日攻坚',
    kind: 'hundred_days',
    startsOn: start,
    endsOn: addDays(start, 99),
    description:
      '以每周为时间节点，明确攻坚重点及完成时限，挂图作战、倒排工期。各推进部门分别派驻一名副科级以上干部驻项目现场，' +
      '实行“早晚两碰头”，当日问题当日协调，重大问题即时报管委会主要领导。',
    targets: { projectsToStart: 4, investment: '400000', problemsToClose: 40, visits: 30 },
    projectIds: projects.map((p) => p.id),
    departmentIds: await deptIds(PUSH_DEPARTMENTS),
  })
  const endedStart = addDays(today, -75)
  await services.campaigns.create(ctx, {
    zoneId: zone.id,
    name: '营商环境问题清零专项行动',
    kind: 'special',
    startsOn: endedStart,
    endsOn: addDays(endedStart, 59),
    description:
      '聚焦企业反映的审批、用地、环评等堵点问题，逐件建立台账、明确责任部门和办结时限，能解决的限期清零。',
    targets: { problemsToClose: 10, visits: 20 },
    projectIds: [],
    departmentIds: await deptIds(PROBLEM_DEPARTMENTS),
  })
  return { campaigns: 2 }
}
