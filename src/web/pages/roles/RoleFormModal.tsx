import { Alert, Form, Input, Modal, Select, Skeleton, TreeSelect, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { patch, post } from '../../api/client'
import type { PermissionInfo, Role } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { PermissionChecklist, scopeOptions, useLabelLang } from './permissions-ui'

const CODE = /^[a-z][a-z0-9_]{1,31}$/

export type RoleFormTarget = { mode: 'create' } | { mode: 'edit'; role: Role } | { mode: 'copy'; role: Role }

/** Create, edit, or copy (from a built-in role, without its triad permissions) a custom role. */
export function RoleFormModal({
  target,
  catalogue,
  onClose,
  onSaved,
}: {
  target: RoleFormTarget
  catalogue: PermissionInfo[] | undefined
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const lang = useLabelLang()
  const [form] = Form.useForm()
  const dataScope: string | undefined = Form.useWatch('dataScope', form)
  const editing = target.mode === 'edit' ? target.role : null
  const source = target.mode === 'copy' ? target.role : null
  const triadOf = (key: string) => catalogue?.find((p) => p.key === key)?.triad
  const dropped = source ? source.permissions.filter((k) => triadOf(k)) : []

  const initialValues = editing
    ? {
        name: editing.name,
        description: editing.description ?? '',
        permissions: editing.permissions,
        dataScope: editing.dataScope,
        customDepartmentIds: editing.customDepartmentIds,
      }
    : source
      ? {
          code: `${source.code}_copy`.slice(0, 32),
          name: t('roles.copyName', { name: source.name }).slice(0, 30),
          description: source.triad ? '' : (source.description ?? ''),
          permissions: source.permissions.filter((k) => !triadOf(k)),
          dataScope: source.dataScope,
          customDepartmentIds: source.customDepartmentIds,
        }
      : {
          code: '',
          name: '',
          description: '',
          permissions: [],
          dataScope: 'dept_and_below',
          customDepartmentIds: [],
        }

  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      const body = {
        name: v.name.trim(),
        description: v.description?.trim() || null,
        permissions: v.permissions ?? [],
        dataScope: v.dataScope,
        customDepartmentIds: v.dataScope === 'custom' ? (v.customDepartmentIds ?? []) : [],
      }
      if (editing) {
        await patch(`/api/roles/${editing.id}`, { ...body, version: editing.version })
        return
      }
      await post('/api/roles', { ...body, code: v.code })
      return t('roles.created', { name: body.name })
    },
  })

  const title = editing
    ? t('roles.edit')
    : source
      ? t('roles.copyTitle', { name: source.name })
      : t('roles.create')

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      width={680}
      destroyOnHidden
    >
      {!catalogue ? (
        <Skeleton active />
      ) : (
        <>
          {source && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('roles.copyHint')}
              description={
                dropped.length
                  ? t('roles.copyDropped', {
                      list: dropped
                        .map((k) => catalogue.find((p) => p.key === k)?.[lang] ?? k)
                        .join(t('roles.listSep')),
                    })
                  : undefined
              }
            />
          )}
          <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
            <Form.Item
              name={editing ? undefined : 'code'}
              label={t('roles.code')}
              extra={editing ? t('roles.codeFixed') : t('roles.codeRule')}
              rules={
                editing
                  ? []
                  : [
                      { required: true, message: t('common.required', { field: t('roles.code') }) },
                      { pattern: CODE, message: t('roles.codeRule') },
                    ]
              }
            >
              {editing ? (
                <Typography.Text code>{editing.code}</Typography.Text>
              ) : (
                <Input autoComplete="off" maxLength={32} />
              )}
            </Form.Item>
            <Form.Item
              name="name"
              label={t('roles.name')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('roles.name') }),
                },
                { max: 30 },
              ]}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="description" label={t('roles.description')} rules={[{ max: 200 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
            </Form.Item>
            <Form.Item
              name="dataScope"
              label={t('roles.dataScope')}
              extra={dataScope ? t(`roles.scopeHints.${dataScope}`) : undefined}
              rules={[{ required: true, message: t('common.required', { field: t('roles.dataScope') }) }]}
            >
              <Select options={scopeOptions(lang)} />
            </Form.Item>
            {dataScope === 'custom' && (
              <Form.Item
                name="customDepartmentIds"
                label={t('roles.customDepartments')}
                extra={t('roles.customDepartmentsHint')}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('roles.customDepartmentsRequired') },
                ]}
              >
                <DepartmentTreeSelect
                  multiple
                  treeCheckable
                  showCheckedStrategy={TreeSelect.SHOW_PARENT}
                  placeholder={t('roles.customDepartments')}
                  maxTagCount="responsive"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            )}
            <Form.Item name="permissions" label={t('roles.permissions')} extra={t('roles.triadHint')}>
              <PermissionChecklist catalogue={catalogue} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  )
}
