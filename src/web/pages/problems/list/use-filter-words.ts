import { useTranslation } from 'react-i18next'
import { useZones } from '../../../api/queries'
import { useDepartmentTree } from '../../../components/DepartmentTreeSelect'
import { type ProblemFilterParams, useDictLabels, useRefName } from './filters'

/** The filters set, in words (printed under a list's title), and the zone's name for the title. */
export function useFilterWords(p: ProblemFilterParams, taskStatus?: string) {
  const { t } = useTranslation()
  const categories = useDictLabels('problem_category')
  const sources = useDictLabels('problem_source')
  const tree = useDepartmentTree()
  const zones = useZones(!!p.zoneId)
  const enterprise = useRefName('enterprises', p.enterpriseId)
  const project = useRefName('projects', p.projectId)
  const dept = (id: number) => tree.data?.items.find((d) => d.id === id)?.name ?? `#${id}`
  const zoneName = p.zoneId ? zones.data?.items.find((z) => z.id === p.zoneId)?.name : undefined
  const f = (key: string, value: string) => `${t(`problems.filter.${key}`)}：${value}`
  const words = [
    p.keyword && f('keywordLabel', p.keyword),
    p.status &&
      f('status', p.status === 'open' ? t('problems.filter.statusOpen') : t(`problems.status.${p.status}`)),
    p.light && f('light', t(`common.light.${p.light}`)),
    p.type && f('type', t(`problems.type.${p.type}`)),
    p.category && f('category', categories.label(p.category)),
    p.source && f('source', sources.label(p.source)),
    p.departmentId && f('department', dept(p.departmentId)),
    p.supervisionLevel && f('supervision', t(`problems.level.${p.supervisionLevel}`)),
    p.enterpriseId && t('problems.filter.enterprise', { name: enterprise ?? `#${p.enterpriseId}` }),
    p.projectId && t('problems.filter.project', { name: project ?? `#${p.projectId}` }),
    (p.from || p.to) && f('received', `${p.from || '…'} ~ ${p.to || '…'}`),
    taskStatus && f('taskStatus', t(`problems.taskStatus.${taskStatus}`)),
    p.overdue && t('problems.filter.overdue'),
    p.mine && t('problems.filter.mine'),
    p.isCommon && t('problems.filter.isCommon'),
  ].filter(Boolean) as string[]
  return {
    text: words.length
      ? `${t('problems.lists.filtersPrefix')}${words.join('；')}`
      : t('problems.lists.noFilters'),
    zoneName,
  }
}
