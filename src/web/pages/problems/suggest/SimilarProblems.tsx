import { BellOutlined, BulbOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Grid, Progress, Space, Tag, Typography } from 'antd'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMe } from '../../../api/auth'
import { post } from '../../../api/client'
import type { SimilarProblem, SimilarResult } from '../../../api/types'
import { splitHighlight, useDebounced } from './use-debounced'

const MIN_CHARS = 6

function Highlighted({ text, words }: { text: string; words: string[] }) {
  return (
    <>
      {splitHighlight(text, words).map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one string, in order
          <mark key={i} style={{ padding: 0, background: '#fff1b8' }}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one string, in order
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  )
}

function scoreColor(score: number) {
  return score >= 0.6 ? '#f5222d' : score >= 0.35 ? '#fa8c16' : '#1677ff'
}

/**
 * 查重 at entry and triage: open problems like the text being typed (debounced, from 6 characters),
 * with a similarity bar and the shared words highlighted; a common problem can be joined. Enterprise
 * users see their own enterprise's problems in a friendly box, and a count (no names) when other
 * enterprises reported the same.
 */
export function SimilarProblems(props: {
  text: string
  category?: string
  enterpriseId?: number
  excludeId?: number
  onJoin?: (problemId: number) => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const phone = Grid.useBreakpoint().sm === false
  const text = useDebounced(props.text.trim(), 400)
  const enabled = text.length >= MIN_CHARS
  const q = useQuery({
    queryKey: [
      'problems',
      'similar',
      text,
      props.category ?? null,
      props.enterpriseId ?? null,
      props.excludeId ?? null,
    ],
    queryFn: () =>
      post<SimilarResult>('/api/problems/suggest/similar', {
        text,
        category: props.category || undefined,
        enterpriseId: props.enterpriseId || undefined,
        excludeId: props.excludeId || undefined,
      }),
    enabled,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
    retry: false,
  })
  if (!enabled || !q.data) return null
  const { items, hint } = q.data
  if (!items.length && !hint) return null
  const isEnterprise = !!me?.enterprise

  const row = (p: SimilarProblem) => (
    <Flex key={p.id} vertical gap={2} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Flex gap={8} align="baseline" wrap>
        <Link to={`${isEnterprise ? '/portal' : '/problems'}/${p.id}`} style={{ whiteSpace: 'nowrap' }}>
          {p.code}
        </Link>
        <Typography.Text style={{ flex: 1, minWidth: 160 }}>
          <Highlighted text={p.title} words={p.words} />
        </Typography.Text>
      </Flex>
      <Flex gap={8} align="center" wrap>
        <Progress
          percent={Math.round(p.score * 100)}
          size="small"
          strokeColor={scoreColor(p.score)}
          status="normal"
          style={{ width: phone ? 110 : 160, margin: 0 }}
          format={(n) => `${n}%`}
        />
        <Tag style={{ marginInlineEnd: 0 }}>
          {t(`commons.status.${p.status}`, { defaultValue: p.status })}
        </Tag>
        {p.isCommon && (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('commons.similar.common')}
          </Tag>
        )}
        {p.commonCode && (
          <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
            {t('commons.similar.mergedInto', { code: p.commonCode })}
          </Tag>
        )}
        {!phone && !isEnterprise && p.enterpriseName && (
          <Typography.Text type="secondary">{p.enterpriseName}</Typography.Text>
        )}
        {!phone && p.reasons.sameCategory && <Tag variant="filled">{t('commons.similar.sameCategory')}</Tag>}
        {!phone && p.reasons.sameArea && <Tag variant="filled">{t('commons.similar.sameArea')}</Tag>}
        {!phone && !isEnterprise && p.reasons.sameEnterprise && (
          <Tag variant="filled">{t('commons.similar.sameEnterprise')}</Tag>
        )}
        {props.onJoin && (
          <Button
            type="link"
            size="small"
            icon={<BellOutlined />}
            style={{ paddingInline: 0, marginInlineStart: 'auto' }}
            onClick={() => props.onJoin?.(p.id)}
          >
            {t('commons.similar.join')}
          </Button>
        )}
      </Flex>
    </Flex>
  )

  if (isEnterprise)
    return (
      <Alert
        type="warning"
        showIcon
        icon={<BulbOutlined />}
        title={t('commons.similar.entTitle')}
        description={
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {items.length > 0 && <Typography.Text>{t('commons.similar.entIntro')}</Typography.Text>}
            {items.length > 0 && <div>{items.map(row)}</div>}
            {hint && <Typography.Text strong>{hint.message}</Typography.Text>}
            <Typography.Text type="secondary">{t('commons.similar.entMore')}</Typography.Text>
          </Space>
        }
      />
    )

  return (
    <Card
      size="small"
      title={
        <Space>
          <BulbOutlined style={{ color: '#fa8c16' }} />
          {t('commons.similar.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {items.length}
          </Typography.Text>
        </Space>
      }
      styles={{ body: { paddingTop: 4 } }}
    >
      {!phone && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('commons.similar.staffIntro')}
        </Typography.Paragraph>
      )}
      {items.map(row)}
      {hint && (
        <Typography.Paragraph strong style={{ margin: '8px 0 0' }}>
          {hint.message}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
