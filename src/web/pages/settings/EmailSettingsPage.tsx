import { MailOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Flex, Form, Input, InputNumber, Space, Switch } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get, post, put } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { applyFieldError, errorMessage } from '../../lib/form-errors'

interface Smtp {
  enabled: boolean
  host: string
  port: number
  secure: boolean
  user: string | null
  from: string
  hasPassword: boolean
}

/** 邮件服务器: the SMTP server e-mail notifications go out through, and a test message. */
export default function EmailSettingsPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [form] = Form.useForm<Smtp & { password?: string }>()
  const [testTo, setTestTo] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const current = useQuery({
    queryKey: ['email', 'settings'],
    queryFn: () => get<Smtp | null>('/api/email/settings'),
  })
  useEffect(() => {
    form.setFieldsValue(
      current.data ?? { enabled: false, host: '', port: 465, secure: true, user: '', from: '' },
    )
  }, [current.data, form])

  async function save() {
    const v = await form.validateFields()
    setBusy('save')
    try {
      await put('/api/email/settings', {
        ...v,
        user: v.user || null,
        password: v.password ? v.password : undefined,
      })
      message.success(t('email.saved'))
      form.setFieldValue('password', '')
      void current.refetch()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  async function test() {
    setBusy('test')
    try {
      const r = await post<{ status: string; error: string | null }>('/api/email/test', { to: testTo })
      if (r.status === 'sent') message.success(t('email.testOk', { to: testTo }))
      else message.error(t('email.testFailed', { error: r.error }))
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <PageHeader title={t('email.title')} subtitle={t('email.subtitle')} />
      <Card style={{ maxWidth: 640 }}>
        <Form form={form} layout="vertical" disabled={current.isLoading}>
          <Form.Item name="enabled" label={t('email.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="host"
              label={t('email.host')}
              style={{ flex: 1 }}
              rules={[{ required: true, message: t('email.host') }]}
            >
              <Input placeholder="smtp.example.gov.cn" />
            </Form.Item>
            <Form.Item name="port" label={t('email.port')} rules={[{ required: true }]}>
              <InputNumber min={1} max={65535} />
            </Form.Item>
            <Form.Item name="secure" label={t('email.secure')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
          <Form.Item name="user" label={t('email.user')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('email.password')}
            extra={current.data?.hasPassword ? t('email.keepPassword') : undefined}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="from"
            label={t('email.from')}
            rules={[{ required: true, message: t('email.from') }]}
          >
            <Input placeholder="清单平台 <noreply@example.gov.cn>" />
          </Form.Item>
          <Button type="primary" loading={busy === 'save'} onClick={save}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('email.test')} style={{ maxWidth: 640, marginTop: 16 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            prefix={<MailOutlined />}
            value={testTo}
            onChange={(e) => setTestTo(e.target.value)}
            placeholder="name@example.gov.cn"
            aria-label={t('email.test')}
          />
          <Button loading={busy === 'test'} onClick={test} disabled={!testTo.trim()}>
            {t('email.send')}
          </Button>
        </Space.Compact>
      </Card>
    </>
  )
}
