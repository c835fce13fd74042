import { Alert, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { post } from '../../../../api/client'
import { useDict } from '../../../../api/queries'
import type { ProblemDetail } from '../../../../api/types'
import { DepartmentTreeSelect } from '../../../../components/DepartmentTreeSelect'
import { UserSelect } from '../../../../components/UserSelect'
import { DepartmentSuggestions } from '../../suggest/DepartmentSuggestions'
import { SimilarProblems } from '../../suggest/SimilarProblems'
import { PROBLEM_TYPES, SUPERVISION_LEVELS } from '../labels'
import { EnterSubmit, StepModal, useStepSubmit } from '../step-form'
import { defaultDays, useDeadlineSettings } from '../use-problem'
import type { StepModalProps } from './types'

type ProblemType = (typeof PROBLEM_TYPES)[number]

interface Values {
  type: ProblemType
  category: string
  leadDepartmentId: number
  coDepartmentIds: number[]
  responsibleLeaderId?: number
  responsibleUserId?: number
  deadlineDays: number
  supervisionLevel: ProblemDetail['supervisionLevel']
  note: string
}

/**
 * 受理分办: type, category, the lead unit (with the top 3 suggestions from past routing), co units,
 * the responsible leader and person, the deadline in working days (the default follows the type and
 * the category until the user types their own), the supervision level and a note. Similar open
 * problems are shown first so that duplicates are caught here.
 */
export function TriageModal({ problem: p, onClose, onDone }: StepModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const categories = useDict('problem_category')
  const settings = useDeadlineSettings()
  const [ownDays, setOwnDays] = useState(false)
  const type = Form.useWatch('type', form)
  const category = Form.useWatch('category', form)
  const dflt = defaultDays(settings.data, type, category)
  const maxDays = type === 'longterm' ? 250 : (settings.data?.maxDays ?? 250)
  // The settings may arrive after the form opened: fill the default then, unless the user typed days.
  useEffect(() => {
    if (ownDays || form.getFieldValue('deadlineDays')) return
    const d = defaultDays(settings.data, form.getFieldValue('type'), form.getFieldValue('category'))
    if (d) form.setFieldValue('deadlineDays', d.days)
  }, [settings.data, ownDays, form])
  const lastReturn = p.status === 'returned' ? p.timeline.find((e) => e.kind === 'returned') : undefined

  const { submit, busy } = useStepSubmit({
    form,
    onClose,
    onDone,
    action: async (v) => {
      await post(`/api/problems/${p.id}/accept`, {
        type: v.type,
        category: v.category,
        leadDepartmentId: v.leadDepartmentId,
        coDepartmentIds: (v.coDepartmentIds ?? []).filter((d) => d !== v.leadDepartmentId),
        responsibleLeaderId: v.responsibleLeaderId ?? null,
        responsibleUserId: v.responsibleUserId ?? null,
        deadlineDays: v.deadlineDays,
        supervisionLevel: v.supervisionLevel,
        note: v.note?.trim() || undefined,
        version: p.version,
      })
      return t('problemDetail.triage.done')
    },
  })

  function onValuesChange(changed: Partial<Values>, all: Values) {
    if ('deadlineDays' in changed) setOwnDays(true)
    if (('type' in changed || 'category' in changed) && !ownDays) {
      const d = defaultDays(settings.data, all.type, all.category)
      if (d) form.setFieldValue('deadlineDays', d.days)
    }
  }

  const lbl = (k: string) => t(`problemDetail.triage.${k}`)
  const required = (k: string) => ({ required: true, message: t('common.required', { field: lbl(k) }) })
  const picked = (k: string) => ({ required: true, message: t('problemDetail.pick', { field: lbl(k) }) })
  const initialType = p.type ?? undefined
  const initialDays = p.deadlineDays ?? defaultDays(settings.data, initialType, p.category ?? undefined)?.days

  return (
    <StepModal
      title={t('problemDetail.triage.title', { code: p.code })}
      okText={t('problemDetail.triage.ok')}
      width={760}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        {lastReturn && (
          <Alert
            type="warning"
            showIcon
            title={t('problemDetail.triage.returned')}
            description={lastReturn.summary}
          />
        )}
        <SimilarProblems
          text={`${p.title} ${p.description}`}
          category={category || p.category || undefined}
          enterpriseId={p.enterprise?.id}
          excludeId={p.id}
        />
      </Flex>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        initialValues={{
          type: initialType,
          category: p.category ?? undefined,
          leadDepartmentId: p.leadUnit?.id,
          coDepartmentIds: p.coUnits.map((u) => u.id),
          responsibleLeaderId: p.responsibleLeader?.id,
          responsibleUserId: p.responsibleUser?.id,
          deadlineDays: initialDays,
          supervisionLevel: p.supervisionLevel,
          note: '',
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={lbl('type')} rules={[picked('type')]} extra={lbl('typeHelp')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={PROBLEM_TYPES.map((x) => ({ value: x, label: t(`problems.type.${x}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={lbl('category')} rules={[picked('category')]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={categories.isLoading}
                options={(categories.data?.items ?? [])
                  .filter((i) => i.enabled || i.code === p.category)
                  .map((i) => ({ value: i.code, label: i.label }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="leadDepartmentId"
          label={lbl('lead')}
          rules={[picked('lead')]}
          style={{ marginBottom: 8 }}
        >
          <DepartmentTreeSelect style={{ width: '100%' }} disableKinds={['city', 'zone']} />
        </Form.Item>
        <div style={{ marginBottom: 16 }}>
          <DepartmentSuggestions
            text={`${p.title} ${p.description}`}
            category={category || undefined}
            onPick={(id) => {
              form.setFieldValue('leadDepartmentId', id)
              void form.validateFields(['leadDepartmentId']).catch(() => undefined)
            }}
          />
        </div>
        <Form.Item name="coDepartmentIds" label={lbl('co')} extra={lbl('coHelp')}>
          <DepartmentTreeSelect
            multiple
            style={{ width: '100%' }}
            disableKinds={['city', 'zone']}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="responsibleLeaderId" label={lbl('leader')}>
              <UserSelect showDepartment known={p.responsibleLeader ? [p.responsibleLeader] : []} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="responsibleUserId" label={lbl('person')}>
              <UserSelect showDepartment known={p.responsibleUser ? [p.responsibleUser] : []} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="deadlineDays"
              label={lbl('days')}
              extra={
                dflt
                  ? t(
                      dflt.byCategory
                        ? 'problemDetail.triage.daysDefaultCategory'
                        : 'problemDetail.triage.daysDefaultType',
                      {
                        n: dflt.days,
                        max: maxDays,
                      },
                    )
                  : lbl('daysPickType')
              }
              rules={[
                required('days'),
                {
                  type: 'integer',
                  min: 1,
                  max: maxDays,
                  message: t('problemDetail.triage.daysRange', { max: maxDays }),
                },
              ]}
            >
              <InputNumber
                min={1}
                max={maxDays}
                precision={0}
                style={{ width: 180 }}
                suffix={t('problemDetail.workdays')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="supervisionLevel" label={lbl('level')}>
              <Radio.Group
                optionType="button"
                options={SUPERVISION_LEVELS.map((x) => ({ value: x, label: t(`problems.level.${x}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={lbl('note')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Typography.Text type="secondary">{lbl('after')}</Typography.Text>
        <EnterSubmit />
      </Form>
    </StepModal>
  )
}
