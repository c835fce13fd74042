import { AppstoreOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Segmented, Select, Space, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { del, get } from '../../api/client'
import type { Lead, LeadStage, Page, PipelineStats } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { UserSelect } from '../../components/UserSelect'
import { errorMessage } from '../../lib/form-errors'
import { formatDate, formatMoney } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { LeadBoard } from './LeadBoard'
import { LeadDrawer } from './LeadDrawer'
import { LeadFormModal } from './LeadFormModal'
import { StatsSummary } from './StatsSummary'
import { NEXT, STAGE_COLOR, STAGES } from './stages'
import { TransitionModal } from './TransitionModal'

const DEFAULTS = {
  view: 'board',
  page: 1,
  pageSize: 20,
  keyword: '',
  stage: '',
  ownerUserId: undefined as number | undefined,
  industry: '',
  sort: '',
}

/** 招商项目: the pipeline from lead to landing, as a board or a table, with its figures. */
export default function PipelinePage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [editing, setEditing] = useState<Lead | 'new' | null>(null)
  const [moving, setMoving] = useState<{ lead: Lead; to: LeadStage } | null>(null)
  const [openId, setOpenId] = useState<number | null>(null)
  const manage = can(me, 'pipeline:manage')
  const board = params.view !== 'table'

  const filter = {
    keyword: params.keyword || undefined,
    ownerUserId: params.ownerUserId,
    industry: params.industry || undefined,
  }
  const query = {
    ...filter,
    stage: params.stage || undefined,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort || undefined,
  }
  const stats = useQuery({
    queryKey: ['pipeline', 'stats'],
    queryFn: () => get<PipelineStats>('/api/pipeline/stats'),
  })
  const list = useQuery({
    queryKey: ['pipeline', 'list', query],
    queryFn: () => get<Page<Lead>>('/api/pipeline/leads', query),
    placeholderData: keepPreviousData,
    enabled: !board,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['pipeline'] })
  const counts = Object.fromEntries((stats.data?.stages ?? []).map((s) => [s.stage, s.count]))

  async function remove(l: Lead) {
    try {
      await del(`/api/pipeline/leads/${l.id}`, { version: l.version })
      message.success(t('pipeline.deleted'))
      setOpenId(null)
    } catch (e) {
      message.error(errorMessage(e))
    }
    await refresh()
  }

  const columns: ColumnsType<Lead> = [
    {
      title: t('pipeline.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'name'),
      fixed: 'left',
      width: 220,
      render: (_, l) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(l.id)}>{l.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.investor}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('pipeline.stageCol'),
      dataIndex: 'stage',
      width: 80,
      render: (s: LeadStage) => <Tag color={STAGE_COLOR[s]}>{t(`pipeline.stage.${s}`)}</Tag>,
    },
    {
      title: t('pipeline.industry'),
      dataIndex: 'industryName',
      width: 150,
      ellipsis: true,
      responsive: ['lg'],
    },
    { title: t('pipeline.source'), dataIndex: 'source', width: 100, responsive: ['lg'] },
    {
      title: t('pipeline.intendedInvestment'),
      dataIndex: 'intendedInvestment',
      key: 'intendedInvestment',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'intendedInvestment'),
      align: 'right',
      width: 140,
      render: (v: string | null) => formatMoney(v, t),
    },
    {
      title: t('pipeline.agreementDate'),
      dataIndex: 'agreementDate',
      key: 'agreementDate',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'agreementDate'),
      width: 110,
    },
    {
      title: t('pipeline.agreementAmount'),
      dataIndex: 'agreementAmount',
      key: 'agreementAmount',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'agreementAmount'),
      align: 'right',
      width: 140,
      render: (v: string | null) => formatMoney(v, t),
    },
    {
      title: t('pipeline.funds'),
      dataIndex: 'fundsTotal',
      align: 'right',
      width: 130,
      render: (v: string | null) => (v === null ? '' : formatMoney(v, t)),
    },
    {
      title: t('pipeline.project'),
      dataIndex: 'projectCode',
      width: 120,
      render: (_, l) => (l.projectId ? <Link to={`/projects/${l.projectId}`}>{l.projectCode}</Link> : null),
    },
    { title: t('pipeline.owner'), dataIndex: 'ownerName', width: 90 },
    {
      title: t('pipeline.updatedAt'),
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
            width: 170,
            render: (_: unknown, l: Lead) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(l)}>
                  {t('common.edit')}
                </Button>
                {NEXT[l.stage].map((to) => (
                  <Button
                    key={to}
                    type="link"
                    size="small"
                    danger={to === 'dropped'}
                    onClick={() => setMoving({ lead: l, to })}
                  >
                    {t(`pipeline.moveTo.${to}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title={t('pipeline.title')}
        subtitle={t('pipeline.subtitle')}
        extra={
          <>
            <Segmented
              value={board ? 'board' : 'table'}
              onChange={(v) => update({ view: v }, false)}
              options={[
                { value: 'board', icon: <AppstoreOutlined />, label: t('pipeline.viewBoard') },
                { value: 'table', icon: <TableOutlined />, label: t('pipeline.viewTable') },
              ]}
            />
            <ExportButton
              path="/api/pipeline/leads/export.xlsx"
              query={{ ...query, ...(board ? { stage: undefined } : {}) }}
            />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('pipeline.create')}
              </Button>
            )}
          </>
        }
      />
      <StatsSummary stats={stats.data} />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('pipeline.searchHint'),
            width: 240,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {!board && (
            <Select
              placeholder={t('pipeline.stageCol')}
              allowClear
              value={params.stage || undefined}
              onChange={(v) => update({ stage: v ?? '' })}
              options={STAGES.map((s) => ({ value: s, label: t(`pipeline.stage.${s}`) }))}
              style={{ width: 110 }}
            />
          )}
          {can(me, 'user:read') && (
            <UserSelect
              placeholder={t('pipeline.owner')}
              value={params.ownerUserId}
              onChange={(v) => update({ ownerUserId: v })}
              style={{ width: 150 }}
            />
          )}
          <IndustryTreeSelect
            sectionsSelectable
            placeholder={t('pipeline.industry')}
            value={params.industry || undefined}
            onChange={(v) => update({ industry: v ?? '' })}
            style={{ width: 200 }}
          />
        </FilterBar>
        {board ? (
          <LeadBoard filter={filter} counts={counts} onOpen={(l) => setOpenId(l.id)} />
        ) : (
          <ListTable<Lead>
            query={list}
            params={params}
            update={update}
            sort={keepSort}
            empty={t('pipeline.empty')}
            columns={columns}
            scroll={{ x: 1500 }}
          />
        )}
      </Card>
      {openId !== null && (
        <LeadDrawer
          leadId={openId}
          manage={manage}
          onClose={() => setOpenId(null)}
          onEdit={(l) => setEditing(l)}
          onMove={(l, to) => setMoving({ lead: l, to })}
          onDelete={remove}
        />
      )}
      {editing && (
        <LeadFormModal
          lead={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {moving && (
        <TransitionModal
          lead={moving.lead}
          to={moving.to}
          onClose={() => setMoving(null)}
          onSaved={refresh}
        />
      )}
    </>
  )
}
