import { spawn } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { isoBeijing } from '../lib/time.ts'
import { createPglite, type Database, type DbKind, kyselyForPglite } from './database.ts'
import { acquirePidLock } from './pid-lock.ts'

// Backups of either database, with a manifest of every table's row count and rows' hash taken from the
// same snapshot, so a restore can prove it brought back exactly what was saved.
//  - PGlite: the data directory as a gzipped tarball (PGlite's dumpDataDir, taken between two queries,
//    after a CHECKPOINT); the manifest is computed from the tarball itself, loaded into a scratch
//    instance, which also proves the backup opens.
//  - PostgreSQL: `pg_dump --format=custom` inside an exported REPEATABLE READ snapshot that the
//    manifest is computed in too; restored with `pg_restore`.

export const MANIFEST_FORMAT = 'qingdan-backup/1'

export interface TableDigest {
  rows: number
  /**
   * The sums of two 60-bit slices of every row's md5 (of its text form): equal iff, short of a
   * collision, the table holds the same rows, whatever their physical order. Sums instead of a sorted
   * string of hashes keep the memory constant on big tables (audit log) and need no sort.
   */
  hash: string
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT
  kind: DbKind
  file: string
  createdAt: string
  bytes: number
  ms: number
  tables: Record<string, TableDigest>
  /** uploaded attachments mirrored into `<backup dir>/files` (they are written once, never changed) */
  files?: { total: number; copied: number }
}

export type Progress = (message: string, percent?: number) => void

export class BackupError extends Error {}

const EXT: Record<DbKind, string> = { pglite: '.pglite.tar.gz', postgres: '.pgdump' }

/** Every table of the database (all schemas but the system ones): its row count and row hash. */
export async function tableDigests(db: Kysely<any>): Promise<Record<string, TableDigest>> {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`.execute(db)
  const out: Record<string, TableDigest> = {}
  for (const t of tables.rows) {
    const ref = sql.id(t.schema, t.name)
    const r = await sql<{ rows: number; a: string | null; b: string | null }>`
      select count(*)::int as rows,
             sum(('x' || substr(h, 1, 15))::bit(60)::bigint)::text as a,
             sum(('x' || substr(h, 16, 15))::bit(60)::bigint)::text as b
      from (select md5(x::text) as h from ${ref} x) rows`.execute(db)
    const { rows, a, b } = r.rows[0]
    out[`${t.schema}.${t.name}`] = { rows, hash: `${a ?? 0}:${b ?? 0}` }
  }
  return out
}

/** The tables whose count or hash differ between two digests (missing on either side included). */
export function diffDigests(a: Record<string, TableDigest>, b: Record<string, TableDigest>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...names]
    .filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.hash !== b[n]?.hash)
    .map((n) => `${n} (${a[n]?.rows ?? '无'} → ${b[n]?.rows ?? '无'} 行)`)
}

function stamp(now: Date): string {
  // 20261125-021500 in Beijing time
  return isoBeijing(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
}

export function manifestPath(file: string) {
  return `${file}.json`
}

export function readManifest(file: string): BackupManifest | null {
  const m = manifestPath(file)
  if (!existsSync(m)) return null
  const parsed = JSON.parse(readFileSync(m, 'utf8')) as BackupManifest
  if (parsed.format !== MANIFEST_FORMAT) throw new BackupError(`无法识别的备份清单格式：${m}`)
  return parsed
}

/** Writes a backup of the open database into dir: the dump and its manifest (`<file>.json`). */
export async function backupDatabase(
  database: Database,
  opts: {
    dir: string
    now: Date
    databaseUrl?: string | null
    prefix?: string
    /** the attachments directory (DATA_DIR/files), mirrored into `<dir>/files` */
    filesDir?: string
    progress?: Progress
  },
): Promise<BackupManifest> {
  const started = performance.now()
  const progress = opts.progress ?? (() => {})
  mkdirSync(opts.dir, { recursive: true })
  const file = path.join(
    opts.dir,
    `qingdan-${opts.prefix ? `${opts.prefix}-` : ''}${stamp(opts.now)}${EXT[database.kind]}`,
  )
  const partial = `${file}.partial`
  let tables: Record<string, TableDigest>
  try {
    if (database.kind === 'pglite') {
      const pglite = database.pglite!
      progress('写入检查点 (checkpoint)', 5)
      await pglite.exec('CHECKPOINT')
      progress('导出数据目录 (dumping the data directory)', 20)
      const tar = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
      writeFileSync(partial, tar)
      progress('校验备份：载入并逐表计算行数与摘要 (verifying the dump)', 60)
      tables = await digestsOfPgliteDump(tar)
    } else {
      if (!opts.databaseUrl) throw new BackupError('PostgreSQL 备份需要 DATABASE_URL')
      tables = await pgDumpInSnapshot(opts.databaseUrl, partial, progress)
    }
    renameSync(partial, file)
  } catch (err) {
    rmSync(partial, { force: true })
    throw err
  }
  let files: BackupManifest['files']
  if (opts.filesDir) {
    progress('同步附件 (mirroring attachments)', 90)
    files = mirrorFiles(opts.filesDir, path.join(opts.dir, 'files'))
  }
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    kind: database.kind,
    file: path.basename(file),
    createdAt: isoBeijing(opts.now),
    bytes: statSync(file).size,
    ms: Math.round(performance.now() - started),
    tables,
    ...(files ? { files } : {}),
  }
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`)
  progress('备份完成 (done)', 100)
  return manifest
}

async function digestsOfPgliteDump(tar: Buffer): Promise<Record<string, TableDigest>> {
  const scratch = await createPglite({ loadDataDir: new Blob([gunzipSync(tar)]) })
  try {
    return await tableDigests(kyselyForPglite(scratch))
  } finally {
    await scratch.close()
  }
}

/** The URL without its password, and the password for PGPASSWORD (so it is not on a command line). */
function connectionArgs(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url)
  const password = decodeURIComponent(u.password)
  u.password = ''
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

async function checkClientVersion(tool: 'pg_dump' | 'pg_restore', client: pg.Client) {
  const version = await run(tool, ['--version'], process.env).catch(() => {
    throw new BackupError(
      `未找到 ${tool}：请安装与数据库同版本或更新的 PostgreSQL 客户端（Debian: apt install postgresql-client）`,
    )
  })
  const toolMajor = Number(/(\d+)\.\d+/.exec(version.stdout)?.[1] ?? 0)
  const server = await client.query<{ v: string }>('show server_version_num')
  const serverMajor = Math.floor(Number(server.rows[0].v) / 10000)
  if (toolMajor < serverMajor)
    throw new BackupError(
      `${tool} 版本 ${toolMajor} 低于数据库版本 ${serverMajor}，请安装 ${serverMajor} 或更新的客户端`,
    )
}

async function pgDumpInSnapshot(url: string, out: string, progress: Progress) {
  const client = new pg.Client({ connectionString: url, application_name: 'qingdan-backup' })
  await client.connect()
  try {
    await checkClientVersion('pg_dump', client)
    await client.query('begin isolation level repeatable read read only')
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id')
    progress('逐表计算行数与摘要 (table digests in the snapshot)', 10)
    const tables = await tableDigests(kyselyForClient(client))
    progress('pg_dump 导出 (dumping)', 40)
    const conn = connectionArgs(url)
    await run(
      'pg_dump',
      ['--format=custom', `--snapshot=${rows[0].id}`, `--file=${out}`, `--dbname=${conn.url}`],
      conn.env,
    )
    await client.query('commit')
    return tables
  } finally {
    await client.end().catch(() => {})
  }
}

function kyselyForClient(client: pg.Client): Kysely<any> {
  // a one-connection Kysely over this client (the snapshot's transaction, or the restore's session)
  const pool = {
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  }
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: pool as never }) })
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, onStderrLine?: (line: string) => void) {
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let pending = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
      if (!onStderrLine) return
      pending += d
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const l of lines) onStderrLine(l)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr })
      else {
        const errors = stderr
          .split('\n')
          .filter((l) => /error|错误|fatal/i.test(l))
          .slice(-5)
          .join('\n')
        reject(new BackupError(`${cmd} 失败（退出码 ${code}）：\n${errors || stderr.slice(-2000)}`))
      }
    })
  })
}

export interface RestoreResult {
  tables: Record<string, TableDigest>
  verified: boolean
  ms: number
  /** PGlite: where the data directory that was replaced now lies */
  replacedDir?: string
  /** attachments copied back (those already present are left alone) */
  files?: { total: number; copied: number }
}

/** Restores a backup file into the embedded data dir or a PostgreSQL database; refuses a non-empty target unless force. */
export async function restoreBackup(opts: {
  file: string
  target: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string }
  force?: boolean
  now: Date
  /** the attachments directory (DATA_DIR/files): attachments missing there are copied back from `<backup dir>/files` */
  filesDir?: string
  progress?: Progress
}): Promise<RestoreResult> {
  const started = performance.now()
  const progress = opts.progress ?? (() => {})
  if (!existsSync(opts.file)) throw new BackupError(`备份文件不存在：${opts.file}`)
  const kind: DbKind | null = opts.file.endsWith(EXT.pglite)
    ? 'pglite'
    : opts.file.endsWith(EXT.postgres)
      ? 'postgres'
      : null
  if (!kind)
    throw new BackupError(`无法识别的备份文件（应为 *${EXT.pglite} 或 *${EXT.postgres}）：${opts.file}`)
  if (kind !== opts.target.kind)
    throw new BackupError(
      kind === 'pglite'
        ? '这是嵌入式数据库（PGlite）的备份，只能恢复到嵌入式数据库：请不设置 DATABASE_URL 再执行'
        : '这是 PostgreSQL 的备份（pg_dump），只能恢复到 PostgreSQL：请设置 DATABASE_URL 再执行',
    )
  const manifest = readManifest(opts.file)
  if (!manifest) progress(`未找到备份清单 ${path.basename(manifestPath(opts.file))}：恢复后无法逐表校验`)

  const verify = (tables: Record<string, TableDigest>) => {
    if (!manifest) return
    const diff = diffDigests(manifest.tables, tables)
    if (diff.length)
      throw new BackupError(
        `恢复后的数据与备份清单不一致（${diff.length} 张表）：\n  ${diff.slice(0, 10).join('\n  ')}`,
      )
  }
  const result =
    opts.target.kind === 'pglite'
      ? await restorePglite(opts.file, opts.target.dataDir, opts, verify, progress)
      : await restorePostgres(opts.file, opts.target.url, !!opts.force, progress)
  verify(result.tables)
  let files: RestoreResult['files']
  const mirror = path.join(path.dirname(opts.file), 'files')
  if (opts.filesDir && existsSync(mirror)) {
    progress('恢复附件 (restoring attachments)', 95)
    files = mirrorFiles(mirror, opts.filesDir)
  }
  progress(manifest ? '校验通过：每张表的行数与摘要与备份一致 (verified)' : '恢复完成 (done)', 100)
  return { ...result, files, verified: !!manifest, ms: Math.round(performance.now() - started) }
}

async function restorePglite(
  file: string,
  dataDir: string,
  opts: { force?: boolean; now: Date },
  verify: (tables: Record<string, TableDigest>) => void,
  progress: Progress,
) {
  mkdirSync(dataDir, { recursive: true })
  // the server must not be running on this data dir
  const lock = acquirePidLock(path.join(dataDir, 'qingdan.pid'))
  try {
    const live = path.join(dataDir, 'pgdata')
    const hasData = existsSync(live) && readdirSync(live).length > 0
    if (hasData && !opts.force)
      throw new BackupError(
        `数据目录 ${live} 已有数据：恢复会替换它。确认替换请加 --force（原目录会改名保留）`,
      )
    progress('读取备份 (reading)', 5)
    const tar = gunzipSync(readFileSync(file))
    const next = path.join(dataDir, 'pgdata.restoring')
    rmSync(next, { recursive: true, force: true })
    progress('写入新的数据目录 (unpacking)', 30)
    const pglite = await createPglite({ dir: next, loadDataDir: new Blob([tar]) })
    let tables: Record<string, TableDigest>
    try {
      progress('逐表计算行数与摘要 (table digests)', 70)
      tables = await tableDigests(kyselyForPglite(pglite))
      await pglite.exec('CHECKPOINT')
    } finally {
      await pglite.close()
    }
    // checked before it replaces anything: a bad backup leaves the current data dir as it was
    try {
      verify(tables)
    } catch (err) {
      rmSync(next, { recursive: true, force: true })
      throw err
    }
    let replacedDir: string | undefined
    if (hasData) {
      replacedDir = path.join(dataDir, `pgdata.before-restore-${stamp(opts.now)}`)
      renameSync(live, replacedDir)
    } else rmSync(live, { recursive: true, force: true })
    renameSync(next, live)
    return { tables, replacedDir }
  } finally {
    lock.release()
  }
}

async function restorePostgres(file: string, url: string, force: boolean, progress: Progress) {
  const client = new pg.Client({ connectionString: url, application_name: 'qingdan-restore' })
  await client.connect()
  try {
    await checkClientVersion('pg_restore', client)
    const { rows: schemas } = await client.query<{ name: string; tables: number }>(`
      select n.nspname as name, count(c.oid)::int as tables from pg_namespace n
      left join pg_class c on c.relnamespace = n.oid and c.relkind in ('r', 'p')
      where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg\\_%'
      group by 1`)
    const tableCount = schemas.reduce((sum, s) => sum + s.tables, 0)
    if (tableCount > 0 && !force)
      throw new BackupError(`目标数据库已有 ${tableCount} 张表：恢复会清空它。确认清空请加 --force`)
    if (tableCount > 0 || schemas.some((s) => s.name !== 'public')) {
      progress('清空目标数据库 (dropping the existing schemas)', 5)
      for (const s of schemas) await client.query(`drop schema ${pg.escapeIdentifier(s.name)} cascade`)
      await client.query('create schema public')
    }
    const conn = connectionArgs(url)
    const list = await run('pg_restore', ['--list', file], conn.env)
    const total = list.stdout.split('\n').filter((l) => /^\d+;/.test(l)).length || 1
    let done = 0
    let lastShown = 0
    await run(
      'pg_restore',
      ['--verbose', '--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${conn.url}`, file],
      conn.env,
      (line) => {
        if (!/^pg_restore: (creating|processing|executing)/.test(line)) return
        done++
        const percent = Math.min(90, 10 + Math.floor((done / total) * 80))
        if (percent >= lastShown + 10 || /processing data/.test(line)) {
          lastShown = percent
          progress(line.replace(/^pg_restore: /, ''), percent)
        }
      },
    )
    progress('逐表计算行数与摘要 (table digests)', 92)
    const db = kyselyForClient(client)
    return { tables: await tableDigests(db) }
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Deletes nightly backups (and their manifests) older than keepDays, but never the newest keepDays
 * of them: after the server was stopped for weeks, the first night must not leave one backup only.
 * Returns the names removed.
 */
export function pruneBackups(dir: string, prefix: string, keepDays: number, now: Date): string[] {
  if (!existsSync(dir)) return []
  const re = new RegExp(`^qingdan-${prefix}-(\\d{8})-(\\d{6})\\.(pglite\\.tar\\.gz|pgdump)$`)
  const cutoff = stamp(new Date(now.getTime() - keepDays * 86_400_000))
  const nightly = readdirSync(dir)
    .map((name) => ({ name, m: re.exec(name) }))
    .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
    .map((f) => ({ name: f.name, at: `${f.m[1]}-${f.m[2]}` }))
    .sort((x, y) => (x.at < y.at ? 1 : -1))
  const removed: string[] = []
  for (const f of nightly.slice(keepDays)) {
    if (f.at >= cutoff) continue
    rmSync(path.join(dir, f.name), { force: true })
    rmSync(manifestPath(path.join(dir, f.name)), { force: true })
    removed.push(f.name)
  }
  return removed.sort()
}

/**
 * Copies every file under from that is missing (or of another size) under to, keeping the relative
 * paths; each copy lands under a temporary name first, so a half-copied file is never taken as done.
 */
export function mirrorFiles(from: string, to: string): { total: number; copied: number } {
  let total = 0
  let copied = 0
  if (!existsSync(from)) return { total, copied }
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const src = path.join(entry.parentPath, entry.name)
    const dest = path.join(to, path.relative(from, src))
    total++
    if (existsSync(dest) && statSync(dest).size === statSync(src).size) continue
    mkdirSync(path.dirname(dest), { recursive: true })
    copyFileSync(src, `${dest}.partial`)
    renameSync(`${dest}.partial`, dest)
    copied++
  }
  return { total, copied }
}
