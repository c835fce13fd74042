import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons'
import type { MenuProps } from 'antd'
import { App as AntApp, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Select, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { useAuthActions, useMe } from '../api/auth'
import { type Language, saveLanguage, setLanguage } from '../i18n'
import { NAV, type NavItem, visibleNav } from '../nav'

import { NotificationBell } from './NotificationBell'

const { Header, Sider, Content } = Layout

function toMenu(items: NavItem[], t: (k: string) => string): MenuProps['items'] {
  return items.map((i) =>
    i.children
      ? { key: i.key, icon: i.icon, label: t(i.label), children: toMenu(i.children, t) }
      : { key: i.path ?? i.key, icon: i.icon, label: t(i.label) },
  )
}

function selectedKey(pathname: string, items: NavItem[]): string {
  const paths = items.flatMap((i) => (i.children ? i.children : [i])).map((i) => i.path ?? '')
  return (
    paths
      .filter((p) => p && (p === '/' ? pathname === '/' : pathname.startsWith(p)))
      .sort((a, b) => b.length - a.length)[0] ?? '/'
  )
}

export function AppLayout() {
  const { t, i18n } = useTranslation()
  const { data: me } = useMe()
  const { logout } = useAuthActions()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const { message } = AntApp.useApp()
  const [drawer, setDrawer] = useState(false)
  const isPhone = !screens.md

  const nav = useMemo(() => visibleNav(NAV, me?.permissions ?? []), [me])
  const items = toMenu(nav, t)
  const current = selectedKey(location.pathname, nav)
  const openKeys = nav.filter((n) => n.children?.some((c) => c.path === current)).map((n) => n.key)

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={[current]}
      defaultOpenKeys={openKeys.length ? openKeys : nav.filter((n) => n.children).map((n) => n.key)}
      onClick={({ key }) => {
        navigate(String(key))
        setDrawer(false)
      }}
    />
  )

  const brand = (
    <Flex align="center" gap={8} style={{ height: 56, padding: '0 16px', color: '#fff' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <div style={{ lineHeight: 1.2 }}>
        <div style={{ fontSize: 18, fontWeight: 600 }}>{t('common.appName')}</div>
        <div style={{ fontSize: 11, opacity: 0.7 }}>{me?.zone?.name ?? t('common.appTitle')}</div>
      </div>
    </Flex>
  )

  const userMenu: MenuProps['items'] = [
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: t('common.profile'),
      onClick: () => navigate('/profile'),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('common.logout'),
      onClick: async () => {
        await logout()
        message.success(t('common.logout'))
        navigate('/login', { replace: true })
      },
    },
  ]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider
          width={220}
          breakpoint="lg"
          collapsedWidth={64}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {brand}
          {menu}
        </Sider>
      )}
      <Drawer
        open={isPhone && drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={260}
        styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
      >
        {brand}
        {menu}
      </Drawer>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: isPhone ? '0 8px' : '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: isPhone ? 4 : 12,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {isPhone && (
            <Button type="text" icon={<MenuOutlined />} aria-label="menu" onClick={() => setDrawer(true)} />
          )}
          <Typography.Text
            strong
            style={{ flex: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {isPhone ? t('common.appName') : t('common.appTitle')}
          </Typography.Text>
          <Select<Language>
            size="small"
            value={i18n.language as Language}
            aria-label={t('common.language')}
            style={{ width: isPhone ? 64 : 92 }}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: isPhone ? 'EN' : 'English' },
            ]}
            onChange={(lang) => {
              saveLanguage(lang)
              void setLanguage(lang)
            }}
          />
          <NotificationBell />
          <Dropdown menu={{ items: userMenu }} trigger={['click']}>
            <Button type="text" data-testid="user-menu" style={isPhone ? { paddingInline: 4 } : undefined}>
              <UserOutlined /> {me?.displayName} {!isPhone && <DownOutlined />}
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isPhone ? 12 : 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  )
}
