import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useTranslation } from 'react-i18next'
import { useMe } from '../../api/auth'
import { get } from '../../api/client'
import { useZones } from '../../api/queries'
import type { Page } from '../../api/types'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { dayjs, formatDateTime } from '../../lib/format'
import { useListParams } from '../../lib/use-list-params'
import { CADENCES, type Cadence, type CadencePeriod, type CadencePeriodDetail } from './cadence-types'
import { ObligationsPanel } from './ObligationsPanel'
import { RollupPanel } from './RollupPanel'

const DEFAULTS = {
  cadence: 'weekly',
  periodId: undefined as number | undefined,
  zoneId: undefined as number | undefined,
  status: '',
  departmentId: undefined as number | undefined,
  sort: '',
  page: 1,
  pageSize: 20,
}

/**
 * The period shown when none is chosen: the latest, unless it is due more than a week ahead (a
 * month just begun) — then the one before, which is the one people are reporting for.
 */
function defaultPeriod(items: CadencePeriod[]) {
  const [latest, before] = items
  if (latest && before && dayjs(latest.dueAt).diff(dayjs(), 'day') > 7) return before
  return latest
}

/**
 * 报送调度: per cadence (周对接 · 月汇总 · 季通报) a period with its due time (顺延 when a holiday
 * moved it), who owes an entry, who has reported on time or late, who has not — with 催报 and the
 * 未报送 export; the quarter shows its roll-up.
 */
export default function CadencePage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const aboveZones = !!me && !me.zone
  const zones = useZones(aboveZones)
  const { params, update } = useListParams(DEFAULTS)
  const cadence = (CADENCES.includes(params.cadence as Cadence) ? params.cadence : 'weekly') as Cadence
  const zoneId = aboveZones ? (params.zoneId ?? zones.data?.items[0]?.id) : undefined

  const latest = useQuery({
    queryKey: ['cadence', 'periods', { cadence, zoneId }],
    queryFn: () => get<Page<CadencePeriod>>('/api/cadence/periods', { cadence, zoneId, pageSize: 2 }),
    enabled: !params.periodId && (!aboveZones || !!zoneId),
  })
  const periodId = params.periodId ?? (latest.data ? defaultPeriod(latest.data.items)?.id : undefined)
  const detail = useQuery({
    queryKey: ['cadence', 'period', periodId],
    queryFn: () => get<CadencePeriodDetail>(`/api/cadence/periods/${periodId}`),
    enabled: !!periodId,
  })
  const p = detail.data
  const goTo = (id: number | null) =>
    id && update({ periodId: id, status: '', departmentId: undefined, page: 1 } as never)

  const switcher = p && (
    <Flex align="center" gap={8} wrap>
      <Button
        icon={<LeftOutlined />}
        aria-label={t('cadence.previous')}
        disabled={!p.previousId}
        onClick={() => goTo(p.previousId)}
      />
      <Typography.Text strong style={{ fontSize: 16 }}>
        {p.label}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        aria-label={t('cadence.next')}
        disabled={!p.nextId}
        onClick={() => goTo(p.nextId)}
      />
      <Typography.Text type="secondary">
        {t('cadence.dueAt', { time: formatDateTime(p.dueAt) })}
      </Typography.Text>
      {p.moved && <Tag color="orange">{t('cadence.moved')}</Tag>}
      {p.closedAt ? (
        <Tag>{t('cadence.closed', { time: formatDateTime(p.closedAt) })}</Tag>
      ) : (
        <Tag color={p.pastDue ? 'red' : 'blue'}>{p.pastDue ? t('cadence.overdue') : t('cadence.open')}</Tag>
      )}
    </Flex>
  )

  const stats = p && p.cadence !== 'quarterly' && (
    <Row gutter={[12, 12]}>
      {(
        [
          ['owed', p.counts.owed, undefined],
          ['submitted', p.counts.submitted, '#389e0d'],
          ['late', p.counts.late, '#d48806'],
          [
            p.pastDue ? 'missing' : 'pending',
            p.pastDue ? p.counts.missing : p.counts.pending,
            p.pastDue ? '#cf1322' : undefined,
          ],
        ] as const
      ).map(([k, v, color]) => (
        <Col key={k} xs={12} md={6}>
          <Card size="small">
            <Statistic title={t(`cadence.count.${k}`)} value={v} styles={{ content: { color } }} />
          </Card>
        </Col>
      ))}
    </Row>
  )

  const loading = latest.isLoading || detail.isLoading
  const failed = latest.error ?? detail.error
  const body = failed ? (
    <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(failed)} />
  ) : loading ? (
    <Skeleton active />
  ) : !p ? (
    <Empty description={t('cadence.noPeriods')} />
  ) : (
    <Flex vertical gap={12}>
      {switcher}
      {stats}
      {p.cadence === 'quarterly' ? (
        <RollupPanel period={p} />
      ) : (
        <ObligationsPanel period={p} params={params} update={update} />
      )}
    </Flex>
  )

  return (
    <>
      <PageHeader
        title={t('cadence.title')}
        subtitle={t('cadence.subtitle')}
        extra={
          aboveZones && (
            <Select
              aria-label={t('cadence.zone')}
              style={{ width: 160 }}
              value={zoneId}
              onChange={(v) => update({ zoneId: v, periodId: undefined } as never)}
              options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.name }))}
            />
          )
        }
      />
      <Card>
        <Tabs
          activeKey={cadence}
          onChange={(k) =>
            update({ cadence: k, periodId: undefined, status: '', departmentId: undefined } as never)
          }
          items={CADENCES.map((c) => ({
            key: c,
            label: t(`cadence.tab.${c}`),
            children: c === cadence ? body : null,
          }))}
        />
      </Card>
    </>
  )
}
