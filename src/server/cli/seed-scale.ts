import { parseArgs } from 'node:util'
import { buildApp } from '../app.ts'
import { systemClock } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { ensureBaseline } from '../seed/baseline.ts'
import { generateScaleData, SCALE_PASSWORD, SCALES } from '../seed/scale/generate.ts'

// npm run seed:scale -- --scale county|city|province [--seed N]: fills an empty database (PGlite
// under DATA_DIR, or PostgreSQL at DATABASE_URL) with generated data at that scale, for benchmarks.
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'county' },
    seed: { type: 'string', default: '20261127' },
    batch: { type: 'string', default: '5000' },
  },
})
const scale = SCALES[values.scale!]
if (!scale) {
  console.error(`规模参数 --scale 只能是 ${Object.keys(SCALES).join(' / ')}（收到 ${values.scale}）`)
  process.exit(2)
}
const seed = Number(values.seed)
if (!Number.isInteger(seed) || seed < 0) {
  console.error('随机种子 --seed 应为非负整数')
  process.exit(2)
}
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  console.log(
    `生成 ${values.scale} 规模数据：${scale.zones} 个开发区，${scale.projects.toLocaleString('en')} 个项目，${scale.problems.toLocaleString('en')} 件问题，${scale.events.toLocaleString('en')} 条时间线（${database.kind}，seed ${seed}）`,
  )
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, systemClock)
  const app = await buildApp({ database, clock: systemClock, config, web: false, logger: false })
  try {
    const result = await generateScaleData(database.db, {
      scale,
      seed,
      now: systemClock.now(),
      scryptCost: config.scryptCost,
      batch: Number(values.batch),
      log: (line) => console.log(line),
      recomputeLights: (db, ids) => app.services.projects.recomputeMany(db, ids),
    })
    await database.checkpoint()
    console.log(`完成，用时 ${result.seconds.toFixed(1)} s：${JSON.stringify(result.counts)}`)
    console.log(
      `账号（密码 ${SCALE_PASSWORD}）：${result.accounts.zoneSupervisor}（最大开发区督查室）、${result.accounts.topSupervisor}（全省/市督查）、${result.accounts.zoneHandler}（部门经办人）`,
    )
    console.log(`Open311 API key（最大开发区）：${result.open311Key}`)
  } finally {
    await app.close()
  }
} finally {
  await database.close()
}
