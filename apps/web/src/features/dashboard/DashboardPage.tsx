import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { CentreStatuses, CentreTypes, SubmissionStatuses } from '@gdtx/domain';
import { centreCountsDocument, type CentreFilter } from '../../gql/org';
import { submissionCountsDocument } from '../../gql/reporting';
import { useI18n, type MessageKey } from '../../i18n';
import { BarChartCard, type ChartDatum } from '../../components/Chart';
import { ErrorState, Loading } from '../../components/States';
import { ComplianceOverviewPanel } from './ComplianceOverviewPanel';
import { IndicatorPanel } from '../indicators/IndicatorPanel';
import { ReportingHeatmap } from './ReportingHeatmap';
import { LiteracyOverviewPanel } from '../literacy/LiteracyOverviewPanel';

const LICENCE_STATUSES = ['VALID', 'EXPIRING', 'EXPIRED', 'MISSING'] as const;

interface CountSpec {
  alias: string;
  dimension: 'type' | 'status' | 'licenceStatus' | 'all';
  key: string;
  filter: CentreFilter;
}

const centreCountSpecs: CountSpec[] = [
  { alias: 'all', dimension: 'all', key: 'all', filter: {} },
  ...CentreTypes.map((type) => ({ alias: `type_${type}`, dimension: 'type' as const, key: type, filter: { type } })),
  ...CentreStatuses.map((status) => ({ alias: `status_${status}`, dimension: 'status' as const, key: status, filter: { status } })),
  ...LICENCE_STATUSES.map((licenceStatus) => ({ alias: `licence_${licenceStatus}`, dimension: 'licenceStatus' as const, key: licenceStatus, filter: { licenceStatus } })),
];
const centreCountsQuery = centreCountsDocument(centreCountSpecs);
const submissionCountsQuery = submissionCountsDocument(SubmissionStatuses);

/**
 * Province dashboard. Everything shown is counted by the API now (centres by type, status and licence
 * status; submissions by status); indicator and compliance charts have labelled places until their APIs exist.
 */
export function DashboardPage() {
  const { t, formatNumber, formatDateTime, centreTypeLabel, centreStatusLabel } = useI18n();
  const navigate = useNavigate();
  const [fetchedAt] = useState(() => new Date().toISOString());
  const { data, loading, error, refetch } = useQuery(centreCountsQuery, { fetchPolicy: 'network-only' });
  const submissions = useQuery(submissionCountsQuery, { fetchPolicy: 'network-only' });

  const series = useMemo(() => {
    const of = (dimension: CountSpec['dimension'], label: (key: string) => string): ChartDatum[] =>
      centreCountSpecs
        .filter((s) => s.dimension === dimension)
        .map((s) => ({ key: s.key, label: label(s.key), value: data?.[s.alias]?.totalCount ?? 0 }));
    return {
      byType: of('type', centreTypeLabel).filter((d) => d.value > 0),
      byStatus: of('status', centreStatusLabel),
      byLicence: of('licenceStatus', (k) => t(`licence.${k}` as MessageKey)),
    };
  }, [data, centreTypeLabel, centreStatusLabel, t]);

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const count = (alias: string) => data?.[alias]?.totalCount ?? 0;
  const drill = (name: keyof CentreFilter) => (key: string) => navigate(`/centres?${name}=${encodeURIComponent(key)}`);
  const cardTitle = (key: MessageKey) => <h2 style={{ fontSize: 16, margin: 0 }}>{t(key)}</h2>;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 4 }}>{t('dashboard.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dashboard.computedAt', { time: formatDateTime(fetchedAt) })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.totalCentres')} value={formatNumber(count('all'))} data-testid="stat-total" /></Card></Col>
        <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.active')} value={formatNumber(count('status_ACTIVE'))} /></Card></Col>
        <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.expiring')} value={formatNumber(count('licence_EXPIRING'))} /></Card></Col>
        <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.licenceProblems')} value={formatNumber(count('licence_EXPIRED') + count('licence_MISSING'))} /></Card></Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle('dashboard.byType')}>
            <BarChartCard data={series.byType} ariaLabel={t('dashboard.byType')} unit={t('dashboard.centresUnit')} formatNumber={formatNumber} onSelect={drill('type')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle('dashboard.byStatus')}>
            <BarChartCard data={series.byStatus} ariaLabel={t('dashboard.byStatus')} unit={t('dashboard.centresUnit')} formatNumber={formatNumber} onSelect={drill('status')} />
          </Card>
          <Card title={cardTitle('dashboard.byLicence')} style={{ marginTop: 16 }}>
            <BarChartCard data={series.byLicence} ariaLabel={t('dashboard.byLicence')} unit={t('dashboard.centresUnit')} formatNumber={formatNumber} onSelect={drill('licenceStatus')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle('dashboard.reporting')} data-testid="reporting-status">
            {submissions.error || (!submissions.data && !submissions.loading) ? (
              <Alert type="info" showIcon title={t('dashboard.reportingPending')} />
            ) : !submissions.data ? (
              <Loading />
            ) : (
              <BarChartCard
                data={SubmissionStatuses.map((s) => ({ key: s, label: t(`status.${s}` as MessageKey), value: submissions.data![`status_${s}`]?.totalCount ?? 0 }))}
                ariaLabel={t('dashboard.reporting')}
                testId="chart-reporting"
                unit={t('dashboard.submissionsUnit')}
                formatNumber={formatNumber}
              />
            )}
          </Card>
          <Card title={cardTitle('dashboard.literacy')} style={{ marginTop: 16 }}>
            <LiteracyOverviewPanel />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={cardTitle('dashboard.compliance')}>
            <ComplianceOverviewPanel />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle('dashboard.reportingRate')}>
            <ReportingHeatmap />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={cardTitle('dashboard.indicators')}>
            <IndicatorPanel />
          </Card>
        </Col>
      </Row>
    </>
  );
}
