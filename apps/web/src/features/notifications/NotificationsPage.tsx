import { useSearchParams } from 'react-router-dom';
import { Button, Card, Segmented, Space, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { NotificationList, useMarkNotificationsRead, usePagedNotifications } from './Notifications';
import { ErrorState, Loading } from '../../components/States';

const PAGE_SIZE = 20;

/** Every notification of the signed-in user, newest first; unread only with ?unread=1 (kept in the URL). */
export function NotificationsPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const { page, data, loading, error, refetch, loadMore, loadingMore } = usePagedNotifications(unreadOnly, PAGE_SIZE);
  const { markRead, markAllRead, marking } = useMarkNotificationsRead();
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('notifications.page')}</Typography.Title>
      <Card data-testid="notifications-page">
        <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span id="notifications-show">{t('notifications.show')}:</span>
            <Segmented<string>
              aria-labelledby="notifications-show"
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
              options={[{ label: t('notifications.all'), value: 'all' }, { label: `${t('notifications.unread')} (${formatNumber(unread)})`, value: 'unread' }]}
            />
          </Space>
          <Button type="primary" disabled={!unread} loading={marking} onClick={() => void markAllRead()} data-testid="mark-all-read">
            {t('notifications.markAllRead')}
          </Button>
        </Space>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : !page && loading ? (
          <Loading />
        ) : (
          <>
            <Typography.Paragraph data-testid="notifications-total">
              {page ? t('notifications.total', { n: formatNumber(page.totalCount), unread: formatNumber(unread) }) : '\u00a0'}
            </Typography.Paragraph>
            <NotificationList items={page?.nodes ?? []} onMarkRead={(ids) => void markRead(ids)} marking={marking} />
            {page?.pageInfo.hasNextPage && (
              <Button style={{ marginTop: 12 }} loading={loadingMore} onClick={() => void loadMore()}>
                {t('notifications.loadMore')} ({formatNumber(page.nodes.length)}/{formatNumber(page.totalCount)})
              </Button>
            )}
          </>
        )}
      </Card>
    </>
  );
}
