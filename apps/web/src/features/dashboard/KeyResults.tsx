import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { periodLabelEn, periodLabelVi } from '@gdtx/domain';
import type { LandingResultsData } from '../../gql/landing';
import { useI18n } from '../../i18n';
import { SeriesChartCard } from '../../components/Chart';

type Result = LandingResultsData['results'][number];

/**
 * "Kết quả chính" of the Sở's landing page (issue 15 item 1): each key indicator in the current period with its
 * coverage, the like-for-like comparison in words (the same centres in both periods, and how many they are) and
 * the five-year trend as a line chart. Its data comes in the landing page's one request (landingResults, served
 * from the rollups), so the section costs no request of its own.
 */
export function KeyResults({ data }: { data: LandingResultsData }) {
  const { pick, formatNumber } = useI18n();
  const title = pick('Kết quả chính', 'Key results');
  return (
    <section aria-labelledby="key-results-title" data-testid="key-results" style={{ marginTop: 16 }}>
      <Typography.Title level={2} id="key-results-title" style={{ fontSize: 18 }}>{title}</Typography.Title>
      {!data.results.length ? (
        <Empty description={pick('Chưa có chỉ số nào', 'No indicators yet')} />
      ) : (
        <Row gutter={[16, 16]}>
          {data.results.map((r) => (
            <Col key={r.code} xs={24} lg={12} xxl={8}>
              <ResultCard result={r} formatNumber={formatNumber} />
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}

function ResultCard({ result: r, formatNumber }: { result: Result; formatNumber: (n: number | null | undefined) => string }) {
  const { pick } = useI18n();
  const label = (code: string) => pick(periodLabelVi(code), periodLabelEn(code));
  const name = pick(r.nameVi, r.nameEn);
  const shown = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumber(v)}${r.unit === '%' ? '%' : ` ${r.unit}`}`);
  return (
    <Card title={<h3 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{name}</h3>} data-testid="key-result" data-code={r.code} style={{ height: '100%' }}>
      <Statistic title={label(r.periodCode)} value={shown(r.current.value)} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="key-result-coverage">
        {pick(
          `Độ phủ: ${formatNumber(r.current.coverage.reporting)}/${formatNumber(r.current.coverage.expected)} trung tâm phải báo cáo có số liệu`,
          `Coverage: ${formatNumber(r.current.coverage.reporting)} of ${formatNumber(r.current.coverage.expected)} expected centres reported`,
        )}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="key-result-lfl" data-centres={r.likeForLike.centres}>
        {likeForLikeSentence(r, shown, formatNumber, pick, r.previousPeriodCode ? label(r.previousPeriodCode) : '')}
      </Typography.Paragraph>
      <SeriesChartCard
        kind="line"
        testId="key-result-trend"
        ariaLabel={pick(`${name}: xu hướng 5 năm`, `${name}: five-year trend`)}
        categories={r.trend.map((t) => ({ key: t.periodCode ?? '', label: label(t.periodCode ?? ''), axisLabel: t.periodCode ?? '' }))}
        series={[{ key: r.code, name, values: r.trend.map((t) => t.value ?? null) }]}
        formatNumber={(n) => formatNumber(n)}
      />
    </Card>
  );
}

/** The like-for-like comparison in words: the change, both values, and over how many centres (those in both periods). */
function likeForLikeSentence(
  r: Result, shown: (v: number | null | undefined) => string, formatNumber: (n: number | null | undefined) => string,
  pick: (vi: string, en: string) => string, previousLabel: string,
): string {
  const l = r.likeForLike;
  if (!l.centres || l.value === null || l.previousValue === null || l.change === null) {
    return pick(
      `Chưa so sánh được với cùng kỳ${previousLabel ? ` (${previousLabel})` : ''}: không có trung tâm nào báo cáo đủ số liệu cả hai kỳ.`,
      `No like-for-like comparison${previousLabel ? ` with ${previousLabel}` : ''}: no centre reported the figures in both periods.`,
    );
  }
  const diff = r.unit === '%' ? `${formatNumber(Math.abs(l.change))} điểm %` : shown(Math.abs(l.change));
  const diffEn = r.unit === '%' ? `${formatNumber(Math.abs(l.change))} percentage points` : shown(Math.abs(l.change));
  const vi = l.change > 0 ? `Tăng ${diff}` : l.change < 0 ? `Giảm ${diff}` : 'Không đổi';
  const en = l.change > 0 ? `Up ${diffEn}` : l.change < 0 ? `Down ${diffEn}` : 'Unchanged';
  return pick(
    `${vi} so với cùng kỳ (${previousLabel}), trên ${formatNumber(l.centres)} trung tâm báo cáo cả hai kỳ: ${shown(l.value)} so với ${shown(l.previousValue)}.`,
    `${en} on the previous period (${previousLabel}), over the ${formatNumber(l.centres)} centres that reported in both: ${shown(l.value)} against ${shown(l.previousValue)}.`,
  );
}
