import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrateDown, migrateToLatest } from '../db/migrate.ts'

// npm run migrate [-- down]
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  if (process.argv.includes('down')) {
    const name = await migrateDown(database.db)
    console.log(name ? `已回滚迁移 (rolled back): ${name}` : '没有可回滚的迁移 (nothing to roll back)')
  } else {
    const applied = await migrateToLatest(database.db)
    console.log(
      applied.length ? `已执行迁移 (applied): ${applied.join(', ')}` : '数据库已是最新 (up to date)',
    )
  }
} finally {
  await database.close()
}
