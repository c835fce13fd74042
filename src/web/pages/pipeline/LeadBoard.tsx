import { useQueries } from '@tanstack/react-query'
import { Card, Empty, Flex, Grid, Segmented, Skeleton, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import type { Lead, LeadStage, Page } from '../../api/types'
import { formatMoney } from '../../lib/format'
import { leadAmount, STAGE_COLOR, STAGES } from './stages'

const PER_COLUMN = 50

function LeadCard({ lead, onOpen }: { lead: Lead; onOpen: (l: Lead) => void }) {
  const { t } = useTranslation()
  return (
    <Card
      size="small"
      hoverable
      onClick={() => onOpen(lead)}
      style={{ cursor: 'pointer' }}
      styles={{ body: { padding: 10 } }}
    >
      <Typography.Text strong style={{ display: 'block' }}>
        {lead.name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
        {lead.investor}
      </Typography.Text>
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 6 }}>
        <Typography.Text style={{ fontSize: 13 }}>{formatMoney(leadAmount(lead), t)}</Typography.Text>
        {lead.ownerName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {lead.ownerName}
          </Typography.Text>
        )}
      </Flex>
      {lead.stage === 'landed' && lead.projectCode && (
        <Tag color="success" style={{ marginTop: 6 }}>
          {lead.projectCode}
        </Tag>
      )}
      {lead.stage === 'dropped' && lead.droppedReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }} ellipsis>
          {lead.droppedReason}
        </Typography.Text>
      )}
    </Card>
  )
}

/**
 * The pipeline as columns per stage; on phones one stage at a time (picked with a segmented control)
 * so that cards stay readable.
 */
export function LeadBoard({
  filter,
  counts,
  onOpen,
}: {
  filter: Record<string, string | number | undefined>
  counts: Partial<Record<LeadStage, number>>
  onOpen: (l: Lead) => void
}) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const phone = !screens.md
  const [phoneStage, setPhoneStage] = useState<LeadStage>('negotiating')
  const shown = phone ? [phoneStage] : STAGES
  const columns = useQueries({
    queries: shown.map((stage) => ({
      queryKey: ['pipeline', 'board', stage, filter],
      queryFn: () =>
        get<Page<Lead>>('/api/pipeline/leads', {
          ...filter,
          stage,
          pageSize: PER_COLUMN,
          sort: '-updatedAt',
        }),
    })),
  })

  return (
    <>
      {phone && (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented<LeadStage>
            value={phoneStage}
            onChange={setPhoneStage}
            options={STAGES.map((s) => ({
              value: s,
              label: `${t(`pipeline.stage.${s}`)} ${counts[s] ?? 0}`,
            }))}
          />
        </div>
      )}
      <div style={{ overflowX: 'auto' }}>
        <Flex gap={12} align="flex-start" style={{ minWidth: phone ? undefined : 5 * 185 }}>
          {shown.map((stage, i) => {
            const q = columns[i]
            return (
              <div
                key={stage}
                style={{
                  flex: '1 1 0',
                  minWidth: phone ? undefined : 175,
                  background: 'rgba(0,0,0,0.03)',
                  borderRadius: 8,
                  padding: 8,
                }}
              >
                {!phone && (
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8, padding: '0 4px' }}>
                    <Tag color={STAGE_COLOR[stage]}>{t(`pipeline.stage.${stage}`)}</Tag>
                    <Typography.Text type="secondary">{q.data?.total ?? ''}</Typography.Text>
                  </Flex>
                )}
                {q.isLoading ? (
                  <Skeleton active paragraph={{ rows: 2 }} />
                ) : q.data?.items.length ? (
                  <Flex vertical gap={8}>
                    {q.data.items.map((l) => (
                      <LeadCard key={l.id} lead={l} onOpen={onOpen} />
                    ))}
                    {q.data.total > PER_COLUMN && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('pipeline.moreInTable', { count: q.data.total - PER_COLUMN })}
                      </Typography.Text>
                    )}
                  </Flex>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.columnEmpty')} />
                )}
              </div>
            )
          })}
        </Flex>
      </div>
    </>
  )
}
