import {
  Alert,
  App as AntApp,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { ApiError, patch, post } from '../../api/client'
import type { AdmissionHit, Department, ProjectDetail } from '../../api/types'
import { useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { EnterpriseSelect } from '../../components/EnterpriseSelect'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { RegionPicker } from '../../components/RegionPicker'
import { applyFieldError, errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import { useDictMap } from './project-ui'

const MONEY = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?$/

interface FormValues {
  zoneId?: number
  name: string
  enterpriseId?: number | null
  nature?: string | null
  industryCode?: string | null
  regionCode?: string | null
  address?: string
  level?: string | null
  stage?: string
  isKey: boolean
  isPublic: boolean
  totalInvestment: number | string
  completedBefore?: number | string | null
  period?: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null
  tags?: string[]
  description?: string
}

/** Money input in 万元, two decimals; the value stays a string for the API. */
function money(v: number | string | null | undefined) {
  if (v == null || v === '') return undefined
  return typeof v === 'number' ? v.toFixed(2).replace(/\.00$/, '') : v.trim()
}

/**
 * Create or edit a project. An industry on the zone's negative list comes back as a conflict: the
 * user is asked for the reason to go ahead anyway, and the save is repeated with it.
 */
export function ProjectFormModal({
  project,
  onClose,
  onSaved,
}: {
  project: ProjectDetail | null
  onClose: () => void
  onSaved: (p: ProjectDetail) => void
}) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [admission, setAdmission] = useState<{ hit: AdmissionHit; message: string } | null>(null)
  const [reason, setReason] = useState('')
  const isNew = !project
  const natures = useDictMap('project_nature')
  const levels = useDictMap('project_level')
  const stages = useDictMap('project_stage')
  const tags = useDictMap('project_tag')
  const tree = useDepartmentTree()
  const zones = (tree.data?.items ?? []).filter((d: Department) => d.kind === 'zone')
  const needsZone = isNew && !me?.zone
  const zoneId = Form.useWatch('zoneId', form)

  const opts = (m: ReturnType<typeof useDictMap>) =>
    m.items.filter((i) => i.enabled).map((i) => ({ value: i.code, label: i.label }))

  async function save(overrideReason?: string) {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    const [start, end] = v.period ?? [null, null]
    const body: Record<string, unknown> = {
      name: v.name.trim(),
      enterpriseId: v.enterpriseId ?? null,
      nature: v.nature ?? null,
      industryCode: v.industryCode ?? null,
      regionCode: v.regionCode ?? null,
      address: v.address?.trim() || null,
      level: v.level ?? null,
      isKey: v.isKey,
      isPublic: v.isPublic,
      totalInvestment: money(v.totalInvestment),
      completedBefore: money(v.completedBefore) ?? '0',
      startDate: start ? start.format('YYYY-MM-DD') : null,
      endDate: end ? end.format('YYYY-MM-DD') : null,
      tags: v.tags ?? [],
      description: v.description?.trim() || null,
      ...(overrideReason ? { admissionOverrideReason: overrideReason } : {}),
    }
    setBusy(true)
    try {
      const saved = isNew
        ? await post<ProjectDetail>('/api/projects', { ...body, stage: v.stage, zoneId: v.zoneId })
        : await patch<ProjectDetail>(`/api/projects/${project.id}`, { ...body, version: project.version })
      message.success(isNew ? t('projects.form.created', { code: saved.code }) : t('common.saved'))
      setAdmission(null)
      onSaved(saved)
      onClose()
    } catch (e) {
      const hit = (e as ApiError).details as { admission?: AdmissionHit } | undefined
      if (e instanceof ApiError && e.code === 'CONFLICT' && hit?.admission) {
        setAdmission({ hit: hit.admission, message: e.message })
      } else if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('common.conflict'))
        onClose()
      } else if (!applyFieldError(form, e, { startDate: 'period', endDate: 'period' })) {
        message.error(errorMessage(e))
      }
    } finally {
      setBusy(false)
    }
  }

  const initial: Partial<FormValues> = project
    ? {
        name: project.name,
        enterpriseId: project.enterpriseId,
        nature: project.nature,
        industryCode: project.industryCode,
        regionCode: project.regionCode,
        address: project.address ?? '',
        level: project.level,
        isKey: project.isKey,
        isPublic: project.isPublic,
        totalInvestment: project.totalInvestment,
        completedBefore: project.completedBefore,
        period:
          project.startDate || project.endDate
            ? [
                project.startDate ? dayjs(project.startDate) : null,
                project.endDate ? dayjs(project.endDate) : null,
              ]
            : null,
        tags: project.tags,
        description: project.description ?? '',
      }
    : { isKey: true, isPublic: false, stage: 'negotiating', tags: [], completedBefore: '0' }

  return (
    <>
      <Modal
        open
        width={760}
        title={isNew ? t('projects.create') : t('projects.editTitle', { code: project.code })}
        onCancel={onClose}
        onOk={() => save()}
        confirmLoading={busy}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial}>
          <Row gutter={16}>
            {needsZone && (
              <Col xs={24}>
                <Form.Item
                  name="zoneId"
                  label={t('projects.field.zone')}
                  rules={[
                    { required: true, message: t('common.required', { field: t('projects.field.zone') }) },
                  ]}
                >
                  <Select options={zones.map((z) => ({ value: z.id, label: z.name }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item
                name="name"
                label={t('projects.field.name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('common.required', { field: t('projects.field.name') }),
                  },
                  { max: 100 },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="enterpriseId" label={t('projects.field.enterprise')}>
                <EnterpriseSelect
                  initial={project?.enterprise ?? null}
                  zoneId={needsZone ? zoneId : undefined}
                  placeholder={t('projects.form.enterprisePlaceholder')}
                  emptyText={t('projects.form.noEnterprise')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industryCode" label={t('projects.field.industry')}>
                <IndustryTreeSelect placeholder={t('projects.form.industryPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="nature" label={t('projects.field.nature')}>
                <Select allowClear options={opts(natures)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="level" label={t('projects.field.level')}>
                <Select allowClear options={opts(levels)} />
              </Form.Item>
            </Col>
            {isNew && (
              <Col xs={24} md={8}>
                <Form.Item name="stage" label={t('projects.field.stage')}>
                  <Select options={opts(stages)} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={isNew ? 12 : 8}>
              <Form.Item
                name="totalInvestment"
                label={t('projects.field.totalInvestment')}
                rules={[
                  {
                    required: true,
                    message: t('common.required', { field: t('projects.field.totalInvestment') }),
                  },
                  {
                    validator: (_, v) =>
                      v == null || v === '' || MONEY.test(String(money(v)))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('projects.form.moneyRule'))),
                  },
                ]}
              >
                <InputNumber<string>
                  stringMode
                  min="0"
                  precision={2}
                  style={{ width: '100%' }}
                  suffix={t('projects.unitWan')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="completedBefore" label={t('projects.field.completedBefore')}>
                <InputNumber<string>
                  stringMode
                  min="0"
                  precision={2}
                  style={{ width: '100%' }}
                  suffix={t('projects.unitWan')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="period" label={t('projects.field.period')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('projects.field.region')}>
                <RegionPicker changeOnSelect style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('projects.field.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="tags" label={t('projects.field.tags')}>
                <Select mode="multiple" allowClear options={opts(tags)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('projects.form.flags')}>
                <Form.Item name="isKey" valuePropName="checked" noStyle>
                  <Checkbox>{t('projects.field.isKey')}</Checkbox>
                </Form.Item>
                <Form.Item name="isPublic" valuePropName="checked" noStyle>
                  <Checkbox>{t('projects.field.isPublic')}</Checkbox>
                </Form.Item>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('projects.field.description')}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      {admission && (
        <Modal
          open
          title={t('admission.confirmTitle')}
          okText={t('admission.confirmOk')}
          okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
          confirmLoading={busy}
          onCancel={() => setAdmission(null)}
          onOk={() => save(reason.trim())}
          destroyOnHidden
        >
          <Alert
            type={admission.hit.kind === 'forbidden' ? 'error' : 'warning'}
            showIcon
            title={admission.message}
            description={t('admission.listedAs', {
              code: admission.hit.industryCode,
              name: admission.hit.industryName,
              kind: t(`admission.kind.${admission.hit.kind}`),
            })}
            style={{ marginBottom: 12 }}
          />
          <Typography.Paragraph type="secondary">{t('admission.reasonHelp')}</Typography.Paragraph>
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={500}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('admission.reasonPlaceholder')}
            aria-label={t('admission.reason')}
          />
        </Modal>
      )}
    </>
  )
}
