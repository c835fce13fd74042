import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { patch, post } from '../../api/client'
import type { Department } from '../../api/types'
import { DepartmentTreeSelect, useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { UserSelect } from '../../components/UserSelect'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { type Kind, kindsUnder, usualChildKind } from './kinds'

const CODE = /^[A-Za-z0-9_.-]{1,32}$/
const PHONE = /^[0-9+() -]{5,20}$/
const REGION = /^[0-9]{6}$/

export type DepartmentFormTarget =
  | { mode: 'create'; parent: Department | null }
  | { mode: 'edit'; dept: Department }

/** Create a department (under a parent, kind limited by the parent's kind) or edit one; renaming keeps the old name in history. */
export function DepartmentFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: DepartmentFormTarget
  onClose: () => void
  onSaved: (d: Department) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const enabledTree = useDepartmentTree(false)
  const isNew = target.mode === 'create'
  const editing = target.mode === 'edit' ? target.dept : null

  const parentId: number | undefined = Form.useWatch('parentId', form)
  const name: string | undefined = Form.useWatch('name', form)
  const initialParent = target.mode === 'create' ? (target.parent ?? null) : null
  function parentKindOf(id: number | undefined): Kind | null {
    if (!id) return null
    const d =
      enabledTree.data?.items.find((x) => x.id === id) ??
      (initialParent?.id === id ? initialParent : undefined)
    return d?.kind ?? null
  }
  const kindOptions = kindsUnder(parentKindOf(parentId)).map((k) => ({
    value: k,
    label: t(`org.kinds.${k}`),
  }))

  function onParentChange(id: number | undefined) {
    form.setFieldValue('kind', usualChildKind(parentKindOf(id)))
  }

  // What the server returned, for onSaved; after a conflict, the department as it was opened.
  const saved = useRef<Department | null>(null)
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    onSaved: () => {
      const d = saved.current ?? editing
      if (d) onSaved(d)
    },
    action: async (v) => {
      const body = {
        name: v.name.trim(),
        shortName: v.shortName?.trim() || null,
        code: v.code?.trim() || null,
        sort: v.sort ?? 0,
        regionCode: v.regionCode?.trim() || null,
        phone: v.phone?.trim() || null,
      }
      if (isNew) {
        const d = await post<Department>('/api/departments', {
          ...body,
          parentId: v.parentId ?? null,
          kind: v.kind,
        })
        saved.current = d
        return t('org.created', { name: d.name })
      }
      const d = await patch<Department>(`/api/departments/${editing!.id}`, {
        ...body,
        headUserId: v.headUserId ?? null,
        version: editing!.version,
      })
      saved.current = d
      return d.name !== editing!.name
        ? t('org.renamed', { from: editing!.name, to: d.name })
        : t('common.saved')
    },
  })

  const initialValues = editing
    ? { ...editing }
    : {
        parentId: initialParent?.id,
        kind: usualChildKind(initialParent?.kind ?? null),
        name: '',
        shortName: '',
        code: '',
        sort: 0,
        regionCode: initialParent?.regionCode ?? '',
        phone: '',
      }
  const renaming = !!editing && !!name && name.trim() !== editing.name

  return (
    <Modal
      open
      title={
        isNew
          ? initialParent
            ? t('org.createChildOf', { name: initialParent.name })
            : t('org.create')
          : t('org.edit')
      }
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      {editing && <Alert type="info" showIcon title={t('org.renameHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        {isNew && (
          <Form.Item name="parentId" label={t('org.parent')} extra={t('org.parentHint')}>
            <DepartmentTreeSelect placeholder={t('org.topLevel')} onChange={onParentChange} />
          </Form.Item>
        )}
        {isNew && (
          <Form.Item
            name="kind"
            label={t('org.kind')}
            extra={t('org.kindHint')}
            rules={[{ required: true, message: t('common.required', { field: t('org.kind') }) }]}
          >
            <Select options={kindOptions} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('org.name')}
          extra={renaming ? t('org.renameFromTo', { from: editing!.name, to: name!.trim() }) : undefined}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) },
            { max: 60 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('org.shortName')} rules={[{ max: 20 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          extra={t('org.codeHint')}
          rules={[{ pattern: CODE, message: t('org.codeRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('org.regionCode')}
          extra={t('org.regionHint')}
          rules={[{ pattern: REGION, message: t('org.regionRule') }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('org.phone')}
          rules={[{ pattern: PHONE, message: t('org.phoneRule') }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        {editing && (
          <Form.Item name="headUserId" label={t('org.head')} extra={t('org.headHint')}>
            <UserSelect
              showDepartment
              placeholder={t('org.headPlaceholder')}
              known={
                editing.headUserId && editing.headUserName
                  ? [{ id: editing.headUserId, name: editing.headUserName }]
                  : []
              }
            />
          </Form.Item>
        )}
        <Form.Item name="sort" label={t('org.sort')} extra={t('org.sortHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
