import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { Light, LightReason } from '../../db/schema.ts'
import { addDays, beijingDate, weekStart } from '../../lib/time.ts'
import type { LightsService } from '../lights/lights.service.ts'
import { overduePermits } from '../permits/permits.repository.ts'
import * as repo from './projects.repository.ts'
import { type FiveOnesCode, stageIndex } from './projects.schema.ts'

/** What the projects module reads from the reports module (see the cross-module contract). */
export interface ScheduleStatusLike {
  year: number
  asOfMonth: number
  annualPlan: string | null
  completedThisYear: string
  completedTotal: string
  schedule: { scheduleRate: number; completionRate: number; gapPoints: number } | null
  lastReportedMonth: number | null
}
export interface ReportsReader {
  scheduleStatus(db: Db, projectId: number, asOf: Date): Promise<ScheduleStatusLike>
  scheduleStatuses(db: Db, projectIds: number[], asOf: Date): Promise<Map<number, ScheduleStatusLike>>
  lastWeeklyMap(db: Db, projectIds: number[]): Promise<Map<number, string>>
}

const CHUNK = 1000
const CONSTRUCTION = stageIndex('construction')
const PRODUCTION = stageIndex('production')

/** 五个一 applies to key projects until they are in production. */
export function fiveOnesApplies(p: { is_key: boolean; stage: string }) {
  return p.is_key && stageIndex(p.stage) !== PRODUCTION
}

/**
 * Follow-through (一抓到底) holds when there is a 周进展 for this week or last week — i.e. within the
 * last 14 days counted in whole weeks (Monday to Sunday).
 */
export function followupSince(today: string): string {
  return addDays(weekStart(today), -7)
}

/**
 * Lights and 五个一 of projects, recomputed from their inputs (schedule, start, milestones, team …)
 * whenever one changes — in the transaction of the change — and every night (time passes: a
 * milestone becomes overdue, a weekly report gets old).
 */
export function createProjectLights(deps: Deps, s: { lights: LightsService; reports: ReportsReader }) {
  const { clock } = deps

  async function recomputeMany(db: Db, projectIds: number[]): Promise<void> {
    const ids = [...new Set(projectIds)]
    if (!ids.length) return
    const now = clock.now()
    const today = beijingDate(now)
    const since = followupSince(today)
    const rules = await s.lights.rules()
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK)
      const [{ projects, milestones }, statuses, weekly, permits] = await Promise.all([
        repo.recomputeInputs(db, chunk),
        s.reports.scheduleStatuses(db, chunk, now),
        s.reports.lastWeeklyMap(db, chunk),
        overduePermits(db, chunk, today),
      ])
      const latePermits = new Map<
        number,
        Array<{ name: string; acceptedOn: string | null; dueDate: string; limitDays: number | null }>
      >()
      for (const pm of permits) {
        const list = latePermits.get(pm.project_id) ?? []
        list.push({
          name: pm.name,
          acceptedOn: pm.accepted_on,
          dueDate: pm.due_date!,
          limitDays: pm.time_limit_days,
        })
        latePermits.set(pm.project_id, list)
      }
      const byProject = new Map<
        number,
        Array<{ name: string; plannedDate: string | null; actualDate: string | null }>
      >()
      for (const m of milestones) {
        const list = byProject.get(m.project_id) ?? []
        list.push({ name: m.name, plannedDate: m.planned_date, actualDate: m.actual_date })
        byProject.set(m.project_id, list)
      }
      const out: Array<{ id: number; light: Light; reasons: LightReason[]; missing: string[] }> = []
      for (const p of projects) {
        const ms = byProject.get(p.id) ?? []
        const result = await s.lights.evaluate(
          {
            today,
            started: !!p.actual_start_date || stageIndex(p.stage) >= CONSTRUCTION,
            plannedStart: p.start_date,
            scheduleGapPoints: statuses.get(p.id)?.schedule?.gapPoints ?? null,
            milestones: ms,
            overduePermits: latePermits.get(p.id) ?? [],
          },
          rules,
        )
        const missing: FiveOnesCode[] = []
        if (fiveOnesApplies(p)) {
          if (!p.has_leader) missing.push('leader')
          if (!p.has_team) missing.push('team')
          if (!ms.some((m) => m.plannedDate)) missing.push('plan')
          if (!p.has_lead_unit) missing.push('units')
          const last = weekly.get(p.id)
          if (!last || last < since) missing.push('followup')
        }
        out.push({ id: p.id, light: result.light, reasons: result.reasons, missing })
      }
      await repo.storeLights(db, out, now)
    }
  }

  async function recompute(db: Db, projectId: number): Promise<void> {
    await recomputeMany(db, [projectId])
  }

  /** Every project (a job: all; a person: those in their scope), in batches of a thousand. */
  async function recomputeAll(ctx: AnyCtx): Promise<number> {
    const ids = await repo.allProjectIds(deps.db, ctx.actor)
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK)
      await deps.db.transaction().execute((trx) => recomputeMany(trx, chunk))
    }
    return ids.length
  }

  return { recompute, recomputeMany, recomputeAll }
}
