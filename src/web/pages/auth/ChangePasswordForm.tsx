import { App as AntApp, Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { passwordProblem } from '../../../shared/password-policy'
import { useAuthActions } from '../../api/auth'
import { applyFieldError, errorMessage } from '../../lib/form-errors'

/** Current + new + confirm, checked here with the same rule the server applies. */
export function ChangePasswordForm({ username, onDone }: { username: string; onDone?: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { changePassword } = useAuthActions()
  const [form] = Form.useForm()

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={async (v) => {
        try {
          await changePassword(v.currentPassword, v.newPassword)
          message.success(t('auth.changed'))
          form.resetFields()
          onDone?.()
        } catch (e) {
          if (!applyFieldError(form, e)) message.error(errorMessage(e))
        }
      }}
    >
      <Form.Item
        name="currentPassword"
        label={t('auth.currentPassword')}
        rules={[{ required: true, message: t('common.required', { field: t('auth.currentPassword') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordRule')}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.newPassword') }) },
          {
            validator: async (_, v) => {
              const p = v ? passwordProblem(v, username) : null
              if (p) throw new Error(p)
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: async (_, v) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'))
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('auth.submitChange')}
      </Button>
    </Form>
  )
}
