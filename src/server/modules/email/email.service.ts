import nodemailer from 'nodemailer'
import type { Ctx, Deps } from '../../context.ts'
import { AppError, invalid } from '../../errors.ts'
import { afterAttempt } from '../../lib/delivery-queue.ts'
import { authorize } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { NotificationsService } from '../notifications/notifications.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'
import * as repo from './email.repository.ts'

/** The SMTP server, as stored: the password sealed, never returned. */
interface StoredSmtp {
  enabled: boolean
  host: string
  port: number
  secure: boolean
  user: string | null
  passSealed: string | null
  from: string
}
export type SmtpSettings = Omit<StoredSmtp, 'passSealed'> & { hasPassword: boolean }
export type SmtpInput = Omit<StoredSmtp, 'passSealed'> & { password?: string | null }

const KEY = 'smtp'
const BACKOFF_MS = [60_000, 300_000, 1_800_000]
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/**
 * E-mail (SPEC §8): the same occurrences as the notification centre, to people who asked for them
 * by e-mail and have an address, through the SMTP server configured by a system administrator.
 * Messages queue in email_deliveries and are sent by the job, retried with backoff.
 */
export function createEmailService(
  deps: Deps,
  s: { audit: AuditService; notifications: Pick<NotificationsService, 'onOutgoing'> },
) {
  const { db, clock, secrets } = deps

  async function stored(): Promise<StoredSmtp | null> {
    return (await getSetting<StoredSmtp>(db, KEY)) ?? null
  }

  s.notifications.onOutgoing(async (trx, out, to) => {
    if (!to.email.length || !(await stored())?.enabled) return
    const people = await repo.addressesOf(trx, to.email)
    await repo.enqueue(
      trx,
      people.map((p) => ({
        user_id: p.id,
        to_address: p.email!,
        subject: `【清单】${out.title}`,
        body: `${p.display_name}：\n\n${out.title}\n${out.body}\n\n在清单中查看：${deps.config.publicUrl}${out.link}\n\n（本邮件由系统发送，可在“我的通知 → 通知设置”中关闭。）`,
        kind: out.kind,
        at: clock.now(),
      })),
    )
  })

  async function settings(ctx: Ctx): Promise<SmtpSettings | null> {
    authorize(ctx.actor, 'settings:manage')
    const v = await stored()
    if (!v) return null
    const { passSealed, ...rest } = v
    return { ...rest, hasPassword: !!passSealed }
  }

  async function update(ctx: Ctx, input: SmtpInput) {
    authorize(ctx.actor, 'settings:manage')
    const host = input.host.trim()
    if (!/^[\w.-]+$/.test(host)) throw invalid('host', '请填写 SMTP 服务器地址，如 smtp.example.gov.cn')
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535)
      throw invalid('port', '端口应为 1–65535')
    if (!EMAIL.test(input.from.replace(/^.*<(.+)>$/, '$1').trim()))
      throw invalid('from', '发件人应为邮箱地址，如 清单平台 <noreply@example.gov.cn>')
    const before = await stored()
    const next: StoredSmtp = {
      enabled: input.enabled,
      host,
      port: input.port,
      secure: input.secure,
      user: input.user?.trim() || null,
      passSealed:
        input.password === undefined
          ? (before?.passSealed ?? null)
          : input.password
            ? secrets.seal(input.password)
            : null,
      from: input.from.trim(),
    }
    await db.transaction().execute(async (trx) => {
      await putSetting(trx, KEY, next, clock.now(), ctx.actor.id)
      await s.audit.record(trx, ctx, {
        action: 'settings.smtp.update',
        targetType: 'settings',
        targetId: KEY,
        summary: `修改邮件服务器设置（${host}:${input.port}${input.enabled ? '，启用' : '，停用'}）`,
        before: before
          ? { host: before.host, port: before.port, enabled: before.enabled, user: before.user }
          : null,
        after: {
          host,
          port: input.port,
          enabled: input.enabled,
          user: next.user,
          passwordChanged: input.password !== undefined,
        },
      })
    })
    return settings(ctx)
  }

  function transport(v: StoredSmtp) {
    return nodemailer.createTransport({
      host: v.host,
      port: v.port,
      secure: v.secure,
      auth: v.user ? { user: v.user, pass: v.passSealed ? secrets.open(v.passSealed) : '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    })
  }

  async function runDue(now = clock.now()) {
    const v = await stored()
    if (!v?.enabled) return { sent: 0, failed: 0 }
    const t = transport(v)
    let sent = 0
    let failed = 0
    try {
      for (const d of await repo.due(db, now, 100)) {
        const outcome = await t
          .sendMail({ from: v.from, to: d.to_address, subject: d.subject, text: d.body })
          .then(
            () => ({ ok: true as const }),
            (err: unknown) => ({
              ok: false as const,
              message: err instanceof Error ? err.message : String(err),
            }),
          )
        const next = afterAttempt(outcome, d.attempts, now, BACKOFF_MS)
        await repo.settle(db, d.id, next)
        if (next.status === 'sent') sent++
        else if (next.status === 'failed') failed++
      }
    } finally {
      t.close()
    }
    return { sent, failed }
  }

  /** 发送测试邮件: queued and sent at once; answers with the outcome. */
  async function test(ctx: Ctx, to: string) {
    authorize(ctx.actor, 'settings:manage')
    if (!EMAIL.test(to.trim())) throw invalid('to', '请填写正确的收件邮箱')
    if (!(await stored())?.enabled) throw new AppError('CONFLICT', '请先启用并保存邮件服务器设置')
    const [{ id }] = await repo.enqueue(db, [
      {
        user_id: ctx.actor.id,
        to_address: to.trim(),
        subject: '【清单】测试邮件',
        body: '这是一封测试邮件：清单平台的邮件通知已可用。',
        kind: 'test',
        at: clock.now(),
      },
    ])
    await runDue(clock.now())
    const d = await repo.find(db, id)
    return { status: d!.status, error: d!.error }
  }

  return { settings, update, runDue, test }
}

export type EmailService = ReturnType<typeof createEmailService>
