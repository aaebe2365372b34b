import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Select, Space, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { periodContaining, previousPeriod, shippedTemplates, vietnamDateOf } from '@gdtx/domain';
import { REPORTING_RATES } from '../gql/insights';
import { useI18n } from '../i18n';
import { EmptyState, Loading } from './States';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const PERIODS_SHOWN = 6;

/** Share of expected reports submitted, by unit (rows) and period (columns), for one template. */
export function ReportingHeatmap() {
  const { t, pick, periodLabel, formatNumber, formatDateTime } = useI18n();
  const templates = shippedTemplates.filter((tpl) => tpl.code !== 'XMC_COMMUNE_YEARLY');
  const [templateCode, setTemplateCode] = useState(templates[0]?.code ?? 'GDTX_SEMESTER');
  const template = templates.find((tpl) => tpl.code === templateCode) ?? templates[0];
  const periods = useMemo(() => {
    const list = [periodContaining(template.periodType, vietnamDateOf(new Date()))];
    while (list.length < PERIODS_SHOWN) list.unshift(previousPeriod(list[0]));
    return list.map((p) => p.code);
  }, [template.periodType]);
  const { data, loading, error } = useQuery(REPORTING_RATES, {
    variables: { templateCode, periodFrom: periods[0], periodTo: periods[periods.length - 1], groupBy: ['UNIT_LEVEL', 'PERIOD'] },
    fetchPolicy: 'network-only',
  });
  if (error) return <Alert type="info" showIcon title={t('dashboard.reportingPending')} />;

  const rates = data?.reportingRates ?? [];
  const units = [...new Map(rates.filter((r) => r.unitId).map((r) => [r.unitId!, r.unitName ?? r.unitId!])).entries()];
  const cell = (unitId: string, period: string) => rates.find((r) => r.unitId === unitId && r.periodCode === period);
  const option: EChartsOption = {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      formatter: (p) => {
        const [x, y] = (p as unknown as { value: [number, number, number | null] }).value;
        const r = cell(units[y][0], periods[x]);
        return r ? `${units[y][1]} · ${periodLabel(periods[x])}<br/>${formatNumber(r.submitted)}/${formatNumber(r.expected)} (${r.submittedRate === null ? '—' : `${formatNumber(r.submittedRate)}%`})` : '';
      },
    },
    xAxis: { type: 'category', data: periods.map(periodLabel), axisLabel: { color: '#1f1f1f', interval: 0, rotate: 20 } },
    yAxis: { type: 'category', data: units.map(([, name]) => name), axisLabel: { color: '#1f1f1f' } },
    visualMap: { min: 0, max: 100, orient: 'horizontal', left: 'center', bottom: 0, text: ['100%', '0%'], calculable: false, inRange: { color: ['#a8071a', '#d48806', '#237804'] } },
    series: [{
      type: 'heatmap',
      data: units.flatMap(([unitId], y) => periods.map((period, x) => [x, y, cell(unitId, period)?.submittedRate ?? null])),
      label: { show: true, color: '#fff', formatter: (p) => { const v = (p.value as [number, number, number | null])[2]; return v === null ? '' : `${formatNumber(v)}%`; } },
    }],
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor="heatmap-template">{t('col.template')}:</label>
        <Select id="heatmap-template" value={templateCode} onChange={setTemplateCode} style={{ width: 360 }} options={templates.map((tpl) => ({ value: tpl.code, label: pick(tpl.nameVi, tpl.nameEn) }))} />
      </Space>
      {loading && !data ? (
        <Loading />
      ) : units.length === 0 ? (
        <EmptyState />
      ) : (
        <div data-testid="reporting-heatmap">
          <Typography.Paragraph type="secondary">{t('dashboard.computedAt', { time: formatDateTime(rates[0]?.computedAt) })}</Typography.Paragraph>
          <div className="sr-only"><table>
            <caption>{t('dashboard.reportingRate')}</caption>
            <thead><tr><th scope="col">{t('col.unit')}</th>{periods.map((p) => <th key={p} scope="col">{periodLabel(p)}</th>)}</tr></thead>
            <tbody>
              {units.map(([unitId, name]) => (
                <tr key={unitId}>
                  <th scope="row">{name}</th>
                  {periods.map((p) => { const r = cell(unitId, p); return <td key={p}>{r ? `${formatNumber(r.submitted)}/${formatNumber(r.expected)}` : '—'}</td>; })}
                </tr>
              ))}
            </tbody>
          </table></div>
          <div aria-hidden="true">
            <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(200, units.length * 40 + 110), width: '100%' }} />
          </div>
        </div>
      )}
    </>
  );
}
