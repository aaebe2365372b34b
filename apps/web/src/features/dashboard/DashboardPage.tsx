import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Row, Statistic, Tabs, Typography } from 'antd';
import { CentreStatuses, CentreTypes, SubmissionStatuses } from '@gdtx/domain';
import type { CentreFilter } from '../../gql/org';
import { PROVINCE_LANDING } from '../../gql/landing';
import { submissionCountsDocument } from '../../gql/reporting';
import { ReportingGlanceView } from '../../components/ReportingGlance';
import { useI18n, type MessageKey } from '../../i18n';
import { BarChartCard, type ChartDatum } from '../../components/Chart';
import { ErrorState, Loading } from '../../components/States';
import { AreasNeedingAttention } from './AreasNeedingAttention';
import { ComplianceOverviewPanel } from './ComplianceOverviewPanel';
import { IndicatorPanel } from '../indicators/IndicatorPanel';
import { ReportingHeatmap } from './ReportingHeatmap';
import { LiteracyOverviewPanel } from '../literacy/LiteracyOverviewPanel';
import { KeyResults } from './KeyResults';

const LICENCE_STATUSES = ['VALID', 'EXPIRING', 'EXPIRED', 'MISSING'] as const;

const submissionCountsQuery = submissionCountsDocument(SubmissionStatuses);

/** The overview's further sections, each opened on demand (its own requests then), named in the URL (`?section=`). */
const SECTIONS = ['registry', 'heatmap', 'indicators', 'compliance', 'literacy'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Province dashboard, the Sở's landing page (issue 15 item 1, issue 16 item 9). Completeness and timeliness of the
 * current periods first (reportingAtAGlance: due, on time, late, missing, waiting; not yet due apart) and the reports
 * needing action, with the registry's counts, all in one request (ProvinceLanding); with the shell's `Me` the page
 * costs two. Heat map, indicators, compliance and literacy are sections opened on demand (`?section=`), each
 * asking for its own data when first opened.
 */
export function DashboardPage() {
  const { t, formatNumber, formatDateTime, centreTypeLabel, centreStatusLabel } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('section') as Section | null;
  const section: Section = requested && SECTIONS.includes(requested) ? requested : 'registry';
  const [fetchedAt] = useState(() => new Date().toISOString());
  const { data, loading, error, refetch } = useQuery(PROVINCE_LANDING, { fetchPolicy: 'network-only' });

  const series = useMemo(() => {
    const counts = data?.centreCounts;
    const of = (keys: readonly string[], list: { key: string; count: number }[] | undefined, label: (key: string) => string): ChartDatum[] =>
      keys.map((key) => ({ key, label: label(key), value: list?.find((r) => r.key === key)?.count ?? 0 }));
    return {
      byType: of(CentreTypes, counts?.byType, centreTypeLabel).filter((d) => d.value > 0),
      byStatus: of(CentreStatuses, counts?.byStatus, centreStatusLabel),
      byLicence: of(LICENCE_STATUSES, counts?.byLicenceStatus, (k) => t(`licence.${k}` as MessageKey)),
    };
  }, [data, centreTypeLabel, centreStatusLabel, t]);

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !data) return <Loading />;
  const counts = data.centreCounts;
  const countOf = (list: { key: string; count: number }[], key: string) => list.find((r) => r.key === key)?.count ?? 0;
  const drill = (name: keyof CentreFilter) => (key: string) => navigate(`/centres?${name}=${encodeURIComponent(key)}`);
  const cardTitle = (key: MessageKey) => <h2 style={{ fontSize: 16, margin: 0 }}>{t(key)}</h2>;
  const open = (next: string) => {
    const params = new URLSearchParams(search);
    if (next === 'registry') params.delete('section');
    else params.set('section', next);
    setSearch(params, { replace: true });
  };

  const registry = (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.totalCentres')} value={formatNumber(counts.total)} data-testid="stat-total" /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.active')} value={formatNumber(countOf(counts.byStatus, 'ACTIVE'))} /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.expiring')} value={formatNumber(countOf(counts.byLicenceStatus, 'EXPIRING'))} /></Card></Col>
      <Col xs={12} lg={6}><Card><Statistic title={t('dashboard.licenceProblems')} value={formatNumber(countOf(counts.byLicenceStatus, 'EXPIRED') + countOf(counts.byLicenceStatus, 'MISSING'))} /></Card></Col>
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
    </Row>
  );

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 4 }}>{t('dashboard.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dashboard.computedAt', { time: formatDateTime(fetchedAt) })}</Typography.Paragraph>
      <ReportingGlanceView glance={data.reportingAtAGlance} />
      {/* The order: completeness and timeliness first, then the key results, then where to look. */}
      <KeyResults data={data.landingResults} />
      <AreasNeedingAttention picture={data.areasNeedingAttention} />
      <section aria-label={t('dashboard.sections')} style={{ marginTop: 16 }} data-testid="dashboard-sections">
        <Tabs
          activeKey={section}
          onChange={open}
          items={[
            { key: 'registry', label: t('dashboard.tab.registry'), children: registry },
            {
              key: 'heatmap', label: t('dashboard.tab.heatmap'),
              children: (
                <>
                  <Card title={cardTitle('dashboard.reportingRate')}><ReportingHeatmap /></Card>
                  <Card title={cardTitle('dashboard.reporting')} data-testid="reporting-status" style={{ marginTop: 16 }}><SubmissionStatusChart /></Card>
                </>
              ),
            },
            { key: 'indicators', label: t('dashboard.tab.indicators'), children: <Card title={cardTitle('dashboard.indicators')}><IndicatorPanel /></Card> },
            { key: 'compliance', label: t('dashboard.tab.compliance'), children: <Card title={cardTitle('dashboard.compliance')}><ComplianceOverviewPanel /></Card> },
            { key: 'literacy', label: t('dashboard.tab.literacy'), children: <Card title={cardTitle('dashboard.literacy')}><LiteracyOverviewPanel /></Card> },
          ]}
        />
      </section>
    </>
  );
}

/** Reports by workflow status over all periods (the heat map's section: asked when that section opens). */
function SubmissionStatusChart() {
  const { t, formatNumber } = useI18n();
  const { data, loading, error } = useQuery(submissionCountsQuery, { fetchPolicy: 'network-only' });
  if (error || (!data && !loading)) return <Alert type="info" showIcon title={t('dashboard.reportingPending')} />;
  if (!data) return <Loading />;
  return (
    <BarChartCard
      data={SubmissionStatuses.map((s) => ({ key: s, label: t(`status.${s}` as MessageKey), value: data[`status_${s}`]?.totalCount ?? 0 }))}
      ariaLabel={t('dashboard.reporting')}
      testId="chart-reporting"
      unit={t('dashboard.submissionsUnit')}
      formatNumber={formatNumber}
    />
  );
}
