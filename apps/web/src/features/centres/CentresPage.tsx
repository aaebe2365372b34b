import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { CentreStatuses, CentreTypes, type CentreStatus, type CentreType } from '@gdtx/domain';
import { CENTRE_COMPLIANCE_FILTERS, CENTRES, type CentreComplianceFilter, type CentreFilter, type CentreSummary, type LicenceStatus } from '../../gql/org';
import { UNITS_AS_OF } from '../../gql/admin';
import { useAuth } from '../../auth';
import { CreateCentreModal } from './CentreAdminForms';
import { useI18n } from '../../i18n';
import { CentreStatusTag, EmptyState, ErrorState, LicenceTag } from '../../components/States';
import { DownloadError, downloadFile } from '../../download';

const PAGE_SIZE = 50;
const LICENCE_STATUSES: LicenceStatus[] = ['VALID', 'EXPIRING', 'EXPIRED', 'MISSING'];
const EXPORT_FILE_NAME = 'danh-sach-trung-tam.xlsx';

/** The REST export (libs/org centre-export.controller.ts) takes the list's filter as query parameters. */
function exportUrl(filter: CentreFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, String(value));
  const qs = query.toString();
  return `/api/exports/centres.xlsx${qs ? `?${qs}` : ''}`;
}

/** Centres in the user's scope (the API limits a supervisor to their area), filters kept in the URL for drill-down. */
export function CentresPage() {
  const { t, pick, centreTypeLabel, centreStatusLabel } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = useMemo<CentreFilter>(
    () => ({
      type: (params.get('type') as CentreType) || undefined,
      status: (params.get('status') as CentreStatus) || undefined,
      licenceStatus: (params.get('licenceStatus') as LicenceStatus) || undefined,
      search: params.get('search') || undefined,
      unitId: params.get('unitId') || undefined,
      compliance: (params.get('compliance') as CentreComplianceFilter) || undefined,
    }),
    [params],
  );
  const { data, loading, error, refetch, fetchMore } = useQuery(CENTRES, { variables: { filter, first: PAGE_SIZE } });
  const setFilter = (name: keyof CentreFilter, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const centres = data?.centres;
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  // The unit filter comes from the units page (drill-down): name it, from the units valid on the date it was picked.
  const unitAsOf = params.get('unitAsOf') || undefined;
  const units = useQuery(UNITS_AS_OF, { variables: { asOf: unitAsOf }, skip: !filter.unitId });
  const filteredUnit = filter.unitId ? units.data?.administrativeUnits.find((u) => u.id === filter.unitId) : undefined;
  const clearUnit = () => {
    const next = new URLSearchParams(params);
    next.delete('unitId');
    next.delete('unitAsOf');
    setParams(next, { replace: true });
  };
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportToExcel = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadFile(exportUrl(filter), EXPORT_FILE_NAME);
    } catch (e) {
      const serverMessage = e instanceof DownloadError && e.messageVi ? pick(e.messageVi, e.messageEn) : null;
      setExportError(serverMessage ? `${t('centres.exportFailed')}: ${serverMessage}` : t('centres.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('centres.title')}</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label={t('centres.search')}
            placeholder={t('centres.search')}
            allowClear
            defaultValue={filter.search ?? ''}
            onSearch={(v) => setFilter('search', v.trim() || undefined)}
            style={{ width: 280 }}
          />
          <Select
            aria-label={t('col.type')}
            allowClear
            placeholder={t('centres.allTypes')}
            value={filter.type ?? undefined}
            onChange={(v) => setFilter('type', v)}
            style={{ width: 250 }}
            options={CentreTypes.map((c) => ({ value: c, label: centreTypeLabel(c) }))}
          />
          <Select
            aria-label={t('col.status')}
            allowClear
            placeholder={t('centres.allStatuses')}
            value={filter.status ?? undefined}
            onChange={(v) => setFilter('status', v)}
            style={{ width: 200 }}
            options={CentreStatuses.map((s) => ({ value: s, label: centreStatusLabel(s) }))}
          />
          <Select
            aria-label={t('col.licenceStatus')}
            allowClear
            placeholder={t('centres.allLicence')}
            value={filter.licenceStatus ?? undefined}
            onChange={(v) => setFilter('licenceStatus', v)}
            style={{ width: 210 }}
            options={LICENCE_STATUSES.map((s) => ({ value: s, label: t(`licence.${s}`) }))}
          />
          <Select
            aria-label={t('centres.compliance')}
            allowClear
            placeholder={t('centres.allCompliance')}
            value={filter.compliance ?? undefined}
            onChange={(v) => setFilter('compliance', v)}
            style={{ width: 270 }}
            data-testid="filter-compliance"
            options={CENTRE_COMPLIANCE_FILTERS.map((c) => ({ value: c, label: t(`centresCompliance.${c}`) }))}
          />
          <Button loading={exporting} onClick={() => void exportToExcel()}>{t('centres.export')}</Button>
          {can('CENTRE_MANAGE') && (
            <Button type="primary" onClick={() => setCreating(true)}>{t('admin.addCentre')}</Button>
          )}
        </Space>
        {filter.unitId && (
          <Alert
            type="info"
            showIcon
            data-testid="unit-filter"
            title={t('centres.unitFilter', { name: filteredUnit?.name ?? (units.loading ? '…' : t('centres.unitFilterUnknown')) })}
            action={<Button size="small" onClick={clearUnit}>{t('centres.clearUnit')}</Button>}
            style={{ marginBottom: 16 }}
          />
        )}
        {created && (
          <Alert
            type="success"
            showIcon
            closable={{ 'aria-label': t('admin.close') }}
            role="status"
            data-testid="centre-created"
            title={t('admin.created', { name: created.name })}
            action={<Link to={`/centres/${created.id}`}>{t('admin.openCreated')}</Link>}
            onClose={() => setCreated(null)}
            style={{ marginBottom: 16 }}
          />
        )}
        {exportError && (
          <Alert type="error" showIcon closable role="alert" message={exportError} onClose={() => setExportError(null)} style={{ marginBottom: 16 }} />
        )}
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <>
            <Typography.Paragraph data-testid="centre-total">
              {centres ? t('centres.total', { n: centres.totalCount.toLocaleString('vi-VN') }) : '\u00a0'}
            </Typography.Paragraph>
            <Table<CentreSummary>
              rowKey="id"
              size="middle"
              loading={loading && !centres}
              dataSource={centres?.nodes ?? []}
              pagination={false}
              locale={{ emptyText: <EmptyState text={t('centres.noMatch')} /> }}
              scroll={{ x: 900 }}
              columns={[
                { title: t('col.code'), dataIndex: 'code', width: 130 },
                { title: t('col.name'), dataIndex: 'name', render: (_, c) => <Link to={`/centres/${c.id}`}>{c.name}</Link> },
                { title: t('col.type'), dataIndex: 'type', width: 210, render: (v: string) => centreTypeLabel(v) },
                { title: t('col.unit'), key: 'unit', width: 180, render: (_, c) => c.adminUnit?.name ?? '—' },
                { title: t('col.status'), dataIndex: 'status', width: 160, render: (v: string) => <CentreStatusTag status={v} /> },
                { title: t('col.licenceStatus'), dataIndex: 'licenceStatus', width: 150, render: (v: string) => <LicenceTag status={v} /> },
              ]}
            />
            {centres?.pageInfo.hasNextPage && (
              <Button
                style={{ marginTop: 12 }}
                loading={loading}
                onClick={() =>
                  void fetchMore({
                    variables: { after: centres.pageInfo.endCursor },
                  })
                }
              >
                {t('centres.loadMore')}
              </Button>
            )}
          </>
        )}
      </Card>
      {creating && (
        <CreateCentreModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreated(c);
            void refetch();
          }}
        />
      )}
    </>
  );
}
