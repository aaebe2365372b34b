import { forwardRef, useImperativeHandle, useRef } from 'react';
import { Button } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface ChartDatum {
  key: string;
  label: string;
  value: number;
  /** Optional colour of this bar (e.g. by result); the palette otherwise. */
  color?: string;
}

/** Palette with enough contrast against white for bars and slices. */
const PALETTE = ['#0b4f9c', '#2f8f46', '#c25400', '#8e2b8e', '#a8071a', '#006d75', '#614700', '#3f3f3f'];

/** A labelled horizontal bar chart; clicking a bar drills down (e.g. to the filtered centre list). */
export function BarChartCard({ data, ariaLabel, unit, onSelect, formatNumber, testId }: {
  data: ChartDatum[];
  ariaLabel: string;
  unit: string;
  onSelect?: (key: string) => void;
  formatNumber: (n: number) => string;
  testId?: string;
}) {
  const option: EChartsOption = {
    color: PALETTE,
    // No animation: numbers appear at once (and screenshots are never taken mid-animation).
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (v) => `${formatNumber(Number(v))} ${unit}` },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v), color: '#3f3f3f' } },
    yAxis: { type: 'category', inverse: true, data: data.map((d) => d.label), axisLabel: { color: '#1f1f1f', width: 190, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: data.map((d, i) => ({ value: d.value, itemStyle: { color: d.color ?? PALETTE[i % PALETTE.length] } })),
      label: { show: true, position: 'right', color: '#1f1f1f', formatter: (p) => formatNumber(Number(p.value)) },
      cursor: onSelect ? 'pointer' : 'default',
    }],
  };
  return (
    <div data-testid={testId}>
      {/* The same numbers as a table for screen readers (the canvas is only a picture). */}
      <div className="sr-only"><table>
        <caption>{ariaLabel}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.key} data-key={d.key}>
              <th scope="row">{d.label}</th>
              <td data-value={d.value}>{formatNumber(d.value)} {unit}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {/* The canvas keeps its old pixel width until ECharts hears of a resize (a tablet turned, a window narrowed):
          clipped to its frame meanwhile, it never widens the page. */}
      <div aria-hidden="true" style={{ overflow: 'hidden', minWidth: 0 }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: Math.max(160, data.length * 36 + 24), width: '100%' }}
        notMerge
        onEvents={onSelect ? { click: (p: { dataIndex: number }) => onSelect(data[p.dataIndex].key) } : undefined}
      />
      </div>
      {onSelect && (
        // Drill-down for keyboard users (the canvas bars are mouse-only).
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 4px' }}>
          {data.map((d) => (
            <Button key={d.key} type="link" size="small" style={{ paddingInline: 4 }} onClick={() => onSelect(d.key)}>
              {d.label} ({formatNumber(d.value)})
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}

export interface ChartSeries {
  key: string;
  name: string;
  /** One value per category (null: no figure for it). */
  values: (number | null)[];
  /** A total drawn apart (a dashed line, a hatched-free grey bar) so it does not hide a group it equals. */
  isTotal?: boolean;
}

/** What a chart lends its page: the picture as a PNG data URL (white background), for "Tải ảnh PNG". */
export interface ChartHandle {
  pngDataUrl(): string | null;
}

/**
 * Several series over categories (periods on the x axis), as bars or lines: the data visualizer's charts. The
 * same figures are in a table for screen readers; the legend names the series.
 */
export const SeriesChartCard = forwardRef<ChartHandle, {
  kind: 'bar' | 'line';
  /** `axisLabel`: a short form for the axis (the period code); `label` in the tooltip and the table. */
  categories: { key: string; label: string; axisLabel?: string }[];
  series: ChartSeries[];
  ariaLabel: string;
  formatNumber: (n: number) => string;
  testId?: string;
}>(function SeriesChartCard({ kind, categories, series, ariaLabel, formatNumber, testId }, ref) {
  const chart = useRef<ReactEChartsCore>(null);
  useImperativeHandle(ref, () => ({
    pngDataUrl: () => chart.current?.getEchartsInstance().getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null,
  }));
  const option: EChartsOption = {
    color: PALETTE,
    animation: false,
    // The legend sits under the axis labels, in the grid's bottom margin (it never overlaps them).
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: '#1f1f1f' } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : formatNumber(Number(v))),
    },
    xAxis: { type: 'category', data: categories.map((c) => c.axisLabel ?? c.label), axisLabel: { color: '#3f3f3f', hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v), color: '#3f3f3f' } },
    series: series.map((s) => ({
      type: kind,
      name: s.name,
      data: s.values,
      connectNulls: false,
      ...(kind === 'line' ? { symbolSize: 7, showAllSymbol: true, ...(s.isTotal ? { lineStyle: { type: 'dashed' as const, width: 3 }, z: 1 } : { z: 2 }) } : {}),
      ...(kind === 'bar' && s.isTotal ? { itemStyle: { color: '#595959' } } : {}),
    })),
  };
  return (
    <div data-testid={testId} data-kind={kind}>
      <div className="sr-only"><table>
        <caption>{ariaLabel}</caption>
        <thead><tr><th scope="col">{ariaLabel}</th>{categories.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr></thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.key} data-key={s.key}>
              <th scope="row">{s.name}</th>
              {s.values.map((v, i) => <td key={categories[i].key} data-value={v ?? ''}>{v === null ? '—' : formatNumber(v)}</td>)}
            </tr>
          ))}
        </tbody>
      </table></div>
      <div aria-hidden="true" style={{ overflow: 'hidden', minWidth: 0 }}>
        <ReactEChartsCore ref={chart} echarts={echarts} option={option} style={{ height: 360 + Math.min(6, Math.ceil(series.length / 3)) * 20, width: '100%' }} notMerge />
      </div>
    </div>
  );
});
