import { useQuery } from '@tanstack/react-query'
import { Card, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { get } from '../../api/client'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import type { MineItem } from '../rhythm/cadence-types'

/** Where an entry is made: the weekly form with the project chosen, or the month's list filtered to it. */
function entryLink(i: MineItem) {
  if (i.cadence === 'weekly') {
    const thisMonday = dayjs()
      .tz(TZ)
      .startOf('day')
      .subtract((dayjs().tz(TZ).day() + 6) % 7, 'day')
    const formWeek = i.weekStart === thisMonday.format('YYYY-MM-DD') ? 'this' : 'last'
    return `/reports/weekly?projectId=${i.projectId}&formWeek=${formWeek}`
  }
  return `/reports/monthly?year=${i.year}&month=${i.month}&keyword=${encodeURIComponent(i.code)}`
}

/** 我的待报: the weekly and monthly entries the signed-in user answers for and has not made yet. */
export function MyDueCard() {
  const { t } = useTranslation()
  const mine = useQuery({
    queryKey: ['cadence', 'mine'],
    queryFn: () => get<{ items: MineItem[] }>('/api/cadence/mine'),
    staleTime: 60_000,
  })
  const items = mine.data?.items ?? []
  // Only people who owe entries see the card: it is a to-do list, not a feature advert.
  if (!items.length) return null
  return (
    <Card title={t('home.myDue.title', { count: items.length })}>
      <List
        size="small"
        dataSource={items}
        renderItem={(i) => (
          <List.Item
            key={`${i.periodId}-${i.projectId}`}
            extra={<Link to={entryLink(i)}>{t('home.myDue.fill')}</Link>}
          >
            <Space orientation="vertical" size={0}>
              <Space size={6} wrap>
                <Tag color={i.cadence === 'weekly' ? 'blue' : 'purple'}>{t(`home.myDue.${i.cadence}`)}</Tag>
                <Typography.Text strong>{i.name}</Typography.Text>
              </Space>
              <Typography.Text
                type={i.status === 'missing' ? 'danger' : 'secondary'}
                style={{ fontSize: 13 }}
              >
                {i.periodLabel} ·{' '}
                {i.status === 'missing'
                  ? t('home.myDue.overdue', { time: formatDateTime(i.dueAt) })
                  : t('home.myDue.due', { time: formatDateTime(i.dueAt) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}
