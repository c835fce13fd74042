import { Resvg } from '@resvg/resvg-js'
import * as echarts from 'echarts'

// Server-side charts for documents: ECharts' SSR renderer writes SVG, resvg turns it into a PNG.
// The fonts are the system's (Debian fonts-noto-cjk), so Chinese labels render.

export const CHART_WIDTH = 720
export const CHART_HEIGHT = 400

export function chartPng(
  option: Record<string, unknown>,
  width = CHART_WIDTH,
  height = CHART_HEIGHT,
): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ backgroundColor: '#ffffff', ...option })
    const svg = chart.renderToSVGString()
    const png = new Resvg(svg, {
      // twice the size: sharp in print at the width the document gives it
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
      background: '#ffffff',
    }).render()
    return Buffer.from(png.asPng())
  } finally {
    chart.dispose()
  }
}
