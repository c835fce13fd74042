import { systemClock } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { createAuditService } from '../modules/audit/audit.service.ts'

// npm run audit:verify — walks the operation log's hash chain; exit code 1 when it is broken.
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const result = await createAuditService({ db: database.db, clock: systemClock }).verify()
  if (result.ok) {
    console.log(`操作日志完整：已校验 ${result.checked} 条 (audit chain intact: ${result.checked} rows)`)
  } else {
    console.error(`操作日志被篡改：第一条异常记录编号 ${result.firstBrokenId}，${result.reason}`)
    console.error(`(audit chain broken at row ${result.firstBrokenId})`)
    process.exitCode = 1
  }
} finally {
  await database.close()
}
