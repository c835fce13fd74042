import { useQuery } from '@tanstack/react-query'
import type { CascaderProps } from 'antd'
import { Cascader } from 'antd'
import { useMemo } from 'react'
import { get } from '../api/client'
import type { Region } from '../api/types'

interface RegionOption {
  value: string
  label: string
  children?: RegionOption[]
}

/** All GB/T 2260 regions as a tree (province → city → county); a small table, loaded once. */
export function useRegionTree() {
  return useQuery({
    queryKey: ['reference', 'regions', 'tree'],
    queryFn: async () => {
      const levels = await Promise.all(
        [1, 2, 3].map((level) => get<{ items: Region[] }>('/api/reference/regions', { level })),
      )
      const all = levels.flatMap((l) => l.items)
      const byCode = new Map<string, RegionOption>(all.map((r) => [r.code, { value: r.code, label: r.name }]))
      const roots: RegionOption[] = []
      for (const r of all) {
        const node = byCode.get(r.code)!
        const parent = r.parentCode ? byCode.get(r.parentCode) : undefined
        if (!parent) roots.push(node)
        else if (parent.children) parent.children.push(node)
        else parent.children = [node]
      }
      const parents = new Map(all.map((r) => [r.code, r.parentCode]))
      return { roots, parents }
    },
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** A region picker whose value is one code (the deepest picked), shown with its chain. */
export function RegionPicker({
  value,
  onChange,
  changeOnSelect,
  ...props
}: {
  value?: string | null
  onChange?: (code: string | null) => void
  changeOnSelect?: boolean
} & Omit<CascaderProps<RegionOption>, 'value' | 'onChange' | 'options' | 'multiple'>) {
  const { data } = useRegionTree()
  const path = useMemo(() => {
    if (!value || !data) return undefined
    const out: string[] = []
    let c: string | null | undefined = value
    while (c && out.length < 4) {
      out.unshift(c)
      c = data.parents.get(c)
    }
    return out
  }, [value, data])
  return (
    <Cascader<RegionOption>
      options={data?.roots ?? []}
      value={path}
      onChange={(v) => onChange?.(v?.length ? String(v[v.length - 1]) : null)}
      changeOnSelect={changeOnSelect}
      showSearch
      allowClear
      {...(props as object)}
    />
  )
}
