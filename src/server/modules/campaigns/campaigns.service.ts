import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { CampaignKind } from '../../db/schema-rhythm.ts'
import { AppError, found, invalid, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { normMoney, toUnits } from '../../lib/money.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { beijingDate, daysBetween, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import { targetZone, unitsServingZone, zoneById } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { TARGET_KEYS, type Targets } from './campaign-figures.ts'
import { createCampaignProgress, KIND_LABEL, STATUS_LABEL } from './campaign-progress.ts'
import * as repo from './campaigns.repository.ts'
import { CAMPAIGN_SORTS } from './campaigns.schema.ts'

export interface CampaignInput {
  name: string
  kind: CampaignKind
  startsOn: string
  endsOn: string
  description?: string | null
  targets: Targets
}
export type CreateCampaignInput = CampaignInput & {
  zoneId?: number
  projectIds?: number[]
  departmentIds?: number[]
}
export type UpdateCampaignInput = Partial<CampaignInput> & {
  projectIds?: number[]
  departmentIds?: number[]
  version: number
}

/** The longest campaign: a year (百日攻坚 runs 100 days; 专项行动 a season or a year). */
const MAX_DAYS = 366

const iso = (d: Date | string) => new Date(d).toISOString()

/**
 * Campaigns (百日攻坚 / 专项行动, SPEC §6): dates, targets, participating projects and departments,
 * figures against the targets and the time elapsed, the daily snapshots behind the burn-up chart
 * and the 每日调度 text. The zone's supervision office manages them (campaign:manage); everyone
 * with rhythm:read sees their zone's.
 */
export function createCampaignsService(deps: Deps, s: { audit: AuditService }) {
  const { db, clock } = deps
  const progress = createCampaignProgress(deps)
  const today = () => beijingDate(clock.now())

  function checkDates(startsOn: string, endsOn: string) {
    if (!isRealDate(startsOn)) throw invalid('startsOn', '开始日期不是有效的日期')
    if (!isRealDate(endsOn)) throw invalid('endsOn', '结束日期不是有效的日期')
    if (endsOn < startsOn) throw invalid('endsOn', '结束日期不能早于开始日期')
    if (daysBetween(startsOn, endsOn) + 1 > MAX_DAYS)
      throw invalid('endsOn', `攻坚行动最长 ${MAX_DAYS} 天，请缩短日期范围`)
  }

  /** Keeps the targets that are set (investment normalised); at least one is required. */
  function checkTargets(t: Targets): Targets {
    const out: Targets = {}
    for (const k of TARGET_KEYS) {
      const v = t[k]
      if (v == null || v === '') continue
      if (k === 'investment') {
        if (toUnits(String(v)) <= 0n) throw invalid('targets.investment', '完成投资目标须大于 0 万元')
        out.investment = normMoney(String(v))
      } else out[k] = Number(v)
    }
    if (!Object.keys(out).length)
      throw invalid('targets', '请至少填写一项攻坚目标（开工项目、完成投资、办结问题或走访次数）')
    return out
  }

  async function checkProjects(trx: Db, actor: Actor | null, zoneId: number, ids: number[]) {
    const rows = await repo.visibleProjectsOfZone(trx, zoneId, ids, actor)
    const missing = ids.filter((id) => !rows.some((p) => p.id === id))
    if (missing.length) throw invalid('projectIds', `项目不存在或不属于本开发区：#${missing.join('、#')}`)
  }

  async function checkDepartments(trx: Db, zoneId: number, ids: number[]) {
    const rows = await unitsServingZone(trx, await zoneById(trx, zoneId), ids)
    const missing = ids.filter((id) => !rows.some((d) => d.id === id))
    if (missing.length)
      throw invalid('departmentIds', `部门不存在、已停用或不能承担本开发区工作：#${missing.join('、#')}`)
  }

  async function audit(
    trx: Db,
    ctx: AnyCtx,
    c: { id: number; zoneId: number },
    action: string,
    summary: string,
    before: unknown,
    after: unknown,
  ) {
    await s.audit.record(trx, ctx, {
      action: `campaign.${action}`,
      targetType: 'campaign',
      targetId: c.id,
      zoneId: c.zoneId,
      summary,
      before: (before ?? null) as Record<string, unknown> | null,
      after: (after ?? null) as Record<string, unknown> | null,
    })
  }

  async function load(trx: Db, actor: Actor | null, id: number) {
    return found(actor ? await repo.findRow(trx, id, actor) : await repo.findRow(trx, id), '攻坚行动')
  }

  function presentRow(c: repo.CampaignRow, p: Awaited<ReturnType<typeof progress.progressOfRows>>[number]) {
    return {
      id: c.id,
      zoneId: c.zone_id,
      zoneName: c.zone_name,
      name: c.name,
      kind: c.kind,
      kindLabel: KIND_LABEL[c.kind],
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      status: p.status,
      statusLabel: STATUS_LABEL[p.status],
      description: c.description,
      targets: (c.targets ?? {}) as Targets,
      projectCount: Number(c.project_count ?? 0),
      departmentCount: Number(c.department_count ?? 0),
      asOf: p.asOf,
      dayNumber: p.dayNumber,
      totalDays: p.totalDays,
      timePercent: p.timePercent,
      progress: p.progress,
      createdBy: c.created_by ? { id: c.created_by, name: c.created_by_name ?? `#${c.created_by}` } : null,
      createdAt: iso(c.created_at),
      version: c.version,
    }
  }
  type Row = ReturnType<typeof presentRow>

  async function presentRows(rows: repo.CampaignRow[]): Promise<Row[]> {
    const ps = await progress.progressOfRows(rows)
    return rows.map((c, i) => presentRow(c, ps[i]))
  }

  const ledger = pagedList({
    args: (q: repo.CampaignFilter & { sort?: string }) => {
      const { sort: raw, ...filter } = q
      const st = raw ? sortOf(raw, CAMPAIGN_SORTS, 'startsOn') : { field: '-startsOn', dir: 'desc' as const }
      const desc = st.field.startsWith('-') || st.dir === 'desc'
      const field = st.field.replace('-', '') as repo.CampaignSortField
      return { filter, sort: { field, dir: desc ? 'desc' : 'asc' } as repo.CampaignSort }
    },
    fetch: (actor: Actor, filter, sort, window) => {
      authorize(actor, 'rhythm:read')
      return repo.list(db, actor, filter, today(), sort, window)
    },
    present: presentRows,
  })

  async function detailOf(c: repo.CampaignRow, actor: Actor | null) {
    const [[p], projects, departments] = await Promise.all([
      progress.progressOfRows([c]),
      repo.projectsOf(db, c.id),
      repo.departmentsOf(db, c.id),
    ])
    const manage = !!actor && hasPermission(actor, 'campaign:manage')
    return {
      ...presentRow(c, p),
      figures: p.figures,
      projects: projects.map((x) => ({
        id: x.id,
        code: x.code,
        name: x.name,
        stage: x.stage,
        stageLabel: x.stage_label ?? x.stage,
        light: x.light,
        lightReasons: (x.light_reasons ?? []).map((r) => r.text),
        totalInvestment: x.total_investment,
        enterpriseName: x.enterprise_name,
        startedOn: x.started_on,
      })),
      departments,
      canEdit: manage,
      canDelete: manage && p.status === 'upcoming',
    }
  }

  async function detail(actor: Actor, id: number) {
    authorize(actor, 'rhythm:read')
    return detailOf(await load(db, actor, id), actor)
  }

  async function create(ctx: AnyCtx, input: CreateCampaignInput) {
    if (ctx.actor) authorize(ctx.actor, 'campaign:manage')
    const at = clock.now()
    const id = await db.transaction().execute(async (trx) => {
      const zone = ctx.actor
        ? await targetZone(trx, ctx.actor, input.zoneId, {
            missing: '请选择攻坚行动所属开发区',
            notFoundField: true,
          })
        : await zoneById(trx, input.zoneId ?? 0)
      const name = input.name.trim()
      if (name.length < 2) throw invalid('name', '行动名称至少 2 个字')
      checkDates(input.startsOn, input.endsOn)
      const targets = checkTargets(input.targets)
      const projectIds = [...new Set(input.projectIds ?? [])]
      const departmentIds = [...new Set(input.departmentIds ?? [])]
      await checkProjects(trx, ctx.actor, zone.id, projectIds)
      await checkDepartments(trx, zone.id, departmentIds)
      const values = {
        name,
        kind: input.kind,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        targets,
        description: trimOrNull(input.description),
      }
      const id = await repo.insert(
        trx,
        { ...values, zone_id: zone.id, created_by: ctx.actor?.id ?? null },
        at,
      )
      await repo.setParticipants(trx, id, projectIds, departmentIds)
      // A campaign entered after its first day gets the days already behind it.
      await progress.snapshot(trx, await load(trx, null, id), null, false)
      await audit(
        trx,
        ctx,
        { id, zoneId: zone.id },
        'create',
        `新建${KIND_LABEL[input.kind]}「${name}」（${input.startsOn} 至 ${input.endsOn}）`,
        null,
        { ...values, projectIds, departmentIds },
      )
      return id
    })
    return detailOf(await load(db, null, id), ctx.actor)
  }

  async function update(ctx: AnyCtx, id: number, input: UpdateCampaignInput) {
    if (ctx.actor) authorize(ctx.actor, 'campaign:manage')
    await db.transaction().execute(async (trx) => {
      const c = await load(trx, ctx.actor, id)
      if (c.version !== input.version) throw versionConflict()
      const values: Partial<repo.CampaignValues> = {}
      if (input.name !== undefined) {
        const name = input.name.trim()
        if (name.length < 2) throw invalid('name', '行动名称至少 2 个字')
        values.name = name
      }
      if (input.kind !== undefined) values.kind = input.kind
      const startsOn = input.startsOn ?? c.starts_on
      const endsOn = input.endsOn ?? c.ends_on
      if (input.startsOn !== undefined || input.endsOn !== undefined) {
        checkDates(startsOn, endsOn)
        values.starts_on = startsOn
        values.ends_on = endsOn
      }
      if (input.targets !== undefined) values.targets = checkTargets(input.targets)
      if (input.description !== undefined) values.description = trimOrNull(input.description)
      // The edit form saves fields and participants together, in this one transaction.
      const projectIds = input.projectIds && [...new Set(input.projectIds)]
      const departmentIds = input.departmentIds && [...new Set(input.departmentIds)]
      if (projectIds) await checkProjects(trx, ctx.actor, c.zone_id, projectIds)
      if (departmentIds) await checkDepartments(trx, c.zone_id, departmentIds)
      if (!(await repo.update(trx, id, c.version, values, clock.now()))) throw versionConflict()
      await repo.setParticipants(trx, id, projectIds, departmentIds)
      if (values.starts_on) {
        await repo.dropDaysOutside(trx, id, startsOn, endsOn)
        await progress.snapshot(trx, await load(trx, null, id), null, false)
      }
      const before = {
        name: c.name,
        kind: c.kind,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        targets: c.targets,
        description: c.description,
      }
      await audit(
        trx,
        ctx,
        { id, zoneId: c.zone_id },
        'update',
        `修改攻坚行动「${values.name ?? c.name}」`,
        before,
        {
          ...before,
          ...values,
          ...(projectIds ? { projectIds } : {}),
          ...(departmentIds ? { departmentIds } : {}),
        },
      )
    })
    return detailOf(await load(db, null, id), ctx.actor)
  }

  async function setParticipants(
    ctx: AnyCtx,
    id: number,
    input: { projectIds: number[]; departmentIds: number[]; version: number },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'campaign:manage')
    await db.transaction().execute(async (trx) => {
      const c = await load(trx, ctx.actor, id)
      if (c.version !== input.version) throw versionConflict()
      const projectIds = [...new Set(input.projectIds)]
      const departmentIds = [...new Set(input.departmentIds)]
      await checkProjects(trx, ctx.actor, c.zone_id, projectIds)
      await checkDepartments(trx, c.zone_id, departmentIds)
      const before = {
        projectIds: (await repo.projectsOf(trx, id)).map((p) => p.id),
        departmentIds: (await repo.departmentsOf(trx, id)).map((d) => d.id),
      }
      if (!(await repo.touch(trx, id, c.version, clock.now()))) throw versionConflict()
      await repo.setParticipants(trx, id, projectIds, departmentIds)
      // Days already snapshotted keep what was recorded then; only missing days are filled.
      await progress.snapshot(trx, c, null, false)
      await audit(
        trx,
        ctx,
        { id, zoneId: c.zone_id },
        'participants',
        `调整攻坚行动「${c.name}」参与项目 ${projectIds.length} 个、部门 ${departmentIds.length} 个`,
        before,
        { projectIds, departmentIds },
      )
    })
    return detailOf(await load(db, null, id), ctx.actor)
  }

  /** Only a campaign that has not started may be deleted: once under way its figures are on record. */
  async function remove(ctx: AnyCtx, id: number, version: number) {
    if (ctx.actor) authorize(ctx.actor, 'campaign:manage')
    await db.transaction().execute(async (trx) => {
      const c = await load(trx, ctx.actor, id)
      if (c.version !== version) throw versionConflict()
      if (c.starts_on <= today())
        throw new AppError(
          'CONFLICT',
          `攻坚行动已于 ${c.starts_on} 开始，不能删除；如需提前结束，请修改结束日期`,
        )
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        { id, zoneId: c.zone_id },
        'delete',
        `删除攻坚行动「${c.name}」`,
        { name: c.name, starts_on: c.starts_on, ends_on: c.ends_on, targets: c.targets },
        null,
      )
    })
    return { ok: true }
  }

  async function series(actor: Actor, id: number) {
    authorize(actor, 'rhythm:read')
    return progress.series(await load(db, actor, id))
  }

  async function summary(actor: Actor, id: number) {
    authorize(actor, 'rhythm:read')
    return progress.summary(await load(db, actor, id))
  }

  return {
    list: ledger.list,
    exportRows: ledger.exportRows,
    detail,
    create,
    update,
    setParticipants,
    remove,
    series,
    summary,
    /** the nightly snapshot (campaigns.jobs.ts) */
    snapshotYesterday: progress.snapshotYesterday,
    /** contract with the bulletin: campaigns of a zone overlapping [from, to], figures as of `to` */
    progressForBulletin: progress.progressForBulletin,
  }
}

export type CampaignsService = ReturnType<typeof createCampaignsService>
export type CampaignRowOut = Awaited<ReturnType<CampaignsService['exportRows']>>[number]
