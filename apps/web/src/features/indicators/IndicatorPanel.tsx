import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Select, Space, Table, Typography } from 'antd';
import { periodContaining, previousPeriod, scopeOfRole, todayInVietnam, type Role } from '@gdtx/domain';
import { GROUPED_INDICATOR_VALUES, PROVINCE_OVERVIEW, type GroupedIndicatorValue, type IndicatorTrend } from '../../gql/insights';
import { GroupBySelect, groupColumnKey, type Grouping } from '../../components/GroupBy';
import { useI18n } from '../../i18n';
import { EmptyState, Loading } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';
import { OfficialDocumentButtons } from '../../components/OfficialDocumentButtons';
import { officialDocumentUrls } from '../../officialDocuments';
import { useAuth } from '../../auth';

/** School years and their semesters, newest first: the periods the Sở compares indicators over. */
function recentPeriods(): string[] {
  const codes: string[] = [];
  let year = periodContaining('SCHOOL_YEAR', todayInVietnam());
  for (let i = 0; i < 4; i++) {
    codes.push(year.code, `${year.code}-S2`, `${year.code}-S1`);
    year = previousPeriod(year);
  }
  return codes;
}

/** Indicator values of a period with their change against the previous one, each with when it was computed. */
export function IndicatorPanel() {
  const { t, pick, periodLabel, formatNumber, formatDateTime } = useI18n();
  const periods = useMemo(recentPeriods, []);
  // Default: the last complete school year (the current one has few accepted reports yet).
  const [periodId, setPeriodId] = useState(periods[3]);
  const { data, loading, error } = useQuery(PROVINCE_OVERVIEW, { variables: { periodCode: periodId }, fetchPolicy: 'network-only' });
  const { user } = useAuth();
  // The province summary is the Sở's document (the API refuses it to other scopes).
  const isSo = !!user && scopeOfRole(user.role as Role) === 'province';
  if (error) return <Alert type="info" showIcon title={t('dashboard.indicatorsPending')} />;
  const show = (v: number | null | undefined, unit?: string) => (v === null || v === undefined ? '—' : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor="indicator-period">{t('indicators.period')}:</label>
        <Select id="indicator-period" value={periodId} onChange={setPeriodId} style={{ width: 280 }} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
        <ExportButton<IndicatorTrend>
          title={t('dashboard.indicators')}
          subtitle={t('export.period', { period: periodLabel(periodId) })}
          rows={data?.provinceOverview.indicators ?? []}
          testId="export-indicators"
          columns={[
            { header: t('form.field'), value: (r) => pick(r.current.nameVi, r.current.nameEn) },
            { header: t('indicators.value'), value: (r) => r.current.value, kind: 'number' },
            { header: t('indicators.previous'), value: (r) => r.previous?.value ?? null, kind: 'number' },
            { header: t('indicators.change'), value: (r) => r.change, kind: 'number' },
            { header: t('indicators.centres'), value: (r) => r.current.centreCount, kind: 'number' },
            { header: t('indicators.computedAt'), value: (r) => r.current.computedAt, kind: 'datetime' },
          ]}
        />
        {isSo && (
          <OfficialDocumentButtons urlOf={(format) => officialDocumentUrls.provinceSummary(periodId, format)} fileStem={`bao-cao-tong-hop-${periodId}`} testId="province-summary" />
        )}
      </Space>
      {loading && !data ? (
        <Loading />
      ) : (
        <>
          {data && <Typography.Paragraph type="secondary">{t('dashboard.computedAt', { time: formatDateTime(data.provinceOverview.computedAt) })}</Typography.Paragraph>}
          <Table<IndicatorTrend>
            rowKey={(r) => r.current.code}
            size="small"
            pagination={false}
            dataSource={data?.provinceOverview.indicators ?? []}
            locale={{ emptyText: <EmptyState text={t('indicators.empty')} /> }}
            scroll={{ x: 640 }}
            data-testid="indicator-table"
            columns={[
              { title: t('form.field'), key: 'name', render: (_, r) => pick(r.current.nameVi, r.current.nameEn) },
              { title: t('indicators.value'), key: 'value', width: 120, render: (_, r) => show(r.current.value, r.current.unit) },
              { title: t('indicators.previous'), key: 'previous', width: 120, render: (_, r) => show(r.previous?.value, r.current.unit) },
              {
                title: t('indicators.change'), key: 'change', width: 100,
                render: (_, r) => (r.change === null ? '—' : <span style={{ color: r.change < 0 ? '#a8071a' : '#135200' }}>{r.change > 0 ? '+' : ''}{formatNumber(r.change)}</span>),
              },
              { title: t('indicators.centres'), key: 'centres', width: 100, render: (_, r) => formatNumber(r.current.centreCount) },
              { title: t('indicators.computedAt'), key: 'computed', width: 150, render: (_, r) => formatDateTime(r.current.computedAt) },
            ]}
          />
          {data && data.provinceOverview.indicators.length > 0 && (
            <GroupedIndicators periodId={periodId} indicators={data.provinceOverview.indicators.map((i) => i.current)} />
          )}
        </>
      )}
    </>
  );
}

/**
 * One indicator of the period by today's communes, today's areas or centre type (issue 12 item 5): the API groups
 * on the structure of `asOf` = today, so reports filed before the reform count in the successor commune or area.
 */
function GroupedIndicators({ periodId, indicators }: { periodId: string; indicators: { code: string; nameVi: string; nameEn: string; unit: string }[] }) {
  const { t, pick, formatNumber, centreTypeLabel } = useI18n();
  const [grouping, setGrouping] = useState<Grouping>('UNIT_LEVEL');
  const [code, setCode] = useState(indicators[0].code);
  const indicator = indicators.find((i) => i.code === code) ?? indicators[0];
  const asOf = todayInVietnam() as string;
  const { data, loading, error } = useQuery(GROUPED_INDICATOR_VALUES, {
    variables: { query: { codes: [indicator.code], periodCode: periodId, groupBy: [grouping], asOf } },
    fetchPolicy: 'network-only',
  });
  const nameOf = (r: GroupedIndicatorValue) =>
    grouping === 'UNIT_LEVEL' ? r.unitName ?? t('group.scopeUnit') : grouping === 'AREA' ? r.areaName ?? t('group.noArea') : r.centreType ? centreTypeLabel(r.centreType) : t('group.none');
  const rows = [...(data?.indicatorValues ?? [])]
    .filter((r) => r.coverage.expected > 0 || r.centreCount > 0)
    .sort((a, b) => Number(!groupIdOf(a, grouping)) - Number(!groupIdOf(b, grouping)) || nameOf(a).localeCompare(nameOf(b), 'vi'));
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v)} ${indicator.unit}`);
  return (
    <section aria-labelledby="grouped-indicators-title" data-testid="grouped-indicators" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="grouped-indicators-title" style={{ fontSize: 15 }}>{t('group.indicatorsTitle')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <GroupBySelect id="indicator-group-by" value={grouping} onChange={setGrouping} />
        <label htmlFor="indicator-group-code">{t('group.indicator')}:</label>
        <Select
          id="indicator-group-code"
          value={indicator.code}
          onChange={setCode}
          style={{ width: 300, maxWidth: 'calc(100vw - 72px)' }}
          options={indicators.map((i) => ({ value: i.code, label: pick(i.nameVi, i.nameEn) }))}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('group.hint')}</Typography.Paragraph>
      {error ? (
        <Alert type="info" showIcon title={t('dashboard.indicatorsPending')} />
      ) : (
        <Table<GroupedIndicatorValue>
          data-testid="grouped-indicator-table"
          rowKey={(r) => groupIdOf(r, grouping) ?? 'none'}
          size="small"
          loading={loading && !data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={rows}
          scroll={{ x: 560 }}
          locale={{ emptyText: <EmptyState text={t('indicators.empty')} /> }}
          columns={[
            { title: t(groupColumnKey(grouping)), key: 'group', render: (_, r) => <span data-group={groupIdOf(r, grouping) ?? ''}>{nameOf(r)}</span> },
            { title: t('indicators.value'), key: 'value', width: 130, align: 'right', render: (_, r) => show(r.value) },
            { title: t('indicators.centres'), key: 'centres', width: 110, align: 'right', render: (_, r) => formatNumber(r.centreCount) },
            { title: t('group.coverage'), key: 'coverage', width: 110, align: 'right', render: (_, r) => `${formatNumber(r.coverage.reporting)}/${formatNumber(r.coverage.expected)}` },
          ]}
        />
      )}
    </section>
  );
}

function groupIdOf(r: GroupedIndicatorValue, g: Grouping): string | null {
  return g === 'UNIT_LEVEL' ? r.unitId ?? null : g === 'AREA' ? r.areaId ?? null : r.centreType ?? null;
}
