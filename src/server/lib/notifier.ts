import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import type pg from 'pg'
import type { Db } from '../db/database.ts'

/** What travels to the open event streams: these users have new notifications (each stream reads its own). */
export interface NotifyMessage {
  userIds: number[]
}

export type NotifyListener = (m: NotifyMessage) => void

/**
 * Live updates between the database and the open event streams (SSE). `publish` runs inside the
 * writer's transaction as `pg_notify`, so a message is delivered only if — and when — that
 * transaction commits, to every server process listening on the database: PostgreSQL's
 * LISTEN/NOTIFY across processes, PGlite's own listen inside the embedded process.
 */
export interface Notifier {
  publish(db: Db, m: NotifyMessage): Promise<void>
  subscribe(fn: NotifyListener): () => void
  close(): Promise<void>
}

const CHANNEL = 'qd_notify'

function fanOut() {
  const listeners = new Set<NotifyListener>()
  return {
    listeners,
    deliver(payload: string) {
      let m: NotifyMessage
      try {
        m = JSON.parse(payload)
      } catch {
        return
      }
      for (const fn of listeners) fn(m)
    },
  }
}

async function publish(db: Db, m: NotifyMessage) {
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(m)})`.execute(db)
}

/** Embedded: PGlite delivers NOTIFY to its own listeners after commit. */
export async function pgliteNotifier(pglite: PGlite): Promise<Notifier> {
  const f = fanOut()
  const unlisten = await pglite.listen(CHANNEL, (payload) => f.deliver(payload))
  return {
    publish,
    subscribe(fn) {
      f.listeners.add(fn)
      return () => f.listeners.delete(fn)
    },
    async close() {
      f.listeners.clear()
      if (!pglite.closed) await unlisten()
    },
  }
}

/** PostgreSQL: one pooled connection held for LISTEN, re-established if it drops. */
export async function postgresNotifier(pool: pg.Pool): Promise<Notifier> {
  const f = fanOut()
  let client: pg.PoolClient | null = null
  let closed = false
  async function connect() {
    if (closed) return
    let c: pg.PoolClient | null = null
    let dropped = false
    // Once per connection, whichever comes first (an 'error' event or the failed LISTEN): discard the
    // connection and try again in a second, so an outage of the database is survived.
    const drop = () => {
      if (dropped) return
      dropped = true
      if (client === c) client = null
      c?.release(true)
      setTimeout(() => void connect(), 1000).unref()
    }
    try {
      c = await pool.connect()
      c.on('notification', (n) => n.channel === CHANNEL && n.payload && f.deliver(n.payload))
      c.on('error', drop)
      await c.query(`listen ${CHANNEL}`)
      if (!dropped) client = c
    } catch {
      drop()
    }
  }
  await connect()
  return {
    publish,
    subscribe(fn) {
      f.listeners.add(fn)
      return () => f.listeners.delete(fn)
    },
    async close() {
      closed = true
      f.listeners.clear()
      if (client) {
        await client.query(`unlisten ${CHANNEL}`).catch(() => {})
        client.release()
        client = null
      }
    },
  }
}

/** The notifier of an open database: PGlite's listen when embedded, a LISTEN connection on PostgreSQL. */
export function notifierFor(database: { kind: 'pglite' | 'postgres'; pglite?: PGlite; pool?: pg.Pool }) {
  if (database.kind === 'pglite' && database.pglite) return pgliteNotifier(database.pglite)
  if (database.pool) return postgresNotifier(database.pool)
  throw new Error('notifier: the database has neither a PGlite instance nor a pool')
}
