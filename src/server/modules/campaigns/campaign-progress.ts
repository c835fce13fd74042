import type { Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { normMoney, wanText } from '../../lib/money.ts'
import { addDays, beijingDate } from '../../lib/time.ts'
import * as figuresRepo from './campaign-figures.repository.ts'
import {
  asOfDay,
  type CampaignEvents,
  daysFrom,
  earlierDay,
  emptyEvents,
  type Figures,
  figuresAt,
  figuresOf,
  progressOf,
  statusOn,
  type Targets,
  timeline,
} from './campaign-figures.ts'
import * as repo from './campaigns.repository.ts'

export const KIND_LABEL = { hundred_days: '百日攻坚', special: '专项行动' } as const
export const STATUS_LABEL = { upcoming: '未开始', running: '进行中', ended: '已结束' } as const
/** '12000' → '12,000.00' (the unit follows the pair of figures). */
const plainWan = (s: string) => wanText(normMoney(s)).replace(' 万元', '')
const LIGHT_LABEL: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' }

type Dates = { startsOn: string; endsOn: string }
const datesOf = (c: repo.CampaignRow): Dates => ({ startsOn: c.starts_on, endsOn: c.ends_on })
const targetsOf = (c: repo.CampaignRow) => (c.targets ?? {}) as Targets

/**
 * Figures, series, snapshots and the daily text of campaigns. Figures are cumulative since the
 * campaign's first day; the day they are taken on is today, kept inside the campaign's dates.
 */
export function createCampaignProgress(deps: Deps) {
  const { db, clock } = deps
  const today = () => beijingDate(clock.now())

  /** Progress of each campaign as of `day` (default today), events fetched for all at once. */
  async function progressOfRows(rows: repo.CampaignRow[], day?: string) {
    const events = await figuresRepo.eventsOf(
      db,
      rows.map((r) => r.id),
    )
    const now = today()
    return rows.map((c) => {
      const dates = datesOf(c)
      const asOf = asOfDay(dates, day ?? now)
      const status = statusOn(dates, now)
      // before the first day: day 0, no time elapsed
      const t = timeline(dates, status === 'upcoming' ? now : asOf)
      const figures =
        status === 'upcoming' ? figuresAt(emptyEvents(), asOf) : figuresAt(events.get(c.id)!, asOf)
      const progress = progressOf(targetsOf(c), figures).map((p) => ({
        ...p,
        behind: status === 'running' && p.percent < t.timePercent,
      }))
      return { id: c.id, status, asOf, ...t, figures, progress, events: events.get(c.id)! }
    })
  }

  /** Snapshots for the campaign's days up to yesterday; `overwrite` for the nightly job only. */
  async function snapshot(trx: Db, c: repo.CampaignRow, ev: CampaignEvents | null, overwrite: boolean) {
    const yesterday = addDays(today(), -1)
    const last = earlierDay(yesterday, c.ends_on)
    if (last < c.starts_on) return 0
    const events = ev ?? (await figuresRepo.eventsOf(trx, [c.id])).get(c.id)!
    const days = daysFrom(c.starts_on, last).map((day) => ({ day, figures: figuresAt(events, day) }))
    await repo.upsertDays(trx, c.id, days, overwrite)
    return days.length
  }

  /**
   * The nightly job (00:20 Beijing): yesterday's figures of every campaign under way yesterday.
   * Upsert, so running it twice writes the same row once.
   */
  async function snapshotYesterday() {
    const day = addDays(today(), -1)
    const rows = await repo.runningOn(db, day)
    const events = await figuresRepo.eventsOf(
      db,
      rows.map((r) => r.id),
    )
    for (const c of rows)
      await repo.upsertDays(db, c.id, [{ day, figures: figuresAt(events.get(c.id)!, day) }], true)
    return { day, campaigns: rows.length }
  }

  /** Chart data: each day's snapshot (figures recomputed where none was taken) and today's live figures. */
  async function series(c: repo.CampaignRow) {
    const dates = datesOf(c)
    const now = today()
    const end = earlierDay(now, c.ends_on)
    const [stored, evs] = await Promise.all([repo.daysOf(db, c.id), figuresRepo.eventsOf(db, [c.id])])
    const byDay = new Map(stored.map((s) => [s.day, figuresOf(s.figures)]))
    const ev = evs.get(c.id)!
    const days =
      end < c.starts_on
        ? []
        : daysFrom(c.starts_on, end).map((day) => {
            const snap = day < now ? byDay.get(day) : undefined
            return snap
              ? { day, source: 'snapshot' as const, figures: snap }
              : { day, source: 'live' as const, figures: figuresAt(ev, day) }
          })
    return { ...dates, totalDays: timeline(dates, c.ends_on).totalDays, targets: targetsOf(c), days }
  }

  /** 每日调度 text: where the campaign stands, what lags, what falls due today. */
  async function summary(c: repo.CampaignRow) {
    const [p] = await progressOfRows([c])
    const name = c.name
    const total = p.totalDays
    if (p.status === 'upcoming')
      return { asOf: p.asOf, text: `${name}将于 ${c.starts_on} 开始（共 ${total} 天）。` }
    const parts = p.progress.map((x) => {
      const [actual, target] =
        x.key === 'investment'
          ? [plainWan(p.figures.investment), plainWan(String(x.target))]
          : [x.actual, x.target]
      return `${x.label} ${actual}/${target} ${x.unit}（${x.percent}%${x.behind ? '，落后于时间进度' : ''}）`
    })
    const head =
      p.status === 'running'
        ? `${name}第 ${p.dayNumber} 天（共 ${total} 天，时间进度 ${p.timePercent}%）`
        : `${name}已于 ${c.ends_on} 结束（共 ${total} 天），最终`
    const [projects, due] = await Promise.all([
      repo.projectsOf(db, c.id),
      figuresRepo.problemsDueOn(db, c.id, today()),
    ])
    const lagging = projects
      .filter((x) => x.light !== 'green')
      .map((x) => {
        const why = (x.light_reasons ?? [])[0]?.text
        return `${x.name}（${LIGHT_LABEL[x.light] ?? x.light}${why ? `：${why}` : ''}）`
      })
    const dueText = due.map(
      (d) => `${d.code} ${d.title}${d.lead_department_name ? `（${d.lead_department_name}）` : ''}`,
    )
    let text = `${head}：${parts.join('，')}。`
    if (p.status === 'running') {
      text += `落后项目：${lagging.length ? lagging.join('、') : '无'}；`
      text += `今日到期问题：${dueText.length ? dueText.join('、') : '无'}。`
    }
    return { asOf: p.asOf, text }
  }

  /**
   * For the bulletin: the zone's campaigns overlapping [from, to], figures as of `to` (or today when
   * that is earlier), kept inside each campaign's dates.
   */
  async function progressForBulletin(zoneId: number, from: string, to: string) {
    const rows = await repo.overlapping(db, zoneId, from, to)
    const day = earlierDay(to, today())
    const ps = await progressOfRows(rows, day)
    return rows.map((c, i) => {
      const p = ps[i]
      return {
        id: c.id,
        name: c.name,
        startsOn: c.starts_on,
        endsOn: c.ends_on,
        dayNumber: p.dayNumber,
        totalDays: p.totalDays,
        timePercent: p.timePercent,
        targets: p.progress.map(({ key, label, target, actual, unit, percent }) => ({
          key,
          label,
          target,
          actual,
          unit,
          percent,
        })),
      }
    })
  }

  return { progressOfRows, snapshot, snapshotYesterday, series, summary, progressForBulletin }
}

export type CampaignProgress = ReturnType<typeof createCampaignProgress>
export type { Figures }
