import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import {
  Card,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  List,
  Progress,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import { EChart, type EChartOption } from '../../components/EChart'
import type { RankingItem, SubjectHistory, SubjectType } from './scorecard-types'

/** ↑2 green, ↓1 red, — unchanged, 新 when not ranked last week. */
export function ChangeTag({ change }: { change: number | null }) {
  const { t } = useTranslation()
  if (change == null) return <Tag color="blue">{t('scorecards.new')}</Tag>
  if (change > 0)
    return (
      <Typography.Text type="success" aria-label={t('scorecards.up', { n: change })}>
        <ArrowUpOutlined /> {change}
      </Typography.Text>
    )
  if (change < 0)
    return (
      <Typography.Text type="danger" aria-label={t('scorecards.down', { n: -change })}>
        <ArrowDownOutlined /> {-change}
      </Typography.Text>
    )
  return <Typography.Text type="secondary">—</Typography.Text>
}

/** A rank as a medal-coloured badge for the top three. */
export function RankBadge({ rank }: { rank: number }) {
  const colors = ['#d4a017', '#8c8c8c', '#ad6800']
  const c = colors[rank - 1]
  return (
    <Typography.Text strong style={{ fontSize: 16, color: c }}>
      {rank}
    </Typography.Text>
  )
}

/** One subject: each indicator's part explained, and its score and rank over the weeks. */
export function SubjectDrawer({
  item,
  subjectType,
  zoneId,
  onClose,
}: {
  item: RankingItem | null
  subjectType: SubjectType
  zoneId: number | undefined
  onClose: () => void
}) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const history = useQuery({
    queryKey: ['scorecards', 'history', subjectType, zoneId, item?.subjectId],
    queryFn: () =>
      get<SubjectHistory>('/api/scorecards/history', {
        subjectType,
        zoneId,
        subjectId: item!.subjectId,
        weeks: 12,
      }),
    enabled: !!item,
  })
  const option = useMemo<EChartOption | null>(() => {
    const rows = history.data?.items ?? []
    if (rows.length < 2) return null
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.weekStart.slice(5)) },
      yAxis: [
        { type: 'value', name: t('scorecards.score'), min: 0, max: 100 },
        { type: 'value', name: t('scorecards.rank'), inverse: true, minInterval: 1, min: 1 },
      ],
      series: [
        { name: t('scorecards.score'), type: 'line', data: rows.map((r) => r.score), smooth: true },
        {
          name: t('scorecards.rank'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => r.rank),
          step: 'middle',
        },
      ],
    }
  }, [history.data, t])

  return (
    <Drawer open={!!item} onClose={onClose} title={item?.subjectName} size={screens.md ? 640 : '100%'}>
      {item && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('scorecards.score')}>
              <Typography.Text strong>{item.score.toFixed(2)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('scorecards.rank')}>{item.rank}</Descriptions.Item>
            <Descriptions.Item label={t('scorecards.change')}>
              <ChangeTag change={item.change} />
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('scorecards.parts')}>
            <List
              dataSource={item.parts}
              renderItem={(p) => (
                <List.Item>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{p.label}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t('scorecards.weightOf', { weight: p.weight })}
                      </Typography.Text>
                      <Typography.Text>
                        {p.points == null
                          ? t('scorecards.noData')
                          : t('scorecards.contribution', { value: p.contribution.toFixed(1) })}
                      </Typography.Text>
                    </Space>
                    {p.points != null && <Progress percent={p.points} size="small" showInfo={false} />}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {p.detail}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('scorecards.history')}>
            {history.isLoading ? (
              <Skeleton active />
            ) : option ? (
              <EChart option={option} height={240} />
            ) : (
              <Empty description={t('scorecards.historyTooShort')} />
            )}
          </Card>
        </Space>
      )}
    </Drawer>
  )
}
