import type { Deps } from '../../context.ts'
import { forbidden, invalid } from '../../errors.ts'
import { tokens } from '../../lib/chinese-search.ts'
import { type Actor, authorize, hasPermission } from '../../policies/index.ts'
import { targetZone } from '../../policies/zone-target.ts'
import type { ProblemsService } from './problems.service.ts'
import * as repo from './similarity.repository.ts'

// Duplicate and common-problem suggestions at entry and triage, and the department suggestion from
// past routing (SPEC §4 intake). Text similarity: jieba words of the text (without the words every
// problem has) weighted by how rare they are among the zone's problems (inverse document
// frequency); then bonuses for the same category, the same area and the same enterprise.

/** Words that say nothing about what the problem is. */
const STOP_WORDS = new Set([
  '问题',
  '企业',
  '项目',
  '需要',
  '协调',
  '解决',
  '反映',
  '希望',
  '请求',
  '申请',
  '帮助',
  '帮忙',
  '目前',
  '现在',
  '存在',
  '情况',
  '进行',
  '相关',
  '有关',
  '部门',
  '我们',
  '我司',
  '公司',
  '本公司',
  '一个',
  '没有',
  '能否',
  '是否',
  '尽快',
  '影响',
  '园区',
  '开发区',
  '开发',
  '经济',
  '技术',
  '技术开发区',
  '工作',
  '政府',
  '一直',
  '已经',
  '不能',
  '无法',
  '可以',
  '如何',
  '什么',
  '这个',
  '那个',
  '由于',
  '因为',
  '所以',
  '但是',
  '还是',
  '以及',
])

/** Address words too general to say two places are near (admin levels, street kinds). */
const GENERIC_PLACE =
  /(省|市|区|县|旗|盟|镇|乡|村|自治区|开发区|园区|工业园|大街|大道|街道|路口|交叉口|附近|东侧|西侧|南侧|北侧|对面|号院|小区)$/

const MAX_WORDS = 24
const CANDIDATES = 200
const MIN_SCORE = 0.2
const NEAR_KM = 2

export const WEIGHTS = { text: 0.6, category: 0.15, area: 0.15, enterprise: 0.1 } as const

/** The words of a text that count for similarity (no stop words, no single characters or bare numbers). */
export function keywords(text: string): string[] {
  return tokens(text).filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w))
}

/** idf over the zone: rare words weigh more; a word nobody used still weighs (but no more than rare ones). */
export function idfOf(stats: number[], words: string[]): Map<string, number> {
  const n = stats[0] ?? 0
  const out = new Map<string, number>()
  words.forEach((w, i) => {
    out.set(w, Math.log(1 + (n + 1) / ((stats[i + 1] ?? 0) + 1)))
  })
  return out
}

/**
 * How much of the text's weight a problem covers: a shared word counts fully, a word contained in
 * one of the problem's words (货车 / 大货车) half. Returns 0–1 (square root of the covered share, so
 * that two problems sharing the key words of a long sentence read as clearly similar) and the words.
 */
export function textSimilarity(queryWords: string[], docWords: Set<string>, idf: Map<string, number>) {
  let total = 0
  let got = 0
  const words: string[] = []
  const docList = [...docWords]
  for (const w of queryWords) {
    const weight = idf.get(w) ?? 1
    total += weight
    if (docWords.has(w)) {
      got += weight
      words.push(w)
    } else {
      const part = docList.find((d) => d.length >= 2 && (d.includes(w) || w.includes(d)))
      if (part) {
        got += weight / 2
        words.push(part)
      }
    }
  }
  if (!total || !got) return { score: 0, words: [] as string[] }
  return { score: Math.sqrt(Math.min(1, got / total)), words: [...new Set(words)] }
}

interface Place {
  address: string | null
  lng: number | null
  lat: number | null
}

function placeWords(address: string | null): string[] {
  if (!address) return []
  const ws = tokens(address).filter((w) => w.length >= 2 && !/^\d+$/.test(w))
  // search-mode pieces (科尔 / 科尔沁 / 科尔沁区): keep the longest, then drop the general ones
  const longest = ws.filter((w) => !ws.some((o) => o !== w && o.includes(w)))
  return longest.filter((w) => !GENERIC_PLACE.test(w) && !STOP_WORDS.has(w))
}

export function distanceKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** Same area: within ~2 km when both are located, else sharing the particular words of the addresses. */
export function sameArea(a: Place | null, b: Place | null): boolean {
  if (!a || !b) return false
  if (a.lng != null && a.lat != null && b.lng != null && b.lat != null)
    return distanceKm({ lng: a.lng, lat: a.lat }, { lng: b.lng, lat: b.lat }) <= NEAR_KM
  const wa = placeWords(a.address)
  const wb = new Set(placeWords(b.address))
  if (!wa.length || !wb.size) return false
  const shared = wa.filter((w) => wb.has(w)).length
  return shared >= 2 || (shared >= 1 && Math.min(wa.length, wb.size) === 1)
}

const num = (v: string | number | null | undefined) => (v == null || v === '' ? null : Number(v))
const placeOfRow = (r: {
  address: string | null
  lng: string | null
  lat: string | null
  ent_address: string | null
  ent_lng: string | null
  ent_lat: string | null
}): Place => ({
  address: r.address ?? r.ent_address,
  lng: num(r.lng ?? (r.lat == null ? r.ent_lng : null)),
  lat: num(r.lat ?? (r.lng == null ? r.ent_lat : null)),
})
const round2 = (x: number) => Math.round(x * 100) / 100

export interface SimilarInput {
  text: string
  category?: string | null
  zoneId?: number | null
  enterpriseId?: number | null
  excludeId?: number | null
  address?: string | null
  lng?: number | null
  lat?: number | null
}

export function createSimilarityService(deps: Deps, _s: { problems: ProblemsService }) {
  const { db, clock } = deps

  async function referencePlace(input: SimilarInput, enterpriseId: number | null): Promise<Place | null> {
    const given: Place = {
      address: input.address?.trim() || null,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
    }
    if (given.address || (given.lng != null && given.lat != null)) return given
    if (input.excludeId) {
      const p = await repo.placeOf(db, input.excludeId)
      if (p) {
        const place = placeOfRow(p)
        if (place.address || place.lng != null) return place
      }
    }
    if (enterpriseId) {
      const e = await repo.enterprisePlace(db, enterpriseId)
      if (e) return { address: e.address, lng: num(e.lng), lat: num(e.lat) }
    }
    return null
  }

  /**
   * Open problems like the text, best first: for duplicates at entry and common problems at triage.
   * Rows outside the actor's scope are never shown; those that belong to a common problem give an
   * anonymous hint ("已有 N 家企业反映了类似问题") instead.
   */
  async function similar(actor: Actor, input: SimilarInput, limit = 5) {
    if (!hasPermission(actor, 'problem:report') && !hasPermission(actor, 'problem:read')) throw forbidden()
    const zone = await targetZone(db, actor, input.zoneId, { notFoundField: true })
    // An enterprise user speaks for their own enterprise only.
    const enterpriseId = actor.enterpriseId ?? input.enterpriseId ?? null
    const words = keywords(input.text).slice(0, MAX_WORDS)
    const category = input.category || null
    if (!words.length && !category) return { items: [], hint: null }
    const rows = await repo.similarCandidates(db, actor, {
      zoneId: zone.id,
      words,
      category,
      excludeId: input.excludeId ?? null,
      withHidden: true,
      limit: CANDIDATES,
    })
    if (!rows.length) return { items: [], hint: null }
    const idf = idfOf(rows[0].stats, words)
    const here = await referencePlace(input, enterpriseId)
    // The score is out of what could match: a bonus nobody could get (no category, place or
    // enterprise given) does not pull every score down.
    const attainable =
      WEIGHTS.text +
      (category ? WEIGHTS.category : 0) +
      (here ? WEIGHTS.area : 0) +
      (enterpriseId ? WEIGHTS.enterprise : 0)

    const scored = rows
      .map((r) => {
        const text = textSimilarity(words, new Set(keywords(`${r.title} ${r.description}`)), idf)
        const sameCategory = !!category && r.category === category
        const near = sameArea(here, placeOfRow(r))
        const sameEnterprise = !!enterpriseId && r.enterprise_id === enterpriseId
        const score =
          (WEIGHTS.text * text.score +
            (sameCategory ? WEIGHTS.category : 0) +
            (near ? WEIGHTS.area : 0) +
            (sameEnterprise ? WEIGHTS.enterprise : 0)) /
          attainable
        return { r, text, sameCategory, near, sameEnterprise, score: round2(Math.min(1, score)) }
      })
      .filter((x) => x.text.score > 0 && x.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || +new Date(b.r.received_at) - +new Date(a.r.received_at))

    const items = scored
      .filter((x) => x.r.visible)
      .slice(0, limit)
      .map((x) => ({
        id: x.r.id,
        code: x.r.code,
        title: x.r.title,
        status: x.r.status,
        category: x.r.category,
        enterpriseName: x.r.enterprise_name,
        score: x.score,
        words: x.text.words,
        isCommon: x.r.is_common,
        commonId: x.r.common_id,
        commonCode: x.r.common_code,
        reasons: {
          text: round2(x.text.score),
          sameCategory: x.sameCategory,
          sameArea: x.near,
          sameEnterprise: x.sameEnterprise,
        },
      }))

    // The best matching common problem the actor cannot see: how many enterprises, no names.
    const shownGroups = new Set(items.map((i) => i.commonId ?? (i.isCommon ? i.id : null)).filter(Boolean))
    const hidden = scored.find(
      (x) =>
        !x.r.visible &&
        (x.r.is_common || x.r.common_id) &&
        !shownGroups.has(x.r.common_id ?? x.r.id) &&
        x.r.group_enterprises > 0,
    )
    const hint = hidden
      ? {
          enterprises: hidden.r.group_enterprises,
          score: hidden.score,
          message: `已有 ${hidden.r.group_enterprises} 家企业反映了类似问题（正在处理中）`,
        }
      : null
    return { items, hint }
  }

  /**
   * Which department should lead: the lead departments of the k most similar accepted problems,
   * weighted by similarity and recency (half weight after a year); filled up from the category's
   * most frequent lead departments. The user decides.
   */
  async function suggestDepartments(
    actor: Actor,
    input: { text: string; category?: string | null; zoneId?: number | null },
    limit = 3,
  ) {
    authorize(actor, 'problem:triage')
    const zone = await targetZone(db, actor, input.zoneId, { notFoundField: true })
    const words = keywords(input.text).slice(0, MAX_WORDS)
    const category = input.category || null
    if (!words.length && !category) throw invalid('text', '请填写问题描述或选择问题类别')
    const rows = await repo.routedCandidates(db, { zoneId: zone.id, words, category, limit: CANDIDATES })
    const now = clock.now().getTime()
    const K = 10
    const similarRows = rows.length
      ? (() => {
          const idf = idfOf(rows[0].stats, words)
          return rows
            .map((r) => {
              const text = textSimilarity(words, new Set(keywords(`${r.title} ${r.description}`)), idf)
              const sim = 0.8 * text.score + (category && r.category === category ? 0.2 : 0)
              const ageDays = Math.max(0, (now - new Date(r.accepted_at).getTime()) / 86_400_000)
              return { r, text: text.score, sim, weight: sim * 0.5 ** (ageDays / 365) }
            })
            .filter((x) => x.text > 0)
            .sort((a, b) => b.sim - a.sim || +new Date(b.r.accepted_at) - +new Date(a.r.accepted_at))
            .slice(0, K)
        })()
      : []

    const byDept = new Map<
      number,
      { name: string; weight: number; best: number; rows: Array<{ id: number; code: string; title: string }> }
    >()
    let totalWeight = 0
    for (const x of similarRows) {
      totalWeight += x.weight
      const d = byDept.get(x.r.lead_department_id) ?? {
        name: x.r.department_name,
        weight: 0,
        best: 0,
        rows: [],
      }
      d.weight += x.weight
      d.best = Math.max(d.best, x.sim)
      d.rows.push({ id: x.r.id, code: x.r.code, title: x.r.title })
      byDept.set(x.r.lead_department_id, d)
    }
    const items: Array<{
      departmentId: number
      departmentName: string
      score: number
      basis: 'similar' | 'category'
      count: number
      examples: Array<{ id: number; code: string; title: string }>
      reason: string
    }> = [...byDept.entries()]
      .map(([id, d]) => {
        const shown = d.rows.slice(0, 2)
        return {
          departmentId: id,
          departmentName: d.name,
          score: round2(totalWeight ? (d.weight / totalWeight) * d.best : 0),
          basis: 'similar' as const,
          count: d.rows.length,
          examples: shown,
          reason: `依据：${d.rows.length} 件相似问题由该部门牵头办理（如 ${shown.map((r) => r.code).join('、')}${d.rows.length > shown.length ? ' …' : ''}）`,
        }
      })
      .sort((a, b) => b.score - a.score || b.count - a.count || a.departmentId - b.departmentId)
      .slice(0, limit)

    if (items.length < limit && category) {
      const label = (await repo.categoryLabel(db, category)) ?? category
      for (const c of await repo.categoryRouting(db, zone.id, category, limit + items.length)) {
        if (items.length >= limit) break
        if (items.some((i) => i.departmentId === c.department_id)) continue
        items.push({
          departmentId: c.department_id!,
          departmentName: c.department_name,
          // below any department found from similar problems
          score: round2(0.5 * (c.n / Math.max(1, c.total))),
          basis: 'category',
          count: c.n,
          examples: [],
          reason: `依据：${label}类问题以往 ${c.total} 件中 ${c.n} 件由该部门牵头办理（如 ${(c.codes ?? []).join('、')}）`,
        })
      }
    }
    return { items }
  }

  return { similar, suggestDepartments }
}

export type SimilarityService = ReturnType<typeof createSimilarityService>
