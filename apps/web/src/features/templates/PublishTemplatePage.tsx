import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Collapse, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import { validateTemplateDefinition, type DeadlineRule, type TemplateDefinition } from '@gdtx/domain';
import { PUBLISH_REPORT_TEMPLATE, TEMPLATE_DETAIL } from '../../gql/templates';
import { asTemplateDefinition } from '../../gql/json';
import { useI18n, type MessageKey } from '../../i18n';
import { describeError } from '../../errors';
import { ErrorState, Loading } from '../../components/States';
import {
  applyEdits, changesInWords, deadlineInWords, editsOf, fieldCodeOfPath, pathInWords, problemsFromExtensions, sameDefinition,
  type FieldEdit, type NewField, type NewFieldType, type PathProblem, type TemplateEdits,
} from './templates';

const NEW_FIELD_TYPES: NewFieldType[] = ['integer', 'decimal', 'percent', 'text', 'boolean'];

function ProblemList({ problems, definition, title, type }: { problems: PathProblem[]; definition: TemplateDefinition; title: string; type: 'error' | 'warning' }) {
  const { pick, language } = useI18n();
  if (!problems.length) return null;
  return (
    <Alert
      type={type}
      showIcon
      role="alert"
      data-testid={type === 'error' ? 'server-problems' : 'check-problems'}
      style={{ marginBottom: 16 }}
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((p, i) => (
            <li key={i}><strong>{pathInWords(definition, p.path, language)}:</strong> {pick(p.messageVi, p.messageEn)}</li>
          ))}
        </ul>
      }
    />
  );
}

function DeadlineEditor({ value, onChange, periodType }: { value: DeadlineRule; onChange(v: DeadlineRule): void; periodType: TemplateDefinition['periodType'] }) {
  const { t, language } = useI18n();
  return (
    <Space wrap align="center">
      <Select<DeadlineRule['kind']>
        aria-label={t('tpl.deadlineKind')}
        style={{ width: 260 }}
        value={value.kind}
        onChange={(kind) => onChange(kind === 'AFTER_PERIOD_END' ? { kind, days: 15 } : { kind, month: 10, day: 2, yearOffset: 0 })}
        options={[
          { value: 'AFTER_PERIOD_END', label: t('tpl.deadline.after') },
          { value: 'FIXED_DATE', label: t('tpl.deadline.fixed') },
        ]}
      />
      {value.kind === 'AFTER_PERIOD_END' ? (
        <InputNumber aria-label={t('tpl.deadlineDays')} min={0} max={365} precision={0} value={value.days} suffix={t('tpl.days')}
          onChange={(days) => onChange({ ...value, days: days ?? 0 })} style={{ width: 140 }} />
      ) : (
        <>
          <InputNumber aria-label={t('tpl.deadlineDay')} min={1} max={31} precision={0} value={value.day} prefix={t('tpl.day')}
            onChange={(day) => onChange({ ...value, day: day ?? 1 })} style={{ width: 120 }} />
          <InputNumber aria-label={t('tpl.deadlineMonth')} min={1} max={12} precision={0} value={value.month} prefix={t('tpl.month')}
            onChange={(month) => onChange({ ...value, month: month ?? 1 })} style={{ width: 130 }} />
          <Select<number> aria-label={t('tpl.deadlineYear')} style={{ width: 200 }} value={value.yearOffset}
            onChange={(yearOffset) => onChange({ ...value, yearOffset })}
            options={[0, 1].map((n) => ({ value: n, label: t(n === 0 ? 'tpl.yearSame' : 'tpl.yearNext') }))} />
        </>
      )}
      <Typography.Text type="secondary" data-testid="deadline-words">= {deadlineInWords(value, periodType, language)}</Typography.Text>
    </Space>
  );
}

/**
 * Publishing a new version: the form edits what a Sở specialist changes (name, deadline, field labels and
 * help, new optional fields); the advanced tab edits the whole JSON. The domain's own check runs as one types;
 * the server checks again (and refuses e.g. a changed period type), its problems listed where they are.
 */
export function PublishTemplatePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const from = Number(params.get('from')) || null;
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const { t, pick, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(TEMPLATE_DETAIL, { variables: { code, version: from } });
  const latest = useQuery(TEMPLATE_DETAIL, { variables: { code }, fetchPolicy: 'cache-and-network' });
  const base: TemplateDefinition | undefined = data ? asTemplateDefinition(data.reportTemplate.definition) : undefined;
  const [edits, setEdits] = useState<TemplateEdits | null>(null);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [serverProblems, setServerProblems] = useState<PathProblem[]>([]);
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [publish, { loading: publishing }] = useMutation(PUBLISH_REPORT_TEMPLATE, { refetchQueries: ['ReportTemplates', 'TemplateDetail', 'TemplateVersions'], awaitRefetchQueries: true });

  useEffect(() => {
    if (base && !edits) setEdits(editsOf(base));
  }, [base, edits]);

  const parsedJson = useMemo<{ definition: TemplateDefinition | null; error: string | null }>(() => {
    if (mode !== 'json') return { definition: null, error: null };
    try {
      const value = JSON.parse(jsonText) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { definition: null, error: t('tpl.jsonNotObject') };
      return { definition: value as TemplateDefinition, error: null };
    } catch (e) {
      return { definition: null, error: `${t('tpl.jsonInvalid')}: ${(e as Error).message}` };
    }
  }, [mode, jsonText, t]);

  const draft = useMemo<TemplateDefinition | null>(() => {
    if (!base || !edits) return null;
    return mode === 'json' ? parsedJson.definition : applyEdits(base, edits);
  }, [base, edits, mode, parsedJson]);

  const checkProblems = useMemo<PathProblem[]>(() => {
    if (!draft) return [];
    try {
      return validateTemplateDefinition(draft);
    } catch {
      return [{ path: 'definition', messageVi: 'Định nghĩa biểu mẫu sai cấu trúc', messageEn: 'Malformed template definition' }];
    }
  }, [draft]);

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !base || !edits || !data) return <Loading />;

  const template = data.reportTemplate;
  const latestVersion = latest.data?.reportTemplate.version ?? template.version;
  const changes = draft ? changesInWords(base, draft, language) : [];
  const changed = !!draft && !sameDefinition(draft, base);
  const problemsByField = new Map<string, PathProblem[]>();
  for (const p of [...checkProblems, ...serverProblems]) {
    const fieldCode = draft ? fieldCodeOfPath(draft, p.path) : null;
    if (fieldCode) problemsByField.set(fieldCode, [...(problemsByField.get(fieldCode) ?? []), p]);
  }

  const setField = (fieldCode: string, patch: Partial<FieldEdit>) =>
    setEdits({ ...edits, fields: { ...edits.fields, [fieldCode]: { ...edits.fields[fieldCode], ...patch } } });
  const setNewField = (index: number, patch: Partial<NewField>) =>
    setEdits({ ...edits, newFields: edits.newFields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });

  const doPublish = async (definition: TemplateDefinition) => {
    setServerProblems([]);
    setServerMessage(null);
    try {
      const result = await publish({ variables: { definition } });
      const published = result.data?.publishReportTemplate;
      if (!published) return;
      // The template page says so in a banner that stays (a toast is easily missed).
      navigate(`/templates/${encodeURIComponent(code)}`, { state: { published: published.version } });
    } catch (e) {
      const info = describeError(e, language);
      const vi = describeError(e, 'vi').message;
      const en = describeError(e, 'en').message;
      setServerMessage(info.message);
      setServerProblems(problemsFromExtensions(info.extensions, { vi, en }));
    }
  };

  const confirmPublish = () => {
    if (!draft) return;
    modal.confirm({
      title: t('tpl.confirmTitle', { n: latestVersion + 1 }),
      okText: t('tpl.publish'),
      cancelText: t('common.cancel'),
      width: 620,
      content: (
        <>
          <Typography.Paragraph>{t('tpl.confirmText', { code: template.code })}</Typography.Paragraph>
          <ul data-testid="confirm-changes">
            {(changes.length ? changes : [t('tpl.otherChanges')]).map((c, i) => <li key={i}>{c}</li>)}
          </ul>
        </>
      ),
      onOk: () => doPublish(draft),
    });
  };

  const fieldProblems = (fieldCode: string) => {
    const list = problemsByField.get(fieldCode);
    if (!list?.length) return null;
    return (
      <div role="alert" style={{ color: '#cf1322', fontSize: 12 }} data-testid={`field-problem-${fieldCode}`}>
        {list.map((p) => pick(p.messageVi, p.messageEn)).join(' ')}
      </div>
    );
  };

  const formTab = (
    <>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('tpl.general')}</h2>} style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap style={{ width: '100%' }}>
            <label>
              {t('tpl.nameVi')}
              <Input aria-label={t('tpl.nameVi')} value={edits.nameVi} onChange={(e) => setEdits({ ...edits, nameVi: e.target.value })} style={{ width: 480, display: 'block' }} />
            </label>
            <label>
              {t('tpl.nameEn')}
              <Input aria-label={t('tpl.nameEn')} value={edits.nameEn} onChange={(e) => setEdits({ ...edits, nameEn: e.target.value })} style={{ width: 400, display: 'block' }} />
            </label>
          </Space>
          <div>
            <div style={{ marginBottom: 4 }}>{t('tpl.col.deadline')}</div>
            <DeadlineEditor value={edits.deadline} periodType={base.periodType} onChange={(deadline) => setEdits({ ...edits, deadline })} />
          </div>
        </Space>
      </Card>
      <Typography.Paragraph type="secondary">{t('tpl.fieldsHint')}</Typography.Paragraph>
      <Collapse
        defaultActiveKey={[base.sections[0]?.code]}
        items={base.sections.map((section, sectionIndex) => ({
          key: section.code,
          label: <span>{sectionIndex + 1}. {pick(section.titleVi, section.titleEn)}</span>,
          children: (
            <div>
              <table className="edit-fields-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
                <thead>
                  <tr>
                    <th style={{ textAlign: 'left', width: 170 }}>{t('tpl.col.code')}</th>
                    <th style={{ textAlign: 'left' }}>{t('tpl.labelVi')}</th>
                    <th style={{ textAlign: 'left' }}>{t('tpl.labelEn')}</th>
                    <th style={{ textAlign: 'left' }}>{t('tpl.helpVi')}</th>
                  </tr>
                </thead>
                <tbody>
                  {section.fields.map((field) => {
                    const edit = edits.fields[field.code];
                    return (
                      <tr key={field.code}>
                        <td><code style={{ fontSize: 12 }}>{field.code}</code></td>
                        <td>
                          <Input aria-label={`${t('tpl.labelVi')} (${field.code})`} value={edit.labelVi} status={problemsByField.has(field.code) ? 'error' : undefined}
                            onChange={(e) => setField(field.code, { labelVi: e.target.value })} />
                          {fieldProblems(field.code)}
                        </td>
                        <td><Input aria-label={`${t('tpl.labelEn')} (${field.code})`} value={edit.labelEn} onChange={(e) => setField(field.code, { labelEn: e.target.value })} /></td>
                        <td><Input aria-label={`${t('tpl.helpVi')} (${field.code})`} value={edit.helpVi} onChange={(e) => setField(field.code, { helpVi: e.target.value })} /></td>
                      </tr>
                    );
                  })}
                  {edits.newFields.map((added, index) =>
                    added.sectionCode !== section.code ? null : (
                      <tr key={`new-${index}`} className="new-field-row">
                        <td>
                          <Input aria-label={`${t('tpl.newFieldCode')} ${index + 1}`} placeholder="vd: so_hoc_vien_moi" value={added.code}
                            status={problemsByField.has(added.code) ? 'error' : undefined}
                            onChange={(e) => setNewField(index, { code: e.target.value })} />
                          <Select<NewFieldType> aria-label={`${t('tpl.col.type')} ${index + 1}`} style={{ width: '100%', marginTop: 4 }} value={added.type}
                            onChange={(type) => setNewField(index, { type })}
                            options={NEW_FIELD_TYPES.map((v) => ({ value: v, label: t(`tpl.type.${v}` as MessageKey) }))} />
                        </td>
                        <td>
                          <Input aria-label={`${t('tpl.labelVi')} (${t('tpl.newField')} ${index + 1})`} value={added.labelVi} onChange={(e) => setNewField(index, { labelVi: e.target.value })} />
                          {fieldProblems(added.code)}
                        </td>
                        <td><Input aria-label={`${t('tpl.labelEn')} (${t('tpl.newField')} ${index + 1})`} value={added.labelEn} onChange={(e) => setNewField(index, { labelEn: e.target.value })} /></td>
                        <td>
                          <Space.Compact style={{ width: '100%' }}>
                            <Input aria-label={`${t('tpl.col.unit')} (${t('tpl.newField')} ${index + 1})`} placeholder={t('tpl.col.unit')} value={added.unit ?? ''}
                              onChange={(e) => setNewField(index, { unit: e.target.value })} />
                            <Button danger onClick={() => setEdits({ ...edits, newFields: edits.newFields.filter((_, i) => i !== index) })}>{t('tpl.remove')}</Button>
                          </Space.Compact>
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
              <Button style={{ marginTop: 8 }} onClick={() =>
                setEdits({ ...edits, newFields: [...edits.newFields, { sectionCode: section.code, code: '', labelVi: '', labelEn: '', type: 'integer' }] })
              }>
                + {t('tpl.addField')}
              </Button>
            </div>
          ),
        }))}
      />
    </>
  );

  const jsonTab = (
    <>
      <Typography.Paragraph type="secondary">{t('tpl.jsonHint')}</Typography.Paragraph>
      {parsedJson.error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={parsedJson.error} />}
      <Input.TextArea
        aria-label={t('tpl.jsonLabel')}
        data-testid="json-editor"
        value={jsonText}
        onChange={(e) => setJsonText(e.target.value)}
        autoSize={{ minRows: 16, maxRows: 32 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
    </>
  );

  return (
    <>
      <div style={{ marginBottom: 8 }}><Link to={`/templates/${encodeURIComponent(code)}`}>← {t('tpl.backToTemplate')}</Link></div>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginTop: 0 }}>
        {t('tpl.publishTitle', { name: pick(template.nameVi, template.nameEn) })}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('tpl.publishIntro', { from: template.version, next: latestVersion + 1 })}
      />
      {serverMessage && (
        <ProblemList
          type="error"
          definition={draft ?? base}
          title={t('tpl.serverRefused', { message: serverMessage })}
          problems={serverProblems.length ? serverProblems : [{ path: '', messageVi: serverMessage, messageEn: serverMessage }]}
        />
      )}
      <ProblemList type="warning" definition={draft ?? base} title={t('tpl.checkProblems', { n: checkProblems.length })} problems={checkProblems} />
      <Card>
        <Tabs
          activeKey={mode}
          onChange={(key) => {
            if (key === 'json') setJsonText(JSON.stringify(applyEdits(base, edits), null, 2));
            setServerProblems([]);
            setServerMessage(null);
            setMode(key as 'form' | 'json');
          }}
          items={[
            { key: 'form', label: t('tpl.tabForm'), children: formTab },
            { key: 'json', label: t('tpl.tabJson'), children: jsonTab },
          ]}
        />
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" loading={publishing} disabled={!draft || !changed || checkProblems.length > 0} onClick={confirmPublish}>
            {t('tpl.reviewAndPublish')}
          </Button>
          <Button onClick={() => navigate(`/templates/${encodeURIComponent(code)}`)}>{t('common.cancel')}</Button>
          {!changed && draft && <Typography.Text type="secondary">{t('tpl.noChanges')}</Typography.Text>}
        </Space>
      </Card>
    </>
  );
}
