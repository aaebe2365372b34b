import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { FINDINGS, RESOLVE_FINDING, RULE_CODES, SEVERITIES, type FindingRow } from './compliance.documents';
import { UNITS_AS_OF } from '../../gql/admin';
import { canResolveByHand, findingDueDate, findingFilterFromParams, isoDatesToVietnamese, unitsWithin } from './compliance';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';
import { useModalSubmit } from '../../components/useModalSubmit';
import { CentrePicker, SeverityTag } from './shared';

const PAGE_SIZE = 50;

/** Findings in the user's scope, filters in the URL (status defaults to open), "load more" paging, Excel export. */
export function FindingsPanel() {
  const { t, pick, formatDate, formatNumber } = useI18n();
  const { user, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => findingFilterFromParams(params), [params]);
  const { data, loading, error, refetch, fetchMore } = useQuery(FINDINGS, { variables: { filter, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const units = useQuery(UNITS_AS_OF, { variables: {} });
  const unitOptions = useMemo(
    () => unitsWithin(units.data?.administrativeUnits ?? [], user?.scope === 'unit' ? user.unitId : null),
    [units.data, user],
  );
  const [resolving, setResolving] = useState<FindingRow | null>(null);
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const k of ['status', 'severity', 'rule', 'unit', 'centre']) next.delete(k);
    setParams(next, { replace: true });
  };
  const findings = data?.findings;
  const rows = findings?.nodes ?? [];
  const ruleLabel = (code: string) => t(`cw.rule.${code}` as MessageKey);
  const statusText = (f: FindingRow) =>
    f.status === 'OPEN' ? t('cw.status.OPEN') : f.resolution === 'AUTO' ? t('cw.resolvedAuto', { date: formatDate(f.resolvedOn) }) : t('cw.resolvedOn', { date: formatDate(f.resolvedOn) });
  const mayResolve = can('INSPECTION_RECORD');
  const filterSummary = [
    filter.status ? t(`cw.status.${filter.status}`) : t('cw.filter.allStatuses'),
    filter.severity ? t(`cw.severity.${filter.severity}`) : null,
    filter.ruleCode ? ruleLabel(filter.ruleCode) : null,
  ].filter(Boolean).join(' · ');

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('cw.filter.status')}
          value={params.get('status') === 'ALL' ? 'ALL' : filter.status ?? 'ALL'}
          onChange={(v: string) => set('status', v === 'OPEN' ? undefined : v)}
          style={{ width: 170 }}
          data-testid="filter-status"
          options={[
            { value: 'OPEN', label: t('cw.status.OPEN') },
            { value: 'RESOLVED', label: t('cw.status.RESOLVED') },
            { value: 'ALL', label: t('cw.filter.allStatuses') },
          ]}
        />
        <Select
          aria-label={t('cw.filter.severity')}
          allowClear
          placeholder={t('cw.filter.allSeverities')}
          value={filter.severity}
          onChange={(v: string | undefined) => set('severity', v)}
          style={{ width: 190 }}
          data-testid="filter-severity"
          options={SEVERITIES.map((s) => ({ value: s, label: t(`cw.severity.${s}`) }))}
        />
        <Select
          aria-label={t('cw.filter.rule')}
          allowClear
          placeholder={t('cw.filter.allRules')}
          value={filter.ruleCode}
          onChange={(v: string | undefined) => set('rule', v)}
          style={{ width: 280 }}
          popupMatchSelectWidth={false}
          data-testid="filter-rule"
          options={RULE_CODES.map((r) => ({ value: r, label: ruleLabel(r) }))}
        />
        <Select
          aria-label={t('cw.filter.unit')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cw.filter.allUnits')}
          value={filter.unitId}
          onChange={(v: string | undefined) => set('unit', v)}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
          loading={units.loading}
          data-testid="filter-unit"
          options={unitOptions.map((u) => ({ value: u.id, label: `${u.name} · ${t(`unitLevel.${u.level}` as MessageKey)}` }))}
        />
        <CentrePicker value={filter.centreId} onChange={(v) => set('centre', v)} width={280} testId="filter-centre" />
        <Button onClick={clear}>{t('cw.filter.clear')}</Button>
      </Space>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <Typography.Text strong data-testid="finding-total">
              {findings ? t('cw.total', { n: formatNumber(findings.totalCount) }) : '\u00a0'}
            </Typography.Text>
            <ExportButton
              title={t('cw.exportTitle')}
              subtitle={filterSummary}
              rows={rows}
              testId="export-findings"
              columns={[
                { header: t('col.code'), value: (f) => f.centreCode },
                { header: t('col.centre'), value: (f) => f.centreName },
                { header: t('cw.filter.rule'), value: (f) => ruleLabel(f.ruleCode) },
                { header: t('cw.col.rule'), value: (f) => pick(isoDatesToVietnamese(f.titleVi), f.titleEn) },
                { header: t('cw.col.legalBasis'), value: (f) => f.legalBasisVi },
                { header: t('cw.col.severity'), value: (f) => t(`cw.severity.${f.severity}`) },
                { header: t('col.status'), value: (f) => statusText(f) },
                { header: t('cw.col.foundOn'), value: (f) => f.foundOn, kind: 'date' },
                { header: t('cw.col.due'), value: (f) => findingDueDate(f.evidence), kind: 'date' },
                { header: t('cw.resolveNote'), value: (f) => f.resolutionNote },
              ]}
            />
          </div>
          <Table<FindingRow>
            rowKey="id"
            size="small"
            loading={loading && !findings}
            dataSource={rows}
            pagination={false}
            data-testid="findings-table"
            locale={{ emptyText: <EmptyState text={t('cw.noFindings')} /> }}
            columns={[
              {
                title: t('col.centre'), key: 'centre', width: 170,
                render: (_, f) => (
                  <>
                    <Link to={`/centres/${f.centreId}`}>{f.centreName}</Link>
                    <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.centreCode}</Typography.Text></div>
                  </>
                ),
              },
              {
                title: t('cw.col.rule'), key: 'rule',
                render: (_, f) => (
                  <>
                    <Typography.Text strong>{ruleLabel(f.ruleCode)}</Typography.Text>
                    <div>{pick(isoDatesToVietnamese(f.titleVi), f.titleEn)}</div>
                    {/* The legal basis on demand (issue 16 item 6): a finding says what is wrong first. */}
                    <details className="legal-basis" data-testid="legal-basis">
                      <summary style={{ fontSize: 12, cursor: 'pointer' }}>{t('cw.col.legalBasis')}</summary>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.legalBasisVi}</Typography.Text>
                    </details>
                    {f.resolutionNote && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cw.resolveNote')}: {f.resolutionNote}</Typography.Text></div>}
                  </>
                ),
              },
              { title: t('cw.col.severity'), dataIndex: 'severity', width: 110, render: (s: string) => <SeverityTag severity={s} /> },
              { title: t('col.status'), key: 'status', width: 120, render: (_, f) => statusText(f) },
              { title: t('cw.col.foundOn'), dataIndex: 'foundOn', width: 100, render: (d: string) => formatDate(d) },
              { title: t('cw.col.due'), key: 'due', width: 95, render: (_, f) => { const d = findingDueDate(f.evidence); return d ? formatDate(d) : '—'; } },
              {
                title: t('cw.col.actions'), key: 'actions', width: 145,
                render: (_, f) =>
                  canResolveByHand(f) ? (
                    mayResolve ? <Button size="small" onClick={() => setResolving(f)} aria-label={`${t('cw.resolve')}: ${f.centreName}`}>{t('cw.resolve')}</Button> : null
                  ) : f.status === 'OPEN' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cw.autoOnly')}</Typography.Text> : null,
              },
            ]}
          />
          {findings?.pageInfo.hasNextPage && (
            <Button
              style={{ marginTop: 12 }}
              loading={loading}
              onClick={() =>
                void fetchMore({
                  variables: { after: findings.pageInfo.endCursor },
                })
              }
            >
              {t('cw.loadMore')}
            </Button>
          )}
        </>
      )}
      {resolving && <ResolveFindingModal finding={resolving} onClose={() => setResolving(null)} onDone={() => void refetch()} />}
    </>
  );
}

function ResolveFindingModal({ finding, onClose, onDone }: { finding: FindingRow; onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const [resolve] = useMutation(RESOLVE_FINDING);
  const { submit, error, running } = useModalSubmit(form, (v) => resolve({ variables: { id: finding.id, note: v.note.trim() } }), {
    success: t('cw.resolved'),
    onDone: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('cw.resolveTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('cw.save')}
      cancelText={t('cw.cancel')}
      confirmLoading={running}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <strong>{finding.centreName}</strong> — {pick(isoDatesToVietnamese(finding.titleVi), finding.titleEn)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="note" label={t('cw.resolveNote')} rules={[{ required: true, whitespace: true, message: t('cw.resolveNeedNote') }]}>
          <Input.TextArea aria-label={t('cw.resolveNote')} autoSize={{ minRows: 3, maxRows: 6 }} maxLength={4000} placeholder={t('cw.resolvePlaceholder')} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
