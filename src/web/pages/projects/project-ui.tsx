import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import type { SelectProps } from 'antd'
import { Badge, Select, Tag, Tooltip, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { get } from '../../api/client'
import { useDict } from '../../api/queries'
import type { DictItem, FiveOnesCode, LightReasonItem, Page, User } from '../../api/types'

// Small pieces of the project pages: money, lights, stage tags, the 五个一 flag, people pickers.

/** '6500' → '6,500.00 万元'; from 10 000 万元 up '1.60 亿元'. Display only. */
export function formatWan(v: string | number | null | undefined, t: TFunction, unit = true): string {
  if (v == null || v === '') return '—'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  const big = Math.abs(n) >= 10000
  const shown = (big ? n / 10000 : n).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return unit ? `${shown} ${big ? t('projects.unitYi') : t('projects.unitWan')}` : shown
}

/** 0.309 → '30.90%' */
export function formatRate(rate: number | null | undefined) {
  return rate == null ? '—' : `${(rate * 100).toFixed(2)}%`
}

export const LIGHT_COLOR: Record<string, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' }

/** The light as a coloured dot with its name; the reasons in a tooltip (or written out with `inline`). */
export function ProjectLight({
  light,
  reasons,
  showText = true,
}: {
  light: string
  reasons: LightReasonItem[]
  showText?: boolean
}) {
  const { t } = useTranslation()
  const dot = (
    <Badge
      color={LIGHT_COLOR[light] ?? '#d9d9d9'}
      text={showText ? t(`projects.light.${light}`, { defaultValue: light }) : undefined}
    />
  )
  return (
    <Tooltip
      title={
        reasons.length ? (
          <div>
            {reasons.map((r) => (
              <div key={r.text}>· {r.text}</div>
            ))}
          </div>
        ) : (
          t('projects.light.noReason')
        )
      }
    >
      <span style={{ cursor: 'help', whiteSpace: 'nowrap' }}>{dot}</span>
    </Tooltip>
  )
}

/** Label and colour of dictionary codes (stages, levels, natures, tags). */
export function useDictMap(type: string) {
  const dict = useDict(type)
  return useMemo(() => {
    const m = new Map<string, DictItem>()
    for (const i of dict.data?.items ?? []) m.set(i.code, i)
    return { map: m, items: dict.data?.items ?? [], loading: dict.isLoading }
  }, [dict.data, dict.isLoading])
}

export function DictTag({ type, code }: { type: string; code: string | null | undefined }) {
  const { map } = useDictMap(type)
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>
  const item = map.get(code)
  return (
    <Tag color={item?.color ?? undefined} style={{ marginInlineEnd: 4 }}>
      {item?.label ?? code}
    </Tag>
  )
}

export function dictLabel(map: Map<string, DictItem>, code: string | null | undefined) {
  return code ? (map.get(code)?.label ?? code) : '—'
}

/** ✓ 齐全 / ✗ 缺包联领导、工作专班 (key projects); nothing for others. */
export function FiveOnesFlag({ missing, isKey }: { missing: FiveOnesCode[]; isKey: boolean }) {
  const { t } = useTranslation()
  if (!missing.length)
    return isKey ? (
      <Typography.Text type="success" style={{ whiteSpace: 'nowrap' }}>
        <CheckCircleFilled /> {t('projects.fiveOnes.complete')}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    )
  const names = missing.map((c) => t(`projects.fiveOnes.item.${c}`)).join('、')
  return (
    <Tooltip title={t('projects.fiveOnes.missingTip', { items: names })}>
      <Tag color="error" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }}>
        {t('projects.fiveOnes.missingShort', { n: missing.length })}
      </Tag>
    </Tooltip>
  )
}

export function OkMark({ ok }: { ok: boolean }) {
  return ok ? (
    <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
  ) : (
    <CloseCircleFilled style={{ color: '#f5222d', fontSize: 18 }} />
  )
}

/** completion − schedule in points, coloured: 超前 5.90 / 落后 12.30. */
export function Gap({ points }: { points: number | null | undefined }) {
  const { t } = useTranslation()
  if (points == null) return <Typography.Text type="secondary">—</Typography.Text>
  const abs = Math.abs(points).toFixed(2)
  return (
    <Typography.Text
      style={{ color: points > 0 ? '#389e0d' : points < 0 ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}
    >
      {points > 0
        ? t('projects.gapAhead', { n: abs })
        : points < 0
          ? t('projects.gapBehind', { n: abs })
          : t('projects.gapEven')}
    </Typography.Text>
  )
}

/**
 * People of the zone, searched by name as one types; `known` gives names for the current values
 * (they may not be in the first page of results).
 */
export function PeopleSelect({
  known = [],
  ...props
}: SelectProps<number | number[]> & { known?: Array<{ id: number; name: string }> }) {
  const [keyword, setKeyword] = useState('')
  const users = useQuery({
    queryKey: ['users', 'pick', keyword],
    queryFn: () =>
      get<Page<User>>('/api/users', { keyword: keyword || undefined, pageSize: 30, enabled: true }),
    staleTime: 30_000,
  })
  const options = useMemo(() => {
    const list = (users.data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${u.displayName}${u.title ? `（${u.title}）` : ''} · ${u.departmentName}`,
    }))
    for (const k of known)
      if (!list.some((o) => o.value === k.id)) list.unshift({ value: k.id, label: k.name })
    return list
  }, [users.data, known])
  return (
    <Select<number | number[]>
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      loading={users.isFetching}
      options={options}
      onClear={() => setKeyword('')}
      popupMatchSelectWidth={false}
      {...props}
    />
  )
}
