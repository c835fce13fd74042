import {
  AccountBookOutlined,
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  BulbOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  CompassOutlined,
  DashboardOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FireOutlined,
  FormOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  GiftOutlined,
  HomeOutlined,
  LoginOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  RobotOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UploadOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'
import { holds } from './api/auth'

export interface NavItem {
  key: string
  /** i18n key under nav. */
  label: string
  icon?: ReactNode
  path?: string
  /** shown only with this permission (or any of these) */
  permission?: string | readonly string[]
  /** hidden from users holding this permission (staff pages the enterprise portal replaces) */
  unless?: string
  children?: NavItem[]
}

/** The navigation; modules add their entries here. Items the user may not open are hidden. */
export const NAV: NavItem[] = [
  { key: 'home', label: 'nav.home', icon: <HomeOutlined />, path: '/' },
  {
    key: 'dashboard',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    path: '/dashboard',
    permission: 'project:read',
  },
  {
    key: 'portfolio',
    label: 'nav.portfolio',
    icon: <FundOutlined />,
    children: [
      {
        key: 'projects',
        label: 'nav.projects',
        icon: <ClusterOutlined />,
        path: '/projects',
        permission: 'project:read',
      },
      {
        key: 'pipeline',
        label: 'nav.pipeline',
        icon: <AimOutlined />,
        path: '/pipeline',
        permission: 'pipeline:read',
      },
      {
        key: 'enterprises',
        label: 'nav.enterprises',
        icon: <BankOutlined />,
        path: '/enterprises',
        permission: 'enterprise:read',
      },
      {
        key: 'import',
        label: 'nav.import',
        icon: <UploadOutlined />,
        path: '/projects/import',
        permission: 'project:import',
      },
    ],
  },
  {
    key: 'problemLoop',
    label: 'nav.problemLoop',
    icon: <AlertOutlined />,
    children: [
      {
        key: 'portal',
        label: 'nav.portal',
        icon: <MessageOutlined />,
        path: '/portal',
        permission: 'problem:report',
      },
      {
        key: 'problems',
        label: 'nav.problems',
        icon: <UnorderedListOutlined />,
        path: '/problems',
        permission: 'problem:read',
      },
      {
        key: 'threeLists',
        label: 'nav.threeLists',
        icon: <ProfileOutlined />,
        path: '/problems/lists',
        permission: 'problem:read',
      },
      {
        key: 'daily',
        label: 'nav.daily',
        icon: <DashboardOutlined />,
        path: '/supervision/daily',
        permission: 'supervision:read',
      },
      {
        key: 'figures',
        label: 'nav.figures',
        icon: <TrophyOutlined />,
        path: '/supervision/figures',
        permission: 'supervision:read',
      },
    ],
  },
  {
    key: 'rhythm',
    label: 'nav.rhythm',
    icon: <FundProjectionScreenOutlined />,
    children: [
      {
        key: 'cadence',
        label: 'nav.cadence',
        icon: <NotificationOutlined />,
        path: '/rhythm/cadence',
        permission: 'rhythm:read',
      },
      {
        key: 'campaigns',
        label: 'nav.campaigns',
        icon: <FireOutlined />,
        path: '/rhythm/campaigns',
        permission: 'rhythm:read',
      },
      {
        key: 'rankings',
        label: 'nav.rankings',
        icon: <TrophyOutlined />,
        path: '/rhythm/rankings',
        permission: 'rhythm:read',
      },
      {
        key: 'bulletins',
        label: 'nav.bulletins',
        icon: <FileTextOutlined />,
        path: '/rhythm/bulletins',
        permission: 'rhythm:read',
      },
    ],
  },
  {
    key: 'visitGroup',
    label: 'nav.visitGroup',
    icon: <CompassOutlined />,
    children: [
      {
        key: 'visitNew',
        label: 'nav.visitNew',
        icon: <FormOutlined />,
        path: '/visits/new',
        permission: 'visit:write',
      },
      {
        key: 'visits',
        label: 'nav.visits',
        icon: <EnvironmentOutlined />,
        path: '/visits',
        permission: 'visit:read',
      },
      {
        key: 'suggestions',
        label: 'nav.suggestions',
        icon: <CommentOutlined />,
        path: '/visits/suggestions',
        permission: 'visit:read',
      },
      {
        key: 'visitStats',
        label: 'nav.visitStats',
        icon: <PieChartOutlined />,
        path: '/visits/stats',
        permission: 'visit:read',
      },
    ],
  },
  {
    key: 'enterpriseService',
    label: 'nav.enterpriseService',
    icon: <GiftOutlined />,
    children: [
      {
        key: 'permits',
        label: 'nav.permits',
        icon: <SolutionOutlined />,
        path: '/permits',
        permission: 'service:read',
      },
      {
        key: 'policies',
        label: 'nav.policies',
        icon: <AccountBookOutlined />,
        path: '/policies',
        permission: 'policy:read',
        // enterprise accounts (policy:apply) have their own page below
        unless: 'policy:apply',
      },
      {
        key: 'portalPolicies',
        label: 'nav.portalPolicies',
        icon: <GiftOutlined />,
        path: '/portal/policies',
        permission: 'policy:apply',
      },
    ],
  },
  {
    key: 'reporting',
    label: 'nav.reporting',
    icon: <EditOutlined />,
    children: [
      {
        key: 'weekly',
        label: 'nav.weekly',
        icon: <CalendarOutlined />,
        path: '/reports/weekly',
        permission: 'project:report',
      },
      {
        key: 'monthly',
        label: 'nav.monthly',
        icon: <BarChartOutlined />,
        path: '/reports/monthly',
        permission: 'project:read',
      },
    ],
  },
  {
    key: 'system',
    label: 'nav.system',
    icon: <SettingOutlined />,
    children: [
      {
        key: 'departments',
        label: 'nav.departments',
        icon: <ApartmentOutlined />,
        path: '/system/departments',
        permission: 'org:read',
      },
      {
        key: 'users',
        label: 'nav.users',
        icon: <TeamOutlined />,
        path: '/system/users',
        permission: 'user:read',
      },
      {
        key: 'roles',
        label: 'nav.roles',
        icon: <UserSwitchOutlined />,
        path: '/system/roles',
        permission: 'role:read',
      },
      {
        key: 'dictionaries',
        label: 'nav.dictionaries',
        icon: <BookOutlined />,
        path: '/system/dictionaries',
        permission: 'dict:manage',
      },
      {
        key: 'security',
        label: 'nav.security',
        icon: <SafetyOutlined />,
        path: '/system/security',
        permission: 'security:manage',
      },
      {
        key: 'lightRules',
        label: 'nav.lightRules',
        icon: <BulbOutlined />,
        path: '/settings/lights',
        permission: 'portfolio:configure',
      },
      {
        key: 'deadlines',
        label: 'nav.deadlines',
        icon: <FieldTimeOutlined />,
        path: '/settings/deadlines',
        permission: 'portfolio:configure',
      },
      {
        key: 'calendar',
        label: 'nav.calendar',
        icon: <CalendarOutlined />,
        path: '/settings/calendar',
        permission: 'settings:manage',
      },
      {
        key: 'open311',
        label: 'nav.open311',
        icon: <ApiOutlined />,
        path: '/settings/open311',
        permission: 'settings:manage',
      },
      {
        key: 'email',
        label: 'nav.email',
        icon: <MailOutlined />,
        path: '/settings/email',
        permission: 'settings:manage',
      },
      {
        key: 'negativeList',
        label: 'nav.negativeList',
        icon: <StopOutlined />,
        path: '/settings/negative-list',
        permission: 'portfolio:configure',
      },
      {
        key: 'robots',
        label: 'nav.robots',
        icon: <RobotOutlined />,
        path: '/settings/robots',
        // the supervision office or the system administrator (robots.service checkManage)
        permission: ['portfolio:configure', 'settings:manage'],
      },
    ],
  },
  {
    key: 'audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    children: [
      {
        key: 'auditLog',
        label: 'nav.auditLog',
        icon: <AuditOutlined />,
        path: '/audit/operations',
        permission: 'audit:read',
      },
      {
        key: 'loginLog',
        label: 'nav.loginLog',
        icon: <LoginOutlined />,
        path: '/audit/logins',
        permission: 'loginlog:read',
      },
    ],
  },
  { key: 'profile', label: 'nav.profile', icon: <UserOutlined />, path: '/profile' },
]

export function visibleNav(items: NavItem[], permissions: string[]): NavItem[] {
  return items
    .map((i) => (i.children ? { ...i, children: visibleNav(i.children, permissions) } : i))
    .filter((i) => !i.unless || !permissions.includes(i.unless))
    .filter((i) => (i.children ? i.children.length > 0 : holds(permissions, i.permission)))
}
