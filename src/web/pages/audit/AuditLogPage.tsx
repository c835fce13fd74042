import { SafetyCertificateOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Grid, Select, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTimeSeconds } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { AuditDiff } from './AuditDiff'
import { actionGroups, TARGET_TYPES } from './actions'
import { DateRangeFilter, rangeQuery } from './DateRangeFilter'

const DEFAULTS = { page: 1, pageSize: 20, actor: '', action: '', targetType: '', from: '', to: '', sort: '' }

type Verify =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: AuditVerifyResult; at: Date }
  | { state: 'failed'; error: string }

/** 操作日志: the hash-chained operation log, with field-level before/after and a chain integrity check. */
export default function AuditLogPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const screens = Grid.useBreakpoint()
  const compact = !screens.md
  const { params, update, reset } = useListParams(DEFAULTS)
  const [verify, setVerify] = useState<Verify>({ state: 'idle' })

  const filters = {
    actor: params.actor || undefined,
    action: params.action || undefined,
    targetType: params.targetType || undefined,
    ...rangeQuery(params.from, params.to),
    sort: params.sort || undefined,
  }
  const query = { page: params.page, pageSize: params.pageSize, ...filters }
  const list = useQuery({
    queryKey: ['audit-logs', query],
    queryFn: () => get<Page<AuditEntry>>('/api/audit-logs', query),
    placeholderData: keepPreviousData,
  })

  const actionLabel = (code: string) => t(`audit.actions.${code}`, { defaultValue: code })
  const targetLabel = (type: string) => t(`audit.targets.${type}`, { defaultValue: type })

  async function runVerify() {
    setVerify({ state: 'running' })
    try {
      const result = await get<AuditVerifyResult>('/api/audit-logs/verify')
      setVerify({ state: 'done', result, at: new Date() })
    } catch (e) {
      setVerify({ state: 'failed', error: errorMessage(e) })
    }
  }

  // Phones: one stacked column, so that what happened is readable without scrolling sideways.
  const compactColumns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.entry'),
      key: 'entry',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong>{actionLabel(r.action)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTimeSeconds(r.at)}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.actorName ?? t('audit.system')} · {targetLabel(r.targetType)}
            {r.targetId ? ` #${r.targetId}` : ''}
            {r.ip ? ` · ${r.ip}` : ''}
          </Typography.Text>
          {r.summary && <span style={{ wordBreak: 'break-word' }}>{r.summary}</span>}
        </Flex>
      ),
    },
  ]

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.time'),
      dataIndex: 'at',
      key: 'at',
      width: 160,
      sorter: true,
      sortOrder: sortOrder(params.sort || '-at', 'at'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: formatDateTimeSeconds,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 130,
      ellipsis: true,
      render: (n: string | null) =>
        n ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (a: string) => (
        <div>
          <div>{actionLabel(a)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {a}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 120,
      responsive: ['md'],
      render: (_, r) => (
        <span>
          {targetLabel(r.targetType)}
          {r.targetId && <Typography.Text type="secondary"> #{r.targetId}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('audit.summary'),
      dataIndex: 'summary',
      width: 280,
      render: (s: string | null) => <span style={{ wordBreak: 'break-word' }}>{s}</span>,
    },
    { title: 'IP', dataIndex: 'ip', width: 120, responsive: ['lg'] },
  ]

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={verify.state === 'running'}
              title={t('audit.verifyHint')}
              onClick={runVerify}
            >
              {t('audit.verify')}
            </Button>
            <ExportButton path="/api/audit-logs/export.xlsx" query={filters} />
          </>
        }
      />
      {verify.state === 'done' && verify.result.ok && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setVerify({ state: 'idle' }) }}
          style={{ marginBottom: 16 }}
          title={t('audit.verifyOk', { count: verify.result.checked })}
          description={t('audit.verifyOkText', { time: formatDateTimeSeconds(verify.at.toISOString()) })}
        />
      )}
      {verify.state === 'done' && !verify.result.ok && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setVerify({ state: 'idle' }) }}
          style={{ marginBottom: 16 }}
          title={t('audit.verifyBroken', { id: verify.result.firstBrokenId, count: verify.result.checked })}
          description={
            <>
              <div>{t('audit.verifyReason', { reason: verify.result.reason })}</div>
              <div>{t('audit.verifyBrokenText')}</div>
            </>
          }
        />
      )}
      {verify.state === 'failed' && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setVerify({ state: 'idle' }) }}
          style={{ marginBottom: 16 }}
          title={t('audit.verifyFailed')}
          description={verify.error}
        />
      )}
      <Card>
        <FilterBar
          search={{
            value: params.actor,
            placeholder: t('audit.actor'),
            width: 180,
            onSearch: (actor) => update({ actor }),
          }}
          onReset={reset}
          onRefresh={() => qc.invalidateQueries({ queryKey: ['audit-logs'] })}
        >
          <Select
            placeholder={t('audit.filterAction')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            value={params.action || undefined}
            onChange={(v) => update({ action: v ?? '' })}
            options={actionGroups().map(([g, codes]) => ({
              label: t(`audit.groups.${g}`, { defaultValue: g }),
              title: g,
              options: [
                {
                  value: `${g}.`,
                  label: t('audit.allOf', { group: t(`audit.groups.${g}`, { defaultValue: g }) }),
                },
                ...codes.map((c) => ({ value: c, label: actionLabel(c) })),
              ],
            }))}
          />
          <Select
            placeholder={t('audit.filterTarget')}
            allowClear
            style={{ width: 140 }}
            value={params.targetType || undefined}
            onChange={(v) => update({ targetType: v ?? '' })}
            options={TARGET_TYPES.map((x) => ({ value: x, label: targetLabel(x) }))}
          />
          <DateRangeFilter from={params.from} to={params.to} onChange={(from, to) => update({ from, to })} />
        </FilterBar>
        <ListTable<AuditEntry>
          query={list}
          params={params}
          update={update}
          sort={(s) => (s === 'at' ? 'at' : '')}
          empty={t('audit.empty')}
          columns={compact ? compactColumns : columns}
          scroll={compact ? undefined : { x: 1050 }}
          expandable={{ expandedRowRender: (r) => <AuditDiff entry={r} />, columnWidth: 40 }}
        />
      </Card>
    </>
  )
}
