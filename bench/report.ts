// What every benchmark shares: its timing rows, the machine line, the scratch databases (PGlite,
// and PostgreSQL in a throw-away database when DATABASE_URL is set) and the section appended to
// docs/BENCHMARKS.md, formatted the way Biome formats it so `npm run lint` stays clean.
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createPglite, type Database, openDatabase } from '../src/server/db/database.ts'

export interface Timing {
  db: string
  step: string
  ms: number
  note: string
}

export function table(rows: Timing[]) {
  const lines = ['| 数据库 | 步骤 | 用时 | 说明 |', '| --- | --- | ---: | --- |']
  for (const r of rows) lines.push(`| ${r.db} | ${r.step} | ${(r.ms / 1000).toFixed(2)} s | ${r.note} |`)
  return lines.join('\n')
}

export function machine() {
  const cpu = os.cpus()
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`
}

/** Runs `work` on a fresh PGlite database, then on a scratch PostgreSQL database if DATABASE_URL is set. */
export async function onEachDatabase(work: (label: string, database: Database) => Promise<void>) {
  const database = await openDatabase({ pglite: await createPglite() })
  try {
    await work('PGlite', database)
  } finally {
    await database.close()
  }
  const url = process.env.DATABASE_URL
  if (!url) return
  const name = `qd_bench_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const u = new URL(url)
  u.pathname = `/${name}`
  const pgdb = await openDatabase({ databaseUrl: u.toString(), poolMax: 5 })
  try {
    await work('PostgreSQL', pgdb)
  } finally {
    await pgdb.close()
    await admin.query(`drop database if exists ${name}`)
    await admin.end()
  }
}

/** Prints a section and, unless --no-append, appends it to docs/BENCHMARKS.md. */
export function report(title: string, body: string, append: boolean) {
  const when = new Date().toISOString().replace('T', ' ').slice(0, 16)
  const section = `\n### ${title} (${when} UTC)\n\n机器 (machine): ${machine()}\n\n${body}\n`
  console.log(section)
  if (!append) return
  const file = path.resolve(import.meta.dirname, '../docs/BENCHMARKS.md')
  appendFileSync(file, section)
  const biome = path.resolve(import.meta.dirname, '../node_modules/.bin/biome')
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', file], { stdio: 'ignore' })
  console.log(`已追加到 ${path.relative(process.cwd(), file)}`)
}
