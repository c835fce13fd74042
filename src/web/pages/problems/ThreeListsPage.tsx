import { CopyOutlined, PrinterOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Grid, Select, Tabs } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page, ProblemRow, ProblemTaskRow } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { dayjs, TZ } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { FILTER_DEFAULTS, filterQuery, filterSearch, useDictLabels } from './list/filters'
import { ListCards } from './list/ListCards'
import { ListsTextModal } from './list/ListsTextModal'
import { PrintSheet } from './list/PrintSheet'
import { ProblemFilterBar } from './list/ProblemFilterBar'
import {
  LIST_KINDS,
  type ListColumn,
  type ListKind,
  problemColumns,
  responsibilityColumns,
  taskColumns,
} from './list/three-lists'
import { useFilterWords } from './list/use-filter-words'

const DEFAULTS = { tab: 'problems', page: 1, pageSize: 20, sort: '', taskStatus: '', ...FILTER_DEFAULTS }
const TASK_STATUSES = ['todo', 'doing', 'done'] as const

/**
 * 三个清单: the problem list, the task list and the responsibility list — three views of the same
 * problems under one filter bar (kept in the URL), each exported to Excel, printed as a titled
 * sheet, and copied as text for the work group.
 */
export default function ThreeListsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const screens = Grid.useBreakpoint()
  const { params, update } = useListParams(DEFAULTS)
  const tab: ListKind = (LIST_KINDS as readonly string[]).includes(params.tab)
    ? (params.tab as ListKind)
    : 'problems'
  const [printing, setPrinting] = useState(false)
  const [texting, setTexting] = useState(false)
  const categories = useDictLabels('problem_category')
  const sources = useDictLabels('problem_source')
  const taskStatus = tab === 'tasks' ? params.taskStatus || undefined : undefined
  const words = useFilterWords(params, taskStatus)

  const filters = filterQuery(params)
  const path = `/api/problems/lists/${tab}`
  const query = {
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort || undefined,
    ...filters,
    ...(tab === 'tasks' && { taskStatus }),
  }
  const list = useQuery({
    queryKey: ['problems', 'lists', tab, query],
    queryFn: () => get<Page<ProblemRow | ProblemTaskRow>>(path, query),
    placeholderData: (prev, prevQuery) =>
      prevQuery?.queryKey[2] === tab ? keepPreviousData(prev) : undefined,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['problems'] })
  const stopPrinting = useCallback(() => setPrinting(false), [])
  // Reset clears the filters and the sort, the tab stays.
  const reset = () => update({ ...FILTER_DEFAULTS, taskStatus: '', sort: '' })

  const labels = { category: categories.label, source: sources.label }
  const cols = (
    tab === 'tasks'
      ? taskColumns(t)
      : tab === 'responsibilities'
        ? responsibilityColumns(t)
        : problemColumns(t, labels)
  ) as ListColumn<ProblemRow | ProblemTaskRow>[]
  const phone = !screens.md
  const columns: ColumnsType<ProblemRow | ProblemTaskRow> = cols.map((c) => ({
    key: c.key,
    title: c.title,
    width: c.width,
    fixed: c.fixed ? ('left' as const) : undefined,
    render: (_: unknown, r: ProblemRow | ProblemTaskRow) => (c.render ? c.render(r) : c.text(r) || '—'),
    ...(c.sort && { dataIndex: c.sort, sorter: true, sortOrder: sortOrder(params.sort, c.sort) }),
  }))

  const listName = t(`problems.lists.tabs.${tab}`)
  const zoneName = me?.zone?.name ?? words.zoneName ?? me?.department.pathNames[0] ?? ''
  const title = t('problems.lists.printTitle', {
    zone: zoneName,
    list: listName,
    date: dayjs().tz(TZ).format('YYYY-MM-DD'),
  })

  return (
    <>
      <PageHeader
        title={t('problems.lists.title')}
        subtitle={t('problems.lists.subtitle')}
        extra={
          <>
            <Button
              icon={<UnorderedListOutlined />}
              onClick={() => navigate(`/problems${filterSearch(params)}`)}
            >
              {t('problems.lists.ledger')}
            </Button>
            <Button icon={<CopyOutlined />} onClick={() => setTexting(true)}>
              {t('problems.lists.copyText')}
            </Button>
            <Button icon={<PrinterOutlined />} loading={printing} onClick={() => setPrinting(true)}>
              {t('problems.lists.print')}
            </Button>
            <ExportButton path={`${path}/export.xlsx`} query={query} />
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k, sort: '' })}
          items={LIST_KINDS.map((k) => ({ key: k, label: t(`problems.lists.tabs.${k}`) }))}
        />
        <ProblemFilterBar
          params={params}
          update={update}
          reset={reset}
          onRefresh={refresh}
          extraActive={[taskStatus]}
        >
          {tab === 'tasks' && (
            <Select
              aria-label={t('problems.filter.taskStatus')}
              placeholder={t('problems.filter.taskStatus')}
              allowClear
              style={{ width: phone ? '100%' : 120 }}
              value={params.taskStatus || undefined}
              onChange={(v) => update({ taskStatus: v ?? '' })}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`problems.taskStatus.${s}`) }))}
            />
          )}
        </ProblemFilterBar>
        {phone ? (
          <ListCards<ProblemRow | ProblemTaskRow>
            query={list}
            columns={cols}
            params={params}
            update={update}
            empty={t('problems.lists.empty')}
          />
        ) : (
          <ListTable<ProblemRow | ProblemTaskRow>
            key={tab}
            query={list}
            params={params}
            update={update}
            sort={keepSort}
            empty={t('problems.lists.empty')}
            size="small"
            columns={columns}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      {printing && (
        <PrintSheet<ProblemRow | ProblemTaskRow>
          path={path}
          query={{ ...query, page: undefined, pageSize: undefined }}
          columns={cols}
          title={title}
          filters={words.text}
          onDone={stopPrinting}
        />
      )}
      {texting && (
        <ListsTextModal query={{ ...filters, sort: query.sort }} onClose={() => setTexting(false)} />
      )}
    </>
  )
}
