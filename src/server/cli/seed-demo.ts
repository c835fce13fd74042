import { systemClock } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { ensureBaseline } from '../seed/baseline.ts'
import { hasUsers, seedDemo } from '../seed/demo.ts'

// npm run seed:demo — loads the demo into an empty database.
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, systemClock)
  if (await hasUsers(database.db)) {
    console.log('数据库中已有用户，未载入演示数据 (database not empty; demo not loaded)')
  } else {
    const r = await seedDemo({ db: database.db, clock: systemClock, config })
    console.log(`已载入演示数据：${r.departments} 个机构，${r.users} 个账号`)
  }
} finally {
  await database.close()
}
