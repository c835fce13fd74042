import { BookOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Grid,
  Menu,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get, patch } from '../../api/client'
import type { DictItem, DictType } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { useListParams } from '../../lib/use-list-params'
import { DictItemModal } from './DictItemModal'

const DEFAULTS = { type: '' }

/** 数据字典: the dictionary types on the left, the items of the chosen one on the right. Items are disabled, never deleted. */
export default function DictionariesPage() {
  const { t, i18n } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const screens = Grid.useBreakpoint()
  const { params, update } = useListParams(DEFAULTS)
  const [editing, setEditing] = useState<DictItem | 'new' | null>(null)
  const [toggling, setToggling] = useState<number | null>(null)
  const en = i18n.language === 'en'

  const types = useQuery({
    queryKey: ['dicts', 'types'],
    queryFn: () => get<{ items: DictType[] }>('/api/dicts'),
  })
  const current = types.data?.items.find((x) => x.code === params.type) ?? types.data?.items[0]
  const items = useQuery({
    queryKey: ['dicts', 'items', current?.code],
    queryFn: () => get<{ items: DictItem[] }>(`/api/dicts/${current!.code}/items`, { includeDisabled: true }),
    enabled: !!current,
  })
  const typeName = (x: DictType) => (en && x.nameEn ? x.nameEn : x.name)

  async function refresh() {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['dicts'] }),
      qc.invalidateQueries({ queryKey: ['dict', current?.code] }),
    ])
  }

  async function toggle(item: DictItem, enabled: boolean) {
    setToggling(item.id)
    try {
      await patch(`/api/dicts/${item.typeCode}/items/${item.id}`, { enabled, version: item.version })
      message.success(
        enabled ? t('dicts.enabledOk', { label: item.label }) : t('dicts.disabledOk', { label: item.label }),
      )
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setToggling(null)
      await refresh()
    }
  }

  const columns: ColumnsType<DictItem> = [
    {
      title: t('dicts.label'),
      dataIndex: 'label',
      width: 120,
      render: (l: string, r) => (
        <Tag color={r.color ?? undefined} style={{ opacity: r.enabled ? 1 : 0.5 }}>
          {l}
        </Tag>
      ),
    },
    {
      title: t('dicts.code'),
      dataIndex: 'code',
      width: 130,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { title: t('dicts.labelEn'), dataIndex: 'labelEn', width: 150, ellipsis: true, responsive: ['lg'] },
    {
      title: t('dicts.color'),
      dataIndex: 'color',
      width: 110,
      responsive: ['md'],
      render: (c: string | null) =>
        c ? (
          <Flex gap={6} align="center">
            <span
              style={{
                width: 16,
                height: 16,
                borderRadius: 4,
                background: c,
                border: '1px solid rgba(0,0,0,0.15)',
                display: 'inline-block',
              }}
            />
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {c.toUpperCase()}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('dicts.sort'), dataIndex: 'sort', width: 60, align: 'right', responsive: ['md'] },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      width: 90,
      render: (e: boolean, r) => (
        <Switch
          size="small"
          checked={e}
          loading={toggling === r.id}
          onChange={(v) => toggle(r, v)}
          checkedChildren={t('common.enabled')}
          unCheckedChildren={t('common.disabled')}
          aria-label={t('common.status')}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 64,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ]

  const typeList = types.data?.items ?? []

  return (
    <>
      <PageHeader title={t('dicts.title')} subtitle={t('dicts.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8} lg={6} xl={5}>
          <Card
            title={screens.md ? t('dicts.types') : undefined}
            loading={types.isLoading}
            styles={{ body: { padding: screens.md ? 4 : 12 } }}
          >
            {screens.md ? (
              <Menu
                mode="inline"
                style={{ borderInlineEnd: 0 }}
                selectedKeys={current ? [current.code] : []}
                onClick={({ key }) => update({ type: key })}
                items={typeList.map((x) => ({
                  key: x.code,
                  icon: <BookOutlined />,
                  label: (
                    <Flex justify="space-between" align="center" gap={8}>
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{typeName(x)}</span>
                      <Badge count={x.itemCount} showZero color="#bfbfbf" overflowCount={999} />
                    </Flex>
                  ),
                }))}
              />
            ) : (
              <Select
                style={{ width: '100%' }}
                value={current?.code}
                onChange={(v) => update({ type: v })}
                options={typeList.map((x) => ({ value: x.code, label: `${typeName(x)}（${x.itemCount}）` }))}
                aria-label={t('dicts.types')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={16} lg={18} xl={19}>
          {current ? (
            <Card
              title={
                <Flex gap={8} align="center" wrap style={{ paddingBlock: 8 }}>
                  <span>{typeName(current)}</span>
                  <Typography.Text type="secondary" code style={{ fontWeight: 'normal' }}>
                    {current.code}
                  </Typography.Text>
                  {current.builtin && <Tag color="gold">{t('dicts.builtin')}</Tag>}
                </Flex>
              }
              extra={
                <Flex gap={8}>
                  <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                    {screens.sm ? t('dicts.add') : null}
                  </Button>
                </Flex>
              }
            >
              {current.description && (
                <Typography.Paragraph type="secondary">{current.description}</Typography.Paragraph>
              )}
              <Alert type="info" showIcon title={t('dicts.noDeleteHint')} style={{ marginBottom: 16 }} />
              <Table<DictItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={items.data?.items}
                loading={items.isFetching}
                scroll={{ x: 'max-content' }}
                pagination={false}
                locale={{ emptyText: items.isError ? errorMessage(items.error) : t('dicts.empty') }}
              />
            </Card>
          ) : (
            <Card>
              <Empty description={types.isError ? errorMessage(types.error) : t('dicts.noTypes')} />
            </Card>
          )}
        </Col>
      </Row>
      {editing && current && (
        <DictItemModal
          type={current}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
    </>
  )
}
