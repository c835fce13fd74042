import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons'
import { Tag, Tooltip, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useDict } from '../../api/queries'
import type { DictItem, FiveOnesCode } from '../../api/types'

// Small pieces of the project pages: dictionary tags and the 五个一 flag.

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
