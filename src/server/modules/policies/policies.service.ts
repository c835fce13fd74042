import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { ApplicationStatus, PolicyBenefit, PolicyLevel } from '../../db/schema-policies.ts'
import { AppError, forbidden, found, invalid, notFound, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { formatWan, fromUnits, normMoney, sumMoney, toUnits } from '../../lib/money.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { beijingDate, beijingYearMonth, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AttachmentsService } from '../attachments/attachments.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { zoneRowScope } from '../enterprises/enterprises.repository.ts'
import type { EventsService } from '../events/events.service.ts'
import { usersWithPermission } from '../notifications/notifications.repository.ts'
import type { ServiceRecordsService } from '../service-records/service-records.service.ts'
import * as repo from './policies.repository.ts'
import {
  ACTION_LABEL,
  ACTIONS,
  APPLICATION_STATUS_LABEL,
  type ApplicationAction,
  assertTransition,
  BENEFIT_LABEL,
  canFrom,
  FLOW,
  LEVEL_LABEL,
  POLICY_STATUS_LABEL,
} from './policy-flow.ts'
import { type MatchLabels, type MatchResult, matchPolicy, validityOn, wanShort } from './policy-match.ts'

export interface PolicyInput {
  title: string
  docNumber?: string | null
  issuer: string
  level: PolicyLevel
  benefitKind: PolicyBenefit
  summary?: string | null
  benefitText?: string | null
  maxAmount?: string | null
  validFrom: string
  validTo?: string | null
  industries?: string[]
  scales?: string[]
  regions?: string[]
  stages?: string[]
  minInvestment?: string | null
  maxInvestment?: string | null
  contactName?: string | null
  contactPhone?: string | null
}
export type CreatePolicyInput = PolicyInput & { zoneId?: number }
export type UpdatePolicyInput = Partial<PolicyInput> & { version: number }

export const POLICY_SORTS = ['validFrom', '-validFrom', 'createdAt', '-createdAt', 'title', '-title'] as const
const PHONE = /^[0-9+\-\s()]{5,20}$/
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/**
 * 惠企政策 (FACTS 002): the zone's catalogue of support policies with the conditions an enterprise
 * must meet; which enterprises qualify and why (policy-match.ts); notices to the qualifying
 * enterprises' users on publishing; applications reviewed and paid step by step (policy-flow.ts);
 * figures per policy and zone. A policy belongs to one zone (ADR 0009).
 */
export function createPoliciesService(
  deps: Deps,
  s: {
    audit: AuditService
    events: EventsService
    attachments: AttachmentsService
    serviceRecords: Pick<ServiceRecordsService, 'recordForPolicy'>
  },
) {
  const { db, clock } = deps
  const today = () => beijingDate(clock.now())

  // ---------- validation ----------

  async function checkCodes(
    trx: Db,
    v: Required<Pick<PolicyInput, 'industries' | 'regions' | 'scales' | 'stages'>>,
  ) {
    const missing = async (table: 'industries' | 'regions', codes: string[]) => {
      if (!codes.length) return []
      const rows = await trx.selectFrom(table).select('code').where('code', 'in', codes).execute()
      return codes.filter((c) => !rows.some((r) => r.code === c))
    }
    const badInd = await missing('industries', v.industries)
    if (badInd.length)
      throw invalid('industries', `行业代码不存在：${badInd.join('、')}（请按 GB/T 4754 选择）`)
    const badReg = await missing('regions', v.regions)
    if (badReg.length) throw invalid('regions', `地区代码不存在：${badReg.join('、')}（请按 GB/T 2260 选择）`)
    const dict = await trx
      .selectFrom('dict_items')
      .select(['type_code', 'code'])
      .where('type_code', 'in', ['enterprise_scale', 'project_stage'])
      .execute()
    const has = (t: string, c: string) => dict.some((d) => d.type_code === t && d.code === c)
    const badScale = v.scales.filter((c) => !has('enterprise_scale', c))
    if (badScale.length) throw invalid('scales', `企业规模不存在：${badScale.join('、')}`)
    const badStage = v.stages.filter((c) => !has('project_stage', c))
    if (badStage.length) throw invalid('stages', `项目阶段不存在：${badStage.join('、')}`)
  }

  /** The stored values of a policy from the whole input (create, or an update merged on the row). */
  async function valuesOf(trx: Db, input: PolicyInput): Promise<repo.PolicyValues> {
    const title = input.title.trim()
    if (title.length < 2) throw invalid('title', '政策名称至少 2 个字')
    const issuer = input.issuer.trim()
    if (!issuer) throw invalid('issuer', '请填写发文机关')
    if (!isRealDate(input.validFrom)) throw invalid('validFrom', '有效期起不是有效的日期')
    const validTo = input.validTo || null
    if (validTo && !isRealDate(validTo)) throw invalid('validTo', '有效期止不是有效的日期')
    if (validTo && validTo < input.validFrom) throw invalid('validTo', '有效期止不能早于有效期起')
    const min = input.minInvestment ? normMoney(input.minInvestment) : null
    const max = input.maxInvestment ? normMoney(input.maxInvestment) : null
    if (min != null && toUnits(min) < 0n) throw invalid('minInvestment', '项目总投资下限不能小于 0')
    if (max != null && toUnits(max) < 0n) throw invalid('maxInvestment', '项目总投资上限不能小于 0')
    if (min != null && max != null && toUnits(max) < toUnits(min))
      throw invalid('maxInvestment', '项目总投资上限不能低于下限')
    const maxAmount = input.maxAmount ? normMoney(input.maxAmount) : null
    if (maxAmount != null && toUnits(maxAmount) < 0n) throw invalid('maxAmount', '最高支持金额不能小于 0')
    const phone = trimOrNull(input.contactPhone)
    if (phone && !PHONE.test(phone)) throw invalid('contactPhone', '联系电话格式不正确')
    const codes = {
      industries: [...new Set((input.industries ?? []).map((c) => c.trim()).filter(Boolean))],
      regions: [...new Set((input.regions ?? []).map((c) => c.trim()).filter(Boolean))],
      scales: [...new Set(input.scales ?? [])],
      stages: [...new Set(input.stages ?? [])],
    }
    await checkCodes(trx, codes)
    return {
      title,
      doc_number: trimOrNull(input.docNumber),
      issuer,
      level: input.level,
      benefit_kind: input.benefitKind,
      summary: trimOrNull(input.summary),
      benefit_text: trimOrNull(input.benefitText),
      max_amount: maxAmount,
      valid_from: input.validFrom,
      valid_to: validTo,
      cond_industries: codes.industries,
      cond_scales: codes.scales,
      cond_regions: codes.regions,
      cond_stages: codes.stages,
      cond_min_investment: min,
      cond_max_investment: max,
      contact_name: trimOrNull(input.contactName),
      contact_phone: phone,
    }
  }

  const inputOf = (p: repo.PolicyRow): PolicyInput => ({
    title: p.title,
    docNumber: p.doc_number,
    issuer: p.issuer,
    level: p.level,
    benefitKind: p.benefit_kind,
    summary: p.summary,
    benefitText: p.benefit_text,
    maxAmount: p.max_amount,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    industries: p.cond_industries,
    scales: p.cond_scales,
    regions: p.cond_regions,
    stages: p.cond_stages,
    minInvestment: p.cond_min_investment,
    maxInvestment: p.cond_max_investment,
    contactName: p.contact_name,
    contactPhone: p.contact_phone,
  })

  // ---------- presenting ----------

  const matchPolicyOf = (p: repo.PolicyRow) => ({
    status: p.status,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    industries: p.cond_industries,
    scales: p.cond_scales,
    regions: p.cond_regions,
    stages: p.cond_stages,
    minInvestment: p.cond_min_investment,
    maxInvestment: p.cond_max_investment,
  })

  async function labelsOfPolicies(
    trx: Db,
    rows: repo.PolicyRow[],
    extra: { industries?: string[]; regions?: string[] } = {},
  ) {
    return repo.labelsFor(
      trx,
      [...rows.flatMap((p) => p.cond_industries), ...(extra.industries ?? [])],
      [...rows.flatMap((p) => p.cond_regions), ...(extra.regions ?? [])],
    )
  }

  /** The conditions as sentences for people: 行业：C 制造业；规模：大型、中型 … */
  function conditionText(p: repo.PolicyRow, l: MatchLabels): string[] {
    const names = (m: Record<string, string>, cs: string[], code = false) =>
      cs.map((c) => (code ? `${c} ${m[c] ?? ''}`.trim() : (m[c] ?? c))).join('、')
    const out: string[] = []
    if (p.cond_industries.length) out.push(`行业：${names(l.industry, p.cond_industries, true)}`)
    if (p.cond_scales.length) out.push(`企业规模：${names(l.scale, p.cond_scales)}`)
    if (p.cond_regions.length) out.push(`地区：${names(l.region, p.cond_regions)}`)
    if (p.cond_stages.length) out.push(`项目阶段：${names(l.stage, p.cond_stages)}`)
    if (p.cond_min_investment != null) out.push(`项目总投资 ≥ ${wanShort(p.cond_min_investment)}`)
    if (p.cond_max_investment != null) out.push(`项目总投资 ≤ ${wanShort(p.cond_max_investment)}`)
    if (!out.length) out.push('不限条件')
    return out
  }

  function presentPolicy(p: repo.PolicyRow, l: MatchLabels) {
    return {
      id: p.id,
      zoneId: p.zone_id,
      zoneName: p.zone_name,
      title: p.title,
      docNumber: p.doc_number,
      issuer: p.issuer,
      level: p.level,
      levelLabel: LEVEL_LABEL[p.level],
      benefitKind: p.benefit_kind,
      benefitLabel: BENEFIT_LABEL[p.benefit_kind],
      summary: p.summary,
      benefitText: p.benefit_text,
      maxAmount: p.max_amount,
      validFrom: p.valid_from,
      validTo: p.valid_to,
      validity: validityOn({ validFrom: p.valid_from, validTo: p.valid_to }, today()),
      status: p.status,
      statusLabel: POLICY_STATUS_LABEL[p.status],
      industries: p.cond_industries,
      scales: p.cond_scales,
      regions: p.cond_regions,
      stages: p.cond_stages,
      minInvestment: p.cond_min_investment,
      maxInvestment: p.cond_max_investment,
      conditions: conditionText(p, l),
      contactName: p.contact_name,
      contactPhone: p.contact_phone,
      publishedAt: iso(p.published_at),
      applicationCount: Number(p.application_count ?? 0),
      notifiedEnterprises: Number(p.notified_enterprises ?? 0),
      createdAt: iso(p.created_at)!,
      version: p.version,
    }
  }
  type PolicyOut = ReturnType<typeof presentPolicy>

  async function presentPolicies(rows: repo.PolicyRow[]): Promise<PolicyOut[]> {
    const l = await labelsOfPolicies(db, rows)
    return rows.map((p) => presentPolicy(p, l))
  }

  async function audit(
    trx: Db,
    ctx: Ctx,
    t: { type: 'policy' | 'policy_application'; id: number; zoneId: number },
    action: string,
    summary: string,
    before: unknown,
    after: unknown,
  ) {
    await s.audit.record(trx, ctx, {
      action: `${t.type}.${action}`,
      targetType: t.type,
      targetId: t.id,
      zoneId: t.zoneId,
      summary,
      before: (before ?? null) as Record<string, unknown> | null,
      after: (after ?? null) as Record<string, unknown> | null,
    })
  }

  // ---------- matching ----------

  function matchEnterpriseOf(e: repo.MatchEnterpriseRow) {
    return {
      industryCode: e.industry_code,
      industrySection: e.industry_section,
      scale: e.scale,
      regionCode: e.region_code,
      projects: e.projects,
    }
  }

  /** The enterprises of the policy's zone that qualify, with the reasons. */
  async function qualifying(trx: Db, p: repo.PolicyRow, preview = false) {
    const ents = await repo.enterprisesForMatch(trx, p.zone_id)
    const l = await labelsOfPolicies(trx, [p], {
      industries: ents.map((e) => e.industry_code ?? ''),
      regions: ents.map((e) => e.region_code ?? ''),
    })
    const day = today()
    return ents
      .map((e) => ({
        e,
        // a draft's preview: who would qualify once it is published
        r: matchPolicy(
          { ...matchPolicyOf(p), ...(preview ? { status: 'published' as const } : {}) },
          matchEnterpriseOf(e),
          day,
          l,
        ),
      }))
      .filter((x) => x.r.matched)
  }

  /** Staff only: which enterprises of the zone qualify for a policy, and why. */
  async function matches(actor: Actor, id: number) {
    authorize(actor, 'policy:read')
    if (actor.enterpriseId) throw forbidden('企业用户不能查看其他企业的符合情况')
    const p = found(await repo.findPolicy(db, id, actor), '政策')
    const notified = await repo.notifiedUserIds(db, id)
    const rows = await qualifying(db, p, true)
    const users = await repo.enterpriseUsers(
      db,
      rows.map((x) => x.e.id),
    )
    return {
      policyId: p.id,
      items: rows.map(({ e, r }) => {
        const accounts = users.filter((u) => u.enterprise_id === e.id)
        return {
          enterpriseId: e.id,
          enterpriseName: e.name,
          reasons: r.reasons,
          accounts: accounts.length,
          notified: accounts.length > 0 && accounts.every((u) => notified.has(u.id)),
        }
      }),
    }
  }

  /** Which enterprise the actor asks about: an enterprise user their own; staff any they see. */
  async function enterpriseFor(
    trx: Db,
    actor: Actor,
    enterpriseId: number | undefined,
    field = 'enterpriseId',
  ) {
    const id = actor.enterpriseId ?? enterpriseId
    if (!id) throw invalid(field, '请选择企业')
    if (actor.enterpriseId && enterpriseId && enterpriseId !== actor.enterpriseId) throw notFound('企业')
    const e = await trx
      .selectFrom('enterprises as e')
      .select(['e.id', 'e.name', 'e.zone_id'])
      .where('e.id', '=', id)
      .where(zoneRowScope(actor, 'e.zone_id', 'e.id'))
      .executeTakeFirst()
    return found(e, '企业')
  }

  /** 可享受的政策: the published, valid policies an enterprise qualifies for, with the reasons. */
  async function forEnterprise(actor: Actor, enterpriseId?: number) {
    authorize(actor, 'policy:read')
    const ent = await enterpriseFor(db, actor, enterpriseId)
    const [e] = await repo.enterprisesForMatch(db, ent.zone_id, [ent.id])
    const candidates = await repo.livePolicies(db, ent.zone_id, today())
    const l = await labelsOfPolicies(db, candidates, {
      industries: [e.industry_code ?? ''],
      regions: [e.region_code ?? ''],
    })
    const apps = await repo.applicationsOfEnterprise(db, ent.id)
    const day = today()
    const items = candidates
      .map((p) => ({ p, r: matchPolicy(matchPolicyOf(p), matchEnterpriseOf(e), day, l) }))
      .filter((x) => x.r.matched)
      .map(({ p, r }) => {
        const app = apps.find((a) => a.policy_id === p.id && a.status !== 'rejected')
        return {
          ...presentPolicy(p, l),
          reasons: r.reasons,
          application: app
            ? {
                id: app.id,
                code: app.code,
                status: app.status,
                statusLabel: APPLICATION_STATUS_LABEL[app.status],
              }
            : null,
        }
      })
    return { enterprise: { id: ent.id, name: ent.name }, items }
  }

  async function matchOne(trx: Db, p: repo.PolicyRow, enterpriseId: number): Promise<MatchResult> {
    const [e] = await repo.enterprisesForMatch(trx, p.zone_id, [enterpriseId])
    if (!e) return { matched: false, reasons: [], unmet: '企业不属于政策所在开发区' }
    const l = await labelsOfPolicies(trx, [p], {
      industries: [e.industry_code ?? ''],
      regions: [e.region_code ?? ''],
    })
    return matchPolicy(matchPolicyOf(p), matchEnterpriseOf(e), today(), l)
  }

  // ---------- notices ----------

  /**
   * Tells the users of every qualifying enterprise not told before (policy_notices): one timeline
   * entry per enterprise, which the notification rules turn into in-app notices and e-mails.
   */
  async function notifyQualifying(trx: Db, ctx: Ctx, p: repo.PolicyRow) {
    const rows = await qualifying(trx, p)
    const users = await repo.enterpriseUsers(
      trx,
      rows.map((x) => x.e.id),
    )
    const already = await repo.notifiedUserIds(trx, p.id)
    const at = clock.now()
    let people = 0
    let enterprises = 0
    for (const { e, r } of rows) {
      const to = users.filter((u) => u.enterprise_id === e.id && !already.has(u.id)).map((u) => u.id)
      if (!to.length) continue
      await repo.insertNotices(
        trx,
        to.map((user_id) => ({
          zone_id: p.zone_id,
          policy_id: p.id,
          enterprise_id: e.id,
          user_id,
          notified_at: at,
          notified_by: ctx.actor.id,
        })),
      )
      await s.events.record(trx, ctx, {
        zoneId: p.zone_id,
        subjectType: 'policy',
        subjectId: p.id,
        enterpriseId: e.id,
        kind: 'policy.match',
        summary: `${e.name}符合惠企政策「${p.title}」：${r.reasons.join('；')}`,
        data: { userIds: to, title: `可申报惠企政策：${p.title}`, link: `/portal/policies/${p.id}` },
      })
      people += to.length
      enterprises++
    }
    return { enterprises, people }
  }

  async function notify(ctx: Ctx, id: number) {
    authorize(ctx.actor, 'policy:manage')
    const result = await db.transaction().execute(async (trx) => {
      const p = found(await repo.findPolicy(trx, id, ctx.actor), '政策')
      if (p.status !== 'published') throw new AppError('CONFLICT', '政策尚未发布，发布后才能通知企业')
      if (validityOn({ validFrom: p.valid_from, validTo: p.valid_to }, today()) !== 'valid')
        throw new AppError('CONFLICT', '政策不在有效期内，不能通知企业')
      const n = await notifyQualifying(trx, ctx, p)
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: p.zone_id },
        'notify',
        `通知符合惠企政策「${p.title}」条件的企业 ${n.enterprises} 家、${n.people} 人`,
        null,
        n,
      )
      return n
    })
    return { notifiedEnterprises: result.enterprises, notifiedUsers: result.people }
  }

  // ---------- catalogue ----------

  const catalogue = pagedList({
    args: (q: repo.PolicyFilter & { sort?: string }) => {
      const { sort: raw, ...filter } = q
      const st = raw ? sortOf(raw, POLICY_SORTS, 'validFrom') : { field: '-validFrom', dir: 'desc' as const }
      const desc = st.field.startsWith('-') || st.dir === 'desc'
      return {
        filter,
        sort: { field: st.field.replace('-', ''), dir: desc ? 'desc' : 'asc' } as repo.PolicySort,
      }
    },
    fetch: (actor: Actor, filter, sort, window) => {
      authorize(actor, 'policy:read')
      return repo.listPolicies(db, actor, filter, today(), sort, window)
    },
    present: presentPolicies,
  })

  async function detail(actor: Actor, id: number) {
    authorize(actor, 'policy:read')
    const p = found(await repo.findPolicy(db, id, actor), '政策')
    const [out] = await presentPolicies([p])
    const manage = hasPermission(actor, 'policy:manage')
    let match: MatchResult | null = null
    let application: { id: number; code: string; status: ApplicationStatus; statusLabel: string } | null =
      null
    if (actor.enterpriseId) {
      match = await matchOne(db, p, actor.enterpriseId)
      const app = (await repo.applicationsOfEnterprise(db, actor.enterpriseId)).find(
        (a) => a.policy_id === p.id && a.status !== 'rejected',
      )
      if (app)
        application = {
          id: app.id,
          code: app.code,
          status: app.status,
          statusLabel: APPLICATION_STATUS_LABEL[app.status],
        }
    }
    return {
      ...out,
      match,
      application,
      canEdit: manage,
      canPublish: manage && p.status !== 'published',
      canWithdraw: manage && p.status === 'published',
      canDelete: manage && p.status === 'draft' && out.applicationCount === 0,
      canNotify: manage && p.status === 'published' && out.validity === 'valid',
      canApply:
        !!actor.enterpriseId && hasPermission(actor, 'policy:apply') && !!match?.matched && !application,
    }
  }

  async function create(ctx: Ctx, input: CreatePolicyInput) {
    authorize(ctx.actor, 'policy:manage')
    const id = await db.transaction().execute(async (trx) => {
      const zone = await targetZone(trx, ctx.actor, input.zoneId, {
        missing: '请选择政策所属开发区',
        notFoundField: true,
      })
      const values = await valuesOf(trx, input)
      const id = await repo.insertPolicy(
        trx,
        { ...values, zone_id: zone.id, created_by: ctx.actor.id },
        clock.now(),
      )
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: zone.id },
        'create',
        `新建惠企政策「${values.title}」`,
        null,
        values,
      )
      return id
    })
    return detail(ctx.actor, id)
  }

  async function update(ctx: Ctx, id: number, input: UpdatePolicyInput) {
    authorize(ctx.actor, 'policy:manage')
    await db.transaction().execute(async (trx) => {
      const p = found(await repo.findPolicy(trx, id, ctx.actor), '政策')
      if (p.version !== input.version) throw versionConflict()
      const { version: _v, ...changes } = input
      const merged = {
        ...inputOf(p),
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      }
      const values = await valuesOf(trx, merged as PolicyInput)
      if (!(await repo.updatePolicy(trx, id, p.version, { ...values }, clock.now()))) throw versionConflict()
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: p.zone_id },
        'update',
        `修改惠企政策「${values.title}」`,
        inputOf(p),
        values,
      )
    })
    return detail(ctx.actor, id)
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'policy:manage')
    await db.transaction().execute(async (trx) => {
      const p = found(await repo.findPolicy(trx, id, ctx.actor), '政策')
      if (p.version !== version) throw versionConflict()
      if (p.status !== 'draft' || Number(p.application_count) > 0)
        throw new AppError('CONFLICT', '只能删除未发布、无人申报的草稿；已发布的政策请撤回')
      if (!(await repo.deletePolicy(trx, id, version))) throw versionConflict()
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: p.zone_id },
        'delete',
        `删除惠企政策草稿「${p.title}」`,
        inputOf(p),
        null,
      )
    })
    return { ok: true }
  }

  /** 发布: the policy becomes visible to the zone's enterprises; the qualifying ones are told at once. */
  async function publish(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'policy:manage')
    const n = await db.transaction().execute(async (trx) => {
      const p = found(await repo.findPolicy(trx, id, ctx.actor), '政策')
      if (p.version !== version) throw versionConflict()
      if (p.status === 'published') throw new AppError('INVALID_TRANSITION', '该政策已发布')
      const at = clock.now()
      if (
        !(await repo.updatePolicy(
          trx,
          id,
          version,
          { status: 'published', published_at: at, published_by: ctx.actor.id },
          at,
        ))
      )
        throw versionConflict()
      const published = (await repo.findPolicy(trx, id))!
      const n =
        validityOn({ validFrom: p.valid_from, validTo: p.valid_to }, today()) === 'valid'
          ? await notifyQualifying(trx, ctx, published)
          : { enterprises: 0, people: 0 }
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: p.zone_id },
        'publish',
        `发布惠企政策「${p.title}」，通知符合条件的企业 ${n.enterprises} 家、${n.people} 人`,
        { status: p.status },
        { status: 'published', notified: n },
      )
      return n
    })
    return { ...(await detail(ctx.actor, id)), notifiedEnterprises: n.enterprises, notifiedUsers: n.people }
  }

  async function withdraw(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'policy:manage')
    await db.transaction().execute(async (trx) => {
      const p = found(await repo.findPolicy(trx, id, ctx.actor), '政策')
      if (p.version !== version) throw versionConflict()
      if (p.status !== 'published')
        throw new AppError('INVALID_TRANSITION', `该政策当前为「${POLICY_STATUS_LABEL[p.status]}」，不能撤回`)
      if (!(await repo.updatePolicy(trx, id, version, { status: 'withdrawn' }, clock.now())))
        throw versionConflict()
      await audit(
        trx,
        ctx,
        { type: 'policy', id, zoneId: p.zone_id },
        'withdraw',
        `撤回惠企政策「${p.title}」`,
        { status: p.status },
        { status: 'withdrawn' },
      )
    })
    return detail(ctx.actor, id)
  }

  async function notices(actor: Actor, id: number) {
    authorize(actor, 'policy:manage')
    found(await repo.findPolicy(db, id, actor), '政策')
    return {
      items: (await repo.noticesOf(db, id)).map((n) => ({
        enterpriseId: n.enterprise_id,
        enterpriseName: n.enterprise_name,
        userId: n.user_id,
        userName: n.display_name,
        notifiedAt: iso(n.notified_at)!,
      })),
    }
  }

  // ---------- applications ----------

  function presentApplication(a: repo.ApplicationRow) {
    return {
      id: a.id,
      zoneId: a.zone_id,
      zoneName: a.zone_name,
      code: a.code,
      policy: {
        id: a.policy_id,
        title: a.policy_title,
        docNumber: a.policy_doc_number,
        maxAmount: a.policy_max_amount,
      },
      benefitLabel: BENEFIT_LABEL[a.benefit_kind],
      enterprise: { id: a.enterprise_id, name: a.enterprise_name },
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABEL[a.status],
      amountRequested: a.amount_requested,
      amountGranted: a.amount_granted,
      amountPaid: a.amount_paid,
      content: a.content,
      appliedBy: a.applied_by ? { id: a.applied_by, name: a.applied_by_name ?? `#${a.applied_by}` } : null,
      onBehalf: !!a.applied_by && a.applied_by_enterprise !== a.enterprise_id,
      appliedAt: iso(a.applied_at)!,
      firstPaidOn: a.first_paid_on,
      fullyPaidOn: a.fully_paid_on,
      updatedAt: iso(a.updated_at)!,
      version: a.version,
    }
  }

  const applicationList = pagedList({
    args: (q: repo.ApplicationFilter) => ({ filter: q, sort: null }),
    fetch: (actor: Actor, filter, _sort, window) => {
      authorize(actor, 'policy:read')
      return repo.listApplications(db, actor, filter, window)
    },
    present: (rows: repo.ApplicationRow[]) => rows.map(presentApplication),
  })

  /** May this actor take the step on this application (scope aside)? */
  function mayTake(actor: Actor, action: ApplicationAction, a: { enterprise_id: number }) {
    if (FLOW[action].who === 'reviewer') return hasPermission(actor, 'policy:manage')
    return (
      hasPermission(actor, 'policy:manage') ||
      (hasPermission(actor, 'policy:apply') && actor.enterpriseId === a.enterprise_id)
    )
  }

  async function applicationDetail(actor: Actor, id: number) {
    authorize(actor, 'policy:read')
    const a = found(await repo.findApplication(db, id, actor), '申报')
    const steps = await repo.stepsOf(db, id)
    return {
      ...presentApplication(a),
      steps: steps.map((st) => ({
        id: st.id,
        action: st.action,
        actionLabel: ACTION_LABEL[st.action as ApplicationAction] ?? st.action,
        fromStatus: st.from_status,
        toStatus: st.to_status,
        toStatusLabel: APPLICATION_STATUS_LABEL[st.to_status as ApplicationStatus] ?? st.to_status,
        note: st.note,
        amount: st.amount,
        paidOn: st.paid_on,
        actorName: st.actor_name,
        at: iso(st.at)!,
      })),
      payments: steps
        .filter((st) => st.action === 'pay')
        .map((st) => ({ amount: st.amount!, paidOn: st.paid_on!, note: st.note, actorName: st.actor_name })),
      actions: ACTIONS.filter((k) => canFrom(k, a.status) && mayTake(actor, k, a)),
      remaining: a.amount_granted ? fromUnits(toUnits(a.amount_granted) - toUnits(a.amount_paid)) : null,
    }
  }

  /** Tells the other side of a step: the zone's reviewers of a (re)submission, the enterprise's users of a decision. */
  async function stepEvent(
    trx: Db,
    ctx: Ctx,
    a: { id: number; code: string; zone_id: number; enterprise_id: number; policy_title: string },
    action: ApplicationAction | 'apply',
    summary: string,
  ) {
    const toReviewers = action === 'apply' || action === 'resubmit'
    const userIds = toReviewers
      ? await usersWithPermission(trx, 'policy:manage', { zoneId: a.zone_id })
      : (await repo.enterpriseUsers(trx, [a.enterprise_id])).map((u) => u.id)
    await s.events.record(trx, ctx, {
      zoneId: a.zone_id,
      subjectType: 'policy_application',
      subjectId: a.id,
      enterpriseId: a.enterprise_id,
      kind: `policy.application.${action}`,
      summary,
      data: {
        userIds,
        title: `惠企政策申报${ACTION_LABEL[action]}：${a.code} ${a.policy_title}`,
        link: toReviewers
          ? `/policies?tab=applications&application=${a.id}`
          : `/portal/policy-applications/${a.id}`,
      },
    })
  }

  function checkAmount(field: string, v: string, label: string) {
    if (toUnits(v) <= 0n) throw invalid(field, `${label}须大于 0 万元`)
    return normMoney(v)
  }

  async function apply(
    ctx: Ctx,
    input: { policyId: number; enterpriseId?: number; amountRequested: string; content: string },
    opts: { at?: Date } = {},
  ) {
    const actor = ctx.actor
    if (!hasPermission(actor, 'policy:apply') && !hasPermission(actor, 'policy:manage')) throw forbidden()
    if (!actor.enterpriseId && !hasPermission(actor, 'policy:manage')) throw forbidden()
    const at = opts.at ?? clock.now()
    const id = await db.transaction().execute(async (trx) => {
      const p = await repo.findPolicy(trx, input.policyId, actor)
      if (!p) throw new AppError('NOT_FOUND', '政策不存在或无权访问', { field: 'policyId' })
      const ent = await enterpriseFor(trx, actor, input.enterpriseId)
      if (ent.zone_id !== p.zone_id) throw invalid('enterpriseId', '企业不属于该政策所在开发区')
      const m = await matchOne(trx, p, ent.id)
      if (!m.matched)
        throw new AppError('CONFLICT', `不符合该政策的申报条件：${m.unmet}`, { field: 'policyId' })
      const amount = checkAmount('amountRequested', input.amountRequested, '申请金额')
      if (p.max_amount != null && toUnits(amount) > toUnits(p.max_amount))
        throw invalid('amountRequested', `申请金额不能超过政策最高支持金额 ${formatWan(p.max_amount)}`)
      const content = input.content.trim()
      if (content.length < 5) throw invalid('content', '申报说明至少 5 个字')
      const open = await repo.openApplication(trx, p.id, ent.id)
      if (open)
        throw new AppError(
          'DUPLICATE',
          `该企业已申报此政策（${open.code}，${APPLICATION_STATUS_LABEL[open.status]}），请勿重复申报`,
        )
      const code = await repo.nextApplicationCode(trx, p.zone_id, beijingYearMonth(at).year)
      const id = await repo.insertApplication(trx, {
        zone_id: p.zone_id,
        code,
        policy_id: p.id,
        enterprise_id: ent.id,
        amount_requested: amount,
        content,
        applied_by: actor.id,
        applied_at: at,
      })
      await repo.insertStep(trx, {
        zone_id: p.zone_id,
        application_id: id,
        action: 'apply',
        from_status: null,
        to_status: 'submitted',
        note: null,
        amount,
        paid_on: null,
        actor_id: actor.id,
        actor_name: actor.displayName,
        at,
      })
      const a = { id, code, zone_id: p.zone_id, enterprise_id: ent.id, policy_title: p.title }
      const who = actor.enterpriseId ? '' : `（${actor.displayName}代为申报）`
      await stepEvent(
        trx,
        ctx,
        a,
        'apply',
        `${ent.name}申报惠企政策「${p.title}」，申请 ${formatWan(amount)}${who}`,
      )
      await audit(
        trx,
        ctx,
        { type: 'policy_application', id, zoneId: p.zone_id },
        'apply',
        `${ent.name}申报惠企政策「${p.title}」（${code}）`,
        null,
        { policyId: p.id, enterpriseId: ent.id, amount, content },
      )
      if (who)
        await s.serviceRecords.recordForPolicy(trx, ctx, {
          zoneId: p.zone_id,
          enterpriseId: ent.id,
          date: today(),
          summary: `代企业申报惠企政策「${p.title}」（${code}），申请 ${formatWan(amount)}`,
        })
      return id
    })
    return applicationDetail(actor, id)
  }

  /** Loads an application for a step: scope (404), who (403), the flow (409), the version (409). */
  async function loadForStep(trx: Db, actor: Actor, id: number, action: ApplicationAction, version: number) {
    const a = found(await repo.findApplication(trx, id, actor), '申报')
    if (!mayTake(actor, action, a)) throw forbidden(`没有${FLOW[action].label}的权限`)
    assertTransition(action, a.status)
    if (a.version !== version) throw versionConflict()
    return a
  }

  async function writeStep(
    trx: Db,
    ctx: Ctx,
    a: repo.ApplicationRow,
    action: ApplicationAction,
    to: ApplicationStatus,
    values: Record<string, unknown>,
    step: { note: string | null; amount?: string | null; paidOn?: string | null },
    at: Date,
    summary: string,
  ) {
    if (!(await repo.updateApplication(trx, a.id, a.version, { status: to, ...values }, at)))
      throw versionConflict()
    await repo.insertStep(trx, {
      zone_id: a.zone_id,
      application_id: a.id,
      action,
      from_status: a.status,
      to_status: to,
      note: step.note,
      amount: step.amount ?? null,
      paid_on: step.paidOn ?? null,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.displayName,
      at,
    })
    await stepEvent(trx, ctx, a, action, summary)
    await audit(
      trx,
      ctx,
      { type: 'policy_application', id: a.id, zoneId: a.zone_id },
      action,
      summary,
      { status: a.status },
      { status: to, ...values, note: step.note },
    )
  }

  async function resubmit(
    ctx: Ctx,
    id: number,
    input: { amountRequested?: string; content?: string; note?: string | null; version: number },
    opts: { at?: Date } = {},
  ) {
    authorize(ctx.actor, 'policy:read')
    const at = opts.at ?? clock.now()
    // the input first: a bad field is 400 whatever the application's state
    const content = input.content?.trim()
    if (content !== undefined && content.length < 5) throw invalid('content', '申报说明至少 5 个字')
    const amount =
      input.amountRequested === undefined
        ? undefined
        : checkAmount('amountRequested', input.amountRequested, '申请金额')
    await db.transaction().execute(async (trx) => {
      const a = await loadForStep(trx, ctx.actor, id, 'resubmit', input.version)
      const values: Record<string, unknown> = {}
      if (amount !== undefined) {
        if (a.policy_max_amount != null && toUnits(amount) > toUnits(a.policy_max_amount))
          throw invalid(
            'amountRequested',
            `申请金额不能超过政策最高支持金额 ${formatWan(a.policy_max_amount)}`,
          )
        values.amount_requested = amount
      }
      if (content !== undefined) values.content = content
      await writeStep(
        trx,
        ctx,
        a,
        'resubmit',
        'submitted',
        values,
        { note: trimOrNull(input.note) },
        at,
        `${a.enterprise_name}补充材料后重新提交申报 ${a.code}`,
      )
    })
    return applicationDetail(ctx.actor, id)
  }

  async function review(
    ctx: Ctx,
    id: number,
    input: {
      action: 'accept' | 'return' | 'approve' | 'reject'
      note?: string | null
      amountGranted?: string | null
      version: number
    },
    opts: { at?: Date } = {},
  ) {
    authorize(ctx.actor, 'policy:read')
    const at = opts.at ?? clock.now()
    await db.transaction().execute(async (trx) => {
      const a = await loadForStep(trx, ctx.actor, id, input.action, input.version)
      const note = trimOrNull(input.note)
      if ((input.action === 'return' || input.action === 'reject') && (!note || note.length < 2))
        throw invalid(
          'note',
          input.action === 'return' ? '请填写需要补充的材料或退回原因' : '请填写不予支持的理由',
        )
      const values: Record<string, unknown> = {}
      let summary = `申报 ${a.code}（${a.enterprise_name}）${FLOW[input.action].label}${note ? `：${note}` : ''}`
      if (input.action === 'approve') {
        if (!input.amountGranted) throw invalid('amountGranted', '请填写核定金额')
        const granted = checkAmount('amountGranted', input.amountGranted, '核定金额')
        if (toUnits(granted) > toUnits(a.amount_requested))
          throw invalid('amountGranted', `核定金额不能超过申请金额 ${formatWan(a.amount_requested)}`)
        values.amount_granted = granted
        summary = `申报 ${a.code}（${a.enterprise_name}）审核通过，核定 ${formatWan(granted)}${note ? `：${note}` : ''}`
      }
      await writeStep(
        trx,
        ctx,
        a,
        input.action,
        FLOW[input.action].to!,
        values,
        { note, amount: (values.amount_granted as string | undefined) ?? null },
        at,
        summary,
      )
    })
    return applicationDetail(ctx.actor, id)
  }

  /** 兑现: a payment; several may add up to the amount granted, never above it. */
  async function pay(
    ctx: Ctx,
    id: number,
    input: { amount: string; paidOn: string; note?: string | null; version: number },
    opts: { at?: Date } = {},
  ) {
    authorize(ctx.actor, 'policy:read')
    const at = opts.at ?? clock.now()
    await db.transaction().execute(async (trx) => {
      const a = await loadForStep(trx, ctx.actor, id, 'pay', input.version)
      const amount = checkAmount('amount', input.amount, '兑现金额')
      if (!isRealDate(input.paidOn)) throw invalid('paidOn', '兑现日期不是有效的日期')
      if (input.paidOn > beijingDate(at)) throw invalid('paidOn', '兑现日期不能晚于今天')
      if (input.paidOn < beijingDate(new Date(a.applied_at)))
        throw invalid('paidOn', '兑现日期不能早于申报日期')
      const total = toUnits(a.amount_paid) + toUnits(amount)
      const granted = toUnits(a.amount_granted!)
      if (total > granted)
        throw invalid(
          'amount',
          `兑现金额合计不能超过核定金额 ${formatWan(a.amount_granted!)}（已兑现 ${formatWan(a.amount_paid)}，最多还可兑现 ${formatWan(fromUnits(granted - toUnits(a.amount_paid)))}）`,
        )
      const full = total === granted
      const values: Record<string, unknown> = {
        amount_paid: fromUnits(total),
        first_paid_on: a.first_paid_on ?? input.paidOn,
        ...(full ? { fully_paid_on: input.paidOn } : {}),
      }
      await writeStep(
        trx,
        ctx,
        a,
        'pay',
        full ? 'paid' : 'partly_paid',
        values,
        { note: trimOrNull(input.note), amount, paidOn: input.paidOn },
        at,
        `申报 ${a.code}（${a.enterprise_name}）${input.paidOn} 兑现 ${formatWan(amount)}，累计 ${formatWan(sumMoney(a.amount_paid, amount))}${full ? '，已全部兑现' : ''}`,
      )
    })
    return applicationDetail(ctx.actor, id)
  }

  // ---------- figures ----------

  async function figures(actor: Actor, q: { zoneId?: number; policyId?: number }) {
    authorize(actor, 'policy:read')
    const rows = await repo.figures(db, actor, q)
    const avg = (sum: number | null, n: number) => (n ? Math.round(((sum ?? 0) / n) * 10) / 10 : null)
    type Acc = {
      applied: number
      approved: number
      rejected: number
      pending: number
      fullyPaid: number
      requested: bigint
      granted: bigint
      paid: bigint
      firstDays: number
      firstN: number
      fullDays: number
      fullN: number
    }
    const zero = (): Acc => ({
      applied: 0,
      approved: 0,
      rejected: 0,
      pending: 0,
      fullyPaid: 0,
      requested: 0n,
      granted: 0n,
      paid: 0n,
      firstDays: 0,
      firstN: 0,
      fullDays: 0,
      fullN: 0,
    })
    const add = (acc: Acc, r: (typeof rows)[number]) => {
      acc.applied += r.applied
      acc.approved += r.approved
      acc.rejected += r.rejected
      acc.pending += r.pending
      acc.fullyPaid += r.fully_paid
      acc.requested += toUnits(r.requested_sum)
      acc.granted += toUnits(r.granted_sum)
      acc.paid += toUnits(r.paid_sum)
      acc.firstDays += r.first_days_sum ?? 0
      acc.firstN += r.first_count
      acc.fullDays += r.full_days_sum ?? 0
      acc.fullN += r.full_count
      return acc
    }
    const out = (a: Acc) => ({
      applied: a.applied,
      approved: a.approved,
      rejected: a.rejected,
      pending: a.pending,
      fullyPaid: a.fullyPaid,
      requestedSum: fromUnits(a.requested),
      grantedSum: fromUnits(a.granted),
      paidSum: fromUnits(a.paid),
      avgDaysToFirstPayment: avg(a.firstDays, a.firstN),
      avgDaysToFullPayment: avg(a.fullDays, a.fullN),
    })
    const byPolicy = new Map<number, { title: string; benefitLabel: string; zoneName: string; acc: Acc }>()
    const byZone = new Map<number, { zoneName: string; acc: Acc }>()
    const total = zero()
    for (const r of rows) {
      const p = byPolicy.get(r.policy_id) ?? {
        title: r.title,
        benefitLabel: BENEFIT_LABEL[r.benefit_kind],
        zoneName: r.zone_name,
        acc: zero(),
      }
      byPolicy.set(r.policy_id, { ...p, acc: add(p.acc, r) })
      const z = byZone.get(r.zone_id) ?? { zoneName: r.zone_name, acc: zero() }
      byZone.set(r.zone_id, { ...z, acc: add(z.acc, r) })
      add(total, r)
    }
    return {
      total: out(total),
      byZone: [...byZone.entries()].map(([zoneId, z]) => ({ zoneId, zoneName: z.zoneName, ...out(z.acc) })),
      byPolicy: [...byPolicy.entries()].map(([policyId, p]) => ({
        policyId,
        title: p.title,
        benefitLabel: p.benefitLabel,
        zoneName: p.zoneName,
        ...out(p.acc),
      })),
    }
  }

  // ---------- attachments: the policy's documents, the application's materials ----------

  s.attachments.registerOwner('policy', {
    zoneOf: async (trx, id) => (await repo.findPolicy(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) =>
      hasPermission(actor, 'policy:read') && !!(await repo.findPolicy(db, id, actor)),
    canWrite: async (actor, id) =>
      hasPermission(actor, 'policy:manage') && !!(await repo.findPolicy(db, id, actor)),
    label: async (trx, id) => {
      const p = await repo.findPolicy(trx, id)
      return p ? `惠企政策「${p.title}」` : null
    },
  })
  s.attachments.registerOwner('policy_application', {
    zoneOf: async (trx, id) => (await repo.findApplication(trx, id))?.zone_id ?? null,
    canRead: async (actor, id) =>
      hasPermission(actor, 'policy:read') && !!(await repo.findApplication(db, id, actor)),
    canWrite: async (actor, id) => {
      const a = await repo.findApplication(db, id, actor)
      if (!a) return false
      if (hasPermission(actor, 'policy:manage')) return true
      return (
        hasPermission(actor, 'policy:apply') &&
        actor.enterpriseId === a.enterprise_id &&
        (a.status === 'submitted' || a.status === 'returned')
      )
    },
    label: async (trx, id) => {
      const a = await repo.findApplication(trx, id)
      return a ? `惠企政策申报 ${a.code}` : null
    },
  })

  return {
    list: catalogue.list,
    exportRows: catalogue.exportRows,
    detail,
    create,
    update,
    remove,
    publish,
    withdraw,
    notify,
    notices,
    matches,
    forEnterprise,
    listApplications: applicationList.list,
    exportApplications: applicationList.exportRows,
    applicationDetail,
    apply,
    resubmit,
    review,
    pay,
    figures,
  }
}

export type PoliciesService = ReturnType<typeof createPoliciesService>
export type PolicyRowOut = Awaited<ReturnType<PoliciesService['exportRows']>>[number]
export type ApplicationRowOut = Awaited<ReturnType<PoliciesService['exportApplications']>>[number]
