import { ROBOT_PLATFORMS, ROBOT_TOPICS, type RobotTopic } from '../../../shared/robots.ts'
import type { Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import type { RobotPlatform } from '../../db/schema-robots.ts'
import { AppError, forbidden, found, invalid, versionConflict } from '../../errors.ts'
import { afterAttempt } from '../../lib/delivery-queue.ts'
import { pageOf } from '../../lib/pagination.ts'
import { beijingDate } from '../../lib/time.ts'
import { isWorkingDay } from '../../lib/working-days.ts'
import { type Actor, zoneReader } from '../../policies/actor.ts'
import { hasPermission } from '../../policies/index.ts'
import { targetZone, unitsServingZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { CalendarService } from '../calendar/calendar.service.ts'
import type { NotificationsService } from '../notifications/notifications.service.ts'
import type { ProblemsService } from '../problems/problems.service.ts'
import type { SupervisionService } from '../problems/supervision.service.ts'
import { buildRequest, PER_MINUTE, parseAnswer, type RobotMessage, webhookHint } from './robot-platforms.ts'
import * as repo from './robots.repository.ts'

/** Waits after a failed attempt: 30 s, 2 min, 10 min, 30 min; then the delivery is given up. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000]
const SEND_TIMEOUT_MS = 10_000

export interface RobotInput {
  name: string
  platform: RobotPlatform
  /** blank on edit: keep the stored one */
  webhook?: string
  secret?: string | null
  departmentId?: number | null
  topics: RobotTopic[]
  mobiles?: string[]
  enabled?: boolean
  zoneId?: number
}

/**
 * Work-group robots (SPEC §8): configured per zone or department by the supervision office (or a
 * system administrator), secrets sealed at rest and never returned; messages queue in
 * robot_deliveries, sent by the job with the platform's signature, retried with backoff, paced to
 * the platform's per-minute limit; the log shows each platform's own error code.
 */
export function createRobotsService(
  deps: Deps,
  s: {
    audit: AuditService
    notifications: Pick<NotificationsService, 'onOutgoing'>
    supervision: Pick<SupervisionService, 'summaryText'>
    calendar: Pick<CalendarService, 'calendar'>
    problems: Pick<ProblemsService, 'findVisible' | 'listsText'>
  },
) {
  const { db, clock, secrets } = deps

  // New assignments and escalations reach the lead unit's group and the zone's.
  const TOPIC_OF: Partial<Record<string, RobotTopic>> = {
    'problem.assigned': 'assigned',
    'problem.escalated': 'overdue',
  }
  s.notifications.onOutgoing(async (trx, out) => {
    const topic = TOPIC_OF[out.kind]
    if (!topic) return
    await enqueue(trx, {
      zoneId: out.zoneId,
      departmentId: out.departmentId,
      topic,
      message: { title: out.title, text: `${out.body}\n[在清单中查看](${deps.config.publicUrl}${out.link})` },
    })
  })

  function checkManage(actor: Actor) {
    if (!hasPermission(actor, 'portfolio:configure') && !hasPermission(actor, 'settings:manage'))
      throw forbidden('只有督查室或系统管理员可以配置工作群机器人')
  }

  function present(r: repo.RobotRow | NonNullable<Awaited<ReturnType<typeof repo.find>>>) {
    return {
      id: r.id,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      platform: r.platform,
      name: r.name,
      webhookHint: r.webhook_hint,
      signed: 'signed' in r ? !!r.signed : !!r.secret_sealed,
      topics: r.topics as RobotTopic[],
      mobiles: r.mobiles,
      enabled: r.enabled,
      lastDeliveryAt:
        'last_delivery_at' in r && r.last_delivery_at ? new Date(r.last_delivery_at).toISOString() : null,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    }
  }

  async function list(ctx: Ctx) {
    checkManage(ctx.actor)
    return { items: (await repo.list(db, ctx.actor)).map(present) }
  }

  async function values(
    trx: Db,
    zone: { id: number; path: string },
    input: RobotInput,
    existing?: { webhook_sealed: string; webhook_hint: string; secret_sealed: string | null },
  ) {
    const name = input.name.trim()
    if (name.length < 2 || name.length > 40) throw invalid('name', '机器人名称为 2–40 个字，如“督查室调度群”')
    if (!ROBOT_PLATFORMS.includes(input.platform)) throw invalid('platform', '平台只能是企业微信、钉钉或飞书')
    const topics = [...new Set(input.topics)]
    if (!topics.length) throw invalid('topics', '请至少选择一类要推送的消息')
    for (const t of topics) if (!(t in ROBOT_TOPICS)) throw invalid('topics', `没有这类消息：${t}`)
    const mobiles = (input.mobiles ?? []).map((m) => m.trim()).filter(Boolean)
    for (const m of mobiles) if (!/^1\d{10}$/.test(m)) throw invalid('mobiles', `手机号格式不正确：${m}`)
    if (mobiles.length && input.platform !== 'dingtalk')
      throw invalid('mobiles', '只有钉钉机器人支持 @ 手机号')
    const webhook = input.webhook?.trim()
    if (!webhook && !existing) throw invalid('webhook', '请填写机器人的 Webhook 地址')
    if (webhook) {
      let u: URL
      try {
        u = new URL(webhook)
      } catch {
        throw invalid('webhook', 'Webhook 地址格式不正确')
      }
      if (u.protocol !== 'https:' && u.protocol !== 'http:')
        throw invalid('webhook', 'Webhook 地址应以 https:// 开头')
    }
    const secret = input.secret === undefined ? undefined : input.secret?.trim() || null
    if (secret && input.platform === 'wecom') throw invalid('secret', '企业微信机器人没有加签密钥，请留空')
    let departmentId: number | null = null
    if (input.departmentId) {
      const [ok] = await unitsServingZone(trx, zone, [input.departmentId])
      if (!ok) throw invalid('departmentId', '部门不存在或不属于本开发区')
      departmentId = input.departmentId
    }
    return {
      zone_id: zone.id,
      department_id: departmentId,
      platform: input.platform,
      name,
      webhook_sealed: webhook ? secrets.seal(webhook) : existing!.webhook_sealed,
      webhook_hint: webhook ? webhookHint(webhook) : existing!.webhook_hint,
      secret_sealed:
        secret === undefined ? (existing?.secret_sealed ?? null) : secret ? secrets.seal(secret) : null,
      topics,
      mobiles,
      enabled: input.enabled ?? true,
    }
  }

  async function create(ctx: Ctx, input: RobotInput) {
    checkManage(ctx.actor)
    const zone = await targetZone(db, ctx.actor, input.zoneId, { notFoundField: true })
    const id = await db.transaction().execute(async (trx) => {
      const v = await values(trx, zone, input)
      const id = await repo.insert(trx, { ...v, created_by: ctx.actor.id, at: clock.now() })
      await s.audit.record(trx, ctx, {
        action: 'robot.create',
        targetType: 'robot',
        targetId: id,
        zoneId: zone.id,
        summary: `添加工作群机器人：${v.name}`,
        after: {
          name: v.name,
          platform: v.platform,
          topics: v.topics,
          departmentId: v.department_id,
          webhook: v.webhook_hint,
        },
      })
      return id
    })
    return present(found(await repo.find(db, ctx.actor, id), '机器人'))
  }

  async function update(ctx: Ctx, id: number, input: RobotInput & { version: number }) {
    checkManage(ctx.actor)
    await db.transaction().execute(async (trx) => {
      const r = found(await repo.find(trx, ctx.actor, id), '机器人')
      if (r.version !== input.version) throw versionConflict()
      const zone = await targetZone(trx, null, r.zone_id)
      const v = await values(trx, zone, input, r)
      if (!(await repo.update(trx, id, input.version, { ...v, at: clock.now() }))) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'robot.update',
        targetType: 'robot',
        targetId: id,
        zoneId: r.zone_id,
        summary: `修改工作群机器人：${v.name}${input.webhook?.trim() ? '（更换 Webhook）' : ''}${input.secret !== undefined ? '（更换密钥）' : ''}`,
        before: { name: r.name, topics: r.topics, enabled: r.enabled },
        after: { name: v.name, topics: v.topics, enabled: v.enabled },
      })
    })
    return present(found(await repo.find(db, ctx.actor, id), '机器人'))
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    checkManage(ctx.actor)
    await db.transaction().execute(async (trx) => {
      const r = found(await repo.find(trx, ctx.actor, id), '机器人')
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'robot.delete',
        targetType: 'robot',
        targetId: id,
        zoneId: r.zone_id,
        summary: `删除工作群机器人：${r.name}`,
      })
    })
    return { ok: true }
  }

  /** Queues a message for the robots of a zone (and of a department) that take its topic. */
  async function enqueue(
    trx: Db,
    q: { zoneId: number; departmentId?: number | null; topic: RobotTopic; message: RobotMessage },
  ) {
    const to = await repo.subscribers(trx, q.zoneId, q.topic, q.departmentId ?? null)
    const at = clock.now()
    await repo.enqueue(
      trx,
      to.map((r) => ({
        robot_id: r.id,
        zone_id: r.zone_id,
        topic: q.topic,
        title: q.message.title,
        body: q.message.text,
        at,
      })),
    )
    return to.length
  }

  async function attempt(d: Awaited<ReturnType<typeof repo.due>>[number], now: Date) {
    const req = buildRequest(
      {
        platform: d.platform,
        webhook: secrets.open(d.webhook_sealed),
        secret: d.secret_sealed ? secrets.open(d.secret_sealed) : null,
        mobiles: d.mobiles,
      },
      { title: d.title, text: d.body },
      now,
    )
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(req.body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      })
      return parseAnswer(res.status, await res.json().catch(() => null))
    } catch (err) {
      return {
        ok: false as const,
        code: 'NETWORK',
        message: err instanceof Error ? err.message : String(err),
      }
    }
  }

  /** The job: sends what is due, in order, pacing each robot to its platform's per-minute limit. */
  async function runDue(now = clock.now()) {
    let sent = 0
    let failed = 0
    let postponed = 0
    const paced = new Set<number>()
    const recentOf = new Map<number, number>()
    for (const d of await repo.due(db, now, 200)) {
      if (!d.enabled) {
        await repo.settle(db, d.id, {
          status: 'failed',
          attempts: d.attempts,
          error_code: 'DISABLED',
          error: '机器人已停用',
        })
        continue
      }
      // sent in the last minute: counted once from the log, then as this run sends
      const recent =
        recentOf.get(d.robot_id) ?? (await repo.sentSince(db, d.robot_id, new Date(now.getTime() - 60_000)))
      recentOf.set(d.robot_id, recent)
      if (paced.has(d.robot_id) || recent >= PER_MINUTE[d.platform]) {
        paced.add(d.robot_id)
        await repo.settle(db, d.id, {
          status: 'pending',
          attempts: d.attempts,
          next_at: new Date(now.getTime() + 60_000),
        })
        postponed++
        continue
      }
      const r = await attempt(d, now)
      const next = afterAttempt(r, d.attempts, now, BACKOFF_MS)
      await repo.settle(db, d.id, { ...next, error_code: r.ok ? null : r.code })
      if (next.status === 'sent') {
        recentOf.set(d.robot_id, recent + 1)
        sent++
      } else if (next.status === 'failed') failed++
    }
    return { sent, failed, postponed }
  }

  /** 测试发送: a message now, through the queue, and its outcome. */
  async function test(ctx: Ctx, id: number) {
    checkManage(ctx.actor)
    const r = found(await repo.find(db, ctx.actor, id), '机器人')
    const at = clock.now()
    const [{ id: deliveryId }] = await repo.enqueue(db, [
      {
        robot_id: r.id,
        zone_id: r.zone_id,
        topic: 'test',
        title: '清单 Qingdan 测试消息',
        body: `机器人“${r.name}”已接入，以后的调度消息将发到本群。`,
        at,
      },
    ])
    await runDue(at)
    const page = await repo.deliveries(db, ctx.actor, { id: String(deliveryId) }, { offset: 0, pageSize: 1 })
    const d = page.items[0]
    if (!d) throw new AppError('INTERNAL', '测试消息未能记录')
    return presentDelivery(d)
  }

  function presentDelivery(d: Awaited<ReturnType<typeof repo.deliveries>>['items'][number]) {
    return {
      id: String(d.id),
      robotId: d.robot_id,
      robotName: d.robot_name,
      platform: d.platform,
      topic: d.topic,
      title: d.title,
      status: d.status,
      attempts: d.attempts,
      errorCode: d.error_code,
      error: d.error,
      createdAt: new Date(d.created_at).toISOString(),
      sentAt: d.sent_at ? new Date(d.sent_at).toISOString() : null,
      nextAt: d.status === 'pending' ? new Date(d.next_at).toISOString() : null,
    }
  }

  async function deliveries(
    ctx: Ctx,
    q: { robotId?: number; status?: string; page?: number; pageSize?: number },
  ) {
    checkManage(ctx.actor)
    const p = pageOf(q)
    const { items, total } = await repo.deliveries(db, ctx.actor, q, p)
    return { items: items.map(presentDelivery), total, page: p.page, pageSize: p.pageSize }
  }

  /** 日调度: each zone with a robot taking 'daily' gets the day's board as text, on working days. */
  async function queueDailySummaries() {
    const now = clock.now()
    if (!isWorkingDay(await s.calendar.calendar(), beijingDate(now))) return { zones: 0 }
    let zones = 0
    for (const z of await repo.zonesWithTopic(db, 'daily')) {
      const reader = zoneReader(z, ['problem:read', 'supervision:read'])
      const { text } = await s.supervision.summaryText(reader, { zoneId: z.id })
      await db
        .transaction()
        .execute((trx) =>
          enqueue(trx, { zoneId: z.id, topic: 'daily', message: { title: `${z.name} 日调度`, text } }),
        )
      zones++
    }
    return { zones }
  }

  /** 发到工作群: a problem's three lists to the groups of its lead unit and its zone that take 'lists'. */
  async function sendLists(ctx: Ctx, problemId: number) {
    if (!hasPermission(ctx.actor, 'problem:triage') && !hasPermission(ctx.actor, 'problem:handle'))
      throw forbidden('只有督查室和办理单位可以把问题发到工作群')
    const p = found(await s.problems.findVisible(ctx.actor, problemId), '问题')
    const { text } = await s.problems.listsText(ctx.actor, problemId)
    const groups = await db.transaction().execute((trx) =>
      enqueue(trx, {
        zoneId: p.zoneId,
        departmentId: p.leadDepartmentId,
        topic: 'lists',
        message: {
          title: `三个清单：${p.code} ${p.title}`,
          text: `${text}\n[在清单中查看](${deps.config.publicUrl}/problems/${p.id})`,
        },
      }),
    )
    if (!groups)
      throw new AppError(
        'CONFLICT',
        '本单位和本开发区还没有接收“三个清单”的工作群机器人，请先在“工作群机器人”中设置',
      )
    return { groups }
  }

  /** For jobs: a message to the zone's groups that take a topic, in its own transaction. */
  async function notify(zoneId: number, topic: RobotTopic, message: RobotMessage) {
    return db.transaction().execute((trx) => enqueue(trx, { zoneId, topic, message }))
  }

  return {
    list,
    create,
    update,
    remove,
    enqueue,
    notify,
    runDue,
    test,
    deliveries,
    queueDailySummaries,
    sendLists,
  }
}

export type RobotsService = ReturnType<typeof createRobotsService>
