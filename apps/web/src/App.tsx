import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enGB from 'antd/locale/en_GB';
import { LEGACY_ROUTES, legacyRedirect, WEB_ROUTES, type LegacyRouteKey, type Permission, type WebRouteKey } from '@gdtx/domain';
import { createApolloClient } from './apollo';
import { AuthProvider, homePathOf, useAuth } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './features/account/LoginPage';
import { HomePage } from './features/dashboard/HomePage';
import { AreaPage } from './features/area/AreaPage';
import { CentresPage } from './features/centres/CentresPage';
import { CentrePage } from './features/centres/CentrePage';
// Charts and the report form are the heavy screens: loaded when first opened, not with the login page.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const VisualizerPage = lazy(() => import('./features/visualizer/VisualizerPage').then((m) => ({ default: m.VisualizerPage })));
const LiteracyPage = lazy(() => import('./features/literacy/LiteracyPage').then((m) => ({ default: m.LiteracyPage })));
const CompliancePage = lazy(() => import('./features/compliance/CompliancePage').then((m) => ({ default: m.CompliancePage })));
const ReportFormPage = lazy(() => import('./features/reports/ReportFormPage').then((m) => ({ default: m.ReportFormPage })));
import { ReviewQueuePage } from './features/reports/ReviewQueuePage';
import { UsersPage } from './features/users/UsersPage';
import { TemplatesPage } from './features/templates/TemplatesPage';
import { TemplatePage } from './features/templates/TemplatePage';
import { PublishTemplatePage } from './features/templates/PublishTemplatePage';
import { DeadlinesPage } from './features/templates/DeadlinesPage';
import { UnitsPage } from './features/units/UnitsPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { SettingsLiteracyPage } from './features/settings/SettingsLiteracyPage';
import { IndicatorsPage } from './features/indicators/IndicatorsPage';
import { DataQualityPage } from './features/quality/DataQualityPage';
import { MapPage } from './features/map/MapPage';
import { BackgroundJobsPage } from './features/jobs/BackgroundJobsPage';
import { AccountSecurityPage } from './features/account/AccountSecurityPage';

/** Colours chosen for WCAG AA contrast on white (the default antd blue is slightly too light for small text). */
const theme = {
  token: {
    colorPrimary: '#0b4f9c',
    colorLink: '#0b4f9c',
    colorTextSecondary: '#434343',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorError: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#135200',
    fontSize: 14,
    borderRadius: 6,
  },
};

function Themed({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'vi' ? viVN : enGB} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function RequireAuth({ children, permission }: { children: ReactNode; permission?: Permission }) {
  const { user, restoring, can, signedOut, totpEnrolmentRequired } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (restoring) return <Spin fullscreen tip={t('app.loading')} />;
  if (!user) return <Navigate to="/login" replace state={signedOut ? null : { from: location.pathname + location.search }} />;
  // The Sở requires a second factor for this admin: the account security page first (the API refuses the rest).
  if (totpEnrolmentRequired && location.pathname !== WEB_ROUTES.accountSecurity.path) return <Navigate to={WEB_ROUTES.accountSecurity.path} replace />;
  if (permission && !can(permission)) return <Navigate to={homePathOf(user)} replace />;
  return (
    <AppLayout>
      <Suspense fallback={<Spin tip={t('app.loading')}><div style={{ minHeight: 200 }} /></Spin>}>{children}</Suspense>
    </AppLayout>
  );
}

function RootRedirect() {
  const { user, restoring } = useAuth();
  if (restoring) return <Spin fullscreen />;
  return <Navigate to={user ? homePathOf(user) : '/login'} replace />;
}

/**
 * Every page of the shared route table (@gdtx/domain's WEB_ROUTES): the Record type makes a route without a page,
 * or a page without a route, a compile error, so the router and the links the server writes cannot drift apart.
 */
const PAGES: Record<WebRouteKey, ReactNode> = {
  login: <LoginPage />,
  home: <HomePage />,
  dashboard: <DashboardPage />,
  area: <AreaPage />,
  visualizer: <VisualizerPage />,
  centres: <CentresPage />,
  centre: <CentrePage />,
  literacy: <LiteracyPage />,
  compliance: <CompliancePage />,
  units: <UnitsPage />,
  review: <ReviewQueuePage />,
  reportForm: <ReportFormPage />,
  submission: <ReportFormPage />,
  notifications: <NotificationsPage />,
  users: <UsersPage />,
  templates: <TemplatesPage />,
  template: <TemplatePage />,
  publishTemplate: <PublishTemplatePage />,
  deadlines: <DeadlinesPage />,
  settingsLiteracy: <SettingsLiteracyPage />,
  settingsIndicators: <IndicatorsPage />,
  backgroundJobs: <BackgroundJobsPage />,
  dataQuality: <DataQualityPage />,
  map: <MapPage />,
  accountSecurity: <AccountSecurityPage />,
};

/** A saved link to a page that moved (notifications and e-mails sent before issue 11): on to its new page. */
function LegacyRedirect({ route }: { route: LegacyRouteKey }) {
  const params = useParams();
  const { user, restoring } = useAuth();
  const location = useLocation();
  if (restoring) return <Spin fullscreen />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Navigate to={legacyRedirect(route, params, { centreId: user.centreId ?? null }) ?? homePathOf(user)} replace />;
}

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <I18nProvider>
      <Themed>
        <ApolloProvider client={client}>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                {(Object.keys(PAGES) as WebRouteKey[]).map((key) => {
                  const route: { path: string; permission?: Permission } = WEB_ROUTES[key];
                  const page = PAGES[key];
                  return <Route key={key} path={route.path} element={key === 'login' ? page : <RequireAuth permission={route.permission}>{page}</RequireAuth>} />;
                })}
                {(Object.keys(LEGACY_ROUTES) as LegacyRouteKey[]).map((key) => (
                  <Route key={key} path={LEGACY_ROUTES[key].path} element={<LegacyRedirect route={key} />} />
                ))}
                <Route path="/" element={<RootRedirect />} />
                <Route path="*" element={<RootRedirect />} />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </ApolloProvider>
      </Themed>
    </I18nProvider>
  );
}
