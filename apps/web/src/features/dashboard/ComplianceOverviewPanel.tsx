import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Table, Typography } from 'antd';
import { COMPLIANCE_OVERVIEW } from '../../gql/insights';
import { useI18n } from '../../i18n';
import { BarChartCard } from '../../components/Chart';
import { ComplianceTag } from './Insights';
import { EmptyState, Loading } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';

/** Province compliance: centres by status, and the centres with the most serious open findings. */
export function ComplianceOverviewPanel() {
  const { t, formatNumber, formatDate } = useI18n();
  const { data, loading, error } = useQuery(COMPLIANCE_OVERVIEW, { fetchPolicy: 'network-only' });
  if (error) return <Alert type="info" showIcon title={t('dashboard.compliancePending')} />;
  if (loading && !data) return <Loading />;
  const overview = data!.complianceOverview;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('compliance.asOf', { date: formatDate(overview.asOf) })}</Typography.Paragraph>
      <BarChartCard
        data={(['COMPLIANT', 'AT_RISK', 'NON_COMPLIANT'] as const).map((s) => ({ key: s, label: t(`compliance.${s}`), value: overview.byStatus.find((b) => b.status === s)?.centres ?? 0 }))}
        ariaLabel={t('dashboard.compliance')}
        unit={t('dashboard.centresUnit')}
        formatNumber={formatNumber}
        testId="chart-compliance"
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={3} style={{ fontSize: 14, margin: '8px 0' }}>{t('compliance.worst')}</Typography.Title>
        <ExportButton
          title={t('compliance.worst')}
          subtitle={t('compliance.asOf', { date: formatDate(overview.asOf) })}
          rows={overview.worstCentres.slice(0, 5)}
          testId="export-worst-centres"
          columns={[
            { header: t('col.code'), value: (c) => c.centreCode },
            { header: t('col.centre'), value: (c) => c.centreName },
            { header: t('col.status'), value: (c) => t(`compliance.${c.status}`) },
            { header: t('compliance.openFindings'), value: (c) => c.openFindings, kind: 'number' },
            { header: t('compliance.high'), value: (c) => c.highFindings, kind: 'number' },
          ]}
        />
      </div>
      <Table
        rowKey="centreId"
        size="small"
        pagination={false}
        dataSource={overview.worstCentres.slice(0, 5)}
        locale={{ emptyText: <EmptyState text={t('compliance.noFindings')} /> }}
        columns={[
          { title: t('col.centre'), key: 'centre', render: (_, c) => <Link to={`/centres/${c.centreId}`}>{c.centreName}</Link> },
          { title: t('col.status'), dataIndex: 'status', width: 130, render: (v: string) => <ComplianceTag status={v} /> },
          { title: t('compliance.openFindings'), dataIndex: 'openFindings', width: 110, render: (v: number) => formatNumber(v) },
          { title: t('compliance.high'), dataIndex: 'highFindings', width: 110, render: (v: number) => formatNumber(v) },
        ]}
      />
    </>
  );
}
