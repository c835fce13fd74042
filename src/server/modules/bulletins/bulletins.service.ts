import { buffer } from 'node:stream/consumers'
import type { AnyCtx, Ctx, Deps } from '../../context.ts'
import type { Db } from '../../db/database.ts'
import { AppError, found, invalid, versionConflict } from '../../errors.ts'
import { pagedList } from '../../lib/list-query.ts'
import { sortOf } from '../../lib/pagination.ts'
import { beijingDate } from '../../lib/time.ts'
import { authorize } from '../../policies/index.ts'
import { targetZone, zoneById } from '../../policies/zone-target.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { RobotsService } from '../robots/robots.service.ts'
import { getSetting, putSetting } from '../settings/settings.repository.ts'
import { buildContent, type Step } from './bulletin-content.ts'
import { bulletinDocx } from './bulletin-docx.ts'
import { type BulletinKind, checkStarted, lastEndedPeriod, periodOf } from './bulletin-period.ts'
import type { BulletinSources } from './bulletin-sources.ts'
import {
  type BulletinContent,
  type BulletinTexts,
  SECTION_HEADINGS,
  type SectionKey,
} from './bulletin-types.ts'
import { bulletinXlsx } from './bulletin-xlsx.ts'
import * as repo from './bulletins.repository.ts'

export interface BulletinSettings {
  /** 发文机关 (版头 and signature) */
  issuer: string
  /** the part of the number before 〔year〕, e.g. 达开推 */
  prefix: string
  /** default 抄送 */
  copyTo: string
}

const settingsKey = (zoneId: number) => `bulletin_settings:${zoneId}`
const TEXT_MAX = 5000
const dateText = (d: string) =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
export const numberOf = (prefix: string, year: number, seq: number | null) =>
  `${prefix}〔${year}〕${seq ?? '  '}号`

/**
 * 通报 (SPEC §6): a draft generated from the period's figures, edited by a person, issued with a
 * number; issued bulletins are read-only and keep the files they were issued with.
 */
export function createBulletinsService(
  deps: Deps,
  s: { audit: AuditService; sources: BulletinSources; robots: Pick<RobotsService, 'enqueue'> },
) {
  const { db, clock, files } = deps

  async function settings(zoneId: number, trx: Db = db): Promise<BulletinSettings> {
    const zone = await zoneById(trx, zoneId)
    return {
      issuer: `${zone.name}重点项目建设推进组办公室`,
      prefix: '',
      copyTo: '管委会主要领导，各分管领导',
      ...((await getSetting<Partial<BulletinSettings>>(trx, settingsKey(zoneId))) ?? {}),
    }
  }

  async function getSettings(ctx: Ctx, q: { zoneId?: number }) {
    authorize(ctx.actor, 'rhythm:read')
    const zone = await targetZone(db, ctx.actor, q.zoneId)
    return { zoneId: zone.id, ...(await settings(zone.id)) }
  }

  async function updateSettings(ctx: Ctx, input: BulletinSettings & { zoneId?: number }) {
    authorize(ctx.actor, 'bulletin:write')
    const issuer = input.issuer.trim()
    if (!issuer) throw invalid('issuer', '请填写发文机关')
    if (issuer.length > 40) throw invalid('issuer', '发文机关不能超过 40 个字')
    const prefix = input.prefix.trim()
    if (prefix.length > 12 || /[〔〕[\]\d]/.test(prefix))
      throw invalid('prefix', '发文字号前缀不超过 12 个字，不含年份、括号和数字，如“达开推”')
    const copyTo = input.copyTo.trim()
    if (copyTo.length > 200) throw invalid('copyTo', '抄送不能超过 200 个字')
    const zone = await targetZone(db, ctx.actor, input.zoneId)
    const before = await settings(zone.id)
    const next = { issuer, prefix, copyTo }
    await db.transaction().execute(async (trx) => {
      await putSetting(trx, settingsKey(zone.id), next, clock.now(), ctx.actor.id)
      await s.audit.record(trx, ctx, {
        action: 'bulletin.settings.update',
        targetType: 'settings',
        targetId: settingsKey(zone.id),
        zoneId: zone.id,
        summary: '修改通报版头与文号设置',
        before: { ...before },
        after: { ...next },
      })
    })
    return { zoneId: zone.id, ...next }
  }

  function present(r: repo.BulletinRow | Awaited<ReturnType<typeof repo.list>>['items'][number]) {
    return {
      id: r.id,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      kind: r.kind as BulletinKind,
      periodKey: r.period_key,
      number: r.number,
      title: r.title,
      status: r.status,
      generatedAt: r.generated_at ? new Date(r.generated_at).toISOString() : null,
      issuedAt: r.issued_at ? new Date(r.issued_at).toISOString() : null,
      issuedByName: r.issued_by_name,
      createdByName: r.created_by_name,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    }
  }

  async function load(actor: AnyCtx['actor'], id: number, trx: Db = db) {
    return found(await repo.findVisible(trx, id, actor), '通报')
  }

  async function detail(ctx: Ctx, id: number) {
    authorize(ctx.actor, 'rhythm:read')
    const r = await load(ctx.actor, id)
    const content = r.content as unknown as BulletinContent
    const cfg = await settings(r.zone_id)
    return {
      ...present(r),
      content,
      previewNumber: r.number ?? numberOf(cfg.prefix, Number(beijingDate(clock.now()).slice(0, 4)), null),
    }
  }

  type ListQuery = repo.BulletinFilter & { sort?: string }
  const ledger = pagedList({
    args: (q: ListQuery) => {
      // newest first unless a sort is asked for
      const fields = Object.keys(repo.SORTS) as Array<keyof typeof repo.SORTS>
      const sort = q.sort
        ? sortOf(q.sort, fields, 'updatedAt')
        : { field: 'updatedAt' as const, dir: 'desc' as const }
      return { filter: q, sort }
    },
    fetch: (actor: Ctx['actor'], filter, sort, window) => {
      authorize(actor, 'rhythm:read')
      return repo.list(db, actor, filter, sort, window)
    },
    present: (rows) => rows.map(present),
  })

  /** The default period to generate for each kind: the last one that has ended. */
  function defaults() {
    const now = clock.now()
    return Object.fromEntries(
      (['weekly', 'monthly', 'quarterly'] as const).map((k) => {
        const p = lastEndedPeriod(k, now)
        return [k, { periodKey: p.key, label: p.label }]
      }),
    ) as Record<BulletinKind, { periodKey: string; label: string }>
  }

  /** Checks the request before anything is streamed back: errors then answer as plain 400/403/404. */
  async function prepare(ctx: Ctx, input: { kind: BulletinKind; periodKey: string; zoneId?: number }) {
    authorize(ctx.actor, 'bulletin:write')
    const period = periodOf(input.kind, input.periodKey.trim())
    checkStarted(period, clock.now())
    const zone = await targetZone(db, ctx.actor, input.zoneId, { notFoundField: true })
    return { period, zone }
  }

  /** `at` lets the demo seed date a bulletin in the past; requests use the clock. */
  async function generate(
    ctx: Ctx,
    prepared: Awaited<ReturnType<typeof prepare>>,
    step: Step = () => {},
    opts: { at?: Date } = {},
  ) {
    const { period, zone } = prepared
    const now = opts.at ?? clock.now()
    const cfg = await settings(zone.id)
    const built = await buildContent(s.sources, ctx, { id: zone.id, name: zone.name }, period, cfg, now, step)
    const { defaults: texts, ...rest } = built
    const content: BulletinContent = { ...rest, texts, omitted: [] }
    const id = await db.transaction().execute(async (trx) => {
      const id = await repo.insert(trx, {
        zone_id: zone.id,
        kind: period.kind,
        period_key: period.key,
        title: texts.title,
        content,
        created_by: ctx.actor.id,
        at: now,
      })
      await s.audit.record(trx, ctx, {
        action: 'bulletin.generate',
        targetType: 'bulletin',
        targetId: id,
        zoneId: zone.id,
        summary: `生成通报草稿：${texts.title}`,
        after: { kind: period.kind, periodKey: period.key },
      })
      return id
    })
    await renderFiles(id, step)
    step('完成', 100)
    return detail(ctx, id)
  }

  /** Renders and stores a bulletin's Word and Excel files for its current version. */
  async function renderFiles(id: number, step: Step = () => {}) {
    const r = found(await repo.findVisible(db, id, null), '通报')
    const content = r.content as unknown as BulletinContent
    const cfg = await settings(r.zone_id)
    const day = beijingDate(r.issued_at ? new Date(r.issued_at) : clock.now())
    const number = r.number ?? numberOf(cfg.prefix, Number(day.slice(0, 4)), null)
    step('生成 Word 公文（图表、表格）', 70)
    const docx = await bulletinDocx(content, { number, date: dateText(day) })
    step('生成 Excel 数据表', 88)
    const xlsx = await bulletinXlsx(content, number)
    const stem = `bulletins/${r.zone_id}/${r.id}-v${r.version}`
    await files.put(`${stem}.docx`, docx)
    await files.put(`${stem}.xlsx`, xlsx)
    await repo.setFiles(db, r.id, r.version, { docx_key: `${stem}.docx`, xlsx_key: `${stem}.xlsx` })
    return { docx, xlsx }
  }

  function checkDraft(r: repo.BulletinRow) {
    if (r.status !== 'draft')
      throw new AppError('INVALID_TRANSITION', `通报已签发（${r.number}），不能再修改`)
  }

  function checkTexts(texts: Partial<BulletinTexts>) {
    for (const [k, v] of Object.entries(texts)) {
      if (typeof v !== 'string') continue
      if (v.length > TEXT_MAX) throw invalid(`texts.${k}`, `内容不能超过 ${TEXT_MAX} 个字`)
    }
    if (texts.title !== undefined) {
      if (!texts.title.trim()) throw invalid('texts.title', '请填写通报标题')
      if (texts.title.trim().length > 80) throw invalid('texts.title', '标题不能超过 80 个字')
    }
  }

  async function update(
    ctx: Ctx,
    id: number,
    input: { version: number; texts?: Partial<BulletinTexts>; omitted?: SectionKey[] },
  ) {
    authorize(ctx.actor, 'bulletin:write')
    checkTexts(input.texts ?? {})
    const omitted = input.omitted
    if (omitted?.some((k) => !(k in SECTION_HEADINGS))) throw invalid('omitted', '要删去的部分不存在')
    await db.transaction().execute(async (trx) => {
      const r = await load(ctx.actor, id, trx)
      checkDraft(r)
      if (r.version !== input.version) throw versionConflict()
      const before = r.content as unknown as BulletinContent
      const texts = {
        ...before.texts,
        ...Object.fromEntries(
          Object.entries(input.texts ?? {}).map(([k, v]) => [k, k === 'title' ? String(v).trim() : v]),
        ),
      }
      const content: BulletinContent = { ...before, texts, omitted: omitted ?? before.omitted }
      const ok = await repo.update(trx, id, input.version, {
        title: texts.title,
        content,
        docx_key: null,
        xlsx_key: null,
        at: clock.now(),
      })
      if (!ok) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'bulletin.update',
        targetType: 'bulletin',
        targetId: id,
        zoneId: r.zone_id,
        summary: `修改通报草稿：${texts.title}`,
        before: { title: before.texts.title, omitted: before.omitted },
        after: { title: texts.title, omitted: content.omitted, changed: Object.keys(input.texts ?? {}) },
      })
    })
    return detail(ctx, id)
  }

  /** Refreshes the figures, charts and tables; keeps what the editor wrote. */
  async function regenerate(ctx: Ctx, id: number, version: number, step: Step = () => {}) {
    authorize(ctx.actor, 'bulletin:write')
    const r = await load(ctx.actor, id)
    checkDraft(r)
    if (r.version !== version) throw versionConflict()
    const old = r.content as unknown as BulletinContent
    const zone = await zoneById(db, r.zone_id)
    const cfg = await settings(r.zone_id)
    const built = await buildContent(
      s.sources,
      ctx,
      { id: zone.id, name: zone.name },
      periodOf(old.kind, old.period.key),
      cfg,
      clock.now(),
      step,
    )
    const { defaults: fresh, ...rest } = built
    const texts = { ...old.texts }
    // A generated paragraph the editor left as it was follows the new figures; an edited one stays.
    for (const k of ['overview', 'projects', 'problems'] as const) {
      if (old.texts[k] === old.generated[k]) texts[k] = fresh[k]
    }
    const content: BulletinContent = { ...rest, texts, omitted: old.omitted }
    await db.transaction().execute(async (trx) => {
      const ok = await repo.update(trx, id, version, {
        content,
        docx_key: null,
        xlsx_key: null,
        generated_at: clock.now(),
        at: clock.now(),
      })
      if (!ok) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'bulletin.regenerate',
        targetType: 'bulletin',
        targetId: id,
        zoneId: r.zone_id,
        summary: `重新汇总通报数据：${texts.title}`,
      })
    })
    await renderFiles(id, step)
    step('完成', 100)
    return detail(ctx, id)
  }

  async function issue(ctx: Ctx, id: number, input: { version: number }, opts: { at?: Date } = {}) {
    authorize(ctx.actor, 'bulletin:issue')
    await db.transaction().execute(async (trx) => {
      const r = await load(ctx.actor, id, trx)
      checkDraft(r)
      if (r.version !== input.version) throw versionConflict()
      const c = r.content as unknown as BulletinContent
      for (const k of ['praise', 'criticism'] as const) {
        if (!c.omitted.includes(k) && !c.texts[k].trim())
          throw invalid(
            `texts.${k}`,
            `“${SECTION_HEADINGS[k]}”尚未填写：请填写，或在通报中删去这一部分后再签发`,
          )
      }
      await repo.lockZoneNumbering(trx, r.zone_id)
      const now = opts.at ?? clock.now()
      const year = Number(beijingDate(now).slice(0, 4))
      const seq = await repo.nextSeq(trx, r.zone_id, year)
      const cfg = await settings(r.zone_id, trx)
      const number = numberOf(cfg.prefix, year, seq)
      const ok = await repo.update(trx, id, input.version, {
        status: 'issued',
        seq,
        number,
        issued_at: now,
        issued_by: ctx.actor.id,
        docx_key: null,
        xlsx_key: null,
        at: now,
      })
      if (!ok) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'bulletin.issue',
        targetType: 'bulletin',
        targetId: id,
        zoneId: r.zone_id,
        summary: `签发通报 ${number}：${c.texts.title}`,
        after: { number, seq },
      })
      // the zone's work groups that take bulletins hear of it
      await s.robots.enqueue(trx, {
        zoneId: r.zone_id,
        topic: 'bulletin',
        message: {
          title: `通报签发：${number}`,
          text: `${c.texts.title}\n${c.texts.overview.slice(0, 300)}\n[查看与下载](${deps.config.publicUrl}/rhythm/bulletins/${id})`,
        },
      })
    })
    await renderFiles(id)
    return detail(ctx, id)
  }

  async function remove(ctx: Ctx, id: number, version: number) {
    authorize(ctx.actor, 'bulletin:write')
    await db.transaction().execute(async (trx) => {
      const r = await load(ctx.actor, id, trx)
      checkDraft(r)
      if (!(await repo.remove(trx, id, version))) throw versionConflict()
      await s.audit.record(trx, ctx, {
        action: 'bulletin.delete',
        targetType: 'bulletin',
        targetId: id,
        zoneId: r.zone_id,
        summary: `删除通报草稿：${r.title}`,
      })
    })
    return { ok: true }
  }

  /** The Word or Excel file of a bulletin: an issued one exactly as issued, a draft as it stands. */
  async function file(ctx: Ctx, id: number, type: 'docx' | 'xlsx') {
    authorize(ctx.actor, 'rhythm:read')
    const r = await load(ctx.actor, id)
    const key = type === 'docx' ? r.docx_key : r.xlsx_key
    const body = key ? await buffer(await files.get(key)) : (await renderFiles(id))[type]
    const name = `${r.number ?? '通报草稿'}${r.title}.${type}`.replace(/[\\/:*?"<>|]/g, '')
    return { body, filename: name }
  }

  return {
    settings,
    getSettings,
    updateSettings,
    defaults,
    list: ledger.list,
    exportRows: ledger.exportRows,
    detail,
    prepare,
    generate,
    update,
    regenerate,
    issue,
    remove,
    file,
  }
}

export type BulletinsService = ReturnType<typeof createBulletinsService>
