import type { Ctx, Deps } from '../../context.ts'
import { invalid } from '../../errors.ts'
import { createSnapshotCache } from '../../lib/snapshot-cache.ts'
import { addDays, beijingDate } from '../../lib/time.ts'
import type { Actor } from '../../policies/actor.ts'
import { authorize } from '../../policies/index.ts'
import type { CampaignsService } from '../campaigns/campaigns.service.ts'
import type { PipelineService } from '../pipeline/pipeline.service.ts'
import type { SupervisionService } from '../problems/supervision.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import { lastCompletedMonth } from '../reports/reports.service.ts'
import * as repo from './dashboard.repository.ts'

const LIGHTS = ['green', 'yellow', 'red'] as const

/**
 * 驾驶舱 (SPEC §7): one call per view. Its own grouped queries (funnel, lights, problem counts,
 * trend, map) and the figures other modules already compute (roll-ups by unit / industry / level,
 * pipeline sums, department rates, red lists, campaigns) — all within the actor's scope, so a
 * department sees its own, and every figure names the list filter it clicks through to.
 */
export function createDashboardService(
  deps: Deps,
  s: {
    projects: Pick<ProjectsService, 'list'>
    reports: Pick<ReportsService, 'rollup'>
    supervision: Pick<SupervisionService, 'figures' | 'board'>
    pipeline: Pick<PipelineService, 'stats'>
    campaigns: Pick<CampaignsService, 'progressForBulletin'>
  },
) {
  const { db, clock, config } = deps
  // A big zone's cockpit is seconds of aggregates: served from a snapshot at most a minute old
  // (refreshed in the background), small zones stay live (ADR 0012).
  const snapshots = createSnapshotCache<Figures>({
    cacheAfterMs: config.dashboardCacheAfterMs,
    maxAgeMs: config.dashboardMaxAgeSeconds * 1000,
    now: () => clock.now().getTime(),
    onError: (key, err) => console.error(`驾驶舱快照刷新失败 (dashboard refresh failed) ${key}:`, err),
  })

  async function view(ctx: Ctx, q: { zoneId?: number; year?: number; fresh?: boolean }) {
    authorize(ctx.actor, 'project:read')
    const today = beijingDate(clock.now())
    const thisYear = Number(today.slice(0, 4))
    const year = q.year ?? thisYear
    if (year < 2000 || year > thisYear) throw invalid('year', `年度应在 2000 至 ${thisYear} 之间`)
    const zoneId = q.zoneId ?? undefined
    const snap = await snapshots.get(snapshotKey(ctx.actor, zoneId, year), () => figures(ctx, zoneId, year), {
      fresh: q.fresh,
    })
    return {
      ...snap.value,
      snapshot: {
        computedAt: new Date(snap.computedAt).toISOString(),
        cached: snap.cached,
        tookMs: snap.tookMs,
      },
    }
  }

  type Figures = Awaited<ReturnType<typeof figures>>

  async function figures(ctx: Ctx, zoneId: number | undefined, year: number) {
    const actor = ctx.actor
    const now = clock.now()
    const today = beijingDate(now)
    const thisYear = Number(today.slice(0, 4))
    const last = lastCompletedMonth(now)
    const asOf = year < last.year ? { year, month: 12 } : year === last.year ? last : { year, month: 1 }
    const canProblems = actor.permissions.has('problem:read')
    const canPipeline = actor.permissions.has('pipeline:read')
    const twelveAgo = new Date(`${addDays(`${today.slice(0, 7)}-01`, -335).slice(0, 7)}-01T00:00:00+08:00`)

    const mapZone = zoneId ?? actor.zoneId ?? null
    const [counts, invest, byUnit, byIndustry, byLevel, red, map, region] = await Promise.all([
      repo.projectCounts(db, actor, zoneId),
      repo.investmentByMonth(db, actor, year, zoneId),
      s.reports.rollup(ctx, { ...asOf, by: 'department', zoneId }),
      s.reports.rollup(ctx, { ...asOf, by: 'industry', zoneId }),
      s.reports.rollup(ctx, { ...asOf, by: 'level', zoneId }),
      s.projects.list(actor, { zoneId, light: 'red', sort: '-totalInvestment', pageSize: 10 }),
      repo.mapPoints(db, actor, zoneId),
      mapZone ? repo.zoneRegion(db, mapZone) : null,
    ])
    const [problemCounts, trend, figures, board, pipeline, campaigns] = await Promise.all([
      canProblems ? repo.problemCounts(db, actor, zoneId) : null,
      canProblems ? repo.problemTrend(db, actor, twelveAgo, zoneId) : null,
      canProblems
        ? s.supervision.figures(actor, {
            from: `${year}-01-01`,
            to: year === thisYear ? today : `${year}-12-31`,
            by: 'department',
            zoneId,
            sort: '-received',
          })
        : null,
      // the count and the ten worst overdue
      canProblems ? s.supervision.board(actor, { zoneId, limit: 10 }) : null,
      canPipeline ? s.pipeline.stats(actor, { zoneId }) : null,
      zoneId || actor.zoneId ? s.campaigns.progressForBulletin((zoneId ?? actor.zoneId)!, today, today) : [],
    ])

    // the plan's straight line: 序时进度 = annual plan × months elapsed / 12 (SPEC §3)
    let running = 0
    const months = Array.from({ length: 12 }, (_, i) => {
      const m = i + 1
      running += Number(invest.months.find((x) => x.month === m)?.completed ?? 0)
      const reported = year < asOf.year || m <= asOf.month
      return {
        month: m,
        completed: reported ? Math.round(running * 100) / 100 : null,
        schedule: Math.round(((Number(invest.planned) * m) / 12) * 100) / 100,
      }
    })
    const monthKeys = Array.from({ length: 12 }, (_, i) =>
      addDays(`${beijingDate(twelveAgo).slice(0, 7)}-15`, 31 * i).slice(0, 7),
    )
    const count = (rows: Array<{ key: string | null; n: number }> | undefined, key: string) =>
      rows?.find((r) => r.key === key)?.n ?? 0
    return {
      year,
      asOf,
      projects: {
        total: counts.stages.reduce((n, r) => n + r.n, 0),
        stages: counts.stages.map((r) => ({ key: r.key, label: r.label ?? r.key, count: r.n })),
        lights: LIGHTS.map((l) => ({ key: l, count: count(counts.lights, l) })),
      },
      investment: {
        planned: invest.planned,
        completed: byUnit.total.completed,
        completionRate: byUnit.total.completionRate,
        scheduleRate: byUnit.total.scheduleRate,
        gapPoints: byUnit.total.gapPoints,
        months,
      },
      byDepartment: byUnit.rows.slice(0, 12),
      byIndustry: byIndustry.rows.slice(0, 12),
      byLevel: byLevel.rows,
      pipeline: pipeline?.stages ?? null,
      problems: problemCounts && {
        status: problemCounts.status.map((r) => ({ key: r.key, count: r.n })),
        type: problemCounts.type.map((r) => ({ key: r.key, count: r.n })),
        category: problemCounts.category.map((r) => ({ key: r.key, count: r.n })),
        overdue: board?.counts.overdue ?? 0,
        byDepartment: figures?.rows.slice(0, 12) ?? [],
        total: figures?.total ?? null,
        trend: monthKeys.map((m) => ({
          month: m,
          received: trend?.received.find((r) => r.month === m)?.n ?? 0,
          resolved: trend?.resolved.find((r) => r.month === m)?.n ?? 0,
        })),
      },
      redProjects: {
        total: red.total,
        items: red.items.map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          reason: p.lightReasons.find((r) => r.light === 'red')?.text ?? null,
        })),
      },
      overdueProblems: board && {
        total: board.counts.overdue,
        items: board.overdue.slice(0, 10).map((p) => ({
          id: p.id,
          code: p.code,
          title: p.title,
          unit: p.leadDepartmentShort,
          workingDaysLate: p.workingDaysLate,
        })),
      },
      campaigns,
      /** the outline under the map: /geo/<province>.json, the zone's city */
      region,
      map: map.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        light: p.light,
        stage: p.stage,
        lng: Number(p.lng),
        lat: Number(p.lat),
        total: Number(p.total_investment),
      })),
    }
  }

  return { view, invalidate: snapshots.invalidate }
}

/**
 * Who sees the same cockpit. Someone who sees a whole zone and looks at that zone sees exactly the
 * zone's figures, so every such reader of the zone shares one snapshot (per year and the permissions
 * that add panels); anyone else — departments, people who see only their own, several zones at once —
 * gets their own, keyed by their grants so a changed role never sees an old scope.
 */
export function snapshotKey(actor: Actor, zoneId: number | undefined, year: number) {
  const s = actor.scope
  const panels = ['problem:read', 'pipeline:read'].map((p) => (actor.permissions.has(p) ? 1 : 0)).join('')
  const wholeZone =
    zoneId !== undefined && actor.enterpriseId == null && (s.all || s.zoneIds.includes(zoneId))
  if (wholeZone) return `zone:${zoneId}:${year}:${panels}`
  return `user:${actor.id}:${zoneId ?? '-'}:${year}:${panels}:${JSON.stringify(s)}`
}

export type DashboardService = ReturnType<typeof createDashboardService>
