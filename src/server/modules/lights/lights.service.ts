import type { AnyCtx, Deps } from '../../context.ts'
import { AppError } from '../../errors.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'
import { DEFAULT_LIGHT_RULES, evaluateLight, type LightInput, type LightRules } from './lights.engine.ts'

const KEY = 'light_rules'

/** The light rules (settings) and their evaluation; projects call evaluate() whenever inputs change. */
export function createLightsService(deps: Deps, audit: AuditService) {
  async function rules(): Promise<LightRules> {
    return { ...DEFAULT_LIGHT_RULES, ...((await getSetting<Partial<LightRules>>(deps.db, KEY)) ?? {}) }
  }

  async function updateRules(ctx: AnyCtx, next: LightRules): Promise<LightRules> {
    if (next.scheduleRedPoints < next.scheduleYellowPoints) {
      throw new AppError('VALIDATION', '红灯阈值不能小于黄灯阈值', { field: 'scheduleRedPoints' })
    }
    const before = await rules()
    await deps.db.transaction().execute(async (trx) => {
      await putSetting(trx, KEY, next, deps.clock.now(), ctx.actor?.id ?? null)
      await audit.record(trx, ctx, {
        action: 'settings.lights.update',
        targetType: 'settings',
        targetId: KEY,
        summary: '修改红黄绿灯规则',
        before: before as unknown as Record<string, unknown>,
        after: next as unknown as Record<string, unknown>,
      })
    })
    return rules()
  }

  async function evaluate(input: LightInput, given?: LightRules) {
    return evaluateLight(input, given ?? (await rules()))
  }

  return { rules, updateRules, evaluate }
}

export type LightsService = ReturnType<typeof createLightsService>
