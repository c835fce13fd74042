import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'

// Bulk writes for the scale generator that work the same on PGlite and PostgreSQL: one INSERT …
// SELECT FROM unnest(array, array, …) per batch — each column travels as one array literal, so a
// batch of thousands of rows is one statement with a handful of parameters (no 65 535-parameter
// ceiling, no per-row round trip). Search vectors are built by the server from the jieba tokens, as
// the app's searchVector() does.

export type ColType =
  | 'int'
  | 'bigint'
  | 'text'
  | 'date'
  | 'timestamptz'
  | 'numeric'
  | 'bool'
  | 'jsonb'
  | 'tsv'
  | 'uuid'
export type Cols = ReadonlyArray<readonly [name: string, type: ColType]>
export type Value = string | number | boolean | Date | null | undefined

function element(v: Value): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 't' : 'f'
  const s = v instanceof Date ? v.toISOString() : v
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export function arrayLiteral(values: Value[]): string {
  const parts = new Array<string>(values.length)
  for (let i = 0; i < values.length; i++) parts[i] = element(values[i])
  return `{${parts.join(',')}}`
}

const arrayType = (t: ColType) => (t === 'jsonb' || t === 'tsv' ? 'text' : t === 'int' ? 'integer' : t)

/** Inserts rows (arrays in the order of cols) into table in one statement. */
export async function bulkInsert(db: Db, table: string, cols: Cols, rows: Value[][]) {
  if (!rows.length) return
  const params = cols.map(([, type], i) => {
    const column: Value[] = new Array(rows.length)
    for (let r = 0; r < rows.length; r++) column[r] = rows[r][i]
    return sql`${arrayLiteral(column)}::${sql.raw(arrayType(type))}[]`
  })
  const selects = cols
    .map(([, type], i) =>
      type === 'jsonb' ? `u.c${i}::jsonb` : type === 'tsv' ? `to_tsvector('simple', u.c${i})` : `u.c${i}`,
    )
    .join(', ')
  const names = cols.map(([n]) => n).join(', ')
  const aliases = cols.map((_, i) => `c${i}`).join(', ')
  await sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(selects)}
    from unnest(${sql.join(params)}) as u(${sql.raw(aliases)})`.execute(db)
}

/**
 * Collects rows for one table and flushes them in batches; the next batch is built while the
 * previous one is written (one statement in flight).
 */
export class BulkTable {
  private rows: Value[][] = []
  private inFlight: Promise<void> | null = null
  written = 0
  private db: Db
  readonly table: string
  private cols: Cols
  private batch: number
  private onWrite?: (n: number) => void
  /** a table whose rows this one references: written first, so foreign keys hold */
  parent: BulkTable | null = null
  constructor(db: Db, table: string, cols: Cols, batch = 5000, onWrite?: (n: number) => void) {
    this.db = db
    this.table = table
    this.cols = cols
    this.batch = batch
    this.onWrite = onWrite
  }
  async add(row: Value[]) {
    this.rows.push(row)
    if (this.rows.length >= this.batch) await this.flush()
  }
  async flush() {
    const rows = this.rows
    this.rows = []
    if (this.parent) await this.parent.done()
    if (this.inFlight) await this.inFlight
    this.inFlight = null
    if (!rows.length) return
    this.inFlight = bulkInsert(this.db, this.table, this.cols, rows).then(() => {
      this.written += rows.length
      this.onWrite?.(rows.length)
    })
  }
  async done() {
    await this.flush()
    if (this.inFlight) await this.inFlight
    this.inFlight = null
  }
}

/** Progress lines: rows written, rows/s and the time left, at most once a second. */
export class Progress {
  private started = Date.now()
  private last = 0
  private count = 0
  private label: string
  private total: number
  private log: (line: string) => void
  constructor(label: string, total: number, log: (line: string) => void) {
    this.label = label
    this.total = total
    this.log = log
  }
  add(n: number) {
    this.count += n
    const now = Date.now()
    if (now - this.last < 1000 && this.count < this.total) return
    this.last = now
    const secs = (now - this.started) / 1000
    const rate = this.count / Math.max(secs, 0.001)
    const left = rate > 0 ? Math.max(0, (this.total - this.count) / rate) : 0
    const pct = this.total ? Math.min(100, (100 * this.count) / this.total) : 100
    this.log(
      `  ${this.label}: ${this.count.toLocaleString('en')} / ${this.total.toLocaleString('en')} (${pct.toFixed(0)}%) · ${Math.round(rate).toLocaleString('en')} 行/s · 剩余约 ${left.toFixed(0)} s`,
    )
  }
  finish() {
    const secs = (Date.now() - this.started) / 1000
    this.log(
      `  ${this.label}: ${this.count.toLocaleString('en')} 行，${secs.toFixed(1)} s（${Math.round(this.count / Math.max(secs, 0.001)).toLocaleString('en')} 行/s）`,
    )
    return secs
  }
}
