import { ExpandOutlined, ReloadOutlined, ShrinkOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Progress,
  Row,
  Select,
  Spin,
  Statistic,
  Typography,
} from 'antd'
import { type CSSProperties, type ReactNode, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import { EChart } from '../../components/EChart'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTimeSeconds, formatMoney, formatRate } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import * as charts from './dashboard-charts'
import type { Dashboard } from './types'
import { ZoneMap } from './ZoneMap'

const DEFAULTS = {
  zoneId: undefined as number | undefined,
  year: undefined as number | undefined,
  screen: false,
}
const THIS_YEAR = new Date().getFullYear()

/**
 * 驾驶舱: the zone at a glance from one request — projects, investment against 序时进度, the
 * pipeline, problems with the departments' rates, red lists, campaigns, trend. Every figure opens
 * the list it counts. `?screen=1` is the command room's big screen: dark, 16:9, refreshed each minute.
 */
export default function DashboardPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data: me } = useMe()
  const { params, update } = useListParams(DEFAULTS)
  const dark = !!params.screen
  const stageDict = useDict('project_stage')
  const categoryDict = useDict('problem_category')
  const statusLabel = (k: string) => t(`dashboard.status.${k}`, { defaultValue: k })
  // a big zone's figures come from a snapshot up to a minute old: 刷新 asks for them computed now
  const fresh = useRef(false)
  const q = useQuery({
    queryKey: ['dashboard', params.zoneId, params.year],
    queryFn: () => {
      const now = fresh.current || undefined
      fresh.current = false
      return get<Dashboard>('/api/dashboard', { zoneId: params.zoneId, year: params.year, fresh: now })
    },
    placeholderData: keepPreviousData,
    refetchInterval: dark ? 60_000 : false,
  })
  const d = q.data
  const zoneQ = params.zoneId ? `&zoneId=${params.zoneId}` : ''
  const open = (path: string) => () => navigate(path)
  // the roll-up panels count key projects: their lists open with 重点项目 selected
  const click = (base: string, param: string, extra = '') => ({
    click: (p: { data?: { id?: string } }) =>
      p.data?.id && navigate(`${base}?${param}=${p.data.id}${extra}${zoneQ}`),
  })
  // the big screen shows every panel at once: four columns, three rows, no scrolling
  const span = dark ? 6 : 8
  const h = dark ? 'calc((100vh - 300px) / 3)' : 260

  const panel = (title: ReactNode, body: ReactNode, extra?: ReactNode) => (
    <Card
      size="small"
      title={title}
      extra={extra}
      styles={{
        body: { height: h, overflow: 'hidden' },
        header: dark ? { color: '#d6e4ff', borderColor: '#1d3d70' } : undefined,
      }}
      style={dark ? { background: '#0f2a52', borderColor: '#1d3d70', color: '#d6e4ff' } : undefined}
    >
      {body}
    </Card>
  )
  const kpi = (label: string, value: ReactNode, to?: string, color?: string) => (
    <Card
      size="small"
      hoverable={!!to}
      onClick={to ? open(to) : undefined}
      style={dark ? { background: '#0f2a52', borderColor: '#1d3d70' } : undefined}
    >
      <Statistic
        title={<span style={dark ? { color: '#adc6ff' } : undefined}>{label}</span>}
        value={value as string}
        valueStyle={{ color: color ?? (dark ? '#fff' : undefined), fontSize: 20 }}
      />
    </Card>
  )

  const wrap: CSSProperties = dark
    ? {
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        background: '#071a36',
        padding: 16,
        overflow: 'hidden',
        color: '#d6e4ff',
      }
    : {}

  return (
    <div style={wrap} data-testid="dashboard">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={dark ? 3 : 4} style={{ margin: 0, color: dark ? '#fff' : undefined }}>
          {t('dashboard.title')}
          {d?.asOf ? (
            <Typography.Text style={{ marginLeft: 12, fontSize: 14, color: dark ? '#adc6ff' : '#8c8c8c' }}>
              {t('dashboard.asOf', { year: d.asOf.year, month: d.asOf.month })}
            </Typography.Text>
          ) : null}
          {d?.snapshot ? (
            <Typography.Text
              data-testid="dashboard-computed-at"
              style={{ marginLeft: 12, fontSize: 14, color: dark ? '#adc6ff' : '#8c8c8c' }}
            >
              {t('dashboard.computedAt', { time: formatDateTimeSeconds(d.snapshot.computedAt) })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Flex gap={8} wrap>
          {!me?.zone && (
            <ZoneSelect
              allowClear
              placeholder={t('dashboard.allZones')}
              style={{ width: 180 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
            />
          )}
          <Select
            style={{ width: 110 }}
            value={params.year ?? THIS_YEAR}
            onChange={(v) => update({ year: v === THIS_YEAR ? undefined : v })}
            options={[THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map((y) => ({ value: y, label: `${y} 年` }))}
            aria-label={t('dashboard.year')}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              fresh.current = true
              q.refetch()
            }}
            loading={q.isFetching}
            aria-label={t('common.refresh')}
          />
          <Button
            icon={dark ? <ShrinkOutlined /> : <ExpandOutlined />}
            onClick={() => update({ screen: !dark })}
          >
            {dark ? t('dashboard.exitScreen') : t('dashboard.screen')}
          </Button>
        </Flex>
      </Flex>
      {q.isError && <Alert type="error" title={errorMessage(q.error)} />}
      {!d ? (
        <Spin style={{ display: 'block', marginTop: 80 }} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={8} lg={4}>
              {kpi(t('dashboard.kpi.projects'), d.projects.total, `/projects?${zoneQ.slice(1)}`)}
            </Col>
            <Col xs={12} md={8} lg={4}>
              {kpi(t('dashboard.kpi.red'), d.redProjects.total, `/projects?light=red${zoneQ}`, '#f5222d')}
            </Col>
            <Col xs={12} md={8} lg={4}>
              {kpi(t('dashboard.kpi.completed'), formatMoney(d.investment.completed, t))}
            </Col>
            <Col xs={12} md={8} lg={4}>
              {kpi(
                t('dashboard.kpi.schedule'),
                `${formatRate(d.investment.completionRate)} / ${formatRate(d.investment.scheduleRate)}`,
              )}
            </Col>
            {d.problems && (
              <Col xs={12} md={8} lg={4}>
                {kpi(
                  t('dashboard.kpi.overdue'),
                  d.problems.overdue,
                  `/problems?overdue=true${zoneQ}`,
                  '#f5222d',
                )}
              </Col>
            )}
            {d.problems?.total && (
              <Col xs={12} md={8} lg={4}>
                {kpi(
                  t('dashboard.kpi.rates'),
                  `${formatRate(d.problems.total.onTimeRate.rate)} / ${formatRate(d.problems.total.satisfactionRate.rate)}`,
                  '/supervision/figures',
                )}
              </Col>
            )}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.funnel'),
                <EChart
                  height="100%"
                  option={charts.funnel(
                    d.projects.stages.map((s) => ({
                      ...s,
                      label: stageDict.data?.items.find((x) => x.code === s.key)?.label ?? s.label,
                    })),
                    dark,
                  )}
                  onEvents={click('/projects', 'stage')}
                />,
              )}
            </Col>
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.investment'),
                <EChart
                  height="100%"
                  option={charts.investment(
                    d.investment.months,
                    { completed: t('dashboard.completed'), schedule: t('dashboard.schedule') },
                    dark,
                  )}
                />,
              )}
            </Col>
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.lights'),
                <EChart
                  height="100%"
                  option={charts.lights(
                    d.projects.lights.map((l) => ({ ...l, label: t(`dashboard.light.${l.key}`) })),
                    dark,
                  )}
                  onEvents={click('/projects', 'light')}
                />,
              )}
            </Col>
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.byDepartment'),
                <EChart
                  height="100%"
                  option={charts.bars(
                    d.byDepartment
                      .filter((r) => r.key)
                      .map((r) => ({ id: String(r.key), label: r.label, value: r.projects })),
                    '个',
                    dark,
                  )}
                  onEvents={click('/projects', 'departmentId', '&key=key')}
                />,
              )}
            </Col>
            {d.problems && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.problemStatus'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.problems.status
                        .filter((r) => r.key)
                        .map((r) => ({
                          id: String(r.key),
                          label: statusLabel(String(r.key)),
                          value: r.count,
                        })),
                      '件',
                      dark,
                      '#722ed1',
                    )}
                    onEvents={click('/problems', 'status')}
                  />,
                )}
              </Col>
            )}
            {d.problems && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.departmentRates'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.problems.byDepartment
                        .filter((r) => r.key)
                        .map((r) => ({ id: String(r.key), label: r.name, value: r.received })),
                      '件',
                      dark,
                      '#13c2c2',
                    )}
                    onEvents={click('/problems', 'departmentId')}
                  />,
                )}
              </Col>
            )}
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.redProjects'),
                d.redProjects.items.length ? (
                  <List
                    size="small"
                    dataSource={d.redProjects.items}
                    renderItem={(p) => (
                      <List.Item style={{ padding: '4px 0' }}>
                        <Link to={`/projects/${p.id}`} style={{ color: dark ? '#ff7875' : undefined }}>
                          {p.name}
                        </Link>
                        <Typography.Text
                          type="secondary"
                          ellipsis
                          style={{ maxWidth: '45%', color: dark ? '#adc6ff' : undefined }}
                        >
                          {p.reason}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty description={t('dashboard.noRed')} />
                ),
                <Link to={`/projects?light=red${zoneQ}`}>
                  {t('dashboard.all', { n: d.redProjects.total })}
                </Link>,
              )}
            </Col>
            {d.overdueProblems && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.overdueProblems'),
                  d.overdueProblems.items.length ? (
                    <List
                      size="small"
                      dataSource={d.overdueProblems.items}
                      renderItem={(p) => (
                        <List.Item style={{ padding: '4px 0' }}>
                          <Link to={`/problems/${p.id}`} style={{ color: dark ? '#ff7875' : undefined }}>
                            {p.code} {p.title}
                          </Link>
                          <Typography.Text type="danger">
                            {t('dashboard.late', { n: p.workingDaysLate })}
                          </Typography.Text>
                        </List.Item>
                      )}
                    />
                  ) : (
                    <Empty description={t('dashboard.noOverdue')} />
                  ),
                  <Link to={`/problems?overdue=true${zoneQ}`}>
                    {t('dashboard.all', { n: d.overdueProblems.total })}
                  </Link>,
                )}
              </Col>
            )}
            <Col xs={24} lg={span}>
              {panel(
                t('dashboard.campaigns'),
                d.campaigns.length ? (
                  d.campaigns.map((c) => (
                    <div key={c.id} style={{ marginBottom: 8 }}>
                      <Link to={`/rhythm/campaigns/${c.id}`}>{c.name}</Link>
                      <Typography.Text style={{ marginLeft: 8, color: dark ? '#adc6ff' : '#8c8c8c' }}>
                        {t('dashboard.day', { n: c.dayNumber, total: c.totalDays })}
                      </Typography.Text>
                      {c.targets.map((x) => (
                        <Flex key={x.key} align="center" gap={8}>
                          <span style={{ width: 64, fontSize: 12 }}>{x.label}</span>
                          <Progress
                            percent={Math.min(100, Math.round(x.percent))}
                            size="small"
                            status={x.percent < c.timePercent ? 'exception' : 'normal'}
                            style={{ flex: 1, margin: 0 }}
                          />
                        </Flex>
                      ))}
                    </div>
                  ))
                ) : (
                  <Empty description={t('dashboard.noCampaign')} />
                ),
              )}
            </Col>
            {d.problems && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.trend'),
                  <EChart
                    height="100%"
                    option={charts.trend(
                      d.problems.trend,
                      { received: t('dashboard.received'), resolved: t('dashboard.resolved') },
                      dark,
                    )}
                  />,
                )}
              </Col>
            )}
            {d.pipeline && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.pipeline'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.pipeline
                        .filter((s) => s.stage !== 'dropped')
                        .map((s) => ({ id: s.stage, label: s.label, value: Number(s.amount) })),
                      '万元',
                      dark,
                      '#2f54eb',
                    )}
                    onEvents={click('/pipeline', 'stage')}
                  />,
                )}
              </Col>
            )}
            {!dark && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.byLevel'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.byLevel
                        .filter((r) => r.key)
                        .map((r) => ({ id: String(r.key), label: r.label, value: r.projects })),
                      '个',
                      dark,
                      '#722ed1',
                    )}
                    onEvents={click('/projects', 'level', '&key=key')}
                  />,
                )}
              </Col>
            )}
            {!dark && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.byIndustry'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.byIndustry
                        .filter((r) => r.key)
                        .map((r) => ({ id: String(r.key), label: r.label, value: r.projects })),
                      '个',
                      dark,
                      '#08979c',
                    )}
                    onEvents={click('/projects', 'industry', '&key=key')}
                  />,
                )}
              </Col>
            )}
            {!dark && d.problems && (
              <Col xs={24} lg={span}>
                {panel(
                  t('dashboard.problemCategory'),
                  <EChart
                    height="100%"
                    option={charts.bars(
                      d.problems.category
                        .filter((r) => r.key)
                        .map((r) => ({
                          id: String(r.key),
                          label:
                            categoryDict.data?.items.find((x) => x.code === r.key)?.label ?? String(r.key),
                          value: r.count,
                        })),
                      '件',
                      dark,
                      '#d4380d',
                    )}
                    onEvents={click('/problems', 'category')}
                  />,
                )}
              </Col>
            )}
            <Col xs={24} lg={span}>
              {panel(t('dashboard.map'), <ZoneMap region={d.region} points={d.map} dark={dark} />)}
            </Col>
          </Row>
        </>
      )}
    </div>
  )
}
