import { ApartmentOutlined, CheckOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Flex, Progress, Skeleton, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../../api/auth'
import { post } from '../../../api/client'
import type { DepartmentSuggestion } from '../../../api/types'
import { useDebounced } from './use-debounced'

/**
 * At triage: the top 3 lead departments from how similar problems were routed before, each with
 * its score and the reason; a click picks one (the user decides). Staff with problem:triage only.
 */
export function DepartmentSuggestions(props: {
  text: string
  category?: string
  onPick: (departmentId: number) => void
}) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const [picked, setPicked] = useState<number | null>(null)
  const text = useDebounced(props.text.trim(), 400)
  const enabled = can(me, 'problem:triage') && (text.length >= 2 || !!props.category)
  const q = useQuery({
    queryKey: ['problems', 'suggest-departments', text, props.category ?? null],
    queryFn: () =>
      post<{ items: DepartmentSuggestion[] }>('/api/problems/suggest/departments', {
        text: text || (props.category ?? ''),
        category: props.category || undefined,
      }),
    enabled,
    staleTime: 60_000,
    placeholderData: (prev) => prev,
    retry: false,
  })
  if (!enabled || q.isError) return null
  const items = q.data?.items ?? []

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <ApartmentOutlined style={{ color: '#1677ff' }} />
          {t('commons.dept.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('commons.dept.help')}
          </Typography.Text>
        </Flex>
      }
      styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
    >
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : !items.length ? (
        <Typography.Text type="secondary">{t('commons.dept.none')}</Typography.Text>
      ) : (
        items.map((d, i) => (
          <Flex
            key={d.departmentId}
            vertical
            gap={2}
            style={{ padding: '8px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
          >
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{d.departmentName}</Typography.Text>
              {d.basis === 'category' && <Tag variant="filled">{t('commons.dept.byCategory')}</Tag>}
              <Progress
                percent={Math.round(d.score * 100)}
                size="small"
                status="normal"
                style={{ width: 140, margin: 0 }}
                format={(n) => `${n}%`}
              />
              <Button
                size="small"
                type={picked === d.departmentId ? 'primary' : 'default'}
                icon={picked === d.departmentId ? <CheckOutlined /> : undefined}
                style={{ marginInlineStart: 'auto' }}
                onClick={() => {
                  setPicked(d.departmentId)
                  props.onPick(d.departmentId)
                }}
              >
                {picked === d.departmentId ? t('commons.dept.picked') : t('commons.dept.pick')}
              </Button>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.reason}
            </Typography.Text>
          </Flex>
        ))
      )}
    </Card>
  )
}
