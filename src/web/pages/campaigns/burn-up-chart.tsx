import { Empty, Segmented, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EChart, type EChartOption } from '../../components/EChart'
import { dayjs } from '../../lib/format'
import { type Series, TARGET_KEYS, type TargetKey } from './types'

function allDays(from: string, to: string) {
  const out: string[] = []
  for (let d = dayjs(from); !d.isAfter(dayjs(to), 'day'); d = d.add(1, 'day'))
    out.push(d.format('YYYY-MM-DD'))
  return out
}

/**
 * 燃尽图 (burn-up): the cumulative figure of one target day by day against the straight line from 0
 * on the first day to the target on the last — the actual line under the ideal one means behind pace.
 */
export function BurnUpChart({ series, height = 320 }: { series: Series; height?: number }) {
  const { t } = useTranslation()
  const keys = TARGET_KEYS.filter((k) => series.targets[k] != null)
  const [picked, setPicked] = useState<TargetKey | undefined>(undefined)
  const key = picked && keys.includes(picked) ? picked : keys[0]
  const option = useMemo<EChartOption | null>(() => {
    if (!key) return null
    const days = allDays(series.startsOn, series.endsOn)
    const target = Number(series.targets[key])
    const last = Math.max(1, days.length - 1)
    const byDay = new Map(series.days.map((d) => [d.day, Number(d.figures[key])]))
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days, axisLabel: { formatter: (v: string) => v.slice(5) } },
      yAxis: { type: 'value', name: t(`campaigns.unit.${key}`), min: 0 },
      series: [
        {
          name: t('campaigns.chart.actual'),
          type: 'line',
          step: key === 'investment' ? 'end' : undefined,
          showSymbol: false,
          areaStyle: { opacity: 0.12 },
          data: days.map((d) => byDay.get(d) ?? null),
        },
        {
          name: t('campaigns.chart.ideal'),
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: days.map((_, i) => Math.round(((target * i) / last) * 100) / 100),
        },
      ],
    }
  }, [series, key, t])
  if (!key || !option) return <Empty description={t('campaigns.chart.noTargets')} />
  return (
    <>
      <Segmented
        value={key}
        onChange={(v) => setPicked(v as TargetKey)}
        options={keys.map((k) => ({ value: k, label: t(`campaigns.target.${k}`) }))}
        style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }}
      />
      {series.days.length === 0 ? (
        <Empty description={t('campaigns.chart.notStarted')} />
      ) : (
        <EChart option={option} height={height} />
      )}
      {key === 'investment' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('campaigns.investmentNote')}
        </Typography.Text>
      )}
    </>
  )
}
