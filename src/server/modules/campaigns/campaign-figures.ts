import { fromUnits, toUnits } from '../../lib/money.ts'
import { addDays, daysBetween } from '../../lib/time.ts'

// The arithmetic of a campaign's figures, without a database: the repository hands over dated
// events (one query per figure family), these functions add them up to any day of the campaign.

export type TargetKey = 'projectsToStart' | 'investment' | 'problemsToClose' | 'visits'
export const TARGET_KEYS: readonly TargetKey[] = [
  'projectsToStart',
  'investment',
  'problemsToClose',
  'visits',
]

/** 攻坚目标: at least one is set; investment in 万元 as an exact decimal string. */
export interface Targets {
  projectsToStart?: number
  investment?: string
  problemsToClose?: number
  visits?: number
}

/** Cumulative figures since the start of the campaign, as stored in campaign_days.figures. */
export interface Figures {
  projectsToStart: number
  investment: string
  problemsToClose: number
  visits: number
}

export const TARGET_LABEL: Record<TargetKey, { label: string; unit: string; verb: string }> = {
  projectsToStart: { label: '开工项目', unit: '个', verb: '开工' },
  investment: { label: '完成投资', unit: '万元', verb: '完成投资' },
  problemsToClose: { label: '办结问题', unit: '个', verb: '办结问题' },
  visits: { label: '走访企业', unit: '次', verb: '走访' },
}

/** Dated events of one campaign: `day` is the Beijing date it counts from. */
export interface CampaignEvents {
  /** one per participating project, the day it started (开工) */
  started: string[]
  /** monthly reports: counted from the day they were submitted, for months that began by then */
  investment: Array<{ day: string; monthStart: string; completed: string }>
  problems: Array<{ day: string; n: number }>
  visits: Array<{ day: string; n: number }>
}

export const emptyEvents = (): CampaignEvents => ({ started: [], investment: [], problems: [], visits: [] })

/** The figures as of the end of `day` (events after it are not counted yet). */
export function figuresAt(ev: CampaignEvents, day: string): Figures {
  let units = 0n
  for (const r of ev.investment) if (r.day <= day && r.monthStart <= day) units += toUnits(r.completed)
  const sum = (xs: Array<{ day: string; n: number }>) =>
    xs.reduce((acc, x) => (x.day <= day ? acc + x.n : acc), 0)
  return {
    projectsToStart: ev.started.filter((d) => d <= day).length,
    investment: fromUnits(units),
    problemsToClose: sum(ev.problems),
    visits: sum(ev.visits),
  }
}

export type CampaignStatus = 'upcoming' | 'running' | 'ended'

export function statusOn(c: { startsOn: string; endsOn: string }, today: string): CampaignStatus {
  if (today < c.startsOn) return 'upcoming'
  return today > c.endsOn ? 'ended' : 'running'
}

/** 第 N 天 of the campaign on `day` (0 before it starts, the total once it has ended) and the time progress. */
export function timeline(c: { startsOn: string; endsOn: string }, day: string) {
  const totalDays = daysBetween(c.startsOn, c.endsOn) + 1
  const dayNumber = Math.min(totalDays, Math.max(0, daysBetween(c.startsOn, day) + 1))
  return { dayNumber, totalDays, timePercent: pct(dayNumber, totalDays) }
}

/** The earlier of two 'YYYY-MM-DD' dates (strings: Math.min does not apply). */
export const earlierDay = (a: string, b: string) => [a, b].sort()[0]

/** The day figures are taken on: today, kept inside the campaign's dates. */
export function asOfDay(c: { startsOn: string; endsOn: string }, today: string) {
  if (today < c.startsOn) return c.startsOn
  return today > c.endsOn ? c.endsOn : today
}

/** A percentage with one decimal (0 when there is no target). */
export function pct(actual: number, target: number) {
  if (!(target > 0)) return 0
  return Math.round((actual / target) * 1000) / 10
}

export interface TargetProgress {
  key: TargetKey
  label: string
  target: number
  actual: number
  unit: string
  percent: number
}

/** One entry per target that is set, in the fixed order of TARGET_KEYS. */
export function progressOf(targets: Targets, figures: Figures): TargetProgress[] {
  return TARGET_KEYS.filter((k) => targets[k] != null).map((key) => {
    const target = Number(targets[key])
    const actual = Number(figures[key])
    return { key, ...TARGET_LABEL[key], target, actual, percent: pct(actual, target) }
  })
}

/** Every date from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** Stored JSON → Figures (older rows or hand edits may miss a key). */
export function figuresOf(json: Record<string, unknown> | null | undefined): Figures {
  const j = json ?? {}
  return {
    projectsToStart: Number(j.projectsToStart ?? 0),
    investment: String(j.investment ?? '0.00'),
    problemsToClose: Number(j.problemsToClose ?? 0),
    visits: Number(j.visits ?? 0),
  }
}
