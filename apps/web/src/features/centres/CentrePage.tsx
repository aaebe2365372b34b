import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { CENTRE, type LicenceRecord } from '../../gql/org';
import { UNITS_AS_OF } from '../../gql/admin';
import { useAuth } from '../../auth';
import { ChangeStatusModal, EditCentreModal, RecordLicenceModal } from './CentreAdminForms';
import { errorCodeOf } from '../../errors';
import { useI18n, type MessageKey } from '../../i18n';
import { CentreNotFound, CentreStatusTag, EmptyState, ErrorState, LicenceTag, Loading } from '../../components/States';
import { SubmissionsTable } from '../reports/SubmissionsTable';
import { CentreComplianceCard } from '../dashboard/Insights';

/** A centre: details, licence history, status history and its reports. */
export function CentrePage() {
  const { id = '' } = useParams();
  const { t, centreTypeLabel, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(CENTRE, { variables: { id } });
  const { can, user } = useAuth();
  const canManage = can('CENTRE_MANAGE');
  const canLicence = can('LICENCE_MANAGE');
  const [dialog, setDialog] = useState<'edit' | 'status' | 'licence' | null>(null);
  // Today's units name the supervising unit (the centre only carries its id); shared with the forms' unit pickers.
  const units = useQuery(UNITS_AS_OF, { variables: {}, skip: !data });

  if (error) {
    // The API answers NOT_FOUND for a centre outside the user's scope as for a missing one (no existence leak).
    const code = errorCodeOf(error);
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT') return <CentreNotFound />;
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !data) return <Loading />;
  const centre = data!.centre;
  const supervisingUnit = units.data?.administrativeUnits.find((u) => u.id === centre.supervisingUnitId);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 4 }} data-testid="centre-name">{centre.name}</Typography.Title>
          <Space wrap data-testid="centre-tags">
            <CentreStatusTag status={centre.status} />
            <LicenceTag status={centre.licenceStatus} />
            {user?.scope !== 'centre' && can('COMPLIANCE_READ') && (
              <Link to={`/compliance?tab=inspections&centre=${centre.id}`} data-testid="centre-inspections-link">{t('cw.insp.openCentre')} →</Link>
            )}
          </Space>
        </div>
        {(canManage || canLicence) && (
          <Space wrap data-testid="centre-admin-actions">
            {canManage && <Button onClick={() => setDialog('edit')}>{t('admin.editCentre')}</Button>}
            {canManage && (
              <Button
                onClick={() => setDialog('status')}
                disabled={centre.status === 'DISSOLVED'}
                title={centre.status === 'DISSOLVED' ? t('admin.dissolvedLocked') : undefined}
              >
                {t('admin.changeStatus')}
              </Button>
            )}
            {canLicence && <Button type="primary" onClick={() => setDialog('licence')}>{t('admin.recordLicence')}</Button>}
          </Space>
        )}
      </div>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('centre.info')}</h2>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('centre.code')}>{centre.code}</Descriptions.Item>
          <Descriptions.Item label={t('centre.type')}>{centreTypeLabel(centre.type)}</Descriptions.Item>
          <Descriptions.Item label={t('centre.ownership')}>{t(`centre.${centre.ownership}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('centre.unit')}>{centre.adminUnit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('centre.status')}>
            <CentreStatusTag status={centre.status} /> {t('centre.statusSince')} {formatDate(centre.statusSince)}
          </Descriptions.Item>
          <Descriptions.Item label={t('centre.licenceStatus')}><LicenceTag status={centre.licenceStatus} /></Descriptions.Item>
          <Descriptions.Item label={t('centre.establishedOn')}>{formatDate(centre.establishedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.supervisingUnit')}>{supervisingUnit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('centre.address')}>{centre.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('admin.phone')}>{centre.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('admin.email')}>{centre.email ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <CentreComplianceCard centreId={centre.id} />
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('centre.licences')}</h2>} data-testid="licence-table">
        <Table<LicenceRecord>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={centre.licences}
          locale={{ emptyText: <EmptyState text={t('centre.noLicences')} /> }}
          scroll={{ x: 800 }}
          columns={[
            { title: t('centre.kind'), dataIndex: 'kind', render: (v: string) => t(`licenceKind.${v}` as MessageKey) },
            { title: t('centre.decisionNumber'), dataIndex: 'decisionNumber' },
            { title: t('centre.decidedOn'), dataIndex: 'decidedOn', render: (v: string) => formatDate(v) },
            { title: t('centre.issuer'), dataIndex: 'issuer' },
            { title: t('centre.holder'), dataIndex: 'holderName', render: (v: string | null) => v ?? '—' },
            { title: t('centre.validity'), key: 'validity', render: (_, l) => `${formatDate(l.validFrom)} – ${l.validTo ? formatDate(l.validTo) : '…'}` },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('centre.statusHistory')}</h2>} data-testid="status-history">
        <Table
          rowKey={(r) => `${r.status}-${r.validFrom}`}
          size="small"
          pagination={false}
          dataSource={centre.statusHistory}
          columns={[
            { title: t('col.status'), dataIndex: 'status', render: (v: string) => <CentreStatusTag status={v} /> },
            { title: t('centre.validity'), key: 'validity', render: (_, s) => `${formatDate(s.validFrom)} – ${s.validTo ? formatDate(s.validTo) : '…'}` },
            { title: t('centre.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: t('centre.decisionNumber'), dataIndex: 'decisionRef', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('centre.reports')}</h2>}>
        <SubmissionsTable filter={{ centreId: centre.id }} exportTitle={`${t('centre.reports')} — ${centre.name}`} />
      </Card>
      {canManage && (
        <EditCentreModal open={dialog === 'edit'} centre={centre} onClose={() => setDialog(null)} onReload={async () => (await refetch()).data?.centre} />
      )}
      {canManage && dialog === 'status' && <ChangeStatusModal open centre={centre} onClose={() => setDialog(null)} />}
      {canLicence && dialog === 'licence' && (
        <RecordLicenceModal open centre={centre} onClose={() => setDialog(null)} onRecorded={() => void refetch()} />
      )}
    </Space>
  );
}
