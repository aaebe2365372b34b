import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { BACKGROUND_JOBS, RETRY_BACKGROUND_JOB, type BackgroundJobRow } from './jobs.documents';
import type { JobState } from '../../gql/__generated__/graphql';
import { JOB_STATE_COLOURS, jobLabelKey, splitJobName } from './backgroundJobs';
import { ErrorState } from '../../components/States';
import { describeError } from '../../errors';

const FILTERS = ['ALL', 'FAILED', 'ACTIVE', 'WAITING', 'COMPLETED'] as const;

/**
 * "Công việc nền": the background jobs of the signed-in admin's province (issue 13) — what each is, its state,
 * progress and attempts, why it failed, in Vietnamese — with a retry for a failed one. No global controls: the
 * queues are shared by every province, and pausing or cleaning them is the operator's, in Bull Board.
 */
export function BackgroundJobsPage() {
  const { t, language, formatDateTime, formatNumber } = useI18n();
  const tk = (key: string) => t(key as MessageKey);
  const { message } = App.useApp();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('ALL');
  const jobs = useQuery(BACKGROUND_JOBS, {
    variables: { filter: filter === 'ALL' ? { first: 100 } : { first: 100, state: filter as JobState } },
    fetchPolicy: 'cache-and-network',
    pollInterval: 5000,
  });
  const [retry, { loading: retrying }] = useMutation(RETRY_BACKGROUND_JOB);

  const label = (name: string) => {
    const key = jobLabelKey(name);
    const known = tk(key);
    if (known !== key) return known;
    const { topic, subscriber } = splitJobName(name);
    return subscriber ? `${topic} → ${subscriber}` : topic;
  };

  const onRetry = async (row: BackgroundJobRow) => {
    try {
      await retry({ variables: { jobId: row.jobId } });
      void message.success(t('jobs.retried'));
      await jobs.refetch();
    } catch (e) {
      void message.error(describeError(e, language).message);
    }
  };

  const rows = jobs.data?.backgroundJobs ?? [];
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('jobs.page')}</Typography.Title>
      <Card data-testid="background-jobs-page">
        <Typography.Paragraph type="secondary">{t('jobs.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <span id="jobs-filter">{t('jobs.show')}:</span>
          <Segmented<string>
            aria-labelledby="jobs-filter"
            value={filter}
            onChange={(v) => setFilter(v as (typeof FILTERS)[number])}
            options={FILTERS.map((f) => ({ value: f, label: tk(`jobs.filter.${f}`) }))}
          />
        </Space>
        {jobs.error && !jobs.data ? (
          <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <Table<BackgroundJobRow>
            rowKey="jobId"
            size="small"
            loading={jobs.loading && !jobs.data}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('jobs.empty') }}
            columns={[
              { title: t('jobs.col.name'), key: 'name', render: (_, r) => <span data-testid="job-name" title={r.name}>{label(r.name)}</span> },
              {
                title: t('jobs.col.state'), key: 'state',
                render: (_, r) => <Tag color={JOB_STATE_COLOURS[r.state] ?? 'default'} data-testid="job-state">{tk(`jobs.state.${r.state}`)}</Tag>,
              },
              { title: t('jobs.col.progress'), key: 'progress', render: (_, r) => (r.progress === null || r.progress === undefined ? '—' : <Progress percent={Math.round(r.progress)} size="small" style={{ minWidth: 100 }} aria-label={`${t('jobs.col.progress')}: ${label(r.name)}`} />) },
              { title: t('jobs.col.attempts'), key: 'attempts', render: (_, r) => (r.maxAttempts ? `${formatNumber(r.attemptsMade)}/${formatNumber(r.maxAttempts)}` : '—') },
              { title: t('jobs.col.queuedAt'), key: 'queuedAt', render: (_, r) => formatDateTime(r.queuedAt) },
              { title: t('jobs.col.finishedAt'), key: 'finishedAt', render: (_, r) => formatDateTime(r.finishedAt) },
              { title: t('jobs.col.reason'), key: 'reason', render: (_, r) => (r.failedReasonVi ? <span data-testid="job-reason" title={r.failedReasonEn ?? undefined}>{r.failedReasonVi}</span> : '—') },
              {
                title: t('jobs.col.actions'), key: 'actions',
                render: (_, r) => r.canRetry ? (
                  <Button size="small" loading={retrying} onClick={() => void onRetry(r)} data-testid="job-retry" aria-label={`${t('jobs.retry')}: ${label(r.name)}`}>
                    {t('jobs.retry')}
                  </Button>
                ) : null,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
