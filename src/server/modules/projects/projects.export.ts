import { percent } from '../../../shared/schedule.ts'
import type { Column } from '../../lib/spreadsheet.ts'
import { FIVE_ONES_LABEL, type FiveOnesCode } from './projects.schema.ts'
import type { ProjectsService } from './projects.service.ts'

type ExportRow = Awaited<ReturnType<ProjectsService['exportRows']>>[number]

const LIGHT_LABEL: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' }
const num = (v: string | null | undefined) => (v == null ? null : Number(v))

/** The ledger's columns, in the order and with the headers of the table on screen (ProjectsPage). */
export function projectExportColumns(withZone: boolean): Column<ExportRow>[] {
  return [
    ...(withZone ? [{ header: '开发区', value: (r: ExportRow) => r.zoneName, width: 14 }] : []),
    { header: '项目编号', value: (r) => r.code, width: 16 },
    { header: '项目名称', value: (r) => r.name, width: 36 },
    { header: '红黄绿灯', value: (r) => LIGHT_LABEL[r.light] ?? r.light },
    { header: '阶段', value: (r) => r.stageLabel, width: 10 },
    {
      header: '五个一',
      value: (r) =>
        r.fiveOnesMissing.length
          ? `缺${r.fiveOnesMissing.map((c) => FIVE_ONES_LABEL[c as FiveOnesCode] ?? c).join('、')}`
          : r.isKey
            ? '齐全'
            : '',
      width: 24,
    },
    { header: '建设单位', value: (r) => r.enterpriseName, width: 28 },
    { header: '级别', value: (r) => r.levelLabel, width: 14 },
    { header: '建设性质', value: (r) => r.natureLabel, width: 10 },
    {
      header: '所属行业',
      value: (r) => (r.industryCode ? `${r.industryCode} ${r.industryName ?? ''}` : ''),
      width: 22,
    },
    { header: '总投资（万元）', value: (r) => num(r.totalInvestment), width: 14 },
    { header: '年度计划（万元）', value: (r) => num(r.schedule?.annualPlan), width: 14 },
    { header: '本年完成（万元）', value: (r) => num(r.schedule?.completedThisYear), width: 14 },
    {
      header: '完成率',
      value: (r) => (r.schedule?.completionRate == null ? '' : percent(r.schedule.completionRate)),
    },
    {
      header: '序时进度',
      value: (r) => (r.schedule?.scheduleRate == null ? '' : percent(r.schedule.scheduleRate)),
    },
    { header: '差距（百分点）', value: (r) => r.schedule?.gapPoints ?? null, width: 14 },
    { header: '亮灯原因', value: (r) => r.lightReasons.map((x) => x.text).join('；'), width: 40 },
    { header: '包联领导', value: (r) => r.leaders.map((l) => l.name).join('、'), width: 16 },
    { header: '牵头单位', value: (r) => r.leadUnit?.name ?? '', width: 18 },
    { header: '标签', value: (r) => r.tagLabels.join('、'), width: 16 },
  ]
}
