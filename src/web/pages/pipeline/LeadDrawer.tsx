import { useQuery } from '@tanstack/react-query'
import { Button, Descriptions, Divider, Drawer, Grid, Popconfirm, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { get } from '../../api/client'
import type { EventItem, Lead, LeadStage, Page } from '../../api/types'
import { EventTimeline } from '../../components/EventTimeline'
import { formatDateTime, formatMoney } from '../../lib/format'
import { FundsPanel } from './FundsPanel'
import { NEXT, STAGE_COLOR } from './stages'

/** One lead: its figures, the moves it can make, its timeline and (once landed) its funds. */
export function LeadDrawer({
  leadId,
  manage,
  onClose,
  onEdit,
  onMove,
  onDelete,
}: {
  leadId: number
  manage: boolean
  onClose: () => void
  onEdit: (l: Lead) => void
  onMove: (l: Lead, to: LeadStage) => void
  onDelete: (l: Lead) => void
}) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const lead = useQuery({
    queryKey: ['pipeline', 'lead', leadId],
    queryFn: () => get<Lead>(`/api/pipeline/leads/${leadId}`),
  })
  const timeline = useQuery({
    queryKey: ['pipeline', 'lead', leadId, 'timeline'],
    queryFn: () => get<Page<EventItem>>(`/api/pipeline/leads/${leadId}/timeline`, { pageSize: 50 }),
  })
  const l = lead.data
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={l ? l.name : t('common.loading')}
      extra={
        l && manage ? (
          <Space wrap>
            {l.stage !== 'landed' && (
              <Popconfirm title={t('pipeline.deleteConfirm', { name: l.name })} onConfirm={() => onDelete(l)}>
                <Button danger>{t('common.delete')}</Button>
              </Popconfirm>
            )}
            <Button onClick={() => onEdit(l)}>{t('common.edit')}</Button>
          </Space>
        ) : null
      }
    >
      {l && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Tag color={STAGE_COLOR[l.stage]}>{t(`pipeline.stage.${l.stage}`)}</Tag>
            {manage &&
              NEXT[l.stage].map((to) => (
                <Button
                  key={to}
                  type={to === 'dropped' ? 'default' : 'primary'}
                  danger={to === 'dropped'}
                  size="small"
                  onClick={() => onMove(l, to)}
                >
                  {t(`pipeline.moveTo.${to}`)}
                </Button>
              ))}
          </Space>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'investor', label: t('pipeline.investor'), children: l.investor },
              {
                key: 'enterprise',
                label: t('pipeline.enterprise'),
                children: l.enterpriseId ? (
                  <Link to={`/enterprises/${l.enterpriseId}`}>{l.enterpriseName}</Link>
                ) : (
                  '—'
                ),
              },
              { key: 'industry', label: t('pipeline.industry'), children: l.industryName ?? '—' },
              { key: 'source', label: t('pipeline.source'), children: l.source ?? '—' },
              {
                key: 'intended',
                label: t('pipeline.intendedInvestment'),
                children: formatMoney(l.intendedInvestment, t),
              },
              { key: 'date', label: t('pipeline.agreementDate'), children: l.agreementDate ?? '—' },
              {
                key: 'amount',
                label: t('pipeline.agreementAmount'),
                children: formatMoney(l.agreementAmount, t),
              },
              ...(l.projectId
                ? [
                    {
                      key: 'project',
                      label: t('pipeline.project'),
                      children: (
                        <Link to={`/projects/${l.projectId}`}>
                          {l.projectCode} {l.projectName}
                        </Link>
                      ),
                    },
                  ]
                : []),
              { key: 'owner', label: t('pipeline.owner'), children: l.ownerName ?? '—' },
              { key: 'contact', label: t('pipeline.contact'), children: l.contact ?? '—' },
              ...(l.droppedReason
                ? [{ key: 'reason', label: t('pipeline.reason'), children: l.droppedReason }]
                : []),
              { key: 'notes', label: t('pipeline.notes'), children: l.notes ?? '—' },
              {
                key: 'changed',
                label: t('pipeline.stageChangedAt'),
                children: formatDateTime(l.stageChangedAt),
              },
            ]}
          />
          {l.projectId && (
            <>
              <Divider />
              <FundsPanel projectId={l.projectId} manage={manage} />
            </>
          )}
          <Divider />
          <Typography.Text strong>{t('pipeline.timeline')}</Typography.Text>
          <div style={{ marginTop: 12 }}>
            <EventTimeline items={timeline.data?.items ?? []} />
          </div>
        </>
      )}
    </Drawer>
  )
}
