import { Alert, Descriptions, Form, Input, Radio, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { post } from '../../../../api/client'
import type { ProblemDetail } from '../../../../api/types'
import { formatDateTime } from '../../../../lib/format'
import { SUPERVISION_LEVELS } from '../labels'
import { StepModal, useStepSubmit } from '../step-form'
import type { StepModalProps } from './types'

// Decisions of the supervision office: 审批延期 and 督办级别.

/** 审批延期 on the pending request: approve (the deadline moves on, the light turns yellow) or refuse with a reason. */
export function DecideExtensionModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ approve: boolean; note: string }>()
  const pending = p.extensions.find((x) => x.status === 'pending')
  const approve = Form.useWatch('approve', form)
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      if (!pending) throw new Error(t('problemDetail.decide.nonePending'))
      await post(`/api/problems/extensions/${pending.id}/decide`, {
        approve: v.approve,
        note: v.note?.trim() || undefined,
      })
      return v.approve ? t('problemDetail.decide.approved') : t('problemDetail.decide.refused')
    },
  })
  const decision = t('problemDetail.decide.decision')
  const note = t('problemDetail.decide.note')
  return (
    <StepModal
      title={t('problemDetail.decide.title')}
      okText={t('problemDetail.decide.ok')}
      okDisabled={!pending}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      {pending ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'days',
              label: t('problemDetail.extensions.days'),
              children: t('problemDetail.workdaysN', { n: pending.days }),
            },
            { key: 'reason', label: t('problemDetail.extensions.reason'), children: pending.reason },
            {
              key: 'by',
              label: t('problemDetail.extensions.requestedBy'),
              children: `${pending.requestedBy ?? '—'} · ${formatDateTime(pending.requestedAt)}`,
            },
            {
              key: 'deadline',
              label: t('problemDetail.decide.currentDeadline'),
              children: formatDateTime(p.deadlineAt) || '—',
            },
          ]}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={t('problemDetail.decide.nonePending')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ approve: true, note: '' }} onFinish={submit}>
        <Form.Item
          name="approve"
          label={decision}
          rules={[{ required: true, message: t('common.required', { field: decision }) }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('problemDetail.decide.approve') },
              { value: false, label: t('problemDetail.decide.refuse') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={note}
          rules={[
            {
              required: approve === false,
              whitespace: true,
              message: t('problemDetail.decide.noteRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </StepModal>
  )
}

/** 督办级别 一般 / 重点 / 挂牌. */
export function SupervisionModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ level: ProblemDetail['supervisionLevel'] }>()
  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/supervision`, { level: v.level, version: p.version })
      return t('problemDetail.supervision.done', { level: t(`problems.level.${v.level}`) })
    },
  })
  const label = t('problemDetail.supervision.level')
  return (
    <StepModal
      title={t('problemDetail.supervision.title')}
      okText={t('problemDetail.supervision.ok')}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('problemDetail.supervision.current', { level: t(`problems.level.${p.supervisionLevel}`) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ level: undefined }} onFinish={submit}>
        <Form.Item
          name="level"
          label={label}
          rules={[{ required: true, message: t('problemDetail.supervision.pick') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={SUPERVISION_LEVELS.map((l) => ({
              value: l,
              label: t(`problems.level.${l}`),
              disabled: l === p.supervisionLevel,
            }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t('problemDetail.supervision.help')}</Typography.Text>
      </Form>
    </StepModal>
  )
}
