import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Empty, Flex, Pagination, Row, Select, Spin, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { can, useMe } from '../../api/auth'
import { get } from '../../api/client'
import type { Page } from '../../api/types'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { FilterSelect } from '../../components/FilterSelect'
import { PageHeader } from '../../components/PageHeader'
import { ZoneSelect } from '../../components/ZoneSelect'
import { errorMessage } from '../../lib/form-errors'
import { useListParams } from '../../lib/use-list-params'
import { KindTag, ProgressLines, StatusTag } from './campaign-ui'
import type { CampaignRow } from './types'

const DEFAULTS = {
  page: 1,
  pageSize: 12,
  keyword: '',
  status: '',
  kind: '',
  zoneId: undefined as number | undefined,
  sort: '',
}

function CampaignCard({ c }: { c: CampaignRow }) {
  const { t } = useTranslation()
  return (
    <Card
      size="small"
      hoverable
      title={
        <Link to={`/rhythm/campaigns/${c.id}`} style={{ whiteSpace: 'normal' }}>
          {c.name}
        </Link>
      }
      extra={<StatusTag status={c.status} />}
      style={{ height: '100%' }}
    >
      <Flex gap={4} wrap align="center" style={{ marginBottom: 8 }}>
        <KindTag kind={c.kind} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('campaigns.range', { from: c.startsOn, to: c.endsOn, n: c.totalDays })}
        </Typography.Text>
      </Flex>
      <ProgressLines c={c} />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {t('campaigns.participants', { projects: c.projectCount, departments: c.departmentCount })}
        {c.zoneName ? ` · ${c.zoneName}` : ''}
      </Typography.Text>
    </Card>
  )
}

/** 攻坚行动: every campaign as a card, its targets against the time elapsed. */
export default function CampaignsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const { params, update, reset } = useListParams(DEFAULTS)
  const aboveZones = !!me && !me.zone
  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    status: params.status || undefined,
    kind: params.kind || undefined,
    zoneId: params.zoneId,
    sort: params.sort || undefined,
  }
  const list = useQuery({
    queryKey: ['campaigns', query],
    queryFn: () => get<Page<CampaignRow>>('/api/campaigns', query),
    placeholderData: keepPreviousData,
  })
  const filtered = !!(params.keyword || params.status || params.kind || params.zoneId)
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <>
            <ExportButton path="/api/campaigns/export.xlsx" query={query} />
            {can(me, 'campaign:manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/rhythm/campaigns/new')}
              >
                {t('campaigns.new')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('campaigns.filter.keyword'),
            width: 200,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={() => qc.invalidateQueries({ queryKey: ['campaigns'] })}
        >
          {aboveZones && (
            <ZoneSelect
              aria-label={t('campaigns.filter.zone')}
              placeholder={t('campaigns.filter.zone')}
              allowClear
              style={{ width: 140 }}
              value={params.zoneId}
              onChange={(v) => update({ zoneId: v })}
            />
          )}
          <FilterSelect
            label={t('campaigns.filter.status')}
            width={120}
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={(['running', 'upcoming', 'ended'] as const).map((s) => ({
              value: s,
              label: t(`campaigns.status.${s}`),
            }))}
          />
          <FilterSelect
            label={t('campaigns.filter.kind')}
            width={120}
            value={params.kind}
            onChange={(v) => update({ kind: v })}
            options={(['hundred_days', 'special'] as const).map((k) => ({
              value: k,
              label: t(`campaigns.kind.${k}`),
            }))}
          />
          <Select
            aria-label={t('campaigns.filter.sort')}
            style={{ width: 150 }}
            value={params.sort || '-startsOn'}
            onChange={(v) => update({ sort: v })}
            options={['-startsOn', 'startsOn', '-endsOn', 'name'].map((s) => ({
              value: s,
              label: t(`campaigns.sort.${s}`),
            }))}
          />
        </FilterBar>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        <Spin spinning={list.isFetching}>
          {list.data?.items.length ? (
            <Row gutter={[12, 12]}>
              {list.data.items.map((c) => (
                <Col key={c.id} xs={24} md={12} xxl={8}>
                  <CampaignCard c={c} />
                </Col>
              ))}
            </Row>
          ) : (
            !list.isFetching && (
              <Empty description={filtered ? t('campaigns.emptyFiltered') : t('campaigns.empty')} />
            )
          )}
        </Spin>
        {(list.data?.total ?? 0) > params.pageSize && (
          <Pagination
            current={params.page}
            pageSize={params.pageSize}
            total={list.data?.total}
            showTotal={(n) => t('campaigns.total', { n })}
            onChange={(page) => update({ page }, false)}
            style={{ marginTop: 12, textAlign: 'center' }}
          />
        )}
      </Card>
    </>
  )
}
