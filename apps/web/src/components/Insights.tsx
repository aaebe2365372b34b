import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Card, List, Tag, Typography } from 'antd';
import { CENTRE_COMPLIANCE, NOTIFICATIONS, type Finding } from '../gql/insights';
import { useI18n, type MessageKey } from '../i18n';
import { EmptyState, Loading } from './States';

const complianceColour: Record<string, string> = { COMPLIANT: 'green', AT_RISK: 'gold', NON_COMPLIANT: 'red' };

export function ComplianceTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={complianceColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`compliance.${status}` as MessageKey)}</Tag>;
}

/** A centre's compliance status and open findings (compliance module). */
export function CentreComplianceCard({ centreId }: { centreId: string }) {
  const { t, formatDate } = useI18n();
  const { data, loading, error } = useQuery(CENTRE_COMPLIANCE, { variables: { centreId }, skip: !centreId });
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
              <List.Item>
                <div>
                  <strong>{f.titleVi}</strong>
                  <div><Typography.Text type="secondary">{f.legalBasisVi} · {formatDate(f.foundOn)}</Typography.Text></div>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** The signed-in user's latest notifications (deadline reminders, returns, acceptances). */
export function NotificationsCard() {
  const { t, formatDateTime } = useI18n();
  const { data, loading, error } = useQuery(NOTIFICATIONS, { variables: { first: 5 }, fetchPolicy: 'network-only' });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('notifications.title')}</h2>} data-testid="notifications">
      {error ? (
        <Alert type="info" showIcon title={t('app.notAvailable')} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <List
          size="small"
          dataSource={data?.notifications.nodes ?? []}
          locale={{ emptyText: <EmptyState text={t('notifications.empty')} /> }}
          renderItem={(n) => (
            <List.Item>
              <div>
                <strong style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.link && n.link.startsWith('/') ? <Link to={n.link}>{n.titleVi}</Link> : n.titleVi}</strong>
                <div>{n.bodyVi}</div>
                <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

