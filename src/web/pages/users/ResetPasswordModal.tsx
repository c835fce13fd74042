import { Alert, App as AntApp, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { passwordProblem } from '../../../shared/password-policy'
import { post } from '../../api/client'
import type { User } from '../../api/types'
import { applyFieldError, errorMessage } from '../../lib/form-errors'

export function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: User
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  async function submit() {
    const v = await form.validateFields()
    setBusy(true)
    try {
      await post(`/api/users/${user.id}/reset-password`, { password: v.password, version: user.version })
      message.success(t('common.saved'))
      onSaved()
      onClose()
    } catch (e) {
      if (!applyFieldError(form, e)) message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={`${t('users.resetPassword')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ password: '' }}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.newPassword') }) },
            {
              validator: async (_, v) => {
                const p = v ? passwordProblem(v, user.username) : null
                if (p) throw new Error(p)
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
