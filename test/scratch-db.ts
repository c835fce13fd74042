import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { withDatabase } from './global-setup.ts'

/**
 * A PostgreSQL database of its own for one test (a copy of the run's migrated fixture template, or
 * empty), named under the run's prefix `qd_t_<run id>_*` so the global teardown drops it if the test
 * does not. Only on the PostgreSQL project (TEST_DATABASE_URL).
 */
export async function createScratchDatabase(
  opts: { empty?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `${inject('pgRunPrefix')}_s${randomBytes(4).toString('hex')}`
  await adminQuery(
    adminUrl,
    `create database ${name}${opts.empty ? '' : ` template ${inject('pgTemplateDb')}`}`,
  )
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      await adminQuery(
        adminUrl,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`,
      )
      await adminQuery(adminUrl, `drop database if exists ${name}`)
    },
  }
}

async function adminQuery(url: string, text: string) {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(text)
  } finally {
    await admin.end()
  }
}

export const onPostgres = process.env.QD_TEST_DB === 'postgres'
