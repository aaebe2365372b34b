import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Skeleton, Tag } from 'antd';
import { daysBetween, todayInVietnam } from '@gdtx/domain';
import { describeError, isMissingApi } from '../errors';
import { useI18n, type MessageKey } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" aria-label={t('app.loading')}>
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, language } = useI18n();
  if (isMissingApi(error)) return <Alert type="info" showIcon title={t('app.notAvailable')} />;
  const info = describeError(error, language);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={info.message}
      action={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ text }: { text?: ReactNode }) {
  const { t } = useI18n();
  return <Empty description={text ?? t('app.empty')} />;
}

/** Shown for NOT_FOUND on a centre: the API does not say whether it exists elsewhere, nor does the page. */
export function CentreNotFound() {
  const { t } = useI18n();
  return <Result status="404" title={t('centre.notFoundOrForbidden')} data-testid="centre-not-found" />;
}

// Dark tag colours: antd's light presets fail AA contrast for small text, these pass on their tinted background.
const statusColour: Record<string, string> = {
  NOT_STARTED: 'default', DRAFT: 'processing', SUBMITTED: 'blue', RESUBMITTED: 'blue', RETURNED: 'orange', ACCEPTED: 'green', OVERDUE: 'red',
};

export function SubmissionStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status.${status}` as MessageKey;
  return <Tag color={statusColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(key) || status}</Tag>;
}

const licenceColour: Record<string, string> = { VALID: 'green', EXPIRING: 'gold', EXPIRED: 'red', MISSING: 'red' };

export function LicenceTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={licenceColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`licence.${status}` as MessageKey)}</Tag>;
}

const centreStatusColour: Record<string, string> = { ACTIVE: 'green', NOT_ENROLLING: 'gold', SUSPENDED: 'orange', DISSOLVED: 'default' };

export function CentreStatusTag({ status }: { status: string }) {
  const { centreStatusLabel } = useI18n();
  return <Tag color={centreStatusColour[status] ?? 'default'} style={{ color: '#1f1f1f' }}>{centreStatusLabel(status)}</Tag>;
}

/** "Còn 5 ngày" / "Quá hạn 3 ngày" relative to today in Vietnam. */
export function DaysLeft({ dueDate, done }: { dueDate: string; done?: boolean }) {
  const { t } = useI18n();
  if (done) return null;
  const today = todayInVietnam();
  const days = daysBetween(today, dueDate.slice(0, 10));
  if (days > 0) return <span style={{ color: days <= 3 ? '#ad4e00' : '#3f3f3f' }}>{t('home.daysLeft', { n: days })}</span>;
  if (days === 0) return <strong style={{ color: '#ad4e00' }}>{t('home.dueToday')}</strong>;
  return <strong style={{ color: '#a8071a' }}>{t('home.overdueBy', { n: -days })}</strong>;
}


// Dark text on antd's tinted tags passes AA contrast (as the other status tags of the app).
const LEVEL_COLOUR = ['red', 'gold', 'green'];

/** A literacy recognition level (Decree 20/2014): 0 not recognised, 1, 2. */
export function LevelTag({ level, large }: { level: number; large?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLOUR[level] ?? 'default'} data-testid="level-tag" style={{ color: '#1f1f1f', ...(large ? { fontSize: 16, padding: '4px 12px', lineHeight: '24px' } : {}) }}>
      {t(`literacy.level${level}` as MessageKey)}
    </Tag>
  );
}
