import { ArrowLeftOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  InputNumber,
  Result,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError, get, put } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import type { ScorecardConfig, SubjectType } from './scorecard-types'

type Row = ScorecardConfig['indicators'][number]

/** 评比指标与权重: per subject type, which indicators count and how much; enabled weights total 100. */
export default function ScorecardSettingsPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [type, setType] = useState<SubjectType>('department')
  const config = useQuery({
    queryKey: ['scorecards', 'config', type],
    queryFn: () => get<ScorecardConfig>('/api/scorecards/config', { subjectType: type }),
  })
  const [rows, setRows] = useState<Row[]>([])
  const [windowWeeks, setWindowWeeks] = useState(4)
  useEffect(() => {
    if (!config.data) return
    setRows(config.data.indicators)
    setWindowWeeks(config.data.windowWeeks)
  }, [config.data])

  const sum = Math.round(rows.filter((r) => r.enabled).reduce((s, r) => s + (r.weight || 0), 0) * 100) / 100
  const dirty =
    !!config.data &&
    (windowWeeks !== config.data.windowWeeks ||
      JSON.stringify(rows) !== JSON.stringify(config.data.indicators))
  const save = useMutation({
    mutationFn: () =>
      put<ScorecardConfig>('/api/scorecards/config', {
        subjectType: type,
        windowWeeks,
        version: config.data!.version,
        indicators: rows.map((r) => ({ key: r.key, weight: r.weight || 0, enabled: r.enabled })),
      }),
    onSuccess: (c) => {
      qc.setQueryData(['scorecards', 'config', type], c)
      message.success(t('scorecards.config.saved'))
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        message.error(t('scorecards.config.conflict'))
        void config.refetch()
      } else message.error(errorMessage(e))
    },
  })
  const set = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))

  return (
    <>
      <PageHeader
        title={t('scorecards.config.title')}
        subtitle={t('scorecards.config.subtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/rhythm/rankings')}>
            {t('scorecards.backToRanking')}
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={type}
        onChange={(v) => setType(v as SubjectType)}
        options={(['department', 'zone'] as const).map((k) => ({ value: k, label: t(`scorecards.by.${k}`) }))}
      />
      {config.isError ? (
        <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(config.error)} />
      ) : !config.data ? (
        <Skeleton active />
      ) : (
        <Card size="small">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Table<Row>
              rowKey="key"
              size="middle"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: t('scorecards.config.indicator'), dataIndex: 'label' },
                {
                  title: t('scorecards.config.enabled'),
                  dataIndex: 'enabled',
                  width: 90,
                  render: (v: boolean, r) => (
                    <Switch checked={v} onChange={(c) => set(r.key, { enabled: c })} aria-label={r.label} />
                  ),
                },
                {
                  title: t('scorecards.config.weight'),
                  dataIndex: 'weight',
                  width: 140,
                  render: (v: number, r) => (
                    <InputNumber
                      min={0}
                      max={100}
                      value={v}
                      suffix="%"
                      disabled={!r.enabled}
                      onChange={(n) => set(r.key, { weight: n ?? 0 })}
                      aria-label={t('scorecards.config.weightOf', { label: r.label })}
                    />
                  ),
                },
              ]}
            />
            <Alert
              type={sum === 100 ? 'success' : 'warning'}
              showIcon
              title={sum === 100 ? t('scorecards.config.sumOk') : t('scorecards.config.sumBad', { sum })}
            />
            <Flex gap={8} align="center" wrap>
              <Typography.Text>{t('scorecards.config.window')}</Typography.Text>
              <InputNumber
                min={1}
                max={13}
                value={windowWeeks}
                onChange={(n) => setWindowWeeks(n ?? 1)}
                suffix={t('scorecards.config.weeks')}
              />
              <Typography.Text type="secondary">{t('scorecards.config.windowHint')}</Typography.Text>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
              {t('scorecards.config.rules')}
            </Typography.Paragraph>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text type="secondary">
                {config.data.updatedAt
                  ? t('scorecards.config.updatedAt', { at: formatDateTime(config.data.updatedAt) })
                  : t('scorecards.config.defaults')}
              </Typography.Text>
              <Button
                type="primary"
                disabled={sum !== 100 || !dirty}
                loading={save.isPending}
                onClick={() => save.mutate()}
              >
                {t('common.save')}
              </Button>
            </Flex>
          </Space>
        </Card>
      )}
    </>
  )
}
