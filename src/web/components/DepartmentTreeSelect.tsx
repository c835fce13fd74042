import { useQuery } from '@tanstack/react-query'
import type { TreeSelectProps } from 'antd'
import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { get } from '../api/client'
import type { Department } from '../api/types'

export interface TreeNode {
  value: number
  title: string
  key: number
  disabled?: boolean
  children?: TreeNode[]
  dept: Department
}

/** Builds a tree from the flat list the API returns (parents come before children). */
export function buildTree(depts: Department[], disable?: (d: Department) => boolean): TreeNode[] {
  const byId = new Map<number, TreeNode>()
  const roots: TreeNode[] = []
  for (const d of depts)
    byId.set(d.id, { value: d.id, key: d.id, title: d.name, dept: d, disabled: disable?.(d), children: [] })
  for (const d of depts) {
    const node = byId.get(d.id)!
    const parent = d.parentId ? byId.get(d.parentId) : undefined
    if (parent) parent.children!.push(node)
    else roots.push(node)
  }
  for (const n of byId.values()) if (!n.children!.length) delete n.children
  return roots
}

export function useDepartmentTree(includeDisabled = false) {
  return useQuery({
    queryKey: ['departments', 'tree', includeDisabled],
    queryFn: () => get<{ items: Department[] }>('/api/departments/tree', { includeDisabled }),
    staleTime: 60_000,
  })
}

/** A department picker over the departments the user may see. */
export function DepartmentTreeSelect(
  props: Omit<TreeSelectProps<number>, 'treeData'> & { disableKinds?: Department['kind'][] },
) {
  const { disableKinds, ...rest } = props
  const { data, isLoading } = useDepartmentTree()
  const treeData = useMemo(
    () => buildTree(data?.items ?? [], (d) => !!disableKinds?.includes(d.kind)),
    [data, disableKinds],
  )
  return (
    <TreeSelect<number>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      loading={isLoading}
      treeData={treeData}
      popupMatchSelectWidth={false}
      {...rest}
    />
  )
}
