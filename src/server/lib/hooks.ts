import type { Db } from '../db/database.ts'
import type { TimelineEvent } from '../modules/events/events.service.ts'

/**
 * In-process hooks between domains that must not import each other: e.g. the investment module
 * announces that a project's figures changed, and the projects module recomputes its light. Handlers
 * run in order inside the caller's transaction (they get its handle), so derived data commits with
 * the change that caused it.
 */
export interface HookEvents {
  /** a project's inputs to lights / 五个一 changed (reports, milestones, team, stage …) */
  projectChanged: [db: Db, projectId: number]
  /** a timeline entry was recorded (by a person or a job): who must hear of it is decided elsewhere */
  eventRecorded: [db: Db, event: TimelineEvent, actorId: number | null]
  /**
   * a weekly or monthly report was submitted or corrected (the cadence engine marks the obligation
   * delivered at its first submission); periodKey as in cadence-periods.ts ('2026-W48', '2026-11')
   */
  reportSubmitted: [
    db: Db,
    report: {
      cadence: 'weekly' | 'monthly'
      projectId: number
      periodKey: string
      submittedAt: Date
      late: boolean
    },
  ]
}

type Handler<K extends keyof HookEvents> = (...args: HookEvents[K]) => Promise<void>

export class Hooks {
  readonly #handlers = new Map<keyof HookEvents, Handler<any>[]>()
  on<K extends keyof HookEvents>(name: K, fn: Handler<K>) {
    const list = this.#handlers.get(name) ?? []
    list.push(fn)
    this.#handlers.set(name, list)
  }
  async emit<K extends keyof HookEvents>(name: K, ...args: HookEvents[K]) {
    for (const fn of this.#handlers.get(name) ?? []) await fn(...args)
  }
}
