import { Alert, Form, Input, InputNumber, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { post } from '../../../../api/client'
import { formatDateTime } from '../../../../lib/format'
import { EnterSubmit, requiredText, StepModal, useStepSubmit } from '../step-form'
import type { StepModalProps } from './types'

// Steps of the lead unit while handling: 答复 / 进展, 退回, 申请延期.

/** 答复 / 办理进展: the first one is the 首次答复 (its own deadline); the problem is then in progress. */
export function ReplyModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ text: string }>()
  const first = !p.firstReplyAt
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/reply`, { text: v.text.trim(), version: p.version })
      return first ? t('problemDetail.reply.doneFirst') : t('problemDetail.reply.done')
    },
  })
  const label = t('problemDetail.reply.text')
  return (
    <StepModal
      title={first ? t('problemDetail.reply.titleFirst') : t('problemDetail.reply.title')}
      okText={t('problemDetail.reply.ok')}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {first
          ? t('problemDetail.reply.introFirst', { due: formatDateTime(p.replyDueAt) || '—' })
          : t('problemDetail.reply.intro')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ text: '' }} onFinish={submit}>
        <Form.Item
          name="text"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: label }) }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </StepModal>
  )
}

/** 退回: a wrong assignment goes back to the supervision office for triage, with the reason. */
export function ReturnModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/return`, { reason: v.reason.trim(), version: p.version })
      return t('problemDetail.return.done')
    },
  })
  const label = t('problemDetail.return.reason')
  return (
    <StepModal
      title={t('problemDetail.return.title')}
      okText={t('problemDetail.return.ok')}
      danger
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('problemDetail.return.warning', { lead: p.leadUnit?.name ?? '—' })}
      />
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={submit}>
        <Form.Item
          name="reason"
          label={label}
          extra={t('problemDetail.return.reasonHelp')}
          rules={requiredText(t, label)}
        >
          <Input.TextArea rows={4} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </StepModal>
  )
}

/** 申请延期: N more working days with a reason, decided by the supervision office (counts as yellow). */
export function ExtensionModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ days: number; reason: string }>()
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/extension`, {
        days: v.days,
        reason: v.reason.trim(),
        version: p.version,
      })
      return t('problemDetail.extension.done')
    },
  })
  const days = t('problemDetail.extension.days')
  const reason = t('problemDetail.extension.reason')
  return (
    <StepModal
      title={t('problemDetail.extension.title')}
      okText={t('problemDetail.extension.ok')}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('problemDetail.extension.intro', { deadline: formatDateTime(p.deadlineAt) || '—' })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ days: 5, reason: '' }} onFinish={submit}>
        <Form.Item
          name="days"
          label={days}
          rules={[
            { required: true, message: t('common.required', { field: days }) },
            { type: 'integer', min: 1, max: 60, message: t('problemDetail.extension.daysRange') },
          ]}
        >
          <InputNumber
            min={1}
            max={60}
            precision={0}
            style={{ width: 180 }}
            suffix={t('problemDetail.workdays')}
          />
        </Form.Item>
        <Form.Item name="reason" label={reason} rules={requiredText(t, reason)}>
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
        <EnterSubmit />
      </Form>
    </StepModal>
  )
}
