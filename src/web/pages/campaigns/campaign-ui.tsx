import { Flex, Progress, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../lib/format'
import type { CampaignRow, CampaignStatus, TargetProgress } from './types'

const STATUS_COLOR: Record<CampaignStatus, string> = {
  upcoming: 'default',
  running: 'processing',
  ended: 'success',
}

export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation()
  return <Tag color={STATUS_COLOR[status]}>{t(`campaigns.status.${status}`)}</Tag>
}

export function KindTag({ kind }: { kind: CampaignRow['kind'] }) {
  const { t } = useTranslation()
  return <Tag color={kind === 'hundred_days' ? 'red' : 'blue'}>{t(`campaigns.kind.${kind}`)}</Tag>
}

/** "500.00 / 2,000.00 万元" or "2 / 4 个". */
export function actualOfTarget(p: TargetProgress, t: (k: string) => string) {
  if (p.key === 'investment')
    return `${formatMoney(p.actual, t as never, { unit: false })} / ${formatMoney(p.target, t as never)}`
  return `${p.actual} / ${p.target} ${t(`campaigns.unit.${p.key}`)}`
}

/**
 * The bars of a card: time elapsed first, then each target — a target below the time progress is
 * drawn red, so a campaign behind its pace shows at a glance.
 */
export function ProgressLines({ c }: { c: CampaignRow }) {
  const { t } = useTranslation()
  return (
    <Flex vertical gap={2}>
      <Flex justify="space-between" style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">{t('campaigns.timeProgress')}</Typography.Text>
        <Typography.Text type="secondary">
          {c.status === 'upcoming'
            ? t('campaigns.startsIn', { date: c.startsOn })
            : t('campaigns.dayOf', { n: c.dayNumber, total: c.totalDays })}
        </Typography.Text>
      </Flex>
      <Progress percent={c.timePercent} size="small" strokeColor="#8c8c8c" />
      {c.progress.map((p) => (
        <div key={p.key}>
          <Flex justify="space-between" style={{ fontSize: 12 }} gap={8}>
            <span>{t(`campaigns.target.${p.key}`)}</span>
            <Tooltip title={p.behind ? t('campaigns.behindHint', { time: c.timePercent }) : undefined}>
              <Typography.Text type={p.behind ? 'danger' : undefined} style={{ fontSize: 12 }}>
                {actualOfTarget(p, t)}
              </Typography.Text>
            </Tooltip>
          </Flex>
          <Progress
            percent={Math.min(100, p.percent)}
            format={() => `${p.percent}%`}
            size="small"
            status={p.behind ? 'exception' : p.percent >= 100 ? 'success' : 'normal'}
          />
        </div>
      ))}
    </Flex>
  )
}
