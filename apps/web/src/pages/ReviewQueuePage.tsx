import { Card, Typography } from 'antd';
import { useI18n } from '../i18n';
import { SubmissionsTable } from '../components/SubmissionsTable';

/** Submitted reports in the reviewer's scope (the API limits a supervisor to their area). */
export function ReviewQueuePage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('review.title')}</Typography.Title>
      <Card data-testid="review-queue">
        <SubmissionsTable bulkAccept filter={{ status: 'SUBMITTED' }} showCentre emptyText={t('review.empty')} actionLabel={t('review.open')} exportTitle={t('review.title')} exportSubtitle={`${t('col.status')}: ${t('status.SUBMITTED')}`} />
      </Card>
    </>
  );
}
