import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CENTRE_INSPECTIONS, COMPLIANCE_CENTRE_NAME, INSPECTION_KINDS, RECORD_INSPECTION, RECORD_INSPECTION_FINDING, SEVERITIES,
  type FindingSeverity, type InspectionKind, type InspectionRow,
} from './compliance.documents';
import { useAuth } from '../../auth';
import { errorCodeOf } from '../../errors';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useModalSubmit } from '../../components/useModalSubmit';
import { CentrePicker, SeverityTag } from './shared';

const CATEGORIES = ['FOREIGN_TEACHERS', 'FACILITIES', 'LICENCE', 'TUITION', 'PROGRAMME', 'OTHER'] as const;

/** A centre's inspections (centre in the URL), with "Ghi nhận kiểm tra" and "Thêm kết luận" for inspectors. */
export function InspectionsPanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const centreId = params.get('centre') || undefined;
  const list = useQuery(CENTRE_INSPECTIONS, { variables: { centreId: centreId ?? '' }, skip: !centreId, fetchPolicy: 'cache-and-network' });
  const centre = useQuery(COMPLIANCE_CENTRE_NAME, { variables: { id: centreId ?? '' }, skip: !centreId });
  const [recording, setRecording] = useState(false);
  const [adding, setAdding] = useState<InspectionRow | null>(null);
  const mayRecord = can('INSPECTION_RECORD');
  const setCentre = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('centre', id);
    else next.delete('centre');
    setParams(next, { replace: true });
  };
  const inspections = list.data?.inspections ?? [];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <CentrePicker value={centreId} onChange={setCentre} width={360} testId="inspection-centre" />
        {mayRecord && (
          <Button type="primary" disabled={!centreId || !centre.data} onClick={() => setRecording(true)} data-testid="record-inspection">
            {t('cw.insp.record')}
          </Button>
        )}
      </Space>
      {!centreId ? (
        <EmptyState text={t('cw.insp.pickCentre')} />
      ) : list.error && !list.data && errorCodeOf(list.error) === 'NOT_FOUND' ? (
        <Alert type="warning" showIcon role="alert" title={t('centre.notFoundOrForbidden')} data-testid="inspection-centre-not-found" />
      ) : list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.loading && !list.data ? (
        <Loading />
      ) : !inspections.length ? (
        <EmptyState text={t('cw.insp.none')} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="inspection-list">
          {inspections.map((i) => (
            <InspectionCard key={i.id} inspection={i} onAdd={mayRecord ? () => setAdding(i) : undefined} />
          ))}
        </Space>
      )}
      {recording && centre.data && (
        <RecordInspectionModal
          centre={centre.data.centre}
          onClose={() => setRecording(false)}
          onDone={() => void list.refetch()}
        />
      )}
      {adding && <AddFindingModal inspection={adding} onClose={() => setAdding(null)} onDone={() => void list.refetch()} />}
    </>
  );
}

function InspectionCard({ inspection: i, onAdd }: { inspection: InspectionRow; onAdd?: () => void }) {
  const { t, formatDate } = useI18n();
  return (
    <Card
      size="small"
      data-testid="inspection-card"
      title={<h3 style={{ fontSize: 15, margin: 0 }}>{formatDate(i.inspectedOn)} · {t(`cw.insp.kind.${i.kind}` as MessageKey)}</h3>}
      extra={onAdd && <Button size="small" onClick={onAdd} aria-label={`${t('cw.insp.addFinding')}: ${formatDate(i.inspectedOn)}`}>{t('cw.insp.addFinding')}</Button>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'd', label: t('cw.insp.decision'), children: i.decisionRef || '—' },
        { key: 'r', label: t('cw.insp.inspector'), children: i.inspectorName },
        { key: 'c', label: t('cw.insp.conclusion'), span: 2, children: i.conclusionVi || '—' },
      ]} />
      <Table
        rowKey="id"
        size="small"
        style={{ marginTop: 8 }}
        pagination={false}
        dataSource={i.findings}
        locale={{ emptyText: t('cw.insp.noFindings') }}
        columns={[
          { title: t('cw.insp.category'), dataIndex: 'category', width: 170, render: (c: string) => (CATEGORIES as readonly string[]).includes(c) ? t(`cw.insp.category.${c}` as MessageKey) : c },
          { title: t('cw.insp.description'), dataIndex: 'descriptionVi' },
          { title: t('cw.col.severity'), dataIndex: 'severity', width: 120, render: (s: string) => <SeverityTag severity={s} /> },
          { title: t('cw.insp.remediationDue'), dataIndex: 'remediationDue', width: 120, render: (d: string | null) => (d ? formatDate(d) : '—') },
          {
            title: t('col.status'), key: 'status', width: 170,
            render: (_, f) => f.remediatedOn ? <Tag color="green" style={{ color: '#1f1f1f' }} title={f.remediationNote ?? undefined}>{t('cw.insp.remediated', { date: formatDate(f.remediatedOn) })}</Tag> : t('cw.status.OPEN'),
          },
        ]}
      />
    </Card>
  );
}

interface FindingValues {
  category?: string;
  descriptionVi?: string;
  severity?: FindingSeverity;
  remediationDue?: Dayjs;
}

function findingInput(v: FindingValues) {
  return { category: v.category!, descriptionVi: v.descriptionVi!.trim(), severity: v.severity!, remediationDue: v.remediationDue ? v.remediationDue.format('YYYY-MM-DD') : null };
}

function FindingFields({ prefix }: { prefix?: string }) {
  const { t } = useI18n();
  const name = (n: string) => (prefix ? [prefix, n] : n);
  return (
    <>
      <Space wrap align="start">
        <Form.Item name={name('category')} label={t('cw.insp.category')} rules={[{ required: true, message: t('cw.insp.needCategory') }]}>
          <Select aria-label={t('cw.insp.category')} style={{ width: 220 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`cw.insp.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name={name('severity')} label={t('cw.col.severity')} rules={[{ required: true }]} initialValue="MEDIUM">
          <Select aria-label={t('cw.col.severity')} style={{ width: 190 }} options={SEVERITIES.map((s) => ({ value: s, label: t(`cw.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name={name('remediationDue')} label={t('cw.insp.remediationDue')}>
          <DatePicker aria-label={t('cw.insp.remediationDue')} format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Form.Item name={name('descriptionVi')} label={t('cw.insp.description')} rules={[{ required: true, whitespace: true, message: t('cw.insp.needText') }]}>
        <Input.TextArea aria-label={t('cw.insp.description')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

interface InspectionValues {
  kind: InspectionKind;
  inspectedOn: Dayjs;
  decisionRef?: string;
  conclusionVi?: string;
  withFinding?: boolean;
  finding?: FindingValues;
}

function RecordInspectionModal({ centre, onClose, onDone }: { centre: { id: string; name: string; code: string }; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<InspectionValues>();
  const withFinding = Form.useWatch('withFinding', form);
  const [record] = useMutation(RECORD_INSPECTION);
  const { submit, error, running } = useModalSubmit(
    form,
    (v) => record({
      variables: {
        input: {
          centreId: centre.id, kind: v.kind, inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
          decisionRef: v.decisionRef?.trim() || null, conclusionVi: v.conclusionVi?.trim() || null,
          findings: v.withFinding && v.finding ? [findingInput(v.finding)] : [],
        },
      },
    }),
    { success: t('cw.insp.recorded'), onDone: () => { onDone(); onClose(); } },
  );
  return (
    <Modal open width={680} title={`${t('cw.insp.record')} — ${centre.name}`} onCancel={onClose} onOk={() => void submit()} okText={t('cw.save')} cancelText={t('cw.cancel')} confirmLoading={running} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark initialValues={{ kind: 'SCHEDULED', inspectedOn: dayjs() }}>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('cw.insp.kind')} rules={[{ required: true }]}>
            <Select aria-label={t('cw.insp.kind')} style={{ width: 230 }} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`cw.insp.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="inspectedOn" label={t('cw.insp.date')} rules={[{ required: true, message: t('cw.insp.needDate') }]}>
            <DatePicker aria-label={t('cw.insp.date')} format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: 160 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="decisionRef" label={t('cw.insp.decision')}>
          <Input aria-label={t('cw.insp.decision')} maxLength={200} placeholder={t('cw.insp.decisionPlaceholder')} />
        </Form.Item>
        <Form.Item name="conclusionVi" label={t('cw.insp.conclusion')}>
          <Input.TextArea aria-label={t('cw.insp.conclusion')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="withFinding" valuePropName="checked">
          <Checkbox>{t('cw.insp.withFinding')}</Checkbox>
        </Form.Item>
        {withFinding && <FindingFields prefix="finding" />}
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

function AddFindingModal({ inspection, onClose, onDone }: { inspection: InspectionRow; onClose(): void; onDone(): void }) {
  const { t, formatDate } = useI18n();
  const [form] = Form.useForm<FindingValues>();
  const [add] = useMutation(RECORD_INSPECTION_FINDING);
  const { submit, error, running } = useModalSubmit(form, (v) => add({ variables: { inspectionId: inspection.id, input: findingInput(v) } }), {
    success: t('cw.insp.findingAdded'),
    onDone: () => { onDone(); onClose(); },
  });
  return (
    <Modal open width={680} title={t('cw.insp.addFindingTitle', { date: formatDate(inspection.inspectedOn) })} onCancel={onClose} onOk={() => void submit()} okText={t('cw.save')} cancelText={t('cw.cancel')} confirmLoading={running} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark>
        <FindingFields />
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
