import {
  BellOutlined,
  ClockCircleOutlined,
  PhoneOutlined,
  PlusOutlined,
  RightOutlined,
} from '@ant-design/icons'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Input,
  List,
  Pagination,
  Segmented,
  Skeleton,
  Tag,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { get } from '../../api/client'
import type { Me, Page, ProblemRow } from '../../api/types'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { PolicyHint } from '../policies/PolicyHint'
import { dictText } from '../problems/new/dict'
import { useEnterpriseOverview } from '../problems/new/enterprise'
import { DueText, ProblemLight, StatusTag } from '../problems/problem-ui'
import { useDictMap } from '../projects/project-ui'
import { PortalColumn, PortalGate, portalKey, useProblemSettings } from './portal-ui'

const FILTERS = ['all', 'open', 'resolved', 'closed'] as const
type Filter = (typeof FILTERS)[number]
const DEFAULTS = { status: 'all', keyword: '', page: 1 }
const PAGE_SIZE = 10

/** 企业诉求门户: the enterprise's own problems as cards, newest activity first, and the big "反映问题". */
export default function PortalPage() {
  return <PortalGate>{(me) => <Portal me={me} />}</PortalGate>
}

function Portal({ me }: { me: Me & { enterprise: { id: number; name: string } } }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const phone = Grid.useBreakpoint().sm === false
  const { params, update } = useListParams(DEFAULTS)
  const filter = (FILTERS as readonly string[]).includes(params.status) ? (params.status as Filter) : 'all'
  const query = {
    page: params.page,
    pageSize: PAGE_SIZE,
    keyword: params.keyword || undefined,
    status: filter === 'all' ? undefined : filter,
    sort: '-updatedAt',
  }
  const list = useQuery({
    queryKey: portalKey(query),
    queryFn: () => get<Page<ProblemRow>>('/api/problems', query),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
  })
  const toRate = useQuery({
    queryKey: portalKey({ status: 'resolved', count: true }),
    queryFn: () => get<Page<ProblemRow>>('/api/problems', { status: 'resolved', pageSize: 1 }),
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
  })
  const settings = useProblemSettings()
  const overview = useEnterpriseOverview(me.enterprise.id)
  const categories = useDictMap('problem_category')
  const items = list.data?.items ?? []
  const total = list.data?.total ?? 0
  const filtered = filter !== 'all' || !!params.keyword
  const rateCount = toRate.data?.total ?? 0
  const categoryText = (code: string | null) => {
    const item = code ? categories.map.get(code) : undefined
    return item ? dictText(item, i18n.language) : (code ?? undefined)
  }

  const reportButton = (
    <Button
      size="large"
      icon={<PlusOutlined />}
      block={phone}
      onClick={() => navigate('/portal/new')}
      style={{
        background: '#fff',
        color: '#1d5fb4',
        borderColor: '#fff',
        fontWeight: 600,
        ...(phone ? { height: 52, fontSize: 18 } : {}),
      }}
    >
      {t('portal.report')}
    </Button>
  )

  return (
    <PortalColumn>
      <Card
        style={{ marginBottom: 12, background: 'linear-gradient(135deg,#1d5fb4 0%,#3b7dd8 100%)', border: 0 }}
        styles={{ body: { padding: phone ? 16 : 24 } }}
      >
        <Flex
          vertical={phone}
          gap={phone ? 12 : 24}
          align={phone ? 'stretch' : 'center'}
          justify="space-between"
        >
          <div style={{ color: '#fff' }}>
            <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
              {me.enterprise.name}
            </Typography.Title>
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,.85)', margin: '6px 0 0' }}>
              {t('portal.intro', { days: settings.data?.acceptDays ?? 1 })}
            </Typography.Paragraph>
          </div>
          <div style={{ flexShrink: 0 }}>{reportButton}</div>
        </Flex>
      </Card>

      {rateCount > 0 && filter !== 'resolved' && (
        <Alert
          type="warning"
          showIcon
          icon={<BellOutlined />}
          style={{ marginBottom: 12 }}
          title={t('portal.toRate', { n: rateCount })}
          action={
            <Button size="small" type="primary" onClick={() => update({ status: 'resolved', keyword: '' })}>
              {t('portal.toRateAction')}
            </Button>
          }
        />
      )}

      <PolicyHint me={me} />

      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('portal.title')}
          {list.data && (
            <Typography.Text
              type="secondary"
              style={{ fontWeight: 'normal', fontSize: 13, marginInlineStart: 8 }}
            >
              {t('portal.total', { n: total })}
            </Typography.Text>
          )}
        </Typography.Title>
        <Segmented<Filter>
          block={phone}
          aria-label={t('portal.filter.label')}
          value={filter}
          onChange={(v) => update({ status: v })}
          options={FILTERS.map((f) => ({ value: f, label: t(`portal.filter.${f}`) }))}
        />
        <Input.Search
          key={params.keyword}
          defaultValue={params.keyword}
          aria-label={t('portal.search')}
          placeholder={t('portal.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => update({ keyword: v.trim() })}
          maxLength={50}
        />
      </Flex>

      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(list.error)}
          action={
            <Button size="small" onClick={() => list.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : list.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.length === 0 ? (
        <Card>
          <Empty
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {filtered ? t('portal.emptyFiltered') : t('portal.empty')}
                </Typography.Paragraph>
                {!filtered && <Typography.Text type="secondary">{t('portal.emptyHint')}</Typography.Text>}
              </>
            }
          >
            {!filtered && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/new')}>
                {t('portal.report')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        <>
          <List<ProblemRow>
            dataSource={items}
            split={false}
            loading={list.isFetching && !list.isLoading ? { delay: 300 } : false}
            renderItem={(p) => <ProblemCard key={p.id} p={p} category={categoryText(p.category)} />}
          />
          {total > PAGE_SIZE && (
            <Flex justify="center" style={{ margin: '12px 0' }}>
              <Pagination
                simple={phone}
                current={params.page}
                pageSize={PAGE_SIZE}
                total={total}
                showSizeChanger={false}
                onChange={(page) => {
                  update({ page }, false)
                  window.scrollTo({ top: 0 })
                }}
              />
            </Flex>
          )}
        </>
      )}

      {(overview.data?.serviceContacts.length ?? 0) > 0 && (
        <Card size="small" title={t('portal.contacts')} style={{ marginTop: 16 }}>
          <Flex vertical gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('portal.contactsHint')}
            </Typography.Text>
            {overview.data?.serviceContacts.map((c) => (
              <Flex key={`${c.role}-${c.id}`} justify="space-between" align="center" gap={8} wrap>
                <div>
                  <Typography.Text strong>{c.name}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t(`portal.role.${c.role}`)}
                    {c.title && c.title !== t(`portal.role.${c.role}`) ? ` · ${c.title}` : ''}
                  </Typography.Text>
                </div>
                {c.phone && (
                  <Button
                    href={`tel:${c.phone}`}
                    icon={<PhoneOutlined />}
                    aria-label={t('portal.call', { name: c.name, phone: c.phone })}
                  >
                    {c.phone}
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </PortalColumn>
  )
}

/** One problem: number and status, title, light and the clock that runs, last update. */
function ProblemCard({ p, category }: { p: ProblemRow; category?: string }) {
  const { t } = useTranslation()
  return (
    <Link to={`/portal/${p.id}`} style={{ display: 'block', marginBottom: 10, color: 'inherit' }}>
      <Card
        hoverable
        size="small"
        styles={{ body: { padding: '12px 14px' } }}
        style={p.status === 'resolved' ? { borderColor: '#faad14' } : undefined}
      >
        <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 6 }}>
          <Flex gap={6} align="center" wrap>
            <StatusTag status={p.status} />
            {p.status === 'resolved' && (
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {t('portal.awaitingRating')}
              </Tag>
            )}
            {category && (
              <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                {category}
              </Tag>
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {p.code}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16, flex: 1 }} ellipsis={{ tooltip: false }}>
            {p.title}
          </Typography.Text>
          <RightOutlined style={{ color: '#bfbfbf' }} />
        </Flex>
        <Flex gap={12} align="center" wrap style={{ marginTop: 6, fontSize: 13 }}>
          {['submitted', 'returned', 'accepted', 'in_progress', 'resolved'].includes(p.status) && (
            <Flex gap={6} align="center">
              <ProblemLight p={p} />
              <DueText due={p.due} compact />
            </Flex>
          )}
          {p.leadUnit && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
              {t('portal.leadUnit', { name: p.leadUnit.name })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          <ClockCircleOutlined /> {t('portal.updated', { at: formatDateTime(p.updatedAt) })}
        </Typography.Text>
      </Card>
    </Link>
  )
}
