import { useQuery } from '@tanstack/react-query'
import { App, Form, Input, Modal } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get, put } from '../../api/client'
import { applyFieldError, errorMessage } from '../../lib/form-errors'

interface Settings {
  zoneId: number
  issuer: string
  prefix: string
  copyTo: string
}

/** 版头与文号: the issuing office, the number prefix and the default 抄送 of the zone's bulletins. */
export function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Settings>()
  const [saving, setSaving] = useState(false)
  const current = useQuery({
    queryKey: ['bulletins', 'settings'],
    queryFn: () => get<Settings>('/api/bulletins/settings'),
    enabled: open,
  })
  useEffect(() => {
    if (open && current.data) form.setFieldsValue(current.data)
  }, [open, current.data, form])

  async function save() {
    const v = await form.validateFields()
    setSaving(true)
    try {
      await put('/api/bulletins/settings', { ...v, zoneId: current.data?.zoneId })
      message.success(t('bulletins.settings.saved'))
      void current.refetch()
      onClose()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open={open}
      title={t('bulletins.settings.title')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" disabled={current.isLoading}>
        <Form.Item
          name="issuer"
          label={t('bulletins.settings.issuer')}
          extra={t('bulletins.settings.issuerHint')}
          rules={[{ required: true, whitespace: true, message: t('bulletins.settings.issuer') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="prefix"
          label={t('bulletins.settings.prefix')}
          extra={t('bulletins.settings.prefixHint')}
        >
          <Input maxLength={12} />
        </Form.Item>
        <Form.Item name="copyTo" label={t('bulletins.settings.copyTo')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
