import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

export interface MapDatum {
  unitId: string;
  name: string;
  value: number | null;
}

/**
 * A choropleth of communes (issue 15 item 3): the boundaries are the API's GeoJSON (`properties.unitId` names the
 * unit); a commune without a value is grey. The numbers are also a table for screen readers.
 */
export function ChoroplethMap({ geojson, data, ariaLabel, unit, formatNumber, testId }: {
  geojson: string;
  data: MapDatum[];
  ariaLabel: string;
  unit: string;
  formatNumber: (n: number) => string;
  testId?: string;
}) {
  const mapName = useMemo(() => {
    // One registration per distinct GeoJSON (a re-import gives a new name, so the new shapes are drawn).
    let hash = 0;
    for (let i = 0; i < geojson.length; i += 97) hash = (hash * 31 + geojson.charCodeAt(i)) | 0;
    const name = `gdtx-communes-${hash}-${geojson.length}`;
    if (!echarts.getMap(name)) echarts.registerMap(name, JSON.parse(geojson));
    return name;
  }, [geojson]);
  const values = data.filter((d) => d.value !== null).map((d) => d.value as number);
  const names = new Map(data.map((d) => [d.unitId, d.name]));
  const option: EChartsOption = {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = p as { name: string; value?: number };
        const value = typeof item.value === 'number' && !Number.isNaN(item.value) ? `${formatNumber(item.value)} ${unit}` : '—';
        return `${names.get(item.name) ?? ''}: ${value}`;
      },
    },
    visualMap: {
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      calculable: true,
      left: 8,
      bottom: 8,
      inRange: { color: ['#e6f4ff', '#69b1ff', '#0b4f9c'] },
      formatter: (v) => formatNumber(Number(v)),
      textStyle: { color: '#1f1f1f' },
    },
    series: [{
      type: 'map',
      map: mapName,
      nameProperty: 'unitId',
      roam: true,
      label: { show: false },
      itemStyle: { areaColor: '#f0f0f0', borderColor: '#8c8c8c', borderWidth: 0.6 },
      emphasis: { label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? '' } },
      data: data.filter((d) => d.value !== null).map((d) => ({ name: d.unitId, value: d.value as number })),
    }],
  };
  return (
    <div data-testid={testId}>
      <div className="sr-only"><table>
        <caption>{ariaLabel}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.unitId}><th scope="row">{d.name}</th><td>{d.value === null ? '—' : `${formatNumber(d.value)} ${unit}`}</td></tr>
          ))}
        </tbody>
      </table></div>
      <div aria-hidden="true" style={{ overflow: 'hidden', minWidth: 0 }}>
        <ReactEChartsCore echarts={echarts} option={option} style={{ height: 520, width: '100%' }} notMerge />
      </div>
    </div>
  );
}
