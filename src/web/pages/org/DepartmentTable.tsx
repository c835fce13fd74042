import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Button, Select, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import type { Department, Page } from '../../api/types'
import { FilterBar } from '../../components/FilterBar'
import { keepSort, ListTable } from '../../components/ListTable'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { KINDS, KindTag } from './kinds'

export const TABLE_DEFAULTS = { page: 1, pageSize: 20, keyword: '', kind: '', status: '', sort: '' }

/** List filters as the API takes them (also used for the Excel export). */
export function departmentQuery(p: typeof TABLE_DEFAULTS) {
  return {
    page: p.page,
    pageSize: p.pageSize,
    keyword: p.keyword || undefined,
    kind: p.kind || undefined,
    enabled: p.status === 'enabled' ? true : p.status === 'disabled' ? false : undefined,
    sort: p.sort || undefined,
  }
}

/** The flat, paginated, sortable list of departments (the alternative to the tree). */
export function DepartmentTable({
  byId,
  onOpen,
}: {
  byId: Map<number, Department>
  onOpen: (id: number) => void
}) {
  const { t } = useTranslation()
  const { params, update } = useListParams(TABLE_DEFAULTS)
  const query = departmentQuery(params)
  const list = useQuery({
    queryKey: ['departments', 'list', query],
    queryFn: () => get<Page<Department>>('/api/departments', query),
    placeholderData: keepPreviousData,
  })

  const columns: ColumnsType<Department> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'name'),
      width: 200,
      fixed: 'left',
      render: (name: string, d) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => onOpen(d.id)}
        >
          {name}
        </Button>
      ),
    },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: Department['kind']) => <KindTag kind={k} />,
    },
    {
      title: t('org.parent'),
      dataIndex: 'parentId',
      width: 170,
      ellipsis: true,
      responsive: ['md'],
      render: (pid: number | null) => (pid ? (byId.get(pid)?.name ?? `#${pid}`) : t('org.topLevel')),
    },
    { title: t('org.shortName'), dataIndex: 'shortName', width: 110, ellipsis: true, responsive: ['lg'] },
    { title: t('org.code'), dataIndex: 'code', width: 110, ellipsis: true, responsive: ['xl'] },
    { title: t('org.regionCode'), dataIndex: 'regionCode', width: 100, responsive: ['xxl'] },
    { title: t('org.phone'), dataIndex: 'phone', width: 120, responsive: ['xl'] },
    { title: t('org.userCount'), dataIndex: 'userCount', width: 80, align: 'right' },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      width: 70,
      render: (e: boolean) =>
        e ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>,
    },
    {
      title: t('org.sort'),
      dataIndex: 'sort',
      key: 'sort',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'sort'),
      width: 70,
      align: 'right',
      responsive: ['md'],
    },
    {
      title: t('org.id'),
      dataIndex: 'id',
      key: 'id',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'id'),
      width: 70,
      align: 'right',
      responsive: ['xxl'],
    },
  ]

  return (
    <>
      <FilterBar
        search={{
          value: params.keyword,
          placeholder: t('org.keywordPlaceholder'),
          width: 240,
          onSearch: (keyword) => update({ keyword }),
        }}
        onReset={() => update({ keyword: '', kind: '', status: '', sort: '', pageSize: 20 })}
        onRefresh={() => list.refetch()}
      >
        <Select
          placeholder={t('org.filterKind')}
          allowClear
          style={{ width: 140 }}
          value={params.kind || undefined}
          onChange={(v) => update({ kind: v ?? '' })}
          options={KINDS.map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))}
        />
        <Select
          placeholder={t('org.filterStatus')}
          allowClear
          style={{ width: 120 }}
          value={params.status || undefined}
          onChange={(v) => update({ status: v ?? '' })}
          options={[
            { value: 'enabled', label: t('common.enabled') },
            { value: 'disabled', label: t('common.disabled') },
          ]}
        />
      </FilterBar>
      <ListTable<Department>
        query={list}
        params={params}
        update={update}
        sort={keepSort}
        empty={t('org.emptyList')}
        columns={columns}
        scroll={{ x: 'max-content' }}
      />
    </>
  )
}
