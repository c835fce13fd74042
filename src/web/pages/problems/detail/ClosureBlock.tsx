import { PaperClipOutlined } from '@ant-design/icons'
import { Card, Descriptions, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ProblemDetail } from '../../../api/types'
import { formatDateTime } from '../../../lib/format'

const SATISFACTION_COLOR = { satisfied: 'success', basic: 'processing', unsatisfied: 'error' } as const

/** 办结与评价: how it was resolved, the evidence, the enterprise's rating or the call-back, how it was closed. */
export function ClosureBlock({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useTranslation()
  if (!p.resolution && !p.closedAt && !p.reopenCount) return null
  const lbl = (k: string) => t(`problemDetail.closure.${k}`)
  const files = (p.evidence?.attachmentIds ?? []).map((id, i) => ({
    id,
    name: p.evidence?.files?.[i] ?? `#${id}`,
  }))
  const items = [
    ...(p.resolution
      ? [
          {
            key: 'resolution',
            label: lbl('resolution'),
            span: 'filled' as const,
            children: (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {p.resolution}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'by',
            label: lbl('resolvedBy'),
            children: `${p.resolvedBy?.name ?? '—'} · ${formatDateTime(p.resolvedAt)}`,
          },
          {
            key: 'evidence',
            label: lbl('evidence'),
            children: files.length ? (
              <Space orientation="vertical" size={2}>
                {files.map((f) => (
                  <a key={f.id} href={`/api/attachments/${f.id}/download`} style={{ wordBreak: 'break-all' }}>
                    <PaperClipOutlined /> {f.name}
                  </a>
                ))}
              </Space>
            ) : p.evidence?.note ? (
              t('problemDetail.closure.noEvidence', { note: p.evidence.note })
            ) : (
              '—'
            ),
          },
        ]
      : []),
    ...(p.status === 'resolved' && p.confirmDueAt
      ? [{ key: 'confirmDue', label: lbl('confirmDue'), children: formatDateTime(p.confirmDueAt) }]
      : []),
    ...(p.satisfaction
      ? [
          {
            key: 'satisfaction',
            label: lbl('satisfaction'),
            children: (
              <Tag color={SATISFACTION_COLOR[p.satisfaction]}>
                {t(`problems.satisfaction.${p.satisfaction}`)}
              </Tag>
            ),
          },
        ]
      : []),
    ...(p.closedAt
      ? [
          {
            key: 'closed',
            label: lbl('closed'),
            children: `${p.closeMethod ? t(`problemDetail.closure.method.${p.closeMethod}`) : ''} · ${formatDateTime(p.closedAt)}`,
          },
        ]
      : []),
    ...(p.reopenCount
      ? [
          {
            key: 'reopen',
            label: lbl('reopened'),
            children: t('problemDetail.closure.times', { n: p.reopenCount }),
          },
        ]
      : []),
  ]
  return (
    <Card size="small" title={p.status === 'withdrawn' ? lbl('blockWithdrawn') : lbl('block')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  )
}
