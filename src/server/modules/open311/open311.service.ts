import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Ctx, Deps, SystemCtx } from '../../context.ts'
import { AppError, found, invalid } from '../../errors.ts'
import { DAY } from '../../lib/time.ts'
import { authorize } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DictionariesService } from '../dictionaries/dictionaries.service.ts'
import type { ProblemsService } from '../problems/problems.service.ts'
import { Open311Error, presentRequest } from './open311.format.ts'
import * as repo from './open311.repository.ts'

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex')
const MAX_RESULTS = 1000
const DEFAULT_DAYS = 90
/** sources a connected system may post as (a hotline platform, any other system) */
const KEY_SOURCES = ['open311', 'hotline']

/** The attributes a client may send with a request (`attribute[code]=value`). */
export const ATTRIBUTES = [
  {
    code: 'title',
    description: '问题标题（不填则取描述的前 30 个字）',
    datatype: 'string',
    required: false,
    order: 1,
  },
  {
    code: 'enterprise_name',
    description: '反映问题的企业名称',
    datatype: 'string',
    required: false,
    order: 2,
  },
] as const

export interface PostInput {
  service_code?: string
  lat?: number
  long?: number
  address_string?: string
  address_id?: string
  description?: string
  first_name?: string
  last_name?: string
  phone?: string
  email?: string
  attribute?: Record<string, string>
}

/**
 * Open311 GeoReport v2 (SPEC §8): problem categories as services; a request posted with an API
 * key becomes a problem in the loop (source and zone of the key), and reports its state back.
 * API keys are managed by system administrators, shown once, stored hashed.
 */
export function createOpen311Service(
  deps: Deps,
  s: { audit: AuditService; dictionaries: DictionariesService; problems: ProblemsService },
) {
  const { db, clock } = deps

  async function categories() {
    return (await s.dictionaries.items('problem_category', false)).map((i) => ({
      code: i.code,
      label: i.label,
    }))
  }

  async function authenticate(apiKey: string | undefined) {
    if (!apiKey) throw new Open311Error(401, 'api_key 必填 (api_key is required)')
    const key = await repo.findKeyByHash(db, hashOf(apiKey))
    if (!key?.enabled || key.revoked_at) throw new Open311Error(403, 'api_key 无效或已停用 (invalid api_key)')
    await repo.touchKey(db, key.id, clock.now())
    return key
  }

  async function serviceList() {
    return (await categories()).map((c) => ({
      service_code: c.code,
      service_name: c.label,
      description: `企业诉求：${c.label}`,
      metadata: true,
      type: 'realtime',
      keywords: c.label,
      group: '企业诉求',
    }))
  }

  async function serviceDefinition(code: string) {
    if (!(await categories()).some((c) => c.code === code)) throw new Open311Error(404, `服务 ${code} 不存在`)
    return {
      service_code: code,
      attributes: ATTRIBUTES.map((a) => ({ variable: true, datatype_description: null, values: [], ...a })),
    }
  }

  function date(v: string | undefined, name: string) {
    if (v === undefined) return undefined
    const d = new Date(v)
    if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime()))
      throw new Open311Error(400, `${name} 应为 ISO 8601 时间，如 2026-11-24T09:00:00+08:00`)
    return d
  }

  async function requests(
    apiKey: string | undefined,
    q: {
      service_request_id?: string
      service_code?: string
      start_date?: string
      end_date?: string
      status?: string
    },
  ) {
    const key = await authenticate(apiKey)
    if (q.status && q.status !== 'open' && q.status !== 'closed')
      throw new Open311Error(400, 'status 只能是 open 或 closed')
    const end = date(q.end_date, 'end_date') ?? clock.now()
    const start = date(q.start_date, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * DAY)
    if (start > end) throw new Open311Error(400, 'start_date 不能晚于 end_date')
    const codes = q.service_request_id
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean)
    const rows = await repo.listRequests(db, {
      zoneId: key.zone_id,
      source: key.source,
      codes,
      serviceCode: q.service_code,
      // a request asked for by id is found whenever it was made
      from: codes?.length ? undefined : start,
      to: codes?.length ? undefined : end,
      status: q.status as 'open' | 'closed' | undefined,
      limit: MAX_RESULTS,
    })
    const names = new Map((await categories()).map((c) => [c.code, c.label]))
    return rows.map((r) => presentRequest(r, (c) => (c ? (names.get(c) ?? c) : null)))
  }

  async function request(apiKey: string | undefined, id: string) {
    const list = await requests(apiKey, { service_request_id: id })
    if (!list.length) throw new Open311Error(404, `服务请求 ${id} 不存在`)
    return list
  }

  async function token(apiKey: string | undefined, tokenId: string) {
    const key = await authenticate(apiKey)
    const row = /^[0-9a-f-]{36}$/i.test(tokenId) ? await repo.findToken(db, key.zone_id, tokenId) : undefined
    if (!row) throw new Open311Error(404, `token ${tokenId} 不存在`)
    return [{ token: row.token, service_request_id: row.code }]
  }

  async function post(apiKey: string | undefined, input: PostInput) {
    const key = await authenticate(apiKey)
    if (!input.service_code) throw new Open311Error(400, 'service_code 必填')
    if (!(await categories()).some((c) => c.code === input.service_code))
      throw new Open311Error(400, `service_code ${input.service_code} 不存在，请先查询 services.json`)
    const hasPoint = input.lat != null && input.long != null
    if (!hasPoint && !input.address_string?.trim() && !input.address_id?.trim())
      throw new Open311Error(400, '须提供位置：lat 和 long，或 address_string，或 address_id')
    if (hasPoint && (Math.abs(input.lat!) > 90 || Math.abs(input.long!) > 180))
      throw new Open311Error(400, 'lat 应在 -90 至 90 之间，long 应在 -180 至 180 之间')
    const description = input.description?.trim()
    if (!description) throw new Open311Error(400, 'description 必填：请描述问题')
    if (description.length > 4000) throw new Open311Error(400, 'description 不能超过 4000 个字')
    const attrs = input.attribute ?? {}
    const unknown = Object.keys(attrs).filter((k) => !ATTRIBUTES.some((a) => a.code === k))
    if (unknown.length) throw new Open311Error(400, `未知的 attribute：${unknown.join('、')}`)
    const title = (attrs.title?.trim() || description.replace(/\s+/g, ' ')).slice(0, 30)
    const enterprise = attrs.enterprise_name?.trim()
    const name = [input.last_name, input.first_name].filter((x) => x?.trim()).join('') || null
    const ctx: SystemCtx = { actor: null, ip: null, requestId: null, label: `Open311：${key.name}` }
    const tokenId = randomUUID()
    const created = await db.transaction().execute(async (trx) => {
      const p = await s.problems
        .createInternal(trx, ctx, {
          zoneId: key.zone_id,
          title: title.length >= 2 ? title : `${title}（接口接入）`,
          description: enterprise ? `${description}\n（反映企业：${enterprise}）` : description,
          category: input.service_code,
          source: key.source,
          address:
            input.address_string?.trim() || (input.address_id ? `地址编码 ${input.address_id.trim()}` : null),
          lng: hasPoint ? input.long : null,
          lat: hasPoint ? input.lat : null,
          reporterName: name ?? enterprise ?? null,
          reporterPhone: input.phone?.trim() || null,
        })
        .catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'VALIDATION')
            throw new Open311Error(400, `${e.field ?? ''} ${e.message}`.trim())
          throw e
        })
      await repo.insertRequest(trx, {
        token: tokenId,
        zone_id: key.zone_id,
        key_id: key.id,
        problem_id: p.id,
        at: clock.now(),
      })
      return p
    })
    return [
      {
        service_request_id: created.code,
        token: tokenId,
        service_notice: `已受理登记，编号 ${created.code}，将在 1 个工作日内分办`,
        account_id: null,
      },
    ]
  }

  // ---------- keys (system administrators) ----------

  function presentKey(k: NonNullable<Awaited<ReturnType<typeof repo.findKey>>>) {
    return {
      id: k.id,
      zoneId: k.zone_id,
      zoneName: k.zone_name,
      name: k.name,
      source: k.source,
      hint: `••••${k.key_hint}`,
      enabled: k.enabled && !k.revoked_at,
      createdAt: new Date(k.created_at).toISOString(),
      createdByName: k.created_by_name,
      lastUsedAt: k.last_used_at ? new Date(k.last_used_at).toISOString() : null,
      revokedAt: k.revoked_at ? new Date(k.revoked_at).toISOString() : null,
    }
  }

  async function listKeys(ctx: Ctx) {
    authorize(ctx.actor, 'settings:manage')
    const rows = await repo.listKeys(db, ctx.actor)
    return { items: rows.map((r) => ({ ...presentKey(r), requests: Number(r.requests ?? 0) })) }
  }

  async function createKey(ctx: Ctx, input: { name: string; source?: string; zoneId?: number }) {
    authorize(ctx.actor, 'settings:manage')
    const name = input.name.trim()
    if (name.length < 2 || name.length > 40)
      throw invalid('name', '接入系统名称为 2–40 个字，如“12345 政务服务热线”')
    const source = input.source ?? 'open311'
    const sources = (await s.dictionaries.items('problem_source', false)).map((i) => i.code)
    if (!sources.includes(source)) throw invalid('source', '问题来源不存在')
    if (!KEY_SOURCES.includes(source)) throw invalid('source', '接口密钥的问题来源只能是“接口接入”或“热线”')
    const zone = await targetZone(db, ctx.actor, input.zoneId, { notFoundField: true })
    const apiKey = `qd311_${randomBytes(24).toString('base64url')}`
    const id = await db.transaction().execute(async (trx) => {
      const id = await repo.insertKey(trx, {
        zone_id: zone.id,
        name,
        source,
        key_hash: hashOf(apiKey),
        key_hint: apiKey.slice(-4),
        created_by: ctx.actor.id,
        at: clock.now(),
      })
      await s.audit.record(trx, ctx, {
        action: 'open311.key.create',
        targetType: 'open311_key',
        targetId: id,
        zoneId: zone.id,
        summary: `创建 Open311 接口密钥：${name}（${zone.name}）`,
        after: { name, source, zoneId: zone.id },
      })
      return id
    })
    const k = found(await repo.findKey(db, ctx.actor, id), '接口密钥')
    return { ...presentKey(k), requests: 0, apiKey }
  }

  async function revokeKey(ctx: Ctx, id: number, reason?: string) {
    authorize(ctx.actor, 'settings:manage')
    const k = found(await repo.findKey(db, ctx.actor, id), '接口密钥')
    if (k.revoked_at) throw new AppError('CONFLICT', '该密钥已停用')
    await db.transaction().execute(async (trx) => {
      await repo.revokeKey(trx, id, ctx.actor.id, clock.now())
      await s.audit.record(trx, ctx, {
        action: 'open311.key.revoke',
        targetType: 'open311_key',
        targetId: id,
        zoneId: k.zone_id,
        summary: `停用 Open311 接口密钥：${k.name}${reason?.trim() ? `（${reason.trim()}）` : ''}`,
      })
    })
    return { ok: true }
  }

  return { serviceList, serviceDefinition, requests, request, token, post, listKeys, createKey, revokeKey }
}

export type Open311Service = ReturnType<typeof createOpen311Service>
