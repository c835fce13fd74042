import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get, post } from '../../api/client'
import { dayjs, formatDateTime } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import { ApplicationTag, useWan } from './policy-ui'
import type { ApplicationAction, ApplicationDetail } from './types'

type StaffAction = Exclude<ApplicationAction, 'resubmit'>

/** The step's form: a note (required to return or refuse), the amount granted, or a payment. */
function StepModal({
  app,
  action,
  onClose,
}: {
  app: ApplicationDetail
  action: StaffAction | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      if (action === 'pay')
        await post(`/api/policy-applications/${app.id}/payments`, {
          amount: String(v.amount),
          paidOn: v.paidOn.format('YYYY-MM-DD'),
          note: v.note || null,
          version: app.version,
        })
      else
        await post(`/api/policy-applications/${app.id}/review`, {
          action,
          note: v.note || null,
          amountGranted: v.amountGranted == null ? null : String(v.amountGranted),
          version: app.version,
        })
      return t('policies.app.done', { action: t(`policies.app.action.${action}`) })
    },
    onSaved: () => void qc.invalidateQueries({ queryKey: ['policies'] }),
    onClose,
  })
  const needNote = action === 'return' || action === 'reject'
  return (
    <Modal
      open={!!action}
      title={action ? `${t(`policies.app.action.${action}`)} · ${app.code}` : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          amountGranted: Number(app.amountRequested),
          amount: app.remaining ? Number(app.remaining) : undefined,
          paidOn: dayjs(),
        }}
      >
        {action === 'approve' && (
          <Form.Item name="amountGranted" label={t('policies.app.granted')} rules={[{ required: true }]}>
            <InputNumber
              min={0.01}
              precision={2}
              style={{ width: '100%' }}
              suffix={t('common.unitWan')}
              autoFocus
            />
          </Form.Item>
        )}
        {action === 'pay' && (
          <>
            <Form.Item
              name="amount"
              label={t('policies.app.payAmount')}
              extra={t('policies.app.remaining', { amount: app.remaining })}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={0.01}
                precision={2}
                style={{ width: '100%' }}
                suffix={t('common.unitWan')}
                autoFocus
              />
            </Form.Item>
            <Form.Item name="paidOn" label={t('policies.app.paidOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={needNote ? t(`policies.app.noteFor.${action}`) : t('policies.app.note')}
          rules={needNote ? [{ required: true, min: 2 }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} autoFocus={action === 'accept' || needNote} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** A policy application for the staff: what was asked, every step, payments, materials and the next steps. */
export function ApplicationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation()
  const wan = useWan()
  const [action, setAction] = useState<StaffAction | null>(null)
  const q = useQuery({
    queryKey: ['policies', 'application', id],
    queryFn: () => get<ApplicationDetail>(`/api/policy-applications/${id}`),
    enabled: !!id,
  })
  const a = q.data
  const staffActions = (a?.actions ?? []).filter((x): x is StaffAction => x !== 'resubmit')
  return (
    <Drawer open={!!id} onClose={onClose} size={640} title={a ? `${a.code} · ${a.enterprise.name}` : ''}>
      {a && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {staffActions.map((k) => (
              <Button
                key={k}
                type={k === 'approve' || k === 'pay' || k === 'accept' ? 'primary' : 'default'}
                danger={k === 'reject'}
                onClick={() => setAction(k)}
              >
                {t(`policies.app.action.${k}`)}
              </Button>
            ))}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('policies.app.status')}>
              <ApplicationTag status={a.status} label={a.statusLabel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.app.policy')}>{a.policy.title}</Descriptions.Item>
            <Descriptions.Item label={t('policies.app.requested')}>
              {wan(a.amountRequested)}
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.app.granted')}>{wan(a.amountGranted)}</Descriptions.Item>
            <Descriptions.Item label={t('policies.app.paid')}>
              {wan(a.amountPaid)}
              {a.remaining &&
                a.remaining !== '0.00' &&
                ` · ${t('policies.app.remaining', { amount: a.remaining })}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('policies.app.content')}>{a.content}</Descriptions.Item>
            <Descriptions.Item label={t('policies.app.appliedBy')}>
              {a.appliedBy?.name} {a.onBehalf && `（${t('policies.app.onBehalf')}）`} ·{' '}
              {formatDateTime(a.appliedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('policies.app.steps')}
          </Typography.Title>
          <Timeline
            items={a.steps.map((s) => ({
              key: s.id,
              content: (
                <div>
                  <Typography.Text strong>{s.actionLabel}</Typography.Text> → {s.toStatusLabel}
                  {s.amount && ` · ${wan(s.amount)}`}
                  {s.paidOn && ` · ${s.paidOn}`}
                  <div>
                    <Typography.Text type="secondary">
                      {s.actorName} · {formatDateTime(s.at)}
                    </Typography.Text>
                  </div>
                  {s.note && <div>{s.note}</div>}
                </div>
              ),
            }))}
          />
          <Typography.Title level={5}>{t('policies.app.materials')}</Typography.Title>
          <AttachmentsPanel ownerType="policy_application" ownerId={a.id} canWrite />
          <StepModal app={a} action={action} onClose={() => setAction(null)} />
        </>
      )}
    </Drawer>
  )
}
