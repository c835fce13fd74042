import { Alert, Button, Descriptions, Drawer, Grid, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PermissionInfo, Role } from '../../api/types'
import { useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { PermissionTags, scopeLabel, TriadTag, triadLabel, useLabelLang } from './permissions-ui'

/** Read-only view of a role (the only view of built-in roles), with a copy action. */
export function RoleViewDrawer({
  role,
  catalogue,
  onClose,
  onCopy,
}: {
  role: Role
  catalogue: PermissionInfo[]
  onClose: () => void
  onCopy?: (r: Role) => void
}) {
  const { t } = useTranslation()
  const lang = useLabelLang()
  const screens = Grid.useBreakpoint()
  const tree = useDepartmentTree(true)
  const names = role.customDepartmentIds.map(
    (id) => tree.data?.items.find((d) => d.id === id)?.name ?? `#${id}`,
  )
  return (
    <Drawer
      open
      title={role.name}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      extra={onCopy && <Button onClick={() => onCopy(role)}>{t('roles.copy')}</Button>}
    >
      {role.builtin && (
        <Alert type="info" showIcon title={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'code',
            label: t('roles.code'),
            children: <Typography.Text code>{role.code}</Typography.Text>,
          },
          {
            key: 'type',
            label: t('roles.type'),
            children: (
              <>
                {role.builtin ? <Tag color="gold">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>}
                <TriadTag triad={role.triad} />
                {role.triad && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {triadLabel(role.triad, lang)}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { key: 'desc', label: t('roles.description'), children: role.description || '—' },
          {
            key: 'scope',
            label: t('roles.dataScope'),
            children: (
              <div>
                <div>{scopeLabel(role.dataScope, lang)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`roles.scopeHints.${role.dataScope}`, { defaultValue: '' })}
                </Typography.Text>
              </div>
            ),
          },
          ...(role.dataScope === 'custom'
            ? [
                {
                  key: 'depts',
                  label: t('roles.customDepartments'),
                  children: names.map((n) => <Tag key={n}>{n}</Tag>),
                },
              ]
            : []),
          { key: 'users', label: t('roles.userCount'), children: role.userCount },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('roles.permissions')}（{role.permissions.length}）
      </Typography.Title>
      <PermissionTags catalogue={catalogue} granted={role.permissions} />
    </Drawer>
  )
}
