import { creditCodeProblem, normaliseCreditCode } from '../../../shared/credit-code.ts'
import type { AnyCtx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { isRealDate } from '../../lib/time.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import * as users from '../users/users.repository.ts'
import type { VisitsService } from '../visits/visits.service.ts'
import * as repo from './enterprises.repository.ts'

const LABELS: Record<string, string> = {
  name: '企业名称',
  credit_code: '统一社会信用代码',
  industry_code: '所属行业',
  region_code: '行政区划',
  address: '地址',
  lng: '地图位置',
  lat: '地图位置',
  legal_rep: '法定代表人',
  scale: '企业规模',
  contacts: '联系人',
  leader_user_id: '包联领导',
  officer_user_id: '服务专员',
  established_on: '成立日期',
  description: '企业简介',
}

type Contact = { name: string; title?: string | null; phone?: string | null }

export interface EnterpriseInput {
  name?: string
  creditCode?: string | null
  industryCode?: string | null
  regionCode?: string | null
  address?: string | null
  lng?: number | null
  lat?: number | null
  legalRep?: string | null
  scale?: string | null
  contacts?: Contact[]
  leaderUserId?: number | null
  officerUserId?: number | null
  establishedOn?: string | null
  description?: string | null
}

const SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'projectCount'] as const

function person(
  id: number | null,
  name: string | null,
  title: string | null,
  phone: string | null,
  dept: string | null,
) {
  return id && name ? { id, name, title, phone, departmentName: dept } : null
}

export function presentEnterprise(r: repo.EnterpriseRow) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    name: r.name,
    creditCode: r.credit_code,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    legalRep: r.legal_rep,
    scale: r.scale,
    scaleLabel: r.scale_label,
    contacts: (r.contacts ?? []) as Contact[],
    leaderUserId: r.leader_user_id,
    leader: person(r.leader_user_id, r.leader_name, r.leader_title, r.leader_phone, r.leader_dept),
    officerUserId: r.officer_user_id,
    officer: person(r.officer_user_id, r.officer_name, r.officer_title, r.officer_phone, r.officer_dept),
    establishedOn: r.established_on,
    description: r.description,
    projectCount: Number(r.project_count ?? 0),
    accountCount: Number(r.account_count ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  }
}
export type PresentedEnterprise = ReturnType<typeof presentEnterprise>

function presentAccount(a: repo.AccountRow) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    phone: a.phone,
    enabled: a.enabled,
    enterpriseId: a.enterprise_id,
    enterpriseName: a.enterprise_name,
  }
}

export function createEnterprisesService(
  deps: Deps,
  s: { audit: AuditService; events: EventsService; projects: ProjectsService },
) {
  const { db, clock } = deps
  const { audit, events } = s
  const { projects } = s
  // The visits module is built after this one (it needs the problem loop, which needs enterprises).
  let visits: Pick<VisitsService, 'countForEnterprise'> | null = null
  function attachVisits(v: Pick<VisitsService, 'countForEnterprise'>) {
    visits = v
  }

  async function load(actor: Actor | null, id: number, trx: Db = db) {
    return found(await repo.findById(trx, id, actor ?? undefined), '企业')
  }

  async function get(actor: Actor, id: number) {
    return presentEnterprise(await load(actor, id))
  }

  /** An enterprise the actor may see, or null (for other modules' authorisation). */
  async function findVisible(actor: Actor, id: number) {
    const row = await repo.findById(db, id, actor)
    return row ? { id: row.id, zoneId: row.zone_id, name: row.name } : null
  }

  function listArgs(q: repo.EnterpriseFilter & { sort?: string; page?: number; pageSize?: number }) {
    const { sort: raw, page: _p, pageSize: _ps, ...filter } = q
    // Newest first unless the user sorts.
    const sort = raw
      ? sortOf(raw, SORT_FIELDS, 'createdAt')
      : { field: 'createdAt' as const, dir: 'desc' as const }
    return { filter, sort }
  }

  const { list, exportRows } = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: (rows) => rows.map(presentEnterprise),
  })

  /** Checks and normalises the input into column values, merged over `before` for an edit. */
  async function values(
    trx: Db,
    zoneId: number,
    input: EnterpriseInput,
    before: repo.EnterpriseValues | null,
    exceptId?: number,
  ): Promise<repo.EnterpriseValues> {
    const v: repo.EnterpriseValues = before
      ? { ...before }
      : {
          name: '',
          credit_code: null,
          industry_code: null,
          region_code: null,
          address: null,
          lng: null,
          lat: null,
          legal_rep: null,
          scale: null,
          contacts: [],
          leader_user_id: null,
          officer_user_id: null,
          established_on: null,
          description: null,
        }
    if (input.name !== undefined) {
      const name = input.name.trim()
      if (!name) throw new AppError('VALIDATION', '企业名称不能为空', { field: 'name' })
      v.name = name
    }
    if (input.creditCode !== undefined) {
      const code = trimOrNull(input.creditCode)
      if (code) {
        const problem = creditCodeProblem(code)
        if (problem) throw new AppError('VALIDATION', problem, { field: 'creditCode' })
      }
      v.credit_code = code ? normaliseCreditCode(code) : null
    }
    if (input.industryCode !== undefined) {
      const code = trimOrNull(input.industryCode)
      if (code && !(await repo.industryExists(trx, code)))
        throw new AppError('VALIDATION', `行业代码 ${code} 不在国民经济行业分类（GB/T 4754）中`, {
          field: 'industryCode',
        })
      v.industry_code = code
    }
    if (input.regionCode !== undefined) {
      const code = trimOrNull(input.regionCode)
      if (code && !(await repo.regionExists(trx, code)))
        throw new AppError('VALIDATION', `行政区划代码 ${code} 不存在（GB/T 2260）`, { field: 'regionCode' })
      v.region_code = code
    }
    if (input.scale !== undefined) {
      const code = trimOrNull(input.scale)
      if (code && !(await repo.scaleExists(trx, code)))
        throw new AppError('VALIDATION', `企业规模「${code}」不在字典中`, { field: 'scale' })
      v.scale = code
    }
    if (input.lng !== undefined || input.lat !== undefined) {
      const lng = input.lng === undefined ? (v.lng === null ? null : Number(v.lng)) : input.lng
      const lat = input.lat === undefined ? (v.lat === null ? null : Number(v.lat)) : input.lat
      if ((lng === null) !== (lat === null))
        throw new AppError('VALIDATION', '地图位置需同时填写经度和纬度', {
          field: lng === null ? 'lng' : 'lat',
        })
      v.lng = lng === null ? null : lng.toFixed(6)
      v.lat = lat === null ? null : lat.toFixed(6)
    }
    if (input.address !== undefined) v.address = trimOrNull(input.address)
    if (input.legalRep !== undefined) v.legal_rep = trimOrNull(input.legalRep)
    if (input.description !== undefined) v.description = trimOrNull(input.description)
    if (input.establishedOn !== undefined) {
      if (input.establishedOn && !isRealDate(input.establishedOn))
        throw new AppError('VALIDATION', '成立日期不是有效日期', { field: 'establishedOn' })
      v.established_on = input.establishedOn || null
    }
    if (input.contacts !== undefined)
      v.contacts = input.contacts.map((c) => ({
        name: c.name.trim(),
        title: trimOrNull(c.title),
        phone: trimOrNull(c.phone),
      }))
    for (const [key, col, label] of [
      ['leaderUserId', 'leader_user_id', '包联领导'],
      ['officerUserId', 'officer_user_id', '服务专员'],
    ] as const) {
      const id = input[key]
      if (id === undefined) continue
      if (id !== null && !(await repo.zoneUser(trx, zoneId, id)))
        throw new AppError('VALIDATION', `${label}须为本开发区的用户`, { field: key })
      v[col] = id
    }
    const dupName = await repo.nameTaken(trx, zoneId, v.name, exceptId)
    if (dupName) throw new AppError('DUPLICATE', `本开发区已有名为「${v.name}」的企业`, { field: 'name' })
    if (v.credit_code) {
      const dupCode = await repo.creditCodeTaken(trx, zoneId, v.credit_code, exceptId)
      if (dupCode)
        throw new AppError('DUPLICATE', `统一社会信用代码 ${v.credit_code} 已登记在本开发区的另一家企业`, {
          field: 'creditCode',
        })
    }
    return v
  }

  function columnsOf(r: repo.EnterpriseRow): repo.EnterpriseValues {
    return {
      name: r.name,
      credit_code: r.credit_code,
      industry_code: r.industry_code,
      region_code: r.region_code,
      address: r.address,
      lng: r.lng,
      lat: r.lat,
      legal_rep: r.legal_rep,
      scale: r.scale,
      contacts: (r.contacts ?? []) as Contact[],
      leader_user_id: r.leader_user_id,
      officer_user_id: r.officer_user_id,
      established_on: r.established_on,
      description: r.description,
    }
  }

  async function create(ctx: AnyCtx, input: EnterpriseInput & { name: string; zoneId?: number }) {
    if (ctx.actor) authorize(ctx.actor, 'enterprise:manage')
    return db.transaction().execute(async (trx) => {
      const { id: zoneId } = await targetZone(trx, ctx.actor, input.zoneId, { notFoundField: true })
      const v = await values(trx, zoneId, input, null)
      const id = await repo.insert(trx, {
        ...v,
        zone_id: zoneId,
        created_by: ctx.actor?.id ?? null,
        at: clock.now(),
      })
      const after = presentEnterprise((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'enterprise.create',
        targetType: 'enterprise',
        targetId: id,
        zoneId,
        summary: `登记企业「${after.name}」`,
        after,
      })
      await events.record(trx, ctx, {
        zoneId,
        subjectType: 'enterprise',
        subjectId: id,
        enterpriseId: id,
        kind: 'enterprise.created',
        summary: `登记企业「${after.name}」`,
      })
      return after
    })
  }

  async function update(ctx: AnyCtx, id: number, input: EnterpriseInput & { version: number }) {
    if (ctx.actor) authorize(ctx.actor, 'enterprise:manage')
    return db.transaction().execute(async (trx) => {
      const row = await load(ctx.actor, id, trx)
      if (row.version !== input.version) throw versionConflict()
      const beforeCols = columnsOf(row)
      const v = await values(trx, row.zone_id, input, beforeCols, id)
      if (!(await repo.update(trx, id, input.version, v, clock.now()))) throw versionConflict()
      const before = presentEnterprise(row)
      const after = presentEnterprise((await repo.findById(trx, id))!)
      const changed = [
        ...new Set(
          (Object.keys(LABELS) as Array<keyof repo.EnterpriseValues>)
            .filter((k) => JSON.stringify(beforeCols[k]) !== JSON.stringify(v[k]))
            .map((k) => LABELS[k]),
        ),
      ]
      await audit.record(trx, ctx, {
        action: 'enterprise.update',
        targetType: 'enterprise',
        targetId: id,
        zoneId: row.zone_id,
        summary: `修改企业「${after.name}」`,
        before,
        after,
      })
      if (changed.length)
        await events.record(trx, ctx, {
          zoneId: row.zone_id,
          subjectType: 'enterprise',
          subjectId: id,
          enterpriseId: id,
          kind: 'enterprise.updated',
          summary: `更新企业信息：${changed.join('、')}`,
          data: { fields: changed },
        })
      return after
    })
  }

  async function overview(actor: Actor, id: number) {
    const enterprise = presentEnterprise(await load(actor, id))
    const [projectList, accountRows, latest, problemCounts, visitCount] = await Promise.all([
      projects.listForEnterprise(actor, id),
      repo.accounts(db, id),
      events.timeline({ enterpriseId: id }, { page: 1, pageSize: 10 }),
      repo.problemCounts(db, id),
      visits ? visits.countForEnterprise(actor, id) : 0,
    ])
    const serviceContacts = [
      ...(enterprise.leader ? [{ role: 'leader' as const, ...enterprise.leader }] : []),
      ...(enterprise.officer ? [{ role: 'officer' as const, ...enterprise.officer }] : []),
    ]
    return {
      enterprise,
      projects: projectList,
      // The page lists problems and visits through their own modules' endpoints; here only counts.
      problems: [] as unknown[],
      visits: [] as unknown[],
      counts: { projects: projectList.length, ...problemCounts, visits: visitCount },
      serviceContacts,
      accounts: accountRows.map(presentAccount),
      timeline: latest.items,
    }
  }

  async function timeline(actor: Actor, id: number, q: { page?: number; pageSize?: number }) {
    await load(actor, id)
    return events.timeline({ enterpriseId: id }, q)
  }

  /** The enterprise an enterprise user belongs to (for the web's redirect to its own page). */
  async function mine(actor: Actor) {
    if (!actor.enterpriseId) return { id: null }
    const row = await repo.findById(db, actor.enterpriseId, actor)
    return { id: row ? row.id : null }
  }

  async function accounts(actor: Actor, id: number) {
    await load(actor, id)
    return { items: (await repo.accounts(db, id)).map(presentAccount) }
  }

  /** Enterprise-role users of the enterprise's zone (or the actor's zone) that can be linked. */
  async function accountCandidates(actor: Actor, q: { keyword?: string; enterpriseId?: number }) {
    authorize(actor, 'enterprise:manage')
    const zoneId = q.enterpriseId ? (await load(actor, q.enterpriseId)).zone_id : actor.zoneId
    if (!zoneId) return { items: [] }
    return { items: (await repo.accountCandidates(db, zoneId, q.keyword?.trim())).map(presentAccount) }
  }

  async function setAccounts(ctx: AnyCtx, id: number, userIds: number[]) {
    if (ctx.actor) authorize(ctx.actor, 'enterprise:manage')
    return db.transaction().execute(async (trx) => {
      const row = await load(ctx.actor, id, trx)
      const targets = await repo.accountTargets(trx, userIds)
      for (const uid of userIds) {
        const u = targets.find((x) => x.id === uid)
        if (!u || u.zone_id !== row.zone_id)
          throw new AppError('VALIDATION', `用户 ${u?.username ?? uid} 不是本开发区的用户`, {
            field: 'userIds',
          })
        if (!u.is_enterprise)
          throw new AppError('VALIDATION', `用户 ${u.username} 没有“企业用户”角色，不能关联到企业`, {
            field: 'userIds',
          })
      }
      const before = (await repo.accounts(trx, id)).map((a) => a.username)
      const at = clock.now()
      await users.clearEnterprise(trx, id, userIds, at)
      await users.setEnterprise(trx, userIds, id, at)
      const after = await repo.accounts(trx, id)
      const names = after.map((a) => a.username)
      await audit.record(trx, ctx, {
        action: 'enterprise.accounts',
        targetType: 'enterprise',
        targetId: id,
        zoneId: row.zone_id,
        summary: `设置企业「${row.name}」的企业账号：${names.join('、') || '（无）'}`,
        before: { accounts: before },
        after: { accounts: names },
      })
      await events.record(trx, ctx, {
        zoneId: row.zone_id,
        subjectType: 'enterprise',
        subjectId: id,
        enterpriseId: id,
        kind: 'enterprise.accounts',
        summary: `企业账号调整为：${after.map((a) => a.display_name).join('、') || '（无）'}`,
      })
      return { items: after.map(presentAccount) }
    })
  }

  /**
   * For the ledger import and seeds: the enterprise of this zone with this credit code, else this
   * name; created (audited, with a timeline entry) when there is none. A given credit code must be valid.
   */
  async function findOrCreateByName(
    trx: Db,
    ctx: AnyCtx,
    input: { zoneId: number; name: string; creditCode?: string | null },
  ): Promise<{ id: number; created: boolean }> {
    const name = input.name.trim()
    if (!name) throw new AppError('VALIDATION', '企业名称不能为空', { field: 'name' })
    const raw = trimOrNull(input.creditCode)
    if (raw) {
      const problem = creditCodeProblem(raw)
      if (problem) throw new AppError('VALIDATION', problem, { field: 'creditCode' })
    }
    const code = raw ? normaliseCreditCode(raw) : null
    const existing = await repo.findByCodeOrName(trx, input.zoneId, name, code)
    if (existing) return { id: existing, created: false }
    const v = await values(trx, input.zoneId, { name, creditCode: code }, null)
    const id = await repo.insert(trx, {
      ...v,
      zone_id: input.zoneId,
      created_by: ctx.actor?.id ?? null,
      at: clock.now(),
    })
    await audit.record(trx, ctx, {
      action: 'enterprise.create',
      targetType: 'enterprise',
      targetId: id,
      zoneId: input.zoneId,
      summary: `登记企业「${name}」`,
      after: { name, creditCode: code },
    })
    await events.record(trx, ctx, {
      zoneId: input.zoneId,
      subjectType: 'enterprise',
      subjectId: id,
      enterpriseId: id,
      kind: 'enterprise.created',
      summary: `登记企业「${name}」`,
    })
    return { id, created: true }
  }

  /** An import's enterprise checked on its own, so a bad one names its row before anything is written. */
  function checkNamed(input: { name: string; creditCode?: string | null }) {
    if (!input.name.trim()) throw new AppError('VALIDATION', '企业名称不能为空', { field: 'name' })
    const raw = trimOrNull(input.creditCode)
    const problem = raw ? creditCodeProblem(raw) : null
    if (problem) throw new AppError('VALIDATION', problem, { field: 'creditCode' })
  }

  /**
   * `findOrCreateByName` for many (a ledger import): one query to match, one statement to create, one
   * for their timeline entries. The import's summary audit entry lists the enterprises it created.
   * Returns, in order, each one's id and whether it was created.
   */
  async function findOrCreateManyByName(
    trx: Db,
    ctx: AnyCtx,
    zoneId: number,
    list: Array<{ name: string; creditCode?: string | null }>,
  ): Promise<Array<{ id: number; created: boolean }>> {
    for (const e of list) checkNamed(e)
    const wanted = list.map((e) => {
      const raw = trimOrNull(e.creditCode)
      return { name: e.name.trim(), creditCode: raw ? normaliseCreditCode(raw) : null }
    })
    const found = await repo.findByCodesOrNames(
      trx,
      zoneId,
      [...new Set(wanted.map((w) => w.name))],
      [...new Set(wanted.flatMap((w) => (w.creditCode ? [w.creditCode] : [])))],
    )
    const byCode = new Map(found.flatMap((f) => (f.credit_code ? [[f.credit_code, f.id] as const] : [])))
    const byName = new Map(found.map((f) => [f.name, f.id] as const))
    const existing = wanted.map(
      (w) => (w.creditCode ? byCode.get(w.creditCode) : undefined) ?? byName.get(w.name),
    )
    // The same enterprise named twice is created once.
    const freshKeys = new Map<string, { name: string; creditCode: string | null }>()
    wanted.forEach((w, i) => {
      if (existing[i] === undefined) freshKeys.set(`${w.name}|${w.creditCode ?? ''}`, w)
    })
    const fresh = [...freshKeys.values()]
    const ids = await repo.insertNamed(trx, zoneId, fresh, ctx.actor?.id ?? null, clock.now())
    const idOf = new Map(fresh.map((w, i) => [`${w.name}|${w.creditCode ?? ''}`, ids[i]!]))
    await events.recordMany(
      trx,
      ctx,
      fresh.map((w, i) => ({
        zoneId,
        subjectType: 'enterprise',
        subjectId: ids[i]!,
        enterpriseId: ids[i]!,
        kind: 'enterprise.created',
        summary: `登记企业「${w.name}」`,
      })),
    )
    return wanted.map((w, i) => {
      const id = existing[i]
      return id !== undefined
        ? { id, created: false }
        : { id: idOf.get(`${w.name}|${w.creditCode ?? ''}`)!, created: true }
    })
  }

  return {
    get,
    findVisible,
    list,
    exportRows,
    create,
    update,
    overview,
    timeline,
    mine,
    accounts,
    accountCandidates,
    setAccounts,
    findOrCreateByName,
    checkNamed,
    findOrCreateManyByName,
    attachVisits,
  }
}

export type EnterprisesService = ReturnType<typeof createEnterprisesService>
