import { useQuery } from '@tanstack/react-query'
import type { SelectProps } from 'antd'
import { Select } from 'antd'
import { useMemo, useState } from 'react'
import { get } from '../api/client'
import type { Page, User } from '../api/types'

/**
 * People the signed-in user may see, searched by name as they type (one or, with `mode="multiple"`,
 * several). `known` names the current values, which may not be in the first page of results;
 * `showDepartment` adds each person's department to the label.
 */
export function UserSelect<V extends number | number[] = number>({
  known = [],
  showDepartment = false,
  ...props
}: SelectProps<V> & { known?: Array<{ id: number; name: string }>; showDepartment?: boolean }) {
  const [keyword, setKeyword] = useState('')
  const users = useQuery({
    queryKey: ['users', 'pick', keyword],
    queryFn: () =>
      get<Page<User>>('/api/users', { keyword: keyword || undefined, pageSize: 30, enabled: true }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const list = (users.data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${u.displayName}${u.title ? `（${u.title}）` : ''}${showDepartment ? ` · ${u.departmentName}` : ''}`,
    }))
    for (const k of known)
      if (!list.some((o) => o.value === k.id)) list.unshift({ value: k.id, label: k.name })
    return list
  }, [users.data, known, showDepartment])
  return (
    <Select<V>
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
