import { createHmac } from 'node:crypto'
import type { RobotPlatform } from '../../db/schema-robots.ts'

// How each platform's group robot takes a message, as its documentation states it:
// - 企业微信: POST to the webhook (…/cgi-bin/webhook/send?key=…), markdown up to 4096 bytes,
//   at most 20 messages a minute per robot; answer {errcode, errmsg}.
// - 钉钉: with 加签, `timestamp` (ms) and `sign` = urlencode(base64(HmacSHA256(key = secret,
//   data = timestamp + "\n" + secret))) appended to the URL; @ by `at.atMobiles`, and the mobiles
//   must also appear in the text as @138…; answer {errcode, errmsg}.
// - 飞书: `timestamp` (s) and `sign` = base64(HmacSHA256(key = timestamp + "\n" + secret, data = ""))
//   in the body; answer {code, msg} (older robots: {StatusCode, StatusMessage}).

export interface RobotMessage {
  title: string
  /** markdown-ish text: lines, **bold**, [links](…) */
  text: string
}

export interface RobotTarget {
  platform: RobotPlatform
  webhook: string
  secret: string | null
  mobiles: string[]
}

/** 企业微信's documented limit; the others allow more, the same pace keeps groups readable */
export const PER_MINUTE: Record<RobotPlatform, number> = { wecom: 20, dingtalk: 20, feishu: 100 }
const WECOM_MAX_BYTES = 4096

export function dingtalkSign(secret: string, timestampMs: number) {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'))
}

export function feishuSign(secret: string, timestampS: number) {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64')
}

function clip(s: string, bytes: number) {
  const b = Buffer.from(s)
  if (b.length <= bytes) return s
  return `${b
    .subarray(0, bytes - 12)
    .toString()
    .replace(/\uFFFD+$/, '')}\n……（已截断）`
}

export function buildRequest(t: RobotTarget, m: RobotMessage, now: Date): { url: string; body: unknown } {
  if (t.platform === 'wecom') {
    return {
      url: t.webhook,
      body: {
        msgtype: 'markdown',
        markdown: { content: clip(`**${m.title}**\n${m.text}`, WECOM_MAX_BYTES) },
      },
    }
  }
  if (t.platform === 'dingtalk') {
    const ts = now.getTime()
    const url = t.secret
      ? `${t.webhook}${t.webhook.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${dingtalkSign(t.secret, ts)}`
      : t.webhook
    const at = t.mobiles.length ? `\n\n${t.mobiles.map((x) => `@${x}`).join(' ')}` : ''
    return {
      url,
      body: {
        msgtype: 'markdown',
        markdown: { title: m.title, text: `### ${m.title}\n${m.text}${at}` },
        at: { atMobiles: t.mobiles, isAtAll: false },
      },
    }
  }
  const ts = Math.floor(now.getTime() / 1000)
  return {
    url: t.webhook,
    body: {
      ...(t.secret ? { timestamp: String(ts), sign: feishuSign(t.secret, ts) } : {}),
      msg_type: 'text',
      content: { text: `${m.title}\n${m.text.replace(/\*\*/g, '')}` },
    },
  }
}

/** The platform's answer: ok, or its own error code and message (shown to admins as is). */
export function parseAnswer(
  status: number,
  json: unknown,
): { ok: true } | { ok: false; code: string; message: string } {
  const j = (json ?? {}) as Record<string, unknown>
  const code = j.errcode ?? j.code ?? j.StatusCode
  if (status >= 200 && status < 300 && (code === 0 || code === '0')) return { ok: true }
  return {
    ok: false,
    code: code === undefined ? `HTTP ${status}` : String(code),
    message: String(j.errmsg ?? j.msg ?? j.StatusMessage ?? `HTTP ${status}`),
  }
}

/** Host and the key's tail: enough to recognise a robot, never enough to use it. */
export function webhookHint(url: string) {
  try {
    const u = new URL(url)
    const key =
      u.searchParams.get('key') ?? u.searchParams.get('access_token') ?? u.pathname.split('/').pop() ?? ''
    return `${u.host} …${key.slice(-4)}`
  } catch {
    return '…'
  }
}
