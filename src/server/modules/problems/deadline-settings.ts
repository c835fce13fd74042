import { type Static, Type } from 'typebox'
import type { AnyCtx, Deps } from '../../context.ts'
import { AppError } from '../../errors.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'

/** Working-day limits of SPEC §4 (限时办结), configurable per type and per category. */
export const DeadlineSettingsSchema = Type.Object({
  acceptDays: Type.Integer({ minimum: 1, maximum: 10, title: '受理时限（工作日）' }),
  firstReplyDays: Type.Integer({ minimum: 1, maximum: 15, title: '首次答复时限（工作日）' }),
  onsiteDays: Type.Integer({ minimum: 1, maximum: 10, title: '眼前事办结时限（工作日）' }),
  commonDays: Type.Integer({ minimum: 1, maximum: 60, title: '共性事办结时限（工作日）' }),
  longtermDays: Type.Integer({ minimum: 1, maximum: 250, title: '长远事默认时限（工作日）' }),
  maxDays: Type.Integer({ minimum: 1, maximum: 250, title: '非长远事最长时限（工作日）' }),
  remindBeforeDays: Type.Integer({ minimum: 0, maximum: 10, title: '到期前提醒（工作日）' }),
  confirmWaitDays: Type.Integer({ minimum: 1, maximum: 30, title: '企业确认等待（工作日）' }),
  byCategory: Type.Record(
    Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
    Type.Integer({ minimum: 1, maximum: 250 }),
    {
      title: '按类别的办结时限',
    },
  ),
})
export type DeadlineSettings = Static<typeof DeadlineSettingsSchema>

export const DEFAULT_DEADLINES: DeadlineSettings = {
  acceptDays: 1,
  firstReplyDays: 2,
  onsiteDays: 3,
  commonDays: 15,
  longtermDays: 25,
  maxDays: 25,
  remindBeforeDays: 1,
  confirmWaitDays: 5,
  byCategory: {},
}

const KEY = 'problem_deadlines'

export function createDeadlineSettings(deps: Deps, audit: AuditService) {
  async function get(): Promise<DeadlineSettings> {
    return { ...DEFAULT_DEADLINES, ...((await getSetting<Partial<DeadlineSettings>>(deps.db, KEY)) ?? {}) }
  }

  /** Default working days for a problem: the category's own limit if set, else its type's. */
  async function daysFor(type: 'onsite' | 'common' | 'longterm', category: string | null): Promise<number> {
    const s = await get()
    if (category && s.byCategory[category] && type !== 'longterm') return s.byCategory[category]
    return type === 'onsite' ? s.onsiteDays : type === 'common' ? s.commonDays : s.longtermDays
  }

  async function update(ctx: AnyCtx, next: DeadlineSettings) {
    if (ctx.actor) authorize(ctx.actor, 'portfolio:configure')
    if (next.onsiteDays > next.maxDays || next.commonDays > next.maxDays) {
      throw new AppError('VALIDATION', '眼前事、共性事的时限不能超过最长时限', { field: 'maxDays' })
    }
    const before = await get()
    await deps.db.transaction().execute(async (trx) => {
      await putSetting(trx, KEY, next, deps.clock.now(), ctx.actor?.id ?? null)
      await audit.record(trx, ctx, {
        action: 'settings.deadlines.update',
        targetType: 'settings',
        targetId: KEY,
        summary: '修改问题办理时限',
        before: before as unknown as Record<string, unknown>,
        after: next as unknown as Record<string, unknown>,
      })
    })
    return get()
  }

  return { get, daysFor, update }
}

export type DeadlineSettingsService = ReturnType<typeof createDeadlineSettings>
