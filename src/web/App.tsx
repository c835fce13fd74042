import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, ConfigProvider, Result } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router'
import { ME_KEY } from './api/auth'
import { ApiError, onAuthLost } from './api/client'
import { AppLayout } from './components/AppLayout'
import { RequireAuth, RequirePermission } from './components/RequireAuth'
import { ChangePasswordPage } from './pages/auth/ChangePasswordPage'
import { LoginPage } from './pages/auth/LoginPage'
import { HomePage } from './pages/home/HomePage'

const DepartmentsPage = lazy(() => import('./pages/org/DepartmentsPage'))
const UsersPage = lazy(() => import('./pages/users/UsersPage'))
const RolesPage = lazy(() => import('./pages/roles/RolesPage'))
const DictionariesPage = lazy(() => import('./pages/dicts/DictionariesPage'))
const SecurityPolicyPage = lazy(() => import('./pages/settings/SecurityPolicyPage'))
const AuditLogPage = lazy(() => import('./pages/audit/AuditLogPage'))
const LoginLogPage = lazy(() => import('./pages/audit/LoginLogPage'))
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage'))
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage'))
const ProjectPage = lazy(() => import('./pages/projects/ProjectPage'))
const ImportPage = lazy(() => import('./pages/projects/ImportPage'))
const PipelinePage = lazy(() => import('./pages/pipeline/PipelinePage'))
const EnterprisesPage = lazy(() => import('./pages/enterprises/EnterprisesPage'))
const EnterprisePage = lazy(() => import('./pages/enterprises/EnterprisePage'))
const WeeklyPage = lazy(() => import('./pages/reports/WeeklyPage'))
const MonthlyPage = lazy(() => import('./pages/reports/MonthlyPage'))
const LightRulesPage = lazy(() => import('./pages/settings/LightRulesPage'))
const NegativeListPage = lazy(() => import('./pages/settings/NegativeListPage'))
const PortalPage = lazy(() => import('./pages/portal/PortalPage'))
const PortalNewPage = lazy(() => import('./pages/portal/PortalNewPage'))
const PortalProblemPage = lazy(() => import('./pages/portal/PortalProblemPage'))
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage'))
const NewProblemPage = lazy(() => import('./pages/problems/NewProblemPage'))
const ProblemPage = lazy(() => import('./pages/problems/ProblemPage'))
const ThreeListsPage = lazy(() => import('./pages/problems/ThreeListsPage'))
const DailyBoardPage = lazy(() => import('./pages/supervision/DailyBoardPage'))
const FiguresPage = lazy(() => import('./pages/supervision/FiguresPage'))
const DeadlinesPage = lazy(() => import('./pages/settings/DeadlinesPage'))
const CalendarPage = lazy(() => import('./pages/settings/CalendarPage'))
const Open311KeysPage = lazy(() => import('./pages/settings/Open311KeysPage'))
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'))
const RobotsPage = lazy(() => import('./pages/settings/RobotsPage'))
const EmailSettingsPage = lazy(() => import('./pages/settings/EmailSettingsPage'))
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'))
const RankingsPage = lazy(() => import('./pages/rhythm/RankingsPage'))
const ScorecardSettingsPage = lazy(() => import('./pages/rhythm/ScorecardSettingsPage'))
const VisitsPage = lazy(() => import('./pages/visits/VisitsPage'))
const PermitsOverviewPage = lazy(() => import('./pages/services/PermitsOverviewPage'))
const NewVisitPage = lazy(() => import('./pages/visits/NewVisitPage'))
const VisitPage = lazy(() => import('./pages/visits/VisitPage'))
const SuggestionsPage = lazy(() => import('./pages/visits/SuggestionsPage'))
const VisitStatsPage = lazy(() => import('./pages/visits/VisitStatsPage'))
const CampaignsPage = lazy(() => import('./pages/campaigns/CampaignsPage'))
const CampaignFormPage = lazy(() => import('./pages/campaigns/CampaignFormPage'))
const CampaignPage = lazy(() => import('./pages/campaigns/CampaignPage'))
const BulletinsPage = lazy(() => import('./pages/bulletins/BulletinsPage'))
const BulletinPage = lazy(() => import('./pages/bulletins/BulletinPage'))
const CadencePage = lazy(() => import('./pages/rhythm/CadencePage'))

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
})

/** When any request finds the session gone (idle timeout), go back to sign-in and say why. */
function AuthWatcher() {
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { t } = useTranslation()
  useEffect(
    () =>
      onAuthLost((err) => {
        qc.setQueryData(ME_KEY, null)
        navigate('/login', {
          replace: true,
          state: {
            notice: err.code === 'SESSION_EXPIRED' ? t('common.sessionExpired') : err.message,
            from: window.location.pathname,
          },
        })
      }),
    [navigate, qc, t],
  )
  return null
}

function NotFound() {
  const { t } = useTranslation()
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}

const guarded = (permission: string, page: React.ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
)

export function App() {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1d5fb4', borderRadius: 6 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthWatcher />
            <Suspense fallback={null}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/change-password" element={<ChangePasswordPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="system/departments" element={guarded('org:read', <DepartmentsPage />)} />
                  <Route path="system/users" element={guarded('user:read', <UsersPage />)} />
                  <Route path="system/roles" element={guarded('role:read', <RolesPage />)} />
                  <Route path="system/dictionaries" element={guarded('dict:manage', <DictionariesPage />)} />
                  <Route
                    path="system/security"
                    element={guarded('security:manage', <SecurityPolicyPage />)}
                  />
                  <Route path="audit/operations" element={guarded('audit:read', <AuditLogPage />)} />
                  <Route path="audit/logins" element={guarded('loginlog:read', <LoginLogPage />)} />
                  <Route path="profile" element={<ProfilePage />} />
                  <Route path="projects" element={guarded('project:read', <ProjectsPage />)} />
                  <Route path="projects/import" element={guarded('project:import', <ImportPage />)} />
                  <Route path="projects/:id" element={guarded('project:read', <ProjectPage />)} />
                  <Route path="pipeline" element={guarded('pipeline:read', <PipelinePage />)} />
                  <Route path="enterprises" element={guarded('enterprise:read', <EnterprisesPage />)} />
                  <Route path="enterprises/:id" element={guarded('enterprise:read', <EnterprisePage />)} />
                  <Route path="reports/weekly" element={guarded('project:report', <WeeklyPage />)} />
                  <Route path="reports/monthly" element={guarded('project:read', <MonthlyPage />)} />
                  <Route
                    path="settings/lights"
                    element={guarded('portfolio:configure', <LightRulesPage />)}
                  />
                  <Route path="portal" element={guarded('problem:report', <PortalPage />)} />
                  <Route path="portal/new" element={guarded('problem:report', <PortalNewPage />)} />
                  <Route path="portal/:id" element={guarded('problem:report', <PortalProblemPage />)} />
                  <Route path="problems" element={guarded('problem:read', <ProblemsPage />)} />
                  <Route path="problems/new" element={guarded('problem:report', <NewProblemPage />)} />
                  <Route path="problems/lists" element={guarded('problem:read', <ThreeListsPage />)} />
                  <Route path="problems/:id" element={guarded('problem:read', <ProblemPage />)} />
                  <Route path="supervision/daily" element={guarded('supervision:read', <DailyBoardPage />)} />
                  <Route path="supervision/figures" element={guarded('supervision:read', <FiguresPage />)} />
                  <Route path="rhythm/rankings" element={guarded('rhythm:read', <RankingsPage />)} />
                  <Route
                    path="rhythm/rankings/settings"
                    element={guarded('scorecard:manage', <ScorecardSettingsPage />)}
                  />
                  <Route path="visits" element={guarded('visit:read', <VisitsPage />)} />
                  <Route path="permits" element={guarded('service:read', <PermitsOverviewPage />)} />
                  <Route path="visits/new" element={guarded('visit:write', <NewVisitPage />)} />
                  <Route path="visits/suggestions" element={guarded('visit:read', <SuggestionsPage />)} />
                  <Route path="visits/stats" element={guarded('visit:read', <VisitStatsPage />)} />
                  <Route path="rhythm/cadence" element={guarded('rhythm:read', <CadencePage />)} />
                  <Route path="visits/:id" element={guarded('visit:read', <VisitPage />)} />
                  <Route path="rhythm/campaigns" element={guarded('rhythm:read', <CampaignsPage />)} />
                  <Route
                    path="rhythm/campaigns/new"
                    element={guarded('campaign:manage', <CampaignFormPage />)}
                  />
                  <Route path="rhythm/campaigns/:id" element={guarded('rhythm:read', <CampaignPage />)} />
                  <Route
                    path="rhythm/campaigns/:id/edit"
                    element={guarded('campaign:manage', <CampaignFormPage />)}
                  />
                  <Route path="rhythm/bulletins" element={guarded('rhythm:read', <BulletinsPage />)} />
                  <Route path="rhythm/bulletins/:id" element={guarded('rhythm:read', <BulletinPage />)} />
                  <Route
                    path="settings/deadlines"
                    element={guarded('portfolio:configure', <DeadlinesPage />)}
                  />
                  <Route path="settings/calendar" element={guarded('settings:manage', <CalendarPage />)} />
                  <Route path="settings/open311" element={guarded('settings:manage', <Open311KeysPage />)} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route path="dashboard" element={guarded('project:read', <DashboardPage />)} />
                  <Route path="settings/robots" element={guarded('portfolio:configure', <RobotsPage />)} />
                  <Route path="settings/email" element={guarded('settings:manage', <EmailSettingsPage />)} />
                  <Route
                    path="settings/negative-list"
                    element={guarded('portfolio:configure', <NegativeListPage />)}
                  />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}
