import type { Clock } from '../clock.ts'
import type { SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate, weekStart } from '../lib/time.ts'
import type { Services } from '../services.ts'

const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }
/** Six weeks of history: enough for the change arrows and the trend line in the drawer. */
export const DEMO_RANKING_WEEKS = 6

/**
 * 每周评比 for the demo: the last six weeks of 达拉特's department rankings (oldest first, so each
 * week's change refers to the one before), and zone rankings wherever a unit has several zones.
 */
export async function seedDemoScorecards(services: Services, db: Db, clock: Clock) {
  const thisWeek = weekStart(beijingDate(clock.now()))
  const weeks = Array.from({ length: DEMO_RANKING_WEEKS }, (_, i) =>
    addDays(thisWeek, -7 * (DEMO_RANKING_WEEKS - i)),
  )
  const zone = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '达拉特经济开发区')
    .executeTakeFirst()
  let runs = 0
  if (zone)
    for (const w of weeks) {
      await services.scorecards.computeWeek(zone.id, 'department', w, ctx)
      runs++
    }
  for (const p of (await services.scorecards.units(ctx)).parents) {
    for (const w of weeks) {
      await services.scorecards.computeWeek(p.id, 'zone', w, ctx)
      runs++
    }
  }
  return { runs }
}
