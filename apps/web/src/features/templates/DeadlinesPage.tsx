import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CENTRE_DEADLINES, CENTRE_OPTIONS, GRANT_EXTENSION, type CentreDueReport, type DeadlineExtension } from '../../gql/templates';
import { useI18n } from '../../i18n';
import { describeError } from '../../errors';
import { EmptyState, ErrorState, SubmissionStatusTag } from '../../components/States';
import { problemsFromExtensions } from './templates';
import { useDebounced } from '../../useDebounced';

interface FormValues {
  centreId?: string;
  templateCode?: string;
  periodCode?: string;
  dueDate?: Dayjs;
  reason?: string;
}

/** The Sở grants a centre more time for one report (template × period); the centre's due list follows. */
export function DeadlinesPage() {
  const { t, pick, language, formatDate, periodLabel } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search, 250);
  const centres = useQuery(CENTRE_OPTIONS, { variables: { search: debouncedSearch.trim() || null, first: 30 } });
  const centreId = Form.useWatch('centreId', form);
  const templateCode = Form.useWatch('templateCode', form);
  const periodCode = Form.useWatch('periodCode', form);
  const due = useQuery(CENTRE_DEADLINES, { variables: { centreId: centreId ?? '' }, skip: !centreId, fetchPolicy: 'cache-and-network' });
  const [grant, { loading: granting }] = useMutation(GRANT_EXTENSION);
  const [result, setResult] = useState<{ extension: DeadlineExtension; centreName: string; templateName: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [centreNames, setCentreNames] = useState<Record<string, string>>({});

  const dueReports = useMemo(() => due.data?.dueReports ?? [], [due.data]);
  const templates = useMemo(() => {
    const seen = new Map<string, CentreDueReport>();
    for (const r of dueReports) if (!seen.has(r.templateCode)) seen.set(r.templateCode, r);
    return [...seen.values()];
  }, [dueReports]);
  const periods = dueReports.filter((r) => r.templateCode === templateCode);
  const selected = periods.find((r) => r.periodCode === periodCode);
  const extended = dueReports.filter((r) => r.extended);

  useEffect(() => {
    const nodes = centres.data?.centres.nodes ?? [];
    if (nodes.length) setCentreNames((prev) => ({ ...prev, ...Object.fromEntries(nodes.map((c) => [c.id, `${c.name} (${c.code})`])) }));
  }, [centres.data]);

  const submit = async (values: FormValues) => {
    setFailure(null);
    setResult(null);
    form.setFields([{ name: 'dueDate', errors: [] }, { name: 'reason', errors: [] }]);
    try {
      const r = await grant({
        variables: {
          input: {
            centreId: values.centreId!, templateCode: values.templateCode!, periodCode: values.periodCode!,
            dueDate: values.dueDate!.format('YYYY-MM-DD'), reason: values.reason!.trim(),
          },
        },
      });
      const extension = r.data?.grantExtension;
      if (!extension) return;
      const template = templates.find((x) => x.templateCode === extension.templateCode);
      setResult({ extension, centreName: centreNames[extension.centreId] ?? '', templateName: template ? pick(template.templateNameVi, template.templateNameEn) : extension.templateCode });
      await due.refetch();
      form.setFieldsValue({ dueDate: undefined, reason: undefined });
    } catch (e) {
      const info = describeError(e, language);
      const problems = problemsFromExtensions(info.extensions, { vi: describeError(e, 'vi').message, en: describeError(e, 'en').message });
      const known = new Set(['centreId', 'templateCode', 'periodCode', 'dueDate', 'reason']);
      const placed = problems.filter((p) => known.has(p.path));
      if (placed.length) form.setFields(placed.map((p) => ({ name: p.path as keyof FormValues, errors: [pick(p.messageVi, p.messageEn)] })));
      setFailure(info.message);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('ext.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>{t('ext.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ext.formTitle')}</h2>}>
            <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
              <Form.Item name="centreId" label={t('ext.centre')} rules={[{ required: true, message: t('ext.pickCentre') }]}>
                <Select
                  aria-label={t('ext.centre')}
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  placeholder={t('ext.searchCentre')}
                  loading={centres.loading}
                  notFoundContent={centres.loading ? t('app.loading') : t('ext.noCentre')}
                  onChange={() => {
                    form.setFieldsValue({ templateCode: undefined, periodCode: undefined, dueDate: undefined });
                    setResult(null);
                  }}
                  options={(centres.data?.centres.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
                />
              </Form.Item>
              <Form.Item name="templateCode" label={t('ext.template')} rules={[{ required: true, message: t('ext.pickTemplate') }]}>
                <Select
                  aria-label={t('ext.template')}
                  disabled={!centreId}
                  loading={due.loading}
                  placeholder={centreId ? t('ext.pickTemplate') : t('ext.pickCentreFirst')}
                  onChange={() => form.setFieldsValue({ periodCode: undefined, dueDate: undefined })}
                  options={templates.map((r) => ({ value: r.templateCode, label: pick(r.templateNameVi, r.templateNameEn) }))}
                />
              </Form.Item>
              <Form.Item name="periodCode" label={t('ext.period')} rules={[{ required: true, message: t('ext.pickPeriod') }]}
                extra={selected ? t('ext.regularDue', { date: formatDate(selected.regularDueDate) }) + (selected.extended ? ` · ${t('ext.currentlyExtended', { date: formatDate(selected.dueDate) })}` : '') : undefined}>
                <Select
                  aria-label={t('ext.period')}
                  disabled={!templateCode}
                  placeholder={t('ext.pickPeriod')}
                  onChange={() => form.setFieldsValue({ dueDate: undefined })}
                  options={periods.map((r) => ({
                    value: r.periodCode,
                    label: `${pick(r.periodLabelVi, r.periodLabelEn) || periodLabel(r.periodCode)} — ${t('col.dueDate').toLowerCase()} ${formatDate(r.dueDate)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="dueDate" label={t('ext.newDueDate')} rules={[{ required: true, message: t('ext.pickDate') }]}>
                <DatePicker
                  aria-label={t('ext.newDueDate')}
                  format="DD/MM/YYYY"
                  style={{ width: 220 }}
                  disabled={!selected}
                  disabledDate={(d) => !!selected && !d.isAfter(dayjs(selected.regularDueDate), 'day')}
                  placeholder="dd/mm/yyyy"
                />
              </Form.Item>
              <Form.Item name="reason" label={t('ext.reason')} rules={[{ required: true, whitespace: true, message: t('ext.needReason') }]}>
                <Input.TextArea aria-label={t('ext.reason')} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t('ext.reasonPlaceholder')} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={granting}>{t('ext.grant')}</Button>
            </Form>
            {failure && <Alert style={{ marginTop: 16 }} type="error" showIcon role="alert" title={failure} data-testid="extension-error" />}
            {result && (
              <Alert
                style={{ marginTop: 16 }}
                type="success"
                showIcon
                data-testid="extension-result"
                title={t('ext.granted', {
                  template: result.templateName, period: periodLabel(result.extension.periodCode), centre: result.centreName, date: formatDate(result.extension.dueDate),
                })}
                description={`${t('ext.reason')}: ${result.extension.reason}`}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ext.listTitle')}</h2>} data-testid="extension-list">
            {!centreId ? (
              <EmptyState text={t('ext.listPickCentre')} />
            ) : due.error && !due.data ? (
              <ErrorState error={due.error} onRetry={() => void due.refetch()} />
            ) : (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('ext.listNote')}</Typography.Paragraph>
                <Table<CentreDueReport>
                  rowKey={(r) => `${r.templateCode}:${r.periodCode}`}
                  size="small"
                  loading={due.loading && !due.data}
                  dataSource={extended}
                  pagination={false}
                  locale={{ emptyText: <EmptyState text={t('ext.noneExtended')} /> }}
                  columns={[
                    {
                      title: t('ext.report'),
                      key: 'report',
                      render: (_, r) => (
                        <>
                          <div>{pick(r.periodLabelVi, r.periodLabelEn)}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{pick(r.templateNameVi, r.templateNameEn)}</Typography.Text>
                        </>
                      ),
                    },
                    { title: t('ext.regular'), dataIndex: 'regularDueDate', width: 105, render: (d: string) => formatDate(d) },
                    { title: t('ext.extendedTo'), dataIndex: 'dueDate', width: 105, render: (d: string) => <strong>{formatDate(d)}</strong> },
                    { title: t('col.status'), dataIndex: 'status', width: 120, render: (s: string) => <SubmissionStatusTag status={s} /> },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
