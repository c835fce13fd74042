import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Result, Select, Space, Spin, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { Enterprise, Me, Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { RegionPicker } from '../../components/RegionPicker'
import { UserSelect } from '../../components/UserSelect'
import { formatDate } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { EnterpriseAccountsModal } from './EnterpriseAccountsModal'
import { EnterpriseFormModal } from './EnterpriseFormModal'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  industry: '',
  region: '',
  scale: '',
  leaderUserId: undefined as number | undefined,
  officerUserId: undefined as number | undefined,
  sort: '',
}

/** An enterprise account (scope "own records") sees its own enterprise's page, never the list. */
export const isEnterpriseUser = (me: Me | null | undefined) =>
  !!me?.roles.some((r) => r.code === 'enterprise') && !can(me, 'enterprise:manage')

export default function EnterprisesPage() {
  const { data: me } = useMe()
  const { t } = useTranslation()
  const ownOnly = isEnterpriseUser(me)
  const mine = useQuery({
    queryKey: ['enterprises', 'mine'],
    queryFn: () => get<{ id: number | null }>('/api/enterprises/mine'),
    enabled: ownOnly,
  })
  if (!ownOnly) return <EnterpriseList />
  if (mine.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />
  if (mine.data?.id) return <Navigate to={`/enterprises/${mine.data.id}`} replace />
  return (
    <Result status="info" title={t('enterprises.notLinkedTitle')} subTitle={t('enterprises.notLinked')} />
  )
}

function EnterpriseList() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [editing, setEditing] = useState<Enterprise | 'new' | null>(null)
  const [accounts, setAccounts] = useState<Enterprise | null>(null)
  const scales = useDict('enterprise_scale')
  const manage = can(me, 'enterprise:manage')
  const pickUsers = can(me, 'user:read')

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    industry: params.industry || undefined,
    region: params.region || undefined,
    scale: params.scale || undefined,
    leaderUserId: params.leaderUserId,
    officerUserId: params.officerUserId,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['enterprises', 'list', query],
    queryFn: () => get<Page<Enterprise>>('/api/enterprises', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['enterprises'] })
  const scaleColor = (code: string | null) =>
    scales.data?.items.find((s) => s.code === code)?.color ?? undefined

  const columns: ColumnsType<Enterprise> = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'name'),
      fixed: 'left',
      width: 240,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
          {e.creditCode && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('enterprises.industry'), dataIndex: 'industryName', width: 170, ellipsis: true },
    { title: t('enterprises.region'), dataIndex: 'regionName', width: 110, responsive: ['md'] },
    {
      title: t('enterprises.scale'),
      dataIndex: 'scale',
      width: 80,
      render: (_, e) => (e.scale ? <Tag color={scaleColor(e.scale)}>{e.scaleLabel ?? e.scale}</Tag> : null),
    },
    { title: t('enterprises.leader'), key: 'leader', width: 100, render: (_, e) => e.leader?.name },
    { title: t('enterprises.officerShort'), key: 'officer', width: 100, render: (_, e) => e.officer?.name },
    {
      title: t('enterprises.contacts'),
      key: 'contacts',
      width: 180,
      responsive: ['lg'],
      render: (_, e) =>
        e.contacts[0] ? (
          <span>
            {e.contacts[0].name}{' '}
            {e.contacts[0].phone && <a href={`tel:${e.contacts[0].phone}`}>{e.contacts[0].phone}</a>}
          </span>
        ) : null,
    },
    {
      title: t('enterprises.projectCount'),
      dataIndex: 'projectCount',
      key: 'projectCount',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'projectCount'),
      width: 90,
      align: 'right',
    },
    {
      title: t('enterprises.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'updatedAt'),
      width: 110,
      render: formatDate,
      responsive: ['md'],
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, e: Enterprise) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(e)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setAccounts(e)}>
                  {t('enterprises.accounts')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title={t('enterprises.title')}
        subtitle={t('enterprises.subtitle')}
        extra={
          <>
            <ExportButton path="/api/enterprises/export.xlsx" query={query} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('enterprises.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('enterprises.searchHint'),
            width: 260,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          <IndustryTreeSelect
            sectionsSelectable
            placeholder={t('enterprises.industry')}
            value={params.industry || undefined}
            onChange={(v) => update({ industry: v ?? '' })}
            style={{ width: 200 }}
          />
          <RegionPicker
            changeOnSelect
            placeholder={t('enterprises.region')}
            value={params.region || null}
            onChange={(v) => update({ region: v ?? '' })}
            style={{ width: 200 }}
          />
          <Select
            placeholder={t('enterprises.scale')}
            allowClear
            value={params.scale || undefined}
            onChange={(v) => update({ scale: v ?? '' })}
            options={scales.data?.items.map((s) => ({ value: s.code, label: s.label }))}
            style={{ width: 110 }}
          />
          {pickUsers && (
            <UserSelect
              placeholder={t('enterprises.leader')}
              value={params.leaderUserId}
              onChange={(v) => update({ leaderUserId: v })}
              style={{ width: 140 }}
            />
          )}
          {pickUsers && (
            <UserSelect
              placeholder={t('enterprises.officerShort')}
              value={params.officerUserId}
              onChange={(v) => update({ officerUserId: v })}
              style={{ width: 140 }}
            />
          )}
        </FilterBar>
        <ListTable<Enterprise>
          query={list}
          params={params}
          update={update}
          sort={keepSort}
          empty={t('enterprises.empty')}
          columns={columns}
          scroll={{ x: 1200 }}
        />
      </Card>
      {editing && (
        <EnterpriseFormModal
          enterprise={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => refresh()}
        />
      )}
      {accounts && (
        <EnterpriseAccountsModal enterprise={accounts} onClose={() => setAccounts(null)} onSaved={refresh} />
      )}
    </>
  )
}
