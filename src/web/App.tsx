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
function page<T>(load: () => Promise<T>, pick: (m: T) => React.ComponentType) {
  return lazy(() => Promise.all([load(), allTexts]).then(([m]) => ({ default: pick(m) })))
}

const AppLayout = page(loadShell, (m) => m.AppLayout)
const HomePage = page(loadHome, (m) => m.HomePage)
const ChangePasswordPage = lazy(() =>
  import('./pages/auth/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
)
const DepartmentsPage = page(
  () => import('./pages/org/DepartmentsPage'),
  (m) => m.default,
)
const UsersPage = page(
  () => import('./pages/users/UsersPage'),
  (m) => m.default,
)
const RolesPage = page(
  () => import('./pages/roles/RolesPage'),
  (m) => m.default,
)
const DictionariesPage = page(
  () => import('./pages/dicts/DictionariesPage'),
  (m) => m.default,
)
const SecurityPolicyPage = page(
  () => import('./pages/settings/SecurityPolicyPage'),
  (m) => m.default,
)
const AuditLogPage = page(
  () => import('./pages/audit/AuditLogPage'),
  (m) => m.default,
)
const LoginLogPage = page(
  () => import('./pages/audit/LoginLogPage'),
  (m) => m.default,
)
const ProfilePage = page(
  () => import('./pages/profile/ProfilePage'),
  (m) => m.default,
)
const ProjectsPage = page(
  () => import('./pages/projects/ProjectsPage'),
  (m) => m.default,
)
const ProjectPage = page(
  () => import('./pages/projects/ProjectPage'),
  (m) => m.default,
)
const ImportPage = page(
  () => import('./pages/projects/ImportPage'),
  (m) => m.default,
)
const PipelinePage = page(
  () => import('./pages/pipeline/PipelinePage'),
  (m) => m.default,
)
const EnterprisesPage = page(
  () => import('./pages/enterprises/EnterprisesPage'),
  (m) => m.default,
)
const EnterprisePage = page(
  () => import('./pages/enterprises/EnterprisePage'),
  (m) => m.default,
)
const WeeklyPage = page(
  () => import('./pages/reports/WeeklyPage'),
  (m) => m.default,
)
const MonthlyPage = page(
  () => import('./pages/reports/MonthlyPage'),
  (m) => m.default,
)
const LightRulesPage = page(
  () => import('./pages/settings/LightRulesPage'),
  (m) => m.default,
)
const NegativeListPage = page(
  () => import('./pages/settings/NegativeListPage'),
  (m) => m.default,
)
const PortalPage = page(
  () => import('./pages/portal/PortalPage'),
  (m) => m.default,
)
const PortalNewPage = page(
  () => import('./pages/portal/PortalNewPage'),
  (m) => m.default,
)
const PortalProblemPage = page(
  () => import('./pages/portal/PortalProblemPage'),
  (m) => m.default,
)
const ProblemsPage = page(
  () => import('./pages/problems/ProblemsPage'),
  (m) => m.default,
)
const NewProblemPage = page(
  () => import('./pages/problems/NewProblemPage'),
  (m) => m.default,
)
const ProblemPage = page(
  () => import('./pages/problems/ProblemPage'),
  (m) => m.default,
)
const ThreeListsPage = page(
  () => import('./pages/problems/ThreeListsPage'),
  (m) => m.default,
)
const DailyBoardPage = page(
  () => import('./pages/supervision/DailyBoardPage'),
  (m) => m.default,
)
const FiguresPage = page(
  () => import('./pages/supervision/FiguresPage'),
  (m) => m.default,
)
const DeadlinesPage = page(
  () => import('./pages/settings/DeadlinesPage'),
  (m) => m.default,
)
const CalendarPage = page(
  () => import('./pages/settings/CalendarPage'),
  (m) => m.default,
)
const Open311KeysPage = page(
  () => import('./pages/settings/Open311KeysPage'),
  (m) => m.default,
)
const NotificationsPage = page(
  () => import('./pages/notifications/NotificationsPage'),
  (m) => m.default,
)
const RobotsPage = page(
  () => import('./pages/settings/RobotsPage'),
  (m) => m.default,
)
const EmailSettingsPage = page(
  () => import('./pages/settings/EmailSettingsPage'),
  (m) => m.default,
)
const DashboardPage = page(
  () => import('./pages/dashboard/DashboardPage'),
  (m) => m.default,
)
const RankingsPage = page(
  () => import('./pages/rhythm/RankingsPage'),
  (m) => m.default,
)
const ScorecardSettingsPage = page(
  () => import('./pages/rhythm/ScorecardSettingsPage'),
  (m) => m.default,
)
const VisitsPage = page(
  () => import('./pages/visits/VisitsPage'),
  (m) => m.default,
)
const NewVisitPage = page(
  () => import('./pages/visits/NewVisitPage'),
  (m) => m.default,
)
const VisitPage = page(
  () => import('./pages/visits/VisitPage'),
  (m) => m.default,
)
const SuggestionsPage = page(
  () => import('./pages/visits/SuggestionsPage'),
  (m) => m.default,
)
const VisitStatsPage = page(
  () => import('./pages/visits/VisitStatsPage'),
  (m) => m.default,
)
const CampaignsPage = page(
  () => import('./pages/campaigns/CampaignsPage'),
  (m) => m.default,
)
const CampaignFormPage = page(
  () => import('./pages/campaigns/CampaignFormPage'),
  (m) => m.default,
)
const CampaignPage = page(
  () => import('./pages/campaigns/CampaignPage'),
  (m) => m.default,
)
const BulletinsPage = page(
  () => import('./pages/bulletins/BulletinsPage'),
  (m) => m.default,
)
const BulletinPage = page(
  () => import('./pages/bulletins/BulletinPage'),
  (m) => m.default,
)
const CadencePage = page(
  () => import('./pages/rhythm/CadencePage'),
  (m) => m.default,
)

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
