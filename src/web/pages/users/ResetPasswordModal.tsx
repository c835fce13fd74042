import { Alert, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { passwordProblem } from '../../../shared/password-policy'
import { post } from '../../api/client'
import type { User } from '../../api/types'
import { useModalSubmit } from '../../lib/use-modal-submit'

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
  const [form] = Form.useForm()
  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    // A stale version is reported as it is; the modal stays open.
    action: async (v) => {
      await post(`/api/users/${user.id}/reset-password`, { password: v.password, version: user.version })
    },
  })
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
