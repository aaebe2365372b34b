import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Input, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { recentPeriodCodes, todayInVietnam, type PeriodType } from '@gdtx/domain';
import { downloadFile, envelopeError, type ErrorEnvelope } from '../../download';
import { describeError } from '../../errors';
import { REPORT_TEMPLATES } from '../../gql/templates';
import { MINISTRY_CODES, MINISTRY_LAYOUTS, SET_MINISTRY_CODE } from './quality.documents';
import { useI18n } from '../../i18n';
import { authorizedFetch } from '../../session';
import { ErrorState } from '../../components/States';

type RowMatch = 'MATCH' | 'DIFFERENT' | 'ONLY_HERE' | 'ONLY_THERE' | 'NO_CODE';
interface Reconciliation {
  rows: { ministryCode: string | null; name: string; status: RowMatch; differences: { column: string; here: number | null; there: number | null }[] }[];
  counts: Record<RowMatch, number>;
}
// Dark text on light tints (WCAG AA contrast; antd's preset green and gold text is too light).
const GREEN = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
const GOLD = { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' };
const STATUS_STYLE: Record<RowMatch, { color: string; background?: string; borderColor?: string }> = {
  MATCH: GREEN, DIFFERENT: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }, ONLY_HERE: GOLD, ONLY_THERE: GOLD, NO_CODE: { color: '#434343' },
};

/**
 * "Đối chiếu với hệ thống của Bộ" (issue 15 item 7, domain §K): export in the ministry's layout, upload what the
 * ministry's system exported and read the differences per commune or centre; and the ministry's codes the rows
 * are matched by.
 */
export function MinistryExchange() {
  const { t, pick, formatNumber, periodLabel, language } = useI18n();
  const { message } = App.useApp();
  const layouts = useQuery(MINISTRY_LAYOUTS);
  const templates = useQuery(REPORT_TEMPLATES, { variables: {} });
  const [code, setCode] = useState<string | null>(null);
  const layout = layouts.data?.ministryLayouts.find((l) => l.code === code) ?? layouts.data?.ministryLayouts[0];
  const type = templates.data?.reportTemplates.find((tpl) => tpl.code === layout?.templateCode)?.periodType as PeriodType | undefined;
  const periods = useMemo(() => (type ? recentPeriodCodes(type, 6, todayInVietnam(), { includeCurrent: true }) : []), [type]);
  const [periodCode, setPeriodCode] = useState<string | null>(null);
  const period = periodCode && periods.includes(periodCode) ? periodCode : periods[1] ?? periods[0];
  const [result, setResult] = useState<Reconciliation | null>(null);
  const [busy, setBusy] = useState(false);
  if (layouts.error) return <ErrorState error={layouts.error} onRetry={() => void layouts.refetch()} />;
  if (!layout) return null;

  const upload = async (file: File) => {
    setBusy(true);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const res = await authorizedFetch(`/api/ministry/${layout.code}/${period}/reconcile`, { method: 'POST', body: form });
      const body = (await res.json()) as Reconciliation & ErrorEnvelope;
      if (!res.ok) {
        const e = envelopeError(body);
        message.error((language === 'en' ? e.messageEn : e.messageVi) ?? t('mx.failed'));
        return;
      }
      setResult(body);
    } catch (e) {
      message.error(describeError(e, language).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900, marginBottom: 0 }}>{t('mx.help')}</Typography.Paragraph>
      <Space wrap>
        <Select aria-label={t('mx.layout')} data-testid="mx-layout" style={{ minWidth: 320, maxWidth: '100%' }} value={layout.code} onChange={(v) => { setCode(v); setResult(null); }}
          options={(layouts.data?.ministryLayouts ?? []).map((l) => ({ value: l.code, label: pick(l.nameVi, l.nameEn) }))} />
        <Select aria-label={t('dq.period')} data-testid="mx-period" style={{ minWidth: 200 }} value={period} onChange={(v) => { setPeriodCode(v); setResult(null); }}
          options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
      </Space>
      {!layout.official && <Alert type="warning" showIcon title={t('mx.notOfficial')} description={layout.noteVi} data-testid="mx-not-official" />}
      <Space wrap>
        <Button data-testid="mx-export" onClick={() => void downloadFile(`/api/ministry/${layout.code}/${period}.xlsx`, `${layout.code}_${period}.xlsx`).catch((e) => message.error(describeError(e, language).message))}>
          {t('mx.export')}
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button type="primary" loading={busy} data-testid="mx-upload">{t('mx.upload')}</Button>
        </Upload>
      </Space>
      {result && (
        <Card size="small" title={t('mx.result')} data-testid="mx-result">
          <Space wrap style={{ marginBottom: 12 }}>
            {(Object.keys(result.counts) as RowMatch[]).map((s) => (
              <Tag key={s} style={STATUS_STYLE[s]} data-testid={`mx-count-${s}`}>{t(`mx.status.${s}`)}: {formatNumber(result.counts[s])}</Tag>
            ))}
          </Space>
          <div className="table-scroll">
            <Table size="small" rowKey={(r) => `${r.status}|${r.ministryCode}|${r.name}`} dataSource={result.rows.filter((r) => r.status !== 'MATCH')} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('mx.code'), dataIndex: 'ministryCode', key: 'code', render: (v: string | null) => v ?? '—' },
                { title: t('mx.name'), dataIndex: 'name', key: 'name' },
                { title: t('mx.statusTitle'), key: 'status', render: (_, r) => <Tag style={STATUS_STYLE[r.status]}>{t(`mx.status.${r.status}`)}</Tag> },
                { title: t('mx.differences'), key: 'diff', render: (_, r) => r.differences.map((d) => <div key={d.column}>{t('mx.difference', { column: d.column, here: formatNumber(d.here), there: formatNumber(d.there) })}</div>) },
              ]}
            />
          </div>
        </Card>
      )}
      <MinistryCodesCard key={layout.code} kind={layout.rowsPer === 'CENTRE' ? 'CENTRE' : 'UNIT'} />
    </Space>
  );
}

function MinistryCodesCard({ kind: initial }: { kind: 'CENTRE' | 'UNIT' }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState(initial);
  const list = useQuery(MINISTRY_CODES, { variables: { kind } });
  const [save] = useMutation(SET_MINISTRY_CODE);
  const [search, setSearch] = useState('');
  const rows = (list.data?.ministryCodes ?? []).filter((r) => !search || `${r.code} ${r.name} ${r.ministryCode ?? ''}`.toLowerCase().includes(search.toLowerCase()));
  return (
    <Card size="small" title={t('mx.codesTitle')} data-testid="mx-codes">
      <Typography.Paragraph type="secondary">{t('mx.codesHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented aria-label={t('mx.codesKind')} value={kind} onChange={(v) => setKind(v as 'CENTRE' | 'UNIT')} options={[{ value: 'UNIT', label: t('mx.communes') }, { value: 'CENTRE', label: t('mx.centres') }]} />
        <Input.Search aria-label={t('mx.search')} placeholder={t('mx.search')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: 260 }} />
      </Space>
      <div className="table-scroll">
        <Table size="small" rowKey="id" loading={list.loading && !list.data} dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('mx.name'), key: 'name', render: (_, r) => `${r.name} (${r.code})` },
            {
              title: t('mx.code'), key: 'ministryCode', width: 200,
              render: (_, r) => (
                <Input
                  aria-label={`${t('mx.code')}: ${r.name}`}
                  defaultValue={r.ministryCode ?? ''}
                  maxLength={30}
                  onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
                  onBlur={async (e) => {
                    const value = e.target.value.trim() || null;
                    if (value === (r.ministryCode ?? null)) return;
                    try {
                      await save({ variables: { input: { kind, id: r.id, ministryCode: value } } });
                      message.success(t('mx.codeSaved', { name: r.name }));
                      void list.refetch();
                    } catch (err) {
                      message.error(describeError(err, language).message);
                    }
                  }}
                />
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
