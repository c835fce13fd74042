import { ArrowLeftOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Skeleton,
  Table,
  Timeline,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { get, post } from '../../api/client'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { ApplicationTag, useWan } from '../policies/policy-ui'
import type { ApplicationDetail } from '../policies/types'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import { PortalColumn, PortalGate } from './portal-ui'

/** 我的申报 — one application: where it stands, every step, the payments, materials, and resubmitting after 退回补充. */
export default function PortalApplicationPage() {
  return <PortalGate>{() => <ApplicationPage />}</PortalGate>
}

function ApplicationPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const qc = useQueryClient()
  const wan = useWan()
  const [form] = Form.useForm()
  const q = useQuery({
    queryKey: ['policies', 'application', Number(id)],
    queryFn: () => get<ApplicationDetail>(`/api/policy-applications/${id}`),
  })
  const { submit: resubmit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const a = q.data!
      await post(`/api/policy-applications/${a.id}/resubmit`, {
        amountRequested: String(v.amountRequested),
        content: v.content,
        note: v.note || null,
        version: a.version,
      })
      return t('policies.portal.resubmitted')
    },
    onSaved: () => qc.invalidateQueries({ queryKey: ['policies'] }),
  })
  if (q.isLoading) return <Skeleton active />
  if (q.isError || !q.data)
    return (
      <Result
        status="404"
        title={errorMessage(q.error)}
        extra={<Link to="/portal/policies">{t('policies.portal.back')}</Link>}
      />
    )
  const a = q.data
  const returned = a.steps.filter((s) => s.action === 'return').at(-1)

  return (
    <PortalColumn>
      <Link to="/portal/policies">
        <ArrowLeftOutlined /> {t('policies.portal.back')}
      </Link>
      <Typography.Title level={4} style={{ marginTop: 8 }}>
        {a.policy.title}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('policies.app.code')}>{a.code}</Descriptions.Item>
        <Descriptions.Item label={t('policies.app.status')}>
          <ApplicationTag status={a.status} label={a.statusLabel} />
        </Descriptions.Item>
        <Descriptions.Item label={t('policies.app.requested')}>{wan(a.amountRequested)}</Descriptions.Item>
        {a.amountGranted && (
          <Descriptions.Item label={t('policies.app.granted')}>{wan(a.amountGranted)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('policies.app.paid')}>{wan(a.amountPaid)}</Descriptions.Item>
        <Descriptions.Item label={t('policies.app.content')}>{a.content}</Descriptions.Item>
      </Descriptions>
      {a.payments.length > 0 && (
        <Card size="small" title={t('policies.app.payments')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey={(r) => `${r.paidOn}-${r.amount}-${r.note}`}
            pagination={false}
            dataSource={a.payments}
            columns={[
              { title: t('policies.app.paidOn'), dataIndex: 'paidOn' },
              { title: t('policies.app.payAmount'), dataIndex: 'amount', render: (v) => wan(v) },
              { title: t('policies.app.note'), dataIndex: 'note' },
            ]}
          />
        </Card>
      )}
      {a.actions.includes('resubmit') && (
        <Card title={t('policies.portal.resubmitTitle')} style={{ marginBottom: 16 }}>
          {returned?.note && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('policies.portal.returnedFor', { note: returned.note })}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={resubmit}
            initialValues={{ amountRequested: Number(a.amountRequested), content: a.content }}
          >
            <Form.Item
              name="amountRequested"
              label={t('policies.app.requestedLabel')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={0.01}
                precision={2}
                inputMode="decimal"
                style={{ width: '100%' }}
                suffix={t('common.unitWan')}
              />
            </Form.Item>
            <Form.Item name="content" label={t('policies.app.content')} rules={[{ required: true, min: 5 }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Form.Item name="note" label={t('policies.portal.resubmitNote')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('policies.portal.resubmit')}
            </Button>
          </Form>
        </Card>
      )}
      <Typography.Title level={5}>{t('policies.app.materials')}</Typography.Title>
      <AttachmentsPanel
        ownerType="policy_application"
        ownerId={a.id}
        canWrite={a.status === 'submitted' || a.status === 'returned'}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('policies.app.steps')}
      </Typography.Title>
      <Timeline
        items={a.steps.map((s) => ({
          key: s.id,
          content: (
            <div>
              <Typography.Text strong>{s.actionLabel}</Typography.Text> → {s.toStatusLabel}
              {s.amount && ` · ${wan(s.amount)}`}
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
    </PortalColumn>
  )
}
