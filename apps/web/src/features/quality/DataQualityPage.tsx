import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { linkTo, recentPeriodCodes, todayInVietnam, type PeriodType } from '@gdtx/domain';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { EmptyState, ErrorState } from '../../components/States';
import { FormModal } from '../../components/FormModal';
import { UrlTabs } from '../../components/UrlTabs';
import { MinistryExchange } from './MinistryExchange';
import { REPORT_TEMPLATES } from '../../gql/templates';
import {
  DATA_QUALITY_FLAGS, DATA_QUALITY_OUTLIERS, FLAG_VALUE, LIKELY_DUPLICATE_CENTRES, RESOLVE_DATA_QUALITY_FLAG, type OutlierRow,
} from './quality.documents';

/** The last `count` ended periods of a type, the latest first (the current, unfinished one is left out). */
export function recentPeriods(type: PeriodType, count: number, today = todayInVietnam()): string[] {
  return recentPeriodCodes(type, count, today);
}

/** A score the way a specialist reads it: the median compared with, and how far off (|z|). */
function ScoreCell({ score }: { score: OutlierRow['history'] }) {
  const { t, formatNumber } = useI18n();
  if (score.score === null) return <Typography.Text type="secondary">{t(score.method === 'NO_SPREAD' ? 'dq.noSpread' : 'dq.tooFew')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{t('dq.median', { value: formatNumber(score.median), n: formatNumber(score.n) })}</span>
      <Tag color={score.outlier ? 'red' : undefined} style={score.outlier ? undefined : { color: '#434343' }}>z = {formatNumber(score.score)}</Tag>
    </Space>
  );
}

function OutliersTab() {
  const { t, pick, formatNumber, periodLabel } = useI18n();
  const templates = useQuery(REPORT_TEMPLATES, { variables: {} });
  const periodic = (templates.data?.reportTemplates ?? []).filter((tpl) => ['QUARTER', 'SEMESTER', 'SCHOOL_YEAR'].includes(tpl.periodType));
  const [templateCode, setTemplateCode] = useState<string | null>(null);
  const template = periodic.find((tpl) => tpl.code === templateCode) ?? periodic.find((tpl) => tpl.code === 'LANGUAGE_IT_QUARTERLY') ?? periodic[0];
  const periods = useMemo(() => (template ? recentPeriods(template.periodType as PeriodType, 8) : []), [template]);
  const [periodCode, setPeriodCode] = useState<string | null>(null);
  const period = periodCode && periods.includes(periodCode) ? periodCode : periods[0];
  const list = useQuery(DATA_QUALITY_OUTLIERS, { variables: { periodCode: period ?? '', templateCode: template?.code ?? '' }, skip: !template || !period });
  const [flagging, setFlagging] = useState<OutlierRow | null>(null);
  if (templates.error) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const rows = list.data?.dataQualityOutliers ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>{t('dq.outliersHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('dq.template')}
          data-testid="dq-template"
          style={{ minWidth: 280, maxWidth: '100%' }}
          value={template?.code}
          onChange={(v) => { setTemplateCode(v); setPeriodCode(null); }}
          options={periodic.map((tpl) => ({ value: tpl.code, label: pick(tpl.nameVi, tpl.nameEn) }))}
        />
        <Select aria-label={t('dq.period')} data-testid="dq-period" style={{ minWidth: 180 }} value={period} onChange={setPeriodCode} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
        <Typography.Text strong data-testid="dq-total">{list.data ? t('dq.total', { n: formatNumber(rows.length) }) : '\u00a0'}</Typography.Text>
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className="table-scroll">
          <Table
            data-testid="dq-outliers"
            size="small"
            rowKey={(r) => `${r.submissionId}|${r.valueKey}`}
            loading={list.loading}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState text={t('dq.noOutliers')} /> }}
            columns={[
              { title: t('dq.centre'), key: 'centre', render: (_, r) => <Link to={linkTo('centre', { id: r.centreId })}>{r.centreCode} · {r.centreName}</Link> },
              { title: t('dq.value'), key: 'value', render: (_, r) => <><Link to={linkTo('submission', { submissionId: r.submissionId })}>{pick(r.labelVi, r.labelEn)}</Link>: <strong>{formatNumber(r.value)}</strong></> },
              { title: t('dq.againstHistory'), key: 'history', render: (_, r) => <ScoreCell score={r.history} /> },
              { title: t('dq.againstPeers'), key: 'peers', render: (_, r) => <ScoreCell score={r.peers} /> },
              {
                title: t('dq.follow'), key: 'flag', render: (_, r) => r.openFlagId
                  ? <Tag color="gold" style={{ color: '#613400' }}>{t('dq.flagged')}</Tag>
                  : <Button size="small" onClick={() => setFlagging(r)} aria-label={`${t('dq.flag')}: ${r.centreCode} ${pick(r.labelVi, r.labelEn)}`}>{t('dq.flag')}</Button>,
              },
            ]}
          />
        </div>
      )}
      {flagging && <FlagDialog row={flagging} onClose={() => setFlagging(null)} onDone={() => { setFlagging(null); void list.refetch(); }} />}
    </>
  );
}

function FlagDialog({ row, onClose, onDone }: { row: OutlierRow; onClose(): void; onDone(): void }) {
  const { t, pick, formatNumber, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [flag, { loading }] = useMutation(FLAG_VALUE, { refetchQueries: [DATA_QUALITY_FLAGS] });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { note } = await form.validateFields().catch(() => ({ note: null as string | null }));
    if (!note) return;
    try {
      await flag({ variables: { input: { submissionId: row.submissionId, valueKey: row.valueKey, note } } });
      message.success(t('dq.flagSaved'));
      onDone();
    } catch (e) {
      setError(describeError(e, language).message);
    }
  };
  return (
    <FormModal
      title={`${t('dq.flag')}: ${row.centreCode} · ${pick(row.labelVi, row.labelEn)} = ${formatNumber(row.value)}`}
      form={form} onSubmit={() => void submit()} onClose={onClose} running={loading} grid={false} testId="dq-flag-form"
      refusal={error ? <Typography.Text type="danger" role="alert">{error}</Typography.Text> : undefined}
      formProps={{ initialValues: { note: t('dq.defaultNote') } }}
    >
      <Form.Item name="note" label={t('dq.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 1000 }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function FlagsTab() {
  const { t, pick, formatNumber, formatDate, periodLabel } = useI18n();
  const [status, setStatus] = useState<'OPEN' | 'RESOLVED' | 'ALL'>('OPEN');
  const list = useQuery(DATA_QUALITY_FLAGS, { variables: { status: status === 'ALL' ? null : status }, fetchPolicy: 'cache-and-network' });
  const [resolving, setResolving] = useState<{ id: string; title: string } | null>(null);
  const rows = list.data?.dataQualityFlags ?? [];
  return (
    <>
      <Segmented
        aria-label={t('dq.flagStatus')}
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[{ value: 'OPEN', label: t('dq.open') }, { value: 'RESOLVED', label: t('dq.resolved') }, { value: 'ALL', label: t('dq.all') }]}
      />
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
        <div className="table-scroll">
          <Table
            data-testid="dq-flags"
            size="small"
            rowKey="id"
            loading={list.loading && !list.data}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState text={t('dq.noFlags')} /> }}
            columns={[
              { title: t('dq.centre'), key: 'centre', render: (_, r) => <Link to={linkTo('centre', { id: r.centreId })}>{r.centreName}</Link> },
              { title: t('dq.value'), key: 'value', render: (_, r) => <><Link to={linkTo('submission', { submissionId: r.submissionId })}>{pick(r.labelVi, r.labelEn)}</Link> ({periodLabel(r.periodCode)}): <strong>{formatNumber(r.value)}</strong></> },
              { title: t('dq.note'), dataIndex: 'note', key: 'note' },
              {
                title: t('dq.follow'), key: 'status', render: (_, r) => r.status === 'OPEN'
                  ? <Button size="small" onClick={() => setResolving({ id: r.id, title: `${r.centreName} · ${pick(r.labelVi, r.labelEn)}` })}>{t('dq.resolve')}</Button>
                  : <span>{t('dq.resolvedOn', { date: formatDate(r.resolvedAt) })}: {r.resolution}</span>,
              },
            ]}
          />
        </div>
      )}
      {resolving && <ResolveDialog {...resolving} onClose={() => setResolving(null)} />}
    </>
  );
}

function ResolveDialog({ id, title, onClose }: { id: string; title: string; onClose(): void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ resolution: string }>();
  const [resolve, { loading }] = useMutation(RESOLVE_DATA_QUALITY_FLAG, { refetchQueries: [DATA_QUALITY_FLAGS, DATA_QUALITY_OUTLIERS] });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { resolution } = await form.validateFields().catch(() => ({ resolution: null as string | null }));
    if (!resolution) return;
    try {
      await resolve({ variables: { id, resolution } });
      message.success(t('dq.resolvedSaved'));
      onClose();
    } catch (e) {
      setError(describeError(e, language).message);
    }
  };
  return (
    <FormModal title={`${t('dq.resolve')}: ${title}`} form={form} onSubmit={() => void submit()} onClose={onClose} running={loading} grid={false} testId="dq-resolve-form"
      refusal={error ? <Typography.Text type="danger" role="alert">{error}</Typography.Text> : undefined}>
      <Form.Item name="resolution" label={t('dq.resolution')} extra={t('dq.resolutionHelp')} rules={[{ required: true, whitespace: true, min: 3, message: t('dq.resolutionTooShort') }, { max: 1000 }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function DuplicatesTab() {
  const { t } = useI18n();
  const list = useQuery(LIKELY_DUPLICATE_CENTRES, { fetchPolicy: 'cache-and-network' });
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dq.duplicatesHelp')}</Typography.Paragraph>
      <div className="table-scroll">
        <Table
          data-testid="dq-duplicates"
          size="small"
          rowKey={(r) => `${r.firstId}|${r.secondId}`}
          loading={list.loading && !list.data}
          dataSource={list.data?.likelyDuplicateCentres ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState text={t('dq.noDuplicates')} /> }}
          columns={[
            { title: t('dq.first'), key: 'a', render: (_, r) => <Link to={linkTo('centre', { id: r.firstId })}>{r.firstCode} · {r.firstName}</Link> },
            { title: t('dq.second'), key: 'b', render: (_, r) => <Link to={linkTo('centre', { id: r.secondId })}>{r.secondCode} · {r.secondName}</Link> },
            { title: t('dq.reason'), key: 'reason', render: (_, r) => t(r.reason === 'ADDRESS' ? 'dq.sameAddress' : 'dq.sameName') },
          ]}
        />
      </div>
    </>
  );
}

/**
 * "Chất lượng số liệu" (issue 15 items 4 and 7): the Sở's outliers of a period, follow-up flags, likely duplicate
 * centres, and the reconciliation with the ministry's systems.
 */
export function DataQualityPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('dq.title')}</Typography.Title>
      <Card>
        <UrlTabs
          items={[
            { key: 'outliers', label: t('dq.tabOutliers'), children: <OutliersTab /> },
            { key: 'flags', label: t('dq.tabFlags'), children: <FlagsTab /> },
            { key: 'duplicates', label: t('dq.tabDuplicates'), children: <DuplicatesTab /> },
            { key: 'ministry', label: t('dq.tabMinistry'), children: <MinistryExchange /> },
          ]}
        />
      </Card>
    </>
  );
}

