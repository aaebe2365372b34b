import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Drawer, Select, Space, Table, Tag, Typography } from 'antd';
import { findShippedTemplate, periodContaining, previousPeriod, shippedTemplates, todayInVietnam, type SubmissionStatus } from '@gdtx/domain';
import { REPORTING_RATES, type ReportingRate } from '../../gql/insights';
import { HEATMAP_CELL, type CellSubmission } from '../../gql/misc';
import { useI18n } from '../../i18n';
import { EmptyState, ErrorState, Loading, SubmissionStatusTag } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';

const PERIODS_SHOWN = 6;

/** Cell colours by share submitted; all dark enough for white text (WCAG AA). */
export function heatColour(rate: number | null): { background: string; color: string } {
  if (rate === null) return { background: '#f5f5f5', color: '#434343' };
  if (rate >= 100) return { background: '#135200', color: '#fff' };
  if (rate >= 80) return { background: '#3f6600', color: '#fff' };
  if (rate >= 50) return { background: '#ad4e00', color: '#fff' };
  return { background: '#a8071a', color: '#fff' };
}

const LEGEND: { label: string; rate: number | null }[] = [
  { label: '< 50%', rate: 0 }, { label: '50–79%', rate: 50 }, { label: '80–99%', rate: 80 }, { label: '100%', rate: 100 },
];

interface Cell { unitId: string; unitName: string; periodCode: string }

/**
 * Share of expected reports submitted, by unit (rows) and period (columns), for one template. Each cell is a
 * button: click or Enter opens the centres of that unit with their report for that period.
 */
export function ReportingHeatmap() {
  const { t, pick, periodLabel, formatNumber, formatDateTime } = useI18n();
  const templates = shippedTemplates.filter((tpl) => tpl.code !== 'XMC_COMMUNE_YEARLY');
  const [templateCode, setTemplateCode] = useState(templates[0]?.code ?? 'GDTX_SEMESTER');
  const [open, setOpen] = useState<Cell | null>(null);
  // Rows: today's communes and wards (UNIT_LEVEL under the province) or the Sở's supervisory areas (AREA; areas
  // overlap, so a centre counts in each of its areas). Drill-down to the centres is by commune.
  const [rowsBy, setRowsBy] = useState<'UNIT_LEVEL' | 'AREA'>('UNIT_LEVEL');
  const template = templates.find((tpl) => tpl.code === templateCode) ?? templates[0];
  const periods = useMemo(() => {
    const list = [periodContaining(template.periodType, todayInVietnam())];
    while (list.length < PERIODS_SHOWN) list.unshift(previousPeriod(list[0]));
    return list.map((p) => p.code);
  }, [template.periodType]);
  const { data, loading, error } = useQuery(REPORTING_RATES, {
    // asOf today: every period on today's communes and areas (history falls into the successor units).
    variables: { templateCode, periodFrom: periods[0], periodTo: periods[periods.length - 1], groupBy: [rowsBy, 'PERIOD'], asOf: todayInVietnam() as string },
    fetchPolicy: 'network-only',
  });
  if (error) return <Alert type="info" showIcon title={t('dashboard.reportingPending')} />;

  const rates = data?.reportingRates ?? [];
  const byArea = rowsBy === 'AREA';
  const rowId = (r: ReportingRate) => (byArea ? r.areaId : r.unitId);
  const units = [...new Map(rates.filter((r) => rowId(r)).map((r) => [rowId(r)!, (byArea ? r.areaName : r.unitName) ?? rowId(r)!])).entries()];
  const cell = (unitId: string, period: string): ReportingRate | undefined => rates.find((r) => rowId(r) === unitId && r.periodCode === period);
  const rateText = (r: ReportingRate | undefined) => (r?.submittedRate === null || r?.submittedRate === undefined ? '—' : `${formatNumber(r.submittedRate)}%`);
  const templateName = pick(template.nameVi, template.nameEn);

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor="heatmap-template">{t('col.template')}:</label>
        <Select id="heatmap-template" value={templateCode} onChange={setTemplateCode} style={{ width: 360, maxWidth: 'calc(100vw - 72px)' }} options={templates.map((tpl) => ({ value: tpl.code, label: pick(tpl.nameVi, tpl.nameEn) }))} />
        <label htmlFor="heatmap-rows">{t('heatmap.rowsBy')}:</label>
        <Select
          id="heatmap-rows"
          data-testid="heatmap-rows"
          value={rowsBy}
          onChange={setRowsBy}
          style={{ width: 220 }}
          options={[{ value: 'UNIT_LEVEL', label: t('heatmap.rowsByUnit') }, { value: 'AREA', label: t('heatmap.rowsByArea') }]}
        />
        <ExportButton<[string, string]>
          title={t('dashboard.reportingRate')}
          subtitle={`${t('col.template')}: ${templateName}`}
          rows={units}
          testId="export-heatmap"
          columns={[
            { header: t('heatmap.unitColumn'), value: ([, name]) => name },
            ...periods.map((p) => ({ header: `${periodLabel(p)} (%)`, value: ([unitId]: [string, string]) => cell(unitId, p)?.submittedRate ?? null, kind: 'percent' as const })),
          ]}
        />
      </Space>
      {loading && !data ? (
        <Loading />
      ) : units.length === 0 ? (
        <EmptyState />
      ) : (
        <div data-testid="reporting-heatmap">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('dashboard.computedAt', { time: formatDateTime(rates[0]?.computedAt) })} · {byArea ? t('heatmap.areaHint') : t('heatmap.hint')}
          </Typography.Paragraph>
          <div className="heatmap-scroll">
            <table className="heatmap">
              <caption className="sr-only">{`${t('dashboard.reportingRate')} — ${templateName}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{byArea ? t('heatmap.areaColumn') : t('heatmap.unitColumn')}</th>
                  {periods.map((p) => <th key={p} scope="col">{periodLabel(p)}</th>)}
                </tr>
              </thead>
              <tbody>
                {units.map(([unitId, name]) => (
                  <tr key={unitId}>
                    <th scope="row">{name}</th>
                    {periods.map((p) => {
                      const r = cell(unitId, p);
                      const colours = heatColour(r && r.expected ? r.submittedRate : null);
                      const has = !!r && r.expected > 0;
                      // Rates are over what is due: a period whose deadline is ahead is grey, not red.
                      const due = r ? r.expected - r.notDue : 0;
                      if (byArea) {
                        // An area row is not drilled into (its communes are): the figures as text.
                        return (
                          <td key={p}>
                            <span className="heatmap-cell" style={colours} data-area={unitId} data-period={p} data-submitted={r?.submitted ?? 0} data-expected={r?.expected ?? 0} data-due={due}>
                              <span className="sr-only">{`${name}, ${periodLabel(p)}: `}</span>
                              <span className="heatmap-rate">{!has ? '—' : due === 0 ? t('heatmap.notDue') : rateText(r)}</span>
                              {has ? (due > 0 && <span className="heatmap-count">{formatNumber(r!.submitted)}/{formatNumber(due)}</span>) : <span className="sr-only">{t('heatmap.noData')}</span>}
                            </span>
                          </td>
                        );
                      }
                      return (
                        <td key={p}>
                          <button
                            type="button"
                            className="heatmap-cell"
                            style={colours}
                            data-unit={unitId}
                            data-period={p}
                            data-submitted={r?.submitted ?? 0}
                            data-expected={r?.expected ?? 0}
                            data-due={due}
                            disabled={!has}
                            onClick={() => setOpen({ unitId, unitName: name, periodCode: p })}
                          >
                            {/* The name read out is the unit, the period and the figures shown (nothing hidden from sight). */}
                            <span className="sr-only">{`${name}, ${periodLabel(p)}: `}</span>
                            <span className="heatmap-rate">{!has ? '—' : due === 0 ? t('heatmap.notDue') : rateText(r)}</span>
                            {has ? (due > 0 && <span className="heatmap-count">{formatNumber(r!.submitted)}/{formatNumber(due)}</span>) : <span className="sr-only">{t('heatmap.noData')}</span>}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="heatmap-legend" aria-hidden="true">
            <span>{t('heatmap.legend')}:</span>
            {LEGEND.map((l) => (
              <span key={l.label} className="heatmap-legend-item"><span className="heatmap-swatch" style={{ background: heatColour(l.rate).background }} />{l.label}</span>
            ))}
          </div>
        </div>
      )}
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size={720}
        destroyOnHidden
        title={open ? t('heatmap.drawerTitle', { unit: open.unitName, period: periodLabel(open.periodCode) }) : ''}
        data-testid="heatmap-drawer"
      >
        {open && <CellCentres templateCode={templateCode} cell={open} />}
      </Drawer>
    </>
  );
}

/** Where a centre's report stands, as the reporting calendar classifies it (one rate row per centre). */
type CalendarClass = 'MISSING' | 'RETURNED' | 'NOT_YET_DUE' | 'LATE' | 'ON_TIME';
const FOLLOW_UP_ORDER: Record<CalendarClass, number> = { MISSING: 0, RETURNED: 1, NOT_YET_DUE: 2, LATE: 3, ON_TIME: 4 };

function calendarClassOf(r: { notDue: number; onTime: number; late: number; returned: number }): CalendarClass {
  if (r.onTime) return 'ON_TIME';
  if (r.late) return 'LATE';
  if (r.returned) return 'RETURNED';
  if (r.notDue) return 'NOT_YET_DUE';
  return 'MISSING';
}

interface CentreRow {
  centreId: string;
  code: string;
  name: string;
  calendar: CalendarClass;
  submission: CellSubmission | null;
}

/** The centres expected to report in one cell, with their report's status and a link to it. */
function CellCentres({ templateCode, cell }: { templateCode: string; cell: Cell }) {
  const { t, pick, periodLabel, formatDateTime } = useI18n();
  const { data, loading, error, refetch } = useQuery(HEATMAP_CELL, {
    variables: { templateCode, periodCode: cell.periodCode, unitId: cell.unitId },
    fetchPolicy: 'network-only',
  });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !data) return <Loading />;
  const names = new Map(data.centres.nodes.map((c) => [c.id, c]));
  const submissions = new Map(data.submissions.nodes.map((s) => [s.centreId, s]));
  const rows: CentreRow[] = data.reportingRates
    .filter((r) => r.centreId && r.expected > 0)
    .map((r) => ({
      centreId: r.centreId!,
      code: names.get(r.centreId!)?.code ?? '',
      name: names.get(r.centreId!)?.name ?? r.centreId!,
      calendar: calendarClassOf(r),
      submission: submissions.get(r.centreId!) ?? null,
    }))
    // Overdue first, then returned: that is what the Sở follows up.
    .sort((a, b) => FOLLOW_UP_ORDER[a.calendar] - FOLLOW_UP_ORDER[b.calendar] || a.name.localeCompare(b.name, 'vi'));
  const total = (key: 'expected' | 'notDue' | 'submitted' | 'onTime' | 'late' | 'returned' | 'missing' | 'accepted') => data.reportingRates.reduce((s, r) => s + r[key], 0);
  const template = findShippedTemplate(templateCode);
  const statusText = (r: CentreRow) =>
    r.calendar === 'MISSING' ? t('heatmap.missing') : r.calendar === 'NOT_YET_DUE' ? t('heatmap.notDue') : r.submission ? t(`status.${r.submission.status}` as 'status.DRAFT') : '';
  const timeliness = (r: CentreRow) => (r.calendar === 'ON_TIME' ? t('heatmap.onTime') : r.calendar === 'LATE' ? t('heatmap.late') : '');
  return (
    <>
      <Typography.Paragraph data-testid="heatmap-drawer-summary">
        {template ? <strong>{pick(template.nameVi, template.nameEn)}</strong> : null}
        <br />
        {t('heatmap.summary', {
          submitted: total('submitted'), due: total('expected') - total('notDue'), onTime: total('onTime'), late: total('late'),
          returned: total('returned'), missing: total('missing'), notDue: total('notDue'), accepted: total('accepted'),
        })}
      </Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <ExportButton<CentreRow>
          title={`${t('dashboard.reportingRate')} — ${cell.unitName}`}
          subtitle={`${template ? pick(template.nameVi, template.nameEn) : templateCode} · ${t('export.period', { period: periodLabel(cell.periodCode) })}`}
          rows={rows}
          testId="export-heatmap-cell"
          columns={[
            { header: t('col.code'), value: (r) => r.code },
            { header: t('col.centre'), value: (r) => r.name },
            { header: t('col.status'), value: statusText },
            { header: t('heatmap.timeliness'), value: timeliness },
            { header: t('col.dueDate'), value: (r) => r.submission?.dueDate ?? null, kind: 'date' },
            { header: t('col.submittedAt'), value: (r) => r.submission?.submittedAt ?? null, kind: 'datetime' },
          ]}
        />
      </div>
      <Table<CentreRow>
        rowKey="centreId"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <EmptyState text={t('heatmap.noData')} /> }}
        scroll={{ x: 640 }}
        columns={[
          { title: t('col.centre'), key: 'centre', render: (_, r) => <Link to={`/centres/${r.centreId}`}>{r.name}</Link> },
          {
            title: t('col.status'), key: 'status', width: 130,
            render: (_, r) => (r.calendar === 'MISSING' ? <Tag color="red" style={{ color: '#1f1f1f' }}>{t('heatmap.missing')}</Tag>
              : r.calendar === 'NOT_YET_DUE' ? <Tag style={{ color: '#1f1f1f' }}>{t('heatmap.notDue')}</Tag>
                : r.submission ? <SubmissionStatusTag status={r.submission.status as SubmissionStatus} /> : '—'),
          },
          { title: t('heatmap.timeliness'), key: 'time', width: 100, render: (_, r) => timeliness(r) || '—' },
          { title: t('col.submittedAt'), key: 'at', width: 140, render: (_, r) => formatDateTime(r.submission?.submittedAt) },
          {
            title: t('col.actions'), key: 'open', width: 130,
            render: (_, r) => (r.submission
              ? <Link to={`/submissions/${r.submission.id}`}><Button size="small">{t('heatmap.openReport')}</Button></Link>
              : <Typography.Text type="secondary">—</Typography.Text>),
          },
        ]}
      />
    </>
  );
}
