import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ProblemDetail } from '../../../api/types'
import { formatDateTime } from '../../../lib/format'
import { DueText } from '../problem-ui'

/** 责任清单 of one problem: lead and co units, the responsible leader and person, the deadline. */
export function ResponsibilityBlock({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useTranslation()
  const lbl = (k: string) => t(`problemDetail.resp.${k}`)
  const none = <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Card size="small" title={lbl('block')}>
      {!p.leadUnit ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={lbl('untriaged')} />
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'lead',
              label: lbl('lead'),
              children: <Typography.Text strong>{p.leadUnit.name}</Typography.Text>,
            },
            {
              key: 'co',
              label: lbl('co'),
              children: p.coUnits.length ? (
                <Space wrap size={4}>
                  {p.coUnits.map((u) => (
                    <Tag key={u.id} style={{ marginInlineEnd: 0 }}>
                      {u.name}
                    </Tag>
                  ))}
                </Space>
              ) : (
                none
              ),
            },
            { key: 'leader', label: lbl('leader'), children: p.responsibleLeader?.name ?? none },
            { key: 'person', label: lbl('person'), children: p.responsibleUser?.name ?? none },
            {
              key: 'days',
              label: lbl('days'),
              children: p.deadlineDays != null ? t('problemDetail.workdaysN', { n: p.deadlineDays }) : none,
            },
            {
              key: 'deadline',
              label: lbl('deadline'),
              children: p.deadlineAt ? (
                <Space wrap size={6}>
                  {formatDateTime(p.deadlineAt)}
                  {p.extended && <Tag color="warning">{lbl('extended')}</Tag>}
                </Space>
              ) : (
                none
              ),
            },
            {
              key: 'left',
              label: lbl('left'),
              children: p.due?.kind === 'deadline' ? <DueText due={p.due} compact /> : none,
            },
            { key: 'accepted', label: lbl('acceptedAt'), children: formatDateTime(p.acceptedAt) || none },
            {
              key: 'reply',
              label: lbl('firstReply'),
              children: p.firstReplyAt
                ? formatDateTime(p.firstReplyAt)
                : p.replyDueAt
                  ? t('problemDetail.resp.replyDue', { at: formatDateTime(p.replyDueAt) })
                  : none,
            },
          ]}
        />
      )}
    </Card>
  )
}
