import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CentreTypes, layoutFitsDimension, RELATIVE_PERIODS, RelativePeriods, todayInVietnam, VisualizationDimensions, VisualizationLayouts,
  visualizationFromQuery, visualizationToQuery,
  type VisualizationDefinition, type VisualizationLayout,
} from '@gdtx/domain';
import { DELETE_VISUALIZATION, MY_VISUALIZATIONS, SAVE_VISUALIZATION, VISUALIZER_INDICATORS, VISUALIZER_VALUES, type VisualizationFavourite } from './visualizer.documents';
import { buildPivot, indicatorFitsPeriod, visualizerVariables, type DrillTarget, type PivotCell, type PivotRow, type PivotValue } from './visualizer';
import { CellDrill } from './CellDrill';
import { VisualizerMap } from './VisualizerMap';
import { useI18n } from '../../i18n';
import { describeError } from '../../errors';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';
import { SeriesChartCard, type ChartHandle } from '../../components/Chart';
import { useModalSubmit } from '../../components/useModalSubmit';
import { exportFileName } from '../../exportTable';

const FIELD_WIDTH = { width: 260, maxWidth: 'calc(100vw - 48px)' } as const;

/**
 * The data visualizer (issue 15 item 2; docs/visualizer.md). The whole visualisation lives in the URL query
 * (libs/domain visualizationToQuery), so a copied link reopens it; a favourite reopens by `?fav=<id>`. Figures are
 * `indicatorValues` over the relative period resolved on today's date; totals are the API's too (see visualizer.ts).
 */
export function VisualizerPage() {
  const { t, pick, periodLabel, centreTypeLabel, formatNumber, language } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const def = useMemo(() => visualizationFromQuery((n) => params.get(n)), [params]);
  const favouriteId = params.get('fav');
  const today = todayInVietnam() as string;

  const indicators = useQuery(VISUALIZER_INDICATORS);
  const favourites = useQuery(MY_VISUALIZATIONS, { fetchPolicy: 'cache-and-network' });
  const openFavourite = favourites.data?.myVisualizations.find((f) => f.id === favouriteId) ?? null;

  const show = (next: VisualizationDefinition, fav: string | null = favouriteId) =>
    setParams({ ...visualizationToQuery(next), ...(fav ? { fav } : {}) }, { replace: true });
  const change = (patch: Partial<VisualizationDefinition>) => show({ ...def, ...patch });

  // A link with only ?fav=<id> (a favourite reopened): its definition fills the rest of the URL.
  useEffect(() => {
    if (openFavourite && !params.get('i')) show(openFavourite.definition as VisualizationDefinition, openFavourite.id);
  }, [openFavourite?.id]);

  const fitting = (indicators.data?.indicatorDefinitions ?? []).filter((d) => indicatorFitsPeriod(d.templateCodes, def.relativePeriod));
  const { periods, variables } = visualizerVariables(def, today);
  const values = useQuery(VISUALIZER_VALUES, { variables, skip: !def.indicatorCodes.length, fetchPolicy: 'cache-and-network' });

  const nameOf = (v: PivotValue) => {
    switch (def.dimension) {
      case 'UNIT_LEVEL': return v.unitName ?? t('group.scopeUnit');
      case 'AREA': return v.areaName ?? t('group.noArea');
      case 'CENTRE_TYPE': return v.centreType ? centreTypeLabel(v.centreType) : t('group.none');
      case 'OWNERSHIP': return v.ownership ? t(`centre.${v.ownership}`) : t('group.none');
      case 'NONE': return '';
    }
  };
  const pivot = values.data
    ? buildPivot(def, periods, { cells: values.data.cells, rowTotals: values.data.rowTotals, columnTotals: values.data.columnTotals, grandTotals: values.data.grandTotals }, nameOf)
    : null;
  // Chosen indicators with no figure in the range (no accepted report holds them): named, not silently left out.
  const withoutFigures = pivot
    ? def.indicatorCodes.filter((c) => !pivot.rows.some((r) => r.indicatorCode === c))
      .map((c) => indicators.data?.indicatorDefinitions.find((d) => d.code === c) ?? { code: c, nameVi: c, nameEn: c })
    : [];
  const indicatorName = (r: PivotRow) => `${pick(r.indicatorNameVi, r.indicatorNameEn)} (${r.unit})`;
  const memberName = (r: PivotRow) => (r.isTotal ? t('viz.scopeTotal') : r.memberName ?? '');
  const several = def.indicatorCodes.length > 1;
  const seriesName = (r: PivotRow) =>
    def.dimension === 'NONE' ? indicatorName(r) : several ? `${pick(r.indicatorNameVi, r.indicatorNameEn)} — ${memberName(r)}` : memberName(r);

  const chartRef = useRef<ChartHandle>(null);
  const downloadPng = () => {
    const url = chartRef.current?.pngDataUrl();
    if (!url) {
      void message.error(t('viz.pngFailed'));
      return;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(t('viz.exportTitle')).replace(/\.xlsx$/, '.png');
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
  // The link to share holds the visualisation only: a favourite's id means nothing to another user.
  const query = new URLSearchParams(visualizationToQuery(def)).toString();
  const shareLink = `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ''}`;
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(shareLink);
      void message.success(t('viz.linkCopied'));
    } catch {
      // No clipboard (an insecure origin): the link is shown below the controls to copy by hand.
    }
  };
  const [saving, setSaving] = useState(false);
  const [deleteFavourite] = useMutation(DELETE_VISUALIZATION);
  const remove = async (f: VisualizationFavourite) => {
    try {
      await deleteFavourite({ variables: { id: f.id } });
      await favourites.refetch();
      show(def, null);
      void message.success(t('viz.deleted'));
    } catch (e) {
      void message.error(describeError(e, language).message);
    }
  };

  const subtitle = [
    `${pick(RELATIVE_PERIODS[def.relativePeriod].labelVi, RELATIVE_PERIODS[def.relativePeriod].labelEn)} (${periods.map(periodLabel).join(', ')})`,
    def.centreType ? centreTypeLabel(def.centreType) : t('viz.allTypes'),
  ].join(' · ');

  // Any cell with a figure drills to the centres and the reports behind it (CellDrill).
  const [drill, setDrill] = useState<{ target: DrillTarget; text: string } | null>(null);
  const cellView = (row: PivotRow, cell: PivotCell | undefined, periodCode: string | null) => {
    if (!cell || cell.value === null) return <span aria-label={t('app.empty')}>—</span>;
    const text = formatNumber(cell.value);
    const coverage = { reporting: formatNumber(cell.coverage.reporting), expected: formatNumber(cell.coverage.expected) };
    return (
      <Button type="link" size="small" className="viz-cell" style={{ padding: 0, height: 'auto' }} title={t('viz.cellTitle', coverage)}
        aria-label={`${text} — ${t('viz.drill.open')}`} data-reporting={cell.coverage.reporting}
        onClick={() => setDrill({ target: { indicatorCode: row.indicatorCode, periodCode, row }, text })}>
        {text}
      </Button>
    );
  };
  const columns: ColumnsType<PivotRow> = [
    ...(def.dimension === 'NONE' || several
      ? [{
        title: t('viz.indicatorColumn'), key: 'indicator', width: 180, fixed: def.dimension === 'NONE' ? ('left' as const) : undefined,
        // Split by a dimension, an indicator's name spans its rows.
        onCell: (r: PivotRow, index?: number) => ({ rowSpan: def.dimension === 'NONE' ? 1 : rowSpanOf(pivot?.rows ?? [], index ?? 0) }),
        render: (_: unknown, r: PivotRow) => indicatorName(r),
      }]
      : []),
    ...(def.dimension !== 'NONE'
      ? [{
        title: t(`viz.dimension.${def.dimension}`), key: 'member', width: 190, fixed: several ? undefined : ('left' as const),
        render: (_: unknown, r: PivotRow) => (r.isTotal ? <strong>{memberName(r)}</strong> : memberName(r)),
      }]
      : []),
    ...periods.map((p) => ({
      title: periodLabel(p), key: p, align: 'right' as const, width: 120,
      onCell: () => ({ 'data-period': p }) as React.HTMLAttributes<HTMLElement>,
      render: (_: unknown, r: PivotRow) => cellView(r, r.cells[p], p),
    })),
    {
      title: t('viz.rangeTotal'), key: 'rangeTotal', align: 'right' as const, width: 120,
      onCell: () => ({ 'data-period': 'ALL' }) as React.HTMLAttributes<HTMLElement>,
      render: (_: unknown, r: PivotRow) => <strong>{cellView(r, r.rangeTotal, null)}</strong>,
    },
  ];

  return (
    <div data-testid="visualizer">
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('viz.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('viz.intro')}</Typography.Paragraph>

      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={2}>
          <label htmlFor="viz-favourite">{t('viz.favourites')}</label>
          <Select
            id="viz-favourite" data-testid="viz-favourite" style={FIELD_WIDTH} allowClear placeholder={t('viz.favouritesPlaceholder')}
            value={openFavourite?.id}
            loading={favourites.loading && !favourites.data}
            options={(favourites.data?.myVisualizations ?? []).map((f) => ({ value: f.id, label: f.name }))}
            onChange={(id?: string) => {
              const f = favourites.data?.myVisualizations.find((x) => x.id === id);
              show(f ? (f.definition as VisualizationDefinition) : def, f?.id ?? null);
            }}
          />
        </Space>
        <Button type="primary" onClick={() => setSaving(true)} disabled={!def.indicatorCodes.length} data-testid="viz-save">{t('viz.save')}</Button>
        {openFavourite && (
          <Popconfirm title={t('viz.deleteConfirm', { name: openFavourite.name })} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void remove(openFavourite)}>
            <Button danger data-testid="viz-delete">{t('viz.delete')}</Button>
          </Popconfirm>
        )}
        <Button onClick={() => void copyLink()} disabled={!def.indicatorCodes.length} data-testid="viz-copy-link">{t('viz.copyLink')}</Button>
      </Space>
      {favouriteId && favourites.data && !openFavourite && <Alert type="warning" showIcon title={t('viz.favouriteMissing')} style={{ marginBottom: 12 }} />}

      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={2}>
          <label htmlFor="viz-indicators">{t('viz.indicators')}</label>
          <Select
            id="viz-indicators" data-testid="viz-indicators" mode="multiple" style={{ width: 420, maxWidth: 'calc(100vw - 48px)' }}
            placeholder={t('viz.indicatorsPlaceholder')} value={def.indicatorCodes} optionFilterProp="label"
            loading={indicators.loading}
            options={fitting.map((d) => ({ value: d.code, label: pick(d.nameVi, d.nameEn) }))}
            onChange={(codes: string[]) => change({ indicatorCodes: codes.slice(0, 10) })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="viz-period">{t('viz.period')}</label>
          <Select
            id="viz-period" data-testid="viz-period" style={FIELD_WIDTH} value={def.relativePeriod}
            options={RelativePeriods.map((r) => ({ value: r, label: pick(RELATIVE_PERIODS[r].labelVi, RELATIVE_PERIODS[r].labelEn) }))}
            onChange={(relativePeriod) => {
              // Indicators without figures of the new kind of period are dropped from the choice.
              const kept = def.indicatorCodes.filter((c) => {
                const d = indicators.data?.indicatorDefinitions.find((x) => x.code === c);
                return !d || indicatorFitsPeriod(d.templateCodes, relativePeriod);
              });
              change({ relativePeriod, indicatorCodes: kept });
            }}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="viz-dimension">{t('viz.dimension')}</label>
          <Select
            id="viz-dimension" data-testid="viz-dimension" style={FIELD_WIDTH} value={def.dimension}
            options={VisualizationDimensions.map((d) => ({ value: d, label: t(`viz.dimension.${d}`) }))}
            // A map draws communes only: another dimension turns the map back into the table.
            onChange={(dimension) => change({ dimension, layout: layoutFitsDimension(def.layout, dimension) ? def.layout : 'PIVOT' })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="viz-centre-type">{t('viz.centreType')}</label>
          <Select
            id="viz-centre-type" data-testid="viz-centre-type" style={FIELD_WIDTH} value={def.centreType ?? ''}
            options={[{ value: '', label: t('viz.allTypes') }, ...CentreTypes.map((c) => ({ value: c, label: centreTypeLabel(c) }))]}
            onChange={(type: string) => change({ centreType: (type || null) as VisualizationDefinition['centreType'] })}
          />
        </Space>
      </Space>
      {/* Four layouts are wider than a phone: the choice scrolls sideways inside its own strip, never the page. */}
      <div style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}>
        <Segmented<VisualizationLayout>
          aria-label={t('viz.layout')} data-testid="viz-layout" value={def.layout}
          options={VisualizationLayouts.map((l) => ({ value: l, label: t(`viz.layout.${l}`) }))}
          onChange={(layout) => {
            if (!layoutFitsDimension(layout, def.dimension)) void message.info(t('viz.map.byUnit'));
            change({ layout, dimension: layoutFitsDimension(layout, def.dimension) ? def.dimension : 'UNIT_LEVEL' });
          }}
        />
      </div>

      {!def.indicatorCodes.length ? (
        <EmptyState text={fitting.length || indicators.loading ? t('viz.chooseIndicator') : t('viz.noFit')} />
      ) : values.error ? (
        <ErrorState error={values.error} onRetry={() => void values.refetch()} />
      ) : !pivot ? (
        <Loading />
      ) : (
        <section aria-labelledby="viz-result-title">
          <Typography.Title level={2} id="viz-result-title" style={{ fontSize: 16 }}>{subtitle}</Typography.Title>
          {withoutFigures.length > 0 && (
            <Alert type="info" showIcon data-testid="viz-no-figures" style={{ marginBottom: 8 }}
              title={t('viz.noFigures', { names: withoutFigures.map((d) => pick(d.nameVi, d.nameEn)).join(', ') })} />
          )}
          <Space wrap style={{ marginBottom: 8 }}>
            <ExportButton<PivotRow>
              title={t('viz.exportTitle')} subtitle={subtitle} rows={pivot.rows} testId="viz-export"
              columns={[
                { header: t('viz.indicatorColumn'), value: (r) => indicatorName(r) },
                ...(def.dimension !== 'NONE' ? [{ header: t(`viz.dimension.${def.dimension}`), value: (r: PivotRow) => memberName(r) }] : []),
                ...periods.map((p) => ({ header: periodLabel(p), value: (r: PivotRow) => r.cells[p]?.value ?? null, kind: 'number' as const })),
                { header: t('viz.rangeTotal'), value: (r) => r.rangeTotal?.value ?? null, kind: 'number' },
              ]}
            />
            {(def.layout === 'BAR' || def.layout === 'LINE') && <Button size="small" onClick={downloadPng} data-testid="viz-png">{t('viz.png')}</Button>}
          </Space>
          {def.layout === 'PIVOT' ? (
            <>
              <Table<PivotRow>
                data-testid="viz-pivot" rowKey="key" size="small" bordered pagination={false}
                dataSource={pivot.rows} columns={columns} scroll={{ x: 'max-content' }}
                onRow={(r) => ({ 'data-row': r.key } as React.HTMLAttributes<HTMLElement>)}
                rowClassName={(r) => (r.isTotal ? 'viz-total-row' : '')}
                locale={{ emptyText: <EmptyState text={t('indicators.empty')} /> }}
              />
              {def.dimension !== 'NONE' && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>{t('viz.totalsHint')}</Typography.Paragraph>}
            </>
          ) : def.layout === 'MAP' ? (
            <VisualizerMap rows={pivot.rows} periods={periods} indicatorCodes={def.indicatorCodes} ariaLabel={subtitle} />
          ) : (
            <SeriesChartCard
              ref={chartRef}
              kind={def.layout === 'LINE' ? 'line' : 'bar'}
              testId="viz-chart"
              ariaLabel={subtitle}
              formatNumber={formatNumber}
              categories={periods.map((p) => ({ key: p, label: periodLabel(p), axisLabel: p }))}
              series={pivot.rows.map((r) => ({ key: r.key, name: seriesName(r), isTotal: r.isTotal, values: periods.map((p) => r.cells[p]?.value ?? null) }))}
            />
          )}
        </section>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16, overflowWrap: 'anywhere' }}>
        {t('viz.linkLabel')}: <span data-testid="viz-link">{shareLink}</span>
      </Typography.Paragraph>

      <CellDrill
        def={def} today={today} target={drill?.target ?? null} cellValue={drill?.text ?? ''} onClose={() => setDrill(null)}
        templateCodes={indicators.data?.indicatorDefinitions.find((d) => d.code === drill?.target.indicatorCode)?.templateCodes ?? []}
      />
      <SaveFavouriteModal
        open={saving}
        definition={def}
        current={openFavourite}
        onClose={() => setSaving(false)}
        onSaved={async (f) => {
          await favourites.refetch();
          show(f.definition as VisualizationDefinition, f.id);
        }}
      />
    </div>
  );
}

/** Rows an indicator's name spans from `index`: its whole group on the group's first row, none on the others. */
function rowSpanOf(rows: PivotRow[], index: number): number {
  const code = rows[index]?.indicatorCode;
  if (index > 0 && rows[index - 1]?.indicatorCode === code) return 0;
  let span = 1;
  while (rows[index + span]?.indicatorCode === code) span++;
  return span;
}

/** Names and saves the visualisation shown: over the open favourite, or as a new one. */
function SaveFavouriteModal({ open, definition, current, onClose, onSaved }: {
  open: boolean;
  definition: VisualizationDefinition;
  current: VisualizationFavourite | null;
  onClose(): void;
  onSaved(f: VisualizationFavourite): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [saveVisualization] = useMutation(SAVE_VISUALIZATION);
  // Read when the save runs (a state set in the same click would not be seen yet).
  const asNew = useRef(false);
  const name = Form.useWatch('name', form) ?? '';
  useEffect(() => {
    if (open) form.setFieldsValue({ name: current?.name ?? '' });
  }, [open, current, form]);
  const { submit, error, running } = useModalSubmit(
    form,
    async (values) => {
      const { data } = await saveVisualization({
        variables: { input: { name: values.name, id: asNew.current ? null : current?.id ?? null, definition: { ...definition, centreType: definition.centreType ?? null } } },
      });
      if (data) await onSaved(data.saveVisualization);
    },
    { success: t('viz.saved', { name: name.trim() }), onDone: onClose },
  );
  return (
    <Modal
      open={open} title={t('viz.saveTitle')} onCancel={onClose} confirmLoading={running}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        ...(current ? [<Button key="new" onClick={() => { asNew.current = true; void submit(); }} loading={running}>{t('viz.saveAs')}</Button>] : []),
        <Button key="ok" type="primary" onClick={() => { asNew.current = false; void submit(); }} loading={running} data-testid="viz-save-ok">{t('viz.save')}</Button>,
      ]}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark onFinish={() => void submit()}>
        <Form.Item name="name" label={t('viz.name')} rules={[{ required: true, whitespace: true, message: t('viz.nameRequired') }, { max: 120 }]}>
          <Input autoFocus maxLength={120} data-testid="viz-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
