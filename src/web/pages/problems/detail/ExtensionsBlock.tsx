import { Card, Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ProblemExtension } from '../../../api/types'
import { formatDateTime } from '../../../lib/format'

const COLOR = { pending: 'processing', approved: 'success', refused: 'error' } as const

/** 延期申请 of the problem with their decisions (approving is an action of the supervision office). */
export function ExtensionsBlock({ items }: { items: ProblemExtension[] }) {
  const { t } = useTranslation()
  if (!items.length) return null
  return (
    <Card size="small" title={t('problemDetail.extensions.block')}>
      <Flex vertical>
        {items.map((x, i) => (
          <Flex
            key={x.id}
            vertical
            gap={2}
            style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
          >
            <Flex gap={8} align="center" wrap>
              <Tag color={COLOR[x.status]} style={{ marginInlineEnd: 0 }}>
                {t(`problemDetail.extensions.status.${x.status}`)}
              </Tag>
              <Typography.Text strong>
                {t('problemDetail.extensions.daysMore', { n: x.days })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.requestedBy ?? '—'} · {formatDateTime(x.requestedAt)}
              </Typography.Text>
            </Flex>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
              {t('problemDetail.extensions.reason')}：{x.reason}
            </Typography.Text>
            {x.status === 'pending' ? (
              <Typography.Text type="secondary">{t('problemDetail.extensions.waiting')}</Typography.Text>
            ) : (
              <Typography.Text type={x.status === 'refused' ? 'danger' : 'success'}>
                {t('problemDetail.extensions.decision', {
                  who: x.decidedBy ?? t('problemDetail.extensions.system'),
                  at: formatDateTime(x.decidedAt),
                })}
                {x.decisionNote ? `：${x.decisionNote}` : ''}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  )
}
