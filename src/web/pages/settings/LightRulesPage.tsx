import { BulbOutlined, UndoOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import type { LightRuleSettings, ReportSettings } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { useSettingsForm } from '../../lib/use-settings-form'

/** SPEC §3 defaults (the server's DEFAULT_LIGHT_RULES and DEFAULT_REPORT_SETTINGS). */
const LIGHT_DEFAULTS: LightRuleSettings = {
  scheduleYellowPoints: 10,
  scheduleRedPoints: 30,
  startLateRedMonths: 3,
  milestoneRedDays: 30,
}
const DUE_DEFAULTS: ReportSettings = {
  monthlyDueDay: 5,
  weeklyDueWeekday: 5,
  weeklyDueHour: 17,
  quarterlyDueMode: 'dayOfMonth',
  quarterlyDueValue: 10,
}

type LightKey = keyof LightRuleSettings
const LIGHT_FIELDS: Record<LightKey, { min: number; max: number; precision?: number; unit: string }> = {
  scheduleYellowPoints: { min: 0, max: 100, precision: undefined, unit: 'points' },
  scheduleRedPoints: { min: 0, max: 100, precision: undefined, unit: 'points' },
  startLateRedMonths: { min: 1, max: 24, precision: 0, unit: 'months' },
  milestoneRedDays: { min: 1, max: 365, precision: 0, unit: 'days' },
}
const LIGHT_SECTIONS: Array<{ key: string; fields: LightKey[] }> = [
  { key: 'schedule', fields: ['scheduleYellowPoints', 'scheduleRedPoints'] },
  { key: 'start', fields: ['startLateRedMonths'] },
  { key: 'milestone', fields: ['milestoneRedDays'] },
]

/** 红黄绿灯规则 and 填报截止时间: the thresholds lights are computed with, and when reports are due. */
export default function LightRulesPage() {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader title={t('lights.title')} subtitle={t('lights.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <LightRulesCard />
        <DueSettingsCard />
      </Space>
    </>
  )
}

function LightRulesCard() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const {
    form,
    query: rules,
    values,
    dirty,
    busy,
    save,
  } = useSettingsForm<LightRuleSettings>({
    queryKey: ['lights', 'rules'],
    path: '/api/lights/rules',
    keys: Object.keys(LIGHT_FIELDS) as LightKey[],
    savedText: t('lights.saved'),
    afterSave: () =>
      qc.invalidateQueries({
        predicate: (q) => ['reports', 'projects', 'project'].includes(String(q.queryKey[0])),
      }),
  })
  const v = { ...LIGHT_DEFAULTS, ...(rules.data ?? {}), ...(values ?? {}) }

  if (rules.isError)
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(rules.error)} />

  return (
    <Card title={t('lights.rulesTitle')}>
      {rules.isLoading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          {LIGHT_SECTIONS.map((s) => (
            <div key={s.key} style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t(`lights.sections.${s.key}.title`)}
              </Typography.Title>
              <Typography.Paragraph type="secondary">
                {t(`lights.sections.${s.key}.help`)}
              </Typography.Paragraph>
              <Row gutter={24}>
                {s.fields.map((k) => {
                  const f = LIGHT_FIELDS[k]
                  return (
                    <Col key={k} xs={24} md={12} xl={8}>
                      <Form.Item
                        name={k}
                        label={t(`lights.fields.${k}.label`)}
                        extra={t(`lights.fields.${k}.help`, { value: LIGHT_DEFAULTS[k] })}
                        dependencies={k === 'scheduleRedPoints' ? ['scheduleYellowPoints'] : undefined}
                        rules={[
                          {
                            required: true,
                            message: t('common.required', { field: t(`lights.fields.${k}.label`) }),
                          },
                          ...(k === 'scheduleRedPoints'
                            ? [
                                ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
                                  validator: async (_: unknown, val: number) => {
                                    const y = getFieldValue('scheduleYellowPoints')
                                    if (typeof val === 'number' && typeof y === 'number' && val < y)
                                      throw new Error(t('lights.redBelowYellow'))
                                  },
                                }),
                              ]
                            : []),
                        ]}
                      >
                        <InputNumber
                          min={f.min}
                          max={f.max}
                          precision={f.precision}
                          suffix={t(`lights.units.${f.unit}`)}
                          style={{ width: 200 }}
                        />
                      </Form.Item>
                    </Col>
                  )
                })}
              </Row>
            </div>
          ))}
          <Alert
            type="info"
            showIcon
            icon={<BulbOutlined />}
            style={{ marginBottom: 16 }}
            title={t('lights.previewTitle')}
            description={
              <Space orientation="vertical" size={4}>
                <Badge color="#faad14" text={t('lights.preview.yellow', v)} />
                <Badge color="#f5222d" text={t('lights.preview.red', v)} />
                <Badge color="#52c41a" text={t('lights.preview.green')} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('lights.preview.example', { points: (v.scheduleYellowPoints + 2.3).toFixed(1) })}
                </Typography.Text>
              </Space>
            }
          />
          <Flex gap={8} wrap align="center">
            <Button type="primary" htmlType="submit" loading={busy} disabled={!dirty}>
              {t('common.save')}
            </Button>
            <Button onClick={() => form.setFieldsValue(LIGHT_DEFAULTS)}>{t('lights.restoreDefaults')}</Button>
            <Button
              icon={<UndoOutlined />}
              onClick={() => rules.data && form.setFieldsValue(rules.data)}
              disabled={!dirty}
            >
              {t('lights.discard')}
            </Button>
            <Typography.Text type="secondary">{t('lights.recomputeNote')}</Typography.Text>
          </Flex>
        </Form>
      )}
    </Card>
  )
}

function DueSettingsCard() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const {
    form,
    query: due,
    values,
    dirty,
    busy,
    save,
  } = useSettingsForm<ReportSettings>({
    queryKey: ['reports', 'settings'],
    path: '/api/reports/settings',
    keys: Object.keys(DUE_DEFAULTS) as Array<keyof ReportSettings>,
    savedText: t('lights.dueSaved'),
    afterSave: () => qc.invalidateQueries({ queryKey: ['reports'] }),
  })
  const v = { ...DUE_DEFAULTS, ...(due.data ?? {}), ...(values ?? {}) }
  const weekday = (n: number) => t(`lights.weekdays.${n}`)

  if (due.isError)
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(due.error)} />

  return (
    <Card title={t('lights.dueTitle')}>
      {due.isLoading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Row gutter={24}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="monthlyDueDay"
                label={t('lights.due.monthlyDueDay')}
                extra={t('lights.due.monthlyHelp')}
                rules={[
                  { required: true, message: t('common.required', { field: t('lights.due.monthlyDueDay') }) },
                ]}
              >
                <InputNumber
                  min={1}
                  max={28}
                  precision={0}
                  prefix={t('lights.due.nextMonth')}
                  suffix={t('lights.due.day')}
                  style={{ width: 200 }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="weeklyDueWeekday"
                label={t('lights.due.weeklyDueWeekday')}
                extra={t('lights.due.weeklyHelp')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ width: 200 }}
                  options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n, label: weekday(n) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="weeklyDueHour"
                label={t('lights.due.weeklyDueHour')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ width: 200 }}
                  options={Array.from({ length: 24 }, (_, h) => ({
                    value: h,
                    label: `${String(h).padStart(2, '0')}:00`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="quarterlyDueMode"
                label={t('cadence.settings.mode')}
                extra={t('cadence.settings.hint')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ width: 240 }}
                  options={(['dayOfMonth', 'workingDays'] as const).map((m) => ({
                    value: m,
                    label: t(`cadence.settings.${m}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="quarterlyDueValue"
                label={t('cadence.settings.value')}
                rules={[
                  { required: true, message: t('common.required', { field: t('cadence.settings.value') }) },
                ]}
              >
                <InputNumber
                  min={1}
                  max={v.quarterlyDueMode === 'dayOfMonth' ? 28 : 30}
                  precision={0}
                  style={{ width: 200 }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('lights.previewTitle')}
            description={
              <Space orientation="vertical" size={4}>
                <span>{t('lights.due.previewMonthly', { day: v.monthlyDueDay })}</span>
                <span>
                  {t('lights.due.previewWeekly', {
                    weekday: weekday(v.weeklyDueWeekday),
                    hour: `${String(v.weeklyDueHour).padStart(2, '0')}:00`,
                  })}
                </span>
                <span>
                  {t(`lights.due.previewQuarterly.${v.quarterlyDueMode ?? 'dayOfMonth'}`, {
                    n: v.quarterlyDueValue,
                  })}
                </span>
              </Space>
            }
          />
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!dirty}>
              {t('common.save')}
            </Button>
            <Button onClick={() => form.setFieldsValue(DUE_DEFAULTS)}>{t('lights.restoreDefaults')}</Button>
          </Flex>
        </Form>
      )}
    </Card>
  )
}
