import type { UseQueryResult } from '@tanstack/react-query'
import type { TableProps } from 'antd'
import { Table } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../lib/form-errors'
import { onTableChange, tablePagination } from '../lib/use-list-params'

/**
 * The table of a list page: rows, loading and errors from the list query, page and page size (and,
 * with `sort`, the sort) kept in the URL through `update` (see useListParams). `empty` is shown when
 * nothing matches; a failed load shows its error instead. Other Table props pass through (and win).
 */
export function ListTable<T extends object>({
  query,
  params,
  update,
  sort,
  empty,
  ...props
}: {
  query: UseQueryResult<{ items: T[]; total: number }>
  params: { page: number; pageSize: number }
  update: Parameters<typeof onTableChange>[0]
  /** the table's sort ("field" / "-field" / undefined) → the URL's value; without it the sort is not kept */
  sort?: (s: string | undefined) => string
  empty: ReactNode
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange' | 'locale'>) {
  const { t } = useTranslation()
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      dataSource={query.data?.items}
      loading={query.isFetching}
      locale={{ emptyText: query.isError ? errorMessage(query.error) : empty }}
      pagination={tablePagination(params, query.data?.total, t)}
      onChange={onTableChange(update, sort)}
      {...props}
    />
  )
}

/** The usual sort mapping of a list: the table's sort as is, none → '' (the server's default). */
export const keepSort = (s: string | undefined) => s ?? ''
