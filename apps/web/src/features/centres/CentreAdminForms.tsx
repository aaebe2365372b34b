import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import { ErrorBanner, FormModal } from '../../components/FormModal';
import type { Dayjs } from 'dayjs';
import { CentreStatuses, CentreTypes, todayInVietnam, type CentreStatus, type CentreType } from '@gdtx/domain';
import {
  CHANGE_CENTRE_STATUS, CREATE_CENTRE, RECORD_LICENCE, UNITS_AS_OF, UPDATE_CENTRE, type UnitVersion,
} from '../../gql/admin';
import type { CentreDetail, LicenceKind } from '../../gql/org';
import {
  CENTRE_CODE_PATTERN, buildUnitTree, centreChanges, createErrorField, isNotFuture, isOnOrAfter, isPhone, optionalText, type EditableCentre, type UnitTreeNode,
} from './centreAdmin';
import { describeError } from '../../errors';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { useModalSubmit } from '../../components/useModalSubmit';

const DATE_FORMAT = 'DD/MM/YYYY';
const LICENCE_KINDS: LicenceKind[] = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'];

const isoOf = (d: Dayjs | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);
const todayIso = () => todayInVietnam() as string;

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: UnitTreeNode<UnitVersion>[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.unit.id, title: n.unit.name, children: n.children.length ? toOptions(n.children) : undefined }));
}

/** Today's administrative units as a searchable tree (province → district → commune). */
function UnitTreeSelect({ id, value, onChange, ariaLabel, allowClear }: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  ariaLabel: string;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  const { data, loading } = useQuery(UNITS_AS_OF, { variables: {} });
  const treeData = useMemo(() => toOptions(buildUnitTree(data?.administrativeUnits ?? [])), [data]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={loading}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={t('admin.chooseUnit')}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}


// ---------------------------------------------------------------------------------------------------------------
// Create

interface CreateValues {
  code: string;
  name: string;
  type: CentreType;
  ownership: 'PUBLIC' | 'PRIVATE';
  adminUnitId: string;
  supervisingUnitId?: string;
  address?: string;
  phone?: string;
  email?: string;
  establishedOn?: Dayjs | null;
}

/** Address, phone and e-mail: the same fields and checks when a centre is added and when it is edited. */
function contactFields(t: Translate, rules: ReturnType<typeof useCommonRules>, columnWidth: 8 | 12): ReactNode {
  return (
    <>
      <Col span={24}>
        <Form.Item name="address" label={t('centre.address')} rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col xs={24} md={columnWidth}>
        <Form.Item name="phone" label={t('admin.phone')} rules={[rules.phone]}>
          <Input inputMode="tel" maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} md={columnWidth}>
        <Form.Item name="email" label={t('admin.email')} rules={[rules.email]}>
          <Input type="email" maxLength={200} />
        </Form.Item>
      </Col>
    </>
  );
}

export function CreateCentreModal({ open, onClose, onCreated }: {
  open: boolean;
  onClose(): void;
  onCreated(centre: { id: string; name: string }): void;
}) {
  const { t, language, centreTypeLabel } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const [createCentre, { loading }] = useMutation(CREATE_CENTRE);
  const [error, setError] = useState<string | null>(null);
  const rules = useCommonRules();

  const submit = async () => {
    let values: CreateValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show their own messages
    }
    setError(null);
    try {
      const r = await createCentre({
        variables: {
          input: {
            code: values.code.trim(),
            name: values.name.trim(),
            type: values.type,
            ownership: values.ownership,
            adminUnitId: values.adminUnitId,
            supervisingUnitId: values.supervisingUnitId || undefined,
            establishedOn: isoOf(values.establishedOn),
            address: optionalText(values.address),
            phone: optionalText(values.phone),
            email: optionalText(values.email),
          },
        },
      });
      form.resetFields();
      onCreated(r.data!.createCentre);
      onClose();
    } catch (e) {
      const info = describeError(e, language);
      const field = createErrorField(info.code, info.extensions);
      if (info.code === 'CONFLICT' && field === 'code') {
        const message = t('admin.codeDuplicate', { code: values.code.trim() });
        form.setFields([{ name: 'code', errors: [message] }]);
        setError(message);
        return;
      }
      if (field && field in values) form.setFields([{ name: field as keyof CreateValues, errors: [info.message] }]);
      setError(info.message);
    }
  };

  return (
    <FormModal
      open={open}
      title={t('admin.addCentre')}
      width={760}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={loading}
      refusal={<ErrorBanner text={error} />}
      testId="create-centre-form"
      formProps={{ initialValues: { ownership: 'PUBLIC' } }}
    >
      <Col xs={24} md={10}>
        <Form.Item name="code" label={t('centre.code')} extra={t('admin.codeHelp')} rules={[rules.required, { pattern: CENTRE_CODE_PATTERN, message: t('admin.codeInvalid') }]}>
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <Form.Item name="name" label={t('col.name')} rules={[rules.required, rules.name]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <Form.Item name="type" label={t('centre.type')} rules={[rules.required]}>
          <Select aria-label={t('centre.type')} options={CentreTypes.map((c) => ({ value: c, label: centreTypeLabel(c) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item name="ownership" label={t('centre.ownership')} rules={[rules.required]}>
          <Select aria-label={t('centre.ownership')} options={(['PUBLIC', 'PRIVATE'] as const).map((o) => ({ value: o, label: t(`centre.${o}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="adminUnitId" label={t('centre.unit')} rules={[rules.required]}>
          <UnitTreeSelect ariaLabel={t('centre.unit')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="supervisingUnitId" label={t('admin.supervisingUnit')} extra={t('admin.supervisingHelp')}>
          <UnitTreeSelect ariaLabel={t('admin.supervisingUnit')} allowClear />
        </Form.Item>
      </Col>
      {contactFields(t, rules, 8)}
      <Col xs={24} md={8}>
        <Form.Item name="establishedOn" label={t('centre.establishedOn')} rules={[rules.notFuture]}>
          <DatePicker format={DATE_FORMAT} aria-label={t('centre.establishedOn')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </FormModal>
  );
}

function useCommonRules() {
  const { t } = useI18n();
  return {
    required: { required: true, whitespace: true, message: t('common.required') },
    name: { min: 3, max: 300, message: t('admin.nameInvalid') },
    phone: {
      validator: (_: unknown, v?: string) => (!v?.trim() || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('admin.phoneInvalid')))),
    },
    email: { type: 'email' as const, message: t('admin.emailInvalid') },
    notFuture: {
      validator: (_: unknown, v?: Dayjs | null) =>
        !v || isNotFuture(isoOf(v)!, todayIso()) ? Promise.resolve() : Promise.reject(new Error(t('admin.dateFuture'))),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Edit (optimistic version)

interface EditValues {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
  adminUnitId: string;
  supervisingUnitId?: string;
}

export function EditCentreModal({ open, centre, onClose, onReload }: {
  open: boolean;
  centre: CentreDetail;
  onClose(): void;
  /** Fetches the centre again (new version); the form merges it (see reload). */
  onReload(): Promise<CentreDetail | undefined>;
}) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [updateCentre, { loading }] = useMutation(UPDATE_CENTRE);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const rules = useCommonRules();
  // What the form started from: only the fields the user changed from it are sent, so saving never overwrites
  // a colleague's change to a field this user did not touch.
  const baseline = useRef<EditableCentre | null>(null);
  const version = useRef(centre.version);

  // Fill the form when it opens, never while it is open: a reload after a conflict must keep the user's input.
  useEffect(() => {
    if (!open) return;
    setError(null);
    setConflict(false);
    baseline.current = editableOf(centre);
    version.current = centre.version;
    form.setFieldsValue(formValuesOf(baseline.current));
  }, [open]); // only on opening (see above)

  const submit = async () => {
    let values: EditValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const { changes, cleared } = centreChanges(baseline.current ?? editableOf(centre), editableFromForm(values));
    if (!Object.keys(changes).length && !cleared.length) {
      setError(t('admin.noChanges'));
      return;
    }
    setError(null);
    setConflict(false);
    try {
      if (Object.keys(changes).length) {
        await updateCentre({ variables: { input: { id: centre.id, expectedVersion: version.current, ...changes } } });
      }
      if (cleared.length) {
        const labels: Record<string, MessageKey> = {
          name: 'col.name', address: 'centre.address', phone: 'admin.phone', email: 'admin.email', adminUnitId: 'centre.unit', supervisingUnitId: 'admin.supervisingUnit',
        };
        message.warning(t('admin.clearedNotSaved', { fields: cleared.map((k) => t(labels[k])).join(', ') }), 8);
      } else {
        message.success(t('admin.saved'));
      }
      onClose();
    } catch (e) {
      const info = describeError(e, language);
      if (info.code === 'CONFLICT') {
        setConflict(true);
        setError(t('admin.conflict'));
      } else {
        setError(info.message);
      }
    }
  };

  // Three-way merge: fields the user left as they were take the latest values, the user's edits stay.
  const reload = async () => {
    setReloading(true);
    try {
      const latest = await onReload();
      if (!latest) return;
      const fresh = editableOf(latest);
      const edited = editableFromForm(form.getFieldsValue());
      const { changes } = centreChanges(baseline.current ?? fresh, edited);
      const merged: EditableCentre = { ...fresh };
      for (const key of Object.keys(changes) as (keyof EditableCentre)[]) merged[key] = edited[key] as never;
      baseline.current = fresh;
      version.current = latest.version;
      form.setFieldsValue(formValuesOf(merged));
      setConflict(false);
      setError(null);
      message.info(t('admin.reloaded'));
    } finally {
      setReloading(false);
    }
  };

  return (
    <FormModal
      open={open}
      title={`${t('admin.editCentre')}: ${centre.code}`}
      width={720}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={loading}
      keepMounted
      refusal={
        <ErrorBanner
          text={error}
          action={conflict ? <Button size="small" loading={reloading} onClick={() => void reload()}>{t('admin.reloadLatest')}</Button> : undefined}
        />
      }
      testId="edit-centre-form"
    >
      <Col span={24}>
        <Form.Item name="name" label={t('col.name')} rules={[rules.required, rules.name]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="adminUnitId" label={t('centre.unit')} rules={[rules.required]}>
          <UnitTreeSelect ariaLabel={t('centre.unit')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="supervisingUnitId" label={t('admin.supervisingUnit')}>
          <UnitTreeSelect ariaLabel={t('admin.supervisingUnit')} />
        </Form.Item>
      </Col>
      {contactFields(t, rules, 12)}
    </FormModal>
  );
}

function editableOf(centre: CentreDetail): EditableCentre {
  return {
    name: centre.name, address: centre.address, phone: centre.phone, email: centre.email,
    adminUnitId: centre.adminUnit?.id ?? null, supervisingUnitId: centre.supervisingUnitId,
  };
}

function editableFromForm(values: Partial<EditValues>): EditableCentre {
  return {
    name: values.name ?? '', address: values.address ?? null, phone: values.phone ?? null, email: values.email ?? null,
    adminUnitId: values.adminUnitId ?? null, supervisingUnitId: values.supervisingUnitId ?? null,
  };
}

function formValuesOf(c: EditableCentre): EditValues {
  return {
    name: c.name, address: c.address ?? '', phone: c.phone ?? '', email: c.email ?? '',
    adminUnitId: c.adminUnitId ?? '', supervisingUnitId: c.supervisingUnitId ?? undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Status

interface StatusValues {
  status: CentreStatus;
  effectiveFrom: Dayjs;
  reason?: string;
  decisionRef?: string;
}

export function ChangeStatusModal({ open, centre, onClose }: { open: boolean; centre: CentreDetail; onClose(): void }) {
  const { t, centreStatusLabel, formatDate } = useI18n();
  const [form] = Form.useForm<StatusValues>();
  const [changeStatus] = useMutation(CHANGE_CENTRE_STATUS);
  const rules = useCommonRules();
  const status = Form.useWatch('status', form);
  const { submit, error, running } = useModalSubmit(
    form,
    (values) =>
      changeStatus({
        variables: {
          input: {
            centreId: centre.id,
            status: values.status,
            effectiveFrom: isoOf(values.effectiveFrom)!,
            reason: optionalText(values.reason),
            decisionRef: optionalText(values.decisionRef),
          },
        },
      }),
    { success: t('admin.statusChanged'), onDone: onClose },
  );

  return (
    <FormModal
      open={open}
      title={`${t('admin.changeStatus')}: ${centre.name}`}
      width={520}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={running}
      grid={false}
      refusal={<ErrorBanner text={error} />}
      testId="status-form"
    >
      <Form.Item name="status" label={t('admin.newStatus')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          aria-label={t('admin.newStatus')}
          options={CentreStatuses.filter((s) => s !== centre.status).map((s) => ({ value: s, label: centreStatusLabel(s) }))}
        />
      </Form.Item>
      {status === 'DISSOLVED' && <Alert type="warning" showIcon title={t('admin.dissolveWarning')} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="effectiveFrom"
        label={t('admin.effectiveFrom')}
        rules={[
          { required: true, message: t('common.required') },
          rules.notFuture,
          {
            validator: (_: unknown, v?: Dayjs | null) =>
              !v || isoOf(v)! > centre.statusSince
                ? Promise.resolve()
                : Promise.reject(new Error(t('admin.effectiveBeforeCurrent', { date: formatDate(centre.statusSince) }))),
          },
        ]}
      >
        <DatePicker format={DATE_FORMAT} aria-label={t('admin.effectiveFrom')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('centre.reason')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="decisionRef" label={t('admin.decisionRef')} rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Licence / decision

interface LicenceValues {
  kind: LicenceKind;
  decisionNumber: string;
  decidedOn: Dayjs;
  issuer: string;
  holderName?: string;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  note?: string;
}

export function RecordLicenceModal({ open, centre, onClose, onRecorded }: {
  open: boolean;
  centre: CentreDetail;
  onClose(): void;
  onRecorded(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<LicenceValues>();
  const [recordLicence] = useMutation(RECORD_LICENCE);
  const rules = useCommonRules();
  const kind = Form.useWatch('kind', form);
  const { submit, error, running } = useModalSubmit(
    form,
    (values) =>
      recordLicence({
        variables: {
          input: {
            centreId: centre.id,
            kind: values.kind,
            decisionNumber: values.decisionNumber.trim(),
            decidedOn: isoOf(values.decidedOn)!,
            issuer: values.issuer.trim(),
            holderName: values.kind === 'DIRECTOR_RECOGNITION' ? optionalText(values.holderName) : undefined,
            validFrom: isoOf(values.validFrom)!,
            validTo: isoOf(values.validTo),
            note: optionalText(values.note),
          },
        },
      }),
    {
      success: t('admin.licenceRecorded'),
      onDone: () => {
        onRecorded();
        onClose();
      },
    },
  );

  return (
    <FormModal
      open={open}
      title={`${t('admin.recordLicence')}: ${centre.name}`}
      width={680}
      form={form}
      onSubmit={() => void submit()}
      onClose={onClose}
      running={running}
      intro={<Alert type="info" showIcon title={t('admin.licenceHelp')} style={{ marginBottom: 16 }} />}
      refusal={<ErrorBanner text={error} />}
      formProps={{
        initialValues: { issuer: t('admin.defaultIssuer') },
        onValuesChange: (changed: Partial<LicenceValues>) => {
          // The validity usually starts on the decision date: fill it once, the user may change it.
          if (changed.decidedOn && !form.getFieldValue('validFrom')) form.setFieldValue('validFrom', changed.decidedOn);
        },
      }}
      testId="licence-form"
    >
      <Col xs={24} md={12}>
        <Form.Item name="kind" label={t('centre.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('centre.kind')} options={LICENCE_KINDS.map((k) => ({ value: k, label: t(`licenceKind.${k}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="decisionNumber" label={t('centre.decisionNumber')} rules={[rules.required, { max: 100 }]}>
          <Input maxLength={100} placeholder="123/QĐ-SGDĐT" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="decidedOn" label={t('centre.decidedOn')} rules={[{ required: true, message: t('common.required') }, rules.notFuture]}>
          <DatePicker format={DATE_FORMAT} aria-label={t('centre.decidedOn')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="issuer" label={t('centre.issuer')} rules={[rules.required, { min: 2, max: 300, message: t('common.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      {kind === 'DIRECTOR_RECOGNITION' && (
        <Col span={24}>
          <Form.Item name="holderName" label={t('centre.holder')} rules={[{ required: true, whitespace: true, message: t('admin.holderRequired') }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="validFrom" label={t('admin.validFrom')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE_FORMAT} aria-label={t('admin.validFrom')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="validTo"
          label={t('admin.validTo')}
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, v?: Dayjs | null) =>
                isOnOrAfter(isoOf(v), isoOf(getFieldValue('validFrom') as Dayjs | null))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('admin.validToBeforeFrom'))),
            }),
          ]}
        >
          <DatePicker format={DATE_FORMAT} aria-label={t('admin.validTo')} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="note" label={t('admin.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Col>
    </FormModal>
  );
}

