import { ReloadOutlined, SettingOutlined } from '@ant-design/icons'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  List,
  Popconfirm,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get, post } from '../../api/client'
import { ExportButton } from '../../components/ExportButton'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime, TZ } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { ChangeTag, RankBadge, SubjectDrawer } from './ranking-parts'
import type { Ranking, RankingItem, RankingWeeks, ScorecardUnits, SubjectType } from './scorecard-types'

const DEFAULTS = { type: 'department', zone: '', week: '' }

/** Monday of last week, Beijing: the week the Monday job ranks. */
const lastWeek = () => {
  const today = dayjs().tz(TZ)
  return today.subtract(((today.day() + 6) % 7) + 7, 'day').format('YYYY-MM-DD')
}

/**
 * 每周评比: a week's ranking of the zone's departments (or of the zones under a county / city unit),
 * with the change from last week, each indicator's points, a drawer explaining every score with its
 * history, the export, and for managers recompute and the indicator settings.
 */
export default function RankingsPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const wide = Grid.useBreakpoint().md !== false
  const { data: me } = useMe()
  const manager = can(me, 'scorecard:manage')
  const { params, update } = useListParams(DEFAULTS)
  const [open, setOpen] = useState<RankingItem | null>(null)

  const units = useQuery({
    queryKey: ['scorecards', 'units'],
    queryFn: () => get<ScorecardUnits>('/api/scorecards/units'),
  })
  const parents = units.data?.parents ?? []
  const type: SubjectType = params.type === 'zone' && parents.length ? 'zone' : 'department'
  const choices = type === 'zone' ? parents : (units.data?.zones ?? [])
  const zoneId =
    Number(params.zone) || (type === 'zone' ? parents[0]?.id : (units.data?.defaultZoneId ?? undefined))
  const unitQ = { subjectType: type, zoneId }
  const weeks = useQuery({
    queryKey: ['scorecards', 'weeks', unitQ],
    queryFn: () => get<RankingWeeks>('/api/scorecards/weeks', { ...unitQ, pageSize: 100 }),
    enabled: !!zoneId,
  })
  const q = { ...unitQ, weekStart: params.week || undefined }
  const ranking = useQuery({
    queryKey: ['scorecards', 'ranking', q],
    queryFn: () => get<Ranking>('/api/scorecards/ranking', q),
    enabled: !!zoneId,
    placeholderData: keepPreviousData,
  })
  const run = ranking.data?.run ?? null
  const items = ranking.data?.items ?? []

  const compute = useMutation({
    mutationFn: (weekStart: string) =>
      post<{ subjects: number }>('/api/scorecards/compute', { ...unitQ, weekStart }),
    onSuccess: (r, weekStart) => {
      message.success(t('scorecards.computed', { week: weekStart, n: r.subjects }))
      update({ week: weekStart })
      void qc.invalidateQueries({ queryKey: ['scorecards'] })
    },
    onError: (e) => message.error(errorMessage(e)),
  })
  const target = run?.weekStart ?? lastWeek()
  const lastMissing = !!weeks.data && !weeks.data.items.some((w) => w.weekStart === lastWeek())

  const columns: ColumnsType<RankingItem> = [
    {
      title: t('scorecards.rank'),
      dataIndex: 'rank',
      width: 70,
      align: 'center',
      render: (r: number) => <RankBadge rank={r} />,
    },
    {
      title: t('scorecards.change'),
      dataIndex: 'change',
      width: 80,
      align: 'center',
      render: (c: number | null) => <ChangeTag change={c} />,
    },
    { title: t(`scorecards.subject.${type}`), dataIndex: 'subjectName', width: 150, fixed: 'left' },
    {
      title: t('scorecards.score'),
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (s: number) => <Typography.Text strong>{s.toFixed(2)}</Typography.Text>,
    },
    ...(run?.indicators ?? []).map((ind) => ({
      title: `${ind.label}（${ind.weight}%）`,
      key: ind.key,
      width: 112,
      align: 'right' as const,
      render: (_: unknown, r: RankingItem) => {
        const p = r.parts.find((x) => x.key === ind.key)
        return p?.points == null ? <Typography.Text type="secondary">—</Typography.Text> : p.points.toFixed(1)
      },
    })),
  ]

  const empty = (
    <Empty description={run ? t('scorecards.noSubjects') : t('scorecards.noRuns')}>
      {manager && !run && (
        <Button type="primary" loading={compute.isPending} onClick={() => compute.mutate(lastWeek())}>
          {t('scorecards.computeLast')}
        </Button>
      )}
    </Empty>
  )

  const body = wide ? (
    <Table<RankingItem>
      rowKey="subjectId"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={ranking.isFetching}
      pagination={false}
      scroll={{ x: 400 + (run?.indicators.length ?? 0) * 112 }}
      onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
      locale={{ emptyText: ranking.isError ? errorMessage(ranking.error) : empty }}
    />
  ) : (
    <List
      loading={ranking.isFetching}
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(r) => (
        <Card size="small" style={{ marginBottom: 8 }} onClick={() => setOpen(r)} hoverable>
          <Flex justify="space-between" align="center">
            <Space>
              <RankBadge rank={r.rank} />
              <Typography.Text strong>{r.subjectName}</Typography.Text>
            </Space>
            <Space>
              <ChangeTag change={r.change} />
              <Typography.Text strong>{r.score.toFixed(2)}</Typography.Text>
            </Space>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.parts
              .filter((p) => p.points != null)
              .map((p) => `${p.label} ${p.points!.toFixed(0)}`)
              .join(' · ')}
          </Typography.Text>
        </Card>
      )}
    />
  )

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        subtitle={t('scorecards.subtitle')}
        extra={
          <>
            <ExportButton
              path="/api/scorecards/ranking/export.xlsx"
              query={{ ...unitQ, weekStart: run?.weekStart }}
            />
            {manager && (
              <Popconfirm
                title={t('scorecards.recomputeConfirm', { week: target })}
                description={t('scorecards.recomputeHint')}
                onConfirm={() => compute.mutate(target)}
              >
                <Button icon={<ReloadOutlined />} loading={compute.isPending}>
                  {run ? t('scorecards.recompute') : t('scorecards.computeLast')}
                </Button>
              </Popconfirm>
            )}
            {manager && run && lastMissing && (
              <Button onClick={() => compute.mutate(lastWeek())} loading={compute.isPending}>
                {t('scorecards.computeLast')}
              </Button>
            )}
            {manager && (
              <Button icon={<SettingOutlined />} onClick={() => navigate('/rhythm/rankings/settings')}>
                {t('scorecards.settings')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        {parents.length > 0 && (
          <Segmented
            value={type}
            onChange={(v) => update({ type: v as string, zone: '', week: '' })}
            options={(['department', 'zone'] as const).map((k) => ({
              value: k,
              label: t(`scorecards.by.${k}`),
            }))}
          />
        )}
        {choices.length > 1 && (
          <Select
            style={{ minWidth: 180 }}
            value={zoneId}
            onChange={(v) => update({ zone: String(v), week: '' })}
            options={choices.map((c) => ({ value: c.id, label: c.name }))}
            aria-label={t('scorecards.unit')}
          />
        )}
        <Select
          style={{ minWidth: 220 }}
          placeholder={t('scorecards.latestWeek')}
          value={params.week || run?.weekStart || undefined}
          onChange={(v) => update({ week: v ?? '' })}
          loading={weeks.isLoading}
          options={(weeks.data?.items ?? []).map((w) => ({
            value: w.weekStart,
            label: t('scorecards.weekOption', { from: w.weekStart, to: w.weekEnd }),
          }))}
          notFoundContent={t('scorecards.noRuns')}
          aria-label={t('scorecards.week')}
        />
        {run && (
          <Typography.Text type="secondary">
            {t('scorecards.computedAt', { at: formatDateTime(run.computedAt) })}
          </Typography.Text>
        )}
      </Flex>
      {(units.isError || ranking.isError) && !ranking.data ? (
        <Result
          status="error"
          title={t('common.loadFailed')}
          subTitle={errorMessage(units.error ?? ranking.error)}
        />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {body}
          {run && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('scorecards.explain')}
            </Typography.Text>
          )}
        </Space>
      )}
      <SubjectDrawer item={open} subjectType={type} zoneId={zoneId} onClose={() => setOpen(null)} />
    </>
  )
}
