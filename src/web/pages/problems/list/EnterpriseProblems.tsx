import { PlusOutlined, ProfileOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  List,
  Pagination,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../../api/auth'
import { get } from '../../../api/client'
import type { Page, ProblemRow, ProblemTaskRow } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { formatDate } from '../../../lib/format'
import { isEnterpriseUser } from '../../enterprises/EnterprisesPage'
import { DueText, isOpen, ProblemLight, SupervisionTag } from '../problem-ui'
import { useDictLabels } from './filters'
import { ProblemMarks, StatusCell } from './ProblemBits'
import { TASK_COLOR } from './three-lists'

type Scope = 'open' | 'closed' | 'all'
const PAGE_SIZE = 10
/** All tasks of the problems on one page (a problem rarely has more than a handful). */
const TASKS_MAX = 200

/** How many problems the enterprise has: open, closed, all (undefined while loading). */
export function useEnterpriseProblemCounts(enterpriseId: number) {
  const count = (status: 'open' | 'closed' | undefined) => ({
    queryKey: ['problems', 'ledger', { enterpriseId, status, pageSize: 1 }],
    queryFn: () => get<Page<ProblemRow>>('/api/problems', { enterpriseId, status, pageSize: 1 }),
    select: (p: Page<ProblemRow>) => p.total,
    enabled: Number.isInteger(enterpriseId) && enterpriseId > 0,
  })
  const open = useQuery(count('open'))
  const closed = useQuery(count('closed'))
  const all = useQuery(count(undefined))
  return { open: open.data, closed: closed.data, all: all.data }
}

/**
 * 一企一清单, the problems tab: the enterprise's problems (open ones first by default) with the
 * tasks of each — from the ledger and the task list of the 三个清单, filtered by the enterprise.
 * Closed problems show 已销号 with the enterprise's satisfaction.
 */
export function EnterpriseProblems({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const navigate = useNavigate()
  const screens = Grid.useBreakpoint()
  const phone = !screens.md
  const [scope, setScope] = useState<Scope>('open')
  const [page, setPage] = useState(1)
  const categories = useDictLabels('problem_category')
  const enterpriseUser = isEnterpriseUser(me)
  const status = scope === 'all' ? undefined : scope

  const filter = { enterpriseId, status }
  const problems = useQuery({
    queryKey: ['problems', 'ledger', { ...filter, page, pageSize: PAGE_SIZE }],
    queryFn: () => get<Page<ProblemRow>>('/api/problems', { ...filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  })
  const counts = useEnterpriseProblemCounts(enterpriseId)
  const tasks = useQuery({
    queryKey: ['problems', 'lists', 'tasks', { ...filter, pageSize: TASKS_MAX }],
    queryFn: () => get<Page<ProblemTaskRow>>('/api/problems/lists/tasks', { ...filter, pageSize: TASKS_MAX }),
    placeholderData: keepPreviousData,
  })
  const tasksOf = useMemo(() => {
    const m = new Map<number, ProblemTaskRow[]>()
    for (const x of tasks.data?.items ?? []) m.set(x.problemId, [...(m.get(x.problemId) ?? []), x])
    return m
  }, [tasks.data])

  const rows = problems.data?.items ?? []
  const total = problems.data?.total ?? 0
  const openTasks = (tasks.data?.items ?? []).filter(
    (x) => x.status !== 'done' && isOpen(x.problemStatus),
  ).length

  const columns: ColumnsType<ProblemRow> = [
    {
      title: t('problems.col.lightShort'),
      key: 'light',
      width: 64,
      render: (_, p) => (isOpen(p.status) ? <ProblemLight p={p} /> : null),
    },
    {
      title: t('problems.col.problem'),
      key: 'problem',
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Space size={4} wrap>
            <Link to={`/problems/${p.id}`}>{p.title}</Link>
            <ProblemMarks p={p} />
            <SupervisionTag level={p.supervisionLevel} hideNormal />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code} · {categories.label(p.category)}
            {p.type ? ` · ${t(`problems.type.${p.type}`)}` : ''} ·{' '}
            {t('problems.enterpriseTab.receivedOn', { date: formatDate(p.receivedAt) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('problems.col.status'),
      key: 'status',
      width: 190,
      render: (_, p) => <StatusCell p={p} showDate />,
    },
    {
      title: t('problems.col.leadUnit'),
      key: 'leadUnit',
      width: 170,
      render: (_, p) =>
        p.leadUnit?.name ?? (
          <Typography.Text type="secondary">{t('problems.ledger.notAssigned')}</Typography.Text>
        ),
    },
    {
      title: t('problems.col.due'),
      key: 'due',
      width: 190,
      render: (_, p) => (isOpen(p.status) ? <DueText due={p.due} /> : '—'),
    },
    {
      title: t('problems.col.tasks'),
      key: 'tasks',
      width: 110,
      render: (_, p) =>
        p.taskCount
          ? t('problems.enterpriseTab.taskCount', { done: p.taskCount - p.openTaskCount, total: p.taskCount })
          : '—',
    },
  ]

  const scopes: Array<{ value: Scope; label: string }> = [
    { value: 'open', label: `${t('problems.enterpriseTab.open')} ${counts.open ?? ''}`.trim() },
    {
      value: 'closed',
      label: `${t('problems.enterpriseTab.closed')} ${counts.closed ?? ''}`.trim(),
    },
    { value: 'all', label: `${t('problems.enterpriseTab.all')} ${counts.all ?? ''}`.trim() },
  ]

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<Scope>
          aria-label={t('problems.enterpriseTab.scope')}
          value={scope}
          onChange={(v) => {
            setScope(v)
            setPage(1)
          }}
          options={scopes}
        />
        <Space wrap>
          {!enterpriseUser && (
            <Button
              icon={<ProfileOutlined />}
              onClick={() => navigate(`/problems/lists?enterpriseId=${enterpriseId}`)}
            >
              {t('problems.enterpriseTab.threeLists')}
            </Button>
          )}
          {can(me, 'problem:report') && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => navigate(enterpriseUser ? '/portal' : '/problems/new')}
            >
              {enterpriseUser ? t('problems.enterpriseTab.report') : t('problems.ledger.create')}
            </Button>
          )}
        </Space>
      </Flex>
      {openTasks > 0 && scope !== 'closed' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('problems.enterpriseTab.openTasks', { n: openTasks })}
        </Typography.Paragraph>
      )}
      {problems.isError ? (
        <Alert type="error" showIcon title={errorMessage(problems.error)} />
      ) : phone ? (
        <List<ProblemRow>
          loading={problems.isFetching}
          dataSource={rows}
          rowKey="id"
          locale={{ emptyText: <Empty description={t(`problems.enterpriseTab.empty.${scope}`)} /> }}
          renderItem={(p) => (
            <List.Item style={{ padding: '0 0 10px', borderBlockEnd: 'none' }}>
              <Card size="small" style={{ width: '100%' }} styles={{ body: { padding: 12 } }}>
                <Flex justify="space-between" align="start" gap={8}>
                  <Link to={`/problems/${p.id}`} style={{ fontWeight: 600 }}>
                    {p.title}
                  </Link>
                  {isOpen(p.status) && <ProblemLight p={p} />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.code} · {categories.label(p.category)} ·{' '}
                  {t('problems.enterpriseTab.receivedOn', { date: formatDate(p.receivedAt) })}
                </Typography.Text>
                <Flex gap={4} wrap style={{ margin: '6px 0' }}>
                  <StatusCell p={p} showDate />
                  <ProblemMarks p={p} />
                </Flex>
                <div style={{ fontSize: 13, lineHeight: 1.7 }}>
                  <div>
                    <Typography.Text type="secondary">{t('problems.col.leadUnit')}：</Typography.Text>
                    {p.leadUnit?.name ?? t('problems.ledger.notAssigned')}
                  </div>
                  {isOpen(p.status) && p.due && (
                    <div>
                      <Typography.Text type="secondary">{t('problems.col.due')}：</Typography.Text>
                      <DueText due={p.due} />
                    </div>
                  )}
                </div>
                <TaskLines tasks={tasksOf.get(p.id)} />
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<ProblemRow>
          rowKey="id"
          size="middle"
          loading={problems.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowKeys: rows.filter((p) => p.taskCount > 0).map((p) => p.id),
            showExpandColumn: false,
            expandedRowRender: (p) => <TaskLines tasks={tasksOf.get(p.id)} table />,
            rowExpandable: (p) => p.taskCount > 0,
          }}
          locale={{ emptyText: <Empty description={t(`problems.enterpriseTab.empty.${scope}`)} /> }}
        />
      )}
      {total > PAGE_SIZE && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination
            size="small"
            current={page}
            pageSize={PAGE_SIZE}
            total={total}
            onChange={setPage}
            showSizeChanger={false}
            showTotal={(n) => t('common.total', { total: n })}
          />
        </Flex>
      )}
    </>
  )
}

/** The tasks of one problem: what, who, by when, status. */
function TaskLines({ tasks, table = false }: { tasks: ProblemTaskRow[] | undefined; table?: boolean }) {
  const { t } = useTranslation()
  if (!tasks?.length) return null
  const items = tasks.map((x) => (
    <Flex key={x.id} gap={8} align="baseline" style={{ padding: '3px 0' }}>
      <Tag color={TASK_COLOR[x.status]} style={{ marginInlineEnd: 0, flex: 'none' }}>
        {x.statusLabel}
      </Tag>
      <Flex wrap gap="0 8px" align="baseline" style={{ minWidth: 0 }}>
        <Typography.Text>{x.title}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[x.ownerDepartment?.name, x.ownerUser?.name].filter(Boolean).join(' / ') ||
            t('problems.enterpriseTab.noOwner')}
          {x.dueDate ? ` · ${t('problems.enterpriseTab.dueBy', { date: x.dueDate })}` : ''}
          {x.overdue && <Typography.Text type="danger"> · {t('problems.lists.overdue')}</Typography.Text>}
        </Typography.Text>
      </Flex>
    </Flex>
  ))
  return (
    <div
      style={
        table
          ? { paddingInlineStart: 56 }
          : { marginTop: 8, paddingTop: 6, borderTop: '1px dashed rgba(5,5,5,0.12)' }
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('problems.enterpriseTab.tasksTitle', { n: tasks.length })}
      </Typography.Text>
      {items}
    </div>
  )
}
