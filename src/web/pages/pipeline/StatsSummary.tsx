import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PipelineStats, PipelineZoneStats } from '../../api/types'
import { formatMoney } from '../../lib/format'

const SHOWN = ['lead', 'negotiating', 'signed', 'landed'] as const

function StatCard({
  title,
  value,
  suffix,
  note,
  amount,
}: {
  title: string
  value: ReactNode
  suffix?: string
  note: ReactNode
  amount?: string
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value as string} suffix={suffix} />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {note}
      </Typography.Text>
      {amount && <Typography.Text strong>{amount}</Typography.Text>}
    </Card>
  )
}

/** Counts and sums per stage, the report sentence, and one row per zone for city-level users. */
export function StatsSummary({ stats }: { stats: PipelineStats | undefined }) {
  const { t, i18n } = useTranslation()
  if (!stats) return null
  const fig = (s: PipelineZoneStats, stage: string) => s.stages.find((x) => x.stage === stage)
  // The server words the sentence as the Chinese reports do; other languages get the same figures.
  const signed = (fig(stats, 'signed')?.count ?? 0) + (fig(stats, 'landed')?.count ?? 0)
  const signedAmount = String(
    Number(fig(stats, 'signed')?.amount ?? 0) + Number(fig(stats, 'landed')?.amount ?? 0),
  )
  const sentence = i18n.language.startsWith('zh')
    ? stats.sentence
    : t('pipeline.sentence', {
        signed,
        signedAmount: formatMoney(signedAmount, t),
        negotiating: fig(stats, 'negotiating')?.count ?? 0,
        negotiatingAmount: formatMoney(fig(stats, 'negotiating')?.amount ?? '0', t),
      })
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {SHOWN.map((stage) => {
          const f = fig(stats, stage)
          return (
            <Col key={stage} xs={12} md={8} xl={4}>
              <StatCard
                title={t(`pipeline.statTitle.${stage}`)}
                value={f?.count ?? 0}
                suffix={t('pipeline.projectsUnit')}
                note={t(`pipeline.statAmount.${stage}`)}
                amount={formatMoney(f?.amount ?? '0', t)}
              />
            </Col>
          )
        })}
        <Col xs={12} md={8} xl={4}>
          <StatCard
            title={t('pipeline.statTitle.dropped')}
            value={fig(stats, 'dropped')?.count ?? 0}
            suffix={t('pipeline.projectsUnit')}
            note={t('pipeline.droppedNote')}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard
            title={t('pipeline.funds')}
            value={stats.funds.projects}
            suffix={t('pipeline.projectsUnit')}
            note={t('pipeline.fundsTotal')}
            amount={formatMoney(stats.funds.amount, t)}
          />
        </Col>
      </Row>
      <Alert type="info" showIcon title={sentence} style={{ marginBottom: 12 }} />
      {stats.zones.length > 1 && (
        <Card size="small" title={t('pipeline.byZone')} style={{ marginBottom: 12 }}>
          <Table<PipelineZoneStats>
            rowKey={(z) => String(z.zoneId)}
            size="small"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={stats.zones}
            columns={[
              { title: t('enterprises.zone'), dataIndex: 'zoneName', width: 140, fixed: 'left' },
              ...SHOWN.map((stage) => ({
                title: t(`pipeline.stage.${stage}`),
                key: stage,
                width: 150,
                render: (_: unknown, z: PipelineZoneStats) => {
                  const f = fig(z, stage)
                  return `${f?.count ?? 0} · ${formatMoney(f?.amount ?? '0', t)}`
                },
              })),
              {
                title: t('pipeline.funds'),
                key: 'funds',
                width: 140,
                render: (_: unknown, z: PipelineZoneStats) => formatMoney(z.funds.amount, t),
              },
            ]}
          />
        </Card>
      )}
    </>
  )
}
