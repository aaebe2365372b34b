import { useMutation, useQuery } from '@apollo/client/react';
import { App, Card, Space, Switch, Typography } from 'antd';
import { describeError } from '../../errors';
import { MY_REPORT_SUBSCRIPTIONS, SET_REPORT_SUBSCRIPTION } from '../settings/documentSettings.documents';
import { useI18n } from '../../i18n';

const FREQUENCIES = ['WEEKLY', 'MONTHLY'] as const;

/**
 * "Thư báo cáo định kỳ" (issue 15 item 6): a Sở user turns the weekly or monthly summary mail (with its PDF) on or
 * off, and sees when the last one went out. Shown to province-scope users only (the summary is the Sở's).
 */
export function ReportSubscriptionsCard() {
  const { t, language, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const list = useQuery(MY_REPORT_SUBSCRIPTIONS, { fetchPolicy: 'cache-and-network' });
  const [save, { loading }] = useMutation(SET_REPORT_SUBSCRIPTION, { refetchQueries: [MY_REPORT_SUBSCRIPTIONS] });
  const rows = list.data?.myReportSubscriptions ?? [];
  return (
    <Card title={t('subscriptions.title')} loading={list.loading && !list.data} data-testid="report-subscriptions">
      <Typography.Paragraph type="secondary">{t('subscriptions.help')}</Typography.Paragraph>
      <Space direction="vertical" size="middle">
        {FREQUENCIES.map((frequency) => {
          const row = rows.find((r) => r.frequency === frequency);
          const on = !!row?.active;
          return (
            <Space key={frequency} align="start" wrap>
              <Switch
                checked={on}
                loading={loading}
                aria-label={t(`subscriptions.${frequency}`)}
                data-testid={`subscription-${frequency}`}
                onChange={async (active) => {
                  try {
                    await save({ variables: { frequency, active } });
                    message.success(t(active ? 'subscriptions.on' : 'subscriptions.off', { what: t(`subscriptions.${frequency}`).toLowerCase() }));
                  } catch (e) {
                    message.error(describeError(e, language).message);
                  }
                }}
              />
              <div>
                <Typography.Text strong>{t(`subscriptions.${frequency}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary" data-testid={`subscription-${frequency}-last`}>
                  {!row?.lastDeliveryStatus
                    ? t('subscriptions.never')
                    : row.lastDeliveryStatus === 'SENT'
                      ? t('subscriptions.lastSent', { period: row.lastDeliveryPeriod ?? '', at: formatDateTime(row.lastSentAt) })
                      : t(row.lastDeliveryStatus === 'FAILED' ? 'subscriptions.last.FAILED' : 'subscriptions.last.SENDING', { period: row.lastDeliveryPeriod ?? '' })}
                </Typography.Text>
              </div>
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
