import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Drawer, Table, Typography } from 'antd';
import { linkTo, type VisualizationDefinition } from '@gdtx/domain';
import { useI18n } from '../../i18n';
import { ErrorState, Loading } from '../../components/States';
import { VISUALIZER_CELL_CENTRES } from './visualizer.documents';
import { drillDownLink, drillQuery, drillRows, reportLinkOf, type DrillTarget } from './visualizer';

/**
 * The centres and the reports behind one cell of the visualizer (issue 15 item 2 "drill from any cell"): the cell's
 * own query grouped by centre, so every figure is the API's and the centres are exactly those the cell counted.
 * A period's cell links each centre to its report of that period; the whole range's cell to the centre only.
 */
export function CellDrill({ def, today, target, templateCodes, cellValue, onClose }: {
  def: VisualizationDefinition;
  today: string;
  target: DrillTarget | null;
  templateCodes: readonly string[];
  cellValue: string;
  onClose: () => void;
}) {
  const { t, formatNumber, periodLabel, centreTypeLabel, pick } = useI18n();
  const query = target ? drillQuery(def, today, target) : null;
  const result = useQuery(VISUALIZER_CELL_CENTRES, { variables: { query: query! }, skip: !query });
  const rows = target && result.data ? drillRows(def, target, result.data.indicatorValues) : [];
  const ratio = rows.some((r) => r.denominator !== null);
  const listLink = target ? drillDownLink(def, target.row) : null;
  const title = target
    ? `${pick(target.row.indicatorNameVi, target.row.indicatorNameEn)} — ${target.periodCode ? periodLabel(target.periodCode) : t('viz.rangeTotal')}${target.row.isTotal ? '' : target.row.memberName ? ` — ${target.row.memberName}` : ''}`
    : '';
  return (
    <Drawer open={!!target} onClose={onClose} title={title} width="min(720px, 100vw)" destroyOnHidden data-testid="viz-drill">
      {!target ? null : result.error ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : !result.data ? (
        <Loading />
      ) : (
        <>
          <Typography.Paragraph data-testid="viz-drill-summary">
            {t('viz.drill.summary', { value: cellValue, unit: target.row.unit, n: formatNumber(rows.length) })}
          </Typography.Paragraph>
          {!target.periodCode && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('viz.drill.rangeHint')} />}
          <Table
            data-testid="viz-drill-table" size="small" rowKey={(r) => r.centreId ?? ''} pagination={rows.length > 50 ? { pageSize: 50 } : false}
            dataSource={rows} scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-centre': r.centreId } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                // The report link under the centre's name: the drawer stays narrow enough for a phone and a laptop.
                title: t('viz.drill.centre'), key: 'centre',
                render: (_: unknown, r) => {
                  const report = r.centreId && target.periodCode ? reportLinkOf(templateCodes, r.centreId, r.centreType, target.periodCode) : null;
                  return (
                    <>
                      {r.centreId ? <Link to={linkTo('centre', { id: r.centreId })}>{r.centreName ?? r.centreId}</Link> : '—'}
                      {report && <div><Link to={report} data-testid="viz-drill-report">{t('viz.drill.openReport')}</Link></div>}
                    </>
                  );
                },
              },
              { title: t('viz.drill.type'), key: 'type', render: (_: unknown, r) => (r.centreType ? centreTypeLabel(r.centreType) : '—') },
              { title: t('viz.drill.numerator'), key: 'num', align: 'right' as const, render: (_: unknown, r) => formatNumber(r.numerator) },
              ...(ratio ? [{ title: t('viz.drill.denominator'), key: 'den', align: 'right' as const, render: (_: unknown, r: (typeof rows)[number]) => (r.denominator === null ? '—' : formatNumber(r.denominator)) }] : []),
              { title: t('viz.drill.value'), key: 'value', align: 'right' as const, render: (_: unknown, r) => (r.value === null ? '—' : formatNumber(r.value)) },
            ]}
          />
          {listLink && <Typography.Paragraph style={{ marginTop: 12 }}><Link to={listLink}>{t('viz.drill.centreList')}</Link></Typography.Paragraph>}
        </>
      )}
    </Drawer>
  );
}
