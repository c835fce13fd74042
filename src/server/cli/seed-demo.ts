import { buildApp } from '../app.ts'
import { systemClock } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { ensureBaseline } from '../seed/baseline.ts'
import { hasUsers } from '../seed/demo.ts'
import { loadDemoData } from '../seed/demo-all.ts'

// npm run seed:demo — loads the whole demo (the same as `--demo` at start) into an empty database.
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, systemClock)
  if (await hasUsers(database.db)) {
    console.log('数据库中已有用户，未载入演示数据 (database not empty; demo not loaded)')
  } else {
    const app = await buildApp({ database, clock: systemClock, config, web: false, logger: false })
    try {
      console.log((await loadDemoData(app.services, database.db, systemClock, config)).summary)
    } finally {
      await app.close()
    }
  }
} finally {
  await database.close()
}
