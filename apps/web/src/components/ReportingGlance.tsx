import { Link } from 'react-router-dom';
import { Button, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { linkTo } from '@gdtx/domain';
import type { GlanceItem, GlancePeriod, ReportingGlance } from '../gql/reporting';
import { useI18n, type MessageKey } from '../i18n';
import { EmptyState, SubmissionStatusTag } from './States';

/** The tiles, in the order the issue asks: what is due, on time, late, missing; waiting and returned; not yet due apart. */
const TILES: { key: 'due' | 'onTime' | 'late' | 'missing' | 'waitingReview' | 'returned'; label: MessageKey; colour?: string }[] = [
  { key: 'due', label: 'glance.due' },
  { key: 'onTime', label: 'glance.onTime', colour: '#135200' },
  { key: 'late', label: 'glance.late', colour: '#874d00' },
  { key: 'missing', label: 'glance.missing', colour: '#a8071a' },
  { key: 'waitingReview', label: 'glance.waitingReview', colour: '#0b4f9c' },
  { key: 'returned', label: 'glance.returned' },
];

type Tally = ReportingGlance['totals'];
const valueOf = (t: Tally, key: (typeof TILES)[number]['key']) => (key === 'due' ? t.expected - t.notDue : t[key]);

/**
 * Reporting at a glance (reportingAtAGlance): completeness and timeliness of the current periods first, "not yet
 * due" apart, then per template and period, then the reports that need action, each linking to its report (the
 * shared route table). Presentational: the page asks for the data in its one request.
 */
export function ReportingGlanceView({ glance, headingLevel = 2 }: { glance: ReportingGlance; headingLevel?: 2 | 3 }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="glance-title" data-testid="reporting-glance">
      <Card title={<Heading id="glance-title" style={{ fontSize: 16, margin: 0 }}>{t('glance.title')}</Heading>}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('glance.centres', { n: formatNumber(glance.centreCount) })} · {t('dashboard.computedAt', { time: formatDateTime(glance.computedAt) })}
        </Typography.Paragraph>
        <Row gutter={[12, 12]}>
          {TILES.map((tile) => (
            <Col key={tile.key} xs={12} md={8} xl={4}>
              <div data-testid={`glance-${tile.key}`} data-value={valueOf(glance.totals, tile.key)} className="glance-tile">
                <Statistic title={t(tile.label)} value={formatNumber(valueOf(glance.totals, tile.key))} styles={{ content: tile.colour ? { color: tile.colour } : undefined }} />
              </div>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="glance-notDue" data-value={glance.totals.notDue}>
          {t('glance.notDue')}: <strong>{formatNumber(glance.totals.notDue)}</strong>
          {glance.totals.onTimeRate !== null && <> · {t('glance.onTimeRate')}: <strong>{formatNumber(glance.totals.onTimeRate)} %</strong></>}
          {glance.totals.submittedRate !== null && <> · {t('glance.submittedRate')}: <strong>{formatNumber(glance.totals.submittedRate)} %</strong></>}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xxl={10}>
          <GlancePeriods periods={glance.periods} headingLevel={headingLevel} />
        </Col>
        <Col xs={24} xxl={14}>
          <NeedsAction items={glance.needsAction} total={glance.needsActionCount} headingLevel={headingLevel} />
        </Col>
      </Row>
    </section>
  );
}

function GlancePeriods({ periods, headingLevel }: { periods: readonly GlancePeriod[]; headingLevel: 2 | 3 }) {
  const { t, pick, formatNumber, formatDate } = useI18n();
  const Heading = `h${headingLevel}` as const;
  return (
    <Card title={<Heading style={{ fontSize: 16, margin: 0 }}>{t('glance.byPeriod')}</Heading>}>
      <Table<GlancePeriod>
        data-testid="glance-periods"
        rowKey={(r) => `${r.templateCode}:${r.periodCode}`}
        size="small"
        pagination={false}
        dataSource={[...periods]}
        scroll={{ x: 950 }}
        locale={{ emptyText: <EmptyState text={t('app.empty')} /> }}
        columns={[
          { title: t('col.template'), key: 'template', width: 260, render: (_, r) => <>{pick(r.templateNameVi, r.templateNameEn)}<br /><Typography.Text type="secondary">{pick(r.periodLabelVi, r.periodLabelEn)}</Typography.Text></> },
          { title: t('glance.col.due'), dataIndex: 'dueDate', width: 100, render: (v: string) => formatDate(v) },
          { title: t('glance.due'), key: 'due', width: 80, align: 'right', render: (_, r) => formatNumber(r.expected - r.notDue) },
          { title: t('glance.onTime'), dataIndex: 'onTime', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('glance.late'), dataIndex: 'late', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('glance.missing'), dataIndex: 'missing', width: 90, align: 'right', render: (v: number) => (v ? <strong style={{ color: '#a8071a' }}>{formatNumber(v)}</strong> : '0') },
          { title: t('glance.waitingReview'), dataIndex: 'waitingReview', width: 80, align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('glance.notDue'), dataIndex: 'notDue', width: 100, align: 'right', render: (v: number) => formatNumber(v) },
        ]}
      />
    </Card>
  );
}

/** The calendar's state of a report needing action, with its days ("Quá hạn 12 ngày", "Muộn 3 ngày"). */
export function GlanceStateTag({ item }: { item: Pick<GlanceItem, 'reportClass' | 'days' | 'waitingReview'> }) {
  const { t } = useI18n();
  if (item.reportClass === 'MISSING') return <Tag data-testid="glance-state" style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('glance.overdueDays', { n: item.days })}</Tag>;
  if (item.reportClass === 'RETURNED') return <SubmissionStatusTag status="RETURNED" />;
  return (
    <>
      <Tag data-testid="glance-state" color="blue" style={{ color: '#1f1f1f' }}>{t('glance.waitingReview')}</Tag>
      {item.reportClass === 'LATE' && <Tag style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('late.days', { n: item.days })}</Tag>}
    </>
  );
}

function NeedsAction({ items, total, headingLevel }: { items: readonly GlanceItem[]; total: number; headingLevel: 2 | 3 }) {
  const { t, pick, formatDate, formatNumber } = useI18n();
  const Heading = `h${headingLevel}` as const;
  return (
    <Card title={<Heading style={{ fontSize: 16, margin: 0 }}>{t('glance.needsAction')} ({formatNumber(total)})</Heading>} data-testid="glance-needs-action" data-total={total}>
      {items.length < total && <Typography.Paragraph type="secondary">{t('glance.needsActionMore', { shown: formatNumber(items.length), total: formatNumber(total) })}</Typography.Paragraph>}
      <Table<GlanceItem>
        rowKey={(r) => `${r.centreId}:${r.templateCode}:${r.periodCode}`}
        size="small"
        dataSource={[...items]}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 850 }}
        locale={{ emptyText: <EmptyState text={t('glance.nothingToDo')} /> }}
        columns={[
          { title: t('glance.col.centre'), key: 'centre', width: 200, render: (_, r) => <Link to={linkTo('centre', { id: r.centreId })}>{r.centreName}</Link> },
          { title: t('col.template'), key: 'template', width: 260, render: (_, r) => <>{pick(r.templateNameVi, r.templateNameEn)}<br /><Typography.Text type="secondary">{pick(r.periodLabelVi, r.periodLabelEn)}</Typography.Text></> },
          { title: t('glance.col.due'), dataIndex: 'dueDate', width: 100, render: (v: string) => formatDate(v) },
          { title: t('glance.col.state'), key: 'state', width: 170, render: (_, r) => <GlanceStateTag item={r} /> },
          {
            title: t('col.actions'), key: 'open', width: 120,
            render: (_, r) => (
              <Link
                to={r.submissionId ? linkTo('submission', { submissionId: r.submissionId }) : linkTo('reportForm', { centreId: r.centreId, templateCode: r.templateCode, periodCode: r.periodCode })}
                data-testid="glance-open"
              >
                <Button size="small" type={r.waitingReview ? 'primary' : 'default'} tabIndex={-1}>{r.waitingReview ? t('glance.review') : t('glance.openReport')}</Button>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
