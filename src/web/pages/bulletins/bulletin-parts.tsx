import { Checkbox, Flex, Input, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EChart, type EChartOption } from '../../components/EChart'
import type { BulletinContent, BulletinTable } from './types'

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
/** The document's look on screen: 仿宋 body, 黑体 headings, like the Word file. */
export const DOC_FONT = 'FangSong, STFangsong, "Noto Serif CJK SC", serif'

/** A table of the bulletin as on paper (read-only: its rows come from the data). */
export function DocTable({ table }: { table: BulletinTable }) {
  if (table.rows.length === 0) return <p style={{ textIndent: '2em' }}>{table.emptyText}</p>
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={table.rows}
      scroll={{ x: 'max-content' }}
      style={{ margin: '8px 0 16px' }}
      columns={table.columns.map((c) => ({
        key: c.key,
        dataIndex: c.key,
        title: c.label,
        align: c.align ?? 'left',
      }))}
    />
  )
}

export function DocChart({
  content,
  chartKey,
  n,
}: {
  content: BulletinContent
  chartKey: string
  n: number
}) {
  const c = content.charts.find((x) => x.key === chartKey)
  if (!c) return null
  return (
    <figure style={{ margin: '8px 0 16px' }}>
      <EChart option={c.option as EChartOption} height={300} />
      <figcaption style={{ textAlign: 'center', fontSize: 13 }}>
        图{n} {c.title}
      </figcaption>
    </figure>
  )
}

/** A text the editor writes: a text area while the draft is open, paragraphs once issued. */
export function DocText({
  value,
  onChange,
  readOnly,
  placeholder,
  label,
}: {
  value: string
  onChange: (v: string) => void
  readOnly: boolean
  placeholder?: string
  label: string
}) {
  if (readOnly)
    return (
      <>
        {value
          .split(/\n+/)
          .filter((p) => p.trim())
          .map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order
            <p key={i} style={{ textIndent: '2em', margin: '0 0 4px' }}>
              {p}
            </p>
          ))}
      </>
    )
  return (
    <Input.TextArea
      aria-label={label}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      autoSize={{ minRows: 2 }}
      maxLength={5000}
      style={{ fontFamily: DOC_FONT, fontSize: 16, margin: '4px 0 12px' }}
    />
  )
}

/** A section heading (一、…) with, on a draft, the switch that keeps it in the bulletin. */
export function DocHeading({
  n,
  title,
  kept,
  onKeep,
  readOnly,
  children,
}: {
  n: number
  title: string
  kept: boolean
  onKeep: (kept: boolean) => void
  readOnly: boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <section style={{ opacity: kept ? 1 : 0.45, marginTop: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title
          level={5}
          style={{ margin: 0, fontFamily: 'SimHei, "Noto Sans CJK SC", sans-serif' }}
        >
          {kept ? `${CN[n] ?? n + 1}、` : ''}
          {title}
        </Typography.Title>
        {!readOnly && (
          <Checkbox checked={kept} onChange={(e) => onKeep(e.target.checked)}>
            {t('bulletins.detail.keep')}
          </Checkbox>
        )}
      </Flex>
      {kept ? children : <Typography.Text type="secondary">{t('bulletins.detail.omitted')}</Typography.Text>}
    </section>
  )
}

export function SubHeading({ n, children }: { n: number; children: ReactNode }) {
  return (
    <div style={{ fontFamily: 'KaiTi, STKaiti, "Noto Serif CJK SC", serif', fontWeight: 600, marginTop: 8 }}>
      （{CN[n]}）{children}
    </div>
  )
}
