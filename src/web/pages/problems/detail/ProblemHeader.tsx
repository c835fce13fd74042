import { ArrowLeftOutlined, UserOutlined } from '@ant-design/icons'
import { Flex, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ProblemDetail } from '../../../api/types'
import { DueText, isOpen, ProblemLight, StatusTag, SupervisionTag } from '../problem-ui'

const TRIAGE = ['submitted', 'returned']

/** Why the light is what it is, in words (the dot's tooltip says the same; phones have no hover). */
function lightWhy(p: ProblemDetail, t: (k: string) => string) {
  const why = [
    p.due?.overdue ? t('problems.lightWhy.overdue') : null,
    p.extended ? t('problems.lightWhy.extended') : null,
    p.light === 'yellow' && !p.extended && !p.due?.overdue ? t('problems.lightWhy.soon') : null,
  ].filter(Boolean)
  return why.length ? why.join('；') : t('problems.lightWhy.ok')
}

/**
 * Head of the problem page: code, title, status, type, supervision level, the light with why, the
 * running clock (accept / deadline / confirm) and the 首问责任人.
 */
export function ProblemHeader({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useTranslation()
  const triage = TRIAGE.includes(p.status)
  return (
    <div style={{ minWidth: 0 }}>
      <Link to="/problems">
        <ArrowLeftOutlined /> {t('problemDetail.backToList')}
      </Link>
      <Typography.Title level={4} style={{ margin: '4px 0 8px', wordBreak: 'break-word' }}>
        {p.title}
      </Typography.Title>
      <Space wrap size={[8, 6]}>
        <Typography.Text type="secondary" copyable={{ text: p.code }}>
          {p.code}
        </Typography.Text>
        <StatusTag status={p.status} />
        {p.type && <Tag style={{ marginInlineEnd: 0 }}>{t(`problems.type.${p.type}`)}</Tag>}
        <SupervisionTag level={p.supervisionLevel} />
        {p.isCommon && (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('problemDetail.header.common')}
          </Tag>
        )}
        {p.extended && (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('problemDetail.header.extended')}
          </Tag>
        )}
        {p.escalationLevel > 0 && (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t(`problemDetail.header.escalated${p.escalationLevel >= 2 ? 2 : 1}`)}
          </Tag>
        )}
        {p.reopenCount > 0 && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('problemDetail.header.reopened', { n: p.reopenCount })}
          </Tag>
        )}
      </Space>
      <Flex gap="4px 20px" wrap align="center" style={{ marginTop: 8 }}>
        {isOpen(p.status) && (
          <span>
            <ProblemLight p={p} showText />
            <Typography.Text type="secondary"> · {lightWhy(p, t)}</Typography.Text>
          </span>
        )}
        {p.due && (
          <span>
            <Typography.Text type="secondary">{t(`problems.due.kind.${p.due.kind}`)}：</Typography.Text>
            <DueText due={p.due} />
          </span>
        )}
        <span>
          <UserOutlined style={{ color: '#8c8c8c' }} />{' '}
          {p.firstReceiver ? (
            <Typography.Text>
              {t(triage ? 'problemDetail.header.firstReceiverTriage' : 'problemDetail.header.firstReceiver', {
                name: p.firstReceiver.name,
              })}
            </Typography.Text>
          ) : (
            <Typography.Text type={triage ? 'warning' : 'secondary'}>
              {t('problemDetail.header.noFirstReceiver')}
            </Typography.Text>
          )}
        </span>
      </Flex>
    </div>
  )
}
