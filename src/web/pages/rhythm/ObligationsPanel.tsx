import { BellOutlined } from '@ant-design/icons'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Pagination,
  Popconfirm,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get, post } from '../../api/client'
import type { Page } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { ListTable } from '../../components/ListTable'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { sortOrder } from '../../lib/use-list-params'
import type { CadencePeriodDetail, Obligation, ObligationStatus } from './cadence-types'

const STATUS_COLOR: Record<ObligationStatus, string> = {
  submitted: 'green',
  late: 'gold',
  missing: 'red',
  pending: 'blue',
}
const STATUSES = ['unsubmitted', 'submitted', 'late', 'missing', 'pending'] as const

export function StatusTag({ status, t }: { status: ObligationStatus; t: TFunction }) {
  return <Tag color={STATUS_COLOR[status]}>{t(`cadence.status.${status}`)}</Tag>
}

interface Params {
  status: string
  departmentId?: number
  sort: string
  page: number
  pageSize: number
}

/** Who owes an entry in the period: filters, the table (cards on phones), 催报 one or all, export. */
export function ObligationsPanel({
  period,
  params,
  update,
}: {
  period: CadencePeriodDetail
  params: Params
  update: (patch: Partial<Params>, resetPage?: boolean) => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const phone = !Grid.useBreakpoint().md
  const manage = can(me, 'cadence:manage')
  const query = {
    status: params.status || undefined,
    departmentId: params.departmentId,
    sort: params.sort || undefined,
    page: params.page,
    pageSize: params.pageSize,
  }
  const list = useQuery({
    queryKey: ['cadence', 'obligations', period.id, query],
    queryFn: () => get<Page<Obligation>>(`/api/cadence/periods/${period.id}/obligations`, query),
    placeholderData: keepPreviousData,
  })
  const remind = useMutation({
    mutationFn: (projectId?: number) =>
      post<{ reminded: number }>(`/api/cadence/periods/${period.id}/remind`, projectId ? { projectId } : {}),
    onSuccess: (r) => {
      message.success(t('cadence.reminded', { count: r.reminded }))
      void qc.invalidateQueries({ queryKey: ['cadence'] })
    },
    onError: (e) => message.error(errorMessage(e)),
  })
  const open = period.counts.missing + period.counts.pending
  const remindButton = (o: Obligation, block = false) =>
    manage &&
    (o.status === 'missing' || o.status === 'pending') && (
      <Popconfirm
        title={t('cadence.remindOneConfirm', { name: o.ownerName ?? t('cadence.noOwner'), code: o.code })}
        onConfirm={() => remind.mutateAsync(o.projectId)}
      >
        <Button size="small" icon={<BellOutlined />} block={block}>
          {t('cadence.remind')}
        </Button>
      </Popconfirm>
    )
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder(params.sort, key) })
  const columns: ColumnsType<Obligation> = [
    {
      title: t('cadence.col.project'),
      dataIndex: 'code',
      ...sorted('code'),
      render: (_, o) => (
        <Link to={`/projects/${o.projectId}`}>
          {o.code} {o.name}
        </Link>
      ),
    },
    {
      title: t('cadence.col.owner'),
      dataIndex: 'ownerName',
      ...sorted('owner'),
      width: 110,
      render: (v) => v ?? '—',
    },
    {
      title: t('cadence.col.department'),
      dataIndex: 'departmentName',
      ...sorted('department'),
      width: 170,
      render: (v) => v ?? '—',
    },
    {
      title: t('cadence.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s) => <StatusTag status={s} t={t} />,
    },
    {
      title: t('cadence.col.submittedAt'),
      dataIndex: 'submittedAt',
      ...sorted('submittedAt'),
      width: 150,
      render: (v) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: t('cadence.col.remindedAt'),
      dataIndex: 'remindedAt',
      ...sorted('remindedAt'),
      width: 150,
      render: (v) => (v ? formatDateTime(v) : '—'),
    },
    ...(manage
      ? [
          {
            title: t('cadence.col.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, o: Obligation) => remindButton(o),
          },
        ]
      : []),
  ]
  const empty = params.status || params.departmentId ? t('cadence.emptyFiltered') : t('cadence.empty')

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Flex gap={8} wrap>
          <Select
            aria-label={t('cadence.filter.status')}
            style={{ width: 140 }}
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={[
              { value: '', label: t('cadence.filter.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`cadence.status.${s}`) })),
            ]}
          />
          <DepartmentTreeSelect
            aria-label={t('cadence.filter.department')}
            placeholder={t('cadence.filter.department')}
            style={{ width: phone ? 160 : 220 }}
            value={params.departmentId}
            onChange={(v) => update({ departmentId: v ?? undefined })}
          />
        </Flex>
        <Flex gap={8} wrap>
          {manage && (
            <Popconfirm
              title={t('cadence.remindAllConfirm', { count: open })}
              onConfirm={() => remind.mutateAsync(undefined)}
              disabled={!open}
            >
              <Button type="primary" icon={<BellOutlined />} disabled={!open} loading={remind.isPending}>
                {t('cadence.remindAll')}
              </Button>
            </Popconfirm>
          )}
          <ExportButton
            path={`/api/cadence/periods/${period.id}/obligations/export.xlsx`}
            query={{ ...query, status: query.status ?? 'unsubmitted' }}
          />
        </Flex>
      </Flex>
      {phone ? (
        <>
          {list.isError && <Alert type="error" title={errorMessage(list.error)} />}
          <Spin spinning={list.isFetching}>
            {list.data?.items.length
              ? list.data.items.map((o) => (
                  <Card key={o.projectId} size="small" style={{ marginBottom: 8 }}>
                    <Flex justify="space-between" gap={8} align="start">
                      <Link to={`/projects/${o.projectId}`}>
                        <Typography.Text strong>{o.name}</Typography.Text>
                      </Link>
                      <StatusTag status={o.status} t={t} />
                    </Flex>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                      {o.code} · {o.ownerName ?? t('cadence.noOwner')} · {o.departmentName ?? '—'}
                    </Typography.Text>
                    {o.submittedAt && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {t('cadence.submittedAt', { time: formatDateTime(o.submittedAt) })}
                      </Typography.Text>
                    )}
                    {o.remindedAt && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                        {t('cadence.remindedAt', { time: formatDateTime(o.remindedAt) })}
                      </Typography.Text>
                    )}
                    <div style={{ marginTop: 6 }}>{remindButton(o, true)}</div>
                  </Card>
                ))
              : !list.isFetching && <Empty description={empty} />}
          </Spin>
          {(list.data?.total ?? 0) > params.pageSize && (
            <Pagination
              simple
              current={params.page}
              pageSize={params.pageSize}
              total={list.data?.total}
              onChange={(page) => update({ page }, false)}
              style={{ textAlign: 'center' }}
            />
          )}
        </>
      ) : (
        <ListTable<Obligation>
          query={list}
          params={params}
          update={update}
          sort={(s) => s ?? ''}
          empty={empty}
          rowKey="projectId"
          size="small"
          columns={columns}
          scroll={{ x: 900 }}
        />
      )}
    </Flex>
  )
}
