import { AutoComplete, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { patch, post } from '../../api/client'
import type { Lead } from '../../api/types'
import { EnterpriseSelect } from '../../components/EnterpriseSelect'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { UserSelect } from '../../components/UserSelect'
import { ZoneSelect } from '../../components/ZoneSelect'
import { dayjs } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import { notFuture, SOURCES } from './stages'

const money = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v))

/** Create or edit a lead (招商项目). Stage changes go through the transition dialog. */
export function LeadFormModal({
  lead,
  onClose,
  onSaved,
}: {
  lead: Lead | null
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { data: me } = useMe()
  const isNew = !lead
  const needZone = isNew && !me?.zone
  const signedFields = lead?.stage === 'signed' || lead?.stage === 'landed'

  const { submit, busy } = useModalSubmit({
    form,
    onSaved,
    onClose,
    action: async (v) => {
      const body = {
        name: v.name,
        investor: v.investor,
        enterpriseId: v.enterpriseId ?? null,
        industryCode: v.industryCode ?? null,
        source: v.source?.trim() || null,
        intendedInvestment: money(v.intendedInvestment),
        ownerUserId: v.ownerUserId ?? null,
        contact: v.contact || null,
        notes: v.notes || null,
      }
      if (isNew) {
        await post('/api/pipeline/leads', { ...body, ...(needZone ? { zoneId: v.zoneId } : {}) })
        return t('pipeline.created', { name: v.name })
      }
      await patch(`/api/pipeline/leads/${lead.id}`, {
        ...body,
        ...(signedFields
          ? {
              agreementDate: v.agreementDate ? v.agreementDate.format('YYYY-MM-DD') : null,
              agreementAmount: money(v.agreementAmount),
            }
          : {}),
        version: lead.version,
      })
      return undefined
    },
  })
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  })

  return (
    <Modal
      open
      title={isNew ? t('pipeline.create') : t('pipeline.edit')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          lead
            ? { ...lead, agreementDate: lead.agreementDate ? dayjs(lead.agreementDate) : null }
            : { ownerUserId: me?.id }
        }
      >
        <Row gutter={16}>
          {needZone && (
            <Col xs={24}>
              <Form.Item
                name="zoneId"
                label={t('enterprises.zone')}
                rules={[{ required: true, message: t('common.required', { field: t('enterprises.zone') }) }]}
              >
                <ZoneSelect />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('pipeline.name')}
              rules={[required(t('pipeline.name')), { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="investor"
              label={t('pipeline.investor')}
              rules={[required(t('pipeline.investor')), { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="enterpriseId" label={t('pipeline.enterprise')}>
              <EnterpriseSelect
                initial={
                  lead?.enterpriseId ? { id: lead.enterpriseId, name: lead.enterpriseName ?? '' } : null
                }
                placeholder={t('pipeline.enterpriseHint')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={t('pipeline.industry')}>
              <IndustryTreeSelect placeholder={t('enterprises.industryHint')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('pipeline.source')} rules={[{ max: 30 }]}>
              <AutoComplete
                options={SOURCES.map((s) => ({ value: s }))}
                placeholder={t('pipeline.sourceHint')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="intendedInvestment"
              label={`${t('pipeline.intendedInvestment')}（${t('pipeline.unitWan')}）`}
              rules={
                lead?.stage === 'negotiating' ? [{ required: true, message: t('pipeline.needIntended') }] : []
              }
            >
              <InputNumber min="0.01" precision={2} stringMode style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {signedFields && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name="agreementDate"
                  label={t('pipeline.agreementDate')}
                  rules={[
                    { required: true, message: t('common.required', { field: t('pipeline.agreementDate') }) },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="agreementAmount"
                  label={`${t('pipeline.agreementAmount')}（${t('pipeline.unitWan')}）`}
                  rules={[
                    {
                      required: true,
                      message: t('common.required', { field: t('pipeline.agreementAmount') }),
                    },
                  ]}
                >
                  <InputNumber min="0.01" precision={2} stringMode style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="ownerUserId" label={t('pipeline.owner')}>
              <UserSelect
                known={
                  lead?.ownerUserId
                    ? [{ id: lead.ownerUserId, name: lead.ownerName ?? '' }]
                    : me
                      ? [{ id: me.id, name: me.displayName }]
                      : []
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contact" label={t('pipeline.contact')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('pipeline.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
