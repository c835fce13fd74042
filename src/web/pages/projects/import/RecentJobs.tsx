import { useQuery } from '@tanstack/react-query'
import { Button, Card, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { downloadUrl, get } from '../../../api/client'
import type { ImportJob, Page } from '../../../api/types'
import { formatDateTime } from '../../../lib/format'

const STATUS_COLOR: Record<string, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
}

/** The last imports and dry runs in the user's zone, with their error lists. */
export function RecentJobs() {
  const { t } = useTranslation()
  const jobs = useQuery({
    queryKey: ['imports', 'list'],
    queryFn: () => get<Page<ImportJob>>('/api/imports', { pageSize: 10 }),
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false,
  })
  const columns: ColumnsType<ImportJob> = [
    { title: t('imports.recent.time'), dataIndex: 'createdAt', width: 140, render: formatDateTime },
    {
      title: t('imports.recent.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`imports.status.${s}`)}</Tag>,
    },
    { title: t('imports.recent.file'), dataIndex: 'filename', width: 200, ellipsis: true },
    {
      title: t('imports.recent.kind'),
      dataIndex: 'dryRun',
      width: 70,
      responsive: ['sm'],
      render: (d: boolean) => (d ? t('imports.recent.dryRun') : t('imports.recent.commit')),
    },
    {
      title: t('imports.recent.result'),
      key: 'result',
      width: 220,
      responsive: ['md'],
      render: (_, j) =>
        j.summary
          ? t('imports.recent.counts', {
              created: j.summary.created,
              updated: j.summary.updated,
              rejected: j.summary.rejected,
            })
          : j.message,
    },
    { title: t('imports.recent.user'), dataIndex: 'userName', width: 90, responsive: ['md'] },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, j) =>
        j.hasErrorFile ? (
          <Button size="small" type="link" onClick={() => downloadUrl(`/api/imports/${j.id}/errors.xlsx`)}>
            {j.summary && !j.summary.rejected ? t('imports.recent.warnings') : t('imports.recent.errors')}
          </Button>
        ) : null,
    },
  ]
  return (
    <Card size="small" title={t('imports.recent.title')}>
      <Table<ImportJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={jobs.data?.items ?? []}
        loading={jobs.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  )
}
