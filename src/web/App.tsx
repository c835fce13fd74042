import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, ConfigProvider } from 'antd'
import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router'
import { ME_KEY } from './api/auth'
import { ApiError, onAuthLost } from './api/client'
import { RequireAuth, RequirePermission } from './components/RequireAuth'
import { StatusResult } from './components/StatusResult'
import { allTexts, antdLocale } from './i18n'
import { LoginPage } from './pages/auth/LoginPage'

// The signed-in shell (menu, header, bell) and the home page load while the session is checked:
// the first load carries only what the sign-in page needs.
const loadShell = () => import('./components/AppLayout')
const loadHome = () => import('./pages/home/HomePage')
if (!window.location.pathname.startsWith('/login')) {
  void loadShell()
  if (window.location.pathname === '/') void loadHome()
}
/** A lazily loaded page: its chunk and every area's texts, fetched in parallel. */
function page(load: () => Promise<{ default: React.ComponentType }>) {
  return lazy(() => Promise.all([load(), allTexts]).then(([m]) => m))
}

const AppLayout = page(() => loadShell().then((m) => ({ default: m.AppLayout })))
const HomePage = page(() => loadHome().then((m) => ({ default: m.HomePage })))
const ChangePasswordPage = lazy(() =>
  import('./pages/auth/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
)
const DepartmentsPage = page(() => import('./pages/org/DepartmentsPage'))
const UsersPage = page(() => import('./pages/users/UsersPage'))
const RolesPage = page(() => import('./pages/roles/RolesPage'))
const DictionariesPage = page(() => import('./pages/dicts/DictionariesPage'))
const SecurityPolicyPage = page(() => import('./pages/settings/SecurityPolicyPage'))
const AuditLogPage = page(() => import('./pages/audit/AuditLogPage'))
const LoginLogPage = page(() => import('./pages/audit/LoginLogPage'))
const ProfilePage = page(() => import('./pages/profile/ProfilePage'))
const ProjectsPage = page(() => import('./pages/projects/ProjectsPage'))
const ProjectPage = page(() => import('./pages/projects/ProjectPage'))
const ImportPage = page(() => import('./pages/projects/ImportPage'))
const PipelinePage = page(() => import('./pages/pipeline/PipelinePage'))
const EnterprisesPage = page(() => import('./pages/enterprises/EnterprisesPage'))
const EnterprisePage = page(() => import('./pages/enterprises/EnterprisePage'))
const WeeklyPage = page(() => import('./pages/reports/WeeklyPage'))
const MonthlyPage = page(() => import('./pages/reports/MonthlyPage'))
const LightRulesPage = page(() => import('./pages/settings/LightRulesPage'))
const NegativeListPage = page(() => import('./pages/settings/NegativeListPage'))
const PortalPage = page(() => import('./pages/portal/PortalPage'))
const PortalNewPage = page(() => import('./pages/portal/PortalNewPage'))
const PortalProblemPage = page(() => import('./pages/portal/PortalProblemPage'))
const ProblemsPage = page(() => import('./pages/problems/ProblemsPage'))
const NewProblemPage = page(() => import('./pages/problems/NewProblemPage'))
const ProblemPage = page(() => import('./pages/problems/ProblemPage'))
const ThreeListsPage = page(() => import('./pages/problems/ThreeListsPage'))
const DailyBoardPage = page(() => import('./pages/supervision/DailyBoardPage'))
const FiguresPage = page(() => import('./pages/supervision/FiguresPage'))
const DeadlinesPage = page(() => import('./pages/settings/DeadlinesPage'))
const CalendarPage = page(() => import('./pages/settings/CalendarPage'))
const Open311KeysPage = page(() => import('./pages/settings/Open311KeysPage'))
const NotificationsPage = page(() => import('./pages/notifications/NotificationsPage'))
const RobotsPage = page(() => import('./pages/settings/RobotsPage'))
const EmailSettingsPage = page(() => import('./pages/settings/EmailSettingsPage'))
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage'))
const RankingsPage = page(() => import('./pages/rhythm/RankingsPage'))
const ScorecardSettingsPage = page(() => import('./pages/rhythm/ScorecardSettingsPage'))
const VisitsPage = page(() => import('./pages/visits/VisitsPage'))
const NewVisitPage = page(() => import('./pages/visits/NewVisitPage'))
const VisitPage = page(() => import('./pages/visits/VisitPage'))
const SuggestionsPage = page(() => import('./pages/visits/SuggestionsPage'))
const VisitStatsPage = page(() => import('./pages/visits/VisitStatsPage'))
const CampaignsPage = page(() => import('./pages/campaigns/CampaignsPage'))
const CampaignFormPage = page(() => import('./pages/campaigns/CampaignFormPage'))
const CampaignPage = page(() => import('./pages/campaigns/CampaignPage'))
const BulletinsPage = page(() => import('./pages/bulletins/BulletinsPage'))
const BulletinPage = page(() => import('./pages/bulletins/BulletinPage'))
const CadencePage = page(() => import('./pages/rhythm/CadencePage'))

const PoliciesPage = page(() => import('./pages/policies/PoliciesPage'))
const PortalPoliciesPage = page(() => import('./pages/portal/PortalPoliciesPage'))
const PortalPolicyPage = page(() => import('./pages/portal/PortalPolicyPage'))
const PortalApplicationPage = page(() => import('./pages/portal/PortalApplicationPage'))
const PermitsOverviewPage = page(() => import('./pages/services/PermitsOverviewPage'))
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
    <StatusResult
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

const guarded = (permission: string | readonly string[], page: React.ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
)

export function App() {
  useTranslation() // re-render on a language change
  return (
    <ConfigProvider locale={antdLocale()} theme={{ token: { colorPrimary: '#1d5fb4', borderRadius: 6 } }}>
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
                  <Route path="permits" element={guarded('service:read', <PermitsOverviewPage />)} />
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
                  <Route path="policies" element={guarded('policy:read', <PoliciesPage />)} />
                  <Route path="portal/policies" element={guarded('policy:apply', <PortalPoliciesPage />)} />
                  <Route path="portal/policies/:id" element={guarded('policy:apply', <PortalPolicyPage />)} />
                  <Route
                    path="portal/policy-applications/:id"
                    element={guarded('policy:apply', <PortalApplicationPage />)}
                  />
                  <Route path="dashboard" element={guarded('project:read', <DashboardPage />)} />
                  <Route
                    path="settings/robots"
                    element={guarded(['portfolio:configure', 'settings:manage'], <RobotsPage />)}
                  />
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
