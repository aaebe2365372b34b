import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enGB from 'antd/locale/en_GB';
import type { Permission } from '@gdtx/domain';
import { createApolloClient } from './apollo';
import { AuthProvider, homePathOf, useAuth } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { CentresPage } from './pages/CentresPage';
import { CentrePage } from './pages/CentrePage';
// Charts and the report form are the heavy screens: loaded when first opened, not with the login page.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const LiteracyPage = lazy(() => import('./pages/LiteracyPage').then((m) => ({ default: m.LiteracyPage })));
const CompliancePage = lazy(() => import('./pages/CompliancePage').then((m) => ({ default: m.CompliancePage })));
const ReportFormPage = lazy(() => import('./pages/ReportFormPage').then((m) => ({ default: m.ReportFormPage })));
import { ReviewQueuePage } from './pages/ReviewQueuePage';
import { UsersPage } from './pages/UsersPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { TemplatePage } from './pages/TemplatePage';
import { PublishTemplatePage } from './pages/PublishTemplatePage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { UnitsPage } from './pages/UnitsPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { SettingsLiteracyPage } from './pages/SettingsLiteracyPage';

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
  const { user, restoring, can, signedOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (restoring) return <Spin fullscreen tip={t('app.loading')} />;
  if (!user) return <Navigate to="/login" replace state={signedOut ? null : { from: location.pathname + location.search }} />;
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

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <I18nProvider>
      <Themed>
        <ApolloProvider client={client}>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/" element={<RootRedirect />} />
                <Route path="/home" element={<RequireAuth permission="REPORT_READ"><HomePage /></RequireAuth>} />
                <Route path="/dashboard" element={<RequireAuth permission="ANALYTICS_READ"><DashboardPage /></RequireAuth>} />
                <Route path="/centres" element={<RequireAuth permission="CENTRE_READ"><CentresPage /></RequireAuth>} />
                <Route path="/centres/:id" element={<RequireAuth permission="CENTRE_READ"><CentrePage /></RequireAuth>} />
                <Route path="/literacy" element={<RequireAuth permission="LITERACY_READ"><LiteracyPage /></RequireAuth>} />
                <Route path="/compliance" element={<RequireAuth permission="COMPLIANCE_READ"><CompliancePage /></RequireAuth>} />
                <Route path="/units" element={<RequireAuth permission="CENTRE_READ"><UnitsPage /></RequireAuth>} />
                <Route path="/review" element={<RequireAuth permission="REPORT_REVIEW"><ReviewQueuePage /></RequireAuth>} />
                <Route path="/reports/:centreId/:templateCode/:periodCode" element={<RequireAuth permission="REPORT_READ"><ReportFormPage /></RequireAuth>} />
                <Route path="/submissions/:submissionId" element={<RequireAuth permission="REPORT_READ"><ReportFormPage /></RequireAuth>} />
                <Route path="/notifications" element={<RequireAuth permission="NOTIFICATION_READ"><NotificationsPage /></RequireAuth>} />
                <Route path="/users" element={<RequireAuth permission="USER_MANAGE"><UsersPage /></RequireAuth>} />
                <Route path="/templates" element={<RequireAuth permission="TEMPLATE_MANAGE"><TemplatesPage /></RequireAuth>} />
                <Route path="/templates/:code" element={<RequireAuth permission="TEMPLATE_MANAGE"><TemplatePage /></RequireAuth>} />
                <Route path="/templates/:code/publish" element={<RequireAuth permission="TEMPLATE_MANAGE"><PublishTemplatePage /></RequireAuth>} />
                <Route path="/deadlines" element={<RequireAuth permission="EXTENSION_GRANT"><DeadlinesPage /></RequireAuth>} />
                <Route path="/settings/literacy" element={<RequireAuth permission="TEMPLATE_MANAGE"><SettingsLiteracyPage /></RequireAuth>} />
                <Route path="*" element={<RootRedirect />} />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </ApolloProvider>
      </Themed>
    </I18nProvider>
  );
}
