import { MergeCellsOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input, List, Modal, Select, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { post } from '../../../api/client'
import { useDict } from '../../../api/queries'
import type { CommonProblemDetail } from '../../../api/types'
import { useModalSubmit } from '../../../lib/use-modal-submit'

type Selected = {
  id: number
  code: string
  title: string
  enterpriseName?: string | null
  status: string
  zoneId: number
}

const FINISHED = ['closed', 'withdrawn']

/** 合并为共性问题: enabled from 2 selected problems of one zone; a modal to name the common problem. */
export function MergeCommonButton(props: { selected: Selected[]; onDone: () => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const { selected } = props
  const reason =
    selected.length < 2
      ? t('commons.merge.needTwo')
      : new Set(selected.map((s) => s.zoneId)).size > 1
        ? t('commons.merge.zones')
        : selected.some((s) => FINISHED.includes(s.status))
          ? t('commons.merge.finished')
          : null
  return (
    <>
      <Tooltip title={reason}>
        <Button icon={<MergeCellsOutlined />} disabled={!!reason} onClick={() => setOpen(true)}>
          {t('commons.merge.button')}
          {selected.length >= 2 ? ` (${selected.length})` : ''}
        </Button>
      </Tooltip>
      {open && <MergeModal selected={selected} onClose={() => setOpen(false)} onDone={props.onDone} />}
    </>
  )
}

function MergeModal({
  selected,
  onClose,
  onDone,
}: {
  selected: Selected[]
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const categories = useDict('problem_category')
  const names = [...new Set(selected.map((s) => s.enterpriseName).filter(Boolean))]
  const initial = {
    title: selected[0]?.title ?? '',
    description: [
      names.length ? t('commons.merge.descPrefix', { names: names.join('、') }) : '',
      ...selected.map((s, i) => `${i + 1}. ${s.code} ${s.title}`),
    ]
      .filter(Boolean)
      .join('\n'),
    category: undefined,
  }
  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    action: async (v) => {
      const res = await post<CommonProblemDetail>('/api/problems/common/merge', {
        problemIds: selected.map((s) => s.id),
        title: v.title.trim(),
        description: v.description.trim(),
        category: v.category || undefined,
      })
      await qc.invalidateQueries({ queryKey: ['problems'] })
      onDone()
      navigate(`/problems/${res.id}`)
      return t('commons.merge.done', { code: res.code })
    },
  })
  return (
    <Modal
      open
      title={t('commons.merge.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('commons.merge.ok')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('commons.merge.intro', { n: selected.length })}
      </Typography.Paragraph>
      <List
        size="small"
        bordered
        style={{ marginBottom: 16, maxHeight: 220, overflow: 'auto' }}
        dataSource={selected}
        renderItem={(s) => (
          <List.Item>
            <Typography.Text style={{ minWidth: 0 }}>
              <Typography.Text code>{s.code}</Typography.Text> {s.title}
              <Typography.Text type="secondary">
                {' · '}
                {s.enterpriseName || t('commons.merge.noEnterprise')}
              </Typography.Text>
            </Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>
              {t(`commons.status.${s.status}`, { defaultValue: s.status })}
            </Tag>
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item
          name="title"
          label={t('commons.merge.fieldTitle')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('commons.merge.fieldTitle') }),
            },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('commons.merge.fieldDescription')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('commons.merge.fieldDescription') }),
            },
          ]}
        >
          <Input.TextArea rows={5} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('commons.merge.fieldCategory')}
          extra={t('commons.merge.categoryHelp')}
        >
          <Select
            allowClear
            loading={categories.isLoading}
            options={(categories.data?.items ?? [])
              .filter((i) => i.enabled)
              .map((i) => ({ value: i.code, label: i.label }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
