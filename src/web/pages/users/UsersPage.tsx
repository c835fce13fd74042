import { PlusOutlined } from '@ant-design/icons'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Popconfirm, Select, Space, Tag, Tooltip } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../api/auth'
import { get, post } from '../../api/client'
import { useRoles } from '../../api/queries'
import type { Page, User } from '../../api/types'
import { DepartmentTreeSelect } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { FilterBar } from '../../components/FilterBar'
import { keepSort, ListTable } from '../../components/ListTable'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { sortOrder, useListParams } from '../../lib/use-list-params'
import { AssignRolesModal } from './AssignRolesModal'
import { ResetPasswordModal } from './ResetPasswordModal'
import { UserFormModal } from './UserFormModal'

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  keyword: '',
  departmentId: undefined as number | undefined,
  roleId: undefined as number | undefined,
  status: '',
  sort: '',
}

function statusQuery(status: string) {
  if (status === 'enabled') return { enabled: true }
  if (status === 'disabled') return { enabled: false }
  if (status === 'locked') return { locked: true }
  return {}
}

export default function UsersPage() {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const { params, update, reset } = useListParams(DEFAULTS)
  const [editing, setEditing] = useState<User | 'new' | null>(null)
  const [resetting, setResetting] = useState<User | null>(null)
  const [granting, setGranting] = useState<User | null>(null)
  const roles = useRoles(can(me, 'role:read'))

  const query = {
    page: params.page,
    pageSize: params.pageSize,
    keyword: params.keyword || undefined,
    departmentId: params.departmentId,
    roleId: params.roleId,
    sort: params.sort || undefined,
    ...statusQuery(params.status),
  }
  const list = useQuery({
    queryKey: ['users', query],
    queryFn: () => get<Page<User>>('/api/users', query),
    placeholderData: keepPreviousData,
  })
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] })

  async function act(fn: () => Promise<unknown>, ok: string) {
    try {
      await fn()
      message.success(ok)
      await refresh()
    } catch (e) {
      message.error(errorMessage(e))
      await refresh()
    }
  }

  const manage = can(me, 'user:manage')
  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'username'),
      width: 130,
      fixed: 'left',
    },
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'displayName'),
      width: 100,
    },
    { title: t('users.department'), dataIndex: 'departmentName', width: 160, ellipsis: true },
    { title: t('users.title_'), dataIndex: 'title', width: 140, ellipsis: true, responsive: ['lg'] },
    { title: t('users.phone'), dataIndex: 'phone', width: 120, responsive: ['md'] },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 160,
      render: (rs: User['roles']) =>
        rs.map((r) => (
          <Tag key={r.id} color={r.triad ? 'volcano' : 'blue'}>
            {r.name}
          </Tag>
        )),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 120,
      render: (_, u) => (
        <Space size={4} wrap>
          {!u.enabled ? (
            <Tag>{t('users.statusDisabled')}</Tag>
          ) : u.locked ? (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
              <Tag color="red">{t('users.locked')}</Tag>
            </Tooltip>
          ) : (
            <Tag color="green">{t('users.normal')}</Tag>
          )}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
          {u.totpEnabled && <Tag color="cyan">{t('users.totp')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrder(params.sort, 'lastLoginAt'),
      width: 150,
      render: formatDateTime,
      responsive: ['md'],
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, u) => (
        <Space size={0} wrap>
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t('common.edit')}
            </Button>
          )}
          {can(me, 'role:manage') && u.id !== me?.id && (
            <Button type="link" size="small" onClick={() => setGranting(u)}>
              {t('users.assignRoles')}
            </Button>
          )}
          {manage && (
            <Button type="link" size="small" onClick={() => setResetting(u)}>
              {t('users.resetPassword')}
            </Button>
          )}
          {can(me, 'security:manage') && u.locked && (
            <Button
              type="link"
              size="small"
              onClick={() => act(() => post(`/api/users/${u.id}/unlock`), t('users.unlocked'))}
            >
              {t('users.unlock')}
            </Button>
          )}
          {manage && u.id !== me?.id && (
            <Popconfirm
              title={t('common.confirmTitle')}
              description={
                u.enabled
                  ? t('users.confirmDisable', { name: u.displayName })
                  : t('users.confirmEnable', { name: u.displayName })
              }
              onConfirm={() =>
                act(
                  () =>
                    post(`/api/users/${u.id}/${u.enabled ? 'disable' : 'enable'}`, { version: u.version }),
                  t('common.saved'),
                )
              }
            >
              <Button type="link" size="small" danger={u.enabled}>
                {u.enabled ? t('common.disable') : t('common.enable')}
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
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <ExportButton path="/api/users/export.xlsx" query={query} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('users.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <FilterBar
          search={{
            value: params.keyword,
            placeholder: `${t('users.username')} / ${t('users.displayName')} / ${t('users.phone')}`,
            width: 260,
            onSearch: (keyword) => update({ keyword }),
          }}
          onReset={reset}
          onRefresh={refresh}
        >
          <DepartmentTreeSelect
            placeholder={t('users.department')}
            value={params.departmentId}
            onChange={(v) => update({ departmentId: v })}
            style={{ width: 220 }}
          />
          {can(me, 'role:read') && (
            <Select
              placeholder={t('users.filterRole')}
              allowClear
              style={{ width: 160 }}
              value={params.roleId}
              onChange={(v) => update({ roleId: v })}
              options={roles.data?.items.map((r) => ({ value: r.id, label: r.name }))}
            />
          )}
          <Select
            placeholder={t('users.filterStatus')}
            allowClear
            style={{ width: 120 }}
            value={params.status || undefined}
            onChange={(v) => update({ status: v ?? '' })}
            options={[
              { value: 'enabled', label: t('users.statusEnabled') },
              { value: 'disabled', label: t('users.statusDisabled') },
              { value: 'locked', label: t('users.statusLocked') },
            ]}
          />
        </FilterBar>
        <ListTable<User>
          query={list}
          params={params}
          update={update}
          sort={keepSort}
          empty={t('users.empty')}
          columns={columns}
          scroll={{ x: 1100 }}
        />
      </Card>
      {editing && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {resetting && (
        <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onSaved={refresh} />
      )}
      {granting && <AssignRolesModal user={granting} onClose={() => setGranting(null)} onSaved={refresh} />}
    </>
  )
}
