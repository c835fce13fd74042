import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { pageOf } from '../../lib/pagination.ts'
import * as repo from './events.repository.ts'

export interface TimelineEvent {
  zoneId: number
  subjectType: 'project' | 'enterprise' | 'lead' | (string & {})
  subjectId: number
  /** the enterprise whose 一企一清单 timeline shows this event too */
  enterpriseId?: number | null
  kind: string
  summary: string
  data?: Record<string, unknown>
}

export function presentEvent(e: Awaited<ReturnType<typeof repo.listEvents>>['items'][number]) {
  return {
    id: e.id,
    subjectType: e.subject_type,
    subjectId: e.subject_id,
    kind: e.kind,
    at: new Date(e.at).toISOString(),
    actorName: e.actor_name,
    summary: e.summary,
    data: e.data ?? null,
  }
}

/** The shared timeline: what happened to a project, an enterprise, a lead — with who and when. */
export function createEventsService(deps: Pick<Deps, 'db' | 'clock' | 'hooks'>) {
  /** Records a timeline entry; listeners (the notifications) hear of it in the same transaction. */
  async function record(db: Db, ctx: AnyCtx, e: TimelineEvent) {
    await recordMany(db, ctx, [e])
  }

  /** Records many entries in few statements (bulk writers: the ledger import); listeners hear of each. */
  async function recordMany(db: Db, ctx: AnyCtx, list: TimelineEvent[]) {
    const at = deps.clock.now()
    await repo.insertEvents(
      db,
      list.map((e) => ({
        zone_id: e.zoneId,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        enterprise_id: e.enterpriseId ?? null,
        kind: e.kind,
        at,
        actor_id: ctx.actor?.id ?? null,
        actor_name: ctx.actor ? ctx.actor.displayName : ctx.label,
        summary: e.summary,
        data: e.data ?? null,
      })),
    )
    for (const e of list) await deps.hooks.emit('eventRecorded', db, e, ctx.actor?.id ?? null)
  }

  async function timeline(
    where: { subjectType?: string; subjectId?: number; enterpriseId?: number },
    q: { page?: number; pageSize?: number },
  ) {
    const p = pageOf(q)
    const { items, total } = await repo.listEvents(deps.db, where, p)
    return { items: items.map(presentEvent), total, page: p.page, pageSize: p.pageSize }
  }

  return { record, recordMany, timeline }
}

export type EventsService = ReturnType<typeof createEventsService>
