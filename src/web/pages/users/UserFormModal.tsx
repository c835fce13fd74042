import { Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { passwordProblem } from '../../../shared/password-policy'
import { patch, post } from '../../api/client'
import type { User } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { useModalSubmit } from '../../lib/use-modal-submit'

const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/

/** Create (with an initial password) or edit a user; a stale edit reports the conflict. */
export function UserFormModal({
  user,
  onClose,
  onSaved,
}: {
  user: User | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const isNew = !user

  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      const body = {
        displayName: v.displayName,
        departmentId: v.departmentId,
        title: v.title || null,
        phone: v.phone || null,
        email: v.email || null,
      }
      if (isNew) {
        await post('/api/users', { ...body, username: v.username, password: v.password })
        return t('users.created', { name: v.displayName })
      }
      await patch(`/api/users/${user.id}`, { ...body, version: user.version })
    },
  })

  return (
    <Modal
      open
      title={isNew ? t('users.create') : t('users.edit')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          user
            ? { ...user }
            : { username: '', displayName: '', title: '', phone: '', email: '', password: '' }
        }
        onFinish={submit}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={isNew ? t('users.usernameRule') : undefined}
          rules={[
            { required: true, message: t('common.required', { field: t('users.username') }) },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('users.displayName') }),
            },
            { max: 30 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('users.department')}
          rules={[{ required: true, message: t('common.required', { field: t('users.department') }) }]}
        >
          <DepartmentTreeSelect placeholder={t('users.department')} />
        </Form.Item>
        <Form.Item name="title" label={t('users.title_')} rules={[{ max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: PHONE, message: t('users.phoneRule') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
          <Input inputMode="email" />
        </Form.Item>
        {isNew && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint')}
            rules={[
              { required: true, message: t('common.required', { field: t('users.initialPassword') }) },
              ({ getFieldValue }) => ({
                validator: async (_, v) => {
                  const p = v ? passwordProblem(v, getFieldValue('username')) : null
                  if (p) throw new Error(p)
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
