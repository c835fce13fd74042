import { Alert, Form, Input, Radio, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { post } from '../../../../api/client'
import { formatDateTime } from '../../../../lib/format'
import { SATISFACTIONS } from '../labels'
import { requiredText, StepModal, useStepSubmit } from '../step-form'
import type { StepModalProps } from './types'

// How a problem ends: the enterprise's rating, the call-back by someone independent, or withdrawal.

type Satisfaction = (typeof SATISFACTIONS)[number]

function SatisfactionField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation()
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, message: t('problemDetail.pickSatisfaction') }]}
    >
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        options={SATISFACTIONS.map((s) => ({ value: s, label: t(`problems.satisfaction.${s}`) }))}
      />
    </Form.Item>
  )
}

/** 确认评价 by the enterprise: 满意 / 基本满意 close it (销号); 不满意 (with the reason) reopens it. */
export function ConfirmModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ satisfaction: Satisfaction; comment: string }>()
  const satisfaction = Form.useWatch('satisfaction', form)
  const unhappy = satisfaction === 'unsatisfied'
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/confirm`, {
        satisfaction: v.satisfaction,
        comment: v.comment?.trim() || undefined,
        version: p.version,
      })
      return v.satisfaction === 'unsatisfied'
        ? t('problemDetail.confirm.reopened')
        : t('problemDetail.confirm.closed')
    },
  })
  const comment = t('problemDetail.confirm.comment')
  return (
    <StepModal
      title={t('problemDetail.confirm.title')}
      okText={t('problemDetail.confirm.ok')}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      {p.resolution && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={t('problemDetail.confirm.resolution')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{p.resolution}</span>}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ satisfaction: undefined, comment: '' }}
        onFinish={submit}
      >
        <SatisfactionField name="satisfaction" label={t('problemDetail.confirm.satisfaction')} />
        {unhappy && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('problemDetail.confirm.reopenWarning')}
          />
        )}
        <Form.Item
          name="comment"
          label={comment}
          rules={[
            { required: unhappy, whitespace: true, message: t('problemDetail.confirm.commentRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </StepModal>
  )
}

/** 回访销号: after the enterprise's confirmation wait, by someone who did not handle it; 不满意 reopens. */
export function CallbackModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ result: string; satisfaction: Satisfaction }>()
  const unhappy = Form.useWatch('satisfaction', form) === 'unsatisfied'
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/callback`, {
        result: v.result.trim(),
        satisfaction: v.satisfaction,
        version: p.version,
      })
      return v.satisfaction === 'unsatisfied'
        ? t('problemDetail.callback.reopened')
        : t('problemDetail.callback.closed')
    },
  })
  const result = t('problemDetail.callback.result')
  return (
    <StepModal
      title={t('problemDetail.callback.title')}
      okText={t('problemDetail.callback.ok')}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('problemDetail.callback.intro', {
          due: formatDateTime(p.confirmDueAt) || '—',
          handler: p.resolvedBy?.name ?? p.responsibleUser?.name ?? '—',
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ result: '', satisfaction: undefined }}
        onFinish={submit}
      >
        <Form.Item
          name="result"
          label={result}
          extra={t('problemDetail.callback.resultHelp')}
          rules={requiredText(t, result)}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
        <SatisfactionField name="satisfaction" label={t('problemDetail.callback.satisfaction')} />
        {unhappy && <Alert type="warning" showIcon title={t('problemDetail.callback.reopenWarning')} />}
      </Form>
    </StepModal>
  )
}

/** 撤回 by the enterprise before it is resolved: a reason, and a clear warning that it ends here. */
export function WithdrawModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/withdraw`, { reason: v.reason.trim(), version: p.version })
      return t('problemDetail.withdraw.done')
    },
  })
  const label = t('problemDetail.withdraw.reason')
  return (
    <StepModal
      title={t('problemDetail.withdraw.title')}
      okText={t('problemDetail.withdraw.ok')}
      danger
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('problemDetail.withdraw.warning', { code: p.code })}
      />
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={submit}>
        <Form.Item name="reason" label={label} rules={requiredText(t, label)}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </StepModal>
  )
}
