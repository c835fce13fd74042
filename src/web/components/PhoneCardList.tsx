import type { UseQueryResult } from '@tanstack/react-query'
import { Alert, Empty, Pagination, Spin } from 'antd'
import type { ReactNode } from 'react'
import { errorMessage } from '../lib/form-errors'

/**
 * A list page on a phone: one card per row instead of the table, the same query, the error or the
 * empty text, and a simple pager when there is more than a page.
 */
export function PhoneCardList<T extends { id: number }>({
  query,
  params,
  update,
  empty,
  card,
}: {
  query: UseQueryResult<{ items: T[]; total: number }>
  params: { page: number; pageSize: number }
  update: (patch: { page: number }, resetPage?: boolean) => void
  empty: ReactNode
  card: (row: T) => ReactNode
}) {
  return (
    <>
      {query.isError && <Alert type="error" title={errorMessage(query.error)} />}
      <Spin spinning={query.isFetching}>
        {query.data?.items.length
          ? query.data.items.map(card)
          : !query.isFetching && <Empty description={empty} />}
      </Spin>
      {(query.data?.total ?? 0) > params.pageSize && (
        <Pagination
          simple
          current={params.page}
          pageSize={params.pageSize}
          total={query.data?.total}
          onChange={(page) => update({ page }, false)}
          style={{ marginTop: 8, textAlign: 'center' }}
        />
      )}
    </>
  )
}
