import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { linkTo } from '@gdtx/domain';
import { useAuth } from '../../auth';
import { CENTRE } from '../../gql/org';
import { CENTRE_HOME, type CentreHomeDueReport } from '../../gql/reporting';
import { useI18n } from '../../i18n';
import { CentreComplianceCard, NotificationsCard } from './Insights';
import { CentreStatusTag, DaysLeft, EmptyState, ErrorState, LicenceTag, Loading, SubmissionStatusTag } from '../../components/States';

/**
 * Home of a centre director or staff member: what is due (missing reports too, with their days overdue), and the
 * centre's standing. One request for the page (CentreHome: due reports, centre, compliance; the two cards read their
 * own documents from the cache), one for the notifications card, and the shell's `Me`: three on a fresh load.
 */
export function HomePage() {
  const { user } = useAuth();
  const { t } = useI18n();
  const centreId = user?.centreId ?? '';
  const { data, loading, error, refetch } = useQuery(CENTRE_HOME, { variables: { centreId }, skip: !centreId, fetchPolicy: 'network-only' });
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('home.greeting', { name: user?.fullName ?? '' })}</Typography.Title>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading || !data ? (
        <Loading />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={16}>
            <DueReportsCard reports={data.dueReports} />
          </Col>
          <Col xs={24} xxl={8}>
            <CentreCard centreId={centreId} />
          </Col>
          <Col xs={24} lg={12}>
            <CentreComplianceCard centreId={centreId} cached />
          </Col>
          <Col xs={24} lg={12}>
            <NotificationsCard />
          </Col>
        </Row>
      )}
    </>
  );
}

const needsAction = (r: CentreHomeDueReport) => r.status === 'RETURNED' || r.status === 'OVERDUE';

/** The calendar's missing reports: owed, overdue, never submitted (a draft that was never sent counts). */
const isMissing = (r: CentreHomeDueReport) => r.calendarStatus === 'MISSING';

function DueReportsCard({ reports }: { reports: readonly CentreHomeDueReport[] }) {
  const { t, pick, formatDate, formatNumber } = useI18n();
  const missing = reports.filter(isMissing).length;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.dueReports')}</h2>} data-testid="due-reports" data-missing={missing}>
      {missing > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="missing-summary" title={t('home.missingSummary', { n: formatNumber(missing) })} />}
      <Table<CentreHomeDueReport>
        rowKey={(r) => `${r.templateCode}:${r.periodCode}`}
        size="middle"
        dataSource={[...reports]}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState text={t('home.noDueReports')} /> }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ 'data-testid': isMissing(r) ? 'due-missing' : 'due-row' }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: t('col.template'), key: 'template', width: 320, render: (_, r) => pick(r.templateNameVi, r.templateNameEn) },
          { title: t('col.period'), key: 'period', width: 200, render: (_, r) => pick(r.periodLabelVi, r.periodLabelEn) },
          {
            title: t('col.status'), key: 'status', width: 170,
            render: (_, r) => (
              <>
                <SubmissionStatusTag status={r.status} />
                {isMissing(r) && <Tag data-testid="missing-tag" style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('home.missingTag')}</Tag>}
                {r.calendarStatus === 'LATE' && r.daysLate ? <Tag data-testid="late-tag" style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('late.days', { n: r.daysLate })}</Tag> : null}
              </>
            ),
          },
          { title: t('col.dueDate'), dataIndex: 'dueDate', width: 110, render: (v: string) => formatDate(v) },
          {
            title: t('col.deadline'), key: 'left', width: 140,
            render: (_, r) => <DaysLeft dueDate={r.dueDate} done={r.status === 'SUBMITTED' || r.status === 'ACCEPTED'} />,
          },
          {
            title: t('col.actions'), key: 'open', width: 130,
            render: (_, r) => (
              <Link to={r.submissionId ? linkTo('submission', { submissionId: r.submissionId }) : linkTo('reportForm', { centreId: r.centreId, templateCode: r.templateCode, periodCode: r.periodCode })}>
                <Button size="small" type={needsAction(r) ? 'primary' : 'default'}>{t('home.open')}</Button>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

function CentreCard({ centreId }: { centreId: string }) {
  const { t, centreTypeLabel, formatDate } = useI18n();
  // cache-first: the home's CentreHome document has just brought these fields.
  const { data, loading, error, refetch } = useQuery(CENTRE, { variables: { id: centreId }, skip: !centreId, fetchPolicy: 'cache-first' });
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
