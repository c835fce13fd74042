import { Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ProblemDue, ProblemRow, ProblemStatus } from '../../api/types'
import { LIGHT_COLOR } from '../../components/LightDot'
import { formatDateTime } from '../../lib/format'

// Small pieces shared by the problem pages, the portal and the enterprise page.

export const STATUS_COLOR: Record<ProblemStatus, string> = {
  submitted: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  in_progress: 'processing',
  resolved: 'purple',
  closed: 'success',
  withdrawn: 'default',
}

export const PROBLEM_STATUSES: ProblemStatus[] = [
  'submitted',
  'returned',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'withdrawn',
]

export function StatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`problems.status.${status}`)}
    </Tag>
  )
}

const LEVEL_COLOR = { normal: 'default', key: 'orange', listed: 'red' } as const

export function SupervisionTag({
  level,
  hideNormal = false,
}: {
  level: ProblemRow['supervisionLevel']
  hideNormal?: boolean
}) {
  const { t } = useTranslation()
  if (hideNormal && level === 'normal') return null
  return (
    <Tag color={LEVEL_COLOR[level]} style={{ marginInlineEnd: 0 }}>
      {t(`problems.level.${level}`)}
    </Tag>
  )
}

/** 剩余 N 个工作日 / 今天到期 / 超期 N 个工作日 — which clock runs depends on the status. */
export function DueText({ due, compact = false }: { due: ProblemDue | null; compact?: boolean }) {
  const { t } = useTranslation()
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>
  const text = due.overdue
    ? t('problems.due.overdue', { n: -due.daysLeft })
    : due.daysLeft === 0
      ? t('problems.due.today')
      : t('problems.due.left', { n: due.daysLeft })
  const type = due.overdue ? 'danger' : due.daysLeft <= 1 ? 'warning' : undefined
  return (
    <Tooltip title={`${t(`problems.due.kind.${due.kind}`)}：${formatDateTime(due.at)}`}>
      <span style={{ whiteSpace: 'nowrap', cursor: 'help' }}>
        {!compact && <Typography.Text type="secondary">{due.date} </Typography.Text>}
        <Typography.Text type={type} strong={due.overdue}>
          {text}
        </Typography.Text>
      </span>
    </Tooltip>
  )
}

/** The light of a problem as a coloured dot, with why in the tooltip. */
export function ProblemLight({
  p,
  showText = false,
}: {
  p: Pick<ProblemRow, 'light' | 'due' | 'extended'>
  showText?: boolean
}) {
  const { t } = useTranslation()
  const why = [
    p.due?.overdue ? t('problems.lightWhy.overdue') : null,
    p.extended ? t('problems.lightWhy.extended') : null,
    p.light === 'yellow' && !p.extended && !p.due?.overdue ? t('problems.lightWhy.soon') : null,
  ].filter(Boolean)
  return (
    <Tooltip title={why.length ? why.join('；') : t('problems.lightWhy.ok')}>
      <span style={{ whiteSpace: 'nowrap', cursor: 'help' }}>
        <span
          style={{
            display: 'inline-block',
            width: 10,
            height: 10,
            borderRadius: 5,
            background: LIGHT_COLOR[p.light],
            marginInlineEnd: showText ? 6 : 0,
          }}
        />
        {showText && t(`common.light.${p.light}`)}
      </span>
    </Tooltip>
  )
}

export const isOpen = (s: ProblemStatus) => !['closed', 'withdrawn'].includes(s)
