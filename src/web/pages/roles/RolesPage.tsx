import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Grid, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../api/auth'
import { del, get } from '../../api/client'
import type { Page, PermissionInfo, Role } from '../../api/types'
import { FilterBar } from '../../components/FilterBar'
import { ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { useListParams } from '../../lib/use-list-params'
import { scopeLabel, TriadTag, useLabelLang } from './permissions-ui'
import { RoleFormModal, type RoleFormTarget } from './RoleFormModal'
import { RoleViewDrawer } from './RoleViewDrawer'

const DEFAULTS = { page: 1, pageSize: 20, keyword: '', type: '' }

/** 角色与授权: built-in roles (read-only, copyable) and custom roles with their permissions and data scope. */
export default function RolesPage() {
  const { t } = useTranslation()
  const lang = useLabelLang()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { params, update } = useListParams(DEFAULTS)
  const [form, setForm] = useState<RoleFormTarget | null>(null)
  const [viewing, setViewing] = useState<Role | null>(null)
  const manage = can(me, 'role:manage')
  const screens = Grid.useBreakpoint()

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    builtin: params.type === 'builtin' ? true : params.type === 'custom' ? false : undefined,
  }
  const list = useQuery({
    queryKey: ['roles', 'list', query],
    queryFn: () => get<Page<Role>>('/api/roles', query),
    placeholderData: keepPreviousData,
  })
  const catalogue = useQuery({
    queryKey: ['roles', 'permissions'],
    queryFn: () => get<{ items: PermissionInfo[] }>('/api/roles/permissions'),
    staleTime: Number.POSITIVE_INFINITY,
  })
  const permName = (key: string) => catalogue.data?.items.find((p) => p.key === key)?.[lang] ?? key
  const refresh = () => qc.invalidateQueries({ queryKey: ['roles'] })

  async function remove(r: Role) {
    try {
      await del(`/api/roles/${r.id}`, { version: r.version })
      message.success(t('roles.deleted', { name: r.name }))
    } catch (e) {
      message.error(errorMessage(e))
    }
    await refresh()
  }

  const copy = (r: Role) => {
    setViewing(null)
    setForm({ mode: 'copy', role: r })
  }

  const columns: ColumnsType<Role> = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      width: 220,
      fixed: screens.md ? 'left' : undefined,
      render: (name: string, r) => (
        <div>
          <Typography.Text strong>{name}</Typography.Text>
          {r.description && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.description}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('roles.code'),
      dataIndex: 'code',
      width: 160,
      responsive: ['md'],
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t('roles.type'),
      key: 'type',
      width: 120,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.builtin ? <Tag color="gold">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>}
          <TriadTag triad={r.triad} />
        </Space>
      ),
    },
    {
      title: t('roles.dataScope'),
      dataIndex: 'dataScope',
      width: 140,
      render: (s: string) => scopeLabel(s, lang),
    },
    {
      title: t('roles.permissionCount'),
      dataIndex: 'permissions',
      width: 90,
      align: 'right',
      render: (ps: string[]) => (
        <Tooltip title={ps.length ? ps.map(permName).join(t('roles.listSep')) : t('roles.noPermissions')}>
          <span style={{ cursor: 'help', borderBottom: '1px dotted' }}>{ps.length}</span>
        </Tooltip>
      ),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            {t('roles.view')}
          </Button>
          {manage && r.builtin && (
            <Button type="link" size="small" onClick={() => copy(r)}>
              {t('roles.copy')}
            </Button>
          )}
          {manage && !r.builtin && (
            <Button type="link" size="small" onClick={() => setForm({ mode: 'edit', role: r })}>
              {t('common.edit')}
            </Button>
          )}
          {manage && !r.builtin && (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={
                <div style={{ maxWidth: 280 }}>
                  {r.userCount
                    ? t('roles.confirmDeleteInUse', { name: r.name, count: r.userCount })
                    : t('roles.confirmDelete', { name: r.name })}
                </div>
              }
              onConfirm={() => remove(r)}
              okButtonProps={{ danger: true }}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: t('roles.keywordPlaceholder'),
            width: 240,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={() => update({ keyword: '', type: '', pageSize: 20 })}
          onRefresh={refresh}
        >
          <Select
            placeholder={t('roles.filterType')}
            allowClear
            style={{ width: 140 }}
            value={params.type || undefined}
            onChange={(v) => update({ type: v ?? '' })}
            options={[
              { value: 'builtin', label: t('roles.builtin') },
              { value: 'custom', label: t('roles.custom') },
            ]}
          />
        </FilterBar>
        <ListTable<Role>
          query={list}
          params={params}
          update={update}
          empty={t('roles.empty')}
          columns={columns}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {viewing && catalogue.data && (
        <RoleViewDrawer
          role={viewing}
          catalogue={catalogue.data.items}
          onClose={() => setViewing(null)}
          onCopy={manage ? copy : undefined}
        />
      )}
      {form && (
        <RoleFormModal
          target={form}
          catalogue={catalogue.data?.items}
          onClose={() => setForm(null)}
          onSaved={refresh}
        />
      )}
    </>
  )
}
