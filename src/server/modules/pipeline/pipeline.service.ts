import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { LeadStage } from '../../db/schema.ts'
import { AppError, found, notFound, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { approxYi, formatWan, isPositiveMoney, sumMoney } from '../../lib/money.ts'
import { sortOf } from '../../lib/pagination.ts'
import { trimOrNull } from '../../lib/text.ts'
import { beijingDate, isRealDate } from '../../lib/time.ts'
import { type Actor, authorize } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { industryExists, zoneUser } from '../enterprises/enterprises.repository.ts'
import type { EventsService } from '../events/events.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import * as repo from './pipeline.repository.ts'
import { LEAD_SORTS, LEAD_STAGES } from './pipeline.schema.ts'

export const STAGE_LABEL: Record<LeadStage, string> = {
  lead: '线索',
  negotiating: '洽谈',
  signed: '签约',
  landed: '落地',
  dropped: '放弃',
}

/** The stage machine: one step forward at a time, 放弃 from any stage before 落地, a dropped lead may be resumed. */
const NEXT: Record<LeadStage, LeadStage[]> = {
  lead: ['negotiating', 'dropped'],
  negotiating: ['signed', 'dropped'],
  signed: ['landed', 'dropped'],
  landed: [],
  dropped: ['lead'],
}

export function presentLead(r: repo.LeadRow) {
  return {
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    name: r.name,
    investor: r.investor,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    source: r.source,
    stage: r.stage,
    intendedInvestment: r.intended_investment,
    agreementDate: r.agreement_date,
    agreementAmount: r.agreement_amount,
    projectId: r.project_id,
    projectCode: r.project_code,
    projectName: r.project_name,
    fundsTotal: r.project_id ? (r.funds_total ?? '0.00') : null,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    contact: r.contact,
    notes: r.notes,
    droppedReason: r.dropped_reason,
    stageChangedAt: r.stage_changed_at ? new Date(r.stage_changed_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  }
}
export type PresentedLead = ReturnType<typeof presentLead>

function presentFund(f: repo.FundRow) {
  return {
    id: f.id,
    projectId: f.project_id,
    receivedOn: f.received_on,
    amount: f.amount,
    note: f.note,
    createdByName: f.created_by_name,
    createdAt: new Date(f.created_at).toISOString(),
  }
}

export interface LeadInput {
  name?: string
  investor?: string
  enterpriseId?: number | null
  industryCode?: string | null
  source?: string | null
  intendedInvestment?: string | null
  agreementDate?: string | null
  agreementAmount?: string | null
  ownerUserId?: number | null
  contact?: string | null
  notes?: string | null
}

export interface TransitionInput {
  to: LeadStage
  version: number
  intendedInvestment?: string
  agreementDate?: string
  agreementAmount?: string
  startDate?: string
  reason?: string
}

export function createPipelineService(
  deps: Deps,
  s: { audit: AuditService; events: EventsService; projects: ProjectsService },
) {
  const { db, clock } = deps
  const { audit, events } = s
  const { projects } = s

  async function load(actor: Actor | null, id: number, trx: Db = db) {
    return found(await repo.findById(trx, id, actor ?? undefined), '招商项目')
  }

  async function get(actor: Actor, id: number) {
    return presentLead(await load(actor, id))
  }

  function listArgs(q: repo.LeadFilter & { sort?: string; page?: number; pageSize?: number }) {
    const { sort: raw, page: _p, pageSize: _ps, ...filter } = q
    const sort = raw
      ? sortOf(raw, LEAD_SORTS, 'updatedAt')
      : { field: 'updatedAt' as const, dir: 'desc' as const }
    return { filter, sort }
  }

  const { list, exportRows } = pagedList({
    args: listArgs,
    fetch: (actor: Actor, filter, sort, window) => repo.list(db, actor, filter, sort, window),
    present: (rows) => rows.map(presentLead),
  })

  async function values(trx: Db, zoneId: number, input: LeadInput, before: repo.LeadValues | null) {
    const v: repo.LeadValues = before
      ? { ...before }
      : {
          name: '',
          investor: '',
          enterprise_id: null,
          industry_code: null,
          source: null,
          intended_investment: null,
          agreement_date: null,
          agreement_amount: null,
          owner_user_id: null,
          contact: null,
          notes: null,
        }
    for (const [key, col, label] of [
      ['name', 'name', '项目名称'],
      ['investor', 'investor', '投资方'],
    ] as const) {
      if (input[key] === undefined) continue
      const t = input[key].trim()
      if (!t) throw new AppError('VALIDATION', `${label}不能为空`, { field: key })
      v[col] = t
    }
    if (input.enterpriseId !== undefined) {
      if (input.enterpriseId !== null && !(await repo.zoneEnterprise(trx, zoneId, input.enterpriseId)))
        throw new AppError('VALIDATION', '关联企业不存在或不属于本开发区', { field: 'enterpriseId' })
      v.enterprise_id = input.enterpriseId
    }
    if (input.industryCode !== undefined) {
      const code = trimOrNull(input.industryCode)
      if (code && !(await industryExists(trx, code)))
        throw new AppError('VALIDATION', `行业代码 ${code} 不在国民经济行业分类（GB/T 4754）中`, {
          field: 'industryCode',
        })
      v.industry_code = code
    }
    if (input.ownerUserId !== undefined) {
      if (input.ownerUserId !== null && !(await zoneUser(trx, zoneId, input.ownerUserId)))
        throw new AppError('VALIDATION', '招商负责人须为本开发区的用户', { field: 'ownerUserId' })
      v.owner_user_id = input.ownerUserId
    }
    if (input.agreementDate !== undefined) {
      if (input.agreementDate && !isRealDate(input.agreementDate))
        throw new AppError('VALIDATION', '签约日期不是有效日期', { field: 'agreementDate' })
      v.agreement_date = input.agreementDate || null
    }
    if (input.source !== undefined) v.source = trimOrNull(input.source)
    if (input.intendedInvestment !== undefined) v.intended_investment = input.intendedInvestment
    if (input.agreementAmount !== undefined) v.agreement_amount = input.agreementAmount
    if (input.contact !== undefined) v.contact = trimOrNull(input.contact)
    if (input.notes !== undefined) v.notes = trimOrNull(input.notes)
    return v
  }

  /** What a stage needs must stay filled while the lead is in it (an edit cannot clear it). */
  function checkStageFields(stage: LeadStage, v: repo.LeadValues) {
    if (stage === 'negotiating' && !v.intended_investment)
      throw new AppError('VALIDATION', '洽谈阶段须填写计划总投资（万元）', { field: 'intendedInvestment' })
    if (stage === 'signed' || stage === 'landed') {
      if (!v.agreement_date)
        throw new AppError('VALIDATION', '签约阶段须填写签约日期', { field: 'agreementDate' })
      if (!v.agreement_amount)
        throw new AppError('VALIDATION', '签约阶段须填写协议总投资（万元）', { field: 'agreementAmount' })
    }
  }

  function columnsOf(r: repo.LeadRow): repo.LeadValues {
    return {
      name: r.name,
      investor: r.investor,
      enterprise_id: r.enterprise_id,
      industry_code: r.industry_code,
      source: r.source,
      intended_investment: r.intended_investment,
      agreement_date: r.agreement_date,
      agreement_amount: r.agreement_amount,
      owner_user_id: r.owner_user_id,
      contact: r.contact,
      notes: r.notes,
    }
  }

  async function create(ctx: AnyCtx, input: LeadInput & { name: string; investor: string; zoneId?: number }) {
    if (ctx.actor) authorize(ctx.actor, 'pipeline:manage')
    return db.transaction().execute(async (trx) => {
      const { id: zoneId } = await targetZone(trx, ctx.actor, input.zoneId, { notFoundField: true })
      const v = await values(
        trx,
        zoneId,
        { ...input, agreementDate: undefined, agreementAmount: undefined },
        null,
      )
      const id = await repo.insert(trx, {
        ...v,
        zone_id: zoneId,
        stage: 'lead',
        created_by: ctx.actor?.id ?? null,
        at: clock.now(),
      })
      const after = presentLead((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'lead.create',
        targetType: 'lead',
        targetId: id,
        zoneId,
        summary: `新增招商线索「${after.name}」（投资方：${after.investor}）`,
        after,
      })
      await events.record(trx, ctx, {
        zoneId,
        subjectType: 'lead',
        subjectId: id,
        enterpriseId: after.enterpriseId,
        kind: 'lead.created',
        summary: `新增招商线索「${after.name}」，投资方：${after.investor}`,
      })
      return after
    })
  }

  async function update(ctx: AnyCtx, id: number, input: LeadInput & { version: number }) {
    if (ctx.actor) authorize(ctx.actor, 'pipeline:manage')
    return db.transaction().execute(async (trx) => {
      const row = await load(ctx.actor, id, trx)
      if (row.version !== input.version) throw versionConflict()
      const v = await values(trx, row.zone_id, input, columnsOf(row))
      checkStageFields(row.stage, v)
      for (const [k, field, label] of [
        ['intended_investment', 'intendedInvestment', '计划总投资'],
        ['agreement_amount', 'agreementAmount', '协议总投资'],
      ] as const) {
        const x = v[k]
        if (x !== null && !isPositiveMoney(x)) throw new AppError('VALIDATION', `${label}应大于 0`, { field })
      }
      if (!(await repo.update(trx, id, input.version, { ...v }, clock.now()))) throw versionConflict()
      const before = presentLead(row)
      const after = presentLead((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: 'lead.update',
        targetType: 'lead',
        targetId: id,
        zoneId: row.zone_id,
        summary: `修改招商项目「${after.name}」`,
        before,
        after,
      })
      await events.record(trx, ctx, {
        zoneId: row.zone_id,
        subjectType: 'lead',
        subjectId: id,
        enterpriseId: after.enterpriseId,
        kind: 'lead.updated',
        summary: '修改招商项目信息',
      })
      return after
    })
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'pipeline:manage')
    return db.transaction().execute(async (trx) => {
      const row = await load(ctx.actor, id, trx)
      if (row.version !== version) throw versionConflict()
      if (row.stage === 'landed')
        throw new AppError('INVALID_TRANSITION', '已落地的招商项目已生成重点项目，不能删除')
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await audit.record(trx, ctx, {
        action: 'lead.delete',
        targetType: 'lead',
        targetId: id,
        zoneId: row.zone_id,
        summary: `删除招商项目「${row.name}」`,
        before: presentLead(row),
      })
      return { ok: true }
    })
  }

  function refuse(from: LeadStage, to: LeadStage): never {
    if (from === to) throw new AppError('INVALID_TRANSITION', `该项目已处于「${STAGE_LABEL[from]}」阶段`)
    if (from === 'landed')
      throw new AppError('INVALID_TRANSITION', '项目已落地并生成重点项目，阶段不能再变更')
    const allowed = NEXT[from].map((x) => `「${STAGE_LABEL[x]}」`).join('或')
    throw new AppError(
      'INVALID_TRANSITION',
      `不能从「${STAGE_LABEL[from]}」直接转为「${STAGE_LABEL[to]}」，当前阶段只能转为${allowed}`,
      { field: 'to' },
    )
  }

  /**
   * Moves a lead along 线索 → 洽谈 → 签约 → 落地 (or 放弃), asking what each stage needs; 落地 creates
   * the key project through the projects module and links it. Each move is an event and an audit entry.
   */
  async function transition(ctx: AnyCtx, id: number, input: TransitionInput) {
    if (ctx.actor) authorize(ctx.actor, 'pipeline:manage')
    return db.transaction().execute(async (trx) => {
      const row = await load(ctx.actor, id, trx)
      if (row.version !== input.version) throw versionConflict()
      const from = row.stage
      const to = input.to
      if (!NEXT[from].includes(to)) refuse(from, to)
      const changes: Record<string, unknown> = { stage: to, stage_changed_at: clock.now() }
      let summary = `阶段：${STAGE_LABEL[from]} → ${STAGE_LABEL[to]}`
      let project: { id: number; code: string } | null = null
      const data: Record<string, unknown> = { from, to }
      if (to === 'negotiating') {
        const amount = input.intendedInvestment ?? row.intended_investment
        if (!amount || !isPositiveMoney(amount))
          throw new AppError('VALIDATION', '转入洽谈须填写计划总投资（万元，大于 0）', {
            field: 'intendedInvestment',
          })
        changes.intended_investment = amount
        summary += `，计划总投资 ${formatWan(amount)}`
        data.intendedInvestment = amount
      } else if (to === 'signed') {
        const date = input.agreementDate ?? row.agreement_date
        const amount = input.agreementAmount ?? row.agreement_amount
        if (!date || !isRealDate(date))
          throw new AppError('VALIDATION', '签约须填写有效的签约日期', { field: 'agreementDate' })
        if (date > beijingDate(clock.now()))
          throw new AppError('VALIDATION', '签约日期不能晚于今天', { field: 'agreementDate' })
        if (!amount || !isPositiveMoney(amount))
          throw new AppError('VALIDATION', '签约须填写协议总投资（万元，大于 0）', {
            field: 'agreementAmount',
          })
        Object.assign(changes, { agreement_date: date, agreement_amount: amount })
        summary += `，${date} 签约，协议总投资 ${formatWan(amount)}`
        Object.assign(data, { agreementDate: date, agreementAmount: amount })
      } else if (to === 'landed') {
        if (input.startDate && !isRealDate(input.startDate))
          throw new AppError('VALIDATION', '计划开工日期不是有效日期', { field: 'startDate' })
        project = await projects.createFromLead(trx, ctx, {
          zoneId: row.zone_id,
          name: row.name,
          enterpriseId: row.enterprise_id,
          industryCode: row.industry_code,
          totalInvestment: row.agreement_amount!,
          leadId: row.id,
          startDate: input.startDate ?? null,
        })
        changes.project_id = project.id
        summary += `，生成重点项目 ${project.code}`
        Object.assign(data, { projectId: project.id, projectCode: project.code })
      } else if (to === 'dropped') {
        const reason = input.reason?.trim()
        if (!reason) throw new AppError('VALIDATION', '放弃须填写原因', { field: 'reason' })
        changes.dropped_reason = reason
        summary += `，原因：${reason}`
        data.reason = reason
      } else if (to === 'lead') {
        changes.dropped_reason = null
        summary = '恢复跟进（放弃 → 线索）'
      }
      if (!(await repo.update(trx, id, input.version, changes, clock.now()))) throw versionConflict()
      const before = presentLead(row)
      const after = presentLead((await repo.findById(trx, id))!)
      await audit.record(trx, ctx, {
        action: `lead.stage.${to}`,
        targetType: 'lead',
        targetId: id,
        zoneId: row.zone_id,
        summary: `招商项目「${row.name}」${summary}`,
        before,
        after,
      })
      await events.record(trx, ctx, {
        zoneId: row.zone_id,
        subjectType: 'lead',
        subjectId: id,
        enterpriseId: row.enterprise_id,
        kind: 'lead.stage',
        summary,
        data,
      })
      return { lead: after, project }
    })
  }

  async function timeline(actor: Actor, id: number, q: { page?: number; pageSize?: number }) {
    await load(actor, id)
    return events.timeline({ subjectType: 'lead', subjectId: id }, q)
  }

  /**
   * Counts and sums per stage (万元): 洽谈 by 计划总投资, 签约 and 落地 by 协议总投资, with the sentence the
   * reports use. "签约引进" counts signed and landed leads together (a landed project was signed first),
   * "正在对接洽谈" the negotiating ones. One row per zone for users who see several.
   */
  async function stats(actor: Actor | null, q: { zoneId?: number }) {
    const [figures, fundRows] = await Promise.all([
      repo.stageFigures(db, actor, q.zoneId),
      repo.fundFigures(db, actor, q.zoneId),
    ])
    const zoneIds = [...new Set([...figures.map((f) => f.zone_id), ...fundRows.map((f) => f.zone_id)])]
    if (actor?.zoneId && !q.zoneId && !zoneIds.includes(actor.zoneId)) zoneIds.push(actor.zoneId)
    if (q.zoneId && !zoneIds.includes(q.zoneId) && actor?.zoneId === q.zoneId) zoneIds.push(q.zoneId)
    const names = await repo.zoneNames(db, zoneIds)
    const block = (zone: number | null) => {
      const rows = figures.filter((f) => zone === null || f.zone_id === zone)
      const funds = fundRows.filter((f) => zone === null || f.zone_id === zone)
      const stages = LEAD_STAGES.map((stage) => {
        const r = rows.filter((x) => x.stage === stage)
        const pick = (x: (typeof r)[number]) =>
          stage === 'negotiating' || stage === 'lead' ? x.intended : stage === 'dropped' ? x.either : x.agreed
        return {
          stage,
          label: STAGE_LABEL[stage],
          count: r.reduce((n, x) => n + Number(x.n), 0),
          amount: sumMoney(...r.map(pick)),
        }
      })
      const by = Object.fromEntries(stages.map((x) => [x.stage, x]))
      const fundsTotal = {
        amount: sumMoney(...funds.map((f) => f.amount)),
        projects: funds.reduce((n, f) => n + Number(f.projects), 0),
      }
      return { stages, funds: fundsTotal, sentence: sentence(by, fundsTotal.amount) }
    }
    const zones = names.map((z) => ({ zoneId: z.id, zoneName: z.name, ...block(z.id) }))
    const total = block(null)
    return {
      zoneId: zones.length === 1 ? zones[0].zoneId : null,
      zoneName: zones.length === 1 ? zones[0].zoneName : '合计',
      ...total,
      zones,
    }
  }

  async function visibleProject(ctx: AnyCtx, projectId: number) {
    const p = ctx.actor
      ? await projects.findVisible(ctx.actor, projectId)
      : await repo.projectRef(db, projectId)
    if (!p) throw notFound('项目')
    return p
  }

  async function listFunds(actor: Actor, projectId: number) {
    const p = await visibleProject({ actor, ip: null, requestId: null }, projectId)
    const [rows, total] = await Promise.all([repo.funds(db, p.id), repo.fundTotal(db, p.id)])
    return { projectId: p.id, items: rows.map(presentFund), total }
  }

  async function addFunds(
    ctx: AnyCtx,
    input: { projectId: number; receivedOn: string; amount: string; note?: string | null },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'pipeline:manage')
    const p = await visibleProject(ctx, input.projectId)
    if (!isRealDate(input.receivedOn))
      throw new AppError('VALIDATION', '到资日期不是有效日期', { field: 'receivedOn' })
    if (input.receivedOn > beijingDate(clock.now()))
      throw new AppError('VALIDATION', '到资日期不能晚于今天', { field: 'receivedOn' })
    if (!isPositiveMoney(input.amount))
      throw new AppError('VALIDATION', '到资金额应大于 0', { field: 'amount' })
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertFund(trx, {
        zone_id: p.zoneId,
        project_id: p.id,
        received_on: input.receivedOn,
        amount: input.amount,
        note: trimOrNull(input.note),
        created_by: ctx.actor?.id ?? null,
        at: clock.now(),
      })
      const fund = presentFund((await repo.findFund(trx, id))!)
      const total = await repo.fundTotal(trx, p.id)
      const summary = `到位资金 ${formatWan(fund.amount)}（${fund.receivedOn}），累计到资 ${formatWan(total)}`
      await audit.record(trx, ctx, {
        action: 'funds.create',
        targetType: 'project',
        targetId: p.id,
        zoneId: p.zoneId,
        summary: `项目「${p.name}」${summary}`,
        after: fund,
      })
      await events.record(trx, ctx, {
        zoneId: p.zoneId,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterpriseId,
        kind: 'funds.received',
        summary,
        data: { fundId: id, amount: fund.amount, receivedOn: fund.receivedOn },
      })
      const lead = await repo.leadOfProject(trx, p.id)
      if (lead)
        await events.record(trx, ctx, {
          zoneId: p.zoneId,
          subjectType: 'lead',
          subjectId: lead.id,
          enterpriseId: p.enterpriseId,
          kind: 'funds.received',
          summary,
          data: { fundId: id, amount: fund.amount, receivedOn: fund.receivedOn },
        })
      return { ...fund, total }
    })
  }

  async function deleteFunds(ctx: Ctx, id: number) {
    authorize(ctx.actor, 'pipeline:manage')
    const fund = found(await repo.findFund(db, id), '到资记录')
    const p = found(await projects.findVisible(ctx.actor, fund.project_id), '到资记录')
    return db.transaction().execute(async (trx) => {
      await repo.deleteFund(trx, id)
      const total = await repo.fundTotal(trx, p.id)
      const summary = `删除到资记录 ${formatWan(fund.amount)}（${fund.received_on}），累计到资 ${formatWan(total)}`
      await audit.record(trx, ctx, {
        action: 'funds.delete',
        targetType: 'project',
        targetId: p.id,
        zoneId: p.zoneId,
        summary: `项目「${p.name}」${summary}`,
        before: presentFund(fund),
      })
      await events.record(trx, ctx, {
        zoneId: p.zoneId,
        subjectType: 'project',
        subjectId: p.id,
        enterpriseId: p.enterpriseId,
        kind: 'funds.deleted',
        summary,
      })
      return { ok: true, total }
    })
  }

  return {
    get,
    list,
    exportRows,
    create,
    update,
    remove,
    transition,
    timeline,
    stats,
    listFunds,
    addFunds,
    deleteFunds,
  }
}

type StageFigure = { count: number; amount: string }

/** "签约引进 14 个项目，协议总投资近 1600 亿元；正在对接洽谈 45 个项目，计划总投资近 530 亿元" */
export function sentence(by: Record<string, StageFigure>, fundsAmount = '0'): string {
  const say = (wan: string) => {
    const s = approxYi(wan)
    return /^[0-9]/.test(s) ? ` ${s}` : s
  }
  const signedCount = by.signed.count + by.landed.count
  const signedAmount = sumMoney(by.signed.amount, by.landed.amount)
  let out =
    `签约引进 ${signedCount} 个项目，协议总投资${say(signedAmount)}；` +
    `正在对接洽谈 ${by.negotiating.count} 个项目，计划总投资${say(by.negotiating.amount)}`
  if (by.landed.count) out += `；其中已落地 ${by.landed.count} 个`
  if (isPositiveMoney(fundsAmount)) out += `，到位资金${say(fundsAmount)}`
  return out
}

export type PipelineService = ReturnType<typeof createPipelineService>
