import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import type { Language } from '@gdtx/domain';
import { useAuth } from '../auth';
import { useI18n, type MessageKey } from '../i18n';
import { NotificationBell } from './Notifications';

interface MenuEntry {
  key: string;
  path: string;
  label: MessageKey;
  visible: boolean;
}

/** Side menu by role: the entries follow the permission table of @gdtx/domain (the API enforces the same). */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user, can, logout } = useAuth();
  const { t, language, setLanguage, roleLabel } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return null;
  const centreScoped = user.scope === 'centre';

  const entries: MenuEntry[] = [
    { key: 'home', path: '/home', label: 'menu.home', visible: centreScoped },
    { key: 'myCentre', path: `/centres/${user.centreId}`, label: 'menu.myCentre', visible: centreScoped && !!user.centreId },
    { key: 'dashboard', path: '/dashboard', label: 'menu.dashboard', visible: user.scope === 'province' && can('ANALYTICS_READ') },
    { key: 'centres', path: '/centres', label: 'menu.centres', visible: !centreScoped && can('CENTRE_READ') },
    { key: 'review', path: '/review', label: 'menu.reviewQueue', visible: can('REPORT_REVIEW') },
    { key: 'notifications', path: '/notifications', label: 'menu.notifications', visible: can('NOTIFICATION_READ') },
    { key: 'users', path: '/users', label: 'menu.users', visible: can('USER_MANAGE') },
  ];
  const visible = entries.filter((e) => e.visible);
  const selected = visible
    .filter((e) => location.pathname === e.path || location.pathname.startsWith(e.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">{t('app.skipToContent')}</a>
      <Layout.Sider width={232} breakpoint="lg" collapsedWidth={0} theme="light" style={{ borderRight: '1px solid #e5e5e5', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <div style={{ padding: '16px 16px 8px' }}>
          <Typography.Text strong style={{ color: '#0b4f9c', fontSize: 16 }}>{t('app.title')}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('app.subtitle')}</Typography.Text>
        </div>
        <nav aria-label={t('app.title')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected.key] : []}
            items={visible.map((e) => ({ key: e.key, label: <Link to={e.path}>{t(e.label)}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #e5e5e5' }}>
          <Space size="middle" wrap>
            {can('NOTIFICATION_READ') && <NotificationBell />}
            <span data-testid="current-user">
              <Typography.Text strong>{user.fullName}</Typography.Text>{' '}
              <Typography.Text type="secondary">· {roleLabel(user.role)}{user.scopeName ? ` · ${user.scopeName}` : ''}</Typography.Text>
            </span>
            <Segmented<Language>
              aria-label={t('app.language')}
              size="small"
              value={language}
              onChange={(v) => setLanguage(v)}
              options={[{ label: 'VI', value: 'vi' }, { label: 'EN', value: 'en' }]}
            />
            <Button
              onClick={() => {
                // Leave the protected page first, so the login page is not told to come back to it for the next user.
                navigate('/login', { replace: true });
                void logout();
              }}
            >
              {t('app.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: 24, outline: 'none' }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
