import type { UseQueryResult } from '@tanstack/react-query'
import { Card, Empty, List, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../../lib/form-errors'
import type { ListColumn } from './three-lists'

/**
 * One of the 三个清单 on a phone: a card per row — the `role: 'title'` column as the heading, the
 * `role: 'code'` column above it, the other columns shown on phones as "label：value" lines.
 */
export function ListCards<T extends { id: number }>({
  query,
  columns,
  params,
  update,
  empty,
}: {
  query: UseQueryResult<{ items: T[]; total: number }>
  columns: ListColumn<T>[]
  params: { page: number; pageSize: number }
  update: (patch: { page: number; pageSize: number }, resetPage: boolean) => void
  empty: ReactNode
}) {
  const { t } = useTranslation()
  const code = columns.find((c) => c.role === 'code')
  const title = columns.find((c) => c.role === 'title')
  const rest = columns.filter((c) => !c.role && c.phone !== false)
  const show = (c: ListColumn<T>, r: T) => (c.render ? c.render(r) : c.text(r) || '—')
  return (
    <List<T>
      dataSource={query.data?.items}
      loading={query.isFetching}
      rowKey="id"
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={query.isError ? errorMessage(query.error) : empty}
          />
        ),
      }}
      pagination={{
        current: params.page,
        pageSize: params.pageSize,
        total: query.data?.total,
        size: 'small',
        align: 'center',
        showTotal: (n) => t('common.total', { total: n }),
        onChange: (page, pageSize) => update({ page, pageSize }, false),
      }}
      renderItem={(r) => (
        <List.Item style={{ padding: '0 0 10px', borderBlockEnd: 'none' }}>
          <Card size="small" style={{ width: '100%' }} styles={{ body: { padding: 12 } }}>
            {code && <div style={{ fontSize: 12 }}>{show(code, r)}</div>}
            {title && (
              <Typography.Text strong style={{ fontSize: 15, display: 'block', margin: '2px 0 6px' }}>
                {show(title, r)}
              </Typography.Text>
            )}
            <div style={{ fontSize: 13, lineHeight: 1.8 }}>
              {rest.map((c) => (
                <div key={c.key}>
                  <Typography.Text type="secondary">{c.title}：</Typography.Text>
                  {show(c, r)}
                </div>
              ))}
            </div>
          </Card>
        </List.Item>
      )}
    />
  )
}
