import { DeleteOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Popconfirm,
  Progress,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { del, get } from '../../api/client'
import { ExportButton } from '../../components/ExportButton'
import { LightDot } from '../../components/LightDot'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatMoney } from '../../lib/format'
import { BurnUpChart } from './burn-up-chart'
import { actualOfTarget, KindTag, StatusTag } from './campaign-ui'
import { SummaryCard } from './summary-card'
import type { CampaignDetail, CampaignProject, Series } from './types'

/** 攻坚行动详情: target cards, the burn-up chart, the daily text, participating projects and departments. */
export default function CampaignPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { message } = AntApp.useApp()
  const phone = !Grid.useBreakpoint().md
  const q = useQuery({
    queryKey: ['campaigns', id],
    queryFn: () => get<CampaignDetail>(`/api/campaigns/${id}`),
  })
  const series = useQuery({
    queryKey: ['campaigns', id, 'series'],
    queryFn: () => get<Series>(`/api/campaigns/${id}/series`),
  })
  const remove = useMutation({
    mutationFn: () => del(`/api/campaigns/${id}`, { version: q.data!.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['campaigns'] })
      message.success(t('campaigns.deleted'))
      navigate('/rhythm/campaigns')
    },
    onError: (err) => message.error(errorMessage(err)),
  })

  if (q.isLoading) return <Skeleton active />
  if (q.isError || !q.data) return <Alert type="error" showIcon title={errorMessage(q.error)} />
  const c = q.data
  const behind = c.progress.filter((p) => p.behind)

  const columns: ColumnsType<CampaignProject> = [
    {
      title: t('campaigns.col.code'),
      dataIndex: 'code',
      width: 130,
      render: (v, r) => <Link to={`/projects/${r.id}`}>{v}</Link>,
    },
    { title: t('campaigns.col.name'), dataIndex: 'name', width: 220 },
    {
      title: t('campaigns.col.enterprise'),
      dataIndex: 'enterpriseName',
      width: 200,
      render: (v) => v ?? '—',
    },
    { title: t('campaigns.col.stage'), dataIndex: 'stageLabel', width: 100 },
    {
      title: t('campaigns.col.light'),
      dataIndex: 'light',
      width: 90,
      render: (v, r) => <LightDot light={v} reasons={r.lightReasons.map((text) => ({ text }))} />,
    },
    { title: t('campaigns.col.startedOn'), dataIndex: 'startedOn', width: 110, render: (v) => v ?? '—' },
    {
      title: t('campaigns.col.investment'),
      dataIndex: 'totalInvestment',
      width: 120,
      align: 'right',
      render: (v) => formatMoney(v, t),
    },
  ]

  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          <Flex gap={4} wrap align="center">
            <KindTag kind={c.kind} />
            <StatusTag status={c.status} />
            <span>{t('campaigns.range', { from: c.startsOn, to: c.endsOn, n: c.totalDays })}</span>
          </Flex>
        }
        extra={
          <>
            <ExportButton path={`/api/campaigns/${id}/days/export.xlsx`} />
            {c.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/rhythm/campaigns/${id}/edit`)}>
                {t('common.edit')}
              </Button>
            )}
            {c.canDelete && (
              <Popconfirm
                title={t('campaigns.confirmDelete', { name: c.name })}
                description={t('campaigns.confirmDeleteHint')}
                okButtonProps={{ danger: true, loading: remove.isPending }}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {c.status === 'running' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={behind.length ? 'warning' : 'success'}
          showIcon
          title={
            t('campaigns.dayOf', { n: c.dayNumber, total: c.totalDays }) +
            ` · ${t('campaigns.timeProgress')} ${c.timePercent}%`
          }
          description={
            behind.length
              ? t('campaigns.behindList', {
                  list: behind.map((p) => t(`campaigns.target.${p.key}`)).join('、'),
                })
              : t('campaigns.onPace')
          }
        />
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {c.progress.map((p) => (
          <Col key={p.key} xs={12} lg={6}>
            <Card size="small" style={{ height: '100%' }}>
              <Typography.Text type="secondary">{t(`campaigns.target.${p.key}`)}</Typography.Text>
              <div style={{ fontSize: phone ? 16 : 20, fontWeight: 600, margin: '4px 0' }}>
                {actualOfTarget(p, t)}
              </div>
              <Progress
                percent={Math.min(100, p.percent)}
                format={() => `${p.percent}%`}
                status={p.behind ? 'exception' : p.percent >= 100 ? 'success' : 'normal'}
                size="small"
              />
              {p.behind && (
                <Tag color="error" icon={<WarningOutlined />} style={{ marginTop: 4 }}>
                  {t('campaigns.behind')}
                </Tag>
              )}
              {p.key === 'investment' && (
                <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block' }}>
                  {t('campaigns.monthlyData')}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('campaigns.chart.title')} style={{ height: '100%' }}>
            {series.isError ? (
              <Alert type="error" title={errorMessage(series.error)} />
            ) : series.data ? (
              <BurnUpChart series={series.data} height={phone ? 240 : 320} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <SummaryCard id={id} />
        </Col>
      </Row>
      <Card
        size="small"
        title={t('campaigns.projectsTitle', { n: c.projects.length })}
        style={{ marginBottom: 12 }}
      >
        <Table<CampaignProject>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={c.projects}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('campaigns.noProjects')} /> }}
        />
      </Card>
      <Card size="small" title={t('campaigns.aboutTitle')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('campaigns.field.departments')}>
            {c.departments.length ? (
              <Flex gap={4} wrap>
                {c.departments.map((d) => (
                  <Tag key={d.id}>{d.name}</Tag>
                ))}
              </Flex>
            ) : (
              t('campaigns.noDepartments')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.description')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {c.description || '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.createdBy')}>
            {c.createdBy?.name ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  )
}
