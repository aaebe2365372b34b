import { useMemo, useState } from 'react';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, InputNumber, List, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { PeriodType } from '@gdtx/domain';
import { useI18n, type MessageKey } from '../../i18n';
import {
  INDICATOR_DEFINITIONS, INDICATOR_TEMPLATES, PREVIEW_INDICATOR_DEFINITION, SAVE_INDICATOR_DEFINITION,
  type IndicatorDefinitionRow, type IndicatorPreviewResult,
} from './indicators.documents';
import type { IndicatorAggregation, SaveIndicatorDefinitionInput } from '../../gql/__generated__/graphql';
import { fieldProblems, formulaText, recentEndedPeriods, type FieldProblemView } from './indicators';
import { ErrorState, Loading } from '../../components/States';
import { describeError, errorReasonOf } from '../../errors';
import { DocumentSettingsCard } from '../settings/DocumentSettingsCard';
import { useAuth } from '../../auth';

interface FormValues {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: string;
  descriptionVi?: string | null;
  templateCodes: string[];
  aggregation: IndicatorAggregation;
  numerator: string;
  denominator?: string | null;
  factor: number;
}

const EMPTY: FormValues = { code: '', nameVi: '', nameEn: '', unit: '%', descriptionVi: '', templateCodes: ['GDTX_SCHOOL_YEAR'], aggregation: 'RATIO_OF_SUMS', numerator: '', denominator: '', factor: 100 };

/**
 * "Chỉ tiêu" (/settings/indicators): the Sở administrator's indicator definitions (issue 11, Build 4). The list
 * shows each indicator's current formula, whether it is national or the province's own, and its versions; the
 * editor checks and previews a definition on the real accepted reports of a chosen period before it is saved as
 * a new version. Works on a phone: cards instead of a wide table, the editor full width.
 */
export function IndicatorsPage() {
  const { t, language, formatNumber, formatDateTime } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = !(screens.md ?? true);
  const defs = useQuery(INDICATOR_DEFINITIONS, { fetchPolicy: 'cache-and-network' });
  const templates = useQuery(INDICATOR_TEMPLATES);
  const [editing, setEditing] = useState<IndicatorDefinitionRow | 'new' | null>(null);
  const [versionsOf, setVersionsOf] = useState<IndicatorDefinitionRow | null>(null);

  const rows = defs.data?.indicatorDefinitions ?? [];
  const formula = (f: { numerator: string; denominator?: string | null; factor: number; aggregation: string }) =>
    formulaText({ ...f, denominator: f.denominator ?? null }, (n) => formatNumber(n));

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('ind.title')}</Typography.Title>
      <Card data-testid="indicators-page">
        <Typography.Paragraph type="secondary">{t('ind.intro')}</Typography.Paragraph>
        <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="indicator-add">{t('ind.add')}</Button>
        {defs.error && !defs.data ? (
          <ErrorState error={defs.error} onRetry={() => void defs.refetch()} />
        ) : defs.loading && !defs.data ? (
          <Loading />
        ) : (
          <List
            dataSource={rows}
            rowKey="code"
            renderItem={(d) => (
              <List.Item
                data-testid={`indicator-${d.code}`}
                actions={[
                  <Button key="edit" size="small" onClick={() => setEditing(d)} aria-label={`${t('ind.edit')}: ${d.nameVi}`}>{t('ind.edit')}</Button>,
                  <Button key="versions" size="small" onClick={() => setVersionsOf(d)} aria-label={`${t('ind.versions')}: ${d.nameVi}`}>
                    {t('ind.versions')} ({d.versions.length})
                  </Button>,
                ]}
                style={{ flexWrap: 'wrap', gap: 8 }}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{language === 'en' ? d.nameEn : d.nameVi}</span>
                      <Tag>{d.code}</Tag>
                      <Tag color={d.provinceId ? 'blue' : 'default'} data-testid="indicator-scope">{d.provinceId ? t('ind.own') : t('ind.national')}</Tag>
                      <Tag data-testid="indicator-version">{t('ind.version', { n: d.version })}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <code data-testid="indicator-formula" style={{ wordBreak: 'break-word' }}>{formula(d)}</code>
                      {d.unit ? ` (${d.unit})` : ''}
                      <br />
                      <Typography.Text type="secondary">{t('ind.templates')}: {d.templateCodes.join(', ')}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      {editing && (
        <IndicatorEditor
          key={editing === 'new' ? 'new' : `${editing.code}-${editing.version}`}
          definition={editing === 'new' ? null : editing}
          templates={templates.data?.reportTemplates ?? []}
          narrow={narrow}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            void message.success(t('ind.saved', { n: saved.version, code: saved.code }));
            setEditing(null);
            void defs.refetch();
          }}
          onStale={async () => {
            const fresh = await defs.refetch();
            const current = fresh.data?.indicatorDefinitions.find((x) => editing !== 'new' && x.code === editing.code);
            void message.warning(t('ind.stale'));
            if (current) setEditing(current);
          }}
        />
      )}

      <Drawer
        open={!!versionsOf}
        onClose={() => setVersionsOf(null)}
        title={versionsOf ? `${t('ind.versions')}: ${versionsOf.code}` : ''}
        width={narrow ? '100%' : 640}
        destroyOnHidden
      >
        {versionsOf && (
          <List
            dataSource={versionsOf.versions}
            rowKey={(v) => `${v.version}-${v.provinceId ?? 'national'}`}
            renderItem={(v) => (
              <List.Item data-testid={`indicator-version-${v.version}`}>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{t('ind.version', { n: v.version })}</span>
                      <Tag color={v.provinceId ? 'blue' : 'default'}>{v.provinceId ? t('ind.own') : t('ind.national')}</Tag>
                      {v.version === versionsOf.version && <Tag color="green">{t('ind.current')}</Tag>}
                    </Space>
                  }
                  description={
                    <>
                      <div>{v.nameVi}</div>
                      <code style={{ wordBreak: 'break-word' }}>{formula(v)}</code>
                      <div>{t('ind.templates')}: {v.templateCodes.join(', ')}</div>
                      <Typography.Text type="secondary">{t('ind.createdAt')}: {formatDateTime(v.createdAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
      {/* The Sở's other settings of its reports: what its official documents carry (issue 15 item 5). */}
      {can('DOCUMENT_SETTINGS_MANAGE') && <DocumentSettingsCard />}
    </>
  );
}

/** The editor of one definition (or a new one): checked and previewed on real data, saved as a new version. */
function IndicatorEditor(props: {
  definition: IndicatorDefinitionRow | null;
  templates: { code: string; nameVi: string; periodType: string }[];
  narrow: boolean;
  onClose(): void;
  onSaved(saved: IndicatorDefinitionRow): void;
  onStale(): void;
}) {
  const { t, language, formatNumber, periodLabel } = useI18n();
  const tk = (key: string) => t(key as MessageKey);
  const { definition } = props;
  const [form] = Form.useForm<FormValues>();
  const [problems, setProblems] = useState<FieldProblemView[]>([]);
  const [preview, setPreview] = useState<IndicatorPreviewResult | null>(null);
  const [runPreview, previewState] = useLazyQuery(PREVIEW_INDICATOR_DEFINITION, { fetchPolicy: 'network-only' });
  const [save, saveState] = useMutation(SAVE_INDICATOR_DEFINITION);
  const aggregation = Form.useWatch('aggregation', form) ?? definition?.aggregation ?? EMPTY.aggregation;
  const chosen = Form.useWatch('templateCodes', form) ?? definition?.templateCodes ?? EMPTY.templateCodes;
  const periodType = (props.templates.find((x) => x.code === chosen?.[0])?.periodType ?? 'SCHOOL_YEAR') as PeriodType;
  const periods = useMemo(() => recentEndedPeriods(periodType, 8), [periodType]);
  const [period, setPeriod] = useState<string | null>(null);
  const periodCode = period && periods.includes(period) ? period : periods[0];

  const initial: FormValues = definition
    ? { code: definition.code, nameVi: definition.nameVi, nameEn: definition.nameEn, unit: definition.unit, descriptionVi: definition.descriptionVi ?? '', templateCodes: definition.templateCodes, aggregation: definition.aggregation, numerator: definition.numerator, denominator: definition.denominator ?? '', factor: definition.factor }
    : EMPTY;

  const toInput = (v: FormValues): SaveIndicatorDefinitionInput => ({
    code: v.code.trim(), nameVi: v.nameVi, nameEn: v.nameEn, unit: v.unit ?? '', descriptionVi: v.descriptionVi || null, templateCodes: v.templateCodes,
    numerator: v.numerator, denominator: v.aggregation === 'SUM' ? null : v.denominator || null, factor: v.factor, aggregation: v.aggregation,
    expectedVersion: definition ? definition.version : null,
  });

  const showProblems = (error: unknown): boolean => {
    const info = describeError(error, language);
    const found = fieldProblems(info.extensions, language);
    setProblems(found.length ? found : [{ field: '', message: info.message }]);
    form.setFields((['numerator', 'denominator', 'templateCodes', 'factor'] as const).map((name) => ({ name, errors: found.filter((p) => p.field === name).map((p) => p.message) })));
    return found.length > 0;
  };

  const onPreview = async () => {
    const values = await form.validateFields();
    setProblems([]);
    setPreview(null);
    try {
      // Apollo 4: the promise rejects on a GraphQL error (older versions resolved with `error`).
      const r = await runPreview({ variables: { input: toInput(values), periodCode } });
      if (r.error) showProblems(r.error);
      else if (r.data) {
        form.setFields((['numerator', 'denominator', 'templateCodes', 'factor'] as const).map((name) => ({ name, errors: [] })));
        setPreview(r.data.previewIndicatorDefinition);
      }
    } catch (e) {
      showProblems(e);
    }
  };

  const onSave = async () => {
    const values = await form.validateFields();
    setProblems([]);
    try {
      const r = await save({ variables: { input: toInput(values) } });
      if (r.data) props.onSaved(r.data.saveIndicatorDefinition);
    } catch (e) {
      if (errorReasonOf(e) === 'STALE_VERSION') props.onStale();
      else showProblems(e);
    }
  };

  const value = (v: number | null | undefined) => (v === null || v === undefined ? t('ind.noValue') : formatNumber(v));
  const required = [{ required: true, message: t('ind.required') }];
  return (
    <Drawer
      open
      onClose={props.onClose}
      title={definition ? t('ind.editTitle', { code: definition.code }) : t('ind.newTitle')}
      width={props.narrow ? '100%' : 720}
      destroyOnHidden
      data-testid="indicator-editor"
    >
      {definition && !definition.provinceId && <Alert type="info" showIcon title={t('ind.nationalNote')} style={{ marginBottom: 12 }} />}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} requiredMark>
        <Form.Item name="code" label={t('ind.code')} extra={t('ind.codeHelp')} rules={[...required, { pattern: /^[A-Z][A-Z0-9_]{1,59}$/, message: t('ind.codeHelp') }]}>
          <Input disabled={!!definition} autoCapitalize="characters" />
        </Form.Item>
        <Form.Item name="nameVi" label={t('ind.nameVi')} rules={required}><Input maxLength={200} /></Form.Item>
        <Form.Item name="nameEn" label={t('ind.nameEn')} rules={required}><Input maxLength={200} /></Form.Item>
        <Space wrap align="start">
          <Form.Item name="unit" label={t('ind.unit')}><Input maxLength={40} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="factor" label={t('ind.factor')} extra={t('ind.factorHelp')} rules={required}><InputNumber min={0.000001} style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item name="templateCodes" label={t('ind.templates')} rules={required}>
          <Select mode="multiple" options={props.templates.map((x) => ({ value: x.code, label: `${x.nameVi} (${x.code})` }))} />
        </Form.Item>
        <Form.Item name="aggregation" label={t('ind.aggregation')}>
          <Radio.Group options={(['RATIO_OF_SUMS', 'SUM'] as const).map((a) => ({ value: a, label: tk(`ind.agg.${a}`) }))} />
        </Form.Item>
        <Form.Item name="numerator" label={t('ind.numerator')} extra={t('ind.expressionHelp')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {aggregation !== 'SUM' && (
          <Form.Item name="denominator" label={t('ind.denominator')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <Form.Item name="descriptionVi" label={t('ind.description')}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} /></Form.Item>
      </Form>

      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="indicator-problems"
          title={t('ind.problems')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
          style={{ marginBottom: 12 }}
        />
      )}

      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="indicator-preview-period">{t('ind.previewPeriod')}:</label>
        <Select id="indicator-preview-period" value={periodCode} onChange={setPeriod} style={{ width: 220 }} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
        <Button onClick={() => void onPreview()} loading={previewState.loading} data-testid="indicator-preview">{t('ind.preview')}</Button>
        <Button type="primary" onClick={() => void onSave()} loading={saveState.loading} data-testid="indicator-save">{t('ind.save')}</Button>
      </Space>

      {preview && (
        <div data-testid="indicator-preview-result">
          <Typography.Title level={3} style={{ fontSize: 18 }} data-testid="indicator-preview-total">
            {t('ind.previewTotal', { value: value(preview.total.value) })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('ind.coverage', { reporting: preview.total.coverage.reporting, expected: preview.total.coverage.expected })}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => r.centreId ?? ''}
            dataSource={preview.byCentre}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('ind.col.centre'), key: 'centre', render: (_, r) => r.centreName },
              { title: t('ind.col.value'), key: 'value', render: (_, r) => <span data-testid="preview-centre-value">{r.coverage.reporting ? value(r.value) : t('ind.noValue')}</span> },
              { title: t('ind.col.numerator'), key: 'numerator', render: (_, r) => (r.coverage.reporting ? formatNumber(r.numerator) : '—') },
              ...(aggregation !== 'SUM' ? [{ title: t('ind.col.denominator'), key: 'denominator', render: (_: unknown, r: IndicatorPreviewResult['byCentre'][number]) => (r.coverage.reporting ? value(r.denominator) : '—') }] : []),
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}
