import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Select, Space } from 'antd';
import { useI18n } from '../../i18n';
import { ErrorState, Loading } from '../../components/States';
import { ChoroplethMap } from '../map/ChoroplethMap';
import { UNIT_BOUNDARIES } from '../quality/quality.documents';
import type { PivotRow } from './visualizer';

const RANGE = 'ALL';

/**
 * The visualizer's MAP layout: one indicator of the pivot (its commune rows) as a choropleth of the boundaries the Sở
 * imported (or the demo's schematic squares, labelled as such), for one period or the whole range. It reads the
 * same pivot rows as the table, so the map and the table cannot disagree.
 */
export function VisualizerMap({ rows, periods, indicatorCodes, ariaLabel }: {
  rows: PivotRow[];
  periods: string[];
  indicatorCodes: string[];
  ariaLabel: string;
}) {
  const { t, pick, formatNumber, periodLabel } = useI18n();
  const boundaries = useQuery(UNIT_BOUNDARIES, { fetchPolicy: 'cache-first' });
  const [code, setCode] = useState<string | null>(null);
  const [period, setPeriod] = useState<string>(RANGE);
  const shownCode = code && indicatorCodes.includes(code) ? code : indicatorCodes[0];
  const shownPeriod = period === RANGE || periods.includes(period) ? period : RANGE;
  if (boundaries.error) return <ErrorState error={boundaries.error} onRetry={() => void boundaries.refetch()} />;
  const b = boundaries.data?.unitBoundaries;
  if (!b) return <Loading />;
  const features = (JSON.parse(b.geojson) as { features: { properties: { unitId: string; name: string } }[] }).features;
  const mine = rows.filter((r) => r.indicatorCode === shownCode && !r.isTotal && r.memberId);
  const byUnit = new Map(mine.map((r) => [r.memberId!, (shownPeriod === RANGE ? r.rangeTotal : r.cells[shownPeriod])?.value ?? null]));
  const sample = rows.find((r) => r.indicatorCode === shownCode);
  const data = features.map((f) => ({ unitId: f.properties.unitId, name: f.properties.name, value: byUnit.get(f.properties.unitId) ?? null }));
  return (
    <div data-testid="viz-map">
      <Space wrap style={{ marginBottom: 8 }}>
        {indicatorCodes.length > 1 && (
          <Select aria-label={t('viz.map.indicator')} data-testid="viz-map-indicator" style={{ minWidth: 260, maxWidth: 'calc(100vw - 48px)' }} value={shownCode}
            onChange={setCode}
            options={indicatorCodes.map((c) => {
              const r = rows.find((x) => x.indicatorCode === c);
              return { value: c, label: r ? pick(r.indicatorNameVi, r.indicatorNameEn) : c };
            })} />
        )}
        <Select aria-label={t('viz.map.period')} data-testid="viz-map-period" style={{ minWidth: 200 }} value={shownPeriod} onChange={setPeriod}
          options={[{ value: RANGE, label: t('viz.rangeTotal') }, ...periods.map((p) => ({ value: p, label: periodLabel(p) }))]} />
      </Space>
      {b.schematic && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('map.schematic')} description={b.noteVi} data-testid="viz-map-schematic" />}
      {features.length === 0 ? (
        <Alert type="info" showIcon title={t('map.noBoundaries')} />
      ) : (
        <ChoroplethMap geojson={b.geojson} data={data} unit={sample?.unit ?? ''} formatNumber={formatNumber} testId="viz-map-chart"
          ariaLabel={`${ariaLabel} — ${shownPeriod === RANGE ? t('viz.rangeTotal') : periodLabel(shownPeriod)}`} />
      )}
    </div>
  );
}
