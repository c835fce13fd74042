import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { Adoption } from '../../db/schema-rhythm.ts'
import { AppError, forbidden, found, invalid, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { beijingDate, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import {
  targetZone,
  unitsServingZone,
  usersServingZone,
  type ZoneRef,
  zoneById,
} from '../../policies/zone-target.ts'
import * as attachmentsRepo from '../attachments/attachments.repository.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { insertEvent } from '../events/events.repository.ts'
import type { EventsService } from '../events/events.service.ts'
import { STATUS_LABEL } from '../problems/problem-flow.ts'
import type { ProblemsService } from '../problems/problems.service.ts'
import * as repo from './visits.repository.ts'
import { SUGGESTION_SORTS, VISIT_SORTS } from './visits.schema.ts'

export const ADOPTION_LABEL: Record<Adoption, string> = {
  pending: '待答复',
  adopted: '采纳',
  partly: '部分采纳',
  not_adopted: '未采纳',
}

export interface VisitProblemInput {
  title: string
  description: string
  category?: string | null
  enterpriseId?: number | null
  projectId?: number | null
}

export interface VisitSuggestionInput {
  content: string
  departmentId?: number | null
  enterpriseId?: number | null
  leaderUserId?: number | null
}

export interface VisitInput {
  kind: string
  visitDate: string
  place: string
  summary?: string | null
  notes?: string | null
  participants?: string | null
  lng?: number | null
  lat?: number | null
  leaderIds: number[]
  enterpriseIds?: number[]
  projectIds?: number[]
}

export type CreateVisitInput = VisitInput & {
  zoneId?: number
  problems?: VisitProblemInput[]
  suggestions?: VisitSuggestionInput[]
}

export type UpdateVisitInput = Partial<VisitInput> & { version: number }

/** Options of every write: `at` places it in the past (demo seed); default now. */
export interface At {
  at?: Date
}

type VisitFilter = repo.VisitFilter & { sort?: string }
type SuggestionFilter = repo.SuggestionFilter & { sort?: string }

const num = (v: string | null) => (v == null ? null : Number(v))
const iso = (d: Date | string) => new Date(d).toISOString()
const ref = (id: number | null, name: string | null) => (id ? { id, name: name ?? `#${id}` } : null)

function presentRow(r: repo.VisitRowDb) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    code: r.code,
    kind: r.kind,
    kindLabel: r.kind_label ?? r.kind,
    visitDate: r.visit_date,
    place: r.place,
    summary: r.summary,
    participants: r.participants,
    leaders: r.leaders ?? [],
    enterprises: r.enterprises ?? [],
    projects: r.projects ?? [],
    problemCount: Number(r.problem_count ?? 0),
    suggestionCount: Number(r.suggestion_count ?? 0),
    adoptedCount: Number(r.adopted_count ?? 0),
    photoCount: Number(r.photo_count ?? 0),
    createdBy: ref(r.created_by, r.created_by_name),
    createdAt: iso(r.created_at),
    version: r.version,
  }
}
export type VisitRowOut = ReturnType<typeof presentRow>

/**
 * Visits and on-site office (四下基层 / 现场办公 / 调研, SPEC §5): who went where, which enterprises
 * and projects, what they found. Problems found go straight into the problem loop (source 'visit' or
 * 'onsite', the recorder as 首问责任人); suggestions (建议) are addressed to a department, which
 * replies with the adoption. Per-leader figures for any period. Every write is audited and on the
 * visit's (and the enterprises') timeline.
 */
export function createVisitsService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    problems: ProblemsService
    attachments: AttachmentsService
  },
) {
  const { db, clock } = deps

  // ---------- helpers ----------

  async function event(
    trx: Db,
    ctx: AnyCtx,
    e: { zoneId: number; subjectType: string; subjectId: number; enterpriseId?: number | null },
    kind: string,
    summary: string,
    data: Record<string, unknown> | undefined,
    at: Date | undefined,
  ) {
    if (!at) return s.events.record(trx, ctx, { ...e, kind, summary, data })
    await insertEvent(trx, {
      zone_id: e.zoneId,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      enterprise_id: e.enterpriseId ?? null,
      kind,
      at,
      actor_id: ctx.actor?.id ?? null,
      actor_name: ctx.actor ? ctx.actor.displayName : ctx.label,
      summary,
      data: data ?? null,
    })
  }

  async function audit(
    trx: Db,
    ctx: AnyCtx,
    target: { type: 'visit' | 'suggestion'; id: number; zoneId: number },
    action: string,
    summary: string,
    before?: Record<string, unknown> | null,
    after?: Record<string, unknown> | null,
  ) {
    await s.audit.record(trx, ctx, {
      action: `${target.type}.${action}`,
      targetType: target.type,
      targetId: target.id,
      zoneId: target.zoneId,
      summary,
      before: before ?? null,
      after: after ?? null,
    })
  }

  /** A visit the actor may see (404 otherwise); no actor: any visit. */
  async function load(trx: Db, actor: Actor | null, id: number) {
    const row = actor ? await repo.findVisible(trx, id, actor) : await repo.findRaw(trx, id)
    return found(row, '走访记录')
  }

  async function kindLabel(trx: Db, kind: string) {
    const item = await repo.dictItem(trx, 'visit_kind', kind)
    if (!item?.enabled) throw invalid('kind', `走访类型「${kind}」不在字典中`)
    return item.label
  }

  function checkDate(v: string, at: Date) {
    if (!isRealDate(v)) throw invalid('visitDate', '走访日期不是有效的日期')
    if (v > beijingDate(at)) throw invalid('visitDate', '走访日期不能晚于今天')
  }

  function checkPoint(lng: number | null | undefined, lat: number | null | undefined) {
    if ((lng == null) !== (lat == null))
      throw invalid(lng == null ? 'lng' : 'lat', '地图位置需同时填写经度和纬度')
  }

  async function checkLeaders(trx: Db, zone: ZoneRef, ids: number[]) {
    if (!ids.length) throw invalid('leaderIds', '请选择走访领导')
    const rows = await usersServingZone(trx, zone, ids)
    const missing = ids.filter((id) => !rows.some((u) => u.id === id))
    if (missing.length)
      throw invalid('leaderIds', `走访领导不存在、已停用或不属于本开发区：#${missing.join('、#')}`)
    return ids.map((id) => rows.find((u) => u.id === id)!)
  }

  async function checkEnterprises(trx: Db, zoneId: number, ids: number[]) {
    const rows = await repo.enterprisesOfZone(trx, zoneId, ids)
    const missing = ids.filter((id) => !rows.some((e) => e.id === id))
    if (missing.length) throw invalid('enterpriseIds', `企业不存在或不属于本开发区：#${missing.join('、#')}`)
    return ids.map((id) => rows.find((e) => e.id === id)!)
  }

  async function checkProjects(trx: Db, zoneId: number, ids: number[]) {
    const rows = await repo.projectsOfZone(trx, zoneId, ids)
    const missing = ids.filter((id) => !rows.some((p) => p.id === id))
    if (missing.length) throw invalid('projectIds', `项目不存在或不属于本开发区：#${missing.join('、#')}`)
    return ids.map((id) => rows.find((p) => p.id === id)!)
  }

  async function nextCode(trx: Db, zone: ZoneRef, visitDate: string) {
    // DLT-ZF-2026-0001 (走访), next to the zone's problems DLT-2026-0001.
    const zoneCode = zone.code?.trim().toUpperCase()
    const prefix = `${zoneCode ? `${zoneCode}-` : ''}ZF-${visitDate.slice(0, 4)}-`
    await repo.lockCodes(trx, zone.id)
    const n = (await repo.maxSequence(trx, zone.id, prefix)) + 1
    return `${prefix}${String(n).padStart(4, '0')}`
  }

  /** Names the item of a list in an error ("第 2 个问题：…", field problems.1.title). */
  async function atItem<T>(list: 'problems' | 'suggestions', i: number, work: () => Promise<T>) {
    try {
      return await work()
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION') {
        const what = list === 'problems' ? '问题' : '建议'
        throw new AppError('VALIDATION', `第 ${i + 1} 条${what}：${e.message}`, {
          field: `${list}.${i}${e.field ? `.${e.field}` : ''}`,
        })
      }
      throw e
    }
  }

  function mayReply(actor: Actor, sg: { zone_id: number; department_path: string | null }) {
    if (!hasPermission(actor, 'suggestion:reply')) return false
    if (actor.scope.all || actor.scope.zoneIds.includes(sg.zone_id)) return true
    const dept = sg.department_path
    return !!dept && (actor.departmentPath.startsWith(dept) || dept.startsWith(actor.departmentPath))
  }

  function presentSuggestion(r: repo.SuggestionRowDb, actor: Actor | null) {
    return {
      id: r.id,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      visit: r.visit_id
        ? { id: r.visit_id, code: r.visit_code ?? '', visitDate: r.visit_date ?? '', kind: r.visit_kind }
        : null,
      leader: ref(r.leader_user_id, r.leader_name),
      enterprise: ref(r.enterprise_id, r.enterprise_name),
      department: ref(r.department_id, r.department_name),
      content: r.content,
      adoption: r.adoption,
      adoptionLabel: ADOPTION_LABEL[r.adoption] ?? r.adoption,
      reply: r.reply,
      repliedBy: ref(r.replied_by, r.replied_by_name),
      repliedAt: r.replied_at ? iso(r.replied_at) : null,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      version: r.version,
      canReply: !!actor && mayReply(actor, r),
      canEdit: !!actor && hasPermission(actor, 'visit:write') && r.adoption === 'pending',
    }
  }

  // ---------- reads ----------

  const ledger = pagedList({
    args: (q: VisitFilter) => {
      const { sort: raw, ...filter } = q
      const s2 = raw ? sortOf(raw, VISIT_SORTS, 'visitDate') : { field: '-visitDate', dir: 'desc' as const }
      const desc = s2.field.startsWith('-') || s2.dir === 'desc'
      const field = s2.field.replace('-', '') as repo.VisitSortField
      return {
        filter: filter as repo.VisitFilter,
        sort: { field, dir: desc ? 'desc' : 'asc' } as repo.VisitSort,
      }
    },
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: (rows: repo.VisitRowDb[]) => rows.map(presentRow),
  })

  async function detailOf(id: number, actor: Actor | null) {
    const row = found(await repo.findRow(db, id), '走访记录')
    const [problems, suggestions, timeline, categories] = await Promise.all([
      repo.problemsOf(db, id),
      repo.suggestionsOf(db, id),
      s.events.timeline({ subjectType: 'visit', subjectId: id }, { page: 1, pageSize: 50 }),
      repo.dictLabels(db, 'problem_category'),
    ])
    return {
      ...presentRow(row),
      notes: row.notes,
      lng: num(row.lng),
      lat: num(row.lat),
      updatedAt: iso(row.updated_at),
      problems: problems.map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        status: p.status,
        statusLabel: STATUS_LABEL[p.status] ?? p.status,
        light: p.light,
        category: p.category ? (categories.get(p.category) ?? p.category) : null,
        enterprise: ref(p.enterprise_id, p.enterprise_name),
        leadUnit: ref(p.lead_department_id, p.lead_department_name),
        receivedAt: iso(p.received_at),
      })),
      suggestions: suggestions.map((r) => presentSuggestion(r, actor)),
      timeline: timeline.items,
      canEdit: !!actor && hasPermission(actor, 'visit:write'),
    }
  }

  async function detail(actor: Actor, id: number) {
    await load(db, actor, id)
    return detailOf(id, actor)
  }

  /** How many visits of the enterprise the actor may see (0 without visit:read): the overview's count. */
  async function countForEnterprise(actor: Actor, enterpriseId: number) {
    if (!hasPermission(actor, 'visit:read')) return 0
    return repo.countOfEnterprise(db, actor, enterpriseId)
  }

  // ---------- writes: visits ----------

  async function addProblemIn(
    trx: Db,
    ctx: AnyCtx,
    v: repo.RawVisit,
    enterpriseIds: number[],
    input: VisitProblemInput,
    at: Date | undefined,
  ) {
    let enterpriseId = input.enterpriseId ?? null
    if (enterpriseId && !enterpriseIds.includes(enterpriseId))
      throw invalid('enterpriseId', '问题所属企业须是本次走访的企业')
    if (!enterpriseId && enterpriseIds.length === 1) enterpriseId = enterpriseIds[0]
    return s.problems.createInternal(trx, ctx, {
      zoneId: v.zone_id,
      title: input.title,
      description: input.description,
      category: input.category ?? null,
      source: v.kind === 'onsite' ? 'onsite' : 'visit',
      enterpriseId,
      projectId: input.projectId ?? null,
      address: v.place,
      lng: num(v.lng),
      lat: num(v.lat),
      firstReceiverId: ctx.actor?.id ?? null,
      visitId: v.id,
      at,
    })
  }

  async function addSuggestionIn(
    trx: Db,
    ctx: AnyCtx,
    v: repo.RawVisit,
    zone: ZoneRef,
    links: { leaderIds: number[]; enterpriseIds: number[] },
    input: VisitSuggestionInput,
    at: Date,
  ) {
    const content = input.content.trim()
    if (content.length < 2) throw invalid('content', '建议内容至少 2 个字')
    const leaderId = input.leaderUserId ?? links.leaderIds[0] ?? null
    if (leaderId && !links.leaderIds.includes(leaderId))
      throw invalid('leaderUserId', '提出建议的领导须是本次走访的领导')
    const enterpriseId = input.enterpriseId ?? null
    if (enterpriseId && !links.enterpriseIds.includes(enterpriseId))
      throw invalid('enterpriseId', '建议涉及的企业须是本次走访的企业')
    let departmentName: string | null = null
    if (input.departmentId) {
      const [d] = await unitsServingZone(trx, zone, [input.departmentId])
      if (!d) throw invalid('departmentId', '建议提交部门不存在、已停用或不属于本开发区')
      departmentName = d.name
    }
    const id = await repo.insertSuggestion(
      trx,
      {
        zone_id: v.zone_id,
        visit_id: v.id,
        leader_user_id: leaderId,
        enterprise_id: enterpriseId,
        content,
        department_id: input.departmentId ?? null,
        created_by: ctx.actor?.id ?? null,
      },
      at,
    )
    await audit(
      trx,
      ctx,
      { type: 'suggestion', id, zoneId: v.zone_id },
      'create',
      `走访 ${v.code} 提出建议${departmentName ? `（提交${departmentName}）` : ''}：${content.slice(0, 60)}`,
      null,
      {
        visitId: v.id,
        leaderUserId: leaderId,
        enterpriseId,
        departmentId: input.departmentId ?? null,
        content,
      },
    )
    return { id, departmentName }
  }

  async function create(ctx: AnyCtx, input: CreateVisitInput, opts: At = {}) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    const at = opts.at ?? clock.now()
    const id = await db.transaction().execute(async (trx) => {
      const zone = ctx.actor
        ? await targetZone(trx, ctx.actor, input.zoneId, {
            missing: '请选择走访所属开发区',
            notFoundField: true,
          })
        : await zoneById(trx, input.zoneId ?? 0)
      const label = await kindLabel(trx, input.kind)
      checkDate(input.visitDate, at)
      checkPoint(input.lng, input.lat)
      const place = input.place.trim()
      if (!place) throw invalid('place', '请填写走访地点')
      const leaderIds = [...new Set(input.leaderIds)]
      const enterpriseIds = [...new Set(input.enterpriseIds ?? [])]
      const projectIds = [...new Set(input.projectIds ?? [])]
      const leaders = await checkLeaders(trx, zone, leaderIds)
      const enterprises = await checkEnterprises(trx, zone.id, enterpriseIds)
      const projects = await checkProjects(trx, zone.id, projectIds)
      const summary =
        trimOrNull(input.summary) ??
        `${label}：${enterprises.map((e) => e.name).join('、') || projects.map((p) => p.name).join('、') || place}`.slice(
          0,
          200,
        )
      const code = await nextCode(trx, zone, input.visitDate)
      const values: repo.VisitValues = {
        kind: input.kind,
        visit_date: input.visitDate,
        place,
        summary,
        notes: trimOrNull(input.notes),
        participants: trimOrNull(input.participants),
        lng: input.lng == null ? null : input.lng.toFixed(6),
        lat: input.lat == null ? null : input.lat.toFixed(6),
      }
      const visitId = await repo.insertVisit(
        trx,
        { ...values, zone_id: zone.id, code, created_by: ctx.actor?.id ?? null },
        at,
      )
      await repo.setLinks(trx, visitId, { leaderIds, enterpriseIds, projectIds })
      const v = (await repo.findRaw(trx, visitId))!
      const who = leaders.map((l) => l.display_name).join('、')
      await event(
        trx,
        ctx,
        { zoneId: zone.id, subjectType: 'visit', subjectId: visitId },
        'visit.created',
        `登记走访 ${code}（${label}）：${who}，${place}`,
        { kind: input.kind },
        opts.at,
      )
      for (const e of enterprises)
        await event(
          trx,
          ctx,
          { zoneId: zone.id, subjectType: 'enterprise', subjectId: e.id, enterpriseId: e.id },
          'visit',
          `${who}${label === '调研' ? '调研' : `${label}，`}走访企业（${code}）`,
          { visitId, kind: input.kind },
          opts.at,
        )
      await audit(
        trx,
        ctx,
        { type: 'visit', id: visitId, zoneId: zone.id },
        'create',
        `登记走访 ${code}（${label}，${input.visitDate}，${who}）`,
        null,
        { ...values, code, leaderIds, enterpriseIds, projectIds },
      )
      for (const [i, p] of (input.problems ?? []).entries())
        await atItem('problems', i, () => addProblemIn(trx, ctx, v, enterpriseIds, p, opts.at))
      for (const [i, sg] of (input.suggestions ?? []).entries())
        await atItem('suggestions', i, () =>
          addSuggestionIn(trx, ctx, v, zone, { leaderIds, enterpriseIds }, sg, at),
        )
      const outputs = [
        input.problems?.length ? `问题 ${input.problems.length} 个` : '',
        input.suggestions?.length ? `建议 ${input.suggestions.length} 条` : '',
      ].filter(Boolean)
      if (outputs.length)
        await event(
          trx,
          ctx,
          { zoneId: zone.id, subjectType: 'visit', subjectId: visitId },
          'visit.outputs',
          `走访发现${outputs.join('，')}`,
          { problems: input.problems?.length ?? 0, suggestions: input.suggestions?.length ?? 0 },
          opts.at,
        )
      return visitId
    })
    return detailOf(id, ctx.actor)
  }

  const FIELD_LABELS: Record<string, string> = {
    kind: '走访类型',
    visit_date: '走访日期',
    place: '走访地点',
    summary: '走访主题',
    notes: '走访记录',
    participants: '参加人员',
    lng: '地图位置',
    lat: '地图位置',
    leaderIds: '走访领导',
    enterpriseIds: '走访企业',
    projectIds: '走访项目',
  }

  async function update(ctx: AnyCtx, id: number, input: UpdateVisitInput) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    await db.transaction().execute(async (trx) => {
      const v = await load(trx, ctx.actor, id)
      if (v.version !== input.version) throw versionConflict()
      const zone = await zoneById(trx, v.zone_id)
      const before = found(await repo.findRow(trx, id))
      const values: Partial<repo.VisitValues> = {}
      if (input.kind !== undefined && input.kind !== v.kind) {
        await kindLabel(trx, input.kind)
        values.kind = input.kind
      }
      if (input.visitDate !== undefined && input.visitDate !== v.visit_date) {
        checkDate(input.visitDate, clock.now())
        values.visit_date = input.visitDate
      }
      if (input.place !== undefined) {
        const place = input.place.trim()
        if (!place) throw invalid('place', '请填写走访地点')
        values.place = place
      }
      if (input.summary !== undefined) {
        const summary = trimOrNull(input.summary)
        if (!summary) throw invalid('summary', '走访主题不能为空')
        values.summary = summary
      }
      if (input.notes !== undefined) values.notes = trimOrNull(input.notes)
      if (input.participants !== undefined) values.participants = trimOrNull(input.participants)
      if (input.lng !== undefined || input.lat !== undefined) {
        const lng = input.lng === undefined ? num(v.lng) : input.lng
        const lat = input.lat === undefined ? num(v.lat) : input.lat
        checkPoint(lng, lat)
        values.lng = lng == null ? null : lng.toFixed(6)
        values.lat = lat == null ? null : lat.toFixed(6)
      }
      const [problems, suggestions] = await Promise.all([
        repo.problemsOf(trx, id),
        repo.suggestionsOf(trx, id),
      ])
      const links: { leaderIds?: number[]; enterpriseIds?: number[]; projectIds?: number[] } = {}
      if (input.leaderIds !== undefined) {
        const ids = [...new Set(input.leaderIds)]
        await checkLeaders(trx, zone, ids)
        const used = suggestions.find((sg) => sg.leader_user_id && !ids.includes(sg.leader_user_id))
        if (used) throw invalid('leaderIds', `${used.leader_name} 在本次走访中提出了建议，不能移除`)
        links.leaderIds = ids
      }
      if (input.enterpriseIds !== undefined) {
        const ids = [...new Set(input.enterpriseIds)]
        await checkEnterprises(trx, v.zone_id, ids)
        const used =
          problems.find((p) => p.enterprise_id && !ids.includes(p.enterprise_id)) ??
          suggestions.find((sg) => sg.enterprise_id && !ids.includes(sg.enterprise_id))
        if (used)
          throw invalid('enterpriseIds', `「${used.enterprise_name}」有本次走访提出的问题或建议，不能移除`)
        links.enterpriseIds = ids
      }
      if (input.projectIds !== undefined) {
        const ids = [...new Set(input.projectIds)]
        await checkProjects(trx, v.zone_id, ids)
        links.projectIds = ids
      }
      if (!(await repo.updateVisit(trx, id, v.version, values, clock.now()))) throw versionConflict()
      await repo.setLinks(trx, id, links)
      const after = found(await repo.findRow(trx, id))
      const b = presentRow(before)
      const a = presentRow(after)
      const changed = [
        ...new Set(
          [
            ...Object.keys(values).filter(
              (k) => (v as Record<string, unknown>)[k] !== (values as Record<string, unknown>)[k],
            ),
            ...(JSON.stringify(b.leaders.map((l) => l.id)) !== JSON.stringify(a.leaders.map((l) => l.id))
              ? ['leaderIds']
              : []),
            ...(JSON.stringify(b.enterprises) !== JSON.stringify(a.enterprises) ? ['enterpriseIds'] : []),
            ...(JSON.stringify(b.projects) !== JSON.stringify(a.projects) ? ['projectIds'] : []),
          ].map((k) => FIELD_LABELS[k] ?? k),
        ),
      ]
      await audit(
        trx,
        ctx,
        { type: 'visit', id, zoneId: v.zone_id },
        'update',
        `修改走访 ${v.code}${changed.length ? `：${changed.join('、')}` : ''}`,
        { ...b, notes: before.notes, lng: before.lng, lat: before.lat },
        { ...a, notes: after.notes, lng: after.lng, lat: after.lat },
      )
      if (changed.length)
        await event(
          trx,
          ctx,
          { zoneId: v.zone_id, subjectType: 'visit', subjectId: id },
          'visit.updated',
          `修改走访信息：${changed.join('、')}`,
          { fields: changed },
          undefined,
        )
    })
    return detailOf(id, ctx.actor)
  }

  /** Deletes a visit entered by mistake: not once its problems are in the loop or a suggestion was answered. */
  async function remove(ctx: AnyCtx, id: number, version: number) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    await db.transaction().execute(async (trx) => {
      const v = await load(trx, ctx.actor, id)
      if (v.version !== version) throw versionConflict()
      const problems = await repo.problemCount(trx, id)
      if (problems)
        throw new AppError('CONFLICT', `本次走访已登记问题 ${problems} 个（已进入问题闭环），不能删除`)
      const suggestions = await repo.suggestionsOf(trx, id)
      if (suggestions.some((sg) => sg.adoption !== 'pending'))
        throw new AppError('CONFLICT', '本次走访的建议已有部门答复，不能删除')
      const before = presentRow(found(await repo.findRow(trx, id)))
      const at = clock.now()
      for (const a of await attachmentsRepo.listFor(trx, 'visit', id))
        await attachmentsRepo.softDelete(trx, a.id, at)
      if (!(await repo.deleteVisitRow(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        { type: 'visit', id, zoneId: v.zone_id },
        'delete',
        `删除走访 ${v.code}${suggestions.length ? `（含建议 ${suggestions.length} 条）` : ''}`,
        before,
        null,
      )
    })
    return { ok: true }
  }

  async function linksOf(trx: Db, id: number) {
    const row = found(await repo.findRow(trx, id))
    return {
      leaderIds: (row.leaders ?? []).map((l) => l.id),
      enterpriseIds: (row.enterprises ?? []).map((e) => e.id),
    }
  }

  /** A problem found on an existing visit (e.g. entered after the visit). */
  async function addProblem(ctx: AnyCtx, id: number, input: VisitProblemInput, opts: At = {}) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    const problem = await db.transaction().execute(async (trx) => {
      const v = await load(trx, ctx.actor, id)
      const links = await linksOf(trx, id)
      const p = await addProblemIn(trx, ctx, v, links.enterpriseIds, input, opts.at)
      await event(
        trx,
        ctx,
        { zoneId: v.zone_id, subjectType: 'visit', subjectId: id },
        'visit.problem',
        `补充登记问题 ${p.code}：${input.title.trim()}`,
        { problemId: p.id },
        opts.at,
      )
      return p
    })
    return { ...problem, visit: await detailOf(id, ctx.actor) }
  }

  async function addSuggestion(ctx: AnyCtx, id: number, input: VisitSuggestionInput, opts: At = {}) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    const sid = await db.transaction().execute(async (trx) => {
      const v = await load(trx, ctx.actor, id)
      const zone = await zoneById(trx, v.zone_id)
      const links = await linksOf(trx, id)
      const r = await addSuggestionIn(trx, ctx, v, zone, links, input, opts.at ?? clock.now())
      await event(
        trx,
        ctx,
        { zoneId: v.zone_id, subjectType: 'visit', subjectId: id },
        'visit.suggestion',
        `补充建议${r.departmentName ? `（提交${r.departmentName}）` : ''}：${input.content.trim().slice(0, 60)}`,
        { suggestionId: r.id },
        opts.at,
      )
      return r.id
    })
    return presentSuggestion(found(await repo.findSuggestion(db, sid)), ctx.actor)
  }

  // ---------- suggestions ----------

  const suggestionList = pagedList({
    args: (q: SuggestionFilter) => {
      const { sort: raw, ...filter } = q
      const s2 = raw
        ? sortOf(raw, SUGGESTION_SORTS, 'createdAt')
        : { field: '-createdAt', dir: 'desc' as const }
      const desc = s2.field.startsWith('-') || s2.dir === 'desc'
      const field = s2.field.replace('-', '') as repo.SuggestionSort['field']
      return {
        filter: filter as repo.SuggestionFilter,
        sort: { field, dir: desc ? 'desc' : 'asc' } as repo.SuggestionSort,
      }
    },
    // canReply / canEdit depend on the actor: each row carries it to the presenter.
    fetch: async (actor: Actor, filter, sort, window) => {
      const page = await repo.listSuggestions(db, actor, filter, sort, window)
      return { items: page.items.map((row) => ({ row, actor })), total: page.total }
    },
    present: (rows: Array<{ row: repo.SuggestionRowDb; actor: Actor }>) =>
      rows.map((r) => presentSuggestion(r.row, r.actor)),
  })

  async function loadSuggestion(trx: Db, actor: Actor | null, id: number) {
    return found(await repo.findSuggestion(trx, id, actor ?? undefined), '建议')
  }

  async function updateSuggestion(
    ctx: AnyCtx,
    id: number,
    input: Partial<VisitSuggestionInput> & { version: number },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    await db.transaction().execute(async (trx) => {
      const sg = await loadSuggestion(trx, ctx.actor, id)
      if (sg.version !== input.version) throw versionConflict()
      if (sg.adoption !== 'pending') throw new AppError('CONFLICT', '建议已答复，不能再修改')
      const values: Partial<repo.SuggestionValues> = {}
      const links = sg.visit_id ? await linksOf(trx, sg.visit_id) : { leaderIds: [], enterpriseIds: [] }
      if (input.content !== undefined) {
        const content = input.content.trim()
        if (content.length < 2) throw invalid('content', '建议内容至少 2 个字')
        values.content = content
      }
      if (input.leaderUserId !== undefined) {
        if (input.leaderUserId && !links.leaderIds.includes(input.leaderUserId))
          throw invalid('leaderUserId', '提出建议的领导须是本次走访的领导')
        values.leader_user_id = input.leaderUserId
      }
      if (input.enterpriseId !== undefined) {
        if (input.enterpriseId && !links.enterpriseIds.includes(input.enterpriseId))
          throw invalid('enterpriseId', '建议涉及的企业须是本次走访的企业')
        values.enterprise_id = input.enterpriseId
      }
      if (input.departmentId !== undefined) {
        if (input.departmentId) {
          const zone = await zoneById(trx, sg.zone_id)
          const [d] = await unitsServingZone(trx, zone, [input.departmentId])
          if (!d) throw invalid('departmentId', '建议提交部门不存在、已停用或不属于本开发区')
        }
        values.department_id = input.departmentId
      }
      if (!(await repo.updateSuggestion(trx, id, sg.version, values, clock.now()))) throw versionConflict()
      const after = found(await repo.findSuggestion(trx, id))
      await audit(
        trx,
        ctx,
        { type: 'suggestion', id, zoneId: sg.zone_id },
        'update',
        `修改建议（走访 ${sg.visit_code ?? '—'}）`,
        presentSuggestion(sg, null),
        presentSuggestion(after, null),
      )
    })
    return presentSuggestion(found(await repo.findSuggestion(db, id)), ctx.actor)
  }

  /** 答复: the addressed department (or the zone's supervision office) records adoption and reply. */
  async function reply(
    ctx: AnyCtx,
    id: number,
    input: { adoption: Exclude<Adoption, 'pending'>; reply: string; version?: number },
    opts: At = {},
  ) {
    if (ctx.actor) authorize(ctx.actor, 'suggestion:reply')
    const at = opts.at ?? clock.now()
    await db.transaction().execute(async (trx) => {
      const sg = await loadSuggestion(trx, ctx.actor, id)
      if (ctx.actor && !mayReply(ctx.actor, sg))
        throw forbidden(
          sg.department_name
            ? `只有建议提交的部门（${sg.department_name}）或督查室可以答复`
            : '该建议未指定提交部门，只有督查室可以答复',
        )
      if (input.version !== undefined && input.version !== sg.version) throw versionConflict()
      const text = input.reply.trim()
      if (text.length < 2) throw invalid('reply', '答复意见至少 2 个字')
      const values = {
        adoption: input.adoption,
        reply: text,
        replied_by: ctx.actor?.id ?? null,
        replied_at: at,
      }
      if (!(await repo.updateSuggestion(trx, id, sg.version, values, at))) throw versionConflict()
      const label = ADOPTION_LABEL[input.adoption]
      const again = sg.adoption !== 'pending'
      await audit(
        trx,
        ctx,
        { type: 'suggestion', id, zoneId: sg.zone_id },
        'reply',
        `${again ? '修改答复' : '答复建议'}（走访 ${sg.visit_code ?? '—'}）：${label}`,
        { adoption: sg.adoption, reply: sg.reply },
        { adoption: input.adoption, reply: text },
      )
      if (sg.visit_id)
        await event(
          trx,
          ctx,
          { zoneId: sg.zone_id, subjectType: 'visit', subjectId: sg.visit_id },
          'suggestion.replied',
          `${sg.department_name ?? ''}${again ? '修改答复' : '答复建议'}「${sg.content.slice(0, 30)}」：${label}`,
          { suggestionId: id, adoption: input.adoption },
          opts.at,
        )
    })
    return presentSuggestion(found(await repo.findSuggestion(db, id)), ctx.actor)
  }

  async function removeSuggestion(ctx: AnyCtx, id: number, version: number) {
    if (ctx.actor) authorize(ctx.actor, 'visit:write')
    await db.transaction().execute(async (trx) => {
      const sg = await loadSuggestion(trx, ctx.actor, id)
      if (sg.version !== version) throw versionConflict()
      if (sg.adoption !== 'pending') throw new AppError('CONFLICT', '建议已答复，不能删除')
      if (!(await repo.deleteSuggestionRow(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        { type: 'suggestion', id, zoneId: sg.zone_id },
        'delete',
        `删除建议（走访 ${sg.visit_code ?? '—'}）：${sg.content.slice(0, 60)}`,
        presentSuggestion(sg, null),
        null,
      )
      if (sg.visit_id)
        await event(
          trx,
          ctx,
          { zoneId: sg.zone_id, subjectType: 'visit', subjectId: sg.visit_id },
          'suggestion.deleted',
          `删除建议「${sg.content.slice(0, 30)}」`,
          { suggestionId: id },
          undefined,
        )
    })
    return { ok: true }
  }

  // ---------- statistics ----------

  async function stats(
    actor: Actor,
    q: { from?: string; to?: string; zoneId?: number; leaderUserId?: number },
  ) {
    authorize(actor, 'visit:read')
    const today = beijingDate(clock.now())
    const from = q.from ?? `${today.slice(0, 4)}-01-01`
    const to = q.to ?? today
    if (!isRealDate(from)) throw invalid('from', '开始日期不是有效的日期')
    if (!isRealDate(to)) throw invalid('to', '结束日期不是有效的日期')
    if (to < from) throw invalid('to', '结束日期不能早于开始日期')
    const r = await repo.stats(db, actor, { from, to, zoneId: q.zoneId, leaderUserId: q.leaderUserId })
    const adoption = (x?: {
      total: number
      adopted: number
      partly: number
      not_adopted: number
      pending: number
    }) => ({
      total: Number(x?.total ?? 0),
      adopted: Number(x?.adopted ?? 0),
      partly: Number(x?.partly ?? 0),
      notAdopted: Number(x?.not_adopted ?? 0),
      pending: Number(x?.pending ?? 0),
    })
    const leaders = r.visits
      .map((l) => {
        const p = r.problems.find((x) => x.user_id === l.id)
        return {
          leader: { id: l.id, name: l.display_name, title: l.title, departmentName: l.department_name },
          visits: Number(l.visits),
          enterprises: Number(l.enterprises),
          problemsRaised: Number(p?.raised ?? 0),
          problemsResolved: Number(p?.resolved ?? 0),
          suggestions: adoption(r.suggestions.find((x) => x.leader_user_id === l.id)),
        }
      })
      .sort(
        (a, b) =>
          b.visits - a.visits || b.suggestions.total - a.suggestions.total || a.leader.id - b.leader.id,
      )
    const totals = {
      leaders: leaders.length,
      visits: Number(r.totals.visits),
      enterprises: Number(r.totals.enterprises),
      problemsRaised: Number(r.problemTotals.raised),
      problemsResolved: Number(r.problemTotals.resolved),
      suggestions: adoption(r.suggestionTotals),
    }
    const sg = totals.suggestions
    const adopted = sg.adopted + sg.partly
    const who = q.leaderUserId && leaders.length === 1 ? leaders[0].leader.name : `${totals.leaders} 名领导`
    const sentence =
      `${from} 至 ${to}，${who}走访 ${totals.enterprises} 家企业，提出建议 ${sg.total} 条，采纳 ${adopted} 条` +
      `${sg.partly ? `（其中部分采纳 ${sg.partly} 条）` : ''}；` +
      `共开展走访 ${totals.visits} 次，发现问题 ${totals.problemsRaised} 个、已解决 ${totals.problemsResolved} 个。`
    return { from, to, leaders, totals, sentence }
  }

  /**
   * Visits of some zones between two dates (inclusive) with the departments of their leaders,
   * without a scope check: the scorecards count 走访次数 per zone and per department from this.
   */
  async function tally(q: { zoneIds: number[]; from: string; to: string }) {
    const rows = await repo.tally(db, q)
    return rows.map((r) => ({
      visitId: r.id,
      zoneId: r.zone_id,
      leaderDepartmentIds: (r.department_ids ?? []).map(Number),
    }))
  }

  // ---------- attachments: photos of a visit ----------

  s.attachments.registerOwner('visit', {
    zoneOf: async (trx, id) => (await repo.findRaw(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) =>
      hasPermission(actor, 'visit:read') && !!(await repo.findVisible(db, id, actor)),
    canWrite: async (actor, id) =>
      hasPermission(actor, 'visit:write') && !!(await repo.findVisible(db, id, actor)),
    label: async (trx, id) => {
      const v = await repo.findRaw(trx, id)
      return v ? `走访 ${v.code}` : null
    },
  })

  return {
    list: ledger.list,
    exportRows: ledger.exportRows,
    detail,
    countForEnterprise,
    create,
    update,
    remove,
    addProblem,
    addSuggestion,
    listSuggestions: suggestionList.list,
    exportSuggestions: suggestionList.exportRows,
    updateSuggestion,
    reply,
    removeSuggestion,
    stats,
    tally,
    adoptionLabel: (a: Adoption) => ADOPTION_LABEL[a],
  }
}

export type VisitsService = ReturnType<typeof createVisitsService>
export type SuggestionOut = Awaited<ReturnType<VisitsService['reply']>>
