import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Table } from 'antd';
import { findShippedTemplate } from '@gdtx/domain';
import { SUBMISSIONS, type SubmissionFilter, type SubmissionSummary } from '../gql/reporting';
import { useI18n } from '../i18n';
import { EmptyState, ErrorState, SubmissionStatusTag } from './States';
import { ExportButton } from './ExportButton';

/** Submissions matching a filter (a centre's reports, or the review queue). */
export function SubmissionsTable({ filter, emptyText, showCentre, actionLabel, exportTitle, exportSubtitle }: {
  filter: SubmissionFilter;
  emptyText?: string;
  showCentre?: boolean;
  actionLabel?: string;
  /** Title of the Excel export (the button is shown when given). */
  exportTitle?: string;
  exportSubtitle?: string;
}) {
  const { t, pick, periodLabel, formatDate, formatDateTime } = useI18n();
  const { data, loading, error, refetch } = useQuery(SUBMISSIONS, { variables: { filter, first: 100 }, fetchPolicy: 'network-only' });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const templateName = (code: string) => {
    const template = findShippedTemplate(code);
    return template ? pick(template.nameVi, template.nameEn) : code;
  };
  const rows = data?.submissions.nodes ?? [];
  return (
    <>
    {exportTitle && (
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <ExportButton<SubmissionSummary>
          title={exportTitle}
          subtitle={exportSubtitle}
          rows={rows}
          testId="export-submissions"
          columns={[
            ...(showCentre ? [{ header: t('col.code'), value: (s: SubmissionSummary) => s.centreCode }, { header: t('col.centre'), value: (s: SubmissionSummary) => s.centreName }] : []),
            { header: t('col.template'), value: (s) => templateName(s.templateCode) },
            { header: t('col.period'), value: (s) => periodLabel(s.periodCode) },
            { header: t('col.status'), value: (s) => t(`status.${s.status}`) },
            { header: t('col.version'), value: (s) => s.version, kind: 'number' },
            { header: t('col.dueDate'), value: (s) => s.dueDate, kind: 'date' },
            { header: t('col.submittedAt'), value: (s) => s.submittedAt, kind: 'datetime' },
          ]}
        />
      </div>
    )}
    <Table<SubmissionSummary>
      rowKey="id"
      size="middle"
      loading={loading && !data}
      dataSource={rows}
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
    </>
  );
}
