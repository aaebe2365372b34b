import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, Space, Switch, Tag, Typography } from 'antd';
import { useAuth } from '../../auth';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { ErrorState } from '../../components/States';
import { ReportSubscriptionsCard } from './ReportSubscriptionsCard';
import {
  CONFIRM_TOTP_ENROLMENT, DISABLE_TOTP, MY_TOTP, PROVINCE_SECURITY, SET_TOTP_REQUIRED_FOR_ADMINS, START_TOTP_ENROLMENT,
} from '../../gql/security';

const CODE_RULE = /^\s*\d{6}\s*$/;

/**
 * "Bảo mật tài khoản" (issue 13, Build 6): one's own second factor — set up with a QR code and a first code, or
 * turned off with a current one — and, for the Sở's admins, the province's rule that its admins must use one.
 * An admin the rule waits on is sent here after signing in and can open nothing else until it is on.
 */
export function AccountSecurityPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const { user, can, totpEnrolmentRequired, setTotpEnrolmentRequired } = useAuth();
  const state = useQuery(MY_TOTP, { fetchPolicy: 'network-only' });
  const [start, { data: enrolment, loading: starting, reset: forgetEnrolment }] = useMutation(START_TOTP_ENROLMENT);
  const [confirm, { loading: confirming }] = useMutation(CONFIRM_TOTP_ENROLMENT);
  const [disable, { loading: disabling }] = useMutation(DISABLE_TOTP);
  const [error, setError] = useState<string | null>(null);
  const manages = can('USER_MANAGE') && !totpEnrolmentRequired;

  const fail = (e: unknown) => setError(describeError(e, language).message);

  const onStart = async () => {
    setError(null);
    try {
      await start();
    } catch (e) {
      fail(e);
    }
  };
  const onConfirm = async ({ code }: { code: string }) => {
    setError(null);
    try {
      await confirm({ variables: { code: code.trim() } });
      forgetEnrolment();
      setTotpEnrolmentRequired(false);
      message.success(t('security.turnedOn'));
      await state.refetch();
    } catch (e) {
      fail(e);
    }
  };
  const onDisable = async ({ code }: { code: string }) => {
    setError(null);
    try {
      await disable({ variables: { code: code.trim() } });
      message.success(t('security.turnedOff'));
      await state.refetch();
    } catch (e) {
      fail(e);
    }
  };

  if (state.error) return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
  const totp = state.data?.myTotp;
  const started = enrolment?.startTotpEnrolment;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('security.page')}</Typography.Title>
      {totpEnrolmentRequired && <Alert type="warning" showIcon title={t('security.requiredAlert')} data-testid="totp-required-alert" />}
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="security-error" />}
      <Card
        loading={state.loading && !totp}
        title={
          <Space wrap>
            {t('security.totp')}
            {totp && (
              // Dark text on the light tints (WCAG AA contrast; antd's preset green is too light).
              <Tag style={totp.enabled ? { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' } : { color: '#434343' }} data-testid="totp-status">
                {totp.enabled ? t('security.enabled') : t('security.disabled')}
              </Tag>
            )}
          </Space>
        }
      >
        <Typography.Paragraph>{t('security.totpExplain')}</Typography.Paragraph>
        {totp && !totp.enabled && !started && (
          <Button type="primary" onClick={() => void onStart()} loading={starting} data-testid="totp-start">{t('security.start')}</Button>
        )}
        {totp && !totp.enabled && started && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('security.scan')}</Typography.Paragraph>
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(started.qrSvg)}`}
              alt={t('security.qrAlt')}
              width={220}
              height={220}
              style={{ maxWidth: '100%', height: 'auto', background: '#fff', padding: 8, border: '1px solid #d9d9d9', borderRadius: 6 }}
            />
            <Typography.Text>{t('security.secret')}</Typography.Text>
            <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>{started.secret}</Typography.Text>
            <Form layout="vertical" onFinish={onConfirm} requiredMark={false} style={{ maxWidth: 320 }}>
              <Form.Item label={t('login.totpCode')} name="code" rules={[{ required: true, pattern: CODE_RULE, message: t('login.totpRequired') }]}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="totp-confirm-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={confirming} data-testid="totp-confirm">{t('security.confirm')}</Button>
            </Form>
          </Space>
        )}
        {totp?.enabled && (
          totp.requiredByProvince ? (
            <Alert type="info" showIcon title={t('security.requiredCannotTurnOff')} />
          ) : (
            <Form layout="vertical" onFinish={onDisable} requiredMark={false} style={{ maxWidth: 320 }}>
              <Form.Item label={t('security.codeToTurnOff')} name="code" rules={[{ required: true, pattern: CODE_RULE, message: t('login.totpRequired') }]}>
                <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="totp-disable-code" />
              </Form.Item>
              <Button danger htmlType="submit" loading={disabling} data-testid="totp-disable">{t('security.turnOff')}</Button>
            </Form>
          )
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('security.lostPhone')}</Typography.Paragraph>
      </Card>
      {manages && <ProvinceSecurityCard onError={fail} />}
      {user?.scope === 'province' && can('ANALYTICS_READ') && !totpEnrolmentRequired && <ReportSubscriptionsCard />}
    </Space>
  );
}

function ProvinceSecurityCard({ onError }: { onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const setting = useQuery(PROVINCE_SECURITY, { fetchPolicy: 'network-only' });
  const [save, { loading }] = useMutation(SET_TOTP_REQUIRED_FOR_ADMINS);
  // What the server answered to the last change, shown at once (the query refetches behind it).
  const [saved, setSaved] = useState<boolean | null>(null);
  const required = saved ?? setting.data?.provinceSecurity.totpRequiredForAdmins ?? false;
  return (
    <Card title={t('security.province')} loading={setting.loading && !setting.data}>
      <Space align="start">
        <Switch
          checked={required}
          loading={loading}
          aria-label={t('security.requireForAdmins')}
          data-testid="totp-require-admins"
          onChange={async (checked) => {
            try {
              const r = await save({ variables: { required: checked } });
              setSaved(r.data?.setTotpRequiredForAdmins.totpRequiredForAdmins ?? checked);
              message.success(t('security.requireSaved'));
              await setting.refetch();
            } catch (e) {
              onError(e);
            }
          }}
        />
        <Typography.Text>{t('security.requireForAdmins')}</Typography.Text>
      </Space>
    </Card>
  );
}
