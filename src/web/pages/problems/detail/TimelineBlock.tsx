import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Alert, Card, Pagination } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../../api/client'
import type { EventItem, Page } from '../../../api/types'
import { EventTimeline } from '../../../components/EventTimeline'
import { errorMessage } from '../../../lib/form-errors'

const PAGE_SIZE = 20

/** 时间线: every step, reply, task change and decision on the problem, newest first, paged. */
export function TimelineBlock({ problemId }: { problemId: number }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const list = useQuery({
    queryKey: ['problems', problemId, 'timeline', page],
    queryFn: () => get<Page<EventItem>>(`/api/problems/${problemId}/timeline`, { page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  })
  const total = list.data?.total ?? 0
  return (
    <Card size="small" title={t('problemDetail.timeline.block')} loading={list.isLoading}>
      {list.isError ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} />
      ) : (
        <>
          <EventTimeline items={list.data?.items ?? []} emptyText={t('problemDetail.timeline.empty')} />
          {total > PAGE_SIZE && (
            <Pagination
              size="small"
              simple
              current={page}
              pageSize={PAGE_SIZE}
              total={total}
              onChange={setPage}
              style={{ textAlign: 'center' }}
            />
          )}
        </>
      )}
    </Card>
  )
}
