import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useAuth } from '../auth';
import { useI18n, type MessageKey } from '../i18n';
import { NotificationBell } from '../features/notifications/Notifications';
import { LanguageSwitch } from './LanguageSwitch';

interface MenuEntry {
  key: string;
  path: string;
  label: MessageKey;
  visible: boolean;
}

/** Side menu by role: the entries follow the permission table of @gdtx/domain (the API enforces the same). */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user, can, logout } = useAuth();
  const { t, roleLabel } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // antd's lg breakpoint (992 px): below it a tablet or a narrow window gets the drawer menu.
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  // Below antd's sm breakpoint (576 px), a phone: the header keeps the menu button, the bell and the name; the
  // header's actions (language, sign-out) move into the menu drawer, so nothing is wider than the screen.
  const phone = !(screens.sm ?? true);
  const [menuOpen, setMenuOpen] = useState(false);
  // Following a menu entry closes the drawer.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  if (!user) return null;
  const centreScoped = user.scope === 'centre';

  const entries: MenuEntry[] = [
    { key: 'home', path: '/home', label: 'menu.home', visible: centreScoped },
    { key: 'myCentre', path: `/centres/${user.centreId}`, label: 'menu.myCentre', visible: centreScoped && !!user.centreId },
    { key: 'dashboard', path: '/dashboard', label: 'menu.dashboard', visible: user.scope === 'province' && can('ANALYTICS_READ') },
    { key: 'area', path: '/area', label: 'menu.area', visible: (user.scope === 'unit' || user.scope === 'area') && can('REPORT_READ') },
    { key: 'visualizer', path: '/visualizer', label: 'menu.visualizer', visible: user.scope === 'province' && can('ANALYTICS_READ') },
    { key: 'centres', path: '/centres', label: 'menu.centres', visible: !centreScoped && can('CENTRE_READ') },
    { key: 'literacy', path: '/literacy', label: 'menu.literacy', visible: !centreScoped && can('LITERACY_READ') },
    { key: 'compliance', path: '/compliance', label: 'menu.compliance', visible: !centreScoped && can('COMPLIANCE_READ') },
    { key: 'units', path: '/units', label: 'menu.units', visible: !centreScoped && can('CENTRE_READ') },
    { key: 'map', path: '/map', label: 'menu.map', visible: user.scope === 'province' && can('ANALYTICS_READ') },
    { key: 'dataQuality', path: '/data-quality', label: 'menu.dataQuality', visible: user.scope === 'province' && can('ANALYTICS_READ') },
    { key: 'review', path: '/review', label: 'menu.reviewQueue', visible: can('REPORT_REVIEW') },
    { key: 'templates', path: '/templates', label: 'menu.templates', visible: can('TEMPLATE_MANAGE') },
    { key: 'deadlines', path: '/deadlines', label: 'menu.deadlines', visible: can('EXTENSION_GRANT') },
    { key: 'settingsLiteracy', path: '/settings/literacy', label: 'menu.settingsLiteracy', visible: user.scope === 'province' && can('TEMPLATE_MANAGE') },
    { key: 'settingsIndicators', path: '/settings/indicators', label: 'menu.settingsIndicators', visible: user.scope === 'province' && can('INDICATOR_MANAGE') },
    { key: 'notifications', path: '/notifications', label: 'menu.notifications', visible: can('NOTIFICATION_READ') },
    { key: 'users', path: '/users', label: 'menu.users', visible: can('USER_MANAGE') },
    { key: 'backgroundJobs', path: '/background-jobs', label: 'menu.backgroundJobs', visible: can('BACKGROUND_JOBS') },
    { key: 'accountSecurity', path: '/account/security', label: 'menu.accountSecurity', visible: true },
  ];
  const visible = entries.filter((e) => e.visible);
  const signOut = () => {
    // Leave the protected page first, so the login page is not told to come back to it for the next user.
    navigate('/login', { replace: true });
    void logout();
  };
  const selected = visible
    .filter((e) => location.pathname === e.path || location.pathname.startsWith(e.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const menu = (
    <nav aria-label={t('app.title')}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected.key] : []}
        items={visible.map((e) => ({ key: e.key, label: <Link to={e.path}>{t(e.label)}</Link> }))}
      />
    </nav>
  );
  const brand = (
    <div style={{ padding: '16px 16px 8px' }}>
      <Typography.Text strong style={{ color: '#0b4f9c', fontSize: 16 }}>{t('app.title')}</Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('app.subtitle')}</Typography.Text>
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">{t('app.skipToContent')}</a>
      {wide ? (
        <Layout.Sider width={232} theme="light" style={{ borderRight: '1px solid #e5e5e5', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          {brand}
          {menu}
        </Layout.Sider>
      ) : (
        // Tablets and narrow windows: the menu lives in a drawer opened from the header, the content keeps the width.
        <Drawer
          placement="left"
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          size={260}
          title={t('app.title')}
          styles={{ body: { padding: 0 } }}
        >
          <div data-testid="menu-drawer">{menu}</div>
          {phone && (
            <Space direction="vertical" size="middle" style={{ padding: 16 }} data-testid="drawer-actions">
              <LanguageSwitch />
              <Button onClick={signOut}>{t('app.logout')}</Button>
            </Space>
          )}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: wide ? '0 24px' : '0 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, borderBottom: '1px solid #e5e5e5' }}
        >
          {wide ? <span /> : (
            <Button aria-label={t('app.openMenu')} aria-expanded={menuOpen} onClick={() => setMenuOpen(true)} data-testid="menu-button">
              ☰{phone ? '' : ` ${t('app.menu')}`}
            </Button>
          )}
          <Space size={wide ? 'middle' : 'small'} style={{ minWidth: 0 }}>
            {can('NOTIFICATION_READ') && <NotificationBell />}
            <span data-testid="current-user" title={`${user.fullName} · ${roleLabel(user.role)}`} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', maxWidth: wide ? 560 : phone ? 120 : 300, verticalAlign: 'middle' }}>
              <Typography.Text strong>{user.fullName}</Typography.Text>
              {!phone && <Typography.Text type="secondary">{' '}· {roleLabel(user.role)}{wide && user.scopeName ? ` · ${user.scopeName}` : ''}</Typography.Text>}
            </span>
            {!phone && <LanguageSwitch />}
            {!phone && <Button onClick={signOut}>{t('app.logout')}</Button>}
          </Space>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: wide ? 24 : 12, outline: 'none', minWidth: 0 }}>
          {/* A scope that ended (the district office dissolved on 1 Jul 2025): read-only history until an admin reassigns the user. */}
          {user.scopeEndedOn && (
            <Alert
              type="warning"
              showIcon
              role="status"
              data-testid="scope-ended-banner"
              style={{ marginBottom: 16 }}
              message={t('app.scopeEnded.title', { scope: user.scopeName ?? '', date: user.scopeEndedOn.split('-').reverse().join('/') })}
              description={t('app.scopeEnded.body')}
            />
          )}
          {!user.scopeEndedOn && user.scope === 'area' && (
            <Alert type="info" showIcon data-testid="area-scope-banner" style={{ marginBottom: 16 }} message={t('app.areaScope', { scope: user.scopeName ?? '' })} />
          )}
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
