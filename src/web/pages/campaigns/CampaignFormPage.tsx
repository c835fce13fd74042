import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { useMe } from '../../api/auth'
import { ApiError, get, patch, post } from '../../api/client'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { PageHeader } from '../../components/PageHeader'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { dayjs } from '../../lib/format'
import { ProjectsSelect } from '../visits/visit-ui'
import { type CampaignDetail, TARGET_KEYS, type Targets } from './types'

interface Values {
  zoneId?: number
  name: string
  kind: 'hundred_days' | 'special'
  range: [Dayjs, Dayjs]
  description?: string
  targets: {
    projectsToStart?: number | null
    investment?: string | null
    problemsToClose?: number | null
    visits?: number | null
  }
  projectIds?: number[]
  departmentIds?: number[]
}

/** Server field → form field (dates share one picker; targets are nested). */
function fieldPath(field: string): (string | number)[] {
  if (field === 'startsOn' || field === 'endsOn') return ['range']
  return field.split('.')
}

/** 新建 / 修改攻坚行动: dates, targets (at least one), participating projects and departments. */
export default function CampaignFormPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const editing = !!id
  const { message } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { data: me } = useMe()
  const [form] = Form.useForm<Values>()
  const current = useQuery({
    queryKey: ['campaigns', Number(id)],
    queryFn: () => get<CampaignDetail>(`/api/campaigns/${id}`),
    enabled: editing,
  })

  const save = useMutation({
    mutationFn: (v: Values) => {
      const targets: Targets = {}
      for (const k of TARGET_KEYS) {
        const x = v.targets?.[k]
        if (x != null && x !== '')
          (targets as Record<string, unknown>)[k] = k === 'investment' ? String(x).trim() : x
      }
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1].format('YYYY-MM-DD'),
        description: v.description?.trim() || null,
        targets,
        projectIds: v.projectIds ?? [],
        departmentIds: v.departmentIds ?? [],
      }
      return editing
        ? patch<CampaignDetail>(`/api/campaigns/${id}`, { ...body, version: current.data!.version })
        : post<CampaignDetail>('/api/campaigns', { ...body, zoneId: v.zoneId })
    },
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['campaigns'] })
      message.success(t(editing ? 'campaigns.form.saved' : 'campaigns.form.created'))
      navigate(`/rhythm/campaigns/${c.id}`)
    },
    onError: (err) => {
      if (err instanceof ApiError && err.field) {
        const name = fieldPath(err.field)
        form.setFields([{ name: name as never, errors: [err.message] }])
        form.scrollToField(name as never)
        if (name[0] !== 'range' && name[0] !== 'targets' && !(name[0] in form.getFieldsValue(true)))
          message.error(err.message)
      } else message.error(errorMessage(err))
    },
  })

  if (editing && current.isLoading) return <Skeleton active />
  if (editing && current.isError) return <Alert type="error" showIcon title={errorMessage(current.error)} />
  const c = current.data
  const initial: Partial<Values> = c
    ? {
        name: c.name,
        kind: c.kind,
        range: [dayjs(c.startsOn), dayjs(c.endsOn)],
        description: c.description ?? undefined,
        targets: { ...c.targets },
        projectIds: c.projects.map((p) => p.id),
        departmentIds: c.departments.map((d) => d.id),
      }
    : { kind: 'hundred_days', targets: {} }

  return (
    <>
      <PageHeader
        title={editing ? t('campaigns.form.editTitle') : t('campaigns.new')}
        subtitle={t('campaigns.form.subtitle')}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 900 }}
      >
        <Card size="small" title={t('campaigns.form.basics')} style={{ marginBottom: 12 }}>
          {!editing && !!me && !me.zone && (
            <Form.Item
              name="zoneId"
              label={t('campaigns.field.zone')}
              rules={[{ required: true, message: t('campaigns.form.zoneRequired') }]}
            >
              <ZoneSelect />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={t('campaigns.field.name')}
            rules={[{ required: true, min: 2, message: t('campaigns.form.nameRequired') }]}
          >
            <Input maxLength={60} placeholder={t('campaigns.placeholder.name')} />
          </Form.Item>
          <Form.Item name="kind" label={t('campaigns.field.kind')}>
            <Radio.Group
              optionType="button"
              options={(['hundred_days', 'special'] as const).map((k) => ({
                value: k,
                label: t(`campaigns.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('campaigns.field.range')}
            extra={t('campaigns.hint.range')}
            rules={[{ required: true, message: t('campaigns.form.rangeRequired') }]}
          >
            <DatePicker.RangePicker style={{ width: '100%', maxWidth: 360 }} />
          </Form.Item>
          <Form.Item name="description" label={t('campaigns.field.description')}>
            <Input.TextArea
              rows={3}
              maxLength={4000}
              showCount
              placeholder={t('campaigns.placeholder.description')}
            />
          </Form.Item>
        </Card>
        <Card size="small" title={t('campaigns.form.targets')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('campaigns.hint.targets')}
          </Typography.Paragraph>
          <Row gutter={12}>
            {(['projectsToStart', 'problemsToClose', 'visits'] as const).map((k) => (
              <Col xs={24} sm={12} md={6} key={k}>
                <Form.Item name={['targets', k]} label={t(`campaigns.target.${k}`)}>
                  <InputNumber
                    min={1}
                    precision={0}
                    style={{ width: '100%' }}
                    suffix={t(`campaigns.unit.${k}`)}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name={['targets', 'investment']}
                label={t('campaigns.target.investment')}
                rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('campaigns.form.moneyFormat') }]}
              >
                <Input inputMode="decimal" suffix={t('campaigns.unit.investment')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('campaigns.form.participants')} style={{ marginBottom: 12 }}>
          <Form.Item
            name="projectIds"
            label={t('campaigns.field.projects')}
            extra={t('campaigns.hint.projects')}
          >
            <ProjectsSelect known={c?.projects ?? []} placeholder={t('campaigns.placeholder.projects')} />
          </Form.Item>
          <Form.Item
            name="departmentIds"
            label={t('campaigns.field.departments')}
            extra={t('campaigns.hint.departments')}
          >
            <DepartmentTreeSelect multiple placeholder={t('campaigns.placeholder.departments')} />
          </Form.Item>
        </Card>
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => navigate(editing ? `/rhythm/campaigns/${id}` : '/rhythm/campaigns')}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </>
  )
}
