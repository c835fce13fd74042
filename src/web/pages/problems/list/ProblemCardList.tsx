import type { UseQueryResult } from '@tanstack/react-query'
import { Card, Empty, Flex, List, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Page, ProblemRow } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { DueText, isOpen, ProblemLight, SupervisionTag } from '../problem-ui'
import { useDictLabels } from './filters'
import { ProblemMarks, StatusCell } from './ProblemBits'

/** The ledger on a phone: one card per problem, paged like the table (page and size in the URL). */
export function ProblemCardList({
  query,
  params,
  update,
  empty,
}: {
  query: UseQueryResult<Page<ProblemRow>>
  params: { page: number; pageSize: number }
  update: (patch: { page: number; pageSize: number }, resetPage: boolean) => void
  empty: ReactNode
}) {
  const { t } = useTranslation()
  const categories = useDictLabels('problem_category')
  return (
    <List<ProblemRow>
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
      renderItem={(p) => (
        <List.Item style={{ padding: '0 0 10px', borderBlockEnd: 'none' }}>
          <Card size="small" style={{ width: '100%' }} styles={{ body: { padding: 12 } }}>
            <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 4 }}>
              <Flex gap={6} align="center">
                <ProblemLight p={p} />
                <Link to={`/problems/${p.id}`}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.code}
                  </Typography.Text>
                </Link>
              </Flex>
              <StatusCell p={p} />
            </Flex>
            <Link to={`/problems/${p.id}`} style={{ color: 'inherit' }}>
              <Typography.Text strong style={{ fontSize: 15 }}>
                {p.title}
              </Typography.Text>
            </Link>
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              <ProblemMarks p={p} />
              <SupervisionTag level={p.supervisionLevel} hideNormal />
            </Flex>
            <div style={{ marginTop: 6, fontSize: 13, lineHeight: 1.7 }}>
              {p.enterprise && (
                <div>
                  <Typography.Text type="secondary">{t('problems.col.enterprise')}：</Typography.Text>
                  {p.enterprise.name}
                </div>
              )}
              <div>
                <Typography.Text type="secondary">{t('problems.col.category')}：</Typography.Text>
                {categories.label(p.category)}
                {p.type ? ` · ${t(`problems.type.${p.type}`)}` : ''}
              </div>
              <div>
                <Typography.Text type="secondary">{t('problems.col.leadUnit')}：</Typography.Text>
                {p.leadUnit?.name ?? t('problems.ledger.notAssigned')}
              </div>
              {isOpen(p.status) && (
                <div>
                  <Typography.Text type="secondary">{t('problems.col.due')}：</Typography.Text>
                  <DueText due={p.due} />
                </div>
              )}
            </div>
          </Card>
        </List.Item>
      )}
    />
  )
}
