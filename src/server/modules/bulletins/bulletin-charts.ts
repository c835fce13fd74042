import type { BulletinChart } from './bulletin-types.ts'

// ECharts options for the bulletin's charts. The same option draws the chart on the screen and,
// through the server-side SVG renderer, the picture in the Word document — so no animation, and
// fonts named for both (the document's PNG uses Noto CJK from the system).

const FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif'
const base = {
  animation: false,
  textStyle: { fontFamily: FONT, fontSize: 13 },
  grid: { left: 24, right: 24, top: 48, bottom: 16, containLabel: true },
  legend: { top: 8 },
}
const axisLabel = { interval: 0, rotate: 30, fontSize: 12 }

export function investmentChart(
  rows: Array<{ label: string; completionRate: number | null; scheduleRate: number | null }>,
): BulletinChart {
  const top = rows.filter((r) => r.completionRate != null).slice(0, 10)
  return {
    key: 'investment',
    title: '各牵头单位投资完成率与序时进度',
    option: {
      ...base,
      xAxis: { type: 'category', data: top.map((r) => r.label), axisLabel },
      yAxis: { type: 'value', name: '%' },
      series: [
        {
          name: '完成率',
          type: 'bar',
          data: top.map((r) => pct1(r.completionRate)),
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'top', fontSize: 11 },
        },
        {
          name: '序时进度',
          type: 'line',
          data: top.map((r) => pct1(r.scheduleRate)),
          itemStyle: { color: '#fa541c' },
        },
      ],
    },
  }
}

export function problemsChart(
  rows: Array<{ name: string; received: number; resolved: number; overdueCount: number }>,
): BulletinChart {
  const top = [...rows].sort((a, b) => b.received - a.received).slice(0, 10)
  return {
    key: 'problems',
    title: '各责任单位问题办理情况',
    option: {
      ...base,
      xAxis: { type: 'category', data: top.map((r) => r.name), axisLabel },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '受理', type: 'bar', data: top.map((r) => r.received), itemStyle: { color: '#1677ff' } },
        { name: '办结', type: 'bar', data: top.map((r) => r.resolved), itemStyle: { color: '#52c41a' } },
        { name: '逾期', type: 'bar', data: top.map((r) => r.overdueCount), itemStyle: { color: '#f5222d' } },
      ],
    },
  }
}

export function lightsChart(counts: { red: number; yellow: number; green: number }): BulletinChart {
  return {
    key: 'lights',
    title: '重点项目红黄绿灯分布',
    option: {
      ...base,
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '55%'],
          label: { formatter: '{b}\n{c} 个（{d}%）', fontSize: 12 },
          data: [
            { name: '绿灯', value: counts.green, itemStyle: { color: '#52c41a' } },
            { name: '黄灯', value: counts.yellow, itemStyle: { color: '#faad14' } },
            { name: '红灯', value: counts.red, itemStyle: { color: '#f5222d' } },
          ],
        },
      ],
    },
  }
}

const pct1 = (r: number | null) => (r == null ? null : Math.round(r * 1000) / 10)
