import type { EChartOption } from '../../components/EChart'
import { LIGHT_COLOR } from '../../components/LightDot'

// ECharts options of the cockpit, from the one /api/dashboard answer. `dark` for the big screen.

export interface Named {
  key: string | null
  label: string
  count: number
}

const text = (dark: boolean) => ({ color: dark ? '#d6e4ff' : '#434343' })
const axis = (dark: boolean) => ({
  axisLabel: { color: dark ? '#adc6ff' : '#595959' },
  axisLine: { lineStyle: { color: dark ? '#2f4a7a' : '#d9d9d9' } },
})

export function funnel(stages: Named[], dark: boolean): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        width: '84%',
        label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#fff' },
        data: stages.map((s) => ({ name: s.label, value: s.count, id: s.key ?? '' })),
      },
    ],
    textStyle: text(dark),
  }
}

export function lights(rows: Named[], dark: boolean): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        label: { color: dark ? '#d6e4ff' : '#434343', formatter: '{b}\n{c}' },
        data: rows.map((r) => ({
          name: r.label,
          value: r.count,
          id: r.key ?? '',
          itemStyle: { color: LIGHT_COLOR[r.key ?? ''] },
        })),
      },
    ],
  }
}

export function investment(
  months: Array<{ month: number; completed: number | null; schedule: number }>,
  labels: { completed: string; schedule: string },
  dark: boolean,
): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: text(dark) },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => `${m.month}月`), ...axis(dark) },
    yAxis: {
      type: 'value',
      ...axis(dark),
      axisLabel: {
        formatter: (v: number) => (v >= 10_000 ? `${v / 10_000}亿` : String(v)),
        color: dark ? '#adc6ff' : '#595959',
      },
      splitLine: { lineStyle: { color: dark ? '#1d3461' : '#f0f0f0' } },
    },
    series: [
      {
        name: labels.completed,
        type: 'bar',
        data: months.map((m) => m.completed),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: labels.schedule,
        type: 'line',
        data: months.map((m) => m.schedule),
        itemStyle: { color: '#fa8c16' },
        symbol: 'none',
      },
    ],
  }
}

/** Horizontal bars, one per row, that click through by the row's id. */
export function bars(
  rows: Array<{ id: string; label: string; value: number }>,
  unit: string,
  dark: boolean,
  color = '#1677ff',
): EChartOption {
  const r = [...rows].reverse()
  // 万元 read in 亿 once large, on the axis and on the bars
  const money = (v: number) => (unit === '万元' && v >= 10_000 ? `${Math.round(v / 100) / 100}亿` : String(v))
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) =>
        unit === '万元' && Number(v) >= 10_000 ? `${money(Number(v))}元` : `${v} ${unit}`,
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      ...axis(dark),
      axisLabel: { ...axis(dark).axisLabel, formatter: (v: number) => money(v) },
      splitLine: { lineStyle: { color: dark ? '#1d3461' : '#f0f0f0' } },
    },
    yAxis: { type: 'category', data: r.map((x) => x.label), ...axis(dark) },
    series: [
      {
        type: 'bar',
        data: r.map((x) => ({ value: x.value, id: x.id })),
        itemStyle: { color },
        label: {
          show: true,
          position: 'right',
          color: dark ? '#d6e4ff' : '#595959',
          formatter: (p: any) => money(Number(p.value)),
        },
      },
    ],
  }
}

export function trend(
  rows: Array<{ month: string; received: number; resolved: number }>,
  labels: { received: string; resolved: string },
  dark: boolean,
): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: text(dark) },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month.slice(2)), ...axis(dark) },
    yAxis: {
      type: 'value',
      minInterval: 1,
      ...axis(dark),
      splitLine: { lineStyle: { color: dark ? '#1d3461' : '#f0f0f0' } },
    },
    series: [
      {
        name: labels.received,
        type: 'line',
        smooth: true,
        data: rows.map((r) => r.received),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: labels.resolved,
        type: 'line',
        smooth: true,
        data: rows.map((r) => r.resolved),
        itemStyle: { color: '#52c41a' },
      },
    ],
  }
}
