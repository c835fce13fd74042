import type { AnyCtx, Deps } from '../../context.ts'
import { AppError, invalid, versionConflict } from '../../errors.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'
import {
  configProblem,
  INDICATOR_KEYS,
  INDICATOR_LABEL,
  type Indicator,
  type SubjectType,
} from './scorecard-math.ts'

export interface ScorecardConfig {
  /** problems, milestones, reports and visits are counted over this many weeks ending with the ranked week */
  windowWeeks: number
  indicators: Indicator[]
  version: number
}

type Stored = Partial<Record<SubjectType, ScorecardConfig & { updatedAt: string }>>

const KEY = 'scorecard_indicators'
export const MAX_WINDOW_WEEKS = 13

/**
 * Defaults (zones over four weeks: they have fewer, larger events): departments are judged first on closing problems on time and reporting (their daily
 * work), zones more on investment against 序时进度 and milestones (what the county watches).
 */
export const DEFAULT_CONFIG: Record<SubjectType, ScorecardConfig> = {
  department: {
    // two weeks: a problem received late in one week and resolved early the next still counts
    windowWeeks: 2,
    version: 0,
    indicators: [
      { key: 'onTimeRate', weight: 30, enabled: true },
      { key: 'satisfactionRate', weight: 15, enabled: true },
      { key: 'reportingPunctuality', weight: 20, enabled: true },
      { key: 'investmentVsSchedule', weight: 15, enabled: true },
      { key: 'milestonesOnTime', weight: 10, enabled: true },
      { key: 'visitCount', weight: 10, enabled: true },
    ],
  },
  zone: {
    windowWeeks: 4,
    version: 0,
    indicators: [
      { key: 'onTimeRate', weight: 20, enabled: true },
      { key: 'satisfactionRate', weight: 15, enabled: true },
      { key: 'reportingPunctuality', weight: 15, enabled: true },
      { key: 'investmentVsSchedule', weight: 25, enabled: true },
      { key: 'milestonesOnTime', weight: 15, enabled: true },
      { key: 'visitCount', weight: 10, enabled: true },
    ],
  },
}

const present = (subjectType: SubjectType, c: ScorecardConfig, updatedAt: string | null) => ({
  subjectType,
  windowWeeks: c.windowWeeks,
  indicators: c.indicators.map((i) => ({ ...i, label: INDICATOR_LABEL[i.key] })),
  version: c.version,
  updatedAt,
})
export type ScorecardConfigOut = ReturnType<typeof present>

/** The indicators and weights per subject type, kept in the settings table and audited. */
export function createScorecardConfig(deps: Deps, audit: AuditService) {
  async function stored(): Promise<Stored> {
    return (await getSetting<Stored>(deps.db, KEY)) ?? {}
  }

  async function get(subjectType: SubjectType): Promise<ScorecardConfigOut> {
    const s = (await stored())[subjectType]
    const c = s ?? DEFAULT_CONFIG[subjectType]
    // Indicators added to the product after the config was saved show up disabled.
    const missing = INDICATOR_KEYS.filter((k) => !c.indicators.some((i) => i.key === k)).map((key) => ({
      key,
      weight: 0,
      enabled: false,
    }))
    return present(subjectType, { ...c, indicators: [...c.indicators, ...missing] }, s?.updatedAt ?? null)
  }

  async function update(
    ctx: AnyCtx,
    subjectType: SubjectType,
    next: { windowWeeks: number; indicators: Indicator[]; version: number },
  ): Promise<ScorecardConfigOut> {
    if (ctx.actor) authorize(ctx.actor, 'scorecard:manage')
    if (!Number.isInteger(next.windowWeeks) || next.windowWeeks < 1 || next.windowWeeks > MAX_WINDOW_WEEKS)
      throw invalid('windowWeeks', `统计周数应为 1 至 ${MAX_WINDOW_WEEKS} 之间的整数`)
    const problem = configProblem(next.indicators)
    if (problem) throw new AppError('VALIDATION', problem.message, { field: problem.field })
    return deps.db.transaction().execute(async (trx) => {
      // Lock the settings row so two managers saving at once cannot both pass the version check.
      await trx.selectFrom('settings').select('key').where('key', '=', KEY).forUpdate().executeTakeFirst()
      const all = (await getSetting<Stored>(trx, KEY)) ?? {}
      const before = all[subjectType] ?? DEFAULT_CONFIG[subjectType]
      if (before.version !== next.version) throw versionConflict()
      const at = deps.clock.now()
      const saved = {
        windowWeeks: next.windowWeeks,
        indicators: next.indicators.map((i) => ({ key: i.key, weight: i.weight, enabled: i.enabled })),
        version: before.version + 1,
        updatedAt: at.toISOString(),
      }
      await putSetting(trx, KEY, { ...all, [subjectType]: saved }, at, ctx.actor?.id ?? null)
      const summaryOf = (c: ScorecardConfig) => ({
        windowWeeks: c.windowWeeks,
        weights: Object.fromEntries(
          c.indicators.map((i) => [INDICATOR_LABEL[i.key], i.enabled ? i.weight : '未启用']),
        ),
      })
      await audit.record(trx, ctx, {
        action: 'scorecard.config.update',
        targetType: 'settings',
        targetId: `${KEY}.${subjectType}`,
        summary: `修改${subjectType === 'zone' ? '开发区' : '部门'}评比指标与权重`,
        before: summaryOf(before),
        after: summaryOf(saved),
      })
      return present(subjectType, saved, saved.updatedAt)
    })
  }

  return { get, update }
}

export type ScorecardConfigService = ReturnType<typeof createScorecardConfig>
