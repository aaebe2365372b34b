import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Popconfirm, Table, Tag } from 'antd';
import { findShippedTemplate } from '@gdtx/domain';
import { ACCEPT_SUBMISSIONS, SUBMISSIONS, type SubmissionFilter, type SubmissionSummary } from '../../gql/reporting';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { EmptyState, ErrorState, SubmissionStatusTag } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';

/** Whole days since the report was (last) submitted, on this device's clock. */
function waitingDays(s: SubmissionSummary): number {
  return s.submittedAt ? Math.max(0, Math.floor((Date.now() - new Date(s.submittedAt).getTime()) / 86_400_000)) : 0;
}

/** Lateness by the calendar's rule (the server's `lateness`): of the last submission, else of a submission today. */
export function LatenessTag({ s }: { s: SubmissionSummary }) {
  const { t } = useI18n();
  const days = s.lateness.lastSubmissionDaysLate ?? (s.status === 'DRAFT' || s.status === 'RETURNED' ? s.lateness.daysLateIfSubmittedToday : 0);
  if (s.lateness.lastSubmissionDaysLate === null && days === 0) return null;
  return days > 0
    // Colours chosen for contrast (WCAG AA) rather than antd's preset tags.
    ? <Tag data-testid="late-tag" style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('late.days', { n: days })}</Tag>
    : <Tag style={{ color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }}>{t('late.onTime')}</Tag>;
}

/** Errors weigh more than any number of warnings: sorting puts the reports a reviewer must read closely last. */
const checkWeight = (s: SubmissionSummary) => (s.checks ? s.checks.errors * 10_000 + s.checks.unexplainedWarnings * 100 + s.checks.warnings : 0);

/** The shared engine's verdict on the current values: errors, then warnings (how many are not yet explained). */
export function ChecksTag({ s }: { s: SubmissionSummary }) {
  const { t } = useI18n();
  if (!s.checks) return null;
  const { errors, warnings, unexplainedWarnings } = s.checks;
  return (
    <span data-testid="checks" data-errors={errors} data-warnings={warnings} data-unexplained={unexplainedWarnings}>
      {errors > 0 && <Tag style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('review.errors', { n: errors })}</Tag>}
      {warnings > 0
        ? <Tag style={{ color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' }}>{unexplainedWarnings ? t('review.warningsUnexplained', { n: warnings, u: unexplainedWarnings }) : t('review.warnings', { n: warnings })}</Tag>
        : errors === 0 && <Tag style={{ color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }}>{t('review.clean')}</Tag>}
    </span>
  );
}

/** Submissions matching a filter (a centre's reports, or the review queue; `bulkAccept`: reviewers select and accept). */
export function SubmissionsTable({ filter, emptyText, showCentre, actionLabel, exportTitle, exportSubtitle, bulkAccept, waiting }: {
  bulkAccept?: boolean;
  /** The review queue: how long each report has waited since it was submitted (sortable). */
  waiting?: boolean;
  filter: SubmissionFilter;
  emptyText?: string;
  showCentre?: boolean;
  actionLabel?: string;
  /** Title of the Excel export (the button is shown when given). */
  exportTitle?: string;
  exportSubtitle?: string;
}) {
  const { t, pick, language, periodLabel, formatDate, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(SUBMISSIONS, { variables: { filter, first: 100, withChecks: !!waiting }, fetchPolicy: 'network-only' });
  const [selected, setSelected] = useState<string[]>([]);
  const [accepting, setAccepting] = useState(false);
  const [refused, setRefused] = useState<{ id: string; label: string; message: string }[]>([]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const templateName = (code: string) => {
    const template = findShippedTemplate(code);
    return template ? pick(template.nameVi, template.nameEn) : code;
  };
  const rows: SubmissionSummary[] = data?.submissions.nodes ?? [];
  const acceptSelected = async () => {
    const items = rows.filter((r) => selected.includes(r.id)).map((r) => ({ id: r.id, expectedVersion: r.version }));
    setAccepting(true);
    try {
      const result = await client.mutate({ mutation: ACCEPT_SUBMISSIONS, variables: { items } });
      const outcome = result.data!.acceptSubmissions;
      const byId = new Map(rows.map((r) => [r.id, r]));
      setRefused(outcome.refused.map((x) => {
        const r = byId.get(x.id);
        return { id: x.id, label: r ? `${r.centreName} · ${templateName(r.templateCode)} · ${periodLabel(r.periodCode)}` : x.id, message: pick(x.messageVi, x.messageEn) };
      }));
      message.success(t('review.bulkDone', { accepted: outcome.accepted.length, refused: outcome.refused.length }));
      setSelected([]);
      await refetch();
    } catch (e) {
      message.error(describeError(e, language).message);
    } finally {
      setAccepting(false);
    }
  };
  return (
    <>
    {bulkAccept && (
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        <Popconfirm
          title={t('review.bulkConfirm', { n: selected.length })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => void acceptSelected()}
          disabled={selected.length === 0}
          okButtonProps={{ 'data-testid': 'confirm-bulk-accept' } as Record<string, string>}
        >
          <Button type="primary" disabled={selected.length === 0} loading={accepting} data-testid="bulk-accept">
            {t('review.bulkAccept', { n: selected.length })}
          </Button>
        </Popconfirm>
      </div>
    )}
    {refused.length > 0 && (
      <Alert
        type="warning"
        showIcon
        closable
        onClose={() => setRefused([])}
        data-testid="bulk-refused"
        title={t('review.bulkRefused')}
        description={<ul style={{ margin: 0, paddingLeft: 18 }}>{refused.map((r) => <li key={r.id}><Link to={`/submissions/${r.id}`}>{r.label}</Link>: {r.message}</li>)}</ul>}
        style={{ marginBottom: 8 }}
      />
    )}
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
            { header: t('col.daysLate'), value: (s) => s.lateness.lastSubmissionDaysLate ?? null, kind: 'number' },
            ...(waiting ? [
              { header: t('review.col.errors'), value: (s: SubmissionSummary) => s.checks?.errors ?? null, kind: 'number' as const },
              { header: t('review.col.warnings'), value: (s: SubmissionSummary) => s.checks?.warnings ?? null, kind: 'number' as const },
            ] : []),
          ]}
        />
      </div>
    )}
    <div style={bulkAccept ? { overflowX: 'auto' } : undefined} className={bulkAccept ? 'table-frame' : undefined}>
    <Table<SubmissionSummary>
      rowKey="id"
      rowSelection={bulkAccept ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (s) => ({ 'aria-label': `${s.centreName} ${periodLabel(s.periodCode)}` } as object) } : undefined}
      size="middle"
      loading={loading && !data}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <EmptyState text={emptyText} /> }}
      // With row selection antd's own horizontal scroll adds a hidden measuring row holding the checkboxes (axe:
      // aria-hidden-focus); the frame around the table scrolls instead.
      scroll={bulkAccept ? undefined : { x: 900 }}
      columns={[
        ...(showCentre ? [{ title: t('col.centre'), key: 'centre', width: 220, render: (_: unknown, s: SubmissionSummary) => <Link to={`/centres/${s.centreId}`}>{s.centreName}</Link> }] : []),
        { title: t('col.template'), key: 'template', width: 240, render: (_: unknown, s: SubmissionSummary) => templateName(s.templateCode) },
        { title: t('col.period'), key: 'period', width: 220, render: (_: unknown, s: SubmissionSummary) => periodLabel(s.periodCode) },
        { title: t('col.status'), dataIndex: 'status', width: 140, render: (v: string) => <SubmissionStatusTag status={v} /> },
        { title: t('col.dueDate'), dataIndex: 'dueDate', width: 120, render: (v: string) => formatDate(v) },
        { title: t('col.submittedAt'), dataIndex: 'submittedAt', width: 160, render: (v: string | null) => formatDateTime(v) },
        ...(waiting ? [{
          title: t('col.waiting'), key: 'waiting', width: 120,
          sorter: (a: SubmissionSummary, b: SubmissionSummary) => waitingDays(a) - waitingDays(b),
          render: (_: unknown, s: SubmissionSummary) => <span data-testid="waiting-days">{t('review.waitingDays', { n: waitingDays(s) })}</span>,
        }] : []),
        { title: t('col.lateness'), key: 'lateness', width: 130, render: (_: unknown, s: SubmissionSummary) => <LatenessTag s={s} /> },
        ...(waiting ? [{
          title: t('col.checks'), key: 'checks', width: 170,
          sorter: (a: SubmissionSummary, b: SubmissionSummary) => checkWeight(a) - checkWeight(b),
          render: (_: unknown, s: SubmissionSummary) => <ChecksTag s={s} />,
        }] : []),
        {
          title: t('col.actions'), key: 'actions', width: 150,
          render: (_: unknown, s: SubmissionSummary) => (
            <Link to={`/submissions/${s.id}`}><Button size="small" type={actionLabel ? 'primary' : 'default'}>{actionLabel ?? t('home.open')}</Button></Link>
          ),
        },
      ]}
    />
    </div>
    </>
  );
}
