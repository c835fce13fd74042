import { PlusOutlined, SendOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROBOT_TOPICS, type RobotTopic } from '../../../shared/robots'
import { del, get, post, put } from '../../api/client'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { PageHeader } from '../../components/PageHeader'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'

interface Robot {
  id: number
  zoneName: string
  departmentId: number | null
  departmentName: string | null
  platform: 'wecom' | 'dingtalk' | 'feishu'
  name: string
  webhookHint: string
  signed: boolean
  topics: RobotTopic[]
  mobiles: string[]
  enabled: boolean
  lastDeliveryAt: string | null
  version: number
}
interface Delivery {
  id: string
  robotName: string
  topic: string
  title: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  errorCode: string | null
  error: string | null
  createdAt: string
  sentAt: string | null
  nextAt: string | null
}
type FormValues = Omit<
  Robot,
  'id' | 'zoneName' | 'departmentName' | 'webhookHint' | 'signed' | 'lastDeliveryAt' | 'version' | 'mobiles'
> & {
  webhook?: string
  secret?: string
  mobiles?: string
}
const STATUS_COLOR = { sent: 'green', pending: 'gold', failed: 'red' } as const

/** 工作群机器人: the groups that get the daily summary, assignments, escalations, bulletins; and what was sent. */
export default function RobotsPage() {
  const { t, i18n } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  const [editing, setEditing] = useState<Robot | 'new' | null>(null)
  const [form] = Form.useForm<FormValues>()
  const platform = Form.useWatch('platform', form)
  const [log, setLog] = useState({ page: 1, status: '' })
  const robots = useQuery({ queryKey: ['robots'], queryFn: () => get<{ items: Robot[] }>('/api/robots') })
  const deliveries = useQuery({
    queryKey: ['robots', 'deliveries', log],
    queryFn: () =>
      get<{ items: Delivery[]; total: number }>('/api/robots/deliveries', {
        page: log.page,
        pageSize: 10,
        status: log.status || undefined,
      }),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['robots'] })

  function open(r: Robot | 'new') {
    setEditing(r)
    form.resetFields()
    if (r !== 'new')
      form.setFieldsValue({ ...r, mobiles: r.mobiles.join(' '), webhook: '', secret: undefined })
    else form.setFieldsValue({ platform: 'wecom', topics: ['daily', 'assigned', 'overdue'], enabled: true })
  }

  async function save() {
    const v = await form.validateFields()
    const body = {
      ...v,
      webhook: v.webhook?.trim() || undefined,
      secret: v.secret === undefined || v.secret === '' ? undefined : v.secret,
      mobiles: (v.mobiles ?? '').split(/[\s,，]+/).filter(Boolean),
      departmentId: v.departmentId ?? null,
    }
    try {
      if (editing === 'new') await post('/api/robots', body)
      else if (editing) await put(`/api/robots/${editing.id}`, { ...body, version: editing.version })
      setEditing(null)
      message.success(t('robots.saved'))
      void refresh()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    }
  }

  async function test(r: Robot) {
    try {
      const d = await post<Delivery>(`/api/robots/${r.id}/test`, {})
      if (d.status === 'sent') message.success(t('robots.testOk'))
      else message.error(t('robots.testFailed', { code: d.errorCode, error: d.error }))
      void refresh()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  return (
    <>
      <PageHeader
        title={t('robots.title')}
        subtitle={t('robots.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('robots.add')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Table<Robot>
          rowKey="id"
          size="small"
          loading={robots.isFetching}
          dataSource={robots.data?.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: robots.isError ? errorMessage(robots.error) : t('robots.empty') }}
          columns={[
            {
              title: t('robots.col.name'),
              dataIndex: 'name',
              render: (n: string, r) =>
                r.enabled ? (
                  n
                ) : (
                  <Typography.Text type="secondary">
                    {n}（{t('robots.disabled')}）
                  </Typography.Text>
                ),
            },
            {
              title: t('robots.col.platform'),
              dataIndex: 'platform',
              render: (p: Robot['platform']) => <Tag>{t(`robots.platform.${p}`)}</Tag>,
            },
            { title: t('robots.col.scope'), key: 'scope', render: (_, r) => r.departmentName ?? r.zoneName },
            {
              title: t('robots.col.topics'),
              dataIndex: 'topics',
              render: (ts: RobotTopic[]) => ts.map((x) => <Tag key={x}>{ROBOT_TOPICS[x]?.[lang] ?? x}</Tag>),
            },
            {
              title: t('robots.col.webhook'),
              dataIndex: 'webhookHint',
              render: (h: string, r) => (
                <Typography.Text code>
                  {h}
                  {r.signed ? ` · ${t('robots.signed')}` : ''}
                </Typography.Text>
              ),
            },
            {
              title: t('robots.col.last'),
              dataIndex: 'lastDeliveryAt',
              render: (d: string | null) => (d ? formatDateTime(d) : '—'),
            },
            {
              title: '',
              key: 'actions',
              render: (_, r) => (
                <Flex gap={4}>
                  <Button size="small" icon={<SendOutlined />} onClick={() => test(r)}>
                    {t('robots.test')}
                  </Button>
                  <Button size="small" onClick={() => open(r)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('robots.deleteConfirm', { name: r.name })}
                    onConfirm={async () => {
                      try {
                        await del(`/api/robots/${r.id}`, { version: r.version })
                        void refresh()
                      } catch (e) {
                        message.error(errorMessage(e))
                      }
                    }}
                  >
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('robots.log')}
        extra={
          <Radio.Group
            size="small"
            value={log.status}
            onChange={(e) => setLog({ page: 1, status: e.target.value })}
            optionType="button"
            options={[
              { value: '', label: t('robots.status.all') },
              { value: 'sent', label: t('robots.status.sent') },
              { value: 'pending', label: t('robots.status.pending') },
              { value: 'failed', label: t('robots.status.failed') },
            ]}
          />
        }
      >
        <Table<Delivery>
          rowKey="id"
          size="small"
          loading={deliveries.isFetching}
          dataSource={deliveries.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: log.page,
            pageSize: 10,
            total: deliveries.data?.total,
            onChange: (page) => setLog({ ...log, page }),
            showSizeChanger: false,
          }}
          locale={{ emptyText: t('robots.logEmpty') }}
          columns={[
            { title: t('robots.col.time'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
            { title: t('robots.col.name'), dataIndex: 'robotName' },
            { title: t('robots.col.message'), dataIndex: 'title' },
            {
              title: t('robots.col.status'),
              key: 'status',
              render: (_, d) => (
                <Tag color={STATUS_COLOR[d.status]}>
                  {t(`robots.status.${d.status}`)}
                  {d.attempts > 1 ? ` ×${d.attempts}` : ''}
                </Tag>
              ),
            },
            {
              title: t('robots.col.error'),
              key: 'error',
              render: (_, d) => (d.errorCode ? `${d.errorCode} ${d.error ?? ''}` : '—'),
            },
            {
              title: t('robots.col.next'),
              dataIndex: 'nextAt',
              render: (x: string | null) => (x ? formatDateTime(x) : '—'),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('robots.add') : t('robots.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={560}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('robots.col.name')}
            rules={[{ required: true, min: 2, max: 40, message: t('robots.nameHint') }]}
          >
            <Input maxLength={40} placeholder={t('robots.nameHint')} />
          </Form.Item>
          <Form.Item name="platform" label={t('robots.col.platform')}>
            <Radio.Group
              optionType="button"
              options={(['wecom', 'dingtalk', 'feishu'] as const).map((p) => ({
                value: p,
                label: t(`robots.platform.${p}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="webhook"
            label="Webhook"
            extra={editing !== 'new' ? t('robots.keepHint') : t(`robots.webhookHint.${platform ?? 'wecom'}`)}
            rules={editing === 'new' ? [{ required: true, message: t('robots.webhookRequired') }] : []}
          >
            <Input.Password visibilityToggle placeholder="https://" autoComplete="off" />
          </Form.Item>
          {platform !== 'wecom' && (
            <Form.Item
              name="secret"
              label={t('robots.secret')}
              extra={editing !== 'new' ? t('robots.keepHint') : t('robots.secretHint')}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="departmentId" label={t('robots.col.scope')} extra={t('robots.scopeHint')}>
            <DepartmentTreeSelect allowClear />
          </Form.Item>
          <Form.Item
            name="topics"
            label={t('robots.col.topics')}
            rules={[{ required: true, message: t('robots.topicsRequired') }]}
          >
            <Checkbox.Group
              options={(Object.keys(ROBOT_TOPICS) as RobotTopic[]).map((k) => ({
                value: k,
                label: ROBOT_TOPICS[k][lang],
              }))}
            />
          </Form.Item>
          {platform === 'dingtalk' && (
            <Form.Item name="mobiles" label={t('robots.mobiles')} extra={t('robots.mobilesHint')}>
              <Input placeholder="13800000000 13900000000" />
            </Form.Item>
          )}
          <Form.Item name="enabled" label={t('robots.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
