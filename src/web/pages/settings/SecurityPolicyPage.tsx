import { SafetyCertificateOutlined, UndoOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import type { SecurityPolicy } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { useSettingsForm } from '../../lib/use-settings-form'

type Key = keyof SecurityPolicy

/** 等保 2.0 三级 defaults (the server's DEFAULT_SECURITY_POLICY). */
const DEFAULTS: SecurityPolicy = {
  passwordMaxAgeDays: 90,
  lockThreshold: 5,
  lockMinutes: 10,
  idleMinutes: 30,
  sessionMaxHours: 12,
  auditRetentionDays: 180,
}

/** Bounds the server accepts, the unit, and on which side a value is weaker than the recommendation. */
const FIELDS: Record<
  Key,
  { min: number; max: number; unit: 'days' | 'times' | 'minutes' | 'hours'; weakIf: 'above' | 'below' }
> = {
  passwordMaxAgeDays: { min: 1, max: 365, unit: 'days', weakIf: 'above' },
  lockThreshold: { min: 3, max: 10, unit: 'times', weakIf: 'above' },
  lockMinutes: { min: 1, max: 1440, unit: 'minutes', weakIf: 'below' },
  idleMinutes: { min: 5, max: 120, unit: 'minutes', weakIf: 'above' },
  sessionMaxHours: { min: 1, max: 72, unit: 'hours', weakIf: 'above' },
  auditRetentionDays: { min: 180, max: 3650, unit: 'days', weakIf: 'below' },
}

const SECTIONS: Array<{ key: string; fields: Key[] }> = [
  { key: 'password', fields: ['passwordMaxAgeDays', 'lockThreshold', 'lockMinutes'] },
  { key: 'session', fields: ['idleMinutes', 'sessionMaxHours'] },
  { key: 'audit', fields: ['auditRetentionDays'] },
]

function isWeak(k: Key, v: number | null | undefined) {
  if (typeof v !== 'number') return false
  return FIELDS[k].weakIf === 'above' ? v > DEFAULTS[k] : v < DEFAULTS[k]
}

/** 安全策略: password expiry, lockout, session timeouts and log retention. */
export default function SecurityPolicyPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const keys = Object.keys(FIELDS) as Key[]
  const {
    form,
    query: policy,
    values,
    dirty,
    busy,
    save,
  } = useSettingsForm<SecurityPolicy>({
    queryKey: ['settings', 'security'],
    path: '/api/settings/security',
    keys,
    savedText: t('security.saved'),
    afterSave: () => qc.invalidateQueries({ queryKey: ['me'] }),
  })
  const isDefault = !!values && keys.every((k) => values[k] === DEFAULTS[k])

  function fillDefaults() {
    form.setFieldsValue(DEFAULTS)
    message.info(t('security.defaultsFilled'))
  }

  if (policy.isError)
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(policy.error)} />

  return (
    <>
      <PageHeader title={t('security.title')} subtitle={t('security.subtitle')} />
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('security.mlpsTitle')}
        description={t('security.mlpsText')}
        style={{ marginBottom: 16 }}
      />
      <Card>
        {policy.isLoading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
            {SECTIONS.map((s) => (
              <div key={s.key} style={{ marginBottom: 8 }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t(`security.sections.${s.key}`)}
                </Typography.Title>
                <Row gutter={24}>
                  {s.fields.map((k) => {
                    const f = FIELDS[k]
                    return (
                      <Col key={k} xs={24} md={12} xl={8}>
                        <Form.Item
                          name={k}
                          label={t(`security.fields.${k}.label`)}
                          rules={[
                            {
                              required: true,
                              message: t('common.required', { field: t(`security.fields.${k}.label`) }),
                            },
                            {
                              type: 'integer',
                              min: f.min,
                              max: f.max,
                              message: t('security.range', { min: f.min, max: f.max }),
                            },
                          ]}
                          extra={
                            <>
                              <div>{t(`security.fields.${k}.help`)}</div>
                              <div>
                                {t('security.recommended', {
                                  value: DEFAULTS[k],
                                  unit: t(`security.units.${f.unit}`),
                                  min: f.min,
                                  max: f.max,
                                })}
                              </div>
                              {isWeak(k, values?.[k]) && (
                                <Typography.Text type="warning">{t('security.weak')}</Typography.Text>
                              )}
                            </>
                          }
                        >
                          <InputNumber
                            min={f.min}
                            max={f.max}
                            precision={0}
                            suffix={t(`security.units.${f.unit}`)}
                            style={{ width: 200 }}
                          />
                        </Form.Item>
                      </Col>
                    )
                  })}
                </Row>
              </div>
            ))}
            <Flex gap={8} wrap>
              <Button type="primary" htmlType="submit" loading={busy} disabled={!dirty}>
                {t('common.save')}
              </Button>
              <Button onClick={fillDefaults} disabled={isDefault}>
                {t('security.restoreDefaults')}
              </Button>
              <Button
                icon={<UndoOutlined />}
                onClick={() => policy.data && form.setFieldsValue(policy.data)}
                disabled={!dirty}
              >
                {t('security.discard')}
              </Button>
              {dirty && (
                <Typography.Text type="warning" style={{ alignSelf: 'center' }}>
                  {t('security.unsaved')}
                </Typography.Text>
              )}
            </Flex>
          </Form>
        )}
      </Card>
    </>
  )
}
