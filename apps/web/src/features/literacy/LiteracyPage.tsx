import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { todayInVietnam } from '@gdtx/domain';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Progress, Result, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { describeError, errorCodeOf } from '../../errors';
import { BarChartCard } from '../../components/Chart';
import { GroupBySelect, type Grouping } from '../../components/GroupBy';
import { SUPERVISORY_AREAS } from '../../gql/org';
import { EmptyState, ErrorState, LevelTag, Loading } from '../../components/States';
import {
  LEARNING_SOCIETY_PROGRESS, LITERACY_STATUS, LITERACY_UNITS, LITERACY_YEARS,
  type LearningSocietyIndicator, type LiteracyBandRate, type LiteracyChild, type LiteracyCriterion, type LiteracyStatusResult,
} from './literacy.documents';
import {
  asOfFor, bandLabel, latestYearWithData, literacySearch, literacyYearCandidates, literacyYearLabel, parseLiteracyQuery, truncatePct,
  unitChain,
  type LiteracyView,
} from './literacy';

const BASE_LEVELS = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);
/** Bar colours by result (the table beside says the level in words). */
const BAR_COLOUR = ['#a8071a', '#ad6800', '#2f8f46'];
const NO_DATA_COLOUR = '#8c8c8c';
const LS_COLOUR: Record<string, string> = { MET: 'green', ON_TRACK: 'gold', BEHIND: 'red', NO_DATA: 'default', NO_TARGET: 'default' };



/** Literacy recognition (NĐ 20/2014) and learning-society progress of a unit, with drill-down into its children. */
export function LiteracyPage() {
  const { user } = useAuth();
  const { t, language, formatNumber } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const query = parseLiteracyQuery(params);
  const homeUnit = user?.scope === 'unit' ? user.unitId : user?.provinceId ?? null;
  const unitId = query.unitId ?? homeUnit;
  const candidates = useMemo(() => literacyYearCandidates(todayInVietnam()), []);

  // Without a year in the URL: the newest year with accepted reports (probed on today's units).
  const probe = useQuery(LITERACY_YEARS, {
    variables: { unitId: unitId ?? '', y0: candidates[0], y1: candidates[1], y2: candidates[2], y3: candidates[3], y4: candidates[4], y5: candidates[5] },
    skip: !unitId || query.year !== null,
  });
  const probed = probe.data ? latestYearWithData(Object.values(probe.data)) : null;
  const year = query.year ?? (probe.data ? probed ?? candidates[1] : null);
  const view = query.view;

  const go = (next: { unitId?: string; year?: number; view?: LiteracyView }, replace = false) => {
    if (!unitId || year === null) return;
    navigate({ search: literacySearch({ unitId: next.unitId ?? unitId, year: next.year ?? year, view: next.view ?? view }) }, { replace });
  };

  // Once the default year is known, the URL says it (replacing /literacy, so Back does not loop): links stay shareable.
  useEffect(() => {
    if (unitId && year !== null && query.year === null) {
      navigate({ search: literacySearch({ unitId, year, view }) }, { replace: true });
    }
  }, [unitId, year, view, query.year, navigate]);

  if (!user) return null;
  if (user.scope === 'centre') return <Result status="info" title={t('literacy.centreOnly')} />;
  if (!unitId) return <EmptyState />;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24, marginBottom: 12 }}>{t('literacy.title')}</Typography.Title>
      <Space wrap size="middle" style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('literacy.year')}
          data-testid="literacy-year"
          value={year ?? undefined}
          loading={year === null}
          style={{ width: 200 }}
          onChange={(y: number) => go({ year: y })}
          options={candidates.map((y) => ({ value: y, label: t('literacy.yearOption', { label: literacyYearLabel(y) }) }))}
        />
        <Space size="small">
          <Typography.Text id="literacy-view-label">{t('literacy.view')}:</Typography.Text>
          <Segmented<LiteracyView>
            aria-labelledby="literacy-view-label"
            value={view}
            onChange={(v) => go({ view: v })}
            options={[
              { value: 'then', label: year ? `${t('literacy.viewThen')} (30/09/${year})` : t('literacy.viewThen') },
              { value: 'today', label: t('literacy.viewToday') },
            ]}
          />
        </Space>
      </Space>
      {probe.error ? (
        <UnitError error={probe.error} onHome={homeUnit && homeUnit !== unitId ? () => navigate('/literacy') : undefined} />
      ) : year === null ? (
        <Loading />
      ) : (
        <>
          {query.year === null && probe.data && probed === null && <Alert type="info" showIcon title={t('literacy.noYears')} style={{ marginBottom: 12 }} />}
          <LiteracyContent
            unitId={unitId}
            year={year}
            view={view}
            topId={user.scope === 'unit' ? user.unitId : null}
            onOpen={(id) => go({ unitId: id })}
            onToday={() => go({ view: 'today' }, true)}
            onHome={homeUnit && homeUnit !== unitId ? () => navigate('/literacy') : undefined}
            language={language}
            formatNumber={formatNumber}
          />
        </>
      )}
    </>
  );
}

/** FORBIDDEN / NOT_FOUND on a unit: the page says why (the server's words) and offers the way back. */
function UnitError({ error, onHome, onToday, onRetry }: { error: unknown; onHome?: () => void; onToday?: () => void; onRetry?: () => void }) {
  const { t, language } = useI18n();
  const code = errorCodeOf(error);
  const info = describeError(error, language);
  if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
    return (
      <Result
        status={code === 'FORBIDDEN' ? '403' : '404'}
        title={t('literacy.outsideArea')}
        subTitle={<span data-testid="literacy-forbidden">{info.message}</span>}
        extra={onHome ? <Button type="primary" onClick={onHome}>{t('literacy.backToMine')}</Button> : undefined}
      />
    );
  }
  if (code === 'BAD_USER_INPUT' && info.extensions['field'] === 'asOf' && onToday) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('literacy.notValidOn')}
        description={info.message}
        action={<Button onClick={onToday}>{t('literacy.useToday')}</Button>}
      />
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}

function LiteracyContent({ unitId, year, view, topId, onOpen, onToday, onHome, language, formatNumber }: {
  unitId: string;
  year: number;
  view: LiteracyView;
  topId: string | null;
  onOpen: (unitId: string) => void;
  onToday: () => void;
  onHome?: () => void;
  language: string;
  formatNumber: (n: number | null | undefined) => string;
}) {
  const { t } = useI18n();
  const asOf = asOfFor(view, year);
  const { data, error, refetch, loading } = useQuery(LITERACY_STATUS, { variables: { unitId, year, asOf }, fetchPolicy: 'cache-and-network' });
  const status = data?.literacyStatus;
  const units = useQuery(LITERACY_UNITS, { variables: { asOf: status?.asOf ?? asOf }, skip: !status });

  if (error) return <UnitError error={error} onHome={onHome} onToday={onToday} onRetry={() => void refetch()} />;
  if (!status || (loading && status.unitId !== unitId)) return <Loading />;

  const chain = units.data ? unitChain(units.data.administrativeUnits, status.unitId, topId) : [];
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(truncatePct(v))}%`);
  const label = literacyYearLabel(year);

  return (
    <>
      <nav aria-label={t('literacy.breadcrumb')} style={{ marginBottom: 12 }}>
        <Breadcrumb
          items={(chain.length ? chain : [{ id: status.unitId, name: status.unitName }]).map((u, i, all) => ({
            key: u.id,
            title: i === all.length - 1 ? <span aria-current="page">{u.name}</span> : <Link to={literacySearch({ unitId: u.id, year, view })}>{u.name}</Link>,
          }))}
        />
      </nav>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <RecognitionCard status={status} pct={pct} formatNumber={formatNumber} language={language} label={label} />
        </Col>
        {!(BASE_LEVELS.has(status.unitLevel) && status.children.length === 0) && <Col xs={24}>
          <ChildrenCard status={status} year={year} view={view} pct={pct} formatNumber={formatNumber} onOpen={onOpen} />
        </Col>}
        <Col xs={24}>
          <LearningSocietyCard unitId={unitId} year={year} asOf={asOf} pct={pct} formatNumber={formatNumber} />
        </Col>
      </Row>
    </>
  );
}

function cardTitle(text: string): ReactNode {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
}

function RecognitionCard({ status, pct, formatNumber, language, label }: {
  status: LiteracyStatusResult;
  pct: (v: number | null | undefined) => string;
  formatNumber: (n: number | null | undefined) => string;
  language: string;
  label: string;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const reasons = language === 'en' && status.reasonsEn.length ? status.reasonsEn : status.reasons;
  const base = BASE_LEVELS.has(status.unitLevel);
  const noData = status.communesWithData === 0;
  const ind = status.indicators;

  return (
    <Card title={cardTitle(`${t('literacy.recognition')}: ${status.unitName}`)} data-testid="literacy-recognition">
      {noData ? (
        <EmptyState text={<span data-testid="literacy-no-data">{t('literacy.noData', { unit: status.unitName, label })}</span>} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={10}>
            <div style={{ marginBottom: 12 }}><LevelTag level={status.level} large /></div>
            <Typography.Text strong>{t('literacy.conclusion')}</Typography.Text>
            <ul data-testid="literacy-reasons" style={{ paddingInlineStart: 20, marginTop: 4 }}>
              {reasons.map((r) => <li key={r}>{r}</li>)}
            </ul>
            {!status.judgedAsUnit && (
              <Alert type="info" showIcon data-testid="literacy-regrouped" title={t('literacy.regrouped', { date: formatDate(status.ruleDate) })} style={{ marginBottom: 12 }} />
            )}
            {status.communesWithData < status.communes && (
              <Alert type="warning" showIcon title={t('literacy.partialData', { with: status.communesWithData, total: status.communes })} style={{ marginBottom: 12 }} />
            )}
            {status.unmappedData.length > 0 && (
              <Alert type="info" showIcon title={t('literacy.unmapped', { n: status.unmappedData.length })} style={{ marginBottom: 12 }} />
            )}
            <Descriptions size="small" column={1} bordered styles={{ label: { width: 200 } }}>
              <Descriptions.Item label={t('literacy.computedAt')}><span data-testid="literacy-computed-at">{formatDateTime(status.computedAt)}</span></Descriptions.Item>
              <Descriptions.Item label={t('literacy.dataAcceptedUntil')}>{formatDateTime(status.dataAcceptedUntil)}</Descriptions.Item>
              <Descriptions.Item label={t('literacy.asOf')}>{formatDate(status.asOf)}</Descriptions.Item>
              <Descriptions.Item label={t('literacy.ruleDate')}><span data-testid="literacy-rule-date">{formatDate(status.ruleDate)}</span></Descriptions.Item>
              <Descriptions.Item label={t('literacy.recognisedBy')}>
                <span data-testid="literacy-recognised-by">
                  {status.recognisedBy.length
                    ? status.recognisedBy.map((r) => (
                        <span key={r.level} style={{ display: 'block' }}>
                          {t('literacy.recognisedByLevel', { level: r.level, by: language === 'en' ? r.byEn : r.byVi })}
                        </span>
                      ))
                    : t('literacy.notATier')}
                </span>
              </Descriptions.Item>
              {status.recognitionChain.length > 0 && (
                <Descriptions.Item label={t('literacy.chain')}>
                  <span data-testid="literacy-chain">
                    {status.recognitionChain.map((c) => t(`literacy.chainTier.${c.tier}` as MessageKey) || c.tier).join(' → ')}
                  </span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('literacy.params')}>
                {t(`literacy.tier.${status.aggregationTier}` as MessageKey) || status.aggregationTier}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{status.paramsVersion}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('literacy.reports')}>
                {t('literacy.reportsValue', { with: formatNumber(status.communesWithData), total: formatNumber(status.communes) })}
              </Descriptions.Item>
              {base && (
                <Descriptions.Item label={t('literacy.dbkk')}>
                  <span data-testid="literacy-dbkk">
                    {status.dbkk ? t('literacy.dbkkYes') : t('literacy.dbkkNo')}
                    {status.dbkkSource ? ` (${t(`literacy.dbkkSource.${status.dbkkSource}` as MessageKey)})` : ''}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Col>
          <Col xs={24} xl={14}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>{t('literacy.criteria')}</Typography.Title>
            <CriteriaTable criteria={status.criteria} base={base} pct={pct} formatNumber={formatNumber} />
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t('literacy.rates')}</Typography.Title>
            <RatesTable rates={status.rates} pct={pct} formatNumber={formatNumber} />
          </Col>
          <Col xs={24}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>{t('literacy.indicators')}</Typography.Title>
            <Row gutter={[16, 8]}>
              <Col xs={12} lg={6}><Statistic title={t('literacy.belowL1')} value={formatNumber(ind.belowL1)} /></Col>
              <Col xs={12} lg={6}><Statistic title={t('literacy.learners')} value={formatNumber(ind.learnersPhase1 + ind.learnersPhase2)} /></Col>
              <Col xs={12} lg={6}><Statistic title={t('literacy.mobilisation')} value={pct(ind.mobilisationRatePct)} /></Col>
              <Col xs={12} lg={6}><Statistic title={t('literacy.completion')} value={pct(ind.completionPct)} /></Col>
            </Row>
          </Col>
        </Row>
      )}
    </Card>
  );
}

function CriteriaTable({ criteria, base, pct, formatNumber }: {
  criteria: LiteracyCriterion[];
  base: boolean;
  pct: (v: number | null | undefined) => string;
  formatNumber: (n: number | null | undefined) => string;
}) {
  const { t } = useI18n();
  return (
    <Table<LiteracyCriterion>
      data-testid="literacy-criteria"
      rowKey="level"
      size="small"
      pagination={false}
      dataSource={criteria}
      columns={[
        { title: t('literacy.criterion'), key: 'level', render: (_, c) => t('literacy.criterionLevel', { level: c.level }) },
        ...(base
          ? [{
            title: t('literacy.criterionBand'), key: 'band',
            render: (_: unknown, c: LiteracyCriterion) => `${bandLabel(c.band)}${c.basis ? ` (${t(`literacy.basis.${c.basis}` as MessageKey)})` : ''}`,
          }]
          : []),
        {
          title: t('literacy.achieved'), key: 'value',
          render: (_, c) => (
            <span data-testid={`criterion-${c.level}`}>
              <strong>{pct(c.valuePct)}</strong>{' '}
              <Typography.Text type="secondary">
                ({t(base ? 'literacy.literateOf' : 'literacy.shareOfUnits', { n: formatNumber(c.numerator), total: formatNumber(c.denominator) })})
              </Typography.Text>
            </span>
          ),
        },
        { title: t('literacy.threshold'), key: 'threshold', render: (_, c) => `≥ ${formatNumber(c.thresholdPct)}%` },
        {
          title: t('literacy.result'), key: 'met',
          render: (_, c) => <Tag color={c.met ? 'green' : 'red'} style={{ color: '#1f1f1f' }}>{c.met ? t('literacy.met') : t('literacy.notMet')}</Tag>,
        },
      ]}
    />
  );
}

function RatesTable({ rates, pct, formatNumber }: { rates: LiteracyBandRate[]; pct: (v: number | null | undefined) => string; formatNumber: (n: number | null | undefined) => string }) {
  const { t } = useI18n();
  return (
    <Table<LiteracyBandRate>
      data-testid="literacy-rates"
      rowKey="band"
      size="small"
      pagination={false}
      dataSource={rates}
      columns={[
        { title: t('literacy.band'), key: 'band', render: (_, b) => bandLabel(b.band) },
        { title: t('literacy.population'), key: 'population', align: 'right', render: (_, b) => formatNumber(b.population) },
        {
          title: t('literacy.criterionLevel', { level: 1 }), key: 'level1', align: 'center',
          children: [
            { title: t('literacy.literate'), key: 'l1', align: 'right', render: (_, b) => formatNumber(b.literateL1) },
            { title: t('literacy.rate'), key: 'r1', align: 'right', render: (_, b) => <strong>{pct(b.rateL1Pct)}</strong> },
          ],
        },
        {
          title: t('literacy.criterionLevel', { level: 2 }), key: 'level2', align: 'center',
          children: [
            { title: t('literacy.literate'), key: 'l2', align: 'right', render: (_, b) => formatNumber(b.literateL2) },
            { title: t('literacy.rate'), key: 'r2', align: 'right', render: (_, b) => <strong>{pct(b.rateL2Pct)}</strong> },
          ],
        },
      ]}
    />
  );
}

function ChildrenCard({ status, year, view, pct, formatNumber, onOpen }: {
  status: LiteracyStatusResult;
  year: number;
  view: LiteracyView;
  pct: (v: number | null | undefined) => string;
  formatNumber: (n: number | null | undefined) => string;
  onOpen: (unitId: string) => void;
}) {
  const { t } = useI18n();
  const children = status.children;
  const communesOnly = children.every((c) => BASE_LEVELS.has(c.unitLevel));
  const chartTitle = t(communesOnly ? 'literacy.chartCommunes' : 'literacy.chartUnits');
  const rate = (c: LiteracyChild, band: string, key: 'rateL1Pct' | 'rateL2Pct') => c.rates.find((b) => b.band === band)?.[key] ?? null;
  const anyData = children.some((c) => c.hasData);
  // Communes (the children on the structure of status.asOf: today's by default) or the Sở's areas of that day.
  const [grouping, setGrouping] = useState<Grouping>('UNIT_LEVEL');

  return (
    <Card title={cardTitle(`${t('literacy.children')} (${formatNumber(children.length)})`)} data-testid="literacy-children">
      {communesOnly && children.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          <GroupBySelect id="literacy-group-by" value={grouping} onChange={setGrouping} options={['UNIT_LEVEL', 'AREA']} />
        </Space>
      )}
      {communesOnly && grouping === 'AREA' && children.length > 0 ? (
        <LiteracyByArea status={status} formatNumber={formatNumber} />
      ) : children.length === 0 ? (
        <EmptyState text={t('literacy.noChildren')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('literacy.childrenHint')}</Typography.Paragraph>
          {anyData && (
            <>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{chartTitle}</Typography.Title>
              <BarChartCard
                testId="literacy-chart"
                ariaLabel={chartTitle}
                unit="%"
                formatNumber={(n) => formatNumber(n)}
                onSelect={onOpen}
                data={children.map((c) => ({
                  key: c.unitId,
                  label: c.name,
                  value: c.hasData ? truncatePct(c.criteria[0]?.valuePct ?? 0) : 0,
                  color: c.hasData ? BAR_COLOUR[c.level] : NO_DATA_COLOUR,
                }))}
              />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
                {t('literacy.chartLegend', { pct: formatNumber(children.find((c) => c.hasData)?.criteria[0]?.thresholdPct ?? 90) })}
              </Typography.Paragraph>
            </>
          )}
          <Table<LiteracyChild>
            data-testid="literacy-children-table"
            style={{ marginTop: 12 }}
            rowKey="unitId"
            size="middle"
            pagination={false}
            dataSource={children}
            scroll={{ x: 900 }}
            columns={[
              {
                title: t('literacy.unit'), key: 'name', width: 210,
                render: (_, c) => <Link to={literacySearch({ unitId: c.unitId, year, view })}>{c.name}</Link>,
              },
              { title: t('literacy.result'), key: 'level', width: 160, render: (_, c) => (c.hasData ? <LevelTag level={c.level} /> : <Tag>{t('literacy.noChildData')}</Tag>) },
              {
                title: t('literacy.criterion1'), key: 'c1', width: 130,
                render: (_, c) => <CriterionCell c={c.criteria[0]} hasData={c.hasData} pct={pct} formatNumber={formatNumber} base={BASE_LEVELS.has(c.unitLevel)} />,
              },
              {
                title: t('literacy.criterion2'), key: 'c2', width: 130,
                render: (_, c) => <CriterionCell c={c.criteria[1]} hasData={c.hasData} pct={pct} formatNumber={formatNumber} base={BASE_LEVELS.has(c.unitLevel)} />,
              },
              { title: t('literacy.rateL1Band'), key: 'r1', width: 120, align: 'right', render: (_, c) => pct(rate(c, '15_35', 'rateL1Pct')) },
              { title: t('literacy.rateL2Band'), key: 'r2', width: 120, align: 'right', render: (_, c) => pct(rate(c, '15_60', 'rateL2Pct')) },
              { title: t('literacy.dbkkShort'), key: 'dbkk', width: 90, render: (_, c) => (c.dbkk ? <Tag color="purple" style={{ color: '#1f1f1f' }}>ĐBKK</Tag> : '—') },
              {
                title: t('literacy.reportsShort'), key: 'reports', width: 110, align: 'right',
                render: (_, c) => `${formatNumber(c.communesWithData)}/${formatNumber(c.communes)}`,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

interface AreaRow { id: string; name: string; communes: number; withData: number; levels: [number, number, number] }

/**
 * The communes' results by the supervisory areas in force on the status's date (areas overlap: a commune counts
 * in each of its areas). Recognition is the commune's (NĐ 20/2014); an area is only a way to follow them.
 */
function LiteracyByArea({ status, formatNumber }: { status: LiteracyStatusResult; formatNumber: (n: number | null | undefined) => string }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(SUPERVISORY_AREAS, { variables: { asOf: status.asOf } });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading || !data) return <Loading />;
  const tally = (id: string, name: string, members: Set<string>): AreaRow => {
    const own = status.children.filter((c) => members.has(c.unitId));
    const levels: [number, number, number] = [0, 0, 0];
    for (const c of own) if (c.hasData) levels[Math.max(0, Math.min(2, c.level))]++;
    return { id, name, communes: own.length, withData: own.filter((c) => c.hasData).length, levels };
  };
  const rows = data.supervisoryAreas.map((a) => tally(a.id, a.name, new Set(a.units.map((u) => u.id))));
  const inAnArea = new Set(data.supervisoryAreas.flatMap((a) => a.units.map((u) => u.id)));
  const outside = tally('none', t('group.noArea'), new Set(status.children.filter((c) => !inAnArea.has(c.unitId)).map((c) => c.unitId)));
  if (outside.communes > 0) rows.push(outside);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('group.hint')}</Typography.Paragraph>
      <Table<AreaRow>
        data-testid="literacy-area-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 640 }}
        locale={{ emptyText: <EmptyState /> }}
        columns={[
          { title: t('group.areaColumn'), key: 'name', render: (_, r) => <span data-group={r.id}>{r.name}</span> },
          { title: t('group.communes'), key: 'communes', width: 90, align: 'right', render: (_, r) => formatNumber(r.communes) },
          { title: t('literacy.level2'), key: 'l2', width: 130, align: 'right', render: (_, r) => formatNumber(r.levels[2]) },
          { title: t('literacy.level1'), key: 'l1', width: 130, align: 'right', render: (_, r) => formatNumber(r.levels[1]) },
          { title: t('literacy.level0'), key: 'l0', width: 130, align: 'right', render: (_, r) => formatNumber(r.levels[0]) },
          { title: t('literacy.reportsShort'), key: 'data', width: 110, align: 'right', render: (_, r) => `${formatNumber(r.withData)}/${formatNumber(r.communes)}` },
        ]}
      />
    </>
  );
}

function CriterionCell({ c, hasData, pct, formatNumber, base }: {
  c: LiteracyCriterion | undefined;
  hasData: boolean;
  pct: (v: number | null | undefined) => string;
  formatNumber: (n: number | null | undefined) => string;
  base: boolean;
}) {
  const { t } = useI18n();
  if (!c || !hasData) return <>—</>;
  return (
    <span>
      <span style={{ color: c.met ? '#135200' : '#a8071a', fontWeight: 600 }}>{pct(c.valuePct)}</span>
      <span className="sr-only"> ({c.met ? t('literacy.met') : t('literacy.notMet')})</span>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {base ? `${formatNumber(c.numerator)}/${formatNumber(c.denominator)} · ${bandLabel(c.band)}` : `${formatNumber(c.numerator)}/${formatNumber(c.denominator)}`}
      </Typography.Text>
    </span>
  );
}

function LearningSocietyCard({ unitId, year, asOf, pct, formatNumber }: {
  unitId: string;
  year: number;
  asOf: string | null;
  pct: (v: number | null | undefined) => string;
  formatNumber: (n: number | null | undefined) => string;
}) {
  const { t, pick, formatDateTime } = useI18n();
  const { data, error, refetch } = useQuery(LEARNING_SOCIETY_PROGRESS, { variables: { unitId, year, asOf }, fetchPolicy: 'cache-and-network' });
  const progress = data?.learningSocietyProgress;
  const label = literacyYearLabel(year);
  const legalBases = progress ? [...new Set(progress.indicators.map((i) => i.legalBasis).filter((b): b is string => !!b))] : [];

  return (
    <Card title={cardTitle(t('literacy.learningSociety'))} data-testid="learning-society">
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !progress ? (
        <Loading />
      ) : progress.reportingCentres === 0 ? (
        <EmptyState text={<span data-testid="learning-society-empty">{t('literacy.lsNoData', { label })}</span>} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('literacy.lsSource', { n: formatNumber(progress.reportingCentres), label, time: formatDateTime(progress.computedAt) })}
          </Typography.Paragraph>
          <Table<LearningSocietyIndicator>
            data-testid="learning-society-table"
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={progress.indicators}
            scroll={{ x: 900 }}
            columns={[
              { title: t('literacy.lsIndicator'), key: 'name', render: (_, i) => pick(i.nameVi, i.nameEn) },
              {
                title: t('literacy.lsRecognised'), key: 'count', width: 150, align: 'right',
                render: (_, i) => (i.eligible > 0 ? `${formatNumber(i.recognised)}/${formatNumber(i.eligible)}` : '—'),
              },
              {
                title: t('literacy.lsRate'), key: 'rate', width: 230,
                render: (_, i) =>
                  i.ratePct === null ? '—' : (
                    <Progress
                      percent={Math.min(100, truncatePct(i.ratePct))}
                      strokeColor={i.status === 'MET' ? '#2f8f46' : i.status === 'ON_TRACK' ? '#ad6800' : '#a8071a'}
                      format={() => pct(i.ratePct)}
                      aria-label={`${pick(i.nameVi, i.nameEn)}: ${pct(i.ratePct)}`}
                      size="small"
                      status="normal"
                    />
                  ),
              },
              {
                title: t('literacy.lsTarget'), key: 'target', width: 140,
                render: (_, i) => (i.targetPct === null ? '—' : t('literacy.lsTargetValue', { pct: formatNumber(i.targetPct), year: i.targetYear ?? '' })),
              },
              {
                title: t('literacy.lsGap'), key: 'gap', width: 110, align: 'right',
                render: (_, i) => (i.gapPct === null ? '—' : i.gapPct <= 0 ? '0' : t('literacy.lsGapValue', { n: formatNumber(i.gapPct) })),
              },
              {
                title: t('col.status'), key: 'status', width: 170,
                render: (_, i) => <Tag color={LS_COLOUR[i.status] ?? 'default'} style={{ color: '#1f1f1f' }}>{t(`literacy.lsStatus.${i.status}` as MessageKey) || i.status}</Tag>,
              },
            ]}
          />
          {legalBases.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              {t('literacy.lsLegalBasis')}: {legalBases.join('; ')}.
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
