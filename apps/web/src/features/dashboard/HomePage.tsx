import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Col, Descriptions, Row, Table, Typography } from 'antd';
import { useAuth } from '../../auth';
import { CENTRE } from '../../gql/org';
import { DUE_REPORTS, type DueReport } from '../../gql/reporting';
import { useI18n } from '../../i18n';
import { CentreComplianceCard, NotificationsCard } from './Insights';
import { CentreStatusTag, DaysLeft, EmptyState, ErrorState, LicenceTag, Loading, SubmissionStatusTag } from '../../components/States';

/** Home of a centre director or staff member: what is due, and the centre's standing. */
export function HomePage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const centreId = user?.centreId ?? '';
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('home.greeting', { name: user?.fullName ?? '' })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <DueReportsCard centreId={centreId} />
        </Col>
        <Col xs={24} xxl={8}>
          <CentreCard centreId={centreId} />
        </Col>
        <Col xs={24} lg={12}>
          <CentreComplianceCard centreId={centreId} />
        </Col>
        <Col xs={24} lg={12}>
          <NotificationsCard />
        </Col>
      </Row>
    </>
  );
}

function DueReportsCard({ centreId }: { centreId: string }) {
  const { t, pick, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(DUE_REPORTS, { variables: { centreId }, skip: !centreId, fetchPolicy: 'network-only' });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.dueReports')}</h2>} data-testid="due-reports">
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<DueReport>
          rowKey={(r) => `${r.templateCode}:${r.periodCode}`}
          size="middle"
          loading={loading && !data}
          dataSource={data?.dueReports ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState text={t('home.noDueReports')} /> }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('col.template'), key: 'template', width: 320, render: (_, r) => pick(r.templateNameVi, r.templateNameEn) },
            { title: t('col.period'), key: 'period', width: 200, render: (_, r) => pick(r.periodLabelVi, r.periodLabelEn) },
            { title: t('col.status'), dataIndex: 'status', width: 130, render: (v: string) => <SubmissionStatusTag status={v} /> },
            { title: t('col.dueDate'), dataIndex: 'dueDate', width: 110, render: (v: string) => formatDate(v) },
            {
              title: t('col.deadline'), key: 'left', width: 140,
              render: (_, r) => <DaysLeft dueDate={r.dueDate} done={r.status === 'SUBMITTED' || r.status === 'ACCEPTED'} />,
            },
            {
              title: t('col.actions'), key: 'open', width: 130,
              render: (_, r) => (
                <Link to={r.submissionId ? `/submissions/${r.submissionId}` : `/reports/${r.centreId}/${r.templateCode}/${r.periodCode}`}>
                  <Button size="small" type={r.status === 'RETURNED' || r.status === 'OVERDUE' ? 'primary' : 'default'}>{t('home.open')}</Button>
                </Link>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function CentreCard({ centreId }: { centreId: string }) {
  const { t, centreTypeLabel, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(CENTRE, { variables: { id: centreId }, skip: !centreId });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('centre.info')}</h2>}>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading || !data ? (
        <Loading />
      ) : (
        <>
          <Typography.Paragraph strong>{data.centre.name}</Typography.Paragraph>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('centre.type')}>{centreTypeLabel(data.centre.type)}</Descriptions.Item>
            <Descriptions.Item label={t('centre.status')}><CentreStatusTag status={data.centre.status} /></Descriptions.Item>
            <Descriptions.Item label={t('centre.licenceStatus')}><LicenceTag status={data.centre.licenceStatus} /></Descriptions.Item>
            {data.centre.licences.slice(-3).map((l) => (
              <Descriptions.Item key={l.id} label={t(`licenceKind.${l.kind}`)}>
                {l.decisionNumber} ({formatDate(l.decidedOn)}{l.validTo ? ` – ${formatDate(l.validTo)}` : ''})
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Link to={`/centres/${centreId}`}>{t('centre.licences')} →</Link>
        </>
      )}
    </Card>
  );
}
