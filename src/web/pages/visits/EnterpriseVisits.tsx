import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Button, Empty, Flex, Pagination, Space, Spin, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import type { VisitRow } from './types'
import { KindTag } from './visit-ui'

const PAGE_SIZE = 10

/**
 * The enterprise page's 走访 tab (一企一清单): the visits to this enterprise, newest first, with what
 * each found and suggested; "登记走访" opens the record form with the enterprise chosen.
 */
export default function EnterpriseVisits({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const navigate = useNavigate()
  const [page, setPage] = useState(1)
  const list = useQuery({
    queryKey: ['visits', { enterpriseId, page, pageSize: PAGE_SIZE }],
    queryFn: () => get<Page<VisitRow>>('/api/visits', { enterpriseId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled: can(me, 'visit:read'),
  })
  if (!can(me, 'visit:read')) return null
  const items = list.data?.items ?? []
  const total = list.data?.total ?? 0

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('visits.enterprise.count', { n: total })}</Typography.Text>
        <Space wrap>
          {total > 0 && <Link to={`/visits?enterpriseId=${enterpriseId}`}>{t('visits.enterprise.all')}</Link>}
          {can(me, 'visit:write') && (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/visits/new?enterpriseId=${enterpriseId}`)}
            >
              {t('visits.new.title')}
            </Button>
          )}
        </Space>
      </Flex>
      {list.isError && <Alert type="error" title={errorMessage(list.error)} />}
      <Spin spinning={list.isFetching}>
        {items.length
          ? items.map((v) => (
              <div key={v.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Flex justify="space-between" gap={8} align="start">
                  <Link to={`/visits/${v.id}`} style={{ flex: 1 }}>
                    <Typography.Text strong>{v.summary}</Typography.Text>
                  </Link>
                  <KindTag kind={v.kind} label={v.kindLabel} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.visitDate} · {v.leaders.map((l) => l.name).join('、')} ·{' '}
                  {t('visits.card.problems', { n: v.problemCount })} ·{' '}
                  {t('visits.card.suggestions', { n: v.suggestionCount, adopted: v.adoptedCount })}
                </Typography.Text>
              </div>
            ))
          : !list.isFetching && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.enterprise.empty')} />
            )}
      </Spin>
      {total > PAGE_SIZE && (
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={total}
          onChange={setPage}
          style={{ marginTop: 8 }}
        />
      )}
    </div>
  )
}

export { EnterpriseVisits }
