import type { AnyCtx, Deps, SystemCtx } from '../../context.ts'
import { AppError, invalid } from '../../errors.ts'
import { pageOf } from '../../lib/pagination.ts'
import { addDays, beijingDate, isRealDate, weekStart as mondayOf } from '../../lib/time.ts'
import { type Actor, authorize, inScope } from '../../policies/index.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { createScorecardConfig } from './scorecard-config.ts'
import { type FigureSources, gatherFigures } from './scorecard-figures.ts'
import { INDICATOR_LABEL, type Part, type SubjectType, scoreSubjects } from './scorecard-math.ts'
import * as repo from './scorecards.repository.ts'

const jobCtx: SystemCtx = { actor: null, ip: null, requestId: null, label: '每周评比' }
const TYPE_LABEL: Record<SubjectType, string> = { department: '部门', zone: '开发区' }

export interface RankingQuery {
  /** required for a SystemCtx; a person without one gets their own zone (or unit above zones) */
  zoneId?: number
  subjectType: SubjectType
  weekStart?: string
}

/**
 * 每周评比 (SPEC §6, FACTS §2.5): weekly scores of the departments of a zone, or of the zones under a
 * city / county unit, from weighted indicators; each run keeps every score's parts so a ranking
 * explains itself, and the runs stay as history.
 */
export function createScorecardsService(deps: Deps, s: FigureSources & { audit: AuditService }) {
  const { db, clock } = deps
  const config = createScorecardConfig(deps, s.audit)

  function canSee(actor: Actor, type: SubjectType, unit: repo.Unit) {
    if (actor.scope.all) return true
    if (type === 'department')
      return actor.zoneId === unit.id || inScope(actor, { zoneId: unit.id, deptPath: unit.path })
    return actor.scope.subtreePaths.some((p) => unit.path.startsWith(p))
  }

  /** The zone (department rankings) or the unit above zones (zone rankings), checked against the actor. */
  async function resolveUnit(ctx: AnyCtx, type: SubjectType, zoneId?: number): Promise<repo.Unit> {
    const a = ctx.actor
    let id = zoneId
    if (id === undefined && a) {
      if (type === 'department') id = a.zoneId ?? undefined
      else {
        // The nearest unit above the user's department whose zones they all see.
        const above = (await repo.parentsWithZones(db)).filter(
          (p) => a.departmentPath.startsWith(p.path) && canSee(a, 'zone', p),
        )
        id = above.at(-1)?.id
      }
    }
    if (id === undefined)
      throw invalid('zoneId', type === 'department' ? '请选择开发区' : '请选择要比较开发区的上级单位')
    const unit = await repo.unit(db, id)
    const kindOk = unit && (type === 'department' ? unit.kind === 'zone' : unit.kind === 'city')
    if (!unit || !kindOk || (a && !canSee(a, type, unit)))
      throw new AppError(
        'NOT_FOUND',
        type === 'department' ? '开发区不存在或无权访问' : '单位不存在或无权访问',
        {
          field: 'zoneId',
        },
      )
    return unit
  }

  function checkWeek(ws: string, field = 'weekStart') {
    if (!isRealDate(ws)) throw invalid(field, '周（周一日期）不是有效日期')
    if (mondayOf(ws) !== ws) throw invalid(field, `评比周应从周一开始（${ws} 不是周一）`)
    if (ws > mondayOf(beijingDate(clock.now()))) throw invalid(field, `${ws} 起的一周还未开始，不能评比`)
  }

  async function subjectsOf(type: SubjectType, unit: repo.Unit) {
    if (type === 'department') return repo.departmentsOf(db, unit.id)
    const zones = await repo.zonesUnder(db, unit.path)
    if (zones.length < 2) throw invalid('zoneId', `${unit.name}下的开发区不足两个，无法开展开发区评比`)
    return zones
  }

  /**
   * Computes (or re-computes, replacing it) the ranking of a week and stores it with every part.
   * With a person's ctx: scorecard:manage and the unit in scope; with none, the weekly job.
   */
  async function computeWeek(
    zoneOrParentId: number | undefined,
    subjectType: SubjectType,
    weekStart: string,
    ctx: AnyCtx = jobCtx,
  ) {
    if (ctx.actor) authorize(ctx.actor, 'scorecard:manage')
    checkWeek(weekStart)
    const unit = await resolveUnit(ctx, subjectType, zoneOrParentId)
    const subjects = await subjectsOf(subjectType, unit)
    const cfg = await config.get(subjectType)
    const to = addDays(weekStart, 6)
    const from = addDays(weekStart, -7 * (cfg.windowWeeks - 1))
    const now = clock.now()
    const weekEnd = new Date(`${addDays(weekStart, 7)}T00:00:00+08:00`)
    const asOf = weekEnd < now ? new Date(weekEnd.getTime() - 1) : now
    const figures = await gatherFigures(deps, s, { type: subjectType, unit, subjects, from, to, asOf })
    const indicators = cfg.indicators
      .filter((i) => i.enabled && i.weight > 0)
      .map((i) => ({ key: i.key, label: INDICATOR_LABEL[i.key], weight: i.weight }))
    return db.transaction().execute(async (trx) => {
      const prevRun = await repo.findRun(trx, unit.id, subjectType, addDays(weekStart, -7))
      const previous = prevRun ? await repo.ranksOf(trx, prevRun.id) : new Map<number, number>()
      const scored = scoreSubjects(cfg.indicators, figures, previous)
      const existed = await repo.findRun(trx, unit.id, subjectType, weekStart)
      const runId = await repo.replaceRun(
        trx,
        { zoneId: unit.id, type: subjectType, weekStart, indicators, at: now },
        scored,
      )
      const next = await repo.findRun(trx, unit.id, subjectType, addDays(weekStart, 7))
      if (next) await repo.refreshPreviousRanks(trx, next.id, runId)
      const top = scored
        .filter((x) => x.rank === 1)
        .map((x) => x.subjectName)
        .join('、')
      await s.audit.record(trx, ctx, {
        action: 'scorecard.compute',
        targetType: 'scorecard_run',
        targetId: runId,
        zoneId: unit.kind === 'zone' ? unit.id : null,
        summary: `${existed ? '重新生成' : '生成'}${unit.name} ${weekStart} 起一周的${TYPE_LABEL[subjectType]}评比（${scored.length} 个单位${top ? `，第一名：${top}` : ''}）`,
        before: existed
          ? { runId: existed.id, computedAt: new Date(existed.computed_at).toISOString() }
          : null,
        after: { runId, weekStart, window: `${from}~${to}`, subjects: scored.length, indicators },
      })
      return { runId, weekStart, subjects: scored.length }
    })
  }

  /** The ranking of a week (the latest run without weekStart). A SystemCtx sees every unit. */
  async function ranking(ctx: AnyCtx, q: RankingQuery) {
    if (ctx.actor) authorize(ctx.actor, 'rhythm:read')
    if (q.weekStart !== undefined && !isRealDate(q.weekStart))
      throw invalid('weekStart', '周（周一日期）不是有效日期')
    const unit = await resolveUnit(ctx, q.subjectType, q.zoneId)
    const run = await repo.findRun(db, unit.id, q.subjectType, q.weekStart)
    if (!run) return { run: null, items: [] }
    const scores = await repo.scoresOf(db, run.id)
    return {
      run: {
        id: run.id,
        weekStart: run.week_start,
        computedAt: new Date(run.computed_at).toISOString(),
        indicators: run.indicators as Array<{ key: string; label: string; weight: number }>,
      },
      items: scores.map((r) => ({
        subjectId: r.subject_id,
        subjectName: r.short_name ?? r.name ?? `#${r.subject_id}`,
        score: Number(r.score),
        rank: r.rank,
        previousRank: r.previous_rank,
        change: r.previous_rank == null ? null : r.previous_rank - r.rank,
        parts: r.parts as Part[],
      })),
    }
  }

  /** The weeks that have a ranking (history), newest first. */
  async function weeks(
    ctx: AnyCtx,
    q: { zoneId?: number; subjectType: SubjectType; page?: number; pageSize?: number },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'rhythm:read')
    const unit = await resolveUnit(ctx, q.subjectType, q.zoneId)
    const p = pageOf(q)
    const { items, total } = await repo.listWeeks(db, unit.id, q.subjectType, p)
    return {
      zoneId: unit.id,
      zoneName: unit.name,
      items: items.map((r) => ({
        runId: r.id,
        weekStart: r.week_start,
        weekEnd: addDays(r.week_start, 6),
        computedAt: new Date(r.computed_at).toISOString(),
        subjects: r.subjects,
      })),
      total,
      page: p.page,
      pageSize: p.pageSize,
    }
  }

  /** One subject's score and rank week after week, oldest first. */
  async function history(
    ctx: AnyCtx,
    q: { zoneId?: number; subjectType: SubjectType; subjectId: number; weeks?: number },
  ) {
    if (ctx.actor) authorize(ctx.actor, 'rhythm:read')
    const unit = await resolveUnit(ctx, q.subjectType, q.zoneId)
    const rows = await repo.subjectHistory(db, unit.id, q.subjectType, q.subjectId, q.weeks ?? 12)
    const subject = await repo.unit(db, q.subjectId)
    return {
      subjectId: q.subjectId,
      subjectName: subject ? (subject.short_name ?? subject.name) : `#${q.subjectId}`,
      items: rows.map((r) => ({
        weekStart: r.week_start,
        score: Number(r.score),
        rank: r.rank,
        subjects: r.subjects,
        change: r.previous_rank == null ? null : r.previous_rank - r.rank,
      })),
    }
  }

  /** What the actor may pick: zones (department rankings) and units above several zones. */
  async function units(ctx: AnyCtx) {
    if (ctx.actor) authorize(ctx.actor, 'rhythm:read')
    const a = ctx.actor
    const zones = (await repo.zonesUnder(db, '')).filter((z) => !a || canSee(a, 'department', z))
    const parents = (await repo.parentsWithZones(db)).filter((p) => !a || canSee(a, 'zone', p))
    return {
      zones: zones.map((z) => ({ id: z.id, name: z.name })),
      parents: parents.map((p) => ({ id: p.id, name: p.name, zones: p.zones })),
      defaultZoneId: a?.zoneId ?? zones[0]?.id ?? null,
    }
  }

  /** The Monday-01:00 job: last week for every zone's departments and every unit above ≥ 2 zones. */
  async function computeLastWeek() {
    const week = addDays(mondayOf(beijingDate(clock.now())), -7)
    const done: string[] = []
    const failed: string[] = []
    for (const z of await repo.zonesUnder(db, '')) {
      await computeWeek(z.id, 'department', week).then(
        () => done.push(z.name),
        (e: Error) => failed.push(`${z.name}：${e.message}`),
      )
    }
    for (const p of await repo.parentsWithZones(db)) {
      await computeWeek(p.id, 'zone', week).then(
        () => done.push(p.name),
        (e: Error) => failed.push(`${p.name}：${e.message}`),
      )
    }
    return { weekStart: week, done, failed }
  }

  async function getConfig(ctx: AnyCtx, subjectType: SubjectType) {
    if (ctx.actor) authorize(ctx.actor, 'rhythm:read')
    return config.get(subjectType)
  }

  return {
    ranking,
    computeWeek,
    computeLastWeek,
    weeks,
    history,
    units,
    getConfig,
    updateConfig: config.update,
  }
}

export type ScorecardsService = ReturnType<typeof createScorecardsService>
