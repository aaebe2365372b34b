import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Select, Space, Typography, Upload } from 'antd';
import type { PeriodType } from '@gdtx/domain';
import { useAuth } from '../../auth';
import { envelopeError, type ErrorEnvelope } from '../../download';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { authorizedFetch } from '../../session';
import { ChoroplethMap } from './ChoroplethMap';
import { ErrorState, Loading } from '../../components/States';
import { INDICATOR_DEFINITIONS } from '../indicators/indicators.documents';
import { GROUPED_INDICATOR_VALUES } from '../../gql/insights';
import { UNIT_BOUNDARIES } from '../quality/quality.documents';
import { REPORT_TEMPLATES } from '../../gql/templates';
import { recentPeriods } from '../quality/DataQualityPage';

/** "Bản đồ" (issue 15 item 3): any indicator as a choropleth of today's communes, for an ended period. */
export function MapPage() {
  const { t, pick, formatNumber, periodLabel, language } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const definitions = useQuery(INDICATOR_DEFINITIONS);
  const templates = useQuery(REPORT_TEMPLATES, { variables: {} });
  const boundaries = useQuery(UNIT_BOUNDARIES, { fetchPolicy: 'cache-and-network' });
  const [code, setCode] = useState<string | null>(null);
  const list = definitions.data?.indicatorDefinitions ?? [];
  const definition = list.find((d) => d.code === code) ?? list[0];
  const type = templates.data?.reportTemplates.find((tpl) => definition?.templateCodes.includes(tpl.code))?.periodType as PeriodType | undefined;
  const periods = useMemo(() => (type ? recentPeriods(type, 8) : []), [type]);
  const [periodCode, setPeriodCode] = useState<string | null>(null);
  const period = periodCode && periods.includes(periodCode) ? periodCode : periods[0];
  const values = useQuery(GROUPED_INDICATOR_VALUES, {
    variables: { query: { codes: definition ? [definition.code] : [], periodCode: period, groupBy: ['UNIT_LEVEL'] } },
    skip: !definition || !period,
  });
  const [uploading, setUploading] = useState(false);
  if (definitions.error) return <ErrorState error={definitions.error} onRetry={() => void definitions.refetch()} />;
  if (boundaries.error) return <ErrorState error={boundaries.error} onRetry={() => void boundaries.refetch()} />;
  const b = boundaries.data?.unitBoundaries;
  const features = b ? (JSON.parse(b.geojson) as { features: { properties: { unitId: string; name: string } }[] }).features : [];
  const byUnit = new Map((values.data?.indicatorValues ?? []).filter((v) => v.unitId).map((v) => [v.unitId!, v.value]));
  const data = features.map((f) => ({ unitId: f.properties.unitId, name: f.properties.name, value: byUnit.get(f.properties.unitId) ?? null }));

  const importFile = async (file: File) => {
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const res = await authorizedFetch('/api/boundaries', { method: 'POST', body: form });
      const body = (await res.json()) as { imported?: number; unmatched?: string[] } & ErrorEnvelope;
      if (!res.ok) {
        const e = envelopeError(body);
        message.error((language === 'en' ? e.messageEn : e.messageVi) ?? t('map.importFailed'));
        return;
      }
      message.success(t('map.imported', { n: formatNumber(body.imported ?? 0), unmatched: formatNumber(body.unmatched?.length ?? 0) }));
      void boundaries.refetch();
    } catch (e) {
      message.error(describeError(e, language).message);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('map.title')}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label={t('map.indicator')} data-testid="map-indicator" style={{ minWidth: 300, maxWidth: '100%' }} value={definition?.code}
            onChange={(v) => { setCode(v); setPeriodCode(null); }} options={list.map((d) => ({ value: d.code, label: pick(d.nameVi, d.nameEn) }))} />
          <Select aria-label={t('dq.period')} data-testid="map-period" style={{ minWidth: 200 }} value={period} onChange={setPeriodCode} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
          {can('CENTRE_MANAGE') && (
            <Upload accept=".geojson,.json" showUploadList={false} beforeUpload={(file) => { void importFile(file); return false; }}>
              <Button loading={uploading} data-testid="map-import">{t('map.import')}</Button>
            </Upload>
          )}
        </Space>
        {b?.schematic && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('map.schematic')} description={b.noteVi} data-testid="map-schematic" />}
        {b && b.missing > 0 && <Typography.Paragraph type="secondary">{t('map.missing', { n: formatNumber(b.missing), total: formatNumber(b.units) })}</Typography.Paragraph>}
        {!b || (values.loading && !values.data) ? <Loading /> : features.length === 0 ? (
          <Alert type="info" showIcon title={t('map.noBoundaries')} />
        ) : (
          <ChoroplethMap geojson={b.geojson} data={data} unit={definition?.unit ?? ''} formatNumber={formatNumber} testId="map-chart"
            ariaLabel={`${definition ? pick(definition.nameVi, definition.nameEn) : ''} — ${period ? periodLabel(period) : ''}`} />
        )}
      </Card>
    </>
  );
}
