import { useQuery } from '@tanstack/react-query'
import { Alert, Form, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { get, put } from '../../api/client'
import type { Enterprise, EnterpriseAccount } from '../../api/types'
import { useModalSubmit } from '../../lib/use-modal-submit'

/** Which enterprise-role accounts belong to this enterprise (they then see its 一企一清单). */
export function EnterpriseAccountsModal({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise: Enterprise
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ userIds: number[] }>()
  const current = useQuery({
    queryKey: ['enterprises', enterprise.id, 'accounts'],
    queryFn: () => get<{ items: EnterpriseAccount[] }>(`/api/enterprises/${enterprise.id}/accounts`),
  })
  const candidates = useQuery({
    queryKey: ['enterprises', 'account-candidates', enterprise.id],
    queryFn: () =>
      get<{ items: EnterpriseAccount[] }>('/api/enterprises/account-candidates', {
        enterpriseId: enterprise.id,
      }),
  })
  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      await put(`/api/enterprises/${enterprise.id}/accounts`, { userIds: v.userIds ?? [] })
      return undefined
    },
  })
  const options = (candidates.data?.items ?? []).map((u) => ({
    value: u.id,
    label:
      u.enterpriseId && u.enterpriseId !== enterprise.id
        ? `${u.displayName}（${u.username}）· ${t('enterprises.accountLinkedTo', { name: u.enterpriseName })}`
        : `${u.displayName}（${u.username}）`,
  }))
  return (
    <Modal
      open
      title={t('enterprises.accountsTitle', { name: enterprise.name })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('enterprises.accountsHint')} style={{ marginBottom: 16 }} />
      {current.data && (
        <Form form={form} layout="vertical" initialValues={{ userIds: current.data.items.map((u) => u.id) }}>
          <Form.Item name="userIds" label={t('enterprises.accounts')}>
            <Select
              mode="multiple"
              allowClear
              loading={candidates.isLoading}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={t('enterprises.noCandidates')}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  )
}
