import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import type { Services } from '../services.ts'
import { seedDemo } from './demo.ts'
import { seedDemoBulletins } from './demo-bulletins.ts'
import { seedDemoCadence } from './demo-cadence.ts'
import { seedDemoCampaigns } from './demo-campaigns.ts'
import { seedDemoOpen311 } from './demo-open311.ts'
import { seedDemoPolicies } from './demo-policies.ts'
import { seedDemoPortfolio } from './demo-portfolio.ts'
import { seedDemoProblems } from './demo-problems.ts'
import { seedDemoScorecards } from './demo-scorecards.ts'
import { seedDemoServices } from './demo-services.ts'
import { seedDemoVisits } from './demo-visits.ts'

/**
 * The whole demo, in the order its parts need each other: the organisation and accounts, the
 * portfolio, the problem loop, the visits. One function for `npm run demo`, the demo test and
 * the benchmarks, so they all see the same zone.
 */
export async function loadDemoData(services: Services, db: Db, clock: Clock, config: Config) {
  const started = Date.now()
  const org = await seedDemo({ db, clock, config })
  const portfolio = await seedDemoPortfolio(services, db, clock)
  const problems = await seedDemoProblems(services, db, clock)
  const visits = await seedDemoVisits(services, db, clock)
  const cadence = await seedDemoCadence(services, db, clock)
  const campaigns = await seedDemoCampaigns(services, db, clock)
  const scorecards = await seedDemoScorecards(services, db, clock)
  const open311 = await seedDemoOpen311(services, db)
  const policies = await seedDemoPolicies(services, db, clock)
  // 帮办代办 and the service record (after the portfolio: approvals complete its milestones)
  const service = await seedDemoServices(services, db, clock)
  // last: a bulletin reads everything above
  const bulletins = await seedDemoBulletins(services, db, clock)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return {
    org,
    portfolio,
    problems,
    visits,
    cadence,
    campaigns,
    scorecards,
    bulletins,
    open311,
    policies,
    service,
    summary:
      `已载入演示数据：${org.departments} 个机构，${org.users} 个账号，${portfolio.enterprises} 家企业，` +
      `${portfolio.projects} 个项目，${portfolio.leads} 个招商项目，${problems.problems} 件问题，` +
      `${visits.visits} 次走访，${cadence.periods} 个报送期，${campaigns.campaigns} 项攻坚行动，${scorecards.runs} 期评比，${bulletins.bulletins} 份通报，` +
      `${policies.policies} 项惠企政策、${policies.applications} 件申报，` +
      `${service.permits} 项帮办手续，${service.records} 条服务记录（${seconds} 秒）`,
  }
}
