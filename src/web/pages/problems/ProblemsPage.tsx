import { PlusOutlined, ProfileOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Grid, Space, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page, ProblemRow } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { formatDateTime } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { isEnterpriseUser } from '../enterprises/EnterprisesPage'
import { MergeCommonButton } from './common/MergeCommonButton'
import { FILTER_DEFAULTS, filterQuery, filterSearch, useDictLabels } from './list/filters'
import { ProblemMarks, StatusCell, UnitsCell } from './list/ProblemBits'
import { ProblemCardList } from './list/ProblemCardList'
import { ProblemFilterBar } from './list/ProblemFilterBar'
import { DueText, isOpen, ProblemLight, SupervisionTag } from './problem-ui'

const DEFAULTS = { page: 1, pageSize: 20, sort: '', ...FILTER_DEFAULTS }

/** Problems that may go into a new common problem (the server's rule, see common.service merge). */
const mergeable = (p: ProblemRow) => isOpen(p.status) && !p.isCommon && !p.commonId

/**
 * 问题台账: every problem the user may see, filtered and sorted (all kept in the URL), exported to
 * Excel exactly as filtered; selected rows can be merged into a common problem (triage).
 */
export default function ProblemsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const screens = Grid.useBreakpoint()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [selected, setSelected] = useState<Map<number, ProblemRow>>(new Map())
  const categories = useDictLabels('problem_category')
  const sources = useDictLabels('problem_source')
  const aboveZones = !!me && !me.zone
  const triage = can(me, 'problem:triage')
  const enterpriseUser = isEnterpriseUser(me)
  const phone = !screens.md

  const filters = filterQuery(params)
  const query = { page: params.page, pageSize: params.pageSize, sort: params.sort || undefined, ...filters }
  const list = useQuery({
    queryKey: ['problems', 'ledger', query],
    queryFn: () => get<Page<ProblemRow>>('/api/problems', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['problems'] })
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder(params.sort, key) })
  const left = screens.lg ? ('left' as const) : undefined

  // The columns of the export (problems.routes.ts ledgerColumns), the light first and what one
  // acts on (status, lead unit, time left) before the rest.
  const columns: ColumnsType<ProblemRow> = [
    {
      title: t('problems.col.lightShort'),
      dataIndex: 'light',
      ...sorted('light'),
      width: 72,
      fixed: left,
      render: (_, r) => <ProblemLight p={r} />,
    },
    {
      title: t('problems.col.code'),
      dataIndex: 'code',
      ...sorted('code'),
      width: 130,
      fixed: left,
      render: (v: string, r) => <Link to={`/problems/${r.id}`}>{v}</Link>,
    },
    {
      title: t('problems.col.title'),
      dataIndex: 'title',
      width: 220,
      fixed: left,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to={`/problems/${r.id}`} style={{ color: 'inherit' }}>
            <Typography.Text strong>{v}</Typography.Text>
          </Link>
          <ProblemMarks p={r} />
        </Space>
      ),
    },
    ...(aboveZones ? [{ title: t('problems.col.zone'), dataIndex: 'zoneName', width: 120 }] : []),
    // An enterprise's own user sees only its problems: no enterprise column.
    ...(enterpriseUser
      ? []
      : [
          {
            title: t('problems.col.enterprise'),
            key: 'enterprise',
            width: 160,
            ellipsis: true,
            render: (_: unknown, r: ProblemRow) =>
              r.enterprise ? <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link> : '—',
          },
        ]),
    {
      title: t('problems.col.status'),
      dataIndex: 'status',
      ...sorted('status'),
      width: 130,
      render: (_, r) => <StatusCell p={r} />,
    },
    {
      title: t('problems.col.leadUnit'),
      key: 'leadUnit',
      width: 140,
      render: (_, r) => <UnitsCell p={r} />,
    },
    {
      title: t('problems.col.due'),
      dataIndex: 'deadlineAt',
      ...sorted('deadlineAt'),
      width: 190,
      render: (_, r) => (isOpen(r.status) ? <DueText due={r.due} /> : '—'),
    },
    {
      title: t('problems.col.supervision'),
      dataIndex: 'supervisionLevel',
      ...sorted('supervisionLevel'),
      width: 100,
      render: (_, r) => <SupervisionTag level={r.supervisionLevel} />,
    },
    {
      title: t('problems.col.categoryType'),
      dataIndex: 'category',
      width: 110,
      render: (v: string | null, r) => (
        <span>
          {categories.label(v)}
          {r.type && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t(`problems.type.${r.type}`)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('problems.col.source'),
      dataIndex: 'source',
      width: 100,
      render: (v: string) => sources.label(v),
    },
    {
      title: t('problems.col.receivedAt'),
      dataIndex: 'receivedAt',
      ...sorted('receivedAt'),
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('problems.col.firstReceiver'),
      key: 'firstReceiver',
      width: 100,
      render: (_, r) => r.firstReceiver?.name ?? '—',
    },
  ]

  const selection = [...selected.values()]
  const listsLink = `/problems/lists${filterSearch(params)}`
  const empty = t(
    list.data && !Object.values(filters).some((v) => v !== undefined)
      ? 'problems.ledger.emptyAll'
      : 'problems.ledger.empty',
  )

  return (
    <>
      <PageHeader
        title={t('problems.ledger.title')}
        subtitle={t('problems.ledger.subtitle')}
        extra={
          <>
            <Button icon={<ProfileOutlined />} onClick={() => navigate(listsLink)}>
              {t('problems.ledger.threeLists')}
            </Button>
            <ExportButton path="/api/problems/export.xlsx" query={{ ...query }} />
            {can(me, 'problem:report') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/problems/new')}>
                {t('problems.ledger.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <ProblemFilterBar params={params} update={update} reset={reset} onRefresh={refresh} />
        {triage && !phone && selection.length > 0 && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={
              <Flex justify="space-between" align="center" gap={8} wrap>
                <span>{t('problems.ledger.selected', { n: selection.length })}</span>
                <Space wrap>
                  <Button size="small" onClick={() => setSelected(new Map())}>
                    {t('problems.ledger.clearSelection')}
                  </Button>
                  <MergeCommonButton
                    selected={selection.map((p) => ({
                      id: p.id,
                      code: p.code,
                      title: p.title,
                      enterpriseName: p.enterprise?.name,
                      status: p.status,
                      zoneId: p.zoneId,
                    }))}
                    onDone={() => setSelected(new Map())}
                  />
                </Space>
              </Flex>
            }
          />
        )}
        {phone ? (
          <ProblemCardList query={list} params={params} update={update} empty={empty} />
        ) : (
          <ListTable<ProblemRow>
            query={list}
            params={params}
            update={update}
            sort={keepSort}
            empty={empty}
            size="small"
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/problems/${r.id}`) })}
            rowSelection={
              triage
                ? {
                    preserveSelectedRowKeys: true,
                    selectedRowKeys: [...selected.keys()],
                    columnWidth: 40,
                    fixed: left,
                    getCheckboxProps: (r) => ({
                      disabled: !mergeable(r),
                      title: mergeable(r) ? undefined : t('problems.ledger.notMergeable'),
                      'aria-label': t('problems.ledger.selectRow', { code: r.code }),
                    }),
                    onChange: (keys, rows) => {
                      const next = new Map<number, ProblemRow>()
                      for (const k of keys) {
                        const row = rows.find((x) => x?.id === k) ?? selected.get(k as number)
                        if (row) next.set(row.id, row)
                      }
                      setSelected(next)
                    },
                  }
                : undefined
            }
          />
        )}
        {triage && !phone && selection.length === 0 && (list.data?.total ?? 0) > 1 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('problems.ledger.mergeHint')}
          </Typography.Text>
        )}
      </Card>
    </>
  )
}
