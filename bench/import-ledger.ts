import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { TestClock } from '../src/server/clock.ts'
import { loadConfig } from '../src/server/config.ts'
import type { Deps, SystemCtx } from '../src/server/context.ts'
import type { Database } from '../src/server/db/database.ts'
import { migrateToLatest } from '../src/server/db/migrate.ts'
import { DiskFileStore } from '../src/server/lib/file-store.ts'
import { Hooks } from '../src/server/lib/hooks.ts'
import { notifierFor } from '../src/server/lib/notifier.ts'
import { SecretBox } from '../src/server/lib/secret-box.ts'
import type { ImportPhase } from '../src/server/modules/imports/imports.service.ts'
import { ensureBaseline } from '../src/server/seed/baseline.ts'
import { buildServices } from '../src/server/services.ts'
import { creditCodeCheckChar } from '../src/shared/credit-code.ts'
import { seedFixtureOrg } from '../test/fixture-org.ts'
import { onEachDatabase, report, type Timing, table } from './report.ts'

const args = process.argv.slice(2)
const ROWS = Number(args[args.indexOf('--rows') + 1]) || 10_000
const APPEND = !args.includes('--no-append')
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : null
const ENTERPRISES = Math.max(1, Math.round(ROWS / 10))

// ---------- the messy ledger ----------

const FW = (s: string) => s.replace(/[0-9,.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const STAGES = [
  '在建',
  '开复工',
  '前期手续',
  '手续办理',
  '签约',
  '洽谈',
  '试运行',
  '投产',
  '建成',
  '续建施工',
]
const LEVELS = ['自治区级', '市级', '旗县级', '园区级', '国家级']
const NATURES = ['新建', '续建', '扩建', '技改']
const INDUSTRIES = [
  '农副食品加工业',
  '13',
  '化学原料和化学制品制造业',
  'C27',
  '医药制造业',
  '电力、热力生产和供应业',
  '制造业',
]
const TAGS = ['引进一批', '落地一批', '储备一批', '']

function creditCode(i: number) {
  const first17 = `9115062${String(100000000 + i).padStart(10, '0')}`.slice(0, 17)
  return first17 + creditCodeCheckChar(first17)
}

/** Amounts written every way people write them; the sheet's 总投资 column is in 亿元. */
function messyTotal(i: number): { cell: string | number; wan: number } {
  const wan = 1000 + ((i * 37) % 500) * 100 // 1 000 … 50 900 万元
  switch (i % 6) {
    case 0:
      return { cell: wan / 10000, wan } // a number in the 亿元 column
    case 1:
      return { cell: `${wan / 10000}亿元`, wan }
    case 2:
      return { cell: `${wan}万`, wan }
    case 3:
      return { cell: `${wan.toLocaleString('en-US')}万元`, wan }
    case 4:
      return { cell: FW(`${wan}万`), wan }
    default:
      return { cell: ` ${wan / 10000} `, wan }
  }
}

function messyPeriod(i: number) {
  const y = 2024 + (i % 3)
  switch (i % 5) {
    case 0:
      return `${y}—${y + 2}`
    case 1:
      return `${y}-${y + 1}`
    case 2:
      return `${y}年3月-${y + 1}年12月`
    case 3:
      return `${y}.03-${y + 2}.06`
    default:
      return `${FW(`${y}`)}－${FW(`${y + 2}`)}`
  }
}

const HEADERS = [
  '序号',
  '项目名称',
  '建设单位',
  '统一社会信用代码',
  '建设性质',
  '所属行业',
  '项目级别',
  '建设地点',
  '建设内容及规模',
  '总投资（亿元）',
  '2026年计划投资（万元）',
  '截至上年底累计完成',
  '建设年限',
  '项目阶段',
  '包联领导',
  '牵头单位',
  '配合单位',
  '类别',
  '备注',
]

/** `changed`: every tenth row gets a later stage and a new total (for the update benchmark). */
async function messyLedger(rows: number, changed = false): Promise<Buffer> {
  // Shuffle the columns deterministically so the header order is nothing like the template's.
  const order = HEADERS.map((h, i) => ({ h, k: (i * 7919) % 23 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.h)
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('2026年重点项目')
  ws.addRow(['甲开发区2026年重点项目台账'])
  ws.addRow(['填报单位：甲督查室', '', '', '', '', '', '单位：万元'])
  ws.addRow(order)
  ws.mergeCells(1, 1, 1, order.length)
  for (let i = 1; i <= rows; i++) {
    const ent = i % ENTERPRISES
    const bump = changed && i % 10 === 0
    const total = bump
      ? { cell: `${messyTotal(i).wan + 100}万`, wan: messyTotal(i).wan + 100 }
      : messyTotal(i)
    const plan = Math.round(total.wan / 3)
    const values: Record<string, unknown> = {
      序号: i,
      项目名称: `${i % 4 === 0 ? ' ' : ''}甲台账项目${String(i).padStart(5, '0')}${i % 3 === 0 ? '\u3000' : ''}`,
      建设单位: `甲测试企业${String(ent).padStart(4, '0')}有限公司${i % 5 === 0 ? ' ' : ''}`,
      统一社会信用代码: ent % 2 === 0 ? creditCode(ent) : '',
      建设性质: NATURES[i % NATURES.length],
      所属行业: INDUSTRIES[i % INDUSTRIES.length],
      项目级别: LEVELS[i % LEVELS.length],
      建设地点: '甲开发区',
      建设内容及规模: `新建生产线${(i % 9) + 1}条及配套设施`,
      '总投资（亿元）': total.cell,
      '2026年计划投资（万元）': i % 4 === 0 ? plan.toLocaleString('en-US') : plan,
      截至上年底累计完成: i % 7 === 0 ? '' : `${Math.round(plan / 2)}`,
      建设年限: messyPeriod(i),
      项目阶段: bump ? '投产' : STAGES[i % STAGES.length],
      包联领导: i % 11 === 0 ? '甲领导、不在册的人' : '甲领导',
      牵头单位: i % 2 ? '甲督查室' : '甲生态环境分局',
      配合单位: i % 3 ? '甲固废科' : '',
      类别: TAGS[i % TAGS.length],
      备注: i % 13 === 0 ? '需协调用地' : '',
    }
    ws.addRow(order.map((h) => values[h] ?? null))
  }
  ws.addRow(['合计'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

// ---------- running ----------

const SYSTEM: SystemCtx = { actor: null, ip: null, requestId: null, label: '基准测试' }

async function prepare(database: Database, clock: TestClock, dir: string) {
  await migrateToLatest(database.db)
  await ensureBaseline(database.db, clock)
  await seedFixtureOrg(database.db, clock)
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: dir,
  })
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    secrets: new SecretBox(config.sessionSecret),
    files: new DiskFileStore(path.join(dir, 'files')),
    hooks: new Hooks(),
    notifier: await notifierFor(database),
  }
  const services = buildServices(deps)
  const zone = await database.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '甲开发区')
    .executeTakeFirstOrThrow()
  // the notifier holds a LISTEN connection of the pool: closed by the caller before the database
  return { services, zoneId: zone.id, notifier: deps.notifier }
}

async function measure(label: string, database: Database, data: Buffer, changedData: Buffer, out: Timing[]) {
  const clock = new TestClock('2026-11-24T09:00:00+08:00')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qd-bench-'))
  let closeNotifier = async () => {}
  try {
    const prepared = await prepare(database, clock, dir)
    closeNotifier = () => prepared.notifier.close()
    const { services, zoneId } = prepared
    const imports = services.imports

    const phases = () => {
      const marks: Array<[ImportPhase, number]> = []
      return {
        onProgress: (p: { phase: ImportPhase }) => {
          if (marks.at(-1)?.[0] !== p.phase) marks.push([p.phase, performance.now()])
        },
        split(end: number) {
          return marks
            .map(([ph, t0], i) => `${ph} ${Math.round((marks[i + 1]?.[1] ?? end) - t0)}`)
            .join(' · ')
        },
      }
    }

    let ph = phases()
    let t0 = performance.now()
    const dry = await imports.importWorkbook(SYSTEM, {
      zoneId,
      data,
      filename: 'bench.xlsx',
      dryRun: true,
      onProgress: ph.onProgress,
    })
    let t1 = performance.now()
    if (dry.summary.rejected)
      throw new Error(
        `dry run rejected ${dry.summary.rejected} rows: ${JSON.stringify(dry.rows.find((r) => r.problems.length))}`,
      )
    out.push({
      db: label,
      step: '预检 dry run',
      ms: t1 - t0,
      note: `${dry.summary.created} 新建，${dry.summary.warnings} 条提示；${ph.split(t1)} ms`,
    })

    ph = phases()
    t0 = performance.now()
    const commit = await imports.importWorkbook(SYSTEM, {
      zoneId,
      data,
      filename: 'bench.xlsx',
      dryRun: false,
      onProgress: ph.onProgress,
    })
    t1 = performance.now()
    if (!commit.ok) throw new Error(commit.message ?? 'commit failed')
    out.push({
      db: label,
      step: '导入 commit (create)',
      ms: t1 - t0,
      note: `${commit.summary.created} 个项目、${commit.summary.enterprisesCreated} 家企业；${ph.split(t1)} ms`,
    })

    ph = phases()
    t0 = performance.now()
    const again = await imports.importWorkbook(SYSTEM, {
      zoneId,
      data,
      filename: 'bench.xlsx',
      dryRun: false,
      onProgress: ph.onProgress,
    })
    t1 = performance.now()
    if (!again.ok) throw new Error(again.message ?? 're-import failed')
    out.push({
      db: label,
      step: '再次导入 re-import (same file)',
      ms: t1 - t0,
      note: `${again.summary.unchanged} 个无变化（不写入）；${ph.split(t1)} ms`,
    })

    ph = phases()
    t0 = performance.now()
    const upd = await imports.importWorkbook(SYSTEM, {
      zoneId,
      data: changedData,
      filename: 'bench-changed.xlsx',
      dryRun: false,
      onProgress: ph.onProgress,
    })
    t1 = performance.now()
    if (!upd.ok) throw new Error(upd.message ?? 'update import failed')
    out.push({
      db: label,
      step: '更新导入 re-import (10% changed)',
      ms: t1 - t0,
      note: `${upd.summary.updated} 个更新、${upd.summary.unchanged} 个无变化；${ph.split(t1)} ms`,
    })
  } finally {
    await closeNotifier()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const out: Timing[] = []
  const t0 = performance.now()
  const data = await messyLedger(ROWS)
  const changedData = await messyLedger(ROWS, true)
  if (OUT) {
    writeFileSync(OUT, data)
    console.log(`${OUT}: ${ROWS} 行，${(data.length / 1024).toFixed(0)} KB`)
    return
  }
  out.push({
    db: '—',
    step: `生成台账 generate (${ROWS} 行)`,
    ms: performance.now() - t0,
    note: `${(data.length / 1024).toFixed(0)} KB`,
  })

  await onEachDatabase((label, database) => measure(label, database, data, changedData, out))

  report(`台账导入 Ledger import — ${ROWS} 行`, table(out), APPEND)
}

await main()
