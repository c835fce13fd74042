import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Checkbox, Flex, Grid, Input, Segmented, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { get } from '../../../api/client'
import type { ImportRowAction, ImportRowOutcome, Page } from '../../../api/types'

const ACTION_COLOR: Record<ImportRowAction, string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'default',
  rejected: 'red',
}

/** The row outcomes of a job, filtered on the server (a ledger can have 10 000 rows). */
export function RowOutcomes({ jobId, linkProjects }: { jobId: string; linkProjects: boolean }) {
  const { t } = useTranslation()
  const wide = Grid.useBreakpoint().md !== false
  const [action, setAction] = useState<ImportRowAction | ''>('')
  const [warnings, setWarnings] = useState(false)
  const [keyword, setKeyword] = useState('')
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const query = {
    ...page,
    action: action || undefined,
    warnings: warnings || undefined,
    keyword: keyword || undefined,
  }
  const rows = useQuery({
    queryKey: ['imports', 'rows', jobId, query],
    queryFn: () => get<Page<ImportRowOutcome>>(`/api/imports/${jobId}/rows`, query),
    placeholderData: keepPreviousData,
  })

  const nameOf = (r: ImportRowOutcome) =>
    linkProjects && r.projectId ? (
      <Link to={`/projects/${r.projectId}`}>{r.name}</Link>
    ) : (
      (r.name ?? <Typography.Text type="secondary">{t('imports.noName')}</Typography.Text>)
    )
  const actionTag = (a: ImportRowAction) => <Tag color={ACTION_COLOR[a]}>{t(`imports.action.${a}`)}</Tag>
  const issues = (r: ImportRowOutcome) => (
    <Flex vertical gap={2}>
      {r.changes.length > 0 && (
        <Typography.Text type="secondary">
          {t('imports.changes', { fields: r.changes.join('、') })}
        </Typography.Text>
      )}
      {r.problems.map((p) => (
        <Typography.Text key={`p${p.column}${p.message}`} type="danger">
          「{p.column}」{p.message}
        </Typography.Text>
      ))}
      {r.warnings.map((w) => (
        <Typography.Text key={`w${w.column}${w.message}`} type="warning">
          「{w.column}」{w.message}
        </Typography.Text>
      ))}
    </Flex>
  )
  const enterprise = (e: ImportRowOutcome['enterprise']) =>
    e ? (
      <span>
        {e.name} {e.action === 'created' && <Tag color="cyan">{t('imports.newEnterprise')}</Tag>}
      </span>
    ) : null

  const columns: ColumnsType<ImportRowOutcome> = wide
    ? [
        { title: t('imports.col.row'), dataIndex: 'row', width: 64, fixed: 'left' },
        { title: t('imports.col.name'), key: 'name', width: 220, render: (_, r) => nameOf(r) },
        { title: t('imports.col.code'), dataIndex: 'code', width: 130 },
        { title: t('imports.col.action'), dataIndex: 'action', width: 80, render: actionTag },
        { title: t('imports.col.enterprise'), dataIndex: 'enterprise', width: 200, render: enterprise },
        { title: t('imports.col.issues'), key: 'issues', render: (_, r) => issues(r) },
      ]
    : [
        { title: t('imports.col.row'), dataIndex: 'row', width: 52 },
        {
          title: t('imports.col.name'),
          key: 'all',
          render: (_, r) => (
            <Flex vertical gap={4}>
              <span>
                {actionTag(r.action)} {nameOf(r)}
              </span>
              {enterprise(r.enterprise)}
              {issues(r)}
            </Flex>
          ),
        },
      ]

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Segmented<ImportRowAction | ''>
          value={action}
          onChange={(v) => {
            setAction(v)
            setPage((p) => ({ ...p, page: 1 }))
          }}
          options={[
            { value: '', label: t('imports.filter.all') },
            { value: 'created', label: t('imports.action.created') },
            { value: 'updated', label: t('imports.action.updated') },
            { value: 'unchanged', label: t('imports.action.unchanged') },
            { value: 'rejected', label: t('imports.action.rejected') },
          ]}
        />
        <Checkbox
          checked={warnings}
          onChange={(e) => {
            setWarnings(e.target.checked)
            setPage((p) => ({ ...p, page: 1 }))
          }}
        >
          {t('imports.filter.warnings')}
        </Checkbox>
        <Input.Search
          allowClear
          placeholder={t('imports.filter.keyword')}
          style={{ width: 220 }}
          onSearch={(v) => {
            setKeyword(v.trim())
            setPage((p) => ({ ...p, page: 1 }))
          }}
        />
      </Flex>
      <Table<ImportRowOutcome>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={rows.data?.items ?? []}
        loading={rows.isFetching}
        scroll={wide ? { x: 1000 } : undefined}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: rows.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('imports.totalRows', { n }),
          onChange: (p, ps) => setPage({ page: ps !== page.pageSize ? 1 : p, pageSize: ps }),
        }}
      />
    </Flex>
  )
}
