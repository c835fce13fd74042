import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/**
 * Completion rate minus 序时进度, in percentage points, coloured: 超序时 5.90 个百分点 (green) /
 * 落后序时 12.30 个百分点 (red) / 持平; `compact` for table cells: 超前 5.90 / 落后 12.30 (the column
 * title gives the unit).
 */
export function ScheduleGap({
  points,
  strong,
  compact,
}: {
  points: number | null | undefined
  strong?: boolean
  compact?: boolean
}) {
  const { t } = useTranslation()
  if (points == null) return <Typography.Text type="secondary">—</Typography.Text>
  const abs = Math.abs(points).toFixed(2)
  const key = points > 0 ? 'ahead' : points < 0 ? 'behind' : 'even'
  return (
    <Typography.Text
      strong={strong}
      style={{
        color: points > 0 ? '#389e0d' : points < 0 ? '#cf1322' : undefined,
        ...(compact && { whiteSpace: 'nowrap' as const }),
      }}
    >
      {t(`common.gap.${key}${compact ? 'Short' : ''}`, { points: abs })}
    </Typography.Text>
  )
}
