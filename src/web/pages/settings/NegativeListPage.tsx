import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../api/auth'
import { del, get, patch, post } from '../../api/client'
import type { Department, NegativeEntry, Page } from '../../api/types'
import { useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { useModalSubmit } from '../../lib/use-modal-submit'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  kind: '',
  zoneId: undefined as number | undefined,
  sort: '',
}

function EntryModal({
  entry,
  onClose,
  onSaved,
}: {
  entry: NegativeEntry | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const [form] = Form.useForm()
  const tree = useDepartmentTree()
  const zones = (tree.data?.items ?? []).filter((d: Department) => d.kind === 'zone')
  const needsZone = !entry && !me?.zone
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved,
    action: async (v) => {
      if (entry)
        await patch(`/api/negative-list/${entry.id}`, {
          kind: v.kind,
          reason: v.reason?.trim() || null,
          version: entry.version,
        })
      else
        await post('/api/negative-list', {
          industryCode: v.industryCode,
          kind: v.kind,
          reason: v.reason?.trim() || null,
          ...(needsZone ? { zoneId: v.zoneId } : {}),
        })
      return undefined
    },
  })
  return (
    <Modal
      open
      title={entry ? t('admission.edit') : t('admission.create')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={entry ? { ...entry } : { kind: 'restricted', reason: '' }}
      >
        {needsZone && (
          <Form.Item
            name="zoneId"
            label={t('admission.zone')}
            rules={[{ required: true, message: t('common.required', { field: t('admission.zone') }) }]}
          >
            <Select options={zones.map((z) => ({ value: z.id, label: z.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="industryCode"
          label={t('admission.industry')}
          extra={t('admission.industryHelp')}
          rules={[{ required: true, message: t('common.required', { field: t('admission.industry') }) }]}
        >
          <IndustryTreeSelect sectionsSelectable disabled={!!entry} />
        </Form.Item>
        <Form.Item name="kind" label={t('admission.kindLabel')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'forbidden', label: t('admission.kind.forbidden') },
              { value: 'restricted', label: t('admission.kind.restricted') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('admission.reasonColumn')}>
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('admission.reasonColumnPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 产业准入负面清单: a zone's forbidden and restricted industries (a division or a whole section). */
export default function NegativeListPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [editing, setEditing] = useState<NegativeEntry | 'new' | null>(null)
  const manage = can(me, 'portfolio:configure')
  const tree = useDepartmentTree()
  const zones = (tree.data?.items ?? []).filter((d: Department) => d.kind === 'zone')

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    kind: params.kind || undefined,
    zoneId: params.zoneId,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['negative-list', query],
    queryFn: () => get<Page<NegativeEntry>>('/api/negative-list', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['negative-list'] })

  async function remove(e: NegativeEntry) {
    try {
      await del(`/api/negative-list/${e.id}`, { version: e.version })
      message.success(t('admission.removed', { name: e.industryName }))
    } catch (err) {
      message.error(errorMessage(err))
    }
    void refresh()
  }

  const columns: ColumnsType<NegativeEntry> = [
    ...(!me?.zone ? [{ title: t('admission.zone'), dataIndex: 'zoneName', width: 120 }] : []),
    {
      title: t('admission.industryCode'),
      dataIndex: 'industryCode',
      key: 'industryCode',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'industryCode'),
      width: 100,
    },
    {
      title: t('admission.industry'),
      dataIndex: 'industryName',
      width: 240,
      render: (v: string, e) => (
        <Space size={4} wrap>
          {v}
          {e.industryLevel === 1 && <Tag>{t('admission.wholeSection')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('admission.section'),
      key: 'section',
      width: 180,
      responsive: ['md'],
      render: (_, e) => `${e.sectionCode} ${e.sectionName}`,
    },
    {
      title: t('admission.kindLabel'),
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'kind'),
      width: 90,
      render: (k: string) => (
        <Tag color={k === 'forbidden' ? 'error' : 'warning'}>{t(`admission.kind.${k}`)}</Tag>
      ),
    },
    {
      title: t('admission.reasonColumn'),
      dataIndex: 'reason',
      width: 220,
      ellipsis: true,
      render: (v) => v ?? '—',
    },
    {
      title: t('admission.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'updatedAt'),
      width: 150,
      responsive: ['lg'],
      render: formatDateTime,
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, e: NegativeEntry) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(e)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('admission.removeConfirm', { name: e.industryName })}
                  onConfirm={() => remove(e)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title={t('admission.title')}
        subtitle={t('admission.subtitle')}
        extra={
          <>
            <ExportButton path="/api/negative-list/export.xlsx" query={query} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('admission.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('admission.keyword'),
            width: 220,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {!me?.zone && (
            <Select
              placeholder={t('admission.zone')}
              allowClear
              style={{ width: 140 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
              options={zones.map((z) => ({ value: z.id, label: z.name }))}
            />
          )}
          <Select
            placeholder={t('admission.kindLabel')}
            allowClear
            style={{ width: 120 }}
            value={params.kind || undefined}
            onChange={(v) => update({ kind: v ?? '' })}
            options={[
              { value: 'forbidden', label: t('admission.kind.forbidden') },
              { value: 'restricted', label: t('admission.kind.restricted') },
            ]}
          />
        </FilterBar>
        <ListTable<NegativeEntry>
          query={list}
          params={params}
          update={update}
          sort={keepSort}
          empty={t('admission.empty')}
          columns={columns}
          scroll={{ x: 960 }}
        />
      </Card>
      {editing && (
        <EntryModal
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </>
  )
}
