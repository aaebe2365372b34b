import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Badge, Button, List, Space, Tag, Typography } from 'antd';
import type { NotificationItem } from '../../gql/insights';
import { MARK_ALL_NOTIFICATIONS_READ, MARK_NOTIFICATIONS_READ, NOTIFICATION_LIST, UNREAD_NOTIFICATION_COUNT } from '../../gql/misc';
import { describeError } from '../../errors';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState } from '../../components/States';

/** Every query showing notifications or their count: refetched after marking read, so the badge follows. */
const NOTIFICATION_QUERIES = ['UnreadNotificationCount', 'NotificationList', 'Notifications'];
const MARK_BATCH = 500;

/** Marks one, several or all unread notifications read, then refreshes every list and the header badge. */
export function useMarkNotificationsRead() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [mutate, { loading }] = useMutation(MARK_NOTIFICATIONS_READ, { refetchQueries: NOTIFICATION_QUERIES, awaitRefetchQueries: true });
  const markRead = async (ids: string[]) => {
    try {
      for (let i = 0; i < ids.length; i += MARK_BATCH) await mutate({ variables: { ids: ids.slice(i, i + MARK_BATCH) } });
      return true;
    } catch (e) {
      void message.error(describeError(e, language).message);
      return false;
    }
  };
  const [mutateAll, all] = useMutation(MARK_ALL_NOTIFICATIONS_READ, { refetchQueries: NOTIFICATION_QUERIES, awaitRefetchQueries: true });
  const markAllRead = async () => {
    try {
      const result = await mutateAll();
      if (result.data?.markAllNotificationsRead) void message.success(t('notifications.markedAll'));
    } catch (e) {
      void message.error(describeError(e, language).message);
    }
  };
  return { markRead, markAllRead, marking: loading || all.loading };
}

/** A bell (inline SVG: @ant-design/icons is not a direct dependency of the web app). */
function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="#1f1f1f" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/**
 * Header bell with the unread count (polled every minute, refreshed at once after marking read). cache-first: on a
 * page load the shell's `Me` document already brought the count, so the bell costs no request of its own.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const { data } = useQuery(UNREAD_NOTIFICATION_COUNT, { pollInterval: 60_000, fetchPolicy: 'cache-first' });
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <Link to="/notifications" aria-label={t('notifications.badge', { n: count })} data-testid="notification-bell" data-count={count} className="notification-bell">
      <Badge count={count} overflowCount={99} size="small" color="#cf1322">
        <BellIcon />
      </Badge>
    </Link>
  );
}

const kindColour: Record<string, string> = { DEADLINE_AHEAD: 'gold', REPORT_OVERDUE: 'red', REPORT_RETURNED: 'orange', REPORT_SUBMITTED: 'cyan', REPORT_ACCEPTED: 'green', LICENCE_EXPIRY: 'volcano', FINDING_OPENED: 'purple', LOGIN_THROTTLED: 'magenta', FACTS_REPAIRED: 'blue' };

/** Notifications as a list: unread in bold with a "Mới" tag and a "mark read" button; opening a link marks it read. */
export function NotificationList({ items, onMarkRead, marking }: { items: NotificationItem[]; onMarkRead(ids: string[]): void; marking: boolean }) {
  const { t, pick, formatDateTime } = useI18n();
  return (
    <List<NotificationItem>
      size="small"
      dataSource={items}
      locale={{ emptyText: <EmptyState text={t('notifications.empty')} /> }}
      renderItem={(n) => {
        // The server writes both languages (names of centres and units stay as written); older rows are Vietnamese only.
        const title = pick(n.titleVi, n.titleEn);
        const body = pick(n.bodyVi, n.bodyEn);
        return (
        <List.Item
          data-testid="notification-item"
          data-unread={n.readAt ? 'false' : 'true'}
          actions={n.readAt ? [] : [
            <Button key="read" size="small" loading={marking} onClick={() => onMarkRead([n.id])} aria-label={`${t('notifications.markRead')}: ${title}`}>
              {t('notifications.markRead')}
            </Button>,
          ]}
        >
          <div style={{ minWidth: 0 }}>
            <Space size={4} wrap>
              {!n.readAt && <Tag color="blue" style={{ color: '#1f1f1f' }}>{t('notifications.newTag')}</Tag>}
              <Tag color={kindColour[n.kind] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`notificationKind.${n.kind}` as MessageKey) || n.kind}</Tag>
              <strong style={{ fontWeight: n.readAt ? 400 : 600 }}>
                {n.link && n.link.startsWith('/') ? <Link to={n.link} onClick={() => !n.readAt && onMarkRead([n.id])} data-testid="notification-link">{title}</Link> : title}
              </strong>
            </Space>
            <div data-testid="notification-body">{body}</div>
            <Typography.Text type="secondary">
              {formatDateTime(n.createdAt)}{n.readAt ? ` · ${t('notifications.readAt', { time: formatDateTime(n.readAt) })}` : ''}
            </Typography.Text>
          </div>
        </List.Item>
        );
      }}
    />
  );
}

/** Unread / all switch kept by the caller; "load more" pages through the API's cursor. */
export function usePagedNotifications(unreadOnly: boolean, pageSize: number) {
  const query = useQuery(NOTIFICATION_LIST, { variables: { first: pageSize, unreadOnly }, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const page = query.data?.notifications;
  const loadMore = async () => {
    if (!page?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await query.fetchMore({
        variables: { after: page.pageInfo.endCursor },
      });
    } finally {
      setLoadingMore(false);
    }
  };
  return { ...query, page, loadMore, loadingMore };
}
