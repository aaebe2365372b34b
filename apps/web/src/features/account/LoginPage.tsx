import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { homePathOf, useAuth } from '../../auth';
import { describeError, errorReasonOf } from '../../errors';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const { t, language } = useI18n();
  const { login, user, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown once the server says this account has a second factor (the password was right).
  const [needsCode, setNeedsCode] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (user) return <Navigate to={from && from !== '/login' ? from : homePathOf(user)} replace />;

  const onFinish = async (values: { username: string; password: string; totpCode?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password, needsCode ? values.totpCode?.trim() : undefined);
      navigate(from && from !== '/login' ? from : homePathOf(signedIn), { replace: true });
    } catch (e) {
      const info = describeError(e, language);
      const reason = errorReasonOf(e);
      if (reason === 'TOTP_REQUIRED') {
        setNeedsCode(true);
        return;
      }
      // Wrong credentials come back as UNAUTHENTICATED: say it plainly rather than "please sign in"; a wrong code,
      // a throttled account or any other refusal says what the server said.
      setError(info.code === 'UNAUTHENTICATED' && !reason ? t('login.failed') : info.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#eef3f9', padding: 16 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 22, color: '#0b4f9c', marginTop: 8 }}>{t('app.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        <Typography.Title level={2} style={{ fontSize: 18 }}>{t('login.title')}</Typography.Title>
        {expired && !error && <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needsCode && (
            <>
              <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} data-testid="login-totp-prompt" />
              <Form.Item label={t('login.totpCode')} name="totpCode" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.totpRequired') }]}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus data-testid="login-totp" />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
      </Card>
    </main>
  );
}
