import { Space, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ProblemRow } from '../../../api/types'
import { formatDate } from '../../../lib/format'
import { StatusTag } from '../problem-ui'

// Small cells shared by the ledger, the 三个清单 and the enterprise's problem tab.

export const SATISFACTION_COLOR = { satisfied: 'green', basic: 'gold', unsatisfied: 'red' } as const

/** The status; a closed problem shows 已销号 with the enterprise's satisfaction and the day. */
export function StatusCell({ p, showDate = false }: { p: ProblemRow; showDate?: boolean }) {
  const { t } = useTranslation()
  return (
    <Space size={4} wrap>
      <StatusTag status={p.status} />
      {p.status === 'closed' && p.satisfaction && (
        <Tag color={SATISFACTION_COLOR[p.satisfaction]} style={{ marginInlineEnd: 0 }}>
          {t(`problems.satisfaction.${p.satisfaction}`)}
        </Tag>
      )}
      {showDate && p.status === 'closed' && p.closedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('problems.ledger.closedOn', { date: formatDate(p.closedAt) })}
        </Typography.Text>
      )}
    </Space>
  )
}

/** Marks after the title: a common problem, merged into one, extended. */
export function ProblemMarks({ p }: { p: ProblemRow }) {
  const { t } = useTranslation()
  return (
    <>
      {p.isCommon && (
        <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
          {t('problems.ledger.commonTag')}
        </Tag>
      )}
      {p.commonId && (
        <Tooltip title={t('problems.ledger.mergedHint')}>
          <Link to={`/problems/${p.commonId}`}>
            <Tag color="geekblue" style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
              {t('problems.ledger.mergedTag')}
            </Tag>
          </Link>
        </Tooltip>
      )}
      {p.extended && (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('problems.ledger.extendedTag')}
        </Tag>
      )}
    </>
  )
}

/** The lead unit, and the co-units in a tooltip. */
export function UnitsCell({ p }: { p: ProblemRow }) {
  const { t } = useTranslation()
  if (!p.leadUnit)
    return <Typography.Text type="secondary">{t('problems.ledger.notAssigned')}</Typography.Text>
  return p.coUnits.length ? (
    <Tooltip title={`${t('problems.col.coUnits')}：${p.coUnits.map((u) => u.name).join('、')}`}>
      <span style={{ cursor: 'help' }}>
        {p.leadUnit.name}
        <Typography.Text type="secondary"> +{p.coUnits.length}</Typography.Text>
      </span>
    </Tooltip>
  ) : (
    <span>{p.leadUnit.name}</span>
  )
}
