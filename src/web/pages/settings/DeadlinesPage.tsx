import { FieldTimeOutlined, UndoOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { DictItem, ProblemDeadlineSettings } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, TZ } from '../../lib/format'
import { useSettingsForm } from '../../lib/use-settings-form'

/** SPEC §4 defaults (the server's DEFAULT_DEADLINES). */
const DEFAULTS: ProblemDeadlineSettings = {
  acceptDays: 1,
  firstReplyDays: 2,
  onsiteDays: 3,
  commonDays: 15,
  longtermDays: 25,
  maxDays: 25,
  remindBeforeDays: 1,
  confirmWaitDays: 5,
  byCategory: {},
}

type NumKey = Exclude<keyof ProblemDeadlineSettings, 'byCategory'>
const LIMITS: Record<NumKey, { min: number; max: number }> = {
  acceptDays: { min: 1, max: 10 },
  firstReplyDays: { min: 1, max: 15 },
  onsiteDays: { min: 1, max: 10 },
  commonDays: { min: 1, max: 60 },
  longtermDays: { min: 1, max: 250 },
  maxDays: { min: 1, max: 250 },
  remindBeforeDays: { min: 0, max: 10 },
  confirmWaitDays: { min: 1, max: 30 },
}
const SECTIONS: Array<{ key: string; fields: NumKey[] }> = [
  { key: 'accept', fields: ['acceptDays', 'firstReplyDays'] },
  { key: 'resolve', fields: ['onsiteDays', 'commonDays', 'longtermDays', 'maxDays'] },
  { key: 'remind', fields: ['remindBeforeDays', 'confirmWaitDays'] },
]
const NUM_KEYS = SECTIONS.flatMap((s) => s.fields)

/** 办理时限: the working-day limits of the problem loop, per type and per category (dict problem_category). */
export default function DeadlinesPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const categories = useDict('problem_category')
  const { form, query, values, dirty, busy, save } = useSettingsForm<ProblemDeadlineSettings>({
    queryKey: ['problem-settings'],
    path: '/api/problem-settings',
    keys: NUM_KEYS,
    savedText: t('deadlines.saved'),
    afterSave: () => qc.invalidateQueries({ queryKey: ['problems'] }),
  })
  const v = { ...DEFAULTS, ...(query.data ?? {}), ...(values ?? {}) }
  const categoryDirty =
    !!query.data && !!values && !sameLimits(clean(values.byCategory), clean(query.data.byCategory))
  const changed = dirty || categoryDirty

  if (query.isError)
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(query.error)} />

  return (
    <>
      <PageHeader title={t('deadlines.title')} subtitle={t('deadlines.subtitle')} />
      {query.isLoading || categories.isLoading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card>
              {SECTIONS.map((s) => (
                <div key={s.key} style={{ marginBottom: 8 }}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t(`deadlines.sections.${s.key}`)}
                  </Typography.Title>
                  <Row gutter={24}>
                    {s.fields.map((k) => (
                      <Col key={k} xs={24} md={12} xl={6}>
                        <Form.Item
                          name={k}
                          label={t(`deadlines.fields.${k}.label`)}
                          extra={t(`deadlines.fields.${k}.help`, { value: DEFAULTS[k] })}
                          dependencies={k === 'maxDays' ? ['onsiteDays', 'commonDays'] : undefined}
                          rules={[
                            {
                              required: true,
                              message: t('common.required', { field: t(`deadlines.fields.${k}.label`) }),
                            },
                            ...(k === 'maxDays'
                              ? [
                                  ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
                                    validator: async (_: unknown, max: number) => {
                                      const on = getFieldValue('onsiteDays')
                                      const co = getFieldValue('commonDays')
                                      if (
                                        typeof max === 'number' &&
                                        ((typeof on === 'number' && on > max) ||
                                          (typeof co === 'number' && co > max))
                                      )
                                        throw new Error(t('deadlines.maxTooSmall'))
                                    },
                                  }),
                                ]
                              : []),
                          ]}
                        >
                          <InputNumber
                            min={LIMITS[k].min}
                            max={LIMITS[k].max}
                            precision={0}
                            suffix={t('deadlines.unit')}
                            style={{ width: 180 }}
                          />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
              <Preview settings={v} />
            </Card>
            <Card title={t('deadlines.categoryTitle')}>
              <Typography.Paragraph type="secondary">{t('deadlines.categoryHelp')}</Typography.Paragraph>
              <Table<DictItem>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={(categories.data?.items ?? []).filter((c) => c.enabled)}
                scroll={{ x: 520 }}
                columns={[
                  {
                    title: t('deadlines.col.category'),
                    dataIndex: 'label',
                    width: 160,
                    render: (label: string, c) => <Tag color={c.color ?? undefined}>{label}</Tag>,
                  },
                  {
                    title: t('deadlines.col.days'),
                    key: 'days',
                    width: 200,
                    render: (_, c) => (
                      <Form.Item
                        name={['byCategory', c.code]}
                        normalize={(x: number | null) => x ?? undefined}
                        dependencies={['maxDays']}
                        style={{ margin: 0 }}
                        rules={[
                          {
                            validator: async (_: unknown, x: number | undefined) => {
                              if (typeof x === 'number' && x > v.maxDays)
                                throw new Error(t('deadlines.overMax', { max: v.maxDays }))
                            },
                          },
                        ]}
                      >
                        <InputNumber
                          min={1}
                          max={250}
                          precision={0}
                          placeholder={t('deadlines.useType')}
                          suffix={t('deadlines.unit')}
                          style={{ width: 170 }}
                          aria-label={`${c.label} ${t('deadlines.col.days')}`}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('deadlines.col.effect'),
                    key: 'effect',
                    width: 240,
                    render: (_, c) => {
                      const own = v.byCategory?.[c.code]
                      return (
                        <Typography.Text type={own ? undefined : 'secondary'}>
                          {t('deadlines.effectValue', {
                            onsite: own ?? v.onsiteDays,
                            common: own ?? v.commonDays,
                          })}
                        </Typography.Text>
                      )
                    },
                  },
                ]}
              />
            </Card>
            <Flex gap={8} wrap align="center">
              <Button type="primary" htmlType="submit" loading={busy} disabled={!changed}>
                {t('common.save')}
              </Button>
              <Button
                onClick={() =>
                  form.setFieldsValue({ ...DEFAULTS, byCategory: blankCategories(v.byCategory) })
                }
              >
                {t('deadlines.restoreDefaults')}
              </Button>
              <Button
                icon={<UndoOutlined />}
                disabled={!changed}
                onClick={() =>
                  query.data &&
                  form.setFieldsValue({
                    ...query.data,
                    byCategory: { ...blankCategories(v.byCategory), ...query.data.byCategory },
                  })
                }
              >
                {t('deadlines.discard')}
              </Button>
            </Flex>
          </Space>
        </Form>
      )}
    </>
  )
}

/** Only the categories with a limit (empty cells are undefined in the form). */
function clean(m: Record<string, number | undefined | null> | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, x] of Object.entries(m ?? {})) if (typeof x === 'number') out[k] = x
  return out
}

function sameLimits(a: Record<string, number>, b: Record<string, number>) {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

/** Every category cell emptied (setFieldsValue merges nested values, so clear them explicitly). */
function blankCategories(m: Record<string, unknown> | undefined): Record<string, undefined> {
  return Object.fromEntries(Object.keys(m ?? {}).map((k) => [k, undefined]))
}

/** What the limits mean for a problem accepted today (working days, via the calendar). */
function Preview({ settings }: { settings: ProblemDeadlineSettings }) {
  const { t } = useTranslation()
  const today = dayjs().tz(TZ).format('YYYY-MM-DD')
  const due = (days: number) =>
    get<{ due: string }>('/api/calendar/working-days', { from: today, days }).then((r) => r.due)
  const q = useQuery({
    queryKey: [
      'calendar',
      'preview',
      today,
      settings.onsiteDays,
      settings.commonDays,
      settings.firstReplyDays,
    ],
    queryFn: async () => {
      const [onsite, common, reply] = await Promise.all([
        due(settings.onsiteDays),
        due(settings.commonDays),
        due(settings.firstReplyDays),
      ])
      return { onsite, common, reply }
    },
    enabled: [settings.onsiteDays, settings.commonDays, settings.firstReplyDays].every(
      (n) => typeof n === 'number' && n >= 1 && n <= 250,
    ),
  })
  if (!q.data) return null
  return (
    <Alert
      type="info"
      showIcon
      icon={<FieldTimeOutlined />}
      title={t('deadlines.previewTitle')}
      description={t('deadlines.preview', { today, ...q.data })}
    />
  )
}
