import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Db, DbKind } from './db/database.ts'
import type { FileStore } from './lib/file-store.ts'
import type { Hooks } from './lib/hooks.ts'
import type { Notifier } from './lib/notifier.ts'
import type { SecretBox } from './lib/secret-box.ts'
import type { Actor } from './policies/actor.ts'

/** What every service is built from; buildApp assembles it, tests build their own. */
export interface Deps {
  db: Db
  dbKind: DbKind
  clock: Clock
  config: Config
  secrets: SecretBox
  /** uploaded files (attachments, import error workbooks) */
  files: FileStore
  /** in-process hooks between domains */
  hooks: Hooks
  /** live updates to open event streams, delivered when the writing transaction commits */
  notifier: Notifier
}

/** Who asked, from where: passed to every service call that reads or writes on behalf of a person. */
export interface Ctx {
  actor: Actor
  ip: string | null
  requestId: string | null
}

/** A context for work with no signed-in person (login, jobs, seeding). */
export interface SystemCtx {
  actor: null
  ip: string | null
  requestId: string | null
  /** shown in the audit trail instead of a user name */
  label: string
}

export type AnyCtx = Ctx | SystemCtx
