import type { Ctx } from '../../context.ts'
import { wanText } from '../../lib/money.ts'
import { percentText } from '../../lib/text.ts'
import { addDays, beijingDate, weekStart } from '../../lib/time.ts'
import { lastCompletedMonth } from '../reports/reports.service.ts'
import { investmentChart, lightsChart, problemsChart } from './bulletin-charts.ts'
import type { BulletinPeriod } from './bulletin-period.ts'
import type { BulletinSources } from './bulletin-sources.ts'
import {
  campaignTable,
  lateTable,
  overdueByDeptTable,
  overdueTable,
  projectTable,
  rankingTable,
} from './bulletin-tables.ts'
import type { BulletinContent, BulletinTexts } from './bulletin-types.ts'

export interface BulletinHeader {
  issuer: string
  copyTo: string
}

export type Step = (label: string, percent: number) => void

/**
 * Reads the period's figures through the other modules' services, as the generating person sees
 * them (their scope), and lays out the bulletin: figures, charts, tables and generated texts.
 */
export async function buildContent(
  src: BulletinSources,
  ctx: Ctx,
  zone: { id: number; name: string },
  period: BulletinPeriod,
  header: BulletinHeader,
  now: Date,
  step: Step = () => {},
): Promise<Omit<BulletinContent, 'texts' | 'omitted'> & { defaults: BulletinTexts }> {
  const today = beijingDate(now)
  // figures stand at the period's end, or today while the period runs
  const asOfDay = [period.to, today].sort()[0]
  const actor = ctx.actor
  const zoneId = zone.id

  step('汇总重点项目与投资完成情况', 10)
  const last = lastCompletedMonth(now)
  const asOf =
    period.year * 12 + period.month <= last.year * 12 + last.month
      ? { year: period.year, month: period.month }
      : last
  const keyProjects = { zoneId, isKey: true }
  const [all, red, yellow, rollup] = await Promise.all([
    src.projects.list(actor, { ...keyProjects, pageSize: 1 }),
    src.projects.exportRows(actor, { ...keyProjects, light: 'red', sort: 'code' }),
    src.projects.exportRows(actor, { ...keyProjects, light: 'yellow', sort: 'code' }),
    src.reports.rollup(ctx, { year: asOf.year, month: asOf.month, by: 'department', zoneId }),
  ])
  const lights = {
    red: red.length,
    yellow: yellow.length,
    green: Math.max(0, all.total - red.length - yellow.length),
  }

  step('汇总企业问题办理情况', 30)
  const [figures, board, visits] = await Promise.all([
    src.supervision.figures(actor, {
      from: period.from,
      to: period.to,
      by: 'department',
      zoneId,
      sort: '-overdueDays',
    }),
    src.supervision.board(actor, { date: asOfDay, zoneId }),
    src.visits.stats(actor, { from: period.from, to: asOfDay, zoneId }),
  ])

  step('汇总信息报送、评比排名与攻坚行动', 50)
  const rankingWeek = period.kind === 'weekly' ? period.key : weekStart(addDays(asOfDay, -6))
  const [late, rankingAt, campaigns] = await Promise.all([
    src.cadence.lateReporters(zoneId, period.from, period.to),
    src.scorecards.ranking(ctx, { zoneId, subjectType: 'department', weekStart: rankingWeek }),
    src.campaigns.progressForBulletin(zoneId, period.from, period.to),
  ])
  const ranking = rankingAt.run
    ? rankingAt
    : await src.scorecards.ranking(ctx, { zoneId, subjectType: 'department' })

  const t = rollup.total
  const f = figures.total
  const gap =
    t.gapPoints == null
      ? ''
      : t.gapPoints >= 0
        ? `，快于序时进度 ${t.gapPoints.toFixed(2)} 个百分点`
        : `，慢于序时进度 ${(-t.gapPoints).toFixed(2)} 个百分点`
  const asOfText = `截至${asOf.year}年${asOf.month}月底`
  const overview =
    `${period.label}，全区 ${all.total} 个重点项目中，绿灯 ${lights.green} 个、黄灯 ${lights.yellow} 个、红灯 ${lights.red} 个。` +
    `${asOfText}，年度计划投资 ${wanText(t.annualPlan)}，累计完成 ${wanText(t.completed)}，完成率 ${percentText(t.completionRate)}${gap}。` +
    `期内受理企业问题 ${f.received} 件，办结 ${f.resolved} 件，按期办结率 ${percentText(f.onTimeRate.rate)}，满意率 ${percentText(f.satisfactionRate.rate)}；截至${asOfDay.slice(5, 7)}月${asOfDay.slice(8, 10)}日仍有逾期问题 ${board.counts.overdue} 件。` +
    `领导干部走访企业 ${visits.totals.visits} 次，覆盖企业 ${visits.totals.enterprises} 家，提出建议 ${visits.totals.suggestions.total} 条。`
  const projects =
    lights.red + lights.yellow === 0
      ? '本期重点项目均按计划推进，未出现红灯、黄灯项目。'
      : `本期红灯项目 ${lights.red} 个、黄灯项目 ${lights.yellow} 个（见下表）。请牵头单位和包联领导对照滞后原因，逐项明确措施和完成时限，抓紧把工期抢回来。`
  const overdueDepts = figures.rows.filter((r) => r.overdueCount > 0)
  const problems =
    board.counts.overdue === 0 && overdueDepts.length === 0
      ? '本期企业反映的问题均在办理时限内答复办理，未出现逾期。'
      : `本期 ${overdueDepts.length} 个单位出现逾期办理，逾期问题 ${overdueDepts.reduce((n, r) => n + r.overdueCount, 0)} 件次；当前仍逾期未办结 ${board.counts.overdue} 件（见下表），请相关单位限期办结并说明原因。`

  step('绘制统计图表', 60)
  const defaults: BulletinTexts = {
    title: `关于${period.label}重点项目建设和企业问题办理情况的通报`,
    intro: `为深入落实“周对接、月汇总、季通报”工作调度制度，推动重点项目建设提速、企业诉求件件有着落，现将${period.label}全区重点项目建设和企业问题办理情况通报如下：`,
    overview,
    projects,
    problems,
    praise: '',
    criticism: '',
    requirements:
      '各牵头单位要对照红黄灯项目清单，逐项明确整改措施和完成时限，包联领导要靠前协调。\n' +
      '各责任单位要严格落实首问负责和限时办结，逾期问题须书面说明原因和办结时间。\n' +
      '各项目专班要按时报送周进展和月度投资，确保数据真实、准确、及时。',
    copyTo: header.copyTo,
  }
  return {
    kind: period.kind,
    period: { key: period.key, from: period.from, to: period.to, label: period.label },
    zone,
    issuer: header.issuer,
    investmentAsOf: asOf,
    defaults,
    generated: { overview, projects, problems },
    figures: [
      { label: '重点项目', value: `${all.total} 个` },
      { label: '红灯 / 黄灯', value: `${lights.red} / ${lights.yellow} 个` },
      { label: '年度计划投资', value: wanText(t.annualPlan) },
      { label: `累计完成投资（${asOf.month}月底）`, value: wanText(t.completed) },
      {
        label: '投资完成率 / 序时进度',
        value: `${percentText(t.completionRate)} / ${percentText(t.scheduleRate)}`,
      },
      { label: '受理 / 办结问题', value: `${f.received} / ${f.resolved} 件` },
      {
        label: '按期办结率 / 满意率',
        value: `${percentText(f.onTimeRate.rate)} / ${percentText(f.satisfactionRate.rate)}`,
      },
      { label: '当前逾期问题', value: `${board.counts.overdue} 件` },
    ],
    charts: [
      lightsChart(lights),
      investmentChart(rollup.rows.filter((r) => r.key != null)),
      problemsChart(figures.rows.filter((r) => r.key != null)),
    ],
    tables: {
      red: projectTable('red', '红灯项目', red),
      yellow: projectTable('yellow', '黄灯项目', yellow),
      overdueByDept: overdueByDeptTable(
        figures.rows.filter((r) => r.key != null && (r.received > 0 || r.overdueCount > 0)),
      ),
      overdue: overdueTable(board.overdue),
      late: lateTable(late),
      ranking: rankingTable(ranking),
      campaigns: campaignTable(campaigns),
    },
  }
}
