import { useQuery } from '@apollo/client/react';
import { Typography } from 'antd';
import { AREA_AT_A_GLANCE } from '../../gql/reporting';
import { useI18n } from '../../i18n';
import { ReportingGlanceView } from '../../components/ReportingGlance';
import { ErrorState, Loading } from '../../components/States';

/**
 * A supervisor's landing page (commune officer, area officer, a dissolved district's history): their area at a
 * glance — due, on time, late, missing, waiting for review in the current periods — and the reports that need
 * action. One request (AreaAtAGlance); the shell's own is the `Me` document.
 */
export function AreaPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(AREA_AT_A_GLANCE, { fetchPolicy: 'network-only' });
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 4 }}>{t('area.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('area.intro')}</Typography.Paragraph>
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : loading || !data ? <Loading /> : <ReportingGlanceView glance={data.reportingAtAGlance} />}
    </>
  );
}
