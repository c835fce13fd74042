import { Checkbox, Flex, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import {
  DATA_SCOPE_LABELS,
  DATA_SCOPES,
  type DataScopeKey,
  TRIAD_LABELS,
  type TriadKey,
} from '../../../shared/permissions'
import type { PermissionInfo } from '../../api/types'

/** 'zh' or 'en', to pick from the bilingual labels in shared/permissions. */
export function useLabelLang(): 'zh' | 'en' {
  const { i18n } = useTranslation()
  return i18n.language === 'en' ? 'en' : 'zh'
}

export function scopeLabel(scope: string, lang: 'zh' | 'en') {
  return DATA_SCOPE_LABELS[scope as DataScopeKey]?.[lang] ?? scope
}

export function triadLabel(triad: string | null, lang: 'zh' | 'en') {
  return triad ? (TRIAD_LABELS[triad as TriadKey]?.[lang] ?? triad) : ''
}

export const scopeOptions = (lang: 'zh' | 'en') =>
  DATA_SCOPES.map((s) => ({ value: s, label: DATA_SCOPE_LABELS[s][lang] }))

/** Permissions grouped by the module before the colon, in catalogue order. */
export function groupPermissions(items: PermissionInfo[]) {
  const groups = new Map<string, PermissionInfo[]>()
  for (const p of items) {
    const g = p.key.split(':')[0]
    groups.set(g, [...(groups.get(g) ?? []), p])
  }
  return [...groups.entries()]
}

/** The 三员 marker on roles and permissions, with the administrator it belongs to. */
export function TriadTag({ triad }: { triad: string | null }) {
  const lang = useLabelLang()
  const { t } = useTranslation()
  if (!triad) return null
  return (
    <Tooltip title={t('roles.triadOf', { role: triadLabel(triad, lang) })}>
      <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
        三员
      </Tag>
    </Tooltip>
  )
}

/**
 * Checkboxes of the catalogue, grouped by module. Triad permissions are shown but cannot be
 * picked: only the built-in 三员 roles carry them.
 */
export function PermissionChecklist({
  catalogue,
  value = [],
  onChange,
}: {
  catalogue: PermissionInfo[]
  value?: string[]
  onChange?: (v: string[]) => void
}) {
  const { t } = useTranslation()
  const lang = useLabelLang()
  const set = new Set(value)
  return (
    <Flex vertical gap={12}>
      {groupPermissions(catalogue).map(([group, perms]) => {
        const grantable = perms.filter((p) => !p.triad)
        const chosen = grantable.filter((p) => set.has(p.key)).length
        return (
          <div key={group}>
            <Checkbox
              disabled={!grantable.length}
              checked={!!grantable.length && chosen === grantable.length}
              indeterminate={chosen > 0 && chosen < grantable.length}
              onChange={(e) => {
                const next = new Set(value)
                for (const p of grantable) {
                  if (e.target.checked) next.add(p.key)
                  else next.delete(p.key)
                }
                onChange?.(catalogue.map((p) => p.key).filter((k) => next.has(k)))
              }}
            >
              <Typography.Text strong>{t(`roles.groups.${group}`, { defaultValue: group })}</Typography.Text>
            </Checkbox>
            <Flex wrap gap="4px 16px" style={{ paddingInlineStart: 24, marginTop: 4 }}>
              {perms.map((p) => {
                const box = (
                  <Checkbox
                    key={p.key}
                    disabled={!!p.triad}
                    checked={set.has(p.key)}
                    onChange={(e) => {
                      const next = new Set(value)
                      if (e.target.checked) next.add(p.key)
                      else next.delete(p.key)
                      onChange?.(catalogue.map((x) => x.key).filter((k) => next.has(k)))
                    }}
                  >
                    <Flex gap={4} align="center">
                      {p[lang]}
                      {p.triad && <TriadTag triad={p.triad} />}
                    </Flex>
                  </Checkbox>
                )
                return p.triad ? (
                  <Tooltip
                    key={p.key}
                    title={t('roles.triadPermissionHint', { role: triadLabel(p.triad, lang) })}
                  >
                    <span>{box}</span>
                  </Tooltip>
                ) : (
                  box
                )
              })}
            </Flex>
          </div>
        )
      })}
    </Flex>
  )
}

/** Granted permissions as tags, grouped (read-only views). */
export function PermissionTags({ catalogue, granted }: { catalogue: PermissionInfo[]; granted: string[] }) {
  const { t } = useTranslation()
  const lang = useLabelLang()
  const set = new Set(granted)
  const groups = groupPermissions(catalogue.filter((p) => set.has(p.key)))
  const unknown = granted.filter((k) => !catalogue.some((p) => p.key === k))
  if (!groups.length && !unknown.length)
    return <Typography.Text type="secondary">{t('roles.noPermissions')}</Typography.Text>
  return (
    <Flex vertical gap={8}>
      {groups.map(([group, perms]) => (
        <div key={group}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`roles.groups.${group}`, { defaultValue: group })}
          </Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 2 }}>
            {perms.map((p) => (
              <Tag key={p.key} color={p.triad ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
                {p[lang]}
              </Tag>
            ))}
          </Flex>
        </div>
      ))}
      {unknown.length > 0 && (
        <Flex wrap gap={4}>
          {unknown.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Flex>
      )}
    </Flex>
  )
}
