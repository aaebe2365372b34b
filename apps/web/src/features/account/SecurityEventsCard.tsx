import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Table, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { SECURITY_EVENTS } from '../../gql/security';
import { EmptyState, ErrorState } from '../../components/States';

type SecurityEventRow = { id: string; at: string; action: string; username?: string | null; actorName?: string | null; address?: string | null; role?: string | null; failures?: number | null };

/**
 * "Nhật ký đăng nhập và phân quyền" (issue 13, Build 6): the province's logins (right and wrong, from which address),
 * throttles, accounts created and changed, roles assigned and second-factor changes, newest first, 50 at a time.
 */
export function SecurityEventsCard() {
  const { t, formatDateTime, roleLabel } = useI18n();
  const [before, setBefore] = useState<string | null>(null);
  const events = useQuery(SECURITY_EVENTS, { variables: { first: 50, before }, fetchPolicy: 'cache-and-network' });
  const rows = (events.data?.securityEvents ?? []) as SecurityEventRow[];
  const label = (action: string) => {
    const key = `securityEvent.${action}` as MessageKey;
    const text = t(key);
    return text === key ? action : text;
  };
  const detail = (e: SecurityEventRow) =>
    [e.role ? roleLabel(e.role) : null, e.failures ? t('securityEvent.failures', { n: e.failures }) : null, e.actorName ? t('securityEvent.by', { name: e.actorName }) : null]
      .filter(Boolean)
      .join(' · ');
  return (
    <Card data-testid="security-events">
      <Typography.Paragraph type="secondary">{t('securityEvent.explain')}</Typography.Paragraph>
      {events.error ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table<SecurityEventRow>
            rowKey="id"
            size="small"
            loading={events.loading && !events.data}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <EmptyState /> }}
            scroll={{ x: 720 }}
            columns={[
              { title: t('securityEvent.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
              { title: t('securityEvent.action'), dataIndex: 'action', render: (v: string) => <span data-testid="security-event-action">{label(v)}</span> },
              { title: t('col.username'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
              { title: t('securityEvent.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
              { title: t('securityEvent.detail'), key: 'detail', render: (_, e) => detail(e) || '—' },
            ]}
          />
          <div style={{ marginTop: 12, display: 'flex', gap: 8 }}>
            {before && <Button onClick={() => setBefore(null)}>{t('securityEvent.newest')}</Button>}
            {rows.length === 50 && <Button onClick={() => setBefore(rows[rows.length - 1].id)}>{t('securityEvent.older')}</Button>}
          </div>
        </>
      )}
    </Card>
  );
}
