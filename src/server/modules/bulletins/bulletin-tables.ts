import { percentText } from '../../lib/text.ts'
import type { FigureRow, SupervisionService } from '../problems/supervision.service.ts'
import type { ProjectsService } from '../projects/projects.service.ts'
import type { CampaignProgress, LateReporter, Ranking } from './bulletin-sources.ts'
import type { BulletinTable } from './bulletin-types.ts'

// The bulletin's tables, one function each: columns in the order of the document.

type ProjectRow = Awaited<ReturnType<ProjectsService['exportRows']>>[number]
type OverdueItem = Awaited<ReturnType<SupervisionService['board']>>['overdue'][number]

const no = { key: 'no', label: '序号', width: 6, align: 'center' as const }

export function projectTable(key: 'red' | 'yellow', title: string, rows: ProjectRow[]): BulletinTable {
  return {
    key,
    title,
    columns: [
      no,
      { key: 'name', label: '项目名称', width: 30 },
      { key: 'unit', label: '牵头单位', width: 16 },
      { key: 'leaders', label: '包联领导', width: 12 },
      { key: 'reason', label: '滞后原因', width: 40 },
    ],
    rows: rows.map((p, i) => ({
      no: i + 1,
      name: p.name,
      unit: p.leadUnit?.name ?? '—',
      leaders: p.leaders.map((l) => l.name).join('、') || '—',
      reason:
        p.lightReasons
          .filter((r) => r.light === key)
          .map((r) => r.text)
          .join('；') || '—',
    })),
    emptyText: key === 'red' ? '本期无红灯项目。' : '本期无黄灯项目。',
  }
}

export function overdueByDeptTable(rows: FigureRow[]): BulletinTable {
  return {
    key: 'overdueByDept',
    title: '各责任单位问题办理情况',
    columns: [
      no,
      { key: 'name', label: '责任单位', width: 20 },
      { key: 'received', label: '受理（件）', width: 10, align: 'right' },
      { key: 'resolved', label: '办结（件）', width: 10, align: 'right' },
      { key: 'onTime', label: '按期办结率', width: 12, align: 'right' },
      { key: 'satisfaction', label: '满意率', width: 10, align: 'right' },
      { key: 'overdueCount', label: '逾期（件）', width: 10, align: 'right' },
      { key: 'overdueDays', label: '逾期工作日', width: 12, align: 'right' },
    ],
    rows: [...rows]
      .sort(
        (a, b) => b.overdueDays - a.overdueDays || b.overdueCount - a.overdueCount || b.received - a.received,
      )
      .map((r, i) => ({
        no: i + 1,
        name: r.name,
        received: r.received,
        resolved: r.resolved,
        onTime: percentText(r.onTimeRate.rate),
        satisfaction: percentText(r.satisfactionRate.rate),
        overdueCount: r.overdueCount,
        overdueDays: r.overdueDays,
      })),
    emptyText: '本期无受理的企业问题。',
  }
}

export function overdueTable(items: OverdueItem[]): BulletinTable {
  return {
    key: 'overdue',
    title: '逾期未办结问题清单',
    columns: [
      no,
      { key: 'code', label: '编号', width: 16 },
      { key: 'title', label: '问题', width: 34 },
      { key: 'enterprise', label: '企业', width: 20 },
      { key: 'unit', label: '牵头单位', width: 16 },
      { key: 'due', label: '办理期限', width: 12, align: 'center' },
      { key: 'late', label: '逾期工作日', width: 10, align: 'right' },
    ],
    rows: items.map((p, i) => ({
      no: i + 1,
      code: p.code,
      title: p.title,
      enterprise: p.enterpriseName ?? '—',
      unit: p.leadDepartmentShort ?? '—',
      due: p.dueDate,
      late: p.workingDaysLate,
    })),
    emptyText: '当前无逾期未办结问题。',
  }
}

/** '2026-W45' → '第45周', '2026-10' → '10月' (the table's period column lists many). */
function shortPeriod(cadence: LateReporter['cadence'], key: string) {
  return cadence === 'weekly' ? `第${Number(key.slice(6))}周` : `${Number(key.slice(5, 7))}月`
}

/**
 * One row per project and kind of report (a month has four or five weeks: one row per week would
 * run to pages in print): how many periods went missing or came in late, and which.
 */
export function lateTable(items: LateReporter[]): BulletinTable {
  const groups = new Map<string, { first: LateReporter; missing: string[]; late: string[] }>()
  for (const r of items) {
    const key = `${r.projectId}|${r.cadence}`
    const g = groups.get(key) ?? { first: r, missing: [], late: [] }
    ;(r.status === 'late' ? g.late : g.missing).push(r.periodKey)
    groups.set(key, g)
  }
  const rows = [...groups.values()].sort(
    (a, b) =>
      b.missing.length - a.missing.length ||
      b.late.length - a.late.length ||
      a.first.code.localeCompare(b.first.code) ||
      a.first.cadence.localeCompare(b.first.cadence),
  )
  const periods = (g: { first: LateReporter; missing: string[]; late: string[] }) =>
    [...g.missing, ...g.late]
      .sort()
      .map((k) => shortPeriod(g.first.cadence, k))
      .join('、')
  return {
    key: 'late',
    title: '未按时报送情况',
    columns: [
      no,
      { key: 'what', label: '报送事项', width: 10 },
      { key: 'project', label: '项目', width: 28 },
      { key: 'unit', label: '责任单位', width: 14 },
      { key: 'owner', label: '责任人', width: 9 },
      { key: 'missing', label: '未报送（期）', width: 8, align: 'right' },
      { key: 'late', label: '逾期补报（期）', width: 8, align: 'right' },
      { key: 'periods', label: '期间', width: 18 },
    ],
    rows: rows.map((g, i) => ({
      no: i + 1,
      what: g.first.cadence === 'weekly' ? '周进展' : '月度投资',
      project: g.first.name,
      unit: g.first.departmentName ?? '—',
      owner: g.first.ownerName ?? '—',
      missing: g.missing.length,
      late: g.late.length,
      periods: periods(g),
    })),
    emptyText: '本期各项目均按时报送。',
  }
}

export function rankingTable(r: Ranking): BulletinTable {
  const indicators = r.run?.indicators ?? []
  const change = (c: number | null) => (c == null ? '新' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—')
  return {
    key: 'ranking',
    title: r.run ? `每周评比排名（${r.run.weekStart} 当周）` : '每周评比排名',
    columns: [
      { key: 'rank', label: '名次', width: 6, align: 'center' },
      { key: 'name', label: '单位', width: 20 },
      { key: 'score', label: '得分', width: 8, align: 'right' },
      { key: 'change', label: '较上周', width: 8, align: 'center' },
      ...indicators.map((x) => ({
        key: `i_${x.key}`,
        label: `${x.label}（${x.weight}%）`,
        width: 12,
        align: 'right' as const,
      })),
    ],
    rows: r.items.map((it) => ({
      rank: it.rank,
      name: it.subjectName,
      score: it.score.toFixed(1),
      change: change(it.change),
      ...Object.fromEntries(
        it.parts.map((p) => [`i_${p.key}`, p.points == null ? '—' : p.points.toFixed(1)]),
      ),
    })),
    emptyText: '本期尚未生成评比排名。',
  }
}

export function campaignTable(list: CampaignProgress[]): BulletinTable {
  return {
    key: 'campaigns',
    title: '攻坚行动进展',
    columns: [
      { key: 'name', label: '行动', width: 24 },
      { key: 'time', label: '时间进度', width: 14, align: 'center' },
      { key: 'target', label: '指标', width: 14 },
      { key: 'goal', label: '目标', width: 12, align: 'right' },
      { key: 'actual', label: '完成', width: 12, align: 'right' },
      { key: 'percent', label: '完成率', width: 10, align: 'right' },
    ],
    rows: list.flatMap((c) =>
      c.targets.map((t) => ({
        name: c.name,
        time: `第 ${c.dayNumber} / ${c.totalDays} 天（${c.timePercent.toFixed(0)}%）`,
        target: t.label,
        goal: `${t.target} ${t.unit}`,
        actual: `${t.actual} ${t.unit}`,
        percent: `${t.percent.toFixed(1)}%`,
      })),
    ),
    emptyText: '本期无进行中的攻坚行动。',
  }
}
