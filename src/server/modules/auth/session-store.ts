import type { Clock } from '../../clock.ts'
import type { Db } from '../../db/database.ts'
import { jsonb } from '../../db/sql-helpers.ts'

type Cb<T = void> = (err?: unknown, value?: T) => void

/**
 * Database session store for @fastify/session (express-session store interface). Rows carry an
 * absolute expiry; idle expiry is enforced per request by the auth hook against the injected clock.
 */
export class DbSessionStore {
  readonly #db: Db
  readonly #clock: Clock
  readonly #maxAgeMs: () => Promise<number>

  constructor(db: Db, clock: Clock, maxAgeMs: () => Promise<number>) {
    this.#db = db
    this.#clock = clock
    this.#maxAgeMs = maxAgeMs
  }

  // The stored JSON is what @fastify/session saved; it rebuilds its Session object from it.
  get(sid: string, cb: (err?: unknown, value?: any) => void) {
    this.#db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || new Date(row.expires_at).getTime() <= this.#clock.now().getTime()) return cb(null, null)
        cb(null, row.data as Record<string, unknown>)
      }, cb)
  }

  set(sid: string, session: object, cb: Cb) {
    const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>
    const now = this.#clock.now()
    const userId = typeof data.userId === 'number' ? data.userId : null
    this.#maxAgeMs()
      .then((maxAge) => {
        // The absolute expiry is fixed when the session is first authenticated (authAt).
        const start = typeof data.authAt === 'number' ? data.authAt : now.getTime()
        const expires = new Date(start + maxAge)
        return this.#db
          .insertInto('sessions')
          .values({ sid, user_id: userId, data: jsonb(data), expires_at: expires, updated_at: now })
          .onConflict((oc) =>
            oc
              .column('sid')
              .doUpdateSet({ user_id: userId, data: jsonb(data), expires_at: expires, updated_at: now }),
          )
          .execute()
      })
      .then(() => cb(), cb)
  }

  destroy(sid: string, cb: Cb) {
    this.#db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb(), cb)
  }
}

export async function destroyUserSessions(db: Db, userId: number, exceptSid?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptSid) q = q.where('sid', '<>', exceptSid)
  await q.execute()
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(res.numDeletedRows)
}
