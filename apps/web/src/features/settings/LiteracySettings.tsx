import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { RuleObject } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { todayInVietnam } from '@gdtx/domain';
import {
  COMMUNE_DBKK, LEARNING_SOCIETY_TARGETS, LITERACY_PARAMETER_SETS, SET_COMMUNE_DBKK, SET_LEARNING_SOCIETY_TARGET, SET_LITERACY_PARAMETERS,
  SETTINGS_UNITS, type DbkkRow, type ParameterSetRow, type SettingsUnit, type TargetRow,
} from './settings.documents';
import {
  AGE_BANDS, checkPct, checkTargetYear, checkValidity, checkVersion, COMMUNE_LEVELS, dbkkInForce, fromFormValues, matchesSearch, assumptionText, parseDefinition,
  PCT_FIELDS, serverFieldMessages, toFormValues, type AgeBand, type ParameterDefinition, type ParameterFormValues, type SettingsProblem,
} from './literacySettings';
import { useAuth } from '../../auth';
import { describeError } from '../../errors';
import { useI18n, type MessageKey } from '../../i18n';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { FormModal } from '../../components/FormModal';

const DATE_FORMAT = 'DD/MM/YYYY';
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const day = (text: string | null | undefined) => (text ? dayjs(text) : null);
const today = () => todayInVietnam();

/** A refusal from the server: its message and, for VALIDATION_FAILED, each field's problem in Vietnamese. */
interface Refusal { message: string; details: string[] }

function useRefusal() {
  const { language } = useI18n();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const capture = (e: unknown) => {
    const info = describeError(e, language);
    setRefusal({ message: info.message, details: serverFieldMessages(info.extensions, language) });
  };
  return { refusal, setRefusal, capture };
}

function RefusalAlert({ refusal }: { refusal: Refusal | null }) {
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="settings-refusal"
      style={{ marginBottom: 16 }}
      title={refusal.message}
      description={refusal.details.length ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{refusal.details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
    />
  );
}

/** The province of the signed-in Sở user (its literacy page shows the effect of a province-wide change). */
function useProvince(): SettingsUnit | undefined {
  const { data } = useQuery(SETTINGS_UNITS);
  return data?.administrativeUnits.find((u) => u.level === 'PROVINCE');
}

/** After a change: where users see it (the literacy page of the unit concerned). */
function EffectLink({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { t } = useI18n();
  return (
    <Alert
      type="success"
      showIcon
      data-testid="settings-effect"
      style={{ marginBottom: 16 }}
      title={<>{t('settings.effect')} <Link to={`/literacy?unit=${unitId}`}>{t('settings.viewLiteracyUnit', { unit: unitName })}</Link></>}
    />
  );
}

function useProblemRule() {
  const { t } = useI18n();
  return <T,>(check: (value: T) => SettingsProblem | null): RuleObject => ({
    validator: async (_: unknown, value: T) => {
      const problem = check(value);
      if (problem) throw new Error(t(`settings.problem.${problem}` as MessageKey));
    },
  });
}

// ------------------------------------------------------------------------------------------------------------
// Tab 1: literacy parameter sets
// ------------------------------------------------------------------------------------------------------------

type ParameterFormShape = Omit<ParameterFormValues, 'validFrom' | 'validTo'> & { validFrom: Dayjs | null; validTo: Dayjs | null };

function SourceTag({ source }: { source: string }) {
  const { t } = useI18n();
  return <Tag color={source === 'PROVINCE' ? 'blue' : 'default'} style={{ color: '#1f1f1f' }}>{t(`settings.source.${source}` as MessageKey) || source}</Tag>;
}

function ParameterSetCard({ row, onAdjust, canEdit }: { row: ParameterSetRow; onAdjust(d: ParameterDefinition): void; canEdit: boolean }) {
  const { t, pick, formatDate, formatNumber, language } = useI18n();
  const d = useMemo(() => parseDefinition(row.definitionJson), [row.definitionJson]);
  const inForce = dbkkInForce(row, today());
  const band = (b: AgeBand) => b.replace('_', '–');
  const bandRule = (r: { band: AgeBand; minRatePct: number }) => t('settings.bandPct', { pct: formatNumber(r.minRatePct), band: band(r.band) });
  const share = (pct: number) => t('settings.sharePct', { pct: formatNumber(pct) });
  const rows = [
    { key: 'communeStandard', label: t('settings.communeStandard'), l1: bandRule(d.commune.l1.standard), l2: bandRule(d.commune.l2.standard) },
    { key: 'communeDbkk', label: t('settings.communeDbkk'), l1: bandRule(d.commune.l1.dbkkAlternative), l2: bandRule(d.commune.l2.dbkkAlternative) },
    { key: 'district', label: t('settings.districtShare'), l1: share(d.district.l1MinSharePct), l2: share(d.district.l2MinSharePct) },
    { key: 'province', label: t('settings.provinceShare'), l1: share(d.province.l1MinSharePct), l2: share(d.province.l2MinSharePct) },
  ];
  return (
    <Card
      data-testid={`param-set-${row.version}`}
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{row.version}</Typography.Title>
          <SourceTag source={row.source} />
          {inForce && <Tag color="green" style={{ color: '#1f1f1f' }}>{t('settings.inForce')}</Tag>}
        </Space>
      }
      extra={canEdit ? <Button onClick={() => onAdjust(d)} aria-label={`${t('settings.adjustSet')} ${row.version}`}>{t('settings.adjustSet')}</Button> : null}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('settings.validity')}>
          <span data-testid="param-validity">{t('settings.fromTo', { from: formatDate(row.validFrom), to: row.validTo ? formatDate(row.validTo) : t('settings.openEnded') })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('settings.aggregationTier')}>{t(`literacy.tier.${d.aggregationTier}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('settings.description')} span={2}>{pick(d.descriptionVi, d.descriptionEn)}</Descriptions.Item>
        <Descriptions.Item label={t('settings.legalBasis')} span={2}>
          <ul data-testid="param-legal-basis" style={{ margin: 0, paddingInlineStart: 18 }}>{row.legalBasis.map((b) => <li key={b}>{b}</li>)}</ul>
        </Descriptions.Item>
        <Descriptions.Item label={t('settings.excludeDisabled')}>{d.excludeDisabledExempt ? t('settings.yes') : t('settings.no')}</Descriptions.Item>
        <Descriptions.Item label={t('settings.dbkkStandard')}>{d.dbkkMayUseStandardBand ? t('settings.yes') : t('settings.no')}</Descriptions.Item>
      </Descriptions>
      <Table
        data-testid="param-thresholds"
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('settings.criterion'), dataIndex: 'label', key: 'label' },
          { title: t('settings.level1'), dataIndex: 'l1', key: 'l1', width: 220 },
          { title: t('settings.level2'), dataIndex: 'l2', key: 'l2', width: 220 },
        ]}
      />
      {d.assumptions.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('settings.assumptions')}</Typography.Text>
          <ul style={{ marginTop: 4, marginBottom: 0, paddingInlineStart: 20 }}>{d.assumptions.map((a) => assumptionText(a, language)).map((a) => <li key={a}><Typography.Text type="secondary">{a}</Typography.Text></li>)}</ul>
        </>
      )}
    </Card>
  );
}

function ParameterSetDialog({ initial, adjusting, onClose, onSaved }: {
  initial: ParameterDefinition;
  adjusting: boolean;
  onClose(): void;
  onSaved(version: string): void;
}) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ParameterFormShape>();
  const [save, { loading }] = useMutation(SET_LITERACY_PARAMETERS, { refetchQueries: [LITERACY_PARAMETER_SETS], awaitRefetchQueries: true });
  const { refusal, setRefusal, capture } = useRefusal();
  const rule = useProblemRule();
  const start = toFormValues(initial, language);
  const initialValues: ParameterFormShape = { ...start, version: adjusting ? start.version : '', validFrom: day(start.validFrom), validTo: day(start.validTo) };

  const submit = async () => {
    let values: ParameterFormShape;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    const definition = fromFormValues({ ...values, validFrom: iso(values.validFrom), validTo: iso(values.validTo) }, initial, language);
    try {
      await save({ variables: { input: { definitionJson: JSON.stringify(definition) } } });
      message.success(t('settings.paramsSaved', { version: definition.version }));
      onSaved(definition.version);
    } catch (e) {
      capture(e);
    }
  };

  const pctItem = (name: (typeof PCT_FIELDS)[number], label: string) => (
    <Form.Item name={name} label={label} rules={[rule((v: number | null) => checkPct(v))]}>
      <InputNumber aria-label={label} decimalSeparator="," style={{ width: '100%' }} suffix="%" />
    </Form.Item>
  );
  const bandItem = (name: 'l1StandardBand' | 'l1DbkkBand' | 'l2StandardBand' | 'l2DbkkBand', label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('settings.problem.required') }]}>
      <Select aria-label={label} options={AGE_BANDS.map((b) => ({ value: b, label: b.replace('_', '–') }))} />
    </Form.Item>
  );
  const l1 = t('settings.level1');
  const l2 = t('settings.level2');

  return (
    <FormModal
      title={adjusting ? t('settings.adjustTitle', { version: initial.version }) : t('settings.addTitle')}
      width={860}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={loading}
      okText={t('settings.save')}
      grid={false}
      intro={<Typography.Paragraph type="secondary">{adjusting ? t('settings.adjustHelp') : t('settings.addHelp')}</Typography.Paragraph>}
      refusal={<RefusalAlert refusal={refusal} />}
      formProps={{ initialValues }}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="version" label={t('settings.version')} rules={[rule((v: string | undefined) => checkVersion(v ?? ''))]}>
            <Input aria-label={t('settings.version')} disabled={adjusting} maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="validFrom" label={t('settings.validFrom')} rules={[rule((v: Dayjs | null) => (v ? checkValidity(iso(v), null) : 'required'))]}>
            <DatePicker format={DATE_FORMAT} aria-label={t('settings.validFrom')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="validTo"
            label={t('settings.validTo')}
            dependencies={['validFrom']}
            rules={[({ getFieldValue }) => rule((v: Dayjs | null) => (v ? checkValidity(iso(getFieldValue('validFrom')) || iso(v), iso(v)) : null))]}
          >
            <DatePicker format={DATE_FORMAT} aria-label={t('settings.validTo')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('settings.thresholds')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={12} md={6}>{bandItem('l1StandardBand', `${t('settings.band')} · ${l1}`)}</Col>
        <Col xs={12} md={6}>{pctItem('l1StandardPct', `${t('settings.communeStandard')} · ${l1}`)}</Col>
        <Col xs={12} md={6}>{bandItem('l2StandardBand', `${t('settings.band')} · ${l2}`)}</Col>
        <Col xs={12} md={6}>{pctItem('l2StandardPct', `${t('settings.communeStandard')} · ${l2}`)}</Col>
        <Col xs={12} md={6}>{bandItem('l1DbkkBand', `${t('settings.band')} ĐBKK · ${l1}`)}</Col>
        <Col xs={12} md={6}>{pctItem('l1DbkkPct', `${t('settings.communeDbkk')} · ${l1}`)}</Col>
        <Col xs={12} md={6}>{bandItem('l2DbkkBand', `${t('settings.band')} ĐBKK · ${l2}`)}</Col>
        <Col xs={12} md={6}>{pctItem('l2DbkkPct', `${t('settings.communeDbkk')} · ${l2}`)}</Col>
        <Col xs={12} md={6}>{pctItem('districtL1Pct', `${t('settings.districtShare')} · ${l1}`)}</Col>
        <Col xs={12} md={6}>{pctItem('districtL2Pct', `${t('settings.districtShare')} · ${l2}`)}</Col>
        <Col xs={12} md={6}>{pctItem('provinceL1Pct', `${t('settings.provinceShare')} · ${l1}`)}</Col>
        <Col xs={12} md={6}>{pctItem('provinceL2Pct', `${t('settings.provinceShare')} · ${l2}`)}</Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="aggregationTier" label={t('settings.aggregationTier')}>
            <Select
              aria-label={t('settings.aggregationTier')}
              options={(['DISTRICT', 'PROVINCE_DIRECT'] as const).map((v) => ({ value: v, label: t(`literacy.tier.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="excludeDisabledExempt" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>{t('settings.excludeDisabled')}</Checkbox>
          </Form.Item>
          <Form.Item name="dbkkMayUseStandardBand" valuePropName="checked">
            <Checkbox>{t('settings.dbkkStandard')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="descriptionVi" label={t('settings.descriptionVi')} rules={[{ required: true, message: t('settings.problem.required') }]}>
            <Input aria-label={t('settings.descriptionVi')} maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="descriptionEn" label={t('settings.descriptionEn')} rules={[{ required: true, message: t('settings.problem.required') }]}>
            <Input aria-label={t('settings.descriptionEn')} maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="legalBasis" label={t('settings.legalBasis')} extra={t('settings.legalBasisHelp')} rules={[{ required: true, whitespace: true, message: t('settings.problem.required') }]}>
        <Input.TextArea aria-label={t('settings.legalBasis')} rows={3} />
      </Form.Item>
      <Form.Item name="assumptions" label={t('settings.assumptions')} extra={t('settings.assumptionsHelp')}>
        <Input.TextArea aria-label={t('settings.assumptions')} rows={3} />
      </Form.Item>
    </FormModal>
  );
}

export function ParameterSetsTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const province = useProvince();
  const { data, error, refetch } = useQuery(LITERACY_PARAMETER_SETS, { fetchPolicy: 'cache-and-network' });
  const [dialog, setDialog] = useState<{ initial: ParameterDefinition; adjusting: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = can('TEMPLATE_MANAGE');
  const sets = data?.literacyParameterSets ?? [];
  const latest = sets.length ? parseDefinition(sets[sets.length - 1].definitionJson) : null;

  return (
    <div data-testid="settings-params">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('settings.paramsHelp')} />
      {saved && province && <EffectLink unitId={province.id} unitName={province.name} />}
      {canEdit && latest && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setDialog({ initial: latest, adjusting: false })}>
          {t('settings.addSet')}
        </Button>
      )}
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !data ? <Loading /> : sets.length === 0 ? <EmptyState /> : (
        sets.map((row) => <ParameterSetCard key={`${row.source}-${row.version}`} row={row} canEdit={canEdit} onAdjust={(d) => setDialog({ initial: d, adjusting: true })} />)
      )}
      {dialog && (
        <ParameterSetDialog
          initial={dialog.initial}
          adjusting={dialog.adjusting}
          onClose={() => setDialog(null)}
          onSaved={(version) => {
            setDialog(null);
            setSaved(version);
          }}
        />
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------
// Tab 2: learning-society targets
// ------------------------------------------------------------------------------------------------------------

interface TargetForm { code?: string; year?: number | null; targetPct?: number | null }

function TargetDialog({ targets, initial, onClose, onSaved }: { targets: TargetRow[]; initial: TargetForm; onClose(): void; onSaved(): void }) {
  const { t, pick, formatNumber } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetForm>();
  const [save, { loading }] = useMutation(SET_LEARNING_SOCIETY_TARGET, { refetchQueries: [LEARNING_SOCIETY_TARGETS], awaitRefetchQueries: true });
  const { refusal, setRefusal, capture } = useRefusal();
  const rule = useProblemRule();
  const codes = [...new Map(targets.map((r) => [r.code, r])).values()];
  const code = Form.useWatch('code', form) ?? initial.code;
  const name = codes.find((c) => c.code === code);

  const submit = async () => {
    let v: TargetForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    try {
      const r = await save({ variables: { input: { code: v.code!, year: Number(v.year), targetPct: Number(v.targetPct) } } });
      const saved = r.data?.setLearningSocietyTarget;
      message.success(t('settings.targetSaved', { name: saved ? pick(saved.nameVi, saved.nameEn) : v.code!, year: v.year!, pct: formatNumber(v.targetPct!) }));
      onSaved();
    } catch (e) {
      capture(e);
    }
  };

  return (
    <FormModal
      title={t('settings.targetTitle', { name: name ? pick(name.nameVi, name.nameEn) : '…' })}
      width={520}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={loading}
      okText={t('settings.save')}
      grid={false}
      refusal={<RefusalAlert refusal={refusal} />}
      formProps={{ initialValues: initial }}
    >
      <Form.Item name="code" label={t('settings.targetCode')} rules={[{ required: true, message: t('settings.chooseTarget') }]}>
        <Select
          aria-label={t('settings.targetCode')}
          showSearch={{ optionFilterProp: 'label' }}
          options={codes.map((c) => ({ value: c.code, label: pick(c.nameVi, c.nameEn) }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="year" label={t('settings.targetYear')} rules={[rule((v: number | null) => checkTargetYear(v))]}>
            <InputNumber aria-label={t('settings.targetYear')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="targetPct" label={t('settings.targetPct')} rules={[rule((v: number | null) => checkPct(v))]}>
            <InputNumber aria-label={t('settings.targetPct')} decimalSeparator="," style={{ width: '100%' }} suffix="%" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

export function TargetsTab() {
  const { t, pick, formatNumber } = useI18n();
  const { can } = useAuth();
  const province = useProvince();
  const { data, error, refetch } = useQuery(LEARNING_SOCIETY_TARGETS, { fetchPolicy: 'cache-and-network' });
  const [dialog, setDialog] = useState<TargetForm | null>(null);
  const [saved, setSaved] = useState(false);
  const canEdit = can('TEMPLATE_MANAGE');
  const targets = data?.learningSocietyTargets ?? [];

  return (
    <div data-testid="settings-targets">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('settings.targetsHelp')} />
      {saved && province && <EffectLink unitId={province.id} unitName={province.name} />}
      {canEdit && targets.length > 0 && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setDialog({ code: undefined, year: null, targetPct: null })}>
          {t('settings.addTarget')}
        </Button>
      )}
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : !data ? <Loading /> : targets.length === 0 ? <EmptyState /> : (
        <Table<TargetRow>
          data-testid="targets-table"
          rowKey={(r) => `${r.code}/${r.year}`}
          size="middle"
          pagination={false}
          dataSource={targets}
          columns={[
            { title: t('settings.targetCode'), key: 'name', render: (_, r) => <><div>{pick(r.nameVi, r.nameEn)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></> },
            { title: t('settings.targetYear'), dataIndex: 'year', key: 'year', width: 120, align: 'right' },
            { title: t('settings.targetPct'), key: 'pct', width: 120, align: 'right', render: (_, r) => <span data-testid="target-pct">{formatNumber(r.targetPct)}%</span> },
            { title: t('settings.source'), key: 'source', width: 190, render: (_, r) => <SourceTag source={r.source} /> },
            { title: t('settings.legalBasis'), dataIndex: 'legalBasis', key: 'legalBasis', width: 300, ellipsis: { showTitle: true } },
            ...(canEdit ? [{
              title: '', key: 'edit', width: 80,
              render: (_: unknown, r: TargetRow) => (
                <Button size="small" aria-label={`${t('settings.editTarget')} ${pick(r.nameVi, r.nameEn)} ${r.year}`} onClick={() => setDialog({ code: r.code, year: r.year, targetPct: r.targetPct })}>
                  {t('settings.editTarget')}
                </Button>
              ),
            }] : []),
          ]}
        />
      )}
      {dialog && (
        <TargetDialog
          targets={targets}
          initial={dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setSaved(true);
          }}
        />
      )}
    </div>
  );
}

// ------------------------------------------------------------------------------------------------------------
// Tab 3: ĐBKK communes
// ------------------------------------------------------------------------------------------------------------

interface DbkkForm { unitId?: string; validFrom?: Dayjs | null; validTo?: Dayjs | null; decisionRef?: string }

/** "Xã Xuân Hòa — Huyện Thọ Xuân": the commune and its parent, to tell apart communes of the same name. */
function unitLabel(unit: SettingsUnit, byId: Map<string, SettingsUnit>): string {
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  return parent && parent.level !== 'PROVINCE' ? `${unit.name} — ${parent.name}` : unit.name;
}

function DbkkDialog({ units, byId, ending, onClose, onSaved }: {
  units: SettingsUnit[];
  byId: Map<string, SettingsUnit>;
  /** Set when ending an existing flag: the row, its unit and start are fixed. */
  ending: DbkkRow | null;
  onClose(): void;
  onSaved(unitId: string): void;
}) {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DbkkForm>();
  const [save, { loading }] = useMutation(SET_COMMUNE_DBKK, { refetchQueries: [COMMUNE_DBKK], awaitRefetchQueries: true });
  const { refusal, setRefusal, capture } = useRefusal();
  const rule = useProblemRule();
  const communes = units.filter((u) => (COMMUNE_LEVELS as readonly string[]).includes(u.level));
  const endingName = ending ? (byId.get(ending.unitId)?.name ?? ending.unitId) : '';

  const submit = async () => {
    let v: DbkkForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    const unitId = ending ? ending.unitId : v.unitId!;
    const validFrom = ending ? ending.validFrom : iso(v.validFrom);
    const validTo = iso(v.validTo) || null;
    try {
      await save({ variables: { input: { unitId, validFrom, validTo, decisionRef: (ending ? v.decisionRef ?? ending.decisionRef : v.decisionRef)?.trim() || null } } });
      const name = byId.get(unitId)?.name ?? unitId;
      message.success(ending ? t('settings.dbkkEnded', { name, to: formatDate(validTo) }) : t('settings.dbkkSaved', { name, from: formatDate(validFrom) }));
      onSaved(unitId);
    } catch (e) {
      capture(e);
    }
  };

  return (
    <FormModal
      title={ending ? t('settings.endDbkkTitle', { name: endingName }) : t('settings.addDbkk')}
      width={520}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={loading}
      okText={t('settings.save')}
      grid={false}
      refusal={<RefusalAlert refusal={refusal} />}
      formProps={{ initialValues: ending ? { validTo: day(today()), decisionRef: ending.decisionRef ?? '' } : { validFrom: day(today()) } }}
    >
      {!ending && (
        <>
          <Form.Item name="unitId" label={t('settings.commune')} rules={[{ required: true, message: t('settings.problem.required') }]}>
            <Select
              aria-label={t('settings.commune')}
              placeholder={t('settings.searchCommune')}
              showSearch={{ filterOption: (input, option) => matchesSearch(String(option?.label ?? ''), input) }}
              options={communes.map((u) => ({ value: u.id, label: unitLabel(u, byId) }))}
            />
          </Form.Item>
          <Form.Item name="validFrom" label={t('settings.validFrom')} rules={[rule((v: Dayjs | null) => (v ? null : 'required'))]}>
            <DatePicker format={DATE_FORMAT} aria-label={t('settings.validFrom')} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="validTo"
        label={ending ? t('settings.endDate') : t('settings.validTo')}
        dependencies={['validFrom']}
        rules={[
          ...(ending ? [{ required: true, message: t('settings.problem.required') }] : []),
          ({ getFieldValue }) => rule((v: Dayjs | null) => {
            const from = ending ? ending.validFrom : iso(getFieldValue('validFrom'));
            return v && from ? checkValidity(from, iso(v)) : null;
          }),
        ]}
      >
        <DatePicker format={DATE_FORMAT} aria-label={ending ? t('settings.endDate') : t('settings.validTo')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="decisionRef" label={t('settings.decisionRef')}>
        <Input aria-label={t('settings.decisionRef')} maxLength={200} placeholder="861/QĐ-TTg" />
      </Form.Item>
    </FormModal>
  );
}

export function DbkkTab() {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const list = useQuery(COMMUNE_DBKK, { fetchPolicy: 'cache-and-network' });
  const units = useQuery(SETTINGS_UNITS);
  const [dialog, setDialog] = useState<{ ending: DbkkRow | null } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = can('UNIT_MANAGE');
  const unitList = useMemo(() => units.data?.administrativeUnits ?? [], [units.data]);
  const byId = useMemo(() => new Map(unitList.map((u) => [u.id, u])), [unitList]);
  const now = today();
  const rows = useMemo(
    () => [...(list.data?.communeDbkk ?? [])].sort((a, b) => (byId.get(a.unitId)?.name ?? '').localeCompare(byId.get(b.unitId)?.name ?? '', 'vi') || a.validFrom.localeCompare(b.validFrom)),
    [list.data, byId],
  );
  const error = list.error ?? units.error;

  return (
    <div data-testid="settings-dbkk">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('settings.dbkkHelp')} />
      {!canEdit && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('settings.readOnlyDbkk')} />}
      {saved && <EffectLink unitId={saved} unitName={byId.get(saved)?.name ?? ''} />}
      {canEdit && (
        <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setDialog({ ending: null })} disabled={!units.data}>
          {t('settings.addDbkk')}
        </Button>
      )}
      {error ? <ErrorState error={error} onRetry={() => { void list.refetch(); void units.refetch(); }} /> : !list.data || !units.data ? <Loading /> : (
        <Table<DbkkRow>
          data-testid="dbkk-table"
          rowKey={(r) => `${r.unitId}/${r.validFrom}`}
          size="middle"
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          dataSource={rows}
          locale={{ emptyText: <EmptyState text={t('settings.dbkkEmpty')} /> }}
          columns={[
            {
              title: t('settings.commune'), key: 'name',
              render: (_, r) => {
                const u = byId.get(r.unitId);
                return u ? <Link to={`/literacy?unit=${u.id}`}>{unitLabel(u, byId)}</Link> : <Typography.Text type="secondary">{t('settings.unitGone')}</Typography.Text>;
              },
            },
            { title: t('settings.validFrom'), key: 'from', width: 140, render: (_, r) => formatDate(r.validFrom) },
            { title: t('settings.validToCol'), key: 'to', width: 150, render: (_, r) => (r.validTo ? formatDate(r.validTo) : t('settings.openEnded')) },
            { title: t('settings.decisionRef'), dataIndex: 'decisionRef', key: 'ref', width: 180, render: (v: string | null) => v ?? '—' },
            {
              title: t('settings.state'), key: 'state', width: 190,
              render: (_, r) => dbkkInForce(r, now)
                ? <Tag color="green" style={{ color: '#1f1f1f' }}>{t('settings.inForce')}</Tag>
                : <Tag style={{ color: '#1f1f1f' }}>{r.validFrom > now ? t('settings.upcoming') : t('settings.ended')}</Tag>,
            },
            ...(canEdit ? [{
              title: '', key: 'end', width: 100,
              render: (_: unknown, r: DbkkRow) => (!r.validTo || r.validTo >= now) && (
                <Button size="small" aria-label={`${t('settings.endDbkk')} ${byId.get(r.unitId)?.name ?? ''}`} onClick={() => setDialog({ ending: r })}>
                  {t('settings.endDbkk')}
                </Button>
              ),
            }] : []),
          ]}
        />
      )}
      {dialog && (
        <DbkkDialog
          units={unitList}
          byId={byId}
          ending={dialog.ending}
          onClose={() => setDialog(null)}
          onSaved={(unitId) => {
            setDialog(null);
            setSaved(unitId);
          }}
        />
      )}
    </div>
  );
}
