import { useQuery } from '@tanstack/react-query'
import type { TreeSelectProps } from 'antd'
import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { get } from '../api/client'
import type { Industry } from '../api/types'

export function useIndustries() {
  return useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: () => get<{ items: Industry[] }>('/api/reference/industries'),
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** GB/T 4754 sections (门类) with their divisions (大类); sections selectable only when asked. */
export function IndustryTreeSelect({
  sectionsSelectable = false,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & { sectionsSelectable?: boolean }) {
  const { data, isLoading } = useIndustries()
  const treeData = useMemo(() => {
    const items = data?.items ?? []
    return items
      .filter((i) => i.level === 1)
      .map((s) => ({
        value: s.code,
        title: `${s.code} ${s.name}`,
        selectable: sectionsSelectable,
        children: items
          .filter((d) => d.parentCode === s.code)
          .map((d) => ({ value: d.code, title: `${d.code} ${d.name}` })),
      }))
  }, [data, sectionsSelectable])
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={isLoading}
      treeData={treeData}
      popupMatchSelectWidth={false}
      {...props}
    />
  )
}
