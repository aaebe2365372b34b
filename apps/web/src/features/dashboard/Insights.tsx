import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, List, Tag, Typography } from 'antd';
import { CENTRE_COMPLIANCE, type Finding } from '../../gql/insights';
import { NotificationList, useMarkNotificationsRead, usePagedNotifications } from '../notifications/Notifications';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, Loading } from '../../components/States';
import { SeverityTag } from '../compliance/shared';
import { isoDatesToVietnamese } from '../compliance/compliance';

const complianceColour: Record<string, string> = { COMPLIANT: 'green', AT_RISK: 'gold', NON_COMPLIANT: 'red' };

export function ComplianceTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={complianceColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`compliance.${status}` as MessageKey)}</Tag>;
}

/**
 * A centre's compliance status and open findings (compliance module). `cached`: the page has just asked for the
 * same fields in its own document (the centre home), so the card reads them from the cache, with no request.
 */
export function CentreComplianceCard({ centreId, cached = false }: { centreId: string; cached?: boolean }) {
  const { t, pick, formatDate } = useI18n();
  const { data, loading, error } = useQuery(CENTRE_COMPLIANCE, { variables: { centreId }, skip: !centreId, ...(cached ? { fetchPolicy: 'cache-first' as const } : {}) });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('compliance.title')}</h2>} data-testid="centre-compliance">
      {error ? (
        <Alert type="info" showIcon title={t('compliance.unavailable')} />
      ) : loading || !data ? (
        <Loading />
      ) : (
        <>
          <ComplianceTag status={data.centreCompliance.status} />{' '}
          <Typography.Text type="secondary">{t('compliance.asOf', { date: formatDate(data.centreCompliance.asOf) })}</Typography.Text>
          <List<Finding>
            size="small"
            style={{ marginTop: 8 }}
            dataSource={data.centreCompliance.openFindings}
            locale={{ emptyText: <EmptyState text={t('compliance.noFindings')} /> }}
            renderItem={(f) => (
              <List.Item data-testid="centre-finding">
                {/* What is wrong and how serious first (the rule in the user's language, the finding's own detail with
                    dd/mm/yyyy dates); the legal basis on demand (issue 16 item 6). */}
                <div>
                  <SeverityTag severity={f.severity} /> <strong>{t(`cw.rule.${f.ruleCode}` as MessageKey)}</strong>
                  <div>{pick(isoDatesToVietnamese(f.titleVi), f.titleEn)}</div>
                  <Typography.Text type="secondary">{t('cw.col.foundOn')}: {formatDate(f.foundOn)}</Typography.Text>
                  <details data-testid="legal-basis">
                    <summary style={{ cursor: 'pointer' }}>{t('cw.col.legalBasis')}</summary>
                    <Typography.Text type="secondary">{f.legalBasisVi}</Typography.Text>
                  </details>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** The signed-in user's latest notifications, with "mark read" per item and for all, and a link to the full list. */
export function NotificationsCard() {
  const { t } = useI18n();
  const { page, data, loading, error } = usePagedNotifications(false, 5);
  const { markRead, markAllRead, marking } = useMarkNotificationsRead();
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('notifications.title')}</h2>}
      extra={<Button size="small" disabled={!unread} loading={marking} onClick={() => void markAllRead()} data-testid="mark-all-read">{t('notifications.markAllRead')}</Button>}
      data-testid="notifications"
    >
      {error ? (
        <Alert type="info" showIcon title={t('app.notAvailable')} />
      ) : loading && !page ? (
        <Loading />
      ) : (
        <>
          <NotificationList items={page?.nodes ?? []} onMarkRead={(ids) => void markRead(ids)} marking={marking} />
          <Link to="/notifications">{t('notifications.viewAll')} →</Link>
        </>
      )}
    </Card>
  );
}
