import { useQuery } from '@tanstack/react-query'
import { Empty, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { EChart, type EChartOption, ensureMap } from '../../components/EChart'
import { LIGHT_COLOR } from '../../components/LightDot'
import type { Dashboard } from './types'

/**
 * 项目分布: the zone's city outline (shipped under /geo, no tiles from the internet) with the
 * projects that have a map point; a click opens the project.
 */
export function ZoneMap({
  region,
  points,
  dark,
}: {
  region: Dashboard['region']
  points: Dashboard['map']
  dark: boolean
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const name = region?.city ? `zone-${region.province}-${region.city}` : null
  const outline = useQuery({
    queryKey: ['geo', region?.province, region?.city],
    enabled: !!name,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const res = await fetch(`/geo/${region!.province}.json`)
      if (!res.ok) return false
      const all = (await res.json()) as { features: Array<{ properties: { name: string } }> }
      const city = all.features.filter((f) => f.properties.name === region!.city)
      if (!city.length) return false
      ensureMap(name!, { ...all, features: city })
      return true
    },
  })
  if (!outline.data && !points.length) return <Empty description={t('dashboard.noMap')} />
  const option: EChartOption = {
    tooltip: { formatter: (p: any) => (p.data?.name ? `${p.data.name}<br/>${p.data.total} 万元` : '') },
    ...(outline.data
      ? {
          geo: {
            map: name!,
            roam: true,
            label: { show: true, color: dark ? '#adc6ff' : '#8c8c8c' },
            itemStyle: { areaColor: dark ? '#12305e' : '#f0f5ff', borderColor: dark ? '#3a6bb5' : '#91caff' },
            emphasis: { disabled: true },
          },
        }
      : {
          xAxis: { type: 'value', scale: true, show: false },
          yAxis: { type: 'value', scale: true, show: false },
        }),
    series: [
      {
        type: 'scatter',
        coordinateSystem: outline.data ? 'geo' : 'cartesian2d',
        data: points.map((p) => ({
          value: [p.lng, p.lat],
          id: String(p.id),
          name: p.name,
          total: p.total,
          itemStyle: { color: LIGHT_COLOR[p.light] },
        })),
        symbolSize: 9,
      },
    ],
  } as EChartOption
  return (
    <>
      <EChart
        height={points.length ? '100%' : '88%'}
        option={option}
        onEvents={{
          click: (p: { data?: { id?: string } }) => p.data?.id && navigate(`/projects/${p.data.id}`),
        }}
      />
      {!points.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dashboard.noMap')}
        </Typography.Text>
      )}
    </>
  )
}
