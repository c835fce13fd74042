import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { acquirePidLock, type PidLock } from './pid-lock.ts'
import type { DB } from './schema.ts'
import { transactionAware } from './transaction-context.ts'

export type Db = Kysely<DB>
export type DbKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DbKind
  /** the embedded instance, when kind is pglite (pg-boss and dumps need it) */
  pglite?: PGlite
  /** the pool, when kind is postgres */
  pool?: pg.Pool
  /** flush PGlite's WAL to its data files; a no-op on PostgreSQL */
  checkpoint(): Promise<void>
  close(): Promise<void>
}

// INT8 and DATE stay strings in both drivers: ids of big tables and calendar dates must not be
// coerced through JS numbers or UTC midnights. NUMERIC (money in 万元) stays a string too.
const keepText = (v: string) => v
pg.types.setTypeParser(pg.types.builtins.INT8, keepText)
pg.types.setTypeParser(pg.types.builtins.DATE, keepText)
pg.types.setTypeParser(pg.types.builtins.NUMERIC, keepText)
const pgliteParsers = {
  [pgliteTypes.INT8]: keepText,
  [pgliteTypes.DATE]: keepText,
  [pgliteTypes.NUMERIC]: keepText,
}

export const pgliteExtensions = { pg_trgm }

/** Creates a PGlite instance with the project's extensions and parsers (in memory when dir is absent). */
export async function createPglite(opts: { dir?: string; loadDataDir?: Blob } = {}): Promise<PGlite> {
  return PGlite.create({
    dataDir: opts.dir,
    loadDataDir: opts.loadDataDir,
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  })
}

export function kyselyForPglite(pglite: PGlite): Db {
  return transactionAware(new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) }))
}

export function kyselyForPool(pool: pg.Pool): Db {
  return transactionAware(new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }))
}

export interface OpenOptions {
  databaseUrl?: string | null
  dataDir?: string
  /** an existing PGlite (tests hand in a clone of the migrated template) */
  pglite?: PGlite
  poolMax?: number
  /** how long a request waits for a connection before it fails with DB_UNAVAILABLE */
  connectionTimeoutMillis?: number
}

export const CONNECT_TIMEOUT_MS = 2000

/**
 * A client that loses its server emits 'error'. pg-pool listens only while the client is idle, so a
 * connection dropped while it is checked out (inside a transaction, between two queries) would be an
 * uncaught exception and take the process down. The query in flight is rejected either way and the
 * request answers 503; the pool discards the broken client when it is released.
 */
export function guardPoolErrors(pool: pg.Pool) {
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under dataDir (guarded by a PID lock). */
/**
 * Session settings of the app's PostgreSQL connections (BENCHMARKS.md):
 * - no JIT: the app's queries are short, and compiling one costs 20–100 ms as soon as the planner's
 *   estimate passes jit_above_cost (lists and dashboards over 10⁵–10⁶ rows);
 * - parallel workers only for big scans: a list query of 10–20 ms that starts two workers is slower
 *   under concurrent users than run alone (both cores are busy anyway); the 驾驶舱's aggregates and
 *   cross-zone scans, hundreds of times dearer, still go parallel.
 */
export const PG_SESSION_OPTIONS = '-c jit=off -c parallel_setup_cost=20000'

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      // A database that is down must fail requests fast (503), not queue them for long.
      connectionTimeoutMillis: opts.connectionTimeoutMillis ?? CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'qingdan',
      options: PG_SESSION_OPTIONS,
    })
    guardPoolErrors(pool)
    const db = kyselyForPool(pool)
    return {
      db,
      kind: 'postgres',
      pool,
      checkpoint: async () => {},
      close: () => db.destroy(),
    }
  }

  let lock: PidLock | undefined
  let pglite = opts.pglite
  if (!pglite) {
    if (!opts.dataDir) throw new Error('dataDir is required for the embedded database')
    mkdirSync(opts.dataDir, { recursive: true })
    lock = acquirePidLock(path.join(opts.dataDir, 'qingdan.pid'))
    try {
      pglite = await createPglite({ dir: path.join(opts.dataDir, 'pgdata') })
    } catch (err) {
      lock.release()
      throw err
    }
  }
  const instance = pglite
  const db = kyselyForPglite(instance)
  const checkpoint = async () => {
    if (!instance.closed) await instance.exec('CHECKPOINT')
  }
  return {
    db,
    kind: 'pglite',
    pglite: instance,
    checkpoint,
    close: async () => {
      try {
        await checkpoint()
      } finally {
        await db.destroy()
        if (!instance.closed) await instance.close()
        lock?.release()
      }
    },
  }
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}
