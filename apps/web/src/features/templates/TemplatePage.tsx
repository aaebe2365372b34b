import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Result, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { FieldDef, GridDef, RuleDef, TemplateDefinition } from '@gdtx/domain';
import { TEMPLATE_DETAIL, TEMPLATE_VERSIONS, type TemplateVersionInfo } from '../../gql/templates';
import { asTemplateDefinition } from '../../gql/json';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { errorCodeOf } from '../../errors';
import { ErrorState, Loading } from '../../components/States';
import { deadlineInWords, ruleInWords, ruleKeysInWords } from './templates';

/**
 * Every version of a template the user can see, newest first; asked again when a newer version appears
 * (`latest` changes after a publication).
 */
export function useTemplateVersions(code: string, latest: number | undefined): TemplateVersionInfo[] | null {
  const { data, refetch } = useQuery(TEMPLATE_VERSIONS, { variables: { code }, skip: !latest });
  const versions = data?.reportTemplateVersions ?? null;
  const current = !!versions && versions.some((v) => v.version === latest);
  // A list cached before a publication lacks the new version: ask again.
  useEffect(() => {
    if (latest && versions && !current) void refetch();
  }, [latest, versions, current, refetch]);
  return current ? versions : null;
}

function fieldTypeLabel(t: (k: MessageKey) => string, field: FieldDef): string {
  return t(`tpl.type.${field.type}` as MessageKey);
}

function bounds(field: FieldDef, formatNumber: (v: number) => string): string {
  if (field.min === undefined && field.max === undefined) return '—';
  if (field.max === undefined) return `≥ ${formatNumber(field.min!)}`;
  if (field.min === undefined) return `≤ ${formatNumber(field.max)}`;
  return `${formatNumber(field.min)} – ${formatNumber(field.max)}`;
}

function GridView({ grid }: { grid: GridDef }) {
  const { t, pick } = useI18n();
  return (
    <div className="template-grid" style={{ marginTop: 12 }} data-testid={`grid-${grid.code}`}>
      <Typography.Text strong>{t('tpl.grid')}: {pick(grid.labelVi, grid.labelEn)}</Typography.Text>{' '}
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{grid.code}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {t('tpl.gridShape', { rows: grid.rows.length, columns: grid.columns.length })}
        {grid.unit ? ` · ${t('tpl.col.unit')}: ${grid.unit}` : ''}
        {grid.required ? ` · ${t('tpl.required')}` : ''}
      </div>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{t('tpl.gridRows')}: </Typography.Text>
        {grid.rows.map((r) => pick(r.labelVi, r.labelEn)).join('; ')}
      </div>
      <div>
        <Typography.Text type="secondary">{t('tpl.gridColumns')}: </Typography.Text>
        {grid.columns.map((c) => pick(c.labelVi, c.labelEn)).join('; ')}
      </div>
    </div>
  );
}

export function TemplateDefinitionView({ definition }: { definition: TemplateDefinition }) {
  const { t, pick, language, formatNumber } = useI18n();
  const structure = (
    <>
      {definition.sections.map((section, index) => (
        <Card
          key={section.code}
          size="small"
          style={{ marginTop: index ? 16 : 0 }}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{index + 1}. {pick(section.titleVi, section.titleEn)}</h2>}
        >
          <Table<FieldDef>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={section.fields}
            columns={[
              { title: t('tpl.col.no'), key: 'no', width: 48, render: (_, __, i) => i + 1 },
              {
                title: t('tpl.col.field'),
                key: 'label',
                render: (_, f) => (
                  <>
                    <span data-testid={`field-label-${f.code}`}>{pick(f.labelVi, f.labelEn)}</span>
                    {f.isTarget && <Tag style={{ marginLeft: 6, color: '#1f1f1f' }}>{t('tpl.target')}</Tag>}
                    {f.computed && (
                      <Tag style={{ marginLeft: 6, color: '#1f1f1f' }} data-testid={`field-computed-${f.code}`}>
                        {t('form.computed')}: <code style={{ fontSize: 12 }}>{f.computed.expression}</code>
                      </Tag>
                    )}
                    {(f.helpVi || f.helpEn) && (
                      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{pick(f.helpVi ?? '', f.helpEn)}</Typography.Text></div>
                    )}
                  </>
                ),
              },
              { title: t('tpl.col.code'), dataIndex: 'code', width: 190, render: (c: string) => <code style={{ fontSize: 12 }}>{c}</code> },
              { title: t('tpl.col.type'), key: 'type', width: 110, render: (_, f) => fieldTypeLabel(t, f) },
              { title: t('tpl.col.unit'), dataIndex: 'unit', width: 90, render: (u?: string) => u || '—' },
              { title: t('tpl.col.bounds'), key: 'bounds', width: 100, render: (_, f) => bounds(f, formatNumber) },
              { title: t('tpl.col.required'), dataIndex: 'required', width: 90, render: (r?: boolean) => (r ? t('form.yes') : '—') },
            ]}
          />
          {section.grids?.map((grid) => <GridView key={grid.code} grid={grid} />)}
        </Card>
      ))}
    </>
  );
  const rules = (
    <Table<RuleDef>
      data-testid="rule-table"
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={definition.rules}
      locale={{ emptyText: t('tpl.noRules') }}
      columns={[
        {
          title: t('tpl.col.severity'),
          dataIndex: 'severity',
          width: 120,
          render: (s: string, r) => (
            <>
              <Tag color={s === 'error' ? 'red' : 'gold'} style={{ color: '#1f1f1f' }}>{t(s === 'error' ? 'tpl.severity.error' : 'tpl.severity.warning')}</Tag>
              {r.explainable && <div style={{ fontSize: 12 }}>{t('tpl.explainable')}</div>}
            </>
          ),
        },
        { title: t('tpl.col.rule'), key: 'message', render: (_, r) => ruleInWords(definition, r, language) },
        { title: t('tpl.col.ruleFields'), key: 'fields', width: 260, render: (_, r) => ruleKeysInWords(definition, r, language).join('; ') },
        {
          title: t('tpl.col.expression'),
          dataIndex: 'expression',
          width: 220,
          render: (e: string) => <code style={{ fontSize: 12, wordBreak: 'break-word' }}>{e}</code>,
        },
      ]}
    />
  );
  return (
    <Card style={{ marginTop: 16 }}>
      <Tabs
        items={[
          { key: 'structure', label: t('tpl.structure', { n: definition.sections.length }), children: structure },
          { key: 'rules', label: t('tpl.rules', { n: definition.rules.length }), children: rules },
        ]}
      />
    </Card>
  );
}

/** One template, readable: identity, deadline, sections with fields and grids, rules; any version it can see. */
export function TemplatePage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { t, pick, language, centreTypeLabel, formatDateTime } = useI18n();
  const requested = Number(params.get('version')) || null;
  const justPublished = (useLocation().state as { published?: number } | null)?.published ?? null;
  const latest = useQuery(TEMPLATE_DETAIL, { variables: { code }, fetchPolicy: 'cache-and-network' });
  const viewed = useQuery(TEMPLATE_DETAIL, { variables: { code, version: requested }, skip: !requested });
  const latestVersion = latest.data?.reportTemplate.version;
  const versions = useTemplateVersions(code, latestVersion);
  const current = requested ? viewed.data?.reportTemplate : latest.data?.reportTemplate;
  const error = requested ? viewed.error : latest.error;
  const loading = requested ? viewed.loading : latest.loading && !latest.data;

  const back = <Link to="/templates">← {t('tpl.backToList')}</Link>;
  if (error && !current) {
    return (
      <>
        {back}
        {errorCodeOf(error) === 'NOT_FOUND' ? (
          <Result status="404" title={t('tpl.notFound')} data-testid="template-not-found" />
        ) : (
          <ErrorState error={error} onRetry={() => void (requested ? viewed.refetch() : latest.refetch())} />
        )}
      </>
    );
  }
  if (loading || !current) return <><div style={{ marginBottom: 8 }}>{back}</div><Loading /></>;

  const definition: TemplateDefinition = asTemplateDefinition(current.definition);
  const isOld = latestVersion !== undefined && current.version < latestVersion;
  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginTop: 0 }}>{pick(current.nameVi, current.nameEn)}</Typography.Title>
      {justPublished && (
        <Alert type="success" showIcon closable role="status" data-testid="published-banner" style={{ marginBottom: 12 }} title={t('tpl.published', { n: justPublished })} />
      )}
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <label htmlFor="template-version-select">{t('tpl.viewVersion')}</label>
        <Select
          id="template-version-select"
          aria-label={t('tpl.viewVersion')}
          data-testid="version-select"
          style={{ width: 360 }}
          value={current.version}
          loading={!versions}
          onChange={(v: number) => {
            const next = new URLSearchParams(params);
            if (v === latestVersion) next.delete('version');
            else next.set('version', String(v));
            setParams(next);
          }}
          options={(versions ?? [current]).map((v) => ({
            value: v.version,
            label: `${t('tpl.versionN', { n: v.version })} · ${t(v.national ? 'tpl.national' : 'tpl.provincial')} · ${formatDateTime(v.publishedAt)}${v.version === latestVersion ? ` (${t('tpl.inForce')})` : ''}`,
          }))}
        />
        {can('TEMPLATE_MANAGE') && (
          <Button type="primary" onClick={() => navigate(`/templates/${encodeURIComponent(code)}/publish?from=${current.version}`)}>
            {t('tpl.publishNew')}
          </Button>
        )}
      </Space>
      {isOld && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="old-version-notice"
          title={t('tpl.oldVersion', { n: current.version, latest: latestVersion })}
        />
      )}
      <Card>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('tpl.col.code')}><code>{current.code}</code></Descriptions.Item>
          <Descriptions.Item label={t('tpl.col.version')}>
            <span data-testid="current-version">{t('tpl.versionN', { n: current.version })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('tpl.col.centreTypes')}>{current.centreTypes.map((c) => centreTypeLabel(c)).join('; ')}</Descriptions.Item>
          <Descriptions.Item label={t('tpl.col.period')}>{t(`tpl.period.${current.periodType}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('tpl.col.deadline')}>{deadlineInWords(definition.deadline, current.periodType, language)}</Descriptions.Item>
          <Descriptions.Item label={t('tpl.col.scope')}>{t(current.national ? 'tpl.national' : 'tpl.provincial')}</Descriptions.Item>
          <Descriptions.Item label={t('tpl.publishedAt')}>{formatDateTime(current.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('tpl.size')}>
            {t('tpl.sizeText', {
              sections: definition.sections.length,
              fields: definition.sections.reduce((n, s) => n + s.fields.length, 0),
              grids: definition.sections.reduce((n, s) => n + (s.grids?.length ?? 0), 0),
            })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TemplateDefinitionView definition={definition} />
    </>
  );
}
