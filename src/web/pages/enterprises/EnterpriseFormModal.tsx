import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { creditCodeProblem } from '../../../shared/credit-code'
import { useMe } from '../../api/auth'
import { patch, post } from '../../api/client'
import { useDict } from '../../api/queries'
import type { Enterprise } from '../../api/types'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { RegionPicker } from '../../components/RegionPicker'
import { UserSelect } from '../../components/UserSelect'
import { ZoneSelect } from '../../components/ZoneSelect'
import { dayjs } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'

const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/

/** Create or edit an enterprise; the credit code is checked here exactly as the server checks it. */
export function EnterpriseFormModal({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise: Enterprise | null
  onClose: () => void
  onSaved: (e: Enterprise) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const { data: me } = useMe()
  const isNew = !enterprise
  const needZone = isNew && !me?.zone
  const scales = useDict('enterprise_scale')

  const { submit, busy } = useModalSubmit({
    form,
    onClose,
    action: async (v) => {
      const body = {
        name: v.name,
        creditCode: v.creditCode?.trim() || null,
        industryCode: v.industryCode ?? null,
        regionCode: v.regionCode ?? null,
        address: v.address || null,
        lng: v.lng ?? null,
        lat: v.lat ?? null,
        legalRep: v.legalRep || null,
        scale: v.scale ?? null,
        contacts: (v.contacts ?? [])
          .filter((c: { name?: string }) => c?.name?.trim())
          .map((c: { name: string; title?: string; phone?: string }) => ({
            name: c.name.trim(),
            title: c.title || null,
            phone: c.phone || null,
          })),
        leaderUserId: v.leaderUserId ?? null,
        officerUserId: v.officerUserId ?? null,
        establishedOn: v.establishedOn ? v.establishedOn.format('YYYY-MM-DD') : null,
        description: v.description || null,
      }
      const saved = isNew
        ? await post<Enterprise>('/api/enterprises', { ...body, ...(needZone ? { zoneId: v.zoneId } : {}) })
        : await patch<Enterprise>(`/api/enterprises/${enterprise.id}`, {
            ...body,
            version: enterprise.version,
          })
      onSaved(saved)
      return isNew ? t('enterprises.created', { name: saved.name }) : undefined
    },
  })

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) })

  return (
    <Modal
      open
      title={isNew ? t('enterprises.create') : t('enterprises.edit')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      width={760}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          enterprise
            ? {
                ...enterprise,
                lng: enterprise.lng === null ? null : Number(enterprise.lng),
                lat: enterprise.lat === null ? null : Number(enterprise.lat),
                establishedOn: enterprise.establishedOn ? dayjs(enterprise.establishedOn) : null,
              }
            : { contacts: [{}] }
        }
      >
        <Row gutter={16}>
          {needZone && (
            <Col xs={24}>
              <Form.Item
                name="zoneId"
                label={t('enterprises.zone')}
                rules={[required(t('enterprises.zone'))]}
              >
                <ZoneSelect />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('enterprises.name')}
              rules={[{ ...required(t('enterprises.name')), whitespace: true }, { max: 100 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="creditCode"
              label={t('enterprises.creditCode')}
              extra={t('enterprises.creditCodeHint')}
              normalize={(v: string) => v?.toUpperCase()}
              rules={[
                {
                  validator: async (_, v?: string) => {
                    const p = v?.trim() ? creditCodeProblem(v) : null
                    if (p) throw new Error(p)
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={t('enterprises.industry')}>
              <IndustryTreeSelect placeholder={t('enterprises.industryHint')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('enterprises.region')}>
              <RegionPicker placeholder={t('enterprises.regionHint')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('enterprises.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lng" label={t('enterprises.lng')}>
              <InputNumber min={-180} max={180} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="lat"
              label={t('enterprises.lat')}
              dependencies={['lng']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v) => {
                    if ((v == null) !== (getFieldValue('lng') == null))
                      throw new Error(t('enterprises.pointBoth'))
                  },
                }),
              ]}
            >
              <InputNumber min={-90} max={90} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="legalRep" label={t('enterprises.legalRep')} rules={[{ max: 30 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="scale" label={t('enterprises.scale')}>
              <Select
                allowClear
                options={scales.data?.items.map((s) => ({ value: s.code, label: s.label }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="leaderUserId" label={t('enterprises.leader')}>
              <UserSelect known={enterprise?.leader ? [enterprise.leader] : []} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="officerUserId" label={t('enterprises.officer')}>
              <UserSelect known={enterprise?.officer ? [enterprise.officer] : []} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="establishedOn" label={t('enterprises.establishedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('enterprises.contacts')} required={false}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} wrap={false} align="top">
                    <Col flex="1 1 0">
                      <Row gutter={8}>
                        <Col xs={24} md={7}>
                          <Form.Item name={[f.name, 'name']} rules={[{ max: 30 }]}>
                            <Input placeholder={t('enterprises.contactName')} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={7}>
                          <Form.Item name={[f.name, 'title']} rules={[{ max: 30 }]}>
                            <Input placeholder={t('enterprises.contactTitle')} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={10}>
                          <Form.Item
                            name={[f.name, 'phone']}
                            rules={[{ pattern: PHONE, message: t('enterprises.phoneRule') }]}
                          >
                            <Input inputMode="tel" placeholder={t('enterprises.contactPhone')} />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Col>
                    <Col flex="none">
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  {t('enterprises.addContact')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="description" label={t('enterprises.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
