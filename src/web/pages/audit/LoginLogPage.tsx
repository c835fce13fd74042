import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Card, Flex, Grid, Input, Select, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import type { LoginEntry, Page } from '../../api/types'
import { FilterBar } from '../../components/FilterBar'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { formatDateTimeSeconds } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { DateRangeFilter, rangeQuery } from './DateRangeFilter'

const DEFAULTS = { page: 1, pageSize: 20, username: '', result: '', ip: '', from: '', to: '' }

/** The server writes a sign-out as a successful entry with this reason. */
const LOGOUT_REASON = '退出登录'

/** 登录日志: every sign-in attempt (and sign-out), newest first. */
export default function LoginLogPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const screens = Grid.useBreakpoint()
  const compact = !screens.md
  const { params, update, reset } = useListParams(DEFAULTS)
  const [ip, setIp] = useState(params.ip)

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    username: params.username || undefined,
    success: params.result === 'success' ? true : params.result === 'failure' ? false : undefined,
    ip: params.ip || undefined,
    ...rangeQuery(params.from, params.to),
  }
  const list = useQuery({
    queryKey: ['login-logs', query],
    queryFn: () => get<Page<LoginEntry>>('/api/login-logs', query),
    placeholderData: keepPreviousData,
  })

  const resultTag = (r: LoginEntry) =>
    !r.success ? (
      <Tag color="red">{t('audit.login.failure')}</Tag>
    ) : r.reason === LOGOUT_REASON ? (
      <Tag color="blue">{t('audit.login.logout')}</Tag>
    ) : (
      <Tag color="green">{t('audit.login.success')}</Tag>
    )

  // Phones: one stacked column instead of a table to scroll sideways.
  const compactColumns: ColumnsType<LoginEntry> = [
    {
      title: t('audit.login.entry'),
      key: 'entry',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Flex justify="space-between" gap={8} wrap>
            <span>
              <Typography.Text strong>{r.username}</Typography.Text> {resultTag(r)}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTimeSeconds(r.at)}
            </Typography.Text>
          </Flex>
          {(r.reason || r.ip) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.reason, r.ip].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ]

  const columns: ColumnsType<LoginEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: formatDateTimeSeconds },
    { title: t('audit.login.username'), dataIndex: 'username', width: 130, ellipsis: true },
    {
      title: t('audit.login.result'),
      dataIndex: 'success',
      width: 90,
      render: (_: boolean, r) => resultTag(r),
    },
    {
      title: t('audit.login.reason'),
      dataIndex: 'reason',
      width: 180,
      render: (s: string | null) => s ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: 'IP', dataIndex: 'ip', width: 140, responsive: ['sm'] },
    {
      title: t('audit.login.userAgent'),
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      responsive: ['md'],
      render: (ua: string | null) =>
        ua ? (
          <Tooltip title={ua} placement="topLeft">
            <span>{ua}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ]

  return (
    <>
      <PageHeader title={t('audit.login.title')} subtitle={t('audit.login.subtitle')} />
      <Card>
        <FilterBar
          search={{
            value: params.username,
            placeholder: t('audit.login.username'),
            width: 180,
            onSearch: (username) => update({ username }),
          }}
          onReset={() => {
            setIp('')
            reset()
          }}
          onRefresh={() => qc.invalidateQueries({ queryKey: ['login-logs'] })}
        >
          <Select
            placeholder={t('audit.login.result')}
            allowClear
            style={{ width: 120 }}
            value={params.result || undefined}
            onChange={(v) => update({ result: v ?? '' })}
            options={[
              { value: 'success', label: t('audit.login.success') },
              { value: 'failure', label: t('audit.login.failure') },
            ]}
          />
          <Input.Search
            placeholder={t('audit.login.ipPlaceholder')}
            allowClear
            value={ip}
            onChange={(e) => setIp(e.target.value)}
            onSearch={(v) => update({ ip: v.trim() })}
            style={{ width: 170 }}
          />
          <DateRangeFilter from={params.from} to={params.to} onChange={(from, to) => update({ from, to })} />
        </FilterBar>
        <ListTable<LoginEntry>
          query={list}
          params={params}
          update={update}
          empty={t('audit.login.empty')}
          columns={compact ? compactColumns : columns}
          scroll={compact ? undefined : { x: 960 }}
          tableLayout="fixed"
        />
      </Card>
    </>
  )
}
