import {
  BarChart,
  type BarSeriesOption,
  CustomChart,
  type CustomSeriesOption,
  FunnelChart,
  type FunnelSeriesOption,
  GaugeChart,
  type GaugeSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
  ScatterChart,
  type ScatterSeriesOption,
} from 'echarts/charts'
import {
  DatasetComponent,
  type DatasetComponentOption,
  DataZoomComponent,
  type DataZoomComponentOption,
  GeoComponent,
  type GeoComponentOption,
  GraphicComponent,
  type GraphicComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkAreaComponent,
  type MarkAreaComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  MarkPointComponent,
  type MarkPointComponentOption,
  TitleComponent,
  type TitleComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components'
import { type ComposeOption, type EChartsType, init, registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { type CSSProperties, useEffect, useRef } from 'react'

// Only what the app draws is bundled (tree-shaken imports from echarts/core). Add a chart type or
// component here when a page needs one.
use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GaugeChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  GraphicComponent,
  GeoComponent,
  CanvasRenderer,
])

/** Registers a map (GeoJSON) once by name, for `geo` components. */
export function ensureMap(name: string, geoJson: object) {
  registerMap(name, geoJson as Parameters<typeof registerMap>[1])
}

/** The option type of the charts registered above. */
export type EChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | GaugeSeriesOption
  | ScatterSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | DatasetComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | MarkPointComponentOption
  | GraphicComponentOption
  | GeoComponentOption
>

/** Handlers by ECharts event name ('click', 'legendselectchanged' …); params as ECharts gives them. */
export type EChartEvents = Record<string, (params: any) => void>

/**
 * A chart: `<EChart option={…} height={320} onEvents={{ click: (p) => … }} />`.
 * The option replaces the previous one on change (no merging); the chart follows its container's
 * size (ResizeObserver), so it works in cards, tabs, drawers and on phones.
 */
export function EChart({
  option,
  height = 320,
  onEvents,
  style,
  className,
  loading,
}: {
  option: EChartOption
  height?: number | string
  onEvents?: EChartEvents
  style?: CSSProperties
  className?: string
  loading?: boolean
}) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<EChartsType | null>(null)
  const handlers = useRef<EChartEvents | undefined>(onEvents)
  handlers.current = onEvents

  // Create once, dispose on unmount; resize with the container.
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const c = init(el, undefined, { renderer: 'canvas' })
    chart.current = c
    let frame = 0
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        if (!c.isDisposed()) c.resize()
      })
    })
    ro.observe(el)
    return () => {
      cancelAnimationFrame(frame)
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true })
  }, [option])

  // Event names are bound once each; the latest handler is always called.
  const names = Object.keys(onEvents ?? {})
    .sort()
    .join(',')
  useEffect(() => {
    const c = chart.current
    if (!c || !names) return
    const list = names.split(',')
    for (const name of list) c.on(name, (p: unknown) => handlers.current?.[name]?.(p))
    return () => {
      for (const name of list) c.off(name)
    }
  }, [names])

  useEffect(() => {
    const c = chart.current
    if (!c) return
    if (loading) c.showLoading('default', { text: '', color: '#1677ff' })
    else c.hideLoading()
  }, [loading])

  return <div ref={ref} className={className} style={{ width: '100%', height, ...style }} />
}
