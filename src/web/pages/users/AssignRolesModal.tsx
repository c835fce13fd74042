import { Alert, Checkbox, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { put } from '../../api/client'
import { useRoles } from '../../api/queries'
import type { User } from '../../api/types'
import { useModalSubmit } from '../../lib/use-modal-submit'

/** Grant roles; picking a second administrator role is prevented here and refused by the server. */
export function AssignRolesModal({
  user,
  onClose,
  onSaved,
}: {
  user: User
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const roles = useRoles()
  const [selected, setSelected] = useState<number[]>(user.roles.map((r) => r.id))
  const chosenTriad = roles.data?.items.find((r) => r.triad && selected.includes(r.id))

  const { submit, busy } = useModalSubmit({
    onSaved,
    onClose,
    action: async () => {
      await put(`/api/users/${user.id}/roles`, { roleIds: selected, version: user.version })
    },
  })

  return (
    <Modal
      open
      title={`${t('users.assignRoles')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.assignHint')} style={{ marginBottom: 16 }} />
      <Checkbox.Group value={selected} onChange={(v) => setSelected(v as number[])} style={{ width: '100%' }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {roles.data?.items.map((r) => (
            <Checkbox
              key={r.id}
              value={r.id}
              disabled={!!r.triad && !!chosenTriad && chosenTriad.id !== r.id}
            >
              <Space>
                <span>{r.name}</span>
                {r.triad && <Tag color="volcano">三员</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.description}
                </Typography.Text>
              </Space>
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
    </Modal>
  )
}
