import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Space, Table, Typography } from 'antd';
import { COMPLIANCE_GROUPS, type ComplianceGroup } from '../../gql/insights';
import { useI18n } from '../../i18n';
import { ErrorState, EmptyState } from '../../components/States';
import { ExportButton } from '../../components/ExportButton';
import { GroupBySelect, groupColumnKey, type Grouping } from '../../components/GroupBy';

/**
 * Compliance today by commune, area or centre type (issue 12 item 5): the API places each centre on today's
 * structure (its unit today, the areas holding that unit today); an area row counts every centre of its communes.
 */
export function ComplianceGroupsPanel() {
  const { t, formatNumber, formatDate, centreTypeLabel } = useI18n();
  const [grouping, setGrouping] = useState<Grouping>('UNIT_LEVEL');
  const { data, loading, error, refetch } = useQuery(COMPLIANCE_GROUPS, { variables: { groupBy: grouping }, fetchPolicy: 'network-only' });
  const nameOf = (g: ComplianceGroup) =>
    grouping === 'CENTRE_TYPE' ? (g.centreType ? centreTypeLabel(g.centreType) : t('group.none')) : g.name ?? (grouping === 'AREA' ? t('group.noArea') : t('group.scopeUnit'));
  const rows = data?.complianceOverview.groups ?? [];
  const idOf = (g: ComplianceGroup) => g.unitId ?? g.areaId ?? g.centreType ?? 'none';
  return (
    <section aria-labelledby="compliance-groups-title" data-testid="compliance-groups">
      <Typography.Title level={2} id="compliance-groups-title" style={{ fontSize: 16, marginTop: 0 }}>{t('group.complianceTitle')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <GroupBySelect id="compliance-group-by" value={grouping} onChange={setGrouping} />
        <ExportButton<ComplianceGroup>
          title={t('group.complianceTitle')}
          subtitle={data ? t('compliance.asOf', { date: formatDate(data.complianceOverview.asOf) }) : ''}
          rows={rows}
          testId="export-compliance-groups"
          columns={[
            { header: t(groupColumnKey(grouping)), value: nameOf },
            { header: t('group.centres'), value: (g) => g.centreCount, kind: 'number' },
            { header: t('compliance.COMPLIANT'), value: (g) => g.compliant, kind: 'number' },
            { header: t('compliance.AT_RISK'), value: (g) => g.atRisk, kind: 'number' },
            { header: t('compliance.NON_COMPLIANT'), value: (g) => g.nonCompliant, kind: 'number' },
            { header: t('compliance.openFindings'), value: (g) => g.openFindings, kind: 'number' },
          ]}
        />
      </Space>
      {data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('compliance.asOf', { date: formatDate(data.complianceOverview.asOf) })} · {t('group.hint')}
        </Typography.Paragraph>
      )}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ComplianceGroup>
          data-testid="compliance-groups-table"
          rowKey={idOf}
          size="small"
          loading={loading && !data}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: <EmptyState /> }}
          columns={[
            {
              title: t(groupColumnKey(grouping)), key: 'name',
              render: (_, g) => (g.unitId ? <Link to={`/centres?unitId=${g.unitId}`} data-group={idOf(g)}>{nameOf(g)}</Link> : <span data-group={idOf(g)}>{nameOf(g)}</span>),
            },
            { title: t('group.centres'), dataIndex: 'centreCount', width: 100, align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('compliance.COMPLIANT'), dataIndex: 'compliant', width: 100, align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('compliance.AT_RISK'), dataIndex: 'atRisk', width: 100, align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('compliance.NON_COMPLIANT'), dataIndex: 'nonCompliant', width: 110, align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('compliance.openFindings'), dataIndex: 'openFindings', width: 110, align: 'right', render: (v: number) => formatNumber(v) },
          ]}
        />
      )}
    </section>
  );
}
