import { ApiOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { get, post } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { ZoneSelect } from '../../components/ZoneSelect'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'

interface Key {
  id: number
  zoneName: string
  name: string
  source: string
  hint: string
  enabled: boolean
  createdAt: string
  createdByName: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  requests: number
}

/** 开放接口 Open311: keys of the systems that post enterprise problems (12345 hotline, city platform). */
export default function Open311KeysPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const { data: me } = useMe()
  const [creating, setCreating] = useState(false)
  const [shown, setShown] = useState<{ name: string; apiKey: string } | null>(null)
  const [form] = Form.useForm<{ name: string; source: string; zoneId?: number }>()
  const keys = useQuery({
    queryKey: ['open311-keys'],
    queryFn: () => get<{ items: Key[] }>('/api/open311-keys'),
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['open311-keys'] })

  async function create() {
    const v = await form.validateFields()
    try {
      const k = await post<Key & { apiKey: string }>('/api/open311-keys', v)
      setCreating(false)
      form.resetFields()
      setShown({ name: k.name, apiKey: k.apiKey })
      void refresh()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    }
  }

  async function revoke(k: Key) {
    try {
      await post(`/api/open311-keys/${k.id}/revoke`, {})
      message.success(t('open311.revoked'))
      void refresh()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  return (
    <>
      <PageHeader
        title={t('open311.title')}
        subtitle={t('open311.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('open311.create')}
          </Button>
        }
      />
      <Alert
        type="info"
        showIcon
        icon={<ApiOutlined />}
        style={{ marginBottom: 16 }}
        title={t('open311.howto', { url: `${window.location.origin}/open311/v2/discovery.json` })}
      />
      <Card>
        <Table<Key>
          rowKey="id"
          size="small"
          loading={keys.isFetching}
          dataSource={keys.data?.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: keys.isError ? errorMessage(keys.error) : t('open311.empty') }}
          columns={[
            { title: t('open311.col.name'), dataIndex: 'name' },
            { title: t('open311.col.zone'), dataIndex: 'zoneName' },
            {
              title: t('open311.col.source'),
              dataIndex: 'source',
              render: (s: string) => t(`open311.source.${s}`, { defaultValue: s }),
            },
            {
              title: t('open311.col.key'),
              dataIndex: 'hint',
              render: (h: string) => <Typography.Text code>{h}</Typography.Text>,
            },
            { title: t('open311.col.requests'), dataIndex: 'requests', align: 'right' },
            {
              title: t('open311.col.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (d: string | null) => (d ? formatDateTime(d) : '—'),
            },
            {
              title: t('open311.col.created'),
              key: 'created',
              render: (_, k) => `${formatDateTime(k.createdAt)} ${k.createdByName ?? ''}`,
            },
            {
              title: t('open311.col.status'),
              key: 'status',
              render: (_, k) =>
                k.enabled ? (
                  <Tag color="green">{t('open311.enabled')}</Tag>
                ) : (
                  <Tag>{t('open311.revokedAt', { time: formatDateTime(k.revokedAt) })}</Tag>
                ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, k) =>
                k.enabled && (
                  <Popconfirm
                    title={t('open311.revokeConfirm', { name: k.name })}
                    onConfirm={() => revoke(k)}
                  >
                    <Button size="small" danger>
                      {t('open311.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('open311.create')}
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ source: 'hotline' }}>
          <Form.Item
            name="name"
            label={t('open311.col.name')}
            extra={t('open311.nameHint')}
            rules={[{ required: true, min: 2, max: 40, message: t('open311.nameHint') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="source" label={t('open311.col.source')}>
            <Select
              options={['hotline', 'open311'].map((s) => ({ value: s, label: t(`open311.source.${s}`) }))}
            />
          </Form.Item>
          {!me?.zone && (
            <Form.Item
              name="zoneId"
              label={t('open311.col.zone')}
              rules={[{ required: true, message: t('open311.col.zone') }]}
            >
              <ZoneSelect />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={!!shown}
        title={t('open311.shownTitle', { name: shown?.name })}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('open311.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ icon: <CopyOutlined />, text: shown?.apiKey }}
          data-testid="open311-key"
        >
          {shown?.apiKey}
        </Typography.Paragraph>
      </Modal>
    </>
  )
}
