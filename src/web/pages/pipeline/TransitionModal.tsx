import { Alert, App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { post } from '../../api/client'
import type { Lead, LeadStage } from '../../api/types'
import { dayjs, formatMoney } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { notFuture, todayBeijing } from './stages'

/**
 * Moves a lead to the next stage, asking for what that stage needs: 洽谈 the planned investment,
 * 签约 the date and agreed amount, 放弃 a reason; 落地 creates the key project and offers to open it.
 */
export function TransitionModal({
  lead,
  to,
  onClose,
  onSaved,
}: {
  lead: Lead
  to: LeadStage
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { modal } = AntApp.useApp()
  const navigate = useNavigate()
  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      const body: Record<string, unknown> = { to, version: lead.version }
      if (to === 'negotiating') body.intendedInvestment = String(v.intendedInvestment)
      if (to === 'signed') {
        body.agreementDate = v.agreementDate.format('YYYY-MM-DD')
        body.agreementAmount = String(v.agreementAmount)
      }
      if (to === 'landed' && v.startDate) body.startDate = v.startDate.format('YYYY-MM-DD')
      if (to === 'dropped') body.reason = v.reason
      const res = await post<{ lead: Lead; project: { id: number; code: string } | null }>(
        `/api/pipeline/leads/${lead.id}/transition`,
        body,
      )
      if (res.project) {
        const project = res.project
        modal.success({
          title: t('pipeline.landedTitle'),
          content: t('pipeline.landedText', { name: lead.name, code: project.code }),
          okText: t('pipeline.openProject'),
          closable: true,
          onOk: () => navigate(`/projects/${project.id}`),
        })
        return t('pipeline.landedShort', { code: project.code })
      }
      return t('pipeline.moved', { stage: t(`pipeline.stage.${to}`) })
    },
  })

  const moneyRule = (field: string) => ({ required: true, message: t('common.required', { field }) })
  return (
    <Modal
      open
      title={t('pipeline.moveTitle', { name: lead.name, stage: t(`pipeline.stage.${to}`) })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t(`pipeline.moveOk.${to}`)}
      okButtonProps={{ danger: to === 'dropped' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          intendedInvestment: lead.intendedInvestment ?? undefined,
          agreementDate: lead.agreementDate ? dayjs(lead.agreementDate) : todayBeijing(),
          agreementAmount: lead.agreementAmount ?? lead.intendedInvestment ?? undefined,
        }}
      >
        <Typography.Paragraph type="secondary">{t(`pipeline.moveHint.${to}`)}</Typography.Paragraph>
        {to === 'negotiating' && (
          <Form.Item
            name="intendedInvestment"
            label={`${t('pipeline.intendedInvestment')}（${t('pipeline.unitWan')}）`}
            rules={[moneyRule(t('pipeline.intendedInvestment'))]}
          >
            <InputNumber min="0.01" precision={2} stringMode style={{ width: '100%' }} autoFocus />
          </Form.Item>
        )}
        {to === 'signed' && (
          <>
            <Form.Item
              name="agreementDate"
              label={t('pipeline.agreementDate')}
              rules={[moneyRule(t('pipeline.agreementDate'))]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item
              name="agreementAmount"
              label={`${t('pipeline.agreementAmount')}（${t('pipeline.unitWan')}）`}
              rules={[moneyRule(t('pipeline.agreementAmount'))]}
            >
              <InputNumber min="0.01" precision={2} stringMode style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {to === 'landed' && (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('pipeline.landingInfo', { amount: formatMoney(lead.agreementAmount, t) })}
            />
            <Form.Item name="startDate" label={t('pipeline.startDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {to === 'dropped' && (
          <Form.Item
            name="reason"
            label={t('pipeline.reason')}
            rules={[{ required: true, whitespace: true, message: t('pipeline.needReason') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
