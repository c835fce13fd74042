import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Card, Empty, Flex, Pagination, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../../api/auth'
import { get } from '../../../api/client'
import type { Page, WeeklyEntry } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { formatDateTime } from '../../../lib/format'
import { addDays, currentWeekStart, weekRange } from '../report-utils'
import { WeeklyForm } from './WeeklyForm'

/** One weekly entry: the week, who and when, then 本周完成 / 下周计划 / 发现问题. */
export function WeeklyEntryView({ e, showProject }: { e: WeeklyEntry; showProject?: boolean }) {
  const { t } = useTranslation()
  const block = (label: string, text: string | null, danger?: boolean) =>
    text ? (
      <div style={{ marginTop: 6 }}>
        <Typography.Text type={danger ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
      </div>
    ) : null
  return (
    <div>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{weekRange(e.weekStart)}</Typography.Text>
        {showProject && (
          <Typography.Text>
            {e.projectCode} {e.projectName}
          </Typography.Text>
        )}
        {e.late && <Tag color="orange">{t('reports.lateTag')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.submittedBy ?? '—'} · {formatDateTime(e.submittedAt)}
        </Typography.Text>
      </Flex>
      {block(t('reports.done'), e.done)}
      {block(t('reports.nextPlan'), e.nextPlan)}
      {block(t('reports.problems'), e.problems, true)}
    </div>
  )
}

/** 项目页 · 周进展: the project's weekly entries (newest first) and this week's form. */
export function ProjectWeeklyPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const thisWeek = currentWeekStart()
  const [week, setWeek] = useState(thisWeek)
  const [page, setPage] = useState(1)
  const pageSize = 5
  const list = useQuery({
    queryKey: ['reports', 'weekly', 'project', projectId, page],
    queryFn: () =>
      get<Page<WeeklyEntry>>('/api/reports/weekly', { projectId, page, pageSize, sort: '-weekStart' }),
    placeholderData: keepPreviousData,
  })

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {can(me, 'project:report') && (
        <Card
          size="small"
          title={t('reports.weeklyFormTitle')}
          extra={
            <Segmented
              value={week}
              onChange={(v) => setWeek(String(v))}
              options={[
                { value: thisWeek, label: t('reports.thisWeek') },
                { value: addDays(thisWeek, -7), label: t('reports.lastWeek') },
              ]}
            />
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {weekRange(week)}
          </Typography.Paragraph>
          <WeeklyForm projectId={projectId} weekStart={week} large={false} />
        </Card>
      )}
      <Card size="small" title={t('reports.weeklyHistory')} loading={list.isLoading}>
        {list.isError ? (
          <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>
        ) : !list.data?.items.length ? (
          <Empty description={t('reports.noWeekly')} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {list.data.items.map((e) => (
              <WeeklyEntryView key={e.id} e={e} />
            ))}
            {list.data.total > pageSize && (
              <Pagination
                size="small"
                align="end"
                current={page}
                pageSize={pageSize}
                total={list.data.total}
                onChange={setPage}
              />
            )}
          </Space>
        )}
      </Card>
    </Space>
  )
}
