import type { Clock } from '../clock.ts'
import type { SystemCtx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays, beijingDate, weekStart } from '../lib/time.ts'
import type { Services } from '../services.ts'

// 报送调度 in the demo: the portfolio seed has weekly progress for the last three weeks and the
// monthly investment of the year; here the six weeks before them get their entries — most on
// Friday afternoon, a few the next Monday (逾期补报), a few never (未报) — and the cadence engine
// is walked over the past eight Mondays (before office hours, so no reminders are back-dated) to
// create and close those periods: the weeks, September and October, the third quarter with its
// roll-up. The last run, at the seed's own time, reminds who owes now.

const REPORTING_STAGES = ['construction', 'preliminary', 'trial', 'completed']
const DONE = [
  '完成桩基施工并通过检测，主体结构进入钢筋绑扎阶段',
  '设备基础浇筑完成，主厂房钢结构吊装过半',
  '环评批复已取得，正在办理施工许可手续',
  '完成变电站主变安装调试，具备送电条件',
  '配套道路完成路基施工，管网铺设推进至二期',
]

export async function seedDemoCadence(services: Services, db: Db, clock: Clock) {
  const now = clock.now()
  const thisWeek = weekStart(beijingDate(now))
  const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: '演示数据' }
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'stage'])
    .where('is_key', '=', true)
    .where('stage', 'in', REPORTING_STAGES)
    .orderBy('id')
    .execute()
  let entries = 0
  for (const back of [8, 7, 6, 5, 4, 3]) {
    const ws = addDays(thisWeek, -7 * back)
    for (const [i, p] of projects.entries()) {
      // about one in eight never reports that week, one in six reports late (Monday morning)
      if ((i + back) % 8 === 5) continue
      const late = (i + back) % 6 === 2
      await services.reports.submitWeekly(
        ctx,
        {
          projectId: p.id,
          weekStart: ws,
          done: DONE[(i + back) % DONE.length],
          nextPlan: '按计划推进，确保节点按期完成',
        },
        { submittedAt: new Date(`${addDays(ws, late ? 7 : 4)}T${late ? '09:20' : '15:30'}:00+08:00`) },
      )
      entries++
    }
  }
  for (let back = 7; back >= 0; back--) {
    await services.cadence.runCycle(new Date(`${addDays(thisWeek, -7 * back)}T07:00:00+08:00`))
  }
  const { reminded } = await services.cadence.runCycle(now)
  const periods = await db
    .selectFrom('cadence_periods')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { entries, periods: Number(periods.n), reminded }
}
