import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons'
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
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { get, post } from '../../api/client'
import { errorMessage } from '../../lib/form-errors'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { ApplicationTag, Reasons, useWan, validText } from '../policies/policy-ui'
import type { ApplicationDetail, PolicyDetail } from '../policies/types'
import { AttachmentsPanel } from '../projects/AttachmentsPanel'
import { PortalColumn, PortalGate } from './portal-ui'

/** One policy for the enterprise: what it gives, why the enterprise qualifies, and the apply form. */
export default function PortalPolicyPage() {
  return <PortalGate>{() => <PolicyPage />}</PortalGate>
}

function PolicyPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const wan = useWan()
  const [form] = Form.useForm()
  const q = useQuery({
    queryKey: ['policies', 'detail', Number(id)],
    queryFn: () => get<PolicyDetail>(`/api/policies/${id}`),
  })
  const { submit: apply, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const a = await post<ApplicationDetail>('/api/policy-applications', {
        policyId: q.data!.id,
        amountRequested: String(v.amountRequested),
        content: v.content,
      })
      await qc.invalidateQueries({ queryKey: ['policies'] })
      navigate(`/portal/policy-applications/${a.id}`)
      return t('policies.portal.appliedOk', { code: a.code })
    },
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
  const p = q.data

  return (
    <PortalColumn>
      <Link to="/portal/policies">
        <ArrowLeftOutlined /> {t('policies.portal.back')}
      </Link>
      <Typography.Title level={4} style={{ marginTop: 8 }}>
        {p.title}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('policies.field.docNumber')}>{p.docNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('policies.field.issuer')}>{p.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('policies.field.benefitKind')}>
          {p.benefitLabel} · {p.benefitText}
          {p.maxAmount && ` · ${t('policies.maxAmount', { amount: wan(p.maxAmount) })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('policies.field.validity')}>
          {validText(p, t('policies.longTerm'))}
        </Descriptions.Item>
        <Descriptions.Item label={t('policies.field.conditions')}>
          {p.conditions.join('；')}
        </Descriptions.Item>
        {p.summary && <Descriptions.Item label={t('policies.field.summary')}>{p.summary}</Descriptions.Item>}
        {(p.contactName || p.contactPhone) && (
          <Descriptions.Item label={t('policies.field.contact')}>
            {p.contactName}{' '}
            {p.contactPhone && (
              <a href={`tel:${p.contactPhone}`}>
                <PhoneOutlined /> {p.contactPhone}
              </a>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.match?.matched ? (
        <Card size="small" title={t('policies.portal.why')} style={{ marginBottom: 16 }}>
          <Reasons reasons={p.match.reasons} />
        </Card>
      ) : (
        p.match && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('policies.portal.notQualified', { why: p.match.unmet })}
          />
        )
      )}
      <Typography.Title level={5}>{t('policies.documents')}</Typography.Title>
      <AttachmentsPanel ownerType="policy" ownerId={p.id} canWrite={false} />
      {p.application ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          title={
            <span>
              {t('policies.portal.alreadyApplied', { code: p.application.code })}{' '}
              <ApplicationTag status={p.application.status} label={p.application.statusLabel} />
            </span>
          }
          action={<Link to={`/portal/policy-applications/${p.application.id}`}>{t('policies.view')}</Link>}
        />
      ) : (
        p.canApply && (
          <Card title={t('policies.portal.applyTitle')} style={{ marginTop: 16 }}>
            <Form form={form} layout="vertical" onFinish={apply} requiredMark="optional">
              <Form.Item
                name="amountRequested"
                label={t('policies.app.requestedLabel')}
                extra={p.maxAmount ? t('policies.maxAmount', { amount: wan(p.maxAmount) }) : undefined}
                rules={[{ required: true, message: t('policies.portal.amountRequired') }]}
              >
                <InputNumber
                  min={0.01}
                  max={p.maxAmount ? Number(p.maxAmount) : undefined}
                  precision={2}
                  inputMode="decimal"
                  style={{ width: '100%' }}
                  suffix={t('common.unitWan')}
                  autoFocus
                />
              </Form.Item>
              <Form.Item
                name="content"
                label={t('policies.app.content')}
                rules={[{ required: true, min: 5, message: t('policies.portal.contentRequired') }]}
              >
                <Input.TextArea
                  rows={4}
                  maxLength={4000}
                  showCount
                  placeholder={t('policies.portal.contentPlaceholder')}
                />
              </Form.Item>
              <Typography.Paragraph type="secondary">
                {t('policies.portal.materialsHint')}
              </Typography.Paragraph>
              <Button type="primary" htmlType="submit" loading={busy} block size="large">
                {t('policies.portal.submit')}
              </Button>
            </Form>
          </Card>
        )
      )}
    </PortalColumn>
  )
}
