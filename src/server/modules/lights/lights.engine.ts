import { round2 } from '../../../shared/schedule.ts'
import type { Light, LightReason } from '../../db/schema.ts'
import { daysBetween } from '../../lib/time.ts'

/** The configurable thresholds of SPEC §3 (defaults as written there). */
export interface LightRules {
  /** behind 序时进度 by at least this many points → yellow */
  scheduleYellowPoints: number
  /** behind by more than this → red */
  scheduleRedPoints: number
  /** not started N calendar months after the planned start month → red (≥ 1 month → yellow) */
  startLateRedMonths: number
  /** a milestone overdue by more than this many days → red (any overdue → yellow) */
  milestoneRedDays: number
}

export const DEFAULT_LIGHT_RULES: LightRules = {
  scheduleYellowPoints: 10,
  scheduleRedPoints: 30,
  startLateRedMonths: 3,
  milestoneRedDays: 30,
}

export interface LightInput {
  /** today in Beijing, 'YYYY-MM-DD' */
  today: string
  /** started = actual start date known, or a stage from 开工在建 on */
  started: boolean
  plannedStart: string | null
  /** completion − schedule in points (negative = behind), when the project has a plan this year */
  scheduleGapPoints: number | null
  milestones: Array<{ name: string; plannedDate: string | null; actualDate: string | null }>
  /** 帮办代办: permits accepted and not approved whose legal time limit has passed (due date < today) */
  overduePermits?: Array<{
    name: string
    acceptedOn: string | null
    dueDate: string
    limitDays: number | null
  }>
}

export interface LightResult {
  light: Light
  reasons: LightReason[]
}

const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 }

function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  )
}

/** Evaluates a project against the rules; every non-green light says why, in Chinese. */
export function evaluateLight(input: LightInput, rules: LightRules = DEFAULT_LIGHT_RULES): LightResult {
  const reasons: LightReason[] = []
  if (input.scheduleGapPoints != null && input.scheduleGapPoints < 0) {
    const behind = -input.scheduleGapPoints
    const shown = round2(behind)
    if (behind > rules.scheduleRedPoints) {
      reasons.push({
        rule: 'schedule',
        light: 'red',
        text: `落后序时进度 ${shown} 个百分点（超过 ${rules.scheduleRedPoints} 个百分点）`,
      })
    } else if (behind >= rules.scheduleYellowPoints) {
      reasons.push({ rule: 'schedule', light: 'yellow', text: `落后序时进度 ${shown} 个百分点` })
    }
  }
  if (!input.started && input.plannedStart && input.plannedStart <= input.today) {
    const late = monthsBetween(input.plannedStart, input.today)
    const ym = `${input.plannedStart.slice(0, 4)}年${Number(input.plannedStart.slice(5, 7))}月`
    if (late >= rules.startLateRedMonths) {
      reasons.push({ rule: 'start', light: 'red', text: `计划 ${ym} 开工，已推迟 ${late} 个月仍未开工` })
    } else if (late >= 1) {
      reasons.push({ rule: 'start', light: 'yellow', text: `计划 ${ym} 开工，至今未开工` })
    }
  }
  for (const m of input.milestones) {
    if (!m.plannedDate || m.actualDate || m.plannedDate >= input.today) continue
    const days = daysBetween(m.plannedDate, input.today)
    reasons.push({
      rule: 'milestone',
      light: days > rules.milestoneRedDays ? 'red' : 'yellow',
      text: `节点「${m.name}」逾期 ${days} 天（计划 ${m.plannedDate}）`,
    })
  }
  for (const p of input.overduePermits ?? []) {
    const limit = p.limitDays != null ? `法定时限 ${p.limitDays} 个工作日，` : ''
    reasons.push({
      rule: 'permit',
      light: 'yellow',
      text: `手续「${p.name}」超过法定时限未批复（${p.acceptedOn ? `${p.acceptedOn} 受理，` : ''}${limit}应于 ${p.dueDate} 前办结）`,
    })
  }
  reasons.sort((a, b) => RANK[b.light] - RANK[a.light])
  const light = reasons.reduce<Light>((worst, r) => (RANK[r.light] > RANK[worst] ? r.light : worst), 'green')
  return { light, reasons }
}
