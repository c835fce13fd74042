import { FileExcelOutlined, FileWordOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Empty, Flex, Grid, Segmented, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { downloadUrl, get } from '../../api/client'
import type { Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { FilterSelect } from '../../components/FilterSelect'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { PhoneCardList } from '../../components/PhoneCardList'
import { formatDateTime } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { GenerateModal } from './GenerateModal'
import { SettingsModal } from './SettingsModal'
import type { BulletinRow } from './types'

const DEFAULTS = { page: 1, pageSize: 20, keyword: '', kind: '', status: '', sort: '' }

export function StatusTag({ b }: { b: Pick<BulletinRow, 'status' | 'number'> }) {
  const { t } = useTranslation()
  return b.status === 'issued' ? (
    <Tag color="red">{b.number}</Tag>
  ) : (
    <Tag color="default">{t('bulletins.status.draft')}</Tag>
  )
}

function Files({ id }: { id: number }) {
  const { t } = useTranslation()
  return (
    <Flex gap={4}>
      <Button
        size="small"
        icon={<FileWordOutlined />}
        onClick={() => downloadUrl(`/api/bulletins/${id}/bulletin.docx`)}
      >
        {t('bulletins.word')}
      </Button>
      <Button
        size="small"
        icon={<FileExcelOutlined />}
        onClick={() => downloadUrl(`/api/bulletins/${id}/bulletin.xlsx`)}
      >
        {t('bulletins.excel')}
      </Button>
    </Flex>
  )
}

/** 通报: the zone's bulletins, drafts and issued, with generation and the header settings. */
export default function BulletinsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const phone = !Grid.useBreakpoint().md
  const { params, update, reset } = useListParams(DEFAULTS)
  const [generating, setGenerating] = useState(false)
  const [settings, setSettings] = useState(false)
  const canWrite = can(me, 'bulletin:write')
  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    kind: params.kind || undefined,
    status: params.status || undefined,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['bulletins', 'list', query],
    queryFn: () => get<Page<BulletinRow>>('/api/bulletins', query),
    placeholderData: keepPreviousData,
  })
  const filtered = !!(params.keyword || params.kind || params.status)
  const empty = filtered ? t('bulletins.emptyFiltered') : t('bulletins.empty')

  const columns: ColumnsType<BulletinRow> = [
    { title: t('bulletins.col.number'), key: 'number', width: 170, render: (_, b) => <StatusTag b={b} /> },
    {
      title: t('bulletins.col.title'),
      key: 'title',
      render: (_, b) => <Link to={`/rhythm/bulletins/${b.id}`}>{b.title}</Link>,
    },
    {
      title: t('bulletins.col.kind'),
      key: 'kind',
      width: 100,
      render: (_, b) => t(`bulletins.kind.${b.kind}`),
    },
    {
      title: t('bulletins.col.period'),
      key: 'periodKey',
      dataIndex: 'periodKey',
      width: 110,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'periodKey'),
    },
    ...(!me?.zone
      ? [{ title: t('bulletins.col.zone'), key: 'zone', dataIndex: 'zoneName', width: 160 }]
      : []),
    {
      title: t('bulletins.col.issued'),
      key: 'issuedAt',
      width: 170,
      sorter: true,
      sortOrder: sortOrder(params.sort, 'issuedAt'),
      render: (_, b) =>
        b.issuedAt ? (
          <>
            <div>{formatDateTime(b.issuedAt)}</div>
            <Typography.Text type="secondary">{b.issuedByName}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">
            {t('bulletins.col.updated')} {formatDateTime(b.updatedAt)}
          </Typography.Text>
        ),
    },
    { title: t('bulletins.col.files'), key: 'files', width: 190, render: (_, b) => <Files id={b.id} /> },
  ]

  return (
    <>
      <PageHeader
        title={t('bulletins.title')}
        subtitle={t('bulletins.subtitle')}
        extra={
          <>
            {canWrite && (
              <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
                {t('bulletins.settings.action')}
              </Button>
            )}
            <ExportButton path="/api/bulletins/export.xlsx" query={query} />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)}>
                {t('bulletins.generate.action')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('bulletins.filter.keyword'),
            width: 200,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={() => qc.invalidateQueries({ queryKey: ['bulletins', 'list'] })}
        >
          <Segmented
            value={params.kind || 'all'}
            onChange={(v) => update({ kind: v === 'all' ? '' : String(v) })}
            options={(['all', 'weekly', 'monthly', 'quarterly'] as const).map((k) => ({
              value: k,
              label: t(`bulletins.kind.${k}`),
            }))}
          />
          <FilterSelect
            label={t('bulletins.filter.status')}
            width={120}
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={(['draft', 'issued'] as const).map((s) => ({
              value: s,
              label: t(`bulletins.status.${s}`),
            }))}
          />
        </FilterBar>
        {phone ? (
          <PhoneCardList
            query={list}
            params={params}
            update={update}
            empty={empty}
            card={(b) => (
              <Card key={b.id} size="small" style={{ marginBottom: 8 }}>
                <Link to={`/rhythm/bulletins/${b.id}`}>{b.title}</Link>
                <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
                  <StatusTag b={b} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`bulletins.kind.${b.kind}`)} · {b.periodKey}
                  </Typography.Text>
                </Flex>
                <div style={{ marginTop: 6 }}>
                  <Files id={b.id} />
                </div>
              </Card>
            )}
          />
        ) : (
          <ListTable<BulletinRow>
            query={list}
            params={params}
            update={update}
            sort={(s) => s ?? ''}
            empty={<Empty description={empty} />}
            size="small"
            columns={columns}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      <GenerateModal open={generating} onClose={() => setGenerating(false)} />
      <SettingsModal open={settings} onClose={() => setSettings(false)} />
    </>
  )
}
