import { useQueryClient } from '@tanstack/react-query'
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { patch, post } from '../../api/client'
import { useDict } from '../../api/queries'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { useRegionTree } from '../../components/RegionPicker'
import { ZoneSelect } from '../../components/ZoneSelect'
import { dayjs } from '../../lib/format'
import { useModalSubmit } from '../../lib/use-modal-submit'
import type { PolicyDetail } from './types'

export const LEVELS = ['national', 'provincial', 'city', 'county', 'zone'] as const
export const BENEFITS = ['funds', 'tax', 'power', 'credit', 'talent', 'other'] as const

const money = (v: number | null | undefined) => (v == null ? null : String(v))

/** New or edited policy: its text, validity, benefit and the conditions an enterprise must meet. */
export function PolicyFormModal({
  open,
  policy,
  onClose,
  onSaved,
}: {
  open: boolean
  policy: PolicyDetail | null
  onClose: () => void
  onSaved: (id: number) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const { data: me } = useMe()
  const scales = useDict('enterprise_scale')
  const stages = useDict('project_stage')
  const regions = useRegionTree()
  const regionOptions = useMemo(() => {
    const out: Array<{ value: string; label: string }> = []
    const walk = (nodes: Array<{ value: string; label: string; children?: unknown[] }>, prefix: string) => {
      for (const n of nodes) {
        const label = prefix ? `${prefix} / ${n.label}` : n.label
        out.push({ value: n.value, label: `${label}（${n.value}）` })
        if (n.children && prefix.split(' / ').length < 2)
          walk(n.children as Array<{ value: string; label: string }>, label)
      }
    }
    walk(regions.data?.roots ?? [], '')
    return out
  }, [regions.data])

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (policy)
      form.setFieldsValue({
        ...policy,
        validity: [dayjs(policy.validFrom), policy.validTo ? dayjs(policy.validTo) : null],
        maxAmount: policy.maxAmount == null ? null : Number(policy.maxAmount),
        minInvestment: policy.minInvestment == null ? null : Number(policy.minInvestment),
        maxInvestment: policy.maxInvestment == null ? null : Number(policy.maxInvestment),
      })
    else form.setFieldsValue({ level: 'zone', benefitKind: 'funds' })
  }, [open, policy, form])

  const { submit, busy } = useModalSubmit({
    form,
    action: async (v) => {
      const [from, to] = v.validity ?? []
      const body = {
        title: v.title,
        docNumber: v.docNumber || null,
        issuer: v.issuer,
        level: v.level,
        benefitKind: v.benefitKind,
        summary: v.summary || null,
        benefitText: v.benefitText || null,
        maxAmount: money(v.maxAmount),
        validFrom: from ? from.format('YYYY-MM-DD') : '',
        validTo: to ? to.format('YYYY-MM-DD') : null,
        industries: v.industries ?? [],
        scales: v.scales ?? [],
        regions: v.regions ?? [],
        stages: v.stages ?? [],
        minInvestment: money(v.minInvestment),
        maxInvestment: money(v.maxInvestment),
        contactName: v.contactName || null,
        contactPhone: v.contactPhone || null,
        ...(policy ? { version: policy.version } : v.zoneId ? { zoneId: v.zoneId } : {}),
      }
      const saved = policy
        ? await patch<PolicyDetail>(`/api/policies/${policy.id}`, body)
        : await post<PolicyDetail>('/api/policies', body)
      await qc.invalidateQueries({ queryKey: ['policies'] })
      onSaved(saved.id)
      return t('policies.form.saved')
    },
    onClose,
  })

  return (
    <Modal
      open={open}
      title={policy ? t('policies.form.editTitle') : t('policies.form.newTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        {!policy && !me?.zone && (
          <Form.Item name="zoneId" label={t('policies.field.zone')} rules={[{ required: true }]}>
            <ZoneSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('policies.field.title')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit,minmax(200px,1fr))',
            gap: '0 16px',
          }}
        >
          <Form.Item name="docNumber" label={t('policies.field.docNumber')}>
            <Input maxLength={100} placeholder="达开发〔2026〕8号" />
          </Form.Item>
          <Form.Item name="issuer" label={t('policies.field.issuer')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="level" label={t('policies.field.level')} rules={[{ required: true }]}>
            <Select options={LEVELS.map((v) => ({ value: v, label: t(`policies.level.${v}`) }))} />
          </Form.Item>
          <Form.Item name="benefitKind" label={t('policies.field.benefitKind')} rules={[{ required: true }]}>
            <Select options={BENEFITS.map((v) => ({ value: v, label: t(`policies.benefit.${v}`) }))} />
          </Form.Item>
          <Form.Item
            name="validity"
            label={t('policies.field.validity')}
            extra={t('policies.form.validityHint')}
            rules={[
              {
                required: true,
                validator: (_r, v) =>
                  v?.[0]
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('policies.form.validFromRequired'))),
              },
            ]}
          >
            <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="maxAmount" label={t('policies.field.maxAmount')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('common.unitWan')} />
          </Form.Item>
        </div>
        <Form.Item name="benefitText" label={t('policies.field.benefitText')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="summary" label={t('policies.field.summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <fieldset
          style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}
        >
          <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px', margin: 0, border: 0 }}>
            {t('policies.form.conditions')}
          </legend>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit,minmax(220px,1fr))',
              gap: '0 16px',
            }}
          >
            <Form.Item name="industries" label={t('policies.field.industries')}>
              <IndustryTreeSelect multiple sectionsSelectable placeholder={t('policies.form.any')} />
            </Form.Item>
            <Form.Item name="scales" label={t('policies.field.scales')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('policies.form.any')}
                options={(scales.data?.items ?? []).map((d) => ({ value: d.code, label: d.label }))}
              />
            </Form.Item>
            <Form.Item name="regions" label={t('policies.field.regions')}>
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('policies.form.any')}
                options={regionOptions}
              />
            </Form.Item>
            <Form.Item name="stages" label={t('policies.field.stages')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('policies.form.any')}
                options={(stages.data?.items ?? []).map((d) => ({ value: d.code, label: d.label }))}
              />
            </Form.Item>
            <Form.Item name="minInvestment" label={t('policies.field.minInvestment')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('common.unitWan')} />
            </Form.Item>
            <Form.Item name="maxInvestment" label={t('policies.field.maxInvestment')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('common.unitWan')} />
            </Form.Item>
          </div>
        </fieldset>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit,minmax(200px,1fr))',
            gap: '0 16px',
          }}
        >
          <Form.Item name="contactName" label={t('policies.field.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('policies.field.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  )
}
