import { DAY } from '../../lib/time.ts'
import { stageIndex } from './projects.schema.ts'

/**
 * The default work plan (工作方案) of a project, by its nature (建设性质). Each milestone has a
 * position in the construction period (0 = 建设年限起, 1 = 建设年限止) used to spread planned dates
 * when both ends are known, and the stage by which it is normally done, so a project created or
 * imported in a later stage only gets the milestones still ahead of it.
 *
 * - 新建 (new): the full chain from 立项/备案 to 投产.
 * - 续建 (continued): construction began in an earlier year, approvals are behind it — from 主体完工 on.
 * - 扩建 (expansion): new approvals for the added capacity, usually on land the enterprise already
 *   holds (no 用地预审), the existing plant runs on (no 试生产).
 * - 技改 (renovation): inside an existing plant — 备案, 环评, 能评, then the works and acceptance; no
 *   land, planning or building permits.
 */
interface TemplateItem {
  name: string
  at: number
  /** the stage by which it is done: milestones of stages already reached are left out */
  doneBy: string
}

const ALL: Record<string, TemplateItem> = {
  filing: { name: '立项/备案', at: 0, doneBy: 'construction' },
  land: { name: '用地预审', at: 0.03, doneBy: 'construction' },
  planning: { name: '规划许可', at: 0.06, doneBy: 'construction' },
  eia: { name: '环评批复', at: 0.08, doneBy: 'construction' },
  energy: { name: '能评', at: 0.1, doneBy: 'construction' },
  permit: { name: '施工许可', at: 0.13, doneBy: 'construction' },
  start: { name: '开工', at: 0.15, doneBy: 'construction' },
  topped: { name: '主体完工', at: 0.6, doneBy: 'completed' },
  accepted: { name: '竣工验收', at: 0.82, doneBy: 'completed' },
  trial: { name: '试生产', at: 0.9, doneBy: 'trial' },
  production: { name: '投产', at: 1, doneBy: 'production' },
}

export const MILESTONE_TEMPLATES: Record<string, Array<keyof typeof ALL>> = {
  new: [
    'filing',
    'land',
    'planning',
    'eia',
    'energy',
    'permit',
    'start',
    'topped',
    'accepted',
    'trial',
    'production',
  ],
  continued: ['topped', 'accepted', 'trial', 'production'],
  expansion: ['filing', 'planning', 'eia', 'energy', 'permit', 'start', 'topped', 'accepted', 'production'],
  renovation: ['filing', 'eia', 'energy', 'start', 'accepted', 'production'],
}

export interface PlannedMilestone {
  name: string
  plannedDate: string | null
  sort: number
}

/** The template's milestones for a project, with planned dates when its period is known. */
export function templateMilestones(p: {
  nature: string | null
  stage: string
  startDate: string | null
  endDate: string | null
}): PlannedMilestone[] {
  const keys = MILESTONE_TEMPLATES[p.nature ?? 'new'] ?? MILESTONE_TEMPLATES.new
  const reached = stageIndex(p.stage)
  const start = p.startDate ? Date.parse(`${p.startDate}T00:00:00Z`) : null
  const end = p.endDate ? Date.parse(`${p.endDate}T00:00:00Z`) : null
  const span = start != null && end != null && end >= start ? end - start : null
  return keys
    .map((k, i) => ({ item: ALL[k], sort: (i + 1) * 10 }))
    .filter(({ item }) => reached < stageIndex(item.doneBy))
    .map(({ item, sort }) => ({
      name: item.name,
      sort,
      plannedDate:
        span != null && start != null
          ? new Date(start + Math.round((span * item.at) / DAY) * DAY).toISOString().slice(0, 10)
          : null,
    }))
}
