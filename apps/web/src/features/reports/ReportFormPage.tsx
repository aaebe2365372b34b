import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Grid, Input, Modal, Popconfirm, Row, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  findShippedTemplate,
  hasErrors,
  issuesToFieldMap,
  transitionFor,
  unexplainedWarnings,
  validateValues,
  type FieldValue,
  type TemplateDefinition,
  type ValueMap,
} from '@gdtx/domain';
import { useAuth } from '../../auth';
import { describeError, errorReasonOf } from '../../errors';
import {
  asSubmissionDetail,
  ACCEPT_SUBMISSION,
  REPORT_TEMPLATE,
  RETURN_SUBMISSION,
  SAVE_SUBMISSION_DRAFT,
  SUBMISSION,
  SUBMISSIONS,
  SUBMIT_SUBMISSION,
  type SubmissionDetail,
} from '../../gql/reporting';
import { useI18n, type MessageKey } from '../../i18n';
import { ErrorState, Loading, SubmissionStatusTag, DaysLeft } from '../../components/States';
import { IssueSummary, ReportFields, SectionNav, inputIdOf } from './ReportFields';
import { ValueChecksPanel } from '../quality/ValueChecksPanel';
import { SubmittedReportView } from './SubmittedReportView';
import { SubmissionHistory } from './SubmissionHistory';
import { ExcelPanel } from './ExcelPanel';
import { OfficialDocumentButtons } from '../../components/OfficialDocumentButtons';
import { officialDocumentUrls } from '../../officialDocuments';
import { isConnectionError, resumeFrom, useOfflineDraft, useStoredDraft, useStoredDraftIdOf } from '../../offline/useOfflineDraft';
import type { OfflineDraftRecord, PendingValues } from '../../offline/offlineStore';

/** How long the form waits after the last keystroke before saving the draft. */
const AUTOSAVE_DELAY_MS = 1500;

/**
 * The report form. Opened by submission id, or by (centre, template, period) for a report not started yet
 * (an existing submission for that key is looked up first, so a reload never starts a second one).
 */
export function ReportFormPage() {
  const params = useParams();
  if (params.submissionId) return <BySubmissionId id={params.submissionId} />;
  return <ByKey centreId={params.centreId!} templateCode={params.templateCode!} periodCode={params.periodCode!} />;
}

function BySubmissionId({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(SUBMISSION, { variables: { id }, fetchPolicy: 'network-only' });
  // What this user kept of the report on this device (offline drafts, ADR 0018).
  const stored = useStoredDraft(id);
  // Opened without a connection: the kept record, for as long as the page stays (the server's answer arriving later
  // must not remount the editor, which would drop its state and resend from the old version).
  const openedOffline = useRef<OfflineDraftRecord | null>(null);
  if (!openedOffline.current && error && stored.record && isConnectionError(error)) openedOffline.current = stored.record;
  if (openedOffline.current) {
    const { base, template, pending } = openedOffline.current;
    return <ReportEditor key={base.id} template={template} submission={base} kept={pending} centreId={base.centreId} periodCode={base.periodCode} />;
  }
  if (error && !stored.loaded) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !data || !stored.loaded) return <Loading />;
  const { submission: s, kept } = resumeFrom(asSubmissionDetail(data.submission), stored.record);
  return <WithTemplate code={s.templateCode} version={s.templateVersion} submission={s} kept={kept} centreId={s.centreId} periodCode={s.periodCode} />;
}

function ByKey({ centreId, templateCode, periodCode }: { centreId: string; templateCode: string; periodCode: string }) {
  const existing = useQuery(SUBMISSIONS, { variables: { filter: { centreId, templateCode, periodId: periodCode }, first: 1 }, fetchPolicy: 'network-only' });
  // Without a connection: the report this user kept on the device for this address, if any (ADR 0018).
  const offline = !!existing.error && isConnectionError(existing.error);
  const stored = useStoredDraftIdOf({ centreId, templateCode, periodCode }, offline);
  const id = existing.data?.submissions.nodes[0]?.id ?? (offline ? stored.id : null);
  if ((existing.loading && !existing.data) || (offline && !stored.loaded)) return <Loading />;
  if (id) return <BySubmissionId id={id} />;
  return <WithTemplate code={templateCode} version={null} submission={null} centreId={centreId} periodCode={periodCode} />;
}

function WithTemplate(props: { code: string; version: number | null; submission: SubmissionDetail | null; kept?: PendingValues | null; centreId: string; periodCode: string }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(REPORT_TEMPLATE, { variables: { code: props.code, version: props.version }, fetchPolicy: 'cache-first' });
  if (loading && !data) return <Loading />;
  // The server's definition is authoritative (the Sở may publish new versions); the shipped copy in
  // @gdtx/domain stands in when the template query is not available.
  const template = (data?.reportTemplate?.definition as TemplateDefinition | undefined) ?? (error ? findShippedTemplate(props.code, props.version ?? undefined) : undefined);
  if (!template) return <Alert type="error" showIcon title={t('form.templateMissing', { code: props.code })} />;
  return <ReportEditor key={props.submission?.id ?? 'new'} template={template} submission={props.submission} kept={props.kept ?? null} centreId={props.centreId} periodCode={props.periodCode} />;
}

/** Comments of the last return, while the report is still returned (not yet resubmitted). */
function returnedCommentsOf(submission: SubmissionDetail | null): { overall: string | null; byField: Record<string, string> } {
  if (!submission) return { overall: null, byField: {} };
  const workflow = [...submission.events].filter((e) => ['SUBMITTED', 'RETURNED', 'ACCEPTED'].includes(e.action)).sort((a, b) => a.at.localeCompare(b.at));
  const last = workflow[workflow.length - 1];
  if (!last || last.action !== 'RETURNED' || submission.status === 'SUBMITTED' || submission.status === 'ACCEPTED') return { overall: null, byField: {} };
  return { overall: last.comment, byField: Object.fromEntries(last.fieldComments.map((c) => [c.field, c.comment])) };
}

function ReportEditor({ template, submission: initial, kept = null, centreId, periodCode }: {
  template: TemplateDefinition;
  submission: SubmissionDetail | null;
  /** Values typed on this device and not yet on the server (offline drafts): they start the form, unsaved. */
  kept?: PendingValues | null;
  centreId: string;
  periodCode: string;
}) {
  const { t, pick, language, periodLabel, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useApolloClient();
  const navigate = useNavigate();
  // antd's xl breakpoint (1200 px), where the form and its sidebar sit side by side (Col xl).
  const wide = Grid.useBreakpoint().xl ?? true;

  const [submission, setSubmission] = useState<SubmissionDetail | null>(initial);
  const [values, setValues] = useState<ValueMap>(() => ({ ...(kept?.values ?? initial?.values ?? {}) }));
  const [explanations, setExplanations] = useState<Record<string, string>>(() => ({ ...(kept?.explanations ?? initial?.explanations ?? {}) }));
  const [dirty, setDirty] = useState(kept !== null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  /** Per-field problems the server gave with VALIDATION_FAILED (it re-checks everything on submit). */
  const [actionDetails, setActionDetails] = useState<string[]>([]);
  const [busy, setBusy] = useState<null | 'submit' | 'accept' | 'return'>(null);
  const [reviewComments, setReviewComments] = useState<Record<string, string>>({});
  const [overallComment, setOverallComment] = useState('');
  /** Return: the day by which the centre must resubmit (optional; the calendar judges the resubmission by it). */
  const [resubmitBy, setResubmitBy] = useState<Dayjs | null>(null);
  /** The submit confirmation, open for the saved report it would submit (late: with the reason asked for). */
  const [confirming, setConfirming] = useState<SubmissionDetail | null>(null);
  const [lateReason, setLateReason] = useState('');
  const [lateReasonMissing, setLateReasonMissing] = useState(false);

  // Refs give the debounced save the latest state without re-creating the timer on every keystroke.
  const latest = useRef({ values, explanations, submission, dirty });
  latest.current = { values, explanations, submission, dirty };
  const saveInFlight = useRef<Promise<SubmissionDetail | null> | null>(null);

  const status = submission?.status ?? null;
  // What the report's status allows comes from the workflow table the server applies (libs/domain SUBMISSION_TRANSITIONS).
  const editable = can('REPORT_DRAFT') && (status === null || transitionFor(status, 'SAVE') !== null);
  // Kept on the device as it is typed; sent by the autosave below once there is a connection (ADR 0018).
  const offlineDraft = useOfflineDraft({ submission, template, values, explanations, dirty, editable });
  // The server also says whether this caller reviews this centre (the Sở; a commune officer only its commune's TTHTCĐ).
  const reviewing = can('REPORT_REVIEW') && status !== null && transitionFor(status, 'ACCEPT') !== null && submission?.canReview === true;

  const issues = useMemo(() => {
    const local = validateValues(template, values, { explanations, period: periodCode });
    // Rules over the previous period's accepted report (prev()) only run on the server, which has that report:
    // its findings on the saved values are added, unless the user has explained them since.
    const previousPeriodRules = new Set(template.rules.filter((r) => r.expression.includes('prev(')).map((r) => r.code));
    const fromServer = (submission?.issues ?? []).filter(
      (i) => previousPeriodRules.has(i.ruleCode) && !(explanations[i.ruleCode] ?? '').trim() && !local.some((l) => l.ruleCode === i.ruleCode),
    );
    return [...local, ...fromServer];
  }, [template, values, explanations, periodCode, submission]);
  const issuesByField = useMemo(() => issuesToFieldMap(issues, { allFields: true }), [issues]);
  const messagesByField = useMemo(() => issuesToFieldMap(issues), [issues]);
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  const warningCount = issues.length - errorCount;
  const returned = useMemo(() => returnedCommentsOf(submission), [submission]);

  const save = useCallback(async (): Promise<SubmissionDetail | null> => {
    // Without a connection the values stay on the device (useOfflineDraft) until it returns.
    if (!navigator.onLine) return null;
    if (saveInFlight.current) await saveInFlight.current;
    const snapshot = latest.current;
    const run = (async () => {
      setSaving(true);
      try {
        const result = await client.mutate({
          mutation: SAVE_SUBMISSION_DRAFT,
          variables: {
            input: {
              centreId,
              templateCode: template.code,
              periodCode,
              values: snapshot.values,
              explanations: snapshot.explanations,
              expectedVersion: snapshot.submission?.version ?? null,
            },
          },
        });
        const saved = asSubmissionDetail(result.data!.saveSubmissionDraft.submission);
        setSubmission(saved);
        setSavedAt(new Date().toISOString());
        setActionError(null);
        // Only clear the flag if nothing was typed while the save was on its way.
        if (latest.current.values === snapshot.values && latest.current.explanations === snapshot.explanations) setDirty(false);
        return saved;
      } catch (e) {
        // A stale version offers "keep mine / take theirs"; a report that left the editable states meanwhile
        // (INVALID_TRANSITION) cannot be saved over, so the message is shown and the form reloads read-only.
        const reason = errorReasonOf(e);
        if (reason === 'STALE_VERSION') setConflict(true);
        else setActionError(describeError(e, language).message);
        if (reason === 'INVALID_TRANSITION') void reloadSubmission();
        return null;
      } finally {
        setSaving(false);
      }
    })();
    saveInFlight.current = run;
    try {
      return await run;
    } finally {
      saveInFlight.current = null;
    }
  }, [client, centreId, template.code, periodCode, language]);

  useEffect(() => {
    if (!dirty || !editable || conflict || !offlineDraft.online) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, explanations, dirty, editable, conflict, save, offlineDraft.online]);

  const onChange = useCallback((key: string, value: FieldValue) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setDirty(true);
  }, []);
  const onExplain = useCallback((ruleCode: string, text: string) => {
    setExplanations((prev) => ({ ...prev, [ruleCode]: text }));
    setDirty(true);
  }, []);
  const onReviewComment = useCallback((key: string, text: string) => setReviewComments((prev) => ({ ...prev, [key]: text })), []);

  /** The stored report again (after a CONFLICT whose reason says the report moved on without us). */
  async function reloadSubmission() {
    const id = latest.current.submission?.id;
    if (!id) return;
    const fresh = await client.query({ query: SUBMISSION, variables: { id }, fetchPolicy: 'network-only' });
    if (fresh.data) setSubmission(asSubmissionDetail(fresh.data.submission));
  }

  /** After a CONFLICT (STALE_VERSION): take the server's version number and save what is on screen over it. */
  const keepMine = async () => {
    if (!submission) return;
    const fresh = await client.query({ query: SUBMISSION, variables: { id: submission.id }, fetchPolicy: 'network-only' });
    setSubmission(asSubmissionDetail(fresh.data!.submission));
    latest.current = { ...latest.current, submission: asSubmissionDetail(fresh.data!.submission) };
    setConflict(false);
    setDirty(true);
  };
  /** After a CONFLICT: drop local changes and show the server's version. */
  const takeTheirs = async () => {
    if (!submission) return;
    const fresh = await client.query({ query: SUBMISSION, variables: { id: submission.id }, fetchPolicy: 'network-only' });
    const s = asSubmissionDetail(fresh.data!.submission);
    setSubmission(s);
    setValues({ ...s.values });
    setExplanations({ ...s.explanations });
    setConflict(false);
    setDirty(false);
  };

  const focusFirstIssue = (severity: 'error' | 'warning') => {
    const issue = issues.find((i) => i.severity === severity);
    if (issue?.fields[0]) document.getElementById(inputIdOf(issue.fields[0]))?.focus();
  };

  const submit = async () => {
    setActionError(null);
    setActionDetails([]);
    if (!navigator.onLine) {
      setActionError(t('form.offlineSubmit'));
      return;
    }
    if (hasErrors(issues)) {
      setActionError(t('form.cannotSubmitErrors'));
      focusFirstIssue('error');
      return;
    }
    if (unexplainedWarnings(issues).length > 0) {
      setActionError(t('form.needExplanation'));
      focusFirstIssue('warning');
      return;
    }
    setBusy('submit');
    try {
      let current = latest.current.submission;
      if (latest.current.dirty || !current) current = await save();
      if (!current) return;
      // A confirmation first; when the calendar says this submission is late, it asks for the reason too.
      setLateReason('');
      setLateReasonMissing(false);
      setConfirming(current);
    } finally {
      setBusy(null);
    }
  };

  const confirmSubmit = async () => {
    const current = confirming;
    if (!current) return;
    const late = current.lateness.daysLateIfSubmittedToday > 0;
    if (late && !lateReason.trim()) {
      setLateReasonMissing(true);
      return;
    }
    setConfirming(null);
    setBusy('submit');
    try {
      const result = await client.mutate({
        mutation: SUBMIT_SUBMISSION,
        variables: { id: current.id, expectedVersion: current.version, lateReason: late ? lateReason.trim() : null },
      });
      setSubmission(asSubmissionDetail(result.data!.submitSubmission));
      setActionDetails([]);
      message.success(t('form.submitted'));
    } catch (e) {
      const info = describeError(e, language);
      const reason = errorReasonOf(e);
      if (reason === 'STALE_VERSION') setConflict(true);
      else setActionError(info.message);
      if (reason === 'INVALID_TRANSITION') void reloadSubmission();
      if (info.code === 'VALIDATION_FAILED') {
        const fields = (info.extensions['fields'] as { field: string; messageVi: string; messageEn: string }[] | undefined) ?? [];
        setActionDetails(fields.map((f) => pick(f.messageVi, f.messageEn)));
        // The server's issues (e.g. change against the previous period) now show next to their fields.
        const id = latest.current.submission?.id;
        if (id) {
          const fresh = await client.query({ query: SUBMISSION, variables: { id }, fetchPolicy: 'network-only' });
          setSubmission(asSubmissionDetail(fresh.data!.submission));
        }
      }
    } finally {
      setBusy(null);
    }
  };

  const accept = async () => {
    if (!submission) return;
    setBusy('accept');
    setActionError(null);
    try {
      const result = await client.mutate({ mutation: ACCEPT_SUBMISSION, variables: { id: submission.id, expectedVersion: submission.version } });
      setSubmission(asSubmissionDetail(result.data!.acceptSubmission));
      message.success(t('review.accepted'));
    } catch (e) {
      setActionError(describeError(e, language).message);
      // Reviewed or changed by someone else meanwhile: show the report as it now stands.
      if (errorReasonOf(e)) void reloadSubmission();
    } finally {
      setBusy(null);
    }
  };

  const doReturn = async () => {
    if (!submission) return;
    const fieldComments = Object.entries(reviewComments).filter(([, c]) => c.trim() !== '').map(([field, comment]) => ({ field, comment: comment.trim() }));
    if (fieldComments.length === 0 && overallComment.trim() === '') {
      setActionError(t('review.returnNeedsComment'));
      return;
    }
    setBusy('return');
    setActionError(null);
    try {
      const result = await client.mutate({
        mutation: RETURN_SUBMISSION,
        variables: {
          id: submission.id, expectedVersion: submission.version, comment: overallComment.trim() || t('review.defaultReturnComment'), fieldComments,
          resubmitBy: resubmitBy ? resubmitBy.format('YYYY-MM-DD') : null,
        },
      });
      setSubmission(asSubmissionDetail(result.data!.returnSubmission));
      setReviewComments({});
      setResubmitBy(null);
      message.success(t('review.returned'));
    } catch (e) {
      setActionError(describeError(e, language).message);
      if (errorReasonOf(e)) void reloadSubmission();
    } finally {
      setBusy(null);
    }
  };

  const saveState = saving ? t('form.saving') : dirty ? t(offlineDraft.keptOnDevice && !offlineDraft.online ? 'form.keptOnDevice' : 'form.unsaved') : savedAt ? t('form.savedAt', { time: formatDateTime(savedAt) }) : null;
  // Save and submit: in the sidebar on a wide screen; below antd's xl breakpoint, where the sidebar falls under a
  // long form, in a bar fixed to the bottom of the screen (issue 16: a sticky action bar on phones and tablets).
  const editorActions = editable ? (
    <>
      <Button block={wide} onClick={() => void save()} loading={saving} disabled={conflict}>{t('form.save')}</Button>
      {can('REPORT_SUBMIT') && (
        <Button block={wide} type="primary" onClick={() => void submit()} loading={busy === 'submit'} disabled={conflict} data-testid="submit-report">
          {t('form.submit')}
        </Button>
      )}
    </>
  ) : null;

  return (
    <div data-testid="report-form" data-readonly={!editable}>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 22, marginBottom: 4 }}>
        {pick(template.nameVi, template.nameEn)}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{periodLabel(periodCode)}</span>
        {submission && <span>· {submission.centreName}</span>}
        <span data-testid="submission-status"><SubmissionStatusTag status={status ?? 'NOT_STARTED'} /></span>
        {submission && <span>{t('col.dueDate')}: {formatDate(submission.dueDate)}</span>}
        {submission && <DaysLeft dueDate={submission.dueDate} done={status === 'SUBMITTED' || status === 'ACCEPTED'} />}
        {/* The user's number is the submission count ("Lần nộp 2"); saves are not versions to them. `version` stays the
            lock token behind the scenes (CONFLICT). */}
        {submission && (
          <span data-testid="submission-number">
            {submission.versions.length ? t('form.submissionNo', { n: submission.versions.length }) : t('form.notSubmittedYet')}
          </span>
        )}
        {saveState && <span role="status" aria-live="polite" data-testid="save-state" style={{ color: '#595959' }}>{saveState}</span>}
      </Space>

      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="conflict"
          title={t('error.CONFLICT')}
          style={{ marginBottom: 12 }}
          action={
            <Space direction="vertical">
              <Button size="small" type="primary" onClick={() => void keepMine()}>{language === 'vi' ? 'Giữ dữ liệu của tôi và lưu lại' : 'Keep mine and save again'}</Button>
              <Button size="small" onClick={() => void takeTheirs()}>{language === 'vi' ? 'Tải phiên bản mới nhất' : 'Load the latest version'}</Button>
            </Space>
          }
        />
      )}
      {reviewing && submission && (submission.lateness.lastSubmissionDaysLate ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="late-banner"
          title={t('review.lateBanner', { n: submission.lateness.lastSubmissionDaysLate ?? 0 })}
          description={submission.lateness.lastSubmissionLateReason ? t('review.lateReason', { reason: submission.lateness.lastSubmissionLateReason }) : t('review.noLateReason')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Modal
        open={confirming !== null}
        title={t('form.confirmSubmitTitle')}
        okText={t('form.submit')}
        cancelText={t('common.cancel')}
        onOk={() => void confirmSubmit()}
        onCancel={() => setConfirming(null)}
        okButtonProps={{ 'data-testid': 'confirm-submit' } as Record<string, string>}
        destroyOnHidden
      >
        <p>{t('form.confirmSubmitBody')}</p>
        {confirming && confirming.lateness.daysLateIfSubmittedToday > 0 && (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="late-warning"
              title={t('form.lateWarning', { n: confirming.lateness.daysLateIfSubmittedToday, date: formatDate(confirming.lateness.nextDeadline) })}
              style={{ marginBottom: 12 }}
            />
            <Form layout="vertical">
              <Form.Item
                label={t('form.lateReason')}
                required
                validateStatus={lateReasonMissing ? 'error' : undefined}
                help={lateReasonMissing ? t('form.lateReasonRequired') : undefined}
                htmlFor="late-reason"
              >
                <Input.TextArea
                  id="late-reason"
                  data-testid="late-reason"
                  value={lateReason}
                  maxLength={2000}
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  onChange={(e) => { setLateReason(e.target.value); if (e.target.value.trim()) setLateReasonMissing(false); }}
                />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      {status === 'RETURNED' && (
        <Alert
          type="warning"
          showIcon
          title={t('form.returnedBanner')}
          description={(returned.overall || (submission?.lateness.nextDeadline && submission.lateness.nextDeadline !== submission.dueDate)) ? (
            <>
              {returned.overall && <div>{returned.overall}</div>}
              {submission?.lateness.nextDeadline && submission.lateness.nextDeadline !== submission.dueDate && (
                <div data-testid="resubmit-deadline">{t('form.resubmitBy', { date: formatDate(submission.lateness.nextDeadline) })}</div>
              )}
            </>
          ) : undefined}
          style={{ marginBottom: 12 }}
          data-testid="returned-banner"
        />
      )}
      {!editable && !reviewing && status && (
        <Alert type="info" showIcon title={t('form.readOnly', { status: t(`status.${status}` as MessageKey) })} style={{ marginBottom: 12 }} />
      )}
      {actionError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={actionError}
          description={actionDetails.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{actionDetails.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
          style={{ marginBottom: 12 }}
          data-testid="action-error"
          closable
          onClose={() => { setActionError(null); setActionDetails([]); }}
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={17}>
          {(editable || reviewing) && (
            <Alert
              type={errorCount ? 'error' : warningCount ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="validation-summary"
              title={errorCount || warningCount ? [errorCount ? t('form.errorsCount', { n: errorCount }) : null, warningCount ? t('form.warningsCount', { n: warningCount }) : null].filter(Boolean).join(' · ') : t('form.noIssues')}
              description={issues.length ? <IssueSummary template={template} issues={issues} /> : undefined}
            />
          )}
          {!wide && <SectionNav template={template} issues={editable || reviewing ? issues : []} direction="horizontal" />}
          {/* Not editable (submitted, accepted, or opened by its reviewer): a document, not greyed inputs. */}
          {!editable && submission ? (
            <SubmittedReportView
              template={template}
              submission={submission}
              values={values}
              explanations={explanations}
              returnedComments={returned.byField}
              messagesByField={reviewing ? messagesByField : undefined}
              reviewComments={reviewing ? reviewComments : undefined}
              onReviewComment={reviewing ? onReviewComment : undefined}
            />
          ) : (
            <ReportFields
              template={template}
              values={values}
              issuesByField={editable || reviewing ? issuesByField : {}}
              messagesByField={editable || reviewing ? messagesByField : {}}
              explanations={explanations}
              returnedComments={returned.byField}
              readOnly={!editable}
              onChange={onChange}
              onExplain={onExplain}
              reviewComments={reviewing ? reviewComments : undefined}
              onReviewComment={reviewing ? onReviewComment : undefined}
            />
          )}
        </Col>
        <Col xs={24} xl={7}>
          <div className="report-sidebar" style={{ position: 'sticky', top: 16 }}>
            {wide && (
              <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.sections')}</h2>}>
                <SectionNav template={template} issues={editable || reviewing ? issues : []} direction="vertical" />
              </Card>
            )}
            <Card size="small" style={{ marginBottom: 16 }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('col.actions')}</h2>}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {wide && editorActions}
                {reviewing && (
                  <>
                    <Input.TextArea
                      aria-label={t('review.overallComment')}
                      placeholder={t('review.overallComment')}
                      value={overallComment}
                      onChange={(e) => setOverallComment(e.target.value)}
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      data-testid="overall-comment"
                    />
                    <Popconfirm title={t('review.confirmAccept')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void accept()}>
                      <Button block type="primary" loading={busy === 'accept'} data-testid="accept-report">{t('review.accept')}</Button>
                    </Popconfirm>
                    <label htmlFor="resubmit-by" style={{ fontSize: 13 }}>{t('review.resubmitBy')}</label>
                    <DatePicker
                      id="resubmit-by"
                      data-testid="resubmit-by"
                      format="DD/MM/YYYY"
                      placeholder="dd/mm/yyyy"
                      value={resubmitBy}
                      onChange={(d) => setResubmitBy(d)}
                      disabledDate={(d) => d.isBefore(new Date(), 'day')}
                      style={{ width: '100%' }}
                    />
                    <Popconfirm
                      title={resubmitBy ? t('review.confirmReturnBy', { date: resubmitBy.format('DD/MM/YYYY') }) : t('review.confirmReturn')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void doReturn()}
                      okButtonProps={{ 'data-testid': 'confirm-return' } as Record<string, string>}
                    >
                      <Button block danger loading={busy === 'return'} data-testid="return-report">{t('review.return')}</Button>
                    </Popconfirm>
                  </>
                )}
                {submission && (
                  // The report as an official document (Decree 30/2020 layout), from what the server stored.
                  <OfficialDocumentButtons urlOf={(format) => officialDocumentUrls.submission(submission.id, format)} fileStem={`bao-cao-${template.code}-${periodCode}`} testId="submission-document" />
                )}
                <Button block type="link" onClick={() => navigate(-1)}>{t('app.back')}</Button>
              </Space>
            </Card>
            <ExcelPanel
              centreId={centreId}
              templateCode={template.code}
              periodCode={periodCode}
              editable={editable}
              onUploaded={() => {
                // The upload may have created the draft (a report not started yet): find it rather than reload
                // the page, which would also wipe the success message. 'no-cache': writing this list to the cache
                // would make ByKey remount the editor (its key changes from 'new' to the id), losing the message too.
                const load = async () => {
                  let id = submission?.id;
                  if (!id) {
                    const list = await client.query({
                      query: SUBMISSIONS,
                      variables: { filter: { centreId, templateCode: template.code, periodId: periodCode }, first: 1 },
                      fetchPolicy: 'no-cache',
                    });
                    id = list.data?.submissions.nodes[0]?.id;
                    if (!id) return window.location.reload();
                  }
                  const r = await client.query({ query: SUBMISSION, variables: { id }, fetchPolicy: 'network-only' });
                  const s = asSubmissionDetail(r.data!.submission);
                  setSubmission(s);
                  setValues({ ...s.values });
                  setExplanations({ ...s.explanations });
                  setDirty(false);
                };
                void load();
              }}
            />
            {submission && <ValueChecksPanel submissionId={submission.id} version={submission.version} />}
            {submission && <SubmissionHistory submission={submission} template={template} />}
          </div>
        </Col>
      </Row>
      {!wide && editorActions && (
        <div className="report-action-bar" data-testid="report-action-bar" role="region" aria-label={t('col.actions')}>
          {saveState && <span className="report-action-bar-state">{saveState}</span>}
          <Space>{editorActions}</Space>
        </div>
      )}
    </div>
  );
}
