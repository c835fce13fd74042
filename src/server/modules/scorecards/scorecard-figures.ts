import type { Deps } from '../../context.ts'
import { beijingDate } from '../../lib/time.ts'
import { EMPTY_SCOPE } from '../../policies/actor.ts'
import type { Actor } from '../../policies/index.ts'
import type { SupervisionService } from '../problems/supervision.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { ReportsService } from '../reports/reports.service.ts'
import type { VisitsService } from '../visits/visits.service.ts'
import type { IndicatorKey, Raw, SubjectFigures, SubjectType } from './scorecard-math.ts'
import * as repo from './scorecards.repository.ts'

/**
 * The supervision figures are read for a whole zone or region, whoever asked for the ranking: the
 * ranking itself is what is scoped. This reader sees everything and may do nothing else.
 */
const ALL_READER: Actor = {
  id: 0,
  username: 'scorecards',
  displayName: '每周评比',
  departmentId: 0,
  departmentPath: '',
  zoneId: null,
  enterpriseId: null,
  roles: [],
  permissions: new Set(),
  scope: { ...EMPTY_SCOPE, all: true },
  mustChangePassword: null,
  passwordExpiresAt: null,
  totpEnabled: false,
}

export interface FigureSources {
  supervision: SupervisionService
  reports: ReportsService
  projects: ProjectsService
  visits: VisitsService
}

export interface FigureQuery {
  type: SubjectType
  /** the zone (department rankings) or the unit above the zones (zone rankings) */
  unit: repo.Unit
  subjects: repo.Unit[]
  /** the window, inclusive dates */
  from: string
  to: string
  /** the moment 序时进度 is measured at (end of the ranked week, or now) */
  asOf: Date
}

type Tally = { num: number; den: number }

/** Raw figures of every subject over the window, gathered from the modules that own them. */
export async function gatherFigures(
  deps: Deps,
  src: FigureSources,
  q: FigureQuery,
): Promise<SubjectFigures[]> {
  const subjectIds = new Set(q.subjects.map((s) => s.id))
  const zoneIds = q.type === 'zone' ? [...subjectIds] : [q.unit.id]
  // Which subject a unit's figures count for: a section counts for its department.
  const owner = new Map<number, number>()
  if (q.type === 'zone') for (const id of subjectIds) owner.set(id, id)
  else
    for (const d of await repo.subtree(deps.db, q.unit.path)) {
      const s = q.subjects.find((x) => d.path.startsWith(x.path))
      if (s) owner.set(d.id, s.id)
    }
  const ownerOf = (deptId: number | null, zoneId: number) =>
    q.type === 'zone' ? owner.get(zoneId) : deptId == null ? undefined : owner.get(deptId)

  const acc = new Map<number, Partial<Record<IndicatorKey, Tally>>>()
  const add = (subject: number | undefined, key: IndicatorKey, num: number, den: number) => {
    if (subject === undefined) return
    const a = acc.get(subject) ?? {}
    const t = a[key] ?? { num: 0, den: 0 }
    t.num += num
    t.den += den
    a[key] = t
    acc.set(subject, a)
  }

  // 按期办结率 and 满意率: the supervision figures (problems received in the window).
  const figures = await src.supervision.figures(ALL_READER, {
    from: q.from,
    to: q.to,
    by: q.type,
    zoneId: q.type === 'zone' ? undefined : q.unit.id,
  })
  for (const row of figures.rows) {
    const s = row.key == null ? undefined : owner.get(row.key)
    add(s, 'onTimeRate', row.onTimeRate.numerator, row.onTimeRate.denominator)
    add(s, 'satisfactionRate', row.satisfactionRate.numerator, row.satisfactionRate.denominator)
  }

  // 按时报送率: weekly progress and monthly reports owed in the window (reports.punctuality).
  for (const z of zoneIds) {
    for (const p of await src.reports.punctuality(z, q.from, q.to))
      add(ownerOf(p.departmentId, z), 'reportingPunctuality', p.onTime, p.owed)
  }

  // 投资完成 vs 序时进度: the average gap of the key projects with a plan (reports.scheduleStatuses).
  const projects = await src.projects.keyProjectLeads(zoneIds)
  const statuses = await src.reports.scheduleStatuses(
    deps.db,
    projects.map((p) => p.projectId),
    q.asOf,
  )
  for (const p of projects) {
    const sched = statuses.get(p.projectId)?.schedule
    if (sched) add(ownerOf(p.leadDepartmentId, p.zoneId), 'investmentVsSchedule', sched.gapPoints, 1)
  }

  // 节点按期率: milestones planned in the window (up to today), done on or before their date.
  const asOfDay = beijingDate(q.asOf)
  const today = [asOfDay, q.to].sort()[0]!
  for (const m of await src.projects.milestonesDue({ zoneIds, from: q.from, to: today })) {
    const onTime = m.actualDate != null && m.actualDate <= m.plannedDate
    add(ownerOf(m.leadDepartmentId, m.zoneId), 'milestonesOnTime', onTime ? 1 : 0, 1)
  }

  // 走访次数: visits led by someone of the department (once per visit), or held in the zone.
  const visitsBy = new Map<number, Set<number>>()
  for (const v of await src.visits.tally({ zoneIds, from: q.from, to: q.to })) {
    const subjects =
      q.type === 'zone' ? [owner.get(v.zoneId)] : v.leaderDepartmentIds.map((d) => owner.get(d))
    for (const s of subjects) {
      if (s === undefined) continue
      const set = visitsBy.get(s) ?? new Set()
      set.add(v.visitId)
      visitsBy.set(s, set)
    }
  }

  return q.subjects.map((s) => {
    const a = acc.get(s.id) ?? {}
    const rate = (k: IndicatorKey): Raw | null =>
      a[k] && a[k].den > 0 ? { kind: 'rate', numerator: a[k].num, denominator: a[k].den } : null
    const gap = a.investmentVsSchedule
    return {
      subjectId: s.id,
      subjectName: s.short_name ?? s.name,
      raw: {
        onTimeRate: rate('onTimeRate'),
        satisfactionRate: rate('satisfactionRate'),
        reportingPunctuality: rate('reportingPunctuality'),
        milestonesOnTime: rate('milestonesOnTime'),
        investmentVsSchedule: gap?.den
          ? { kind: 'gap', gapPoints: gap.num / gap.den, projects: gap.den }
          : null,
        visitCount: { kind: 'count', count: visitsBy.get(s.id)?.size ?? 0 },
      },
    }
  })
}
