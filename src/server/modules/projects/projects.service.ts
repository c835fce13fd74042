import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, invalid, notFound, versionConflict } from '../../errors.ts'
import { searchText, searchVector } from '../../lib/chinese-search.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { beijingDate, beijingYearMonth } from '../../lib/time.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import {
  targetZone,
  unitsServingZone,
  usersServingZone,
  type ZoneRef,
  zoneById,
} from '../../policies/zone-target.ts'
import type { AdmissionHit, AdmissionService } from '../admission/admission.service.ts'
import { admissionText } from '../admission/admission.service.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { LightsService } from '../lights/lights.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import { templateMilestones } from './milestone-templates.ts'
import * as msRepo from './milestones.repository.ts'
import { createMilestones } from './milestones.service.ts'
import {
  createProjectLights,
  fiveOnesApplies,
  type ReportsReader,
  type ScheduleStatusLike,
} from './project-lights.ts'
import * as repo from './projects.repository.ts'
import {
  FIVE_ONES_LABEL,
  type FiveOnesCode,
  PROJECT_SORTS,
  stageIndex,
  TEAM_ROLE_LABEL,
} from './projects.schema.ts'

export type { ScheduleStatusLike } from './project-lights.ts'

/** The fields a project is created or edited with (the API body, camelCase). */
export interface ProjectInput {
  name?: string
  enterpriseId?: number | null
  nature?: string | null
  industryCode?: string | null
  regionCode?: string | null
  address?: string | null
  lng?: number | null
  lat?: number | null
  level?: string | null
  isKey?: boolean
  isPublic?: boolean
  totalInvestment?: string
  completedBefore?: string
  startDate?: string | null
  endDate?: string | null
  tags?: string[]
  description?: string | null
  admissionOverrideReason?: string
}

export interface ImportProjectInput {
  zoneId: number
  code?: string | null
  name: string
  enterpriseId?: number | null
  nature?: string | null
  industryCode?: string | null
  level?: string | null
  address?: string | null
  /** a map point, when the ledger has one */
  lng?: number | null
  lat?: number | null
  totalInvestment: string
  completedBefore?: string | null
  startDate?: string | null
  endDate?: string | null
  stage?: string | null
  isKey?: boolean
  tags?: string[]
  leaderUserIds?: number[]
  leadDepartmentId?: number | null
  coDepartmentIds?: number[]
  description?: string | null
  admissionOverrideReason?: string | null
}

export interface ProjectSummary {
  id: number
  code: string
  name: string
  stage: string
  light: string
  lightReasons: Array<{ rule: string; light: string; text: string }>
  totalInvestment: string
  isKey: boolean
  isPublic: boolean
}

const FIELD_LABEL: Record<string, string> = {
  name: '项目名称',
  enterprise_id: '建设单位',
  nature: '建设性质',
  industry_code: '行业',
  region_code: '行政区划',
  address: '建设地点',
  lng: '位置',
  lat: '位置',
  level: '项目级别',
  is_key: '重点项目',
  is_public: '公开项目',
  total_investment: '总投资',
  completed_before: '以前年度完成投资',
  start_date: '建设年限',
  end_date: '建设年限',
  description: '项目简介',
  tags: '项目标签',
}

const DICT_TYPES = ['project_stage', 'project_nature', 'project_level', 'project_tag'] as const
type DictType = (typeof DICT_TYPES)[number]
const DICT_TITLE: Record<DictType, string> = {
  project_stage: '项目阶段',
  project_nature: '建设性质',
  project_level: '项目级别',
  project_tag: '项目标签',
}
const DICT_TTL_MS = 10_000

/** Per-transaction memo for bulk work (imports): zones, code sequences, look-ups. */
interface TxCache {
  zones: Map<number, ZoneRef>
  seq: Map<string, number>
  enterprises: Map<number, { zone_id: number; name: string } | null>
  admission: Map<string, AdmissionHit | null>
  users: Map<string, boolean>
  departments: Map<string, boolean>
  industries: Map<string, boolean>
}

const money = (v: string | null | undefined) => (v == null ? null : v)

/** Key projects: the ledger, 五个一, milestones, stages, lights; the owner of 'project' and 'milestone' attachments. */
export function createProjectsService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    lights: LightsService
    admission: AdmissionService
    reports: ReportsService
    attachments: AttachmentsService
  },
) {
  const { db, clock } = deps
  const reports: ReportsReader = s.reports
  const lightsCalc = createProjectLights(deps, { lights: s.lights, reports })
  deps.hooks.on('projectChanged', (trx, projectId) => lightsCalc.recompute(trx, projectId))

  /** Announces a change of a project's inputs: its light and 五个一 are recomputed in the same transaction. */
  const changed = (trx: Db, projectId: number) => deps.hooks.emit('projectChanged', trx, projectId)
  const today = () => beijingDate(clock.now())

  // ---------- dictionaries (labels for messages, codes for validation) ----------

  let dictCache: {
    at: number
    byType: Map<string, Map<string, { label: string; enabled: boolean }>>
  } | null = null
  async function dicts(trx: Db) {
    if (!dictCache || Date.now() - dictCache.at > DICT_TTL_MS) {
      const byType = new Map<string, Map<string, { label: string; enabled: boolean }>>()
      for (const r of await repo.dictItems(trx, [...DICT_TYPES])) {
        const m = byType.get(r.type_code) ?? new Map()
        m.set(r.code, { label: r.label, enabled: r.enabled })
        byType.set(r.type_code, m)
      }
      dictCache = { at: Date.now(), byType }
    }
    return dictCache.byType
  }
  async function label(trx: Db, type: DictType, code: string | null) {
    if (!code) return ''
    return (await dicts(trx)).get(type)?.get(code)?.label ?? code
  }
  async function checkDict(trx: Db, type: DictType, code: string, field: string) {
    const item = (await dicts(trx)).get(type)?.get(code)
    if (!item?.enabled) throw invalid(field, `${DICT_TITLE[type]}「${code}」不在字典中`)
  }

  // ---------- per-transaction memo ----------

  // A transaction handle passed in (Kysely Transaction) identifies its transaction; the root handle
  // (transaction-aware proxy) does not, so then the transaction id is asked for.
  const byHandle = new WeakMap<object, TxCache>()
  const byTxid = new Map<string, TxCache>()
  const emptyCache = (): TxCache => ({
    zones: new Map(),
    seq: new Map(),
    enterprises: new Map(),
    admission: new Map(),
    users: new Map(),
    departments: new Map(),
    industries: new Map(),
  })
  async function txCache(trx: Db): Promise<TxCache> {
    if (trx !== db && trx.isTransaction) {
      const known = byHandle.get(trx)
      if (known) return known
      const fresh = emptyCache()
      byHandle.set(trx, fresh)
      return fresh
    }
    const id = await repo.currentTxid(trx)
    const known = byTxid.get(id)
    if (known) return known
    const fresh = emptyCache()
    byTxid.set(id, fresh)
    // Keep only the last few transactions' memos.
    while (byTxid.size > 8) byTxid.delete(byTxid.keys().next().value!)
    return fresh
  }

  function codePrefix(zone: ZoneRef) {
    const year = beijingYearMonth(clock.now()).year
    return `${(zone.code?.trim() || 'XM').toUpperCase()}-${year}-`
  }

  /** `<zone code or XM>-<year>-<4 digits>`, e.g. DLT-2026-0007; serialised per zone by an advisory lock. */
  async function nextCode(trx: Db, zone: ZoneRef): Promise<string> {
    const cache = await txCache(trx)
    const prefix = codePrefix(zone)
    const key = `${zone.id}|${prefix}`
    let n = cache.seq.get(key)
    if (n === undefined) {
      await repo.lockCodes(trx, zone.id)
      n = await repo.maxSequence(trx, zone.id, prefix)
    }
    n += 1
    cache.seq.set(key, n)
    return `${prefix}${String(n).padStart(4, '0')}`
  }

  /** An explicit code (from a ledger) that looks generated moves the sequence past it. */
  async function noteExplicitCode(trx: Db, zone: ZoneRef, code: string) {
    const prefix = codePrefix(zone)
    if (!code.startsWith(prefix) || !/^\d+$/.test(code.slice(prefix.length))) return
    const cache = await txCache(trx)
    const key = `${zone.id}|${prefix}`
    let n = cache.seq.get(key)
    if (n === undefined) {
      await repo.lockCodes(trx, zone.id)
      n = await repo.maxSequence(trx, zone.id, prefix)
    }
    cache.seq.set(key, Math.max(n, Number(code.slice(prefix.length))))
  }

  // ---------- presenters ----------

  function scheduleBrief(st: ScheduleStatusLike | undefined | null) {
    if (!st) return null
    return {
      year: st.year,
      asOfMonth: st.asOfMonth,
      annualPlan: money(st.annualPlan),
      completedThisYear: st.completedThisYear,
      completedTotal: st.completedTotal,
      completionRate: st.schedule?.completionRate ?? null,
      scheduleRate: st.schedule?.scheduleRate ?? null,
      gapPoints: st.schedule?.gapPoints ?? null,
      lastReportedMonth: st.lastReportedMonth,
    }
  }

  function presentRow(r: repo.ProjectRowDb, st?: ScheduleStatusLike | null) {
    return {
      id: r.id,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      code: r.code,
      name: r.name,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name ?? null,
      nature: r.nature,
      stage: r.stage,
      level: r.level,
      industryCode: r.industry_code,
      industryName: r.industry_name ?? null,
      totalInvestment: r.total_investment,
      isKey: r.is_key,
      isPublic: r.is_public,
      light: r.light,
      lightReasons: r.light_reasons ?? [],
      fiveOnesMissing: (r.five_ones_missing ?? []) as string[],
      leaders: r.leaders ?? [],
      leadUnit: r.lead_unit ?? null,
      tags: r.tags ?? [],
      startDate: r.start_date,
      endDate: r.end_date,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      schedule: scheduleBrief(st),
    }
  }
  type Row = ReturnType<typeof presentRow>

  async function statusesOf(ids: number[]) {
    const out = new Map<number, ScheduleStatusLike>()
    for (let i = 0; i < ids.length; i += 5000) {
      const part = await reports.scheduleStatuses(db, ids.slice(i, i + 5000), clock.now())
      for (const [k, v] of part) out.set(k, v)
    }
    return out
  }

  async function withSchedules(rows: repo.ProjectRowDb[]): Promise<Row[]> {
    const st = await statusesOf(rows.map((r) => r.id))
    return rows.map((r) => presentRow(r, st.get(r.id)))
  }

  function auditView(p: repo.RawProject, extra: Record<string, unknown> = {}) {
    return {
      code: p.code,
      name: p.name,
      enterpriseId: p.enterprise_id,
      nature: p.nature,
      industryCode: p.industry_code,
      regionCode: p.region_code,
      address: p.address,
      level: p.level,
      isKey: p.is_key,
      isPublic: p.is_public,
      totalInvestment: p.total_investment,
      completedBefore: p.completed_before,
      startDate: p.start_date,
      endDate: p.end_date,
      actualStartDate: p.actual_start_date,
      stage: p.stage,
      description: p.description,
      ...extra,
    }
  }

  // ---------- reads ----------

  async function findVisible(actor: Actor, id: number) {
    const r = await repo.findVisible(db, id, actor)
    return r
      ? { id: r.id, zoneId: r.zone_id, enterpriseId: r.enterprise_id, name: r.name, code: r.code }
      : null
  }

  function listArgs(q: repo.ProjectFilter & { sort?: string }) {
    const s2 = sortOf(q.sort, PROJECT_SORTS, 'code')
    return { filter: q, sort: { field: s2.field.replace('-', '') as repo.ProjectSortField, dir: s2.dir } }
  }

  const ledger = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: withSchedules,
  })
  const list = ledger.list

  async function exportRows(actor: Actor, q: repo.ProjectFilter & { sort?: string }) {
    const rows = await ledger.exportRows(actor, q)
    const d = await dicts(db)
    const lbl = (type: DictType, code: string | null) => (code ? (d.get(type)?.get(code)?.label ?? code) : '')
    return rows.map((r) => ({
      ...r,
      stageLabel: lbl('project_stage', r.stage),
      levelLabel: lbl('project_level', r.level),
      natureLabel: lbl('project_nature', r.nature),
      tagLabels: r.tags.map((t) => lbl('project_tag', t)),
    }))
  }

  async function listForEnterprise(actor: Actor, enterpriseId: number): Promise<ProjectSummary[]> {
    const rows = await repo.listForEnterprise(db, actor, enterpriseId)
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      stage: r.stage,
      light: r.light,
      lightReasons: r.light_reasons ?? [],
      totalInvestment: r.total_investment,
      isKey: r.is_key,
      isPublic: r.is_public,
    }))
  }

  async function loadVisibleRow(actor: Actor, id: number, trx: Db = db) {
    return found(await repo.findRow(trx, id, actor), '项目')
  }

  async function get(actor: Actor, id: number) {
    return detail(id, await loadVisibleRow(actor, id))
  }

  /**
   * Everything the project page shows (no scope check: get() checks; internal callers have).
   * `loaded` is the row when the caller has just read it (one round trip fewer for the page).
   */
  async function detail(id: number, loaded?: repo.ProjectRowDb) {
    const row = loaded ?? found(await repo.findRow(db, id), '项目')
    const now = clock.now()
    const [status, extras, milestones] = await Promise.all([
      reports.scheduleStatus(db, id, now),
      repo.detailExtras(db, id),
      msRepo.listFor(db, id),
    ])
    const { head, leaders, team, units, weekly, fundsTotal } = extras
    const base = presentRow(row, status)
    const t = today()
    const ms = milestones.map((m) => milestonesApi.present(m, t))
    const lead = units.find((u) => u.role === 'lead')
    const co = units.filter((u) => u.role === 'co')
    const missing = new Set(base.fiveOnesMissing as FiveOnesCode[])
    const applies = fiveOnesApplies({ is_key: row.is_key, stage: row.stage })
    const planned = ms.filter((m) => m.plannedDate)
    const head_ = team.find((m) => m.role === 'head')
    const override = head.admission_override as {
      kind: string
      reason: string
      by: number
      at: string
    } | null
    const fiveOnes = [
      {
        code: 'units',
        label: '一个项目',
        text: lead
          ? `牵头单位：${lead.name}${co.length ? `；配合单位：${co.map((c) => c.name).join('、')}` : ''}`
          : '未明确牵头单位',
      },
      {
        code: 'leader',
        label: '一名包联领导',
        text: leaders.length ? leaders.map((l) => l.name).join('、') : '未确定包联领导',
      },
      {
        code: 'team',
        label: '一个工作专班',
        text: team.length
          ? `${team.length} 名成员${head_ ? `，负责人 ${head_.name}` : ''}`
          : '未组建工作专班',
      },
      {
        code: 'plan',
        label: '一套工作方案',
        text: planned.length
          ? `${planned.length} 个节点，已完成 ${ms.filter((m) => m.actualDate).length} 个`
          : '没有带计划日期的节点',
      },
      {
        code: 'followup',
        label: '一抓到底',
        text: weekly ? `最近周进展：${weekly.week_start} 当周` : '还没有周进展',
      },
    ].map((f) => ({
      ...f,
      applies,
      ok: !missing.has(f.code as FiveOnesCode),
      text: f.code === 'followup' && missing.has('followup') && weekly ? `${f.text}（近两周未报）` : f.text,
    }))
    return {
      ...base,
      regionCode: head.region_code,
      regionName: head.region_name ?? null,
      address: head.address,
      lng: head.lng == null ? null : Number(head.lng),
      lat: head.lat == null ? null : Number(head.lat),
      completedBefore: head.completed_before,
      actualStartDate: head.actual_start_date,
      stageChangedAt: head.stage_changed_at ? new Date(head.stage_changed_at).toISOString() : null,
      description: head.description,
      createdAt: new Date(head.created_at).toISOString(),
      lightAt: head.light_at ? new Date(head.light_at).toISOString() : null,
      admissionOverride: override ? { ...override, byName: head.override_by_name ?? null } : null,
      enterprise: row.enterprise_id
        ? {
            id: row.enterprise_id,
            name: row.enterprise_name ?? '',
            creditCode: head.enterprise_credit_code ?? null,
          }
        : null,
      leaderDetails: leaders.map((l) => ({
        id: l.id,
        name: l.name,
        departmentName: l.department_name,
        title: l.title,
      })),
      team: team.map((m) => ({
        id: m.id,
        name: m.name,
        departmentName: m.department_name,
        title: m.title,
        role: m.role,
      })),
      units: {
        lead: lead ? { id: lead.id, name: lead.name } : null,
        co: co.map((c) => ({ id: c.id, name: c.name })),
      },
      milestones: ms,
      fiveOnes,
      latestWeekly: weekly
        ? {
            weekStart: weekly.week_start,
            done: weekly.done,
            nextPlan: weekly.next_plan,
            problems: weekly.problems,
            submittedAt: new Date(weekly.submitted_at).toISOString(),
            submittedBy: weekly.submitted_by_name ?? null,
          }
        : null,
      fundsTotal,
    }
  }

  async function timeline(actor: Actor, id: number, q: { page?: number; pageSize?: number }) {
    if (!(await repo.findVisible(db, id, actor))) throw notFound('项目')
    return s.events.timeline({ subjectType: 'project', subjectId: id }, q)
  }

  // ---------- validation of fields ----------

  /** Validates the given fields and maps them to columns (only those given). */
  async function columnsOf(trx: Db, zone: ZoneRef, input: ProjectInput, cache?: TxCache) {
    const c: Record<string, unknown> = {}
    if (input.name !== undefined) {
      const name = input.name.trim()
      if (!name) throw invalid('name', '项目名称不能为空')
      c.name = name
    }
    if (input.enterpriseId !== undefined) {
      if (input.enterpriseId === null) c.enterprise_id = null
      else {
        let ent = cache?.enterprises.get(input.enterpriseId)
        if (ent === undefined) {
          ent = (await repo.enterpriseOf(trx, input.enterpriseId)) ?? null
          cache?.enterprises.set(input.enterpriseId, ent)
        }
        if (!ent || ent.zone_id !== zone.id) throw invalid('enterpriseId', '建设单位不存在或不属于本开发区')
        c.enterprise_id = input.enterpriseId
      }
    }
    if (input.nature !== undefined) {
      if (input.nature) await checkDict(trx, 'project_nature', input.nature, 'nature')
      c.nature = input.nature || null
    }
    if (input.level !== undefined) {
      if (input.level) await checkDict(trx, 'project_level', input.level, 'level')
      c.level = input.level || null
    }
    if (input.industryCode !== undefined) {
      if (input.industryCode && !(await industryExists(trx, input.industryCode, cache)))
        throw invalid(
          'industryCode',
          `行业代码「${input.industryCode}」不存在（GB/T 4754 门类字母或两位大类代码）`,
        )
      c.industry_code = input.industryCode || null
    }
    if (input.regionCode !== undefined) {
      if (input.regionCode && !(await repo.regionOf(trx, input.regionCode)))
        throw invalid('regionCode', `行政区划代码「${input.regionCode}」不存在`)
      c.region_code = input.regionCode || null
    }
    if (input.address !== undefined) c.address = input.address?.trim() || null
    if (input.lng !== undefined) c.lng = input.lng == null ? null : input.lng.toFixed(6)
    if (input.lat !== undefined) c.lat = input.lat == null ? null : input.lat.toFixed(6)
    if (input.isKey !== undefined) c.is_key = input.isKey
    if (input.isPublic !== undefined) c.is_public = input.isPublic
    if (input.totalInvestment !== undefined) c.total_investment = input.totalInvestment
    if (input.completedBefore !== undefined) c.completed_before = input.completedBefore
    if (input.startDate !== undefined) c.start_date = input.startDate || null
    if (input.endDate !== undefined) c.end_date = input.endDate || null
    if (input.description !== undefined) c.description = input.description?.trim() || null
    if (input.tags !== undefined) for (const t of input.tags) await checkDict(trx, 'project_tag', t, 'tags')
    return c
  }

  async function industryExists(trx: Db, code: string, cache?: TxCache) {
    let ok = cache?.industries.get(code)
    if (ok === undefined) {
      ok = !!(await repo.industryOf(trx, code))
      cache?.industries.set(code, ok)
    }
    return ok
  }

  function checkPeriod(start: string | null | undefined, end: string | null | undefined) {
    if (start && end && end < start) throw invalid('endDate', '建设年限（止）不能早于建设年限（起）')
  }

  async function checkUsers(trx: Db, zone: ZoneRef, ids: number[], field: string, cache?: TxCache) {
    const key = `${zone.id}|${[...ids].sort().join(',')}`
    if (cache?.users.get(key)) return
    const found = await usersServingZone(trx, zone, ids)
    const missing = ids.filter((id) => !found.some((u) => u.id === id))
    if (missing.length) throw invalid(field, `用户不存在、已停用或不属于本开发区：#${missing.join('、#')}`)
    cache?.users.set(key, true)
    return found
  }

  async function checkDepartments(trx: Db, zone: ZoneRef, ids: number[], field: string, cache?: TxCache) {
    const key = `${zone.id}|${[...ids].sort().join(',')}`
    if (cache?.departments.get(key)) return []
    const found = await unitsServingZone(trx, zone, ids)
    const missing = ids.filter((id) => !found.some((d) => d.id === id))
    if (missing.length) throw invalid(field, `部门不存在、已停用或不属于本开发区：#${missing.join('、#')}`)
    cache?.departments.set(key, true)
    return found
  }

  /**
   * 产业准入: an industry on the zone's negative list needs a reason; with one, the override is
   * returned for storing (and the caller records the event and audit entry).
   */
  async function admissionFor(
    trx: Db,
    ctx: AnyCtx,
    zoneId: number,
    industryCode: string | null,
    reason: string | null | undefined,
    cache?: TxCache,
  ) {
    if (!industryCode) return null
    const key = `${zoneId}|${industryCode}`
    let hit = cache?.admission.get(key)
    if (hit === undefined) {
      hit = await s.admission.check(trx, zoneId, industryCode)
      cache?.admission.set(key, hit)
    }
    if (!hit) return null
    const why = reason?.trim()
    if (!why)
      throw new AppError('CONFLICT', `${admissionText(hit)}。如确需立项，请填写理由后再次提交`, {
        field: 'industryCode',
        details: { admission: hit },
      })
    return {
      hit,
      override: { kind: hit.kind, reason: why, by: ctx.actor?.id ?? null, at: clock.now().toISOString() },
    }
  }

  async function recordOverride(
    trx: Db,
    ctx: AnyCtx,
    p: { id: number; zone_id: number; enterprise_id: number | null; code: string; name: string },
    a: { hit: AdmissionHit; override: { reason: string } },
  ) {
    const who = ctx.actor ? ctx.actor.displayName : ctx.label
    await s.events.record(trx, ctx, {
      zoneId: p.zone_id,
      subjectType: 'project',
      subjectId: p.id,
      enterpriseId: p.enterprise_id,
      kind: 'admission_override',
      summary: `产业准入：${who}以理由「${a.override.reason}」越过负面清单（${a.hit.industryCode} ${a.hit.industryName}，${a.hit.kind === 'forbidden' ? '禁止类' : '限制类'}）`,
      data: { admission: a.hit, reason: a.override.reason },
    })
    await s.audit.record(trx, ctx, {
      action: 'project.admission.override',
      targetType: 'project',
      targetId: p.id,
      zoneId: p.zone_id,
      summary: `项目 ${p.code} ${p.name}：越过产业准入负面清单（${a.hit.industryCode} ${a.hit.industryName}），理由：${a.override.reason}`,
      after: { admission: a.hit, reason: a.override.reason },
    })
  }

  async function projectEvent(
    trx: Db,
    ctx: AnyCtx,
    p: { id: number; zone_id: number; enterprise_id: number | null },
    kind: string,
    summary: string,
    data?: Record<string, unknown>,
  ) {
    await s.events.record(trx, ctx, {
      zoneId: p.zone_id,
      subjectType: 'project',
      subjectId: p.id,
      enterpriseId: p.enterprise_id,
      kind,
      summary,
      data,
    })
  }

  // ---------- create ----------

  interface CreateArgs extends ProjectInput {
    name: string
    totalInvestment: string
    stage?: string | null
    code?: string | null
    leaderUserIds?: number[]
    leadDepartmentId?: number | null
    coDepartmentIds?: number[]
  }

  /** How new projects are recorded: the audit action, the timeline text, extra event data. */
  interface NewHow {
    action: string
    eventSummary: (code: string) => string
    data?: Record<string, unknown>
    cache?: TxCache
    /** false: the caller records one audit entry for the whole batch (ledger import) */
    audit?: boolean
  }

  /** A new project checked and numbered, not yet written (`writeNew` writes many in one statement). */
  interface PreparedNew {
    row: repo.NewProjectRow
    input: CreateArgs
    adm: Awaited<ReturnType<typeof admissionFor>>
  }

  async function prepareNew(
    trx: Db,
    ctx: AnyCtx,
    zone: ZoneRef,
    input: CreateArgs,
    cache?: TxCache,
  ): Promise<PreparedNew> {
    const cols = await columnsOf(trx, zone, input, cache)
    const stage = input.stage || 'negotiating'
    await checkDict(trx, 'project_stage', stage, 'stage')
    checkPeriod(input.startDate, input.endDate)
    const adm = await admissionFor(
      trx,
      ctx,
      zone.id,
      input.industryCode ?? null,
      input.admissionOverrideReason,
      cache,
    )
    if (input.leaderUserIds?.length) await checkUsers(trx, zone, input.leaderUserIds, 'leaderUserIds', cache)
    const unitIds = [
      ...(input.leadDepartmentId ? [input.leadDepartmentId] : []),
      ...(input.coDepartmentIds ?? []),
    ]
    if (unitIds.length) await checkDepartments(trx, zone, [...new Set(unitIds)], 'leadDepartmentId', cache)

    let code = input.code?.trim() || null
    if (code) await noteExplicitCode(trx, zone, code)
    else code = await nextCode(trx, zone)
    const values: repo.ProjectValues = {
      zone_id: zone.id,
      code,
      name: cols.name as string,
      enterprise_id: (cols.enterprise_id as number | null) ?? null,
      nature: (cols.nature as string | null) ?? null,
      industry_code: (cols.industry_code as string | null) ?? null,
      region_code: (cols.region_code as string | null) ?? null,
      address: (cols.address as string | null) ?? null,
      lng: (cols.lng as string | null) ?? null,
      lat: (cols.lat as string | null) ?? null,
      level: (cols.level as string | null) ?? null,
      is_key: (cols.is_key as boolean | undefined) ?? true,
      is_public: (cols.is_public as boolean | undefined) ?? false,
      total_investment: cols.total_investment as string,
      completed_before: (cols.completed_before as string | undefined) ?? '0',
      start_date: (cols.start_date as string | null) ?? null,
      end_date: (cols.end_date as string | null) ?? null,
      actual_start_date: null,
      stage,
      description: (cols.description as string | null) ?? null,
      admission_override: adm?.override ?? null,
      created_by: ctx.actor?.id ?? null,
    }
    const enterpriseName = values.enterprise_id
      ? (cache?.enterprises.get(values.enterprise_id)?.name ??
          (await repo.enterpriseOf(trx, values.enterprise_id))?.name) ||
        null
      : null
    const row: repo.NewProjectRow = {
      values,
      search: searchText(values.name, values.code, enterpriseName, values.address),
      tags: input.tags ?? [],
      leaderIds: input.leaderUserIds ?? [],
      units: [
        ...(input.leadDepartmentId ? [{ departmentId: input.leadDepartmentId, role: 'lead' as const }] : []),
        ...(input.coDepartmentIds ?? [])
          .filter((d) => d !== input.leadDepartmentId)
          .map((d) => ({ departmentId: d, role: 'co' as const })),
      ],
      milestones: templateMilestones({
        nature: values.nature,
        stage,
        startDate: values.start_date,
        endDate: values.end_date,
      }),
    }
    return { row, input, adm }
  }

  /** Writes prepared projects in one statement, then their timeline events, audit entries and overrides. */
  async function writeNew(trx: Db, ctx: AnyCtx, prepared: PreparedNew[], how: NewHow) {
    const ids = await repo.insertProjects(
      trx,
      prepared.map((x) => x.row),
      clock.now(),
    )
    const made = prepared.map(({ row }, i) => ({
      id: ids[i]!,
      zone_id: row.values.zone_id,
      enterprise_id: row.values.enterprise_id,
      code: row.values.code,
      name: row.values.name,
    }))
    await s.events.recordMany(
      trx,
      ctx,
      made.map((p, i) => ({
        zoneId: p.zone_id,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterprise_id,
        kind: 'created',
        summary: how.eventSummary(p.code),
        data: { ...how.data, milestones: prepared[i]!.row.milestones.length },
      })),
    )
    for (const [i, { row, input, adm }] of prepared.entries()) {
      const p = made[i]!
      if (how.audit !== false)
        await s.audit.record(trx, ctx, {
          action: how.action,
          targetType: 'project',
          targetId: p.id,
          zoneId: p.zone_id,
          summary: `新建项目 ${p.code} ${p.name}`,
          after: {
            ...row.values,
            tags: row.tags,
            leaderUserIds: input.leaderUserIds ?? [],
            leadDepartmentId: input.leadDepartmentId ?? null,
            coDepartmentIds: input.coDepartmentIds ?? [],
          } as Record<string, unknown>,
        })
      if (adm) await recordOverride(trx, ctx, p, adm)
    }
    return made.map((p) => ({ id: p.id, code: p.code }))
  }

  async function insertNew(trx: Db, ctx: AnyCtx, zone: ZoneRef, input: CreateArgs, how: NewHow) {
    const prepared = await prepareNew(trx, ctx, zone, input, how.cache)
    const [out] = await writeNew(trx, ctx, [prepared], how)
    return out!
  }

  async function create(ctx: AnyCtx, input: CreateArgs & { zoneId?: number }) {
    let zone: ZoneRef
    if (ctx.actor) {
      authorize(ctx.actor, 'project:manage')
      zone = await targetZone(db, ctx.actor, input.zoneId)
    } else {
      if (!input.zoneId) throw invalid('zoneId', '请选择所属开发区')
      zone = await zoneById(db, input.zoneId)
    }
    return db.transaction().execute(async (trx) => {
      const { id } = await insertNew(trx, ctx, zone, input, {
        action: 'project.create',
        eventSummary: (code) => `新建项目 ${code}`,
      })
      await changed(trx, id)
      return detail(id)
    })
  }

  /** 落地: the pipeline turns a signed lead into a project (stage 签约, tag 落地一批). */
  async function createFromLead(
    trx: Db,
    ctx: AnyCtx,
    input: {
      zoneId: number
      name: string
      enterpriseId: number | null
      industryCode: string | null
      totalInvestment: string
      leadId: number
      startDate?: string | null
    },
  ): Promise<{ id: number; code: string }> {
    const zone = await zoneById(trx, input.zoneId)
    // A lead already went through negotiation: a listed industry does not stop the landing, but the
    // timeline says so and the override carries the landing as its reason.
    const hit = await s.admission.check(trx, zone.id, input.industryCode)
    const out = await insertNew(
      trx,
      ctx,
      zone,
      {
        name: input.name,
        enterpriseId: input.enterpriseId,
        industryCode: input.industryCode,
        totalInvestment: input.totalInvestment,
        startDate: input.startDate ?? null,
        stage: 'signed',
        tags: ['landed'],
        admissionOverrideReason: hit ? `招商项目 #${input.leadId} 签约落地` : undefined,
      },
      {
        action: 'project.create',
        eventSummary: (code) => `招商项目签约落地，新建项目 ${code}`,
        data: { leadId: input.leadId },
      },
    )
    await changed(trx, out.id)
    return out
  }

  /**
   * 共性事立项办: a common problem becomes a public / infrastructure project (公共项目: is_public,
   * key project, stage 前期手续, nature 新建, the lead unit given). Internal: the caller (the common
   * problems module) has authorised and opened the transaction; its timeline says where it came from.
   */
  async function createPublic(
    trx: Db,
    ctx: AnyCtx,
    input: {
      zoneId: number
      name: string
      leadDepartmentId: number
      totalInvestment?: string | null
      description?: string | null
      address?: string | null
      lng?: number | null
      lat?: number | null
      /** the common problem it is promoted from */
      problem: { id: number; code: string }
    },
  ): Promise<{ id: number; code: string }> {
    const zone = await zoneById(trx, input.zoneId)
    const out = await insertNew(
      trx,
      ctx,
      zone,
      {
        name: input.name,
        totalInvestment: input.totalInvestment || '0',
        description: input.description ?? null,
        address: input.address ?? null,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        nature: 'new',
        stage: 'preliminary',
        isKey: true,
        isPublic: true,
        leadDepartmentId: input.leadDepartmentId,
      },
      {
        action: 'project.create',
        eventSummary: (code) => `共性问题 ${input.problem.code} 立项为公共项目 ${code}`,
        data: { problemId: input.problem.id, problemCode: input.problem.code },
      },
    )
    await changed(trx, out.id)
    return out
  }

  /**
   * One ledger row: matched by (zone, code) when a code is given, else by (zone, name); created or
   * updated. Meant to run thousands of times in one transaction: look-ups are memoised per
   * transaction and lights are NOT recomputed here — the caller calls recomputeMany afterwards.
   * Each row gets a timeline event and, unless `opts.audit === false` (the caller then records one
   * entry for the whole import), its own audit entry; a negative-list override is always audited.
   */
  /** The creation arguments of a ledger row (the columns it names). */
  function importArgs(input: ImportProjectInput, fields: ProjectInput, code: string | null): CreateArgs {
    return {
      ...fields,
      name: input.name,
      totalInvestment: input.totalInvestment,
      admissionOverrideReason: input.admissionOverrideReason ?? undefined,
      code,
      stage: input.stage,
      leaderUserIds: input.leaderUserIds,
      leadDepartmentId: input.leadDepartmentId,
      coDepartmentIds: input.coDepartmentIds,
    }
  }

  function importHow(cache: TxCache, audit?: boolean): NewHow {
    return {
      action: 'project.import.create',
      eventSummary: (c) => `由项目台账导入新建项目 ${c}`,
      cache,
      audit,
    }
  }

  function importFields(input: ImportProjectInput): ProjectInput {
    return {
      name: input.name,
      enterpriseId: input.enterpriseId,
      nature: input.nature,
      industryCode: input.industryCode,
      level: input.level,
      address: input.address,
      lng: input.lng,
      lat: input.lat,
      totalInvestment: input.totalInvestment,
      completedBefore: input.completedBefore ?? undefined,
      startDate: input.startDate,
      endDate: input.endDate,
      isKey: input.isKey,
      tags: input.tags,
      description: input.description,
    }
  }

  async function importZone(trx: Db, cache: TxCache, zoneId: number) {
    let zone = cache.zones.get(zoneId)
    if (!zone) {
      zone = await zoneById(trx, zoneId)
      cache.zones.set(zone.id, zone)
    }
    return zone
  }

  /**
   * A new project from a ledger row the import found no match for: checked and numbered now (errors
   * name the row), written with others by `writeImported` — one statement per batch, the import's
   * summary audit entry instead of one per project.
   */
  async function prepareImported(trx: Db, ctx: AnyCtx, input: ImportProjectInput) {
    const cache = await txCache(trx)
    const zone = await importZone(trx, cache, input.zoneId)
    return prepareNew(
      trx,
      ctx,
      zone,
      importArgs(input, importFields(input), input.code?.trim() || null),
      cache,
    )
  }

  async function writeImported(trx: Db, ctx: AnyCtx, prepared: PreparedNew[]) {
    return writeNew(trx, ctx, prepared, importHow(await txCache(trx), false))
  }

  async function upsertFromImport(
    trx: Db,
    ctx: AnyCtx,
    input: ImportProjectInput,
    opts: { audit?: boolean } = {},
  ): Promise<{ action: 'created' | 'updated'; projectId: number }> {
    const cache = await txCache(trx)
    const zone = await importZone(trx, cache, input.zoneId)
    const code = input.code?.trim() || null
    const existing = code
      ? await repo.findByCode(trx, zone.id, code)
      : await repo.findByName(trx, zone.id, input.name.trim())
    const fields = importFields(input)
    if (!existing) {
      const prepared = await prepareNew(trx, ctx, zone, importArgs(input, fields, code), cache)
      const [{ id }] = await writeNew(trx, ctx, [prepared], importHow(cache, opts.audit))
      return { action: 'created', projectId: id! }
    }

    const cols = await columnsOf(trx, zone, fields, cache)
    if (input.stage) await checkDict(trx, 'project_stage', input.stage, 'stage')
    checkPeriod(
      input.startDate !== undefined ? input.startDate : existing.start_date,
      input.endDate !== undefined ? input.endDate : existing.end_date,
    )
    const industryChanged =
      input.industryCode !== undefined && (input.industryCode || null) !== existing.industry_code
    const adm = industryChanged
      ? await admissionFor(
          trx,
          ctx,
          zone.id,
          input.industryCode ?? null,
          input.admissionOverrideReason,
          cache,
        )
      : null
    if (adm) cols.admission_override = adm.override
    const stageChanged = !!input.stage && input.stage !== existing.stage
    if (stageChanged) {
      cols.stage = input.stage
      cols.stage_changed_at = clock.now()
      if (stageIndex(input.stage!) >= stageIndex('construction') && !existing.actual_start_date)
        cols.actual_start_date = today()
    }
    if (input.leaderUserIds) await checkUsers(trx, zone, input.leaderUserIds, 'leaderUserIds', cache)
    const unitIds = [
      ...(input.leadDepartmentId ? [input.leadDepartmentId] : []),
      ...(input.coDepartmentIds ?? []),
    ]
    if (unitIds.length) await checkDepartments(trx, zone, [...new Set(unitIds)], 'leadDepartmentId', cache)
    const entName =
      (cols.enterprise_id ?? existing.enterprise_id)
        ? (cache.enterprises.get((cols.enterprise_id ?? existing.enterprise_id) as number)?.name ?? null)
        : null
    const search = searchVector(
      (cols.name as string) ?? existing.name,
      existing.code,
      entName,
      (cols.address as string | null) ?? existing.address,
    )
    if (!(await repo.updateProject(trx, existing.id, existing.version, cols, clock.now(), search)))
      throw versionConflict()
    if (input.tags) await repo.replaceTags(trx, existing.id, input.tags)
    if (input.leaderUserIds) await repo.replaceLeaders(trx, existing.id, input.leaderUserIds)
    if (input.leadDepartmentId !== undefined || input.coDepartmentIds)
      await repo.replaceUnits(trx, existing.id, input.leadDepartmentId ?? null, input.coDepartmentIds ?? [])
    const after = (await repo.findRaw(trx, existing.id))!
    const p = {
      id: after.id,
      zone_id: after.zone_id,
      enterprise_id: after.enterprise_id,
      code: after.code,
      name: after.name,
    }
    const what = changedLabels(existing, cols, input.tags !== undefined)
    await projectEvent(
      trx,
      ctx,
      p,
      'imported',
      `由项目台账导入更新${what.length ? `：${what.join('、')}` : ''}`,
    )
    if (opts.audit !== false)
      await s.audit.record(trx, ctx, {
        action: 'project.import.update',
        targetType: 'project',
        targetId: existing.id,
        zoneId: zone.id,
        summary: `由项目台账导入更新项目 ${after.code} ${after.name}`,
        before: auditView(existing),
        after: auditView(after, input.tags ? { tags: input.tags } : {}),
      })
    if (adm) await recordOverride(trx, ctx, p, adm)
    return { action: 'updated', projectId: existing.id }
  }

  function changedLabels(before: repo.RawProject, cols: Record<string, unknown>, tags: boolean) {
    const labels = new Set<string>()
    for (const [k, v] of Object.entries(cols)) {
      const old = (before as Record<string, unknown>)[k]
      if (FIELD_LABEL[k] && String(old ?? '') !== String(v ?? '')) labels.add(FIELD_LABEL[k])
    }
    if (tags) labels.add(FIELD_LABEL.tags)
    return [...labels]
  }

  // ---------- edits ----------

  /** The project to change: a person needs project:manage and the project in scope; a system context (seed, job) does not. */
  async function loadForWrite(ctx: AnyCtx, id: number, trx: Db) {
    if (ctx.actor) {
      authorize(ctx.actor, 'project:manage')
      if (!(await repo.findVisible(trx, id, ctx.actor))) throw notFound('项目')
    }
    return found(await repo.findRaw(trx, id), '项目')
  }

  async function zoneOfProject(trx: Db, p: repo.RawProject) {
    return zoneById(trx, p.zone_id)
  }

  async function update(ctx: AnyCtx, id: number, input: ProjectInput & { version: number }) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(ctx, id, trx)
      if (before.version !== input.version) throw versionConflict()
      const zone = await zoneOfProject(trx, before)
      const cols = await columnsOf(trx, zone, input)
      checkPeriod(
        input.startDate !== undefined ? input.startDate : before.start_date,
        input.endDate !== undefined ? input.endDate : before.end_date,
      )
      const industryChanged =
        input.industryCode !== undefined && (input.industryCode || null) !== before.industry_code
      const adm = industryChanged
        ? await admissionFor(trx, ctx, zone.id, input.industryCode ?? null, input.admissionOverrideReason)
        : null
      if (adm) cols.admission_override = adm.override
      const entId = (cols.enterprise_id !== undefined ? cols.enterprise_id : before.enterprise_id) as
        | number
        | null
      const entName = entId ? ((await repo.enterpriseOf(trx, entId))?.name ?? null) : null
      const search = searchVector(
        (cols.name as string | undefined) ?? before.name,
        before.code,
        entName,
        cols.address !== undefined ? (cols.address as string | null) : before.address,
      )
      if (!(await repo.updateProject(trx, id, input.version, cols, clock.now(), search)))
        throw versionConflict()
      const tagsBefore = (await repo.findRow(trx, id))!.tags ?? []
      if (input.tags) await repo.replaceTags(trx, id, input.tags)
      const after = (await repo.findRaw(trx, id))!
      const what = changedLabels(
        before,
        cols,
        !!input.tags && [...input.tags].sort().join() !== [...tagsBefore].sort().join(),
      )
      const p = {
        id,
        zone_id: after.zone_id,
        enterprise_id: after.enterprise_id,
        code: after.code,
        name: after.name,
      }
      if (what.length) await projectEvent(trx, ctx, p, 'updated', `修改项目信息：${what.join('、')}`)
      await s.audit.record(trx, ctx, {
        action: 'project.update',
        targetType: 'project',
        targetId: id,
        zoneId: after.zone_id,
        summary: `修改项目 ${after.code} ${after.name}`,
        before: auditView(before, { tags: tagsBefore }),
        after: auditView(after, { tags: input.tags ?? tagsBefore }),
      })
      if (adm) await recordOverride(trx, ctx, p, adm)
      await changed(trx, id)
      return detail(id)
    })
  }

  async function changeStage(
    ctx: AnyCtx,
    id: number,
    input: { stage: string; date?: string; note?: string; version: number },
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(ctx, id, trx)
      if (before.version !== input.version) throw versionConflict()
      await checkDict(trx, 'project_stage', input.stage, 'stage')
      if (input.stage === before.stage) throw invalid('stage', '项目已处于该阶段')
      const date = input.date ?? today()
      if (date > today()) throw invalid('date', '日期不能晚于今天')
      const cols: Record<string, unknown> = { stage: input.stage, stage_changed_at: clock.now() }
      if (stageIndex(input.stage) >= stageIndex('construction') && !before.actual_start_date)
        cols.actual_start_date = date
      if (!(await repo.updateProject(trx, id, input.version, cols, clock.now()))) throw versionConflict()
      const [from, to] = [
        await label(trx, 'project_stage', before.stage),
        await label(trx, 'project_stage', input.stage),
      ]
      const back = stageIndex(input.stage) >= 0 && stageIndex(input.stage) < stageIndex(before.stage)
      const note = input.note?.trim()
      const p = { id, zone_id: before.zone_id, enterprise_id: before.enterprise_id }
      await projectEvent(
        trx,
        ctx,
        p,
        'stage',
        `阶段${back ? '回退' : '变更'}：${from} → ${to}（${date}）${note ? `；${note}` : ''}`,
        { from: before.stage, to: input.stage, date, note: note ?? null },
      )
      await s.audit.record(trx, ctx, {
        action: 'project.stage',
        targetType: 'project',
        targetId: id,
        zoneId: before.zone_id,
        summary: `项目 ${before.code} 阶段：${from} → ${to}（${date}）`,
        before: { stage: before.stage, actualStartDate: before.actual_start_date },
        after: {
          stage: input.stage,
          actualStartDate: (cols.actual_start_date as string) ?? before.actual_start_date,
          date,
          note: note ?? null,
        },
      })
      await changed(trx, id)
      return detail(id)
    })
  }

  async function setLeaders(ctx: AnyCtx, id: number, userIds: number[], version: number) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(ctx, id, trx)
      if (before.version !== version) throw versionConflict()
      const zone = await zoneOfProject(trx, before)
      const users = (await checkUsers(trx, zone, userIds, 'userIds')) ?? []
      const old = (await repo.findRow(trx, id))!.leaders ?? []
      if (!(await repo.bumpVersion(trx, id, version, clock.now()))) throw versionConflict()
      await repo.replaceLeaders(trx, id, userIds)
      const names = userIds.map((u) => users.find((x) => x.id === u)?.display_name ?? `#${u}`)
      await projectEvent(
        trx,
        ctx,
        before,
        'leaders',
        names.length ? `包联领导：${names.join('、')}` : '取消全部包联领导',
        { userIds },
      )
      await s.audit.record(trx, ctx, {
        action: 'project.leaders',
        targetType: 'project',
        targetId: id,
        zoneId: before.zone_id,
        summary: `项目 ${before.code} 包联领导：${names.join('、') || '（无）'}`,
        before: { leaders: old.map((l) => l.name) },
        after: { leaders: names },
      })
      await changed(trx, id)
      return detail(id)
    })
  }

  async function setTeam(
    ctx: AnyCtx,
    id: number,
    members: Array<{ userId: number; role: 'head' | 'member' | 'steward' }>,
    version: number,
  ) {
    const ids = members.map((m) => m.userId)
    if (new Set(ids).size !== ids.length) throw invalid('members', '专班成员中有重复的人员')
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(ctx, id, trx)
      if (before.version !== version) throw versionConflict()
      const zone = await zoneOfProject(trx, before)
      const users = (await checkUsers(trx, zone, ids, 'members')) ?? []
      const old = (await repo.detailExtras(trx, id)).team
      if (!(await repo.bumpVersion(trx, id, version, clock.now()))) throw versionConflict()
      await repo.replaceTeam(trx, id, members)
      const desc = members.map(
        (m) =>
          `${users.find((u) => u.id === m.userId)?.display_name ?? `#${m.userId}`}（${TEAM_ROLE_LABEL[m.role]}）`,
      )
      await projectEvent(
        trx,
        ctx,
        before,
        'team',
        desc.length ? `工作专班：${desc.join('、')}` : '清空工作专班',
        {
          members,
        },
      )
      await s.audit.record(trx, ctx, {
        action: 'project.team',
        targetType: 'project',
        targetId: id,
        zoneId: before.zone_id,
        summary: `项目 ${before.code} 工作专班：${desc.join('、') || '（无）'}`,
        before: { team: old.map((m) => `${m.name}:${m.role}`) },
        after: { team: desc },
      })
      await changed(trx, id)
      return detail(id)
    })
  }

  async function setUnits(
    ctx: AnyCtx,
    id: number,
    input: { leadDepartmentId: number | null; coDepartmentIds: number[]; version: number },
  ) {
    return db.transaction().execute(async (trx) => {
      const before = await loadForWrite(ctx, id, trx)
      if (before.version !== input.version) throw versionConflict()
      const zone = await zoneOfProject(trx, before)
      const co = input.coDepartmentIds.filter((d) => d !== input.leadDepartmentId)
      const lead = input.leadDepartmentId
        ? await checkDepartments(trx, zone, [input.leadDepartmentId], 'leadDepartmentId')
        : []
      const coRows = await checkDepartments(trx, zone, co, 'coDepartmentIds')
      const old = (await repo.detailExtras(trx, id)).units
      if (!(await repo.bumpVersion(trx, id, input.version, clock.now()))) throw versionConflict()
      await repo.replaceUnits(trx, id, input.leadDepartmentId, co)
      const text = `牵头单位：${lead[0]?.name ?? '（无）'}；配合单位：${coRows.map((d) => d.name).join('、') || '（无）'}`
      await projectEvent(trx, ctx, before, 'units', `责任单位调整 — ${text}`, {
        leadDepartmentId: input.leadDepartmentId,
        coDepartmentIds: co,
      })
      await s.audit.record(trx, ctx, {
        action: 'project.units',
        targetType: 'project',
        targetId: id,
        zoneId: before.zone_id,
        summary: `项目 ${before.code} ${text}`,
        before: { units: old.map((u) => `${u.name}:${u.role}`) },
        after: { units: [...lead.map((d) => `${d.name}:lead`), ...coRows.map((d) => `${d.name}:co`)] },
      })
      await changed(trx, id)
      return detail(id)
    })
  }

  // ---------- milestones ----------

  const milestonesApi = createMilestones(deps, {
    audit: s.audit,
    projectEvent,
    changed,
    loadProjectForRead: async (actor, projectId, trx) => {
      if (!(await repo.findVisible(trx, projectId, actor))) throw notFound('项目')
      return (await repo.findRaw(trx, projectId))!
    },
    loadProjectForWrite: loadForWrite,
    checkOwner: async (trx, p, userId, departmentId) => {
      const zone = await zoneById(trx, p.zone_id)
      if (userId) await checkUsers(trx, zone, [userId], 'ownerUserId')
      if (departmentId) await checkDepartments(trx, zone, [departmentId], 'ownerDepartmentId')
    },
    today,
  })

  /**
   * Milestones planned in [from, to] of key projects in some zones, with the lead unit, without a
   * scope check: the scorecards' 节点按期率 (on time = done on or before the planned date).
   */
  async function milestonesDue(q: { zoneIds: number[]; from: string; to: string }) {
    return (await msRepo.dueIn(db, q)).map((m) => ({
      projectId: m.project_id,
      zoneId: m.zone_id,
      leadDepartmentId: m.lead_department_id,
      plannedDate: m.planned_date!,
      actualDate: m.actual_date,
    }))
  }

  /** Key projects of some zones with their lead unit, without a scope check (scorecards). */
  async function keyProjectLeads(zoneIds: number[]) {
    return (await msRepo.keyProjectLeads(db, zoneIds)).map((p) => ({
      projectId: p.id,
      zoneId: p.zone_id,
      leadDepartmentId: p.lead_department_id,
    }))
  }

  // ---------- attachments ----------

  const canWriteProject = (actor: Actor) =>
    hasPermission(actor, 'project:manage') || hasPermission(actor, 'project:report')
  s.attachments.registerOwner('project', {
    zoneOf: async (trx, id) => (await repo.findRaw(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) =>
      hasPermission(actor, 'project:read') && !!(await repo.findVisible(db, id, actor)),
    canWrite: async (actor, id) => canWriteProject(actor) && !!(await repo.findVisible(db, id, actor)),
    label: async (trx, id) => {
      const p = await repo.findRaw(trx, id)
      return p ? `项目 ${p.code}` : null
    },
  })
  const milestoneProject = async (trx: Db, id: number) => (await msRepo.findById(trx, id)) ?? null
  s.attachments.registerOwner('milestone', {
    zoneOf: async (trx, id) => (await milestoneProject(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) => {
      const m = await milestoneProject(db, id)
      return (
        !!m && hasPermission(actor, 'project:read') && !!(await repo.findVisible(db, m.project_id, actor))
      )
    },
    canWrite: async (actor, id) => {
      const m = await milestoneProject(db, id)
      return !!m && canWriteProject(actor) && !!(await repo.findVisible(db, m.project_id, actor))
    },
    label: async (trx, id) => {
      const m = await milestoneProject(trx, id)
      if (!m) return null
      const p = await repo.findRaw(trx, m.project_id)
      return `项目 ${p?.code ?? ''} 节点「${m.name}」`
    },
  })

  return {
    // reads
    findVisible,
    list,
    detail,
    exportRows,
    get,
    timeline,
    listForEnterprise,
    // writes
    create,
    update,
    changeStage,
    setLeaders,
    setTeam,
    setUnits,
    createFromLead,
    createPublic,
    upsertFromImport,
    prepareImported,
    writeImported,
    // milestones
    milestonesDue,
    keyProjectLeads,
    listMilestones: milestonesApi.list,
    createMilestone: milestonesApi.create,
    updateMilestone: milestonesApi.update,
    deleteMilestone: milestonesApi.remove,
    // lights and 五个一
    recompute: lightsCalc.recompute,
    recomputeMany: lightsCalc.recomputeMany,
    recomputeAll: lightsCalc.recomputeAll,
    /** labels of 五个一 codes, for messages elsewhere (dashboard) */
    fiveOnesLabel: FIVE_ONES_LABEL,
  }
}

export type ProjectsService = ReturnType<typeof createProjectsService>
