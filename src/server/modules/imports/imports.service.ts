import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, notFound } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { pageOf } from '../../lib/pagination.ts'
import { beijingYearMonth } from '../../lib/time.ts'
import { type Actor, authorize, inScope } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EnterprisesService } from '../enterprises/enterprises.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import { checkPlanned, type ReportsService } from '../reports/reports.service.ts'
import type { FieldKey } from './imports.columns.ts'
import {
  LedgerError,
  type LedgerSheet,
  loadWorkbook,
  normaliseRow,
  type ParsedRow,
  readLedger,
} from './imports.parse.ts'
import * as repo from './imports.repository.ts'
import { type PlannedRow, type RowOutcome, resolveRows } from './imports.resolve.ts'
import { Vocab } from './imports.vocab.ts'
import { errorsWorkbook, templateWorkbook } from './imports.workbooks.ts'

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'recomputing'

export interface ImportSummary {
  created: number
  updated: number
  /** matched rows that change nothing (not written) */
  unchanged: number
  rejected: number
  /** number of warning messages over all rows */
  warnings: number
  /** rows under the header passed over: totals, group headings, footnotes */
  skipped: number
  enterprisesCreated: number
  sheetName: string | null
  headerRow: number | null
  notes: string[]
}

export interface ImportOutcome {
  ok: boolean
  message: string | null
  summary: ImportSummary
  rows: RowOutcome[]
  /** the error workbook when rows were rejected or warned about */
  errorWorkbook: Buffer | null
}

const PROGRESS_EVERY = 200
/** New projects written per statement. */
const WRITE_BATCH = 500
type PreparedImport = Awaited<ReturnType<ProjectsService['prepareImported']>>
const STALE_AFTER_MS = 30 * 60_000
export const FIRST_ROWS = 200

const emptySummary = (): ImportSummary => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  warnings: 0,
  skipped: 0,
  enterprisesCreated: 0,
  sheetName: null,
  headerRow: null,
  notes: [],
})

export const refusedMessage = (n: number) =>
  `有 ${n} 行数据有误，未导入任何数据，请下载错误清单修改后重新导入`

function presentJob(r: repo.JobRow, live?: { total: number; processed: number; phase: ImportPhase }) {
  const running = r.status === 'queued' || r.status === 'running'
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    userId: r.user_id,
    userName: r.user_name,
    status: r.status,
    dryRun: r.dry_run,
    filename: r.filename,
    total: live?.total ?? r.total,
    processed: live?.processed ?? r.processed,
    phase: running ? (live?.phase ?? 'queued') : null,
    message: r.message,
    hasErrorFile: !!r.error_file,
    summary: (r.summary as ImportSummary | null) ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  }
}

/**
 * Ledger import (台账导入): a workbook is read, every row normalised and matched against the zone, then
 * either reported (dry run) or written in one transaction — all rows or none. Work runs in the
 * background in this process, one job at a time; progress is kept in memory while a job runs.
 */
export function createImportsService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    projects: ProjectsService
    enterprises: EnterprisesService
    reports: ReportsService
  },
) {
  const { db, clock, files } = deps
  const live = new Map<string, { total: number; processed: number; phase: ImportPhase }>()
  let queue: Promise<void> = Promise.resolve()
  let logError: (err: unknown, jobId: string | null) => void = () => {}

  function year() {
    return beijingYearMonth(clock.now()).year
  }

  /** Which zone an import goes into: the actor's own, or for users above zones the one they name. */
  async function zoneFor(actor: Actor, zoneId: number | null | undefined) {
    const zone = await targetZone(db, actor, zoneId, { missing: '请选择要导入的开发区（园区）' })
    // Imports also need the zone enabled and within the importer's own data scope.
    if (!zone.enabled || !inScope(actor, { zoneId: zone.id, deptPath: zone.path })) throw notFound('开发区')
    return zone
  }

  // ---------- the pipeline, usable without a job (seed, benchmark) ----------

  type Progress = (p: { total?: number; processed?: number; phase?: ImportPhase }) => void | Promise<void>

  /** Reads and checks a workbook against a zone. Writes nothing. */
  async function analyse(
    data: Buffer,
    zone: { id: number; path: string },
    filename: string,
    progress: Progress = () => {},
  ): Promise<{ sheet: LedgerSheet; parsed: ParsedRow[]; planned: PlannedRow[] }> {
    await progress({ phase: 'reading' })
    const sheet = readLedger(await loadWorkbook(data))
    await progress({ total: sheet.rows.length, processed: 0, phase: 'checking' })
    const [vocab, lookups] = await Promise.all([repo.loadVocab(db), repo.zoneLookups(db, zone)])
    const v = new Vocab(vocab)
    const y = year()
    const parsed: ParsedRow[] = []
    for (const r of sheet.rows) {
      parsed.push(normaliseRow(sheet, r, v, y))
      if (parsed.length % PROGRESS_EVERY === 0) await progress({ processed: parsed.length })
    }
    const headers: Partial<Record<FieldKey, string>> = {}
    for (const c of sheet.columns) if (c.match) headers[c.match.key] ??= c.header
    const planned = resolveRows(parsed, lookups, headers, { admissionNote: `台账导入（${filename}）` })
    await progress({ processed: parsed.length })
    return { sheet, parsed, planned }
  }

  function summarise(sheet: LedgerSheet, planned: PlannedRow[]): ImportSummary {
    const sum = emptySummary()
    const newEnterprises = new Set<string>()
    for (const p of planned) {
      sum[p.outcome.action]++
      sum.warnings += p.outcome.warnings.length
      if (p.enterprise && p.enterprise.existingId === null) newEnterprises.add(p.enterprise.key)
    }
    sum.enterprisesCreated = newEnterprises.size
    sum.skipped = sheet.skipped
    sum.sheetName = sheet.sheetName
    sum.headerRow = sheet.headerRow
    sum.notes = sheet.notes
    return sum
  }

  /** Writes every planned row in one transaction: enterprises, projects, year plans, then lights. */
  async function write(
    ctx: AnyCtx,
    zoneId: number,
    planned: PlannedRow[],
    meta: { filename: string; jobId: string | null },
    progress: Progress,
  ) {
    return db.transaction().execute(async (trx: Db) => {
      const enterpriseIds = new Map<string, number>()
      const ids: number[] = []
      // New projects are checked and numbered row by row (errors name the row) and written in
      // batches: one statement per batch for projects, tags, units and milestones, one for their
      // timeline entries, one for the year plans (10 000 rows: ≈ 3 round trips per 100 rows).
      let batch: Array<{ p: PlannedRow; prepared: PreparedImport }> = []
      const plans: Array<{ p: PlannedRow; year: number; planned: string }> = []
      const flush = async () => {
        if (!batch.length) return
        const rows = batch
        batch = []
        let made: Array<{ id: number }>
        try {
          made = await s.projects.writeImported(
            trx,
            ctx,
            rows.map((r) => r.prepared),
          )
        } catch (err) {
          throw new RowWriteError(failedRow(err, rows), err)
        }
        rows.forEach(({ p }, i) => {
          p.outcome.projectId = made[i]!.id
          ids.push(made[i]!.id)
        })
      }
      // Rows naming their code go first, so a generated code never takes a code the ledger names later.
      const order = [...planned].sort((a, b) => Number(!a.input.code) - Number(!b.input.code))
      // The enterprises the rows name and the zone lacks: checked row by row, created together.
      const newEnterprises = new Map<string, { name: string; creditCode: string | null }>()
      for (const p of order) {
        const e = p.enterprise
        if (p.outcome.action === 'unchanged' || !p.writeProject || !e || e.existingId) continue
        if (newEnterprises.has(e.key)) continue
        try {
          s.enterprises.checkNamed(e)
        } catch (err) {
          throw new RowWriteError(p.outcome.row, err)
        }
        newEnterprises.set(e.key, { name: e.name, creditCode: e.creditCode })
      }
      const matched = await s.enterprises.findOrCreateManyByName(trx, ctx, zoneId, [
        ...newEnterprises.values(),
      ])
      const createdNames: string[] = []
      ;[...newEnterprises.keys()].forEach((key, i) => {
        enterpriseIds.set(key, matched[i]!.id)
        if (matched[i]!.created) createdNames.push(newEnterprises.get(key)!.name)
      })
      const enterprisesCreated = createdNames.length
      let done = 0
      for (const p of order) {
        if (p.outcome.action === 'unchanged') {
          done++
          continue
        }
        try {
          if (p.writeProject) {
            const enterpriseId = p.enterprise
              ? (p.enterprise.existingId ?? enterpriseIds.get(p.enterprise.key))
              : undefined
            const input = { ...p.input, ...(enterpriseId !== undefined ? { enterpriseId } : {}) }
            if (p.outcome.projectId == null && p.outcome.action === 'created') {
              batch.push({ p, prepared: await s.projects.prepareImported(trx, ctx, input) })
            } else {
              // One summary audit entry for the whole import (below), not one per row.
              const r = await s.projects.upsertFromImport(trx, ctx, input, { audit: false })
              p.outcome.action = r.action
              p.outcome.projectId = r.projectId
              ids.push(r.projectId)
            }
          } else ids.push(p.outcome.projectId!)
          for (const yp of p.yearPlans) {
            checkPlanned(yp.planned)
            plans.push({ p, ...yp })
          }
        } catch (err) {
          throw new RowWriteError(p.outcome.row, err)
        }
        if (batch.length >= WRITE_BATCH) await flush()
        if (++done % PROGRESS_EVERY === 0) await progress({ processed: done })
      }
      await flush()
      await s.reports.setYearPlans(
        trx,
        ctx,
        plans.map(({ p, year, planned }) => ({ projectId: p.outcome.projectId!, year, planned })),
        { audit: false },
      )
      await progress({ processed: done, phase: 'recomputing' })
      await s.projects.recomputeMany(trx, ids)
      const created = planned.filter((p) => p.outcome.action === 'created').length
      const updated = planned.filter((p) => p.outcome.action === 'updated').length
      await s.audit.record(trx, ctx, {
        action: 'project.import',
        targetType: 'import_job',
        targetId: meta.jobId,
        zoneId,
        summary: `导入项目台账「${meta.filename}」：新建 ${created} 个、更新 ${updated} 个项目${enterprisesCreated ? `，新建 ${enterprisesCreated} 家企业` : ''}`,
        after: {
          filename: meta.filename,
          rows: planned.length,
          created,
          updated,
          unchanged: planned.length - created - updated,
          enterprisesCreated,
          ...(createdNames.length ? { enterprises: createdNames } : {}),
        },
      })
      return { enterprisesCreated }
    })
  }

  /** The whole import for one workbook; `dryRun` reports without writing. Throws LedgerError for unreadable files. */
  async function runImport(
    ctx: AnyCtx,
    input: {
      zone: { id: number; path: string }
      data: Buffer
      filename: string
      dryRun: boolean
      jobId: string | null
    },
    progress: Progress = () => {},
  ): Promise<ImportOutcome> {
    const { sheet, planned } = await analyse(input.data, input.zone, input.filename, progress)
    const summary = summarise(sheet, planned)
    const rows = planned.map((p) => p.outcome)
    const needsFile = summary.rejected > 0 || summary.warnings > 0
    const errorFile = async () =>
      needsFile ? errorsWorkbook(sheet.columns, sheet.rows, rows, sheet.notes) : null
    if (input.dryRun) return { ok: true, message: null, summary, rows, errorWorkbook: await errorFile() }
    if (summary.rejected > 0)
      return {
        ok: false,
        message: refusedMessage(summary.rejected),
        summary,
        rows,
        errorWorkbook: await errorFile(),
      }
    await progress({ processed: 0, phase: 'writing' })
    const { enterprisesCreated } = await write(ctx, input.zone.id, planned, input, progress)
    summary.enterprisesCreated = enterprisesCreated
    summary.created = rows.filter((r) => r.action === 'created').length
    summary.updated = rows.filter((r) => r.action === 'updated').length
    summary.unchanged = rows.filter((r) => r.action === 'unchanged').length
    return { ok: true, message: null, summary, rows, errorWorkbook: await errorFile() }
  }

  /**
   * For the demo seed and scripts: imports a workbook into a zone right away, without a job row.
   * Returns the outcome; a commit with rejected rows writes nothing and says so in `message`.
   */
  async function importWorkbook(
    ctx: AnyCtx,
    input: {
      zoneId: number
      data: Buffer
      filename?: string
      dryRun?: boolean
      /** called as the work moves on (the benchmark times the phases with it) */
      onProgress?: (p: { phase: ImportPhase; total: number; processed: number }) => void
    },
  ): Promise<ImportOutcome> {
    const zone = await repo.findZone(db, input.zoneId)
    if (zone?.kind !== 'zone') throw notFound('开发区')
    const state = { phase: 'reading' as ImportPhase, total: 0, processed: 0 }
    const progress: Progress = (p) => {
      Object.assign(state, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
      input.onProgress?.({ ...state })
    }
    try {
      return await runImport(
        ctx,
        {
          zone,
          data: input.data,
          filename: input.filename ?? 'ledger.xlsx',
          dryRun: input.dryRun ?? false,
          jobId: null,
        },
        progress,
      )
    } catch (err) {
      if (err instanceof LedgerError) throw new AppError('VALIDATION', err.message, { field: 'file' })
      if (err instanceof RowWriteError) throw err.cause
      throw err
    }
  }

  // ---------- jobs ----------

  async function runJob(
    ctx: Ctx,
    jobId: string,
    zone: { id: number; path: string },
    data: Buffer,
    filename: string,
    dryRun: boolean,
  ) {
    const state = { total: 0, processed: 0, phase: 'reading' as ImportPhase }
    live.set(jobId, state)
    let lastSaved = -1
    const progress: Progress = async (p) => {
      if (p.total !== undefined) state.total = p.total
      if (p.processed !== undefined) state.processed = p.processed
      if (p.phase) state.phase = p.phase
      // Inside the write transaction only memory is updated: the row would not be visible until commit.
      if (state.phase !== 'writing' && state.phase !== 'recomputing' && state.processed !== lastSaved) {
        lastSaved = state.processed
        await repo.updateJob(db, jobId, { total: state.total, processed: state.processed })
      }
    }
    try {
      await repo.updateJob(db, jobId, { status: 'running' })
      const out = await runImport(ctx, { zone, data, filename, dryRun, jobId }, progress)
      let errorKey: string | null = null
      if (out.errorWorkbook) {
        errorKey = `imports/${zone.id}/${jobId}-errors.xlsx`
        await files.put(errorKey, out.errorWorkbook)
      }
      await repo.updateJob(db, jobId, {
        status: out.ok ? 'done' : 'failed',
        total: out.rows.length,
        processed: out.ok ? out.rows.length : state.processed,
        result: { ...out.summary, rows: out.rows },
        error_file: errorKey,
        message: out.message,
        finished_at: clock.now(),
      })
    } catch (err) {
      let message: string
      if (err instanceof LedgerError) message = err.message
      else if (err instanceof RowWriteError) {
        const cause = err.cause
        if (!(cause instanceof AppError)) logError(cause, jobId)
        message = `第 ${err.row} 行导入失败：${cause instanceof AppError ? cause.message : '服务器内部错误'}。未导入任何数据`
      } else {
        logError(err, jobId)
        message = '导入失败（服务器内部错误），未导入任何数据，请稍后重试'
      }
      await repo
        .updateJob(db, jobId, { status: 'failed', message, finished_at: clock.now() })
        .catch((e) => logError(e, jobId))
    } finally {
      live.delete(jobId)
    }
  }

  /** Creates the job and queues the work; returns at once. */
  async function start(
    ctx: Ctx,
    input: { filename: string; data: Buffer; dryRun: boolean; zoneId?: number | null },
  ) {
    authorize(ctx.actor, 'project:import')
    const zone = await zoneFor(ctx.actor, input.zoneId)
    const jobId = randomUUID()
    await repo.insertJob(db, {
      id: jobId,
      zoneId: zone.id,
      userId: ctx.actor.id,
      dryRun: input.dryRun,
      filename: input.filename,
      at: clock.now(),
    })
    live.set(jobId, { total: 0, processed: 0, phase: 'queued' })
    const job = () => runJob(ctx, jobId, zone, input.data, input.filename, input.dryRun)
    queue = queue.then(job, job)
    return { jobId }
  }

  async function visibleJob(actor: Actor, jobId: string) {
    const row = found(await repo.findJob(db, jobId, actor), '导入任务')
    // A job a previous process was running when it stopped will never finish.
    if (
      (row.status === 'queued' || row.status === 'running') &&
      !live.has(row.id) &&
      clock.now().getTime() - new Date(row.created_at).getTime() > STALE_AFTER_MS
    ) {
      const message = '导入被中断（服务重启），未导入任何数据，请重新上传'
      await repo.updateJob(db, row.id, { status: 'failed', message, finished_at: clock.now() })
      return { ...row, status: 'failed' as const, message }
    }
    return row
  }

  async function get(actor: Actor, jobId: string) {
    const row = await visibleJob(actor, jobId)
    const rows = row.summary ? await repo.firstRows(db, row.id, FIRST_ROWS) : []
    return { ...presentJob(row, live.get(row.id)), rows: rows as unknown as RowOutcome[] }
  }

  async function rows(
    actor: Actor,
    jobId: string,
    q: {
      action?: 'created' | 'updated' | 'rejected'
      warnings?: boolean
      keyword?: string
      page?: number
      pageSize?: number
    },
  ) {
    const row = await visibleJob(actor, jobId)
    const p = pageOf(q)
    const { items, total } = await repo.jobRows(db, row.id, q, p)
    return { items: items as unknown as RowOutcome[], total, page: p.page, pageSize: p.pageSize }
  }

  const { list, exportRows } = pagedList({
    args: (q: repo.JobFilter & { sort?: 'createdAt' | '-createdAt' }) => ({
      filter: q,
      sort: { dir: q.sort === 'createdAt' ? ('asc' as const) : ('desc' as const) },
    }),
    fetch: (actor: Actor, filter, sort, window) => repo.listJobs(db, actor, filter, sort, window),
    present: (rows) => rows.map((r) => presentJob(r, live.get(r.id))),
  })

  async function errorFile(actor: Actor, jobId: string): Promise<{ stream: Readable; filename: string }> {
    const row = await visibleJob(actor, jobId)
    if (!row.error_file) throw new AppError('NOT_FOUND', '该导入没有错误清单')
    const base = row.filename.replace(/\.xlsx$/i, '')
    return { stream: await files.get(row.error_file), filename: `${base}-错误清单.xlsx` }
  }

  async function template(actor: Actor) {
    const [vocab, zone] = await Promise.all([
      repo.loadVocab(db),
      actor.zoneId ? repo.findZone(db, actor.zoneId) : Promise.resolve(undefined),
    ])
    return templateWorkbook({
      zoneName: zone?.name ?? null,
      year: year(),
      dict: vocab,
      industries: vocab.industries,
    })
  }

  return {
    start,
    get,
    rows,
    list,
    exportRows,
    errorFile,
    template,
    importWorkbook,
    /** resolves when every queued job has finished (tests, shutdown) */
    idle: () => queue,
    /** where unexpected failures of background jobs are reported (the routes hand in the app logger) */
    setErrorLogger(fn: (err: unknown, jobId: string | null) => void) {
      logError = fn
    },
  }
}

/** The row a failed batch write points at: the one whose code the database names, else the first. */
function failedRow(err: unknown, rows: Array<{ p: PlannedRow; prepared: PreparedImport }>): number {
  const detail = String((err as { detail?: unknown })?.detail ?? '')
  const hit = rows.find(({ prepared }) =>
    detail.includes(`(${prepared.row.values.zone_id}, ${prepared.row.values.code})`),
  )
  return (hit ?? rows[0]!).p.outcome.row
}

class RowWriteError extends Error {
  readonly row: number
  override readonly cause: unknown
  constructor(row: number, cause: unknown) {
    super(`row ${row}: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.row = row
    this.cause = cause
  }
}

export type ImportsService = ReturnType<typeof createImportsService>
