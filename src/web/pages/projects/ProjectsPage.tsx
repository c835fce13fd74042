import { PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Grid, Select, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Department, Page, ProjectRow } from '../../api/types'
import { DepartmentTreeSelect, useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect'
import { LightDot } from '../../components/LightDot'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { ScheduleGap } from '../../components/ScheduleGap'
import { UserSelect } from '../../components/UserSelect'
import { formatMoney, formatRate } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { ProjectFormModal } from './ProjectFormModal'
import { DictTag, dictLabel, FiveOnesFlag, useDictMap } from './project-ui'
import { SavedFilters } from './SavedFilters'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  stage: '',
  level: '',
  industry: '',
  light: '',
  tag: '',
  leaderUserId: undefined as number | undefined,
  departmentId: undefined as number | undefined,
  zoneId: undefined as number | undefined,
  key: '',
  fiveOnes: '',
  sort: '',
}

const bool = (v: string) => (v === 'true' ? true : v === 'false' ? false : undefined)

/** The key-project ledger (台账): dense, filterable, sortable, exportable exactly as shown. */
export default function ProjectsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const screens = Grid.useBreakpoint()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [creating, setCreating] = useState(false)
  const stages = useDictMap('project_stage')
  const levels = useDictMap('project_level')
  const natures = useDictMap('project_nature')
  const tags = useDictMap('project_tag')
  const tree = useDepartmentTree()
  const aboveZones = !!me && !me.zone
  const zones = (tree.data?.items ?? []).filter((d: Department) => d.kind === 'zone')

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    stage: params.stage || undefined,
    level: params.level || undefined,
    industry: params.industry || undefined,
    light: params.light || undefined,
    tag: params.tag || undefined,
    leaderUserId: params.leaderUserId,
    departmentId: params.departmentId,
    zoneId: params.zoneId,
    isKey: params.key === 'key' ? true : params.key === 'nonkey' ? false : undefined,
    isPublic: params.key === 'public' ? true : undefined,
    fiveOnesIncomplete: bool(params.fiveOnes),
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['projects', query],
    queryFn: () => get<Page<ProjectRow>>('/api/projects', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['projects'] })
  const opts = (m: ReturnType<typeof useDictMap>) => m.items.map((i) => ({ value: i.code, label: i.label }))
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder(params.sort, key) })
  const left = screens.md ? ('left' as const) : undefined

  // The columns and their order are those of the export (projects.export.ts).
  const columns: ColumnsType<ProjectRow> = [
    ...(aboveZones ? [{ title: t('projects.col.zone'), dataIndex: 'zoneName', width: 110 }] : []),
    {
      title: t('projects.col.code'),
      dataIndex: 'code',
      ...sorted('code'),
      width: 130,
      fixed: left,
      render: (v: string, r) => <Link to={`/projects/${r.id}`}>{v}</Link>,
    },
    {
      title: t('projects.col.name'),
      dataIndex: 'name',
      ...sorted('name'),
      width: 230,
      fixed: left,
      render: (v: string, r) => (
        <Link to={`/projects/${r.id}`} style={{ color: 'inherit' }}>
          <Typography.Text strong>{v}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('projects.col.light'),
      dataIndex: 'light',
      ...sorted('light'),
      width: 100,
      render: (v: string, r) => <LightDot light={v} reasons={r.lightReasons} />,
    },
    {
      title: t('projects.col.stage'),
      dataIndex: 'stage',
      ...sorted('stage'),
      width: 100,
      render: (v: string) => <DictTag type="project_stage" code={v} />,
    },
    {
      title: t('projects.col.fiveOnes'),
      key: 'fiveOnes',
      width: 100,
      render: (_, r) => <FiveOnesFlag missing={r.fiveOnesMissing} isKey={r.isKey} />,
    },
    {
      title: t('projects.col.enterprise'),
      dataIndex: 'enterpriseName',
      width: 190,
      ellipsis: true,
      render: (v: string | null, r) =>
        v && r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link> : '—',
    },
    {
      title: t('projects.col.level'),
      dataIndex: 'level',
      width: 130,
      render: (v) => dictLabel(levels.map, v),
    },
    {
      title: t('projects.col.nature'),
      dataIndex: 'nature',
      width: 80,
      render: (v) => dictLabel(natures.map, v),
    },
    {
      title: t('projects.col.industry'),
      dataIndex: 'industryName',
      width: 150,
      ellipsis: true,
      render: (v: string | null, r) => (r.industryCode ? `${r.industryCode} ${v ?? ''}` : '—'),
    },
    {
      title: t('projects.col.totalInvestment'),
      dataIndex: 'totalInvestment',
      ...sorted('totalInvestment'),
      width: 120,
      align: 'right',
      render: (v: string) => formatMoney(v, t, { unit: false }),
    },
    {
      title: t('projects.col.annualPlan'),
      key: 'plan',
      width: 110,
      align: 'right',
      render: (_, r) => formatMoney(r.schedule?.annualPlan, t, { unit: false }),
    },
    {
      title: t('projects.col.completedThisYear'),
      key: 'done',
      width: 110,
      align: 'right',
      render: (_, r) => formatMoney(r.schedule?.completedThisYear, t, { unit: false }),
    },
    {
      title: t('projects.col.completionRate'),
      key: 'rate',
      width: 90,
      align: 'right',
      render: (_, r) => formatRate(r.schedule?.completionRate),
    },
    {
      title: t('projects.col.scheduleRate'),
      key: 'sched',
      width: 90,
      align: 'right',
      render: (_, r) => formatRate(r.schedule?.scheduleRate),
    },
    {
      title: t('projects.col.gap'),
      key: 'gap',
      width: 100,
      align: 'right',
      render: (_, r) => <ScheduleGap points={r.schedule?.gapPoints} compact />,
    },
    {
      title: t('projects.col.lightReasons'),
      key: 'reasons',
      width: 200,
      ellipsis: { showTitle: false },
      render: (_, r) =>
        r.lightReasons.length ? (
          <Tooltip title={r.lightReasons.map((x) => x.text).join('；')}>
            <span>{r.lightReasons.map((x) => x.text).join('；')}</span>
          </Tooltip>
        ) : (
          ''
        ),
    },
    {
      title: t('projects.col.leaders'),
      key: 'leaders',
      width: 110,
      ellipsis: true,
      render: (_, r) => r.leaders.map((l) => l.name).join('、') || '—',
    },
    {
      title: t('projects.col.leadUnit'),
      key: 'leadUnit',
      width: 130,
      ellipsis: true,
      render: (_, r) => r.leadUnit?.name ?? '—',
    },
    {
      title: t('projects.col.tags'),
      dataIndex: 'tags',
      width: 120,
      render: (v: string[]) => v.map((x) => <DictTag key={x} type="project_tag" code={x} />),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={
          <>
            <SavedFilters />
            <ExportButton path="/api/projects/export.xlsx" query={query} />
            {can(me, 'project:import') && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/projects/import')}>
                {t('projects.import')}
              </Button>
            )}
            {can(me, 'project:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('projects.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('projects.filter.keyword'),
            width: 240,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {aboveZones && (
            <Select
              placeholder={t('projects.filter.zone')}
              allowClear
              style={{ width: 140 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
              options={zones.map((z) => ({ value: z.id, label: z.name }))}
            />
          )}
          <Select
            placeholder={t('projects.filter.stage')}
            allowClear
            style={{ width: 120 }}
            value={params.stage || undefined}
            onChange={(v) => update({ stage: v ?? '' })}
            options={opts(stages)}
          />
          <Select
            placeholder={t('projects.filter.level')}
            allowClear
            style={{ width: 150 }}
            value={params.level || undefined}
            onChange={(v) => update({ level: v ?? '' })}
            options={opts(levels)}
            popupMatchSelectWidth={false}
          />
          <IndustryTreeSelect
            sectionsSelectable
            placeholder={t('projects.filter.industry')}
            style={{ width: 180 }}
            value={params.industry || undefined}
            onChange={(v) => update({ industry: v ?? '' })}
          />
          <Select
            placeholder={t('projects.filter.light')}
            allowClear
            style={{ width: 100 }}
            value={params.light || undefined}
            onChange={(v) => update({ light: v ?? '' })}
            options={['red', 'yellow', 'green'].map((l) => ({ value: l, label: t(`common.light.${l}`) }))}
          />
          <UserSelect
            showDepartment
            placeholder={t('projects.filter.leader')}
            style={{ width: 130 }}
            value={params.leaderUserId}
            onChange={(v) => update({ leaderUserId: (v as number | undefined) ?? undefined })}
          />
          <DepartmentTreeSelect
            placeholder={t('projects.filter.department')}
            value={params.departmentId}
            onChange={(v) => update({ departmentId: v })}
            style={{ width: 180 }}
          />
          <Select
            placeholder={t('projects.filter.tag')}
            allowClear
            style={{ width: 120 }}
            value={params.tag || undefined}
            onChange={(v) => update({ tag: v ?? '' })}
            options={opts(tags)}
          />
          <Select
            placeholder={t('projects.filter.key')}
            allowClear
            style={{ width: 120 }}
            value={params.key || undefined}
            onChange={(v) => update({ key: v ?? '' })}
            options={[
              { value: 'key', label: t('projects.filter.keyOnly') },
              { value: 'nonkey', label: t('projects.filter.nonKey') },
              { value: 'public', label: t('projects.filter.public') },
            ]}
          />
          <Select
            placeholder={t('projects.filter.fiveOnes')}
            allowClear
            style={{ width: 130 }}
            value={params.fiveOnes || undefined}
            onChange={(v) => update({ fiveOnes: v ?? '' })}
            options={[
              { value: 'true', label: t('projects.filter.fiveOnesIncomplete') },
              { value: 'false', label: t('projects.filter.fiveOnesComplete') },
            ]}
          />
        </FilterBar>
        <ListTable<ProjectRow>
          query={list}
          params={params}
          update={update}
          sort={keepSort}
          empty={t('projects.empty')}
          size="small"
          columns={columns}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/projects/${r.id}`) })}
        />
      </Card>
      {creating && (
        <ProjectFormModal
          project={null}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            void refresh()
            navigate(`/projects/${p.id}`)
          }}
        />
      )}
    </>
  )
}
