import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Table } from 'antd';
import { findShippedTemplate } from '@gdtx/domain';
import { SUBMISSIONS, type SubmissionFilter, type SubmissionSummary } from '../gql/reporting';
import { useI18n } from '../i18n';
import { EmptyState, ErrorState, SubmissionStatusTag } from './States';

/** Submissions matching a filter (a centre's reports, or the review queue). */
export function SubmissionsTable({ filter, emptyText, showCentre, actionLabel }: {
  filter: SubmissionFilter;
  emptyText?: string;
  showCentre?: boolean;
  actionLabel?: string;
}) {
  const { t, pick, periodLabel, formatDate, formatDateTime } = useI18n();
  const { data, loading, error, refetch } = useQuery(SUBMISSIONS, { variables: { filter, first: 100 }, fetchPolicy: 'network-only' });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const templateName = (code: string) => {
    const template = findShippedTemplate(code);
    return template ? pick(template.nameVi, template.nameEn) : code;
  };
  return (
    <Table<SubmissionSummary>
      rowKey="id"
      size="middle"
      loading={loading && !data}
      dataSource={data?.submissions.nodes ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState text={emptyText} /> }}
      scroll={{ x: 900 }}
      columns={[
        ...(showCentre ? [{ title: t('col.centre'), key: 'centre', render: (_: unknown, s: SubmissionSummary) => <Link to={`/centres/${s.centreId}`}>{s.centreName}</Link> }] : []),
        { title: t('col.template'), key: 'template', render: (_: unknown, s: SubmissionSummary) => templateName(s.templateCode) },
        { title: t('col.period'), key: 'period', width: 220, render: (_: unknown, s: SubmissionSummary) => periodLabel(s.periodCode) },
        { title: t('col.status'), dataIndex: 'status', width: 140, render: (v: string) => <SubmissionStatusTag status={v} /> },
        { title: t('col.dueDate'), dataIndex: 'dueDate', width: 120, render: (v: string) => formatDate(v) },
        { title: t('col.submittedAt'), dataIndex: 'submittedAt', width: 160, render: (v: string | null) => formatDateTime(v) },
        {
          title: t('col.actions'), key: 'actions', width: 150,
          render: (_: unknown, s: SubmissionSummary) => (
            <Link to={`/submissions/${s.id}`}><Button size="small" type={actionLabel ? 'primary' : 'default'}>{actionLabel ?? t('home.open')}</Button></Link>
          ),
        },
      ]}
    />
  );
}
