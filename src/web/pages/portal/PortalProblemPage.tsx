import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  InfoCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Flex, Grid, Result, Skeleton, Steps, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { ApiError, get } from '../../api/client'
import type { ProblemDetail } from '../../api/types'
import { EventTimeline } from '../../components/EventTimeline'
import { errorMessage } from '../../lib/form-errors'
import { formatDate, formatDateTime, formatDateTimeSeconds } from '../../lib/format'
import { dictText } from '../problems/new/dict'
import { DueText, isOpen, ProblemLight, StatusTag } from '../problems/problem-ui'
import { useDictMap } from '../projects/project-ui'
import { RatingCard, WithdrawButton } from './PortalActions'
import { PortalPhotos } from './PortalPhotos'
import { PortalColumn, PortalGate, useProblemSettings } from './portal-ui'

const LIVE_MS = 15_000

/** /portal/:id — one of the enterprise's problems, live. */
export default function PortalProblemPage() {
  return <PortalGate>{() => <PortalProblem />}</PortalGate>
}

/** Where the problem is on its way: 已提交 → 受理分办 → 办理中 → 已办结 → 评价销号. */
function stepOf(p: ProblemDetail): { current: number; status: 'process' | 'finish' | 'error' } {
  switch (p.status) {
    case 'submitted':
    case 'returned':
      return { current: 1, status: p.due?.overdue ? 'error' : 'process' }
    case 'accepted':
    case 'in_progress':
      return { current: 2, status: p.due?.overdue ? 'error' : 'process' }
    case 'resolved':
      return { current: 4, status: 'process' }
    default:
      return { current: 4, status: 'finish' }
  }
}

/**
 * The enterprise's view of one problem: where it stands and what happens next (with the promised
 * dates), the rating once it is resolved, the measures and the live timeline (every 15 s and when the
 * phone comes back to the page), photos, and 撤回 while that is still allowed.
 */
function PortalProblem() {
  const { t, i18n } = useTranslation()
  const { id } = useParams()
  const problemId = Number(id)
  const navigate = useNavigate()
  const location = useLocation()
  const submitted = (location.state as { submitted?: string } | null)?.submitted
  const phone = Grid.useBreakpoint().sm === false
  const q = useQuery({
    queryKey: ['problems', problemId],
    queryFn: () => get<ProblemDetail>(`/api/problems/${problemId}`),
    enabled: Number.isInteger(problemId) && problemId > 0,
    refetchInterval: LIVE_MS,
    refetchOnWindowFocus: true,
  })
  const categories = useDictMap('problem_category')
  const p = q.data

  const back = (
    <Link to="/portal">
      <Button type="text" icon={<ArrowLeftOutlined />} style={{ paddingInline: 4, marginBottom: 8 }}>
        {t('portal.back')}
      </Button>
    </Link>
  )

  if (
    !Number.isInteger(problemId) ||
    problemId <= 0 ||
    (q.error instanceof ApiError && q.error.status === 404)
  )
    return (
      <PortalColumn>
        {back}
        <Result status="404" title={t('portal.detail.notFound')} />
      </PortalColumn>
    )
  if (q.isError && !p)
    return (
      <PortalColumn>
        {back}
        <Result
          status="error"
          title={t('portal.detail.loadFailed')}
          subTitle={errorMessage(q.error)}
          extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
        />
      </PortalColumn>
    )
  if (!p)
    return (
      <PortalColumn>
        {back}
        <Skeleton active paragraph={{ rows: 10 }} />
      </PortalColumn>
    )

  const refresh = () => void q.refetch()
  const step = stepOf(p)
  const evidenceIds = p.evidence?.attachmentIds ?? []
  const categoryItem = p.category ? categories.map.get(p.category) : undefined
  const category = categoryItem ? dictText(categoryItem, i18n.language) : p.category

  return (
    <PortalColumn>
      {back}
      {submitted && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('portal.detail.justSubmitted', { code: submitted })}
          closable
          style={{ marginBottom: 12 }}
        />
      )}

      <Card style={{ marginBottom: 12 }} styles={{ body: { padding: phone ? 14 : 20 } }}>
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 6 }}>
          <Flex gap={6} align="center" wrap>
            <StatusTag status={p.status} />
            {category && (
              <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                {category}
              </Tag>
            )}
            {isOpen(p.status) && <ProblemLight p={p} showText />}
          </Flex>
          <Typography.Text type="secondary" copyable={{ text: p.code }} style={{ fontSize: 13 }}>
            {t('portal.detail.code')} {p.code}
          </Typography.Text>
        </Flex>
        <Typography.Title level={4} style={{ margin: '4px 0 12px' }}>
          {p.title}
        </Typography.Title>
        {p.status !== 'withdrawn' && (
          <Steps
            size="small"
            type="dot"
            titlePlacement="vertical"
            responsive={false}
            current={step.current}
            status={step.status}
            items={[
              {
                title: t('portal.detail.steps.submitted'),
                content: phone ? undefined : formatDate(p.receivedAt),
              },
              {
                title: t('portal.detail.steps.accepted'),
                content: phone ? undefined : formatDate(p.acceptedAt),
              },
              { title: t('portal.detail.steps.handling') },
              {
                title: t('portal.detail.steps.resolved'),
                content: phone ? undefined : formatDate(p.resolvedAt),
              },
              { title: t('portal.detail.steps.rated'), content: phone ? undefined : formatDate(p.closedAt) },
            ]}
            style={{ marginBottom: 12 }}
          />
        )}
        <NextStep p={p} />
      </Card>

      {p.actions.includes('confirm') && <RatingCard p={p} onChanged={refresh} />}

      {p.resolution && (p.status === 'resolved' || p.status === 'closed') && (
        <Card size="small" title={t('portal.detail.resolution')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
            {p.resolution}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[p.resolvedBy?.name, formatDateTime(p.resolvedAt)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Card>
      )}

      {p.tasks.length > 0 && (
        <Card size="small" title={t('portal.detail.tasks')} style={{ marginBottom: 12 }}>
          <Flex vertical gap={8}>
            {p.tasks.map((task) => (
              <Flex key={task.id} gap={8} align="baseline" justify="space-between" wrap>
                <div style={{ flex: '1 1 200px' }}>
                  <Typography.Text delete={false} strong={task.status !== 'done'}>
                    {task.title}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[
                        task.ownerDepartment?.name,
                        task.dueDate ? t('portal.detail.taskDue', { date: task.dueDate }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </div>
                </div>
                <Flex gap={4}>
                  {task.overdue && task.status !== 'done' && (
                    <Tag color="error" style={{ marginInlineEnd: 0 }}>
                      {t('portal.detail.taskOverdue')}
                    </Tag>
                  )}
                  <Tag
                    color={
                      task.status === 'done' ? 'success' : task.status === 'doing' ? 'processing' : 'default'
                    }
                    style={{ marginInlineEnd: 0 }}
                  >
                    {task.statusLabel}
                  </Tag>
                </Flex>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}

      <Card
        size="small"
        title={t('portal.detail.timeline')}
        style={{ marginBottom: 12 }}
        extra={
          <Button
            type="text"
            size="small"
            icon={<ReloadOutlined spin={q.isFetching} />}
            onClick={refresh}
            aria-label={t('portal.detail.refresh')}
            title={t('portal.detail.refresh')}
          />
        }
      >
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 12 }}>
          <ClockCircleOutlined />{' '}
          {t('portal.detail.liveNote', {
            at: formatDateTimeSeconds(new Date(q.dataUpdatedAt).toISOString()).slice(11),
          })}
        </Typography.Text>
        <EventTimeline items={p.timeline} emptyText={t('portal.detail.timelineEmpty')} />
      </Card>

      <PortalPhotos
        problemId={p.id}
        evidenceIds={evidenceIds}
        canAdd={['submitted', 'returned', 'accepted', 'in_progress'].includes(p.status)}
      />

      <Card size="small" title={t('portal.detail.info')} style={{ marginBottom: 12 }}>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: phone ? 84 : 110, whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'desc',
              label: t('portal.detail.description'),
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span>,
            },
            p.address || p.lng != null
              ? {
                  key: 'loc',
                  label: t('portal.detail.location'),
                  children: (
                    <span>
                      {p.address}
                      {p.lng != null && p.lat != null && (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {t('portal.detail.coords', { x: p.lng, y: p.lat })}
                        </Typography.Text>
                      )}
                    </span>
                  ),
                }
              : null,
            p.project
              ? { key: 'project', label: t('portal.detail.project'), children: p.project.name }
              : null,
            {
              key: 'reporter',
              label: t('portal.detail.reporter'),
              children: p.reporterName ?? p.reporter ?? '—',
            },
            p.reporterPhone
              ? { key: 'phone', label: t('portal.detail.phone'), children: p.reporterPhone }
              : null,
            { key: 'received', label: t('portal.detail.receivedAt'), children: formatDateTime(p.receivedAt) },
            p.leadUnit
              ? { key: 'lead', label: t('portal.detail.leadUnit'), children: p.leadUnit.name }
              : null,
            p.coUnits.length
              ? {
                  key: 'co',
                  label: t('portal.detail.coUnits'),
                  children: p.coUnits.map((u) => u.name).join('、'),
                }
              : null,
            p.deadlineAt
              ? { key: 'deadline', label: t('portal.detail.deadlineAt'), children: formatDate(p.deadlineAt) }
              : null,
          ].filter((x): x is NonNullable<typeof x> => !!x)}
        />
      </Card>

      {p.actions.includes('withdraw') && (
        <Flex justify="flex-end" vertical={phone} style={{ marginBottom: 16 }}>
          <WithdrawButton p={p} onChanged={refresh} />
        </Flex>
      )}
      {p.status === 'withdrawn' && (
        <Flex justify="center" style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/new')}>
            {t('portal.detail.reportAgain')}
          </Button>
        </Flex>
      )}
    </PortalColumn>
  )
}

/** 下一步: what the zone does next and by when, in the enterprise's words. */
function NextStep({ p }: { p: ProblemDetail }) {
  const { t } = useTranslation()
  const settings = useProblemSettings()
  const n = (k: string, o: Record<string, unknown> = {}) => t(`portal.detail.nextText.${k}`, o)
  const lines: ReactNode[] = []
  let type: 'info' | 'warning' | 'success' | 'error' = 'info'
  const lead = p.leadUnit?.name
  const due =
    p.due && isOpen(p.status) && p.status !== 'resolved' ? (
      <span>
        {t(`problems.due.kind.${p.due.kind}`)}：<DueText due={p.due} />
      </span>
    ) : null

  switch (p.status) {
    case 'submitted':
      lines.push(
        p.firstReceiver
          ? n('received', { name: p.firstReceiver.name })
          : settings.data
            ? n('submitted', { days: settings.data.acceptDays })
            : n('submittedNoDays'),
      )
      break
    case 'returned':
      lines.push(n('returned'))
      break
    case 'accepted':
    case 'in_progress': {
      const key = p.status === 'accepted' ? 'accepted' : 'in_progress'
      lines.push(lead ? n(key, { lead }) : n(`${key}NoLead`))
      if (p.deadlineAt && p.due?.kind !== 'deadline')
        lines.push(n('deadline', { date: formatDate(p.deadlineAt), days: p.deadlineDays ?? '—' }))
      if (p.replyDueAt && !p.firstReplyAt) lines.push(n('firstReply', { date: formatDate(p.replyDueAt) }))
      if (p.extended) lines.push(n('extended'))
      break
    }
    case 'resolved':
      type = 'warning'
      lines.push(n('resolved'))
      if (p.confirmDueAt) lines.push(n('confirmBy', { date: formatDateTime(p.confirmDueAt) }))
      break
    case 'closed': {
      type = 'success'
      const s = p.satisfaction ? t(`problems.satisfaction.${p.satisfaction}`) : ''
      lines.push(
        p.closeMethod === 'confirmed' && s
          ? n('closedConfirmed', { s })
          : p.closeMethod === 'callback' && s
            ? n('closedCallback', { s })
            : n('closed'),
      )
      break
    }
    case 'withdrawn':
      lines.push(n('withdrawn'))
      break
  }
  if (p.common && isOpen(p.status)) lines.push(n('common', { code: p.common.code }))
  if (p.due?.overdue && isOpen(p.status) && p.status !== 'resolved') {
    type = 'error'
    lines.push(n('overdue'))
  }

  return (
    <Alert
      type={type}
      showIcon
      icon={type === 'success' ? <CheckCircleOutlined /> : <InfoCircleOutlined />}
      title={<Typography.Text strong>{lines[0]}</Typography.Text>}
      description={
        lines.length > 1 || due ? (
          <Flex vertical gap={2}>
            {lines.slice(1).map((l) => (
              <span key={String(l)}>{l}</span>
            ))}
            {due}
          </Flex>
        ) : undefined
      }
    />
  )
}
