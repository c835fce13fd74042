import { MessageOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, DatePicker, Flex, Grid, Segmented, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { FilterSelect } from '../../components/FilterSelect'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { PhoneCardList } from '../../components/PhoneCardList'
import { UserSelect } from '../../components/UserSelect'
import { dayjs } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import type { Adoption, Suggestion } from './types'
import { AdoptionTag, ReplyModal } from './visit-ui'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  adoption: '',
  scope: '',
  departmentId: undefined as number | undefined,
  leaderUserId: undefined as number | undefined,
  from: '',
  to: '',
  sort: '',
}

const ADOPTIONS: Adoption[] = ['pending', 'adopted', 'partly', 'not_adopted']

/** One suggestion as a card (phones). */
function SuggestionCard({ s, onReply }: { s: Suggestion; onReply: () => void }) {
  const { t } = useTranslation()
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Flex justify="space-between" gap={8} align="start">
        <Typography.Text style={{ flex: 1, whiteSpace: 'pre-wrap' }}>{s.content}</Typography.Text>
        <AdoptionTag adoption={s.adoption} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {[
          s.leader?.name,
          s.department ? t('visits.suggestion.to', { name: s.department.name }) : null,
          s.enterprise?.name,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {s.visit && (
        <Link to={`/visits/${s.visit.id}`} style={{ fontSize: 12 }}>
          {s.visit.code} · {s.visit.visitDate}
        </Link>
      )}
      {s.reply && (
        <div
          style={{ background: '#f6ffed', borderRadius: 4, padding: '4px 8px', marginTop: 6, fontSize: 13 }}
        >
          {s.reply}
        </div>
      )}
      {s.canReply && (
        <Button size="small" icon={<MessageOutlined />} onClick={onReply} style={{ marginTop: 6 }}>
          {s.adoption === 'pending' ? t('visits.reply.action') : t('visits.reply.change')}
        </Button>
      )}
    </Card>
  )
}

/** 建议台账: suggestions made on visits, the department each goes to, and how it was adopted; replies here. */
export default function SuggestionsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const phone = !Grid.useBreakpoint().md
  const { params, update, reset } = useListParams(DEFAULTS)
  const [more, setMore] = useState(
    () => !!(params.departmentId || params.leaderUserId || params.from || params.to),
  )
  const [replying, setReplying] = useState<Suggestion | null>(null)
  const canReply = can(me, 'suggestion:reply')

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    adoption: params.adoption || undefined,
    mine: params.scope === 'mine' ? true : undefined,
    departmentId: params.departmentId,
    leaderUserId: params.leaderUserId,
    from: params.from || undefined,
    to: params.to || undefined,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['suggestions', query],
    queryFn: () => get<Page<Suggestion>>('/api/suggestions', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['suggestions'] })
    void qc.invalidateQueries({ queryKey: ['visits'] })
  }

  const columns: ColumnsType<Suggestion> = [
    {
      title: t('visits.col.visit'),
      key: 'visitDate',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'visitDate'),
      width: 150,
      render: (_, s) =>
        s.visit ? (
          <>
            <Link to={`/visits/${s.visit.id}`}>{s.visit.code}</Link>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.visit.visitDate}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    { title: t('visits.col.leader'), key: 'leader', width: 90, render: (_, s) => s.leader?.name ?? '—' },
    {
      title: t('visits.col.content'),
      dataIndex: 'content',
      width: 320,
      render: (v: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Text>,
    },
    {
      title: t('visits.col.enterprise'),
      key: 'enterprise',
      width: 180,
      render: (_, s) => s.enterprise?.name ?? '—',
    },
    {
      title: t('visits.col.department'),
      key: 'department',
      width: 150,
      render: (_, s) => s.department?.name ?? '—',
    },
    {
      title: t('visits.col.adoption'),
      dataIndex: 'adoption',
      key: 'adoption',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'adoption'),
      width: 100,
      render: (v: Adoption) => <AdoptionTag adoption={v} />,
    },
    {
      title: t('visits.col.reply'),
      key: 'reply',
      width: 260,
      render: (_, s) =>
        s.reply ? (
          <>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{s.reply}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.repliedBy?.name}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(canReply
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            fixed: 'right' as const,
            render: (_: unknown, s: Suggestion) =>
              s.canReply ? (
                <Button
                  size="small"
                  type={s.adoption === 'pending' ? 'primary' : 'default'}
                  onClick={() => setReplying(s)}
                  aria-label={`${s.adoption === 'pending' ? t('visits.reply.action') : t('visits.reply.change')}：${s.content.slice(0, 20)}`}
                >
                  {s.adoption === 'pending' ? t('visits.reply.action') : t('visits.reply.change')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ]

  const range =
    params.from || params.to
      ? ([params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null] as const)
      : null

  return (
    <>
      <PageHeader
        title={t('visits.suggestions.title')}
        subtitle={t('visits.suggestions.subtitle')}
        extra={<ExportButton path="/api/suggestions/export.xlsx" query={query} />}
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('visits.filter.suggestionKeyword'),
            width: 220,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          {canReply && (
            <Segmented
              value={params.scope || 'all'}
              onChange={(v) => update({ scope: v === 'all' ? '' : String(v) })}
              options={[
                { value: 'all', label: t('visits.filter.all') },
                { value: 'mine', label: t('visits.filter.mine') },
              ]}
            />
          )}
          <FilterSelect
            label={t('visits.filter.adoption')}
            width={120}
            value={params.adoption}
            onChange={(v) => update({ adoption: v })}
            options={ADOPTIONS.map((a) => ({ value: a, label: t(`visits.adoption.${a}`) }))}
          />
          {phone && (
            <Button onClick={() => setMore((m) => !m)} aria-expanded={more}>
              {more ? t('visits.filter.less') : t('visits.filter.more')}
            </Button>
          )}
          {(!phone || more) && (
            <>
              <DepartmentTreeSelect
                aria-label={t('visits.filter.department')}
                placeholder={t('visits.filter.department')}
                value={params.departmentId}
                onChange={(v) => update({ departmentId: v })}
                style={{ width: 180 }}
              />
              <UserSelect
                aria-label={t('visits.filter.leader')}
                placeholder={t('visits.filter.leader')}
                style={{ width: 130 }}
                value={params.leaderUserId}
                onChange={(v) => update({ leaderUserId: (v as number | undefined) ?? undefined })}
              />
              <DatePicker.RangePicker
                placeholder={[t('visits.filter.from'), t('visits.filter.to')]}
                allowEmpty={[true, true]}
                value={range as never}
                onChange={(v) =>
                  update({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })
                }
                style={{ width: 240 }}
              />
            </>
          )}
        </FilterBar>
        {phone ? (
          <PhoneCardList
            query={list}
            params={params}
            update={update}
            empty={t('visits.suggestions.empty')}
            card={(s) => <SuggestionCard key={s.id} s={s} onReply={() => setReplying(s)} />}
          />
        ) : (
          <ListTable<Suggestion>
            query={list}
            params={params}
            update={update}
            sort={(s) => s ?? ''}
            empty={t('visits.suggestions.empty')}
            size="small"
            columns={columns}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      {replying && <ReplyModal suggestion={replying} onClose={() => setReplying(null)} onSaved={refresh} />}
    </>
  )
}
