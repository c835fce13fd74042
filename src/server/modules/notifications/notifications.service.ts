import {
  defaultPrefs,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationPrefs,
} from '../../../shared/notifications.ts'
import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { found, invalid } from '../../errors.ts'
import type { Notifier } from '../../lib/notifier.ts'
import { pageOf } from '../../lib/pagination.ts'
import type { Actor } from '../../policies/actor.ts'
import { notificationsFor, type Outgoing } from './notification-rules.ts'
import * as repo from './notifications.repository.ts'

type Row = Awaited<ReturnType<typeof repo.since>>[number]
/** The people an occurrence reaches, per channel (their preferences applied). */
export interface Recipients {
  inApp: number[]
  email: number[]
}
export function presentNotification(r: Row) {
  return {
    id: String(r.id),
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }
}

function mergePrefs(
  stored: Record<string, { inApp: boolean; email: boolean }> | undefined,
): NotificationPrefs {
  const out = defaultPrefs()
  for (const k of Object.keys(out) as Array<keyof NotificationPrefs>)
    if (stored?.[k]) out[k] = { ...out[k], ...stored[k] }
  return out
}

/**
 * The notification centre (SPEC §8): timeline entries that concern people become notifications
 * (notification-rules.ts), kept per person with read state, and pushed live through the Notifier
 * to their open event streams once the writing transaction commits.
 */
export function createNotificationsService(deps: Deps, s: { notifier: Notifier }) {
  const { db, clock } = deps

  /** Writes the notifications of one occurrence in the caller's transaction and announces them. */
  /** Who gets an occurrence by which channel: everyone concerned but the person who acted, by their choice. */
  async function recipients(trx: Db, out: Outgoing, actorId: number | null): Promise<Recipients> {
    const ids = [...new Set(out.userIds)].filter((id) => id !== actorId)
    const prefs = ids.length ? await repo.getPrefs(trx, ids) : new Map()
    return {
      inApp: ids.filter((id) => mergePrefs(prefs.get(id))[out.kind].inApp),
      email: ids.filter((id) => mergePrefs(prefs.get(id))[out.kind].email),
    }
  }

  async function send(trx: Db, out: Outgoing, to: number[]) {
    if (!to.length) return 0
    const at = clock.now()
    await repo.insertMany(
      trx,
      to.map((user_id) => ({
        user_id,
        zone_id: out.zoneId,
        kind: out.kind,
        title: out.title.slice(0, 200),
        body: out.body.slice(0, 1000),
        link: out.link,
        subject_type: out.subjectType,
        subject_id: out.subjectId,
        created_at: at,
      })),
    )
    if (to.length) await s.notifier.publish(trx, { userIds: to })
    return to.length
  }

  // Other channels (work-group robots) hear of the same occurrences, whoever the people are.
  type Channel = (trx: Db, out: Outgoing, to: Recipients) => Promise<unknown>
  const channels: Channel[] = []
  function onOutgoing(fn: Channel) {
    channels.push(fn)
  }

  deps.hooks.on('eventRecorded', async (trx, e, actorId) => {
    const out = await notificationsFor(trx, e)
    if (!out) return
    const to = await recipients(trx, out, actorId)
    await send(trx, out, to.inApp)
    for (const fn of channels) await fn(trx, out, to)
  })

  async function list(actor: Actor, q: { unread?: boolean; page?: number; pageSize?: number }) {
    const p = pageOf(q)
    const { items, total } = await repo.list(db, actor.id, { unread: q.unread }, p)
    return {
      items: items.map(presentNotification),
      total,
      page: p.page,
      pageSize: p.pageSize,
      unread: await repo.unreadCount(db, actor.id),
    }
  }

  async function unread(actor: Actor) {
    return { unread: await repo.unreadCount(db, actor.id) }
  }

  /** For an event stream: what the person has not been sent yet (after the last id it saw). */
  async function since(actor: Actor, afterId: string) {
    return (await repo.since(db, actor.id, afterId, 100)).map(presentNotification)
  }

  /** The id a new stream starts after: the newest the person has (nothing old is replayed). */
  async function latestId(actor: Actor) {
    return repo.latestId(db, actor.id)
  }

  async function markRead(ctx: Ctx, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw invalid('id', '通知编号不正确')
    found((await repo.exists(db, ctx.actor.id, id)) || null, '通知')
    await repo.markRead(db, ctx.actor.id, [id], clock.now())
    return unread(ctx.actor)
  }

  async function markAllRead(ctx: Ctx) {
    await repo.markRead(db, ctx.actor.id, 'all', clock.now())
    return unread(ctx.actor)
  }

  async function prefs(actor: Actor) {
    return mergePrefs((await repo.getPrefs(db, [actor.id])).get(actor.id))
  }

  async function putPrefs(ctx: Ctx, input: Record<string, Record<string, boolean>>) {
    const next = await prefs(ctx.actor)
    for (const [kind, channels] of Object.entries(input)) {
      if (!(kind in NOTIFICATION_KINDS)) throw invalid(kind, `没有这类通知：${kind}`)
      for (const [ch, on] of Object.entries(channels)) {
        if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(ch))
          throw invalid(`${kind}.${ch}`, `没有这个渠道：${ch}`)
        next[kind as keyof NotificationPrefs][ch as 'inApp' | 'email'] = on
      }
    }
    await repo.putPrefs(db, ctx.actor.id, next, clock.now())
    return next
  }

  return {
    send,
    onOutgoing,
    list,
    unread,
    since,
    latestId,
    markRead,
    markAllRead,
    prefs,
    putPrefs,
    subscribe: s.notifier.subscribe,
  }
}

export type NotificationsService = ReturnType<typeof createNotificationsService>
