import { ArrowLeftOutlined, EditOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Pagination,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { type ComponentProps, lazy, Suspense, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { can, useMe } from '../../api/auth'
import { ApiError, get } from '../../api/client'
import type { EventItem, Page, ProjectDetail } from '../../api/types'
import { EventTimeline } from '../../components/EventTimeline'
import { LIGHT_COLOR } from '../../components/LightDot'
import { ScheduleGap } from '../../components/ScheduleGap'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime, formatMoney, formatRate } from '../../lib/format'
import { ProjectWeeklyPanel } from '../reports/components/ProjectWeeklyPanel'
import { PermitsPanel } from '../services/PermitsPanel'
import { AttachmentsPanel } from './AttachmentsPanel'
import { type FiveOnesAction, FiveOnesBlock } from './FiveOnesBlock'
import { MilestoneGantt, MilestoneModal, MilestoneTable } from './Milestones'
import { ProjectFormModal } from './ProjectFormModal'
import { LeadersModal, StageModal, TeamModal, UnitsModal } from './ProjectModals'
import { DictTag, dictLabel, useDictMap } from './project-ui'

/** Figures of the header: smaller than Statistic's default so that 亿元 amounts fit on one line. */
function Figure(props: ComponentProps<typeof Statistic>) {
  return (
    <Statistic
      {...props}
      styles={{ content: { fontSize: 20, whiteSpace: 'nowrap' }, title: { whiteSpace: 'nowrap' } }}
    />
  )
}

type Dialog = 'edit' | 'stage' | 'leader' | 'team' | 'units' | 'milestone' | null

function TimelinePanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const list = useQuery({
    queryKey: ['projects', projectId, 'timeline', page],
    queryFn: () => get<Page<EventItem>>(`/api/projects/${projectId}/timeline`, { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  })
  if (list.isError) return <Alert type="error" title={errorMessage(list.error)} />
  return (
    <>
      <EventTimeline items={list.data?.items ?? []} emptyText={t('projects.timelineEmpty')} />
      {(list.data?.total ?? 0) > 20 && (
        <Pagination size="small" current={page} pageSize={20} total={list.data?.total} onChange={setPage} />
      )}
    </>
  )
}

/** Why the light is what it is, in plain words. */
function LightExplained({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation()
  const color = LIGHT_COLOR[p.light]
  return (
    <div
      style={{
        borderLeft: `4px solid ${color}`,
        background: p.light === 'green' ? '#f6ffed' : p.light === 'yellow' ? '#fffbe6' : '#fff1f0',
        padding: '8px 12px',
        borderRadius: 4,
      }}
    >
      <Typography.Text strong style={{ color }}>
        {p.light !== 'green' && <WarningOutlined />} {t(`projects.why.${p.light}`)}
      </Typography.Text>
      {p.lightReasons.length ? (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {p.lightReasons.map((r) => (
            <li key={r.text}>
              <Tag color={r.light === 'red' ? 'error' : 'warning'} style={{ marginInlineEnd: 6 }}>
                {t(`common.light.${r.light}`)}
              </Tag>
              {r.text}
            </li>
          ))}
        </ul>
      ) : (
        <div>
          <Typography.Text type="secondary">{t('projects.why.none')}</Typography.Text>
        </div>
      )}
      {p.lightAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('projects.why.since', { at: formatDateTime(p.lightAt) })}
        </Typography.Text>
      )}
    </div>
  )
}

/** 项目页: header with stage and light (and why), 五个一, milestones (Gantt + table), investment, weekly, timeline, files. */
// The investment tab draws its chart with ECharts (≈ 300 KB gzip): loaded when the tab is opened.
const ProjectInvestmentPanel = lazy(() =>
  import('../reports/components/ProjectInvestmentPanel').then((m) => ({ default: m.ProjectInvestmentPanel })),
)

export default function ProjectPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const projectId = Number(id)
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { data: me } = useMe()
  const [dialog, setDialog] = useState<Dialog>(null)
  const [tab, setTab] = useState('milestones')
  const tabsRef = useRef<HTMLDivElement>(null)
  const levels = useDictMap('project_level')
  const natures = useDictMap('project_nature')
  const q = useQuery({
    queryKey: ['projects', projectId],
    queryFn: () => get<ProjectDetail>(`/api/projects/${projectId}`),
    enabled: Number.isInteger(projectId) && projectId > 0,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['projects'] })
  const canManage = can(me, 'project:manage')

  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('projects.notFound') : t('common.loadFailed')}
        subTitle={errorMessage(q.error)}
        extra={<Button onClick={() => navigate('/projects')}>{t('projects.backToList')}</Button>}
      />
    )
  }
  const p = q.data
  if (!p) return <Skeleton active paragraph={{ rows: 12 }} />

  function onFiveOnes(a: FiveOnesAction) {
    if (a === 'followup') {
      setTab('weekly')
      tabsRef.current?.scrollIntoView({ behavior: 'smooth' })
    } else if (a === 'plan') {
      if (canManage) setDialog('milestone')
      else {
        setTab('milestones')
        tabsRef.current?.scrollIntoView({ behavior: 'smooth' })
      }
    } else setDialog(a)
  }

  const s = p.schedule
  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Link to="/projects">
            <ArrowLeftOutlined /> {t('projects.backToList')}
          </Link>
          <Typography.Title level={4} style={{ margin: '4px 0' }}>
            {p.name}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Typography.Text type="secondary" copyable>
              {p.code}
            </Typography.Text>
            <DictTag type="project_stage" code={p.stage} />
            {p.level && <Tag>{dictLabel(levels.map, p.level)}</Tag>}
            {p.isKey && <Tag color="gold">{t('projects.field.isKey')}</Tag>}
            {p.tags.map((x) => (
              <DictTag key={x} type="project_tag" code={x} />
            ))}
            {p.enterprise && (
              <Link to={`/enterprises/${p.enterprise.id}`}>
                {t('projects.field.enterprise')}：{p.enterprise.name}
              </Link>
            )}
          </Space>
        </div>
        {canManage && (
          <Space wrap>
            <Button icon={<SwapOutlined />} onClick={() => setDialog('stage')}>
              {t('projects.stage.action')}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
          </Space>
        )}
      </Flex>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <LightExplained p={p} />
          {p.admissionOverride && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title={t('admission.overridden', {
                who: p.admissionOverride.byName ?? t('admission.system'),
                reason: p.admissionOverride.reason,
              })}
            />
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Figure
                  title={t('projects.field.totalInvestment')}
                  value={formatMoney(p.totalInvestment, t)}
                />
              </Col>
              <Col xs={12} md={6}>
                <Figure
                  title={t('projects.stat.plan', { year: s?.year ?? '' })}
                  value={formatMoney(s?.annualPlan, t)}
                />
              </Col>
              <Col xs={12} md={6}>
                <Figure
                  title={t('projects.stat.done', { month: s?.asOfMonth ?? '' })}
                  value={formatMoney(s?.completedThisYear, t)}
                />
              </Col>
              <Col xs={12} md={6}>
                <Figure title={t('projects.stat.cumulative')} value={formatMoney(s?.completedTotal, t)} />
              </Col>
              <Col xs={24}>
                <Space wrap size={16}>
                  <span>
                    {t('projects.col.completionRate')}：<b>{formatRate(s?.completionRate)}</b>
                  </span>
                  <span>
                    {t('projects.col.scheduleRate')}：<b>{formatRate(s?.scheduleRate)}</b>
                  </span>
                  <ScheduleGap points={s?.gapPoints} compact />
                  <span>
                    {t('projects.stat.funds')}：<b>{formatMoney(p.fundsTotal, t)}</b>
                  </span>
                </Space>
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>

      <FiveOnesBlock project={p} canManage={canManage} onAction={onFiveOnes} />

      <Card size="small" title={t('projects.milestones.title')} style={{ marginBottom: 16 }}>
        <MilestoneGantt project={p} />
      </Card>

      <div ref={tabsRef}>
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'milestones',
                label: t('projects.tab.milestones'),
                children: <MilestoneTable project={p} canManage={canManage} onChanged={refresh} />,
              },
              ...(can(me, 'service:read')
                ? [
                    {
                      key: 'permits',
                      label: t('services.tab'),
                      children: <PermitsPanel projectId={p.id} onChanged={refresh} />,
                    },
                  ]
                : []),
              {
                key: 'investment',
                label: t('projects.tab.investment'),
                children: (
                  <Suspense fallback={<Skeleton active />}>
                    <ProjectInvestmentPanel projectId={p.id} />
                  </Suspense>
                ),
              },
              {
                key: 'weekly',
                label: t('projects.tab.weekly'),
                children: <ProjectWeeklyPanel projectId={p.id} />,
              },
              {
                key: 'timeline',
                label: t('projects.tab.timeline'),
                children: <TimelinePanel projectId={p.id} />,
              },
              {
                key: 'files',
                label: t('projects.tab.files'),
                children: (
                  <AttachmentsPanel
                    ownerType="project"
                    ownerId={p.id}
                    canWrite={canManage || can(me, 'project:report')}
                  />
                ),
              },
              {
                key: 'info',
                label: t('projects.tab.info'),
                children: (
                  <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }}>
                    <Descriptions.Item label={t('projects.field.enterprise')}>
                      {p.enterprise ? (
                        <Link to={`/enterprises/${p.enterprise.id}`}>{p.enterprise.name}</Link>
                      ) : (
                        '—'
                      )}
                      {p.enterprise?.creditCode ? ` (${p.enterprise.creditCode})` : ''}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.zone')}>{p.zoneName}</Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.nature')}>
                      {dictLabel(natures.map, p.nature)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.industry')}>
                      {p.industryCode ? `${p.industryCode} ${p.industryName ?? ''}` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.period')}>
                      {p.startDate || p.endDate ? `${p.startDate ?? '?'} ~ ${p.endDate ?? '?'}` : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.actualStart')}>
                      {p.actualStartDate ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.region')}>
                      {p.regionName ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.address')}>
                      {p.address ?? '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.completedBefore')}>
                      {formatMoney(p.completedBefore, t)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.isPublic')}>
                      {p.isPublic ? t('common.yes') : t('common.no')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.description')} span={2}>
                      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                        {p.description ?? '—'}
                      </Typography.Paragraph>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.createdAt')}>
                      {formatDateTime(p.createdAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('projects.field.updatedAt')}>
                      {formatDateTime(p.updatedAt)}
                    </Descriptions.Item>
                  </Descriptions>
                ),
              },
            ]}
          />
        </Card>
      </div>

      {dialog === 'edit' && (
        <ProjectFormModal project={p} onClose={() => setDialog(null)} onSaved={() => refresh()} />
      )}
      {dialog === 'stage' && <StageModal project={p} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog === 'leader' && <LeadersModal project={p} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog === 'team' && <TeamModal project={p} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog === 'units' && <UnitsModal project={p} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog === 'milestone' && (
        <MilestoneModal project={p} milestone={null} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
    </>
  )
}
