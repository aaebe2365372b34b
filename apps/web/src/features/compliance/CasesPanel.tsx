import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_STATUSES, REPORT_UNLICENSED, UNLICENSED_CASES, UPDATE_UNLICENSED, type UnlicensedCase, type UnlicensedCaseStatus } from './compliance.documents';
import { UNITS_AS_OF } from '../../gql/admin';
import { unitsWithin } from './compliance';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';
import { useModalSubmit } from '../../components/useModalSubmit';
import { CaseStatusTag } from './shared';

const PAGE_SIZE = 50;

/** Unlicensed-operator cases in the user's area (status in the URL), reporting and status updates for recorders. */
export function CasesPanel() {
  const { t, formatDate, formatNumber } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const raw = params.get('caseStatus');
  const status = raw && (CASE_STATUSES as string[]).includes(raw) ? (raw as UnlicensedCaseStatus) : undefined;
  const { data, loading, error, refetch, fetchMore } = useQuery(UNLICENSED_CASES, { variables: { status, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const [reporting, setReporting] = useState(false);
  const [updating, setUpdating] = useState<UnlicensedCase | null>(null);
  const mayRecord = can('UNLICENSED_CASE_RECORD');
  const cases = data?.unlicensedOperatorCases;
  const rows = cases?.nodes ?? [];
  const statusLabel = (s: string) => t(`cw.case.status.${s}` as MessageKey);
  const setStatus = (v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set('caseStatus', v);
    else next.delete('caseStatus');
    setParams(next, { replace: true });
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('cw.filter.status')}
          allowClear
          placeholder={t('cw.case.allStatuses')}
          value={status}
          onChange={(v: string | undefined) => setStatus(v)}
          style={{ width: 200 }}
          data-testid="case-status-filter"
          options={CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        {mayRecord && <Button type="primary" onClick={() => setReporting(true)} data-testid="report-case">{t('cw.case.report')}</Button>}
      </Space>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
            <Typography.Text strong data-testid="case-total">{cases ? t('cw.case.total', { n: formatNumber(cases.totalCount) }) : '\u00a0'}</Typography.Text>
            <ExportButton
              title={t('cw.tab.cases')}
              subtitle={status ? statusLabel(status) : t('cw.case.allStatuses')}
              rows={rows}
              testId="export-cases"
              columns={[
                { header: t('cw.case.operator'), value: (c) => c.operatorName },
                { header: t('cw.case.address'), value: (c) => c.address },
                { header: t('cw.case.unit'), value: (c) => c.unitName },
                { header: t('cw.case.activity'), value: (c) => c.activityVi },
                { header: t('cw.case.foundOn'), value: (c) => c.foundOn, kind: 'date' },
                { header: t('col.status'), value: (c) => statusLabel(c.status) },
                { header: t('cw.case.daysOpen'), value: (c) => c.daysOpen, kind: 'number' },
                { header: t('cw.case.fine'), value: (c) => c.fineVnd, kind: 'number' },
                { header: t('cw.case.note'), value: (c) => c.statusNote },
              ]}
            />
          </div>
          <Table<UnlicensedCase>
            rowKey="id"
            size="small"
            loading={loading && !cases}
            dataSource={rows}
            pagination={false}
            data-testid="cases-table"
            locale={{ emptyText: <EmptyState text={t('cw.case.none')} /> }}
            columns={[
              {
                title: t('cw.case.operator'), key: 'operator', width: 210,
                render: (_, c) => (
                  <>
                    <Typography.Text strong>{c.operatorName}</Typography.Text>
                    {c.address && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.address}</Typography.Text></div>}
                  </>
                ),
              },
              { title: t('cw.case.unit'), dataIndex: 'unitName', width: 130 },
              {
                title: t('cw.case.activity'), key: 'activity',
                render: (_, c) => (
                  <>
                    <div>{c.activityVi}</div>
                    {c.statusNote && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cw.case.note')}: {c.statusNote}</Typography.Text>}
                  </>
                ),
              },
              {
                title: t('cw.case.foundOn'), key: 'found', width: 120,
                render: (_, c) => (
                  <>
                    <div>{formatDate(c.foundOn)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cw.case.days', { n: formatNumber(c.daysOpen) })}</Typography.Text>
                  </>
                ),
              },
              {
                title: t('col.status'), key: 'status', width: 150,
                render: (_, c) => (
                  <>
                    <CaseStatusTag status={c.status} />
                    {c.fineVnd != null && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cw.case.fineShort', { amount: formatNumber(c.fineVnd) })}</Typography.Text></div>}
                  </>
                ),
              },
              ...(mayRecord
                ? [{
                  title: t('cw.col.actions'), key: 'actions', width: 140,
                  render: (_: unknown, c: UnlicensedCase) => <Button size="small" onClick={() => setUpdating(c)} aria-label={`${t('cw.case.update')}: ${c.operatorName}`}>{t('cw.case.update')}</Button>,
                }]
                : []),
            ]}
          />
          {cases?.pageInfo.hasNextPage && (
            <Button
              style={{ marginTop: 12 }}
              loading={loading}
              onClick={() =>
                void fetchMore({
                  variables: { after: cases.pageInfo.endCursor },
                })
              }
            >
              {t('cw.loadMore')}
            </Button>
          )}
        </>
      )}
      {reporting && <ReportCaseModal onClose={() => setReporting(false)} onDone={() => void refetch()} />}
      {updating && <UpdateCaseModal kase={updating} onClose={() => setUpdating(null)} onDone={() => void refetch()} />}
    </>
  );
}

interface ReportValues { operatorName: string; address?: string; unitId: string; activityVi: string; foundOn: Dayjs }

function ReportCaseModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [form] = Form.useForm<ReportValues>();
  const units = useQuery(UNITS_AS_OF, { variables: {} });
  // A supervisor reports only in their area (the API refuses elsewhere): offer only the units there.
  const options = useMemo(
    () => unitsWithin(units.data?.administrativeUnits ?? [], user?.scope === 'unit' ? user.unitId : null)
      .filter((u) => u.level !== 'PROVINCE')
      .map((u) => ({ value: u.id, label: `${u.name} · ${t(`unitLevel.${u.level}` as MessageKey)}` })),
    [units.data, user, t],
  );
  const [report] = useMutation(REPORT_UNLICENSED);
  const { submit, error, running } = useModalSubmit(
    form,
    (v) => report({
      variables: { input: { operatorName: v.operatorName.trim(), address: v.address?.trim() || null, unitId: v.unitId, activityVi: v.activityVi.trim(), foundOn: v.foundOn.format('YYYY-MM-DD') } },
    }),
    { success: t('cw.case.reported'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open width={640} title={t('cw.case.report')} onCancel={onClose} onOk={() => void submit()} okText={t('cw.save')} cancelText={t('cw.cancel')} confirmLoading={running} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark initialValues={{ foundOn: dayjs() }}>
        <Form.Item name="operatorName" label={t('cw.case.operator')} rules={[{ required: true, whitespace: true, message: t('cw.case.needName') }]}>
          <Input aria-label={t('cw.case.operator')} maxLength={300} />
        </Form.Item>
        <Form.Item name="address" label={t('cw.case.address')}>
          <Input aria-label={t('cw.case.address')} maxLength={500} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="unitId" label={t('cw.case.unit')} rules={[{ required: true, message: t('cw.case.needUnit') }]}>
            <Select aria-label={t('cw.case.unit')} showSearch={{ optionFilterProp: 'label' }} style={{ width: 340 }} loading={units.loading} options={options} />
          </Form.Item>
          <Form.Item name="foundOn" label={t('cw.case.foundOn')} rules={[{ required: true, message: t('cw.insp.needDate') }]}>
            <DatePicker aria-label={t('cw.case.foundOn')} format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: 160 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="activityVi" label={t('cw.case.activity')} rules={[{ required: true, whitespace: true, message: t('cw.case.needActivity') }]}>
          <Input.TextArea aria-label={t('cw.case.activity')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('cw.case.activityPlaceholder')} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

interface UpdateValues { status: UnlicensedCaseStatus; note?: string; fineVnd?: number | null }

function UpdateCaseModal({ kase, onClose, onDone }: { kase: UnlicensedCase; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<UpdateValues>();
  const [update] = useMutation(UPDATE_UNLICENSED);
  const { submit, error, running } = useModalSubmit(
    form,
    (v) => update({ variables: { input: { id: kase.id, status: v.status, note: v.note?.trim() || null, fineVnd: v.fineVnd ?? null, expectedVersion: kase.version } } }),
    { success: t('cw.case.updated'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open width={560} title={t('cw.case.updateTitle', { name: kase.operatorName })} onCancel={onClose} onOk={() => void submit()} okText={t('cw.save')} cancelText={t('cw.cancel')} confirmLoading={running} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark initialValues={{ status: kase.status, fineVnd: kase.fineVnd ?? undefined }}>
        <Form.Item name="status" label={t('col.status')} rules={[{ required: true }]}>
          <Select aria-label={t('col.status')} style={{ width: 240 }} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cw.case.status.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="fineVnd" label={t('cw.case.fine')}>
          <InputNumber<number>
            aria-label={t('cw.case.fine')}
            min={0}
            step={1000000}
            style={{ width: 240 }}
            formatter={(v) => (v == null || v === ('' as unknown) ? '' : Number(v).toLocaleString('vi-VN'))}
            parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
          />
        </Form.Item>
        <Form.Item name="note" label={t('cw.case.note')}>
          <Input.TextArea aria-label={t('cw.case.note')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
