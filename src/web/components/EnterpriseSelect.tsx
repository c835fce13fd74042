import { useQuery } from '@tanstack/react-query'
import { Select } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../api/client'
import type { Enterprise, Page } from '../api/types'

/**
 * Enterprises the user can see (of one zone, when given), searched by name or credit code as one
 * types. `initial` names the current value, which may not be in the first page of results;
 * `emptyText` is shown when a search finds nothing.
 */
export function EnterpriseSelect({
  id,
  value,
  onChange,
  initial,
  zoneId,
  placeholder,
  emptyText,
}: {
  /** given by Form.Item, so that the field's label names the input */
  id?: string
  value?: number | null
  onChange?: (v: number | null) => void
  initial?: { id: number; name: string } | null
  zoneId?: number
  placeholder?: string
  emptyText?: string
}) {
  const { t } = useTranslation()
  const [keyword, setKeyword] = useState('')
  const list = useQuery({
    queryKey: ['enterprises', 'pick', keyword, zoneId],
    queryFn: () =>
      get<Page<Enterprise>>('/api/enterprises', { keyword: keyword || undefined, pageSize: 20, zoneId }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const o = (list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))
    if (initial && !o.some((x) => x.value === initial.id))
      o.unshift({ value: initial.id, label: initial.name })
    return o
  }, [list.data, initial])
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={list.isFetching}
      options={options}
      placeholder={placeholder}
      {...(emptyText && { notFoundContent: list.isFetching ? t('common.loading') : emptyText })}
    />
  )
}
