import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { TestClock } from '../src/server/clock.ts'
import { createPglite, kyselyForPglite, kyselyForPool } from '../src/server/db/database.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import { ensureBaseline } from '../src/server/seed/baseline.ts'
import { seedFixtureOrg } from './fixture-org.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    pgTemplateDb: string
    pgRunPrefix: string
  }
}

/** Migrates and seeds one template per run; every test file then starts from a copy of it. */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.QD_TEST_DB ?? 'pglite'
  const clock = new TestClock('2026-11-02T09:00:00+08:00')
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!
    const prefix = `qd_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const template = `${prefix}_tmpl`
    await admin.query(`create database ${template}`)
    const pool = new pg.Pool({ connectionString: withDatabase(url, template), max: 2 })
    const db = kyselyForPool(pool)
    await migrateToLatest(db)
    await ensureBaseline(db, clock)
    await seedFixtureOrg(db, clock)
    await db.destroy()
    project.provide('pgTemplateDb', template)
    project.provide('pgRunPrefix', prefix)
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${prefix}%`],
      )
      for (const r of rows) {
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [
          r.datname,
        ])
        await admin.query(`drop database if exists ${r.datname}`)
      }
      await admin.end()
    }
  }
  const pglite = await createPglite()
  const db = kyselyForPglite(pglite)
  await migrateToLatest(db)
  await ensureBaseline(db, clock)
  await seedFixtureOrg(db, clock)
  const dump = await pglite.dumpDataDir('none')
  await pglite.close()
  const dir = mkdtempSync(path.join(tmpdir(), 'qd-test-'))
  const file = path.join(dir, 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplate', file)
  return () => rmSync(dir, { recursive: true, force: true })
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
