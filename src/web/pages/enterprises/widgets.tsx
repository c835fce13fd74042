import { useQuery } from '@tanstack/react-query'
import type { CascaderProps, SelectProps, TreeSelectProps } from 'antd'
import { Badge, Cascader, Empty, Select, Timeline, Tooltip, TreeSelect, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import type { EventItem, Industry, Page, Region, User } from '../../api/types'
import { formatDateTime } from '../../lib/format'

// Pieces shared by the enterprise and pipeline pages.

/**
 * An amount in 万元 (numeric string) as people read it: "6,500.00 万元", or "1,600.00 亿元" from
 * 10 000 万元 up. Display only: stored values are never computed in the browser.
 */
export function formatMoney(wan: string | null | undefined, t: TFunction): string {
  if (wan == null || wan === '') return '—'
  const n = Number(wan)
  const fmt = (x: number) => x.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return Math.abs(n) >= 10000
    ? `${fmt(n / 10000)} ${t('pipeline.unitYi')}`
    : `${fmt(n)} ${t('pipeline.unitWan')}`
}

const LIGHT_STATUS = { red: 'error', yellow: 'warning', green: 'success' } as const

/** A project's light as a coloured dot, with the reasons in a tooltip. */
export function LightDot({ light, reasons }: { light: string; reasons?: Array<{ text?: string } | string> }) {
  const { t } = useTranslation()
  const texts = (reasons ?? []).map((r) => (typeof r === 'string' ? r : (r.text ?? ''))).filter(Boolean)
  const status = LIGHT_STATUS[light as keyof typeof LIGHT_STATUS] ?? 'default'
  const label = t(`enterprises.light.${light}`, { defaultValue: light })
  return (
    <Tooltip title={texts.length ? texts.join('；') : t('enterprises.light.noReason')}>
      <Badge status={status} text={label} />
    </Tooltip>
  )
}

/** Users the signed-in person may see, searched by name as they type. */
export function UserSelect({
  initial,
  ...props
}: SelectProps<number> & { initial?: { id: number; name: string } | null }) {
  const [keyword, setKeyword] = useState('')
  const users = useQuery({
    queryKey: ['users', 'pick', keyword],
    queryFn: () =>
      get<Page<User>>('/api/users', { keyword: keyword || undefined, pageSize: 20, enabled: true }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const list = (users.data?.items ?? []).map((u) => ({
      value: u.id,
      label: u.title ? `${u.displayName}（${u.title}）` : u.displayName,
    }))
    if (initial && !list.some((o) => o.value === initial.id))
      list.unshift({ value: initial.id, label: initial.name })
    return list
  }, [users.data, initial])
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={users.isFetching}
      options={options}
      onClear={() => setKeyword('')}
      popupMatchSelectWidth={false}
      {...props}
    />
  )
}

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

/** A list of timeline entries: when, who, what. */
export function EventTimeline({ items, emptyText }: { items: EventItem[]; emptyText?: string }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
  return (
    <Timeline
      items={items.map((e) => ({
        key: String(e.id),
        content: (
          <div>
            <Typography.Text>{e.summary}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  )
}
