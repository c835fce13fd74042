import type { Clock } from '../clock.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/database.ts'
import { addDays } from '../lib/time.ts'
import { lastEndedPeriod } from '../modules/bulletins/bulletin-period.ts'
import type { Services } from '../services.ts'

/** A day's moment in Beijing, no later than now. */
const dayAt = (date: string, now: Date) => {
  const d = new Date(`${date}T16:30:00+08:00`)
  return d < now ? d : now
}

/**
 * The 达拉特 supervision office's bulletins: last quarter's and last month's issued (季通报、月汇总,
 * numbered 达开推〔year〕n号, with the praise and the rectification the articles describe), and last
 * week's as a draft waiting for review.
 */
export async function seedDemoBulletins(services: Services, db: Db, clock: Clock) {
  const now = clock.now()
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'supervisor')
    .executeTakeFirst()
  const actor = user && (await services.auth.loadActor(user.id))
  if (!actor?.zoneId) return { bulletins: 0 }
  const ctx: Ctx = { actor, ip: null, requestId: null }
  const svc = services.bulletins
  await svc.updateSettings(ctx, {
    issuer: '达拉特经济开发区重点项目建设推进组办公室',
    prefix: '达开推',
    copyTo: '管委会主要领导，各分管领导，各包联领导',
  })
  const issued = [
    {
      period: lastEndedPeriod('quarterly', now),
      issueAfterDays: 10,
      praise:
        '生态环境分局对金旗牛业污水管网问题现场办公、限时办结，企业评价满意；经济发展局牵头协调中轩生化施工用电，' +
        '提前完成接电。以上单位主动靠前服务，予以通报表扬。',
      criticism:
        '对照“每周评比”结果，个别单位存在工作不主动、行动不及时、效果不明显的问题，逾期问题未书面说明原因。' +
        '请相关单位于 5 个工作日内限期整改，并将整改情况报推进组办公室。',
    },
    {
      period: lastEndedPeriod('monthly', now),
      issueAfterDays: 5,
      praise: '规划建设局对储备项目规划许可提前介入、并联审批，为项目开工节省时间，予以表扬。',
      criticism: '部分项目专班未按时报送周进展和月度投资，请相关专班按要求补报，此后按时报送。',
    },
  ]
  let count = 0
  for (const b of issued) {
    const at = dayAt(addDays(b.period.to, b.issueAfterDays), now)
    const draft = await svc.generate(
      ctx,
      await svc.prepare(ctx, { kind: b.period.kind, periodKey: b.period.key }),
      undefined,
      {
        at,
      },
    )
    const edited = await svc.update(ctx, draft.id, {
      version: draft.version,
      texts: { praise: b.praise, criticism: b.criticism },
    })
    await svc.issue(ctx, draft.id, { version: edited.version }, { at })
    count++
  }
  const week = lastEndedPeriod('weekly', now)
  await svc.generate(ctx, await svc.prepare(ctx, { kind: 'weekly', periodKey: week.key }))
  count++
  return { bulletins: count }
}
