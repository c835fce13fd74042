import { Alert, Form, Modal, TreeSelect, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { post } from '../../api/client'
import type { Department, DepartmentDetail } from '../../api/types'
import { buildTree, useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { ALLOWED_PARENTS } from './kinds'

/**
 * Moves a department under another parent. Departments that cannot take it (itself, its own
 * subtree, kinds not allowed above it) are greyed out; the server checks the same and more.
 */
export function MoveDepartmentModal({
  dept,
  onClose,
  onSaved,
}: {
  dept: DepartmentDetail
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const tree = useDepartmentTree(false)
  const allowed = ALLOWED_PARENTS[dept.kind]
  const mayBeTop = allowed.includes(null)
  // Departments and sections keep their zone (the records of later modules belong to a zone).
  const staysInZone = dept.kind === 'department' || dept.kind === 'section'
  const treeData = useMemo(
    () =>
      buildTree(
        tree.data?.items ?? [],
        (d: Department) =>
          d.path.startsWith(dept.path) ||
          !allowed.includes(d.kind) ||
          (staysInZone && d.zoneId !== dept.zoneId),
      ),
    [tree.data, dept.path, dept.zoneId, allowed, staysInZone],
  )
  const allowedNames = allowed
    .map((k) => (k ? t(`org.kinds.${k}`) : t('org.topLevel')))
    .join(t('org.listSep'))

  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      await post(`/api/departments/${dept.id}/move`, { parentId: v.parentId ?? null, version: dept.version })
      return t('org.moved')
    },
  })

  return (
    <Modal
      open
      title={`${t('org.move')} · ${dept.name}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('org.moveHint', { kind: t(`org.kinds.${dept.kind}`), allowed: allowedNames })}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph type="secondary">
        {t('org.currentPath')}：{dept.pathNames.join(' / ')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ parentId: dept.parentId ?? undefined }}
        onFinish={submit}
      >
        <Form.Item
          name="parentId"
          label={t('org.newParent')}
          extra={mayBeTop ? t('org.emptyIsTop') : undefined}
          rules={
            mayBeTop ? [] : [{ required: true, message: t('common.required', { field: t('org.newParent') }) }]
          }
        >
          <TreeSelect<number>
            showSearch={{ treeNodeFilterProp: 'title' }}
            allowClear
            treeDefaultExpandAll
            loading={tree.isLoading}
            treeData={treeData}
            placeholder={mayBeTop ? t('org.topLevel') : t('org.newParent')}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
