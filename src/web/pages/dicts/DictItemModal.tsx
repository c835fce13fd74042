import type { ColorPickerProps } from 'antd'
import { ColorPicker, Flex, Form, Input, InputNumber, Modal, Switch, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { patch, post } from '../../api/client'
import type { DictItem, DictType } from '../../api/types'
import { useModalSubmit } from '../../lib/use-modal-submit'

const CODE = /^[A-Za-z0-9_.-]{1,40}$/

type AnyColor = Parameters<NonNullable<ColorPickerProps['onChange']>>[0]

/** The picker's colour as "#RRGGBB", or null when cleared. */
function toHex(c: AnyColor | null | undefined): string | null {
  if (!c || c.cleared) return null
  return c.toHexString().slice(0, 7).toUpperCase()
}

const PRESET = [
  '#1D5FB4',
  '#1677FF',
  '#13C2C2',
  '#52C41A',
  '#FAAD14',
  '#FA8C16',
  '#F5222D',
  '#EB2F96',
  '#722ED1',
  '#8C8C8C',
]

/** Add an item to a dictionary, or edit one (its code is fixed once records may refer to it). */
export function DictItemModal({
  type,
  item,
  onClose,
  onSaved,
}: {
  type: DictType
  item: DictItem | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const label: string | undefined = Form.useWatch('label', form)
  const color: string | null | undefined = Form.useWatch('color', form)

  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      const body = {
        label: v.label.trim(),
        labelEn: v.labelEn?.trim() || null,
        color: v.color || null,
        sort: v.sort ?? 0,
        enabled: v.enabled,
      }
      if (item) {
        await patch(`/api/dicts/${type.code}/items/${item.id}`, { ...body, version: item.version })
        return
      }
      await post(`/api/dicts/${type.code}/items`, { ...body, code: v.code.trim() })
      return t('dicts.created', { label: body.label })
    },
  })

  return (
    <Modal
      open
      title={item ? t('dicts.editItem', { type: type.name }) : t('dicts.addItem', { type: type.name })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          item ? { ...item } : { code: '', label: '', labelEn: '', color: null, sort: 0, enabled: true }
        }
      >
        <Form.Item
          name={item ? undefined : 'code'}
          label={t('dicts.code')}
          extra={item ? t('dicts.codeFixed') : t('dicts.codeRule')}
          rules={
            item
              ? []
              : [
                  { required: true, message: t('common.required', { field: t('dicts.code') }) },
                  { pattern: CODE, message: t('dicts.codeRule') },
                ]
          }
        >
          {item ? (
            <Typography.Text code>{item.code}</Typography.Text>
          ) : (
            <Input autoComplete="off" maxLength={40} />
          )}
        </Form.Item>
        <Form.Item
          name="label"
          label={t('dicts.label')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('dicts.label') }) },
            { max: 40 },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="labelEn" label={t('dicts.labelEn')} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('dicts.color')} extra={t('dicts.colorHint')}>
          <Flex gap={12} align="center" wrap>
            <Form.Item name="color" noStyle getValueFromEvent={(c: AnyColor) => toHex(c)}>
              <ColorPicker
                allowClear
                disabledAlpha
                format="hex"
                showText
                presets={[{ label: t('dicts.presets'), colors: PRESET }]}
              />
            </Form.Item>
            <Typography.Text type="secondary">{t('dicts.preview')}</Typography.Text>
            <Tag color={color ?? undefined}>{label?.trim() || t('dicts.label')}</Tag>
          </Flex>
        </Form.Item>
        <Form.Item name="sort" label={t('dicts.sort')} extra={t('dicts.sortHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="enabled"
          label={t('common.status')}
          valuePropName="checked"
          extra={t('dicts.enabledHint')}
        >
          <Switch checkedChildren={t('common.enabled')} unCheckedChildren={t('common.disabled')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
