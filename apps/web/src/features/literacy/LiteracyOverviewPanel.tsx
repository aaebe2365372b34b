import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { todayInVietnam } from '@gdtx/domain';
import { Alert, Space, Typography } from 'antd';
import { LITERACY_STATUS, LITERACY_YEARS } from './literacy.documents';
import { countByLevel, latestYearWithData, literacySearch, literacyYearCandidates, literacyYearLabel } from './literacy';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { BarChartCard } from '../../components/Chart';
import { ErrorState, LevelTag, Loading } from '../../components/States';

/** Bar colours by result, as on the literacy page: not recognised, level 1, level 2. */
const LEVEL_BAR = ['#a8071a', '#ad6800', '#2f8f46'];

/**
 * The province's literacy recognition (Decree 20/2014) on the dashboard: its level in the newest literacy year
 * with accepted reports, and how many of its units stand at each level; a bar opens the literacy page.
 */
export function LiteracyOverviewPanel() {
  const { user } = useAuth();
  const { t, formatNumber, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const provinceId = user?.provinceId ?? '';
  const candidates = useMemo(() => literacyYearCandidates(todayInVietnam()), []);
  const probe = useQuery(LITERACY_YEARS, {
    variables: { unitId: provinceId, y0: candidates[0], y1: candidates[1], y2: candidates[2], y3: candidates[3], y4: candidates[4], y5: candidates[5] },
    skip: !provinceId,
  });
  const year = probe.data ? latestYearWithData(Object.values(probe.data)) : null;
  const status = useQuery(LITERACY_STATUS, { variables: { unitId: provinceId, year: year ?? 0 }, skip: !year });

  if (probe.error) return <ErrorState error={probe.error} onRetry={() => void probe.refetch()} />;
  if (status.error) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (probe.loading || (year && !status.data)) return <Loading />;
  if (!year || !status.data) return <Alert type="info" showIcon title={t('dashboard.literacyNoData')} />;

  const s = status.data.literacyStatus;
  const link = `/literacy${literacySearch({ unitId: s.unitId, year, view: 'then' })}`;
  const levels = countByLevel(s.children);
  return (
    <div data-testid="literacy-overview" data-level={s.level} data-year={year}>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{s.unitName} · {literacyYearLabel(year)}</Typography.Text>
        <LevelTag level={s.level} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('dashboard.literacyChildren', { n: formatNumber(s.children.length) })} · {t('dashboard.computedAt', { time: formatDateTime(s.computedAt) })}
      </Typography.Paragraph>
      <BarChartCard
        data={levels.map((l) => ({ key: String(l.level), label: t(`literacy.level${l.level}` as MessageKey), value: l.units, color: LEVEL_BAR[l.level] }))}
        ariaLabel={t('dashboard.literacy')}
        unit={t('dashboard.unitsUnit')}
        formatNumber={formatNumber}
        testId="chart-literacy"
        onSelect={() => navigate(link)}
      />
      <Link to={link}>{t('dashboard.literacyOpen')}</Link>
    </div>
  );
}
