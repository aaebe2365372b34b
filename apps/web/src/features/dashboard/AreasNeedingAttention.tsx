import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, List, Segmented, Space, Tag, Typography } from 'antd';
import type { AttentionPictureData, AttentionUnit } from '../../gql/landing';
import { BarChartCard } from '../../components/Chart';
import { EmptyState } from '../../components/States';
import { useI18n } from '../../i18n';

type Kind = 'areas' | 'communes';

/** The glance tiles' colours (dark text on a light ground: contrast ≥ 4.5:1, which antd's orange and green tags miss). */
const TAG = {
  missing: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  late: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  onTime: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
} as const;

/**
 * "Khu vực cần chú ý" (issue 15 item 1): the supervisory areas and communes of the caller's scope with the most
 * reports overdue or late in the current periods (areasNeedingAttention, served from the completeness rollup), as a
 * bar chart and, with the numbers behind each bar, a list whose names open the review queue filtered to that area or
 * commune. Presentational: the page asks for the data in its one request.
 */
export function AreasNeedingAttention({ picture, headingLevel = 2 }: { picture: AttentionPictureData; headingLevel?: 2 | 3 }) {
  const { t, formatNumber } = useI18n();
  const navigate = useNavigate();
  const hasAreas = picture.areas.length > 0;
  const [kind, setKind] = useState<Kind>(hasAreas ? 'areas' : 'communes');
  const units: readonly AttentionUnit[] = kind === 'areas' ? picture.areas : picture.communes;
  const Heading = `h${headingLevel}` as const;
  const byId = new Map(units.map((u) => [u.id, u]));
  return (
    <section aria-labelledby="attention-title" data-testid="areas-needing-attention" style={{ marginTop: 16 }}>
      <Card title={<Heading id="attention-title" style={{ fontSize: 16, margin: 0 }}>{t('attention.title')}</Heading>}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('attention.intro')}</Typography.Paragraph>
        {hasAreas && (
          <Segmented<Kind>
            value={kind}
            onChange={setKind}
            options={[{ value: 'areas', label: t('attention.areas') }, { value: 'communes', label: t('attention.communes') }]}
            style={{ marginBottom: 12 }}
            data-testid="attention-kind"
          />
        )}
        {units.length === 0 ? (
          <EmptyState text={t('attention.none')} />
        ) : (
          <>
            <BarChartCard
              data={units.map((u) => ({ key: u.id, label: u.name, value: u.missingOrLate, color: '#a8071a' }))}
              ariaLabel={t('attention.chart')}
              unit={t('attention.col.missingOrLate')}
              formatNumber={formatNumber}
              onSelect={(id) => { const u = byId.get(id); if (u) navigate(u.reviewPath); }}
              testId="attention-chart"
            />
            <List
              data-testid="attention-list"
              size="small"
              dataSource={[...units]}
              renderItem={(u) => (
                <List.Item key={u.id} data-testid="attention-unit" data-id={u.id} data-missing={u.missing} data-late={u.late}>
                  <Space orientation="vertical" size={2} style={{ minWidth: 0, width: '100%' }}>
                    <Link to={u.reviewPath} aria-label={t('attention.openReview', { name: u.name })} style={{ overflowWrap: 'anywhere' }}>{u.name}</Link>
                    <Space wrap size={4}>
                      <Tag style={TAG.missing}>{t('glance.missing')}: {formatNumber(u.missing)}</Tag>
                      <Tag style={TAG.late}>{t('glance.late')}: {formatNumber(u.late)}</Tag>
                      <Tag style={TAG.onTime}>{t('glance.onTime')}: {formatNumber(u.onTime)} / {formatNumber(u.expected - u.notDue)}{u.onTimeRate !== null ? ` (${formatNumber(u.onTimeRate)} %)` : ''}</Tag>
                      {u.returned > 0 && <Tag>{t('glance.returned')}: {formatNumber(u.returned)}</Tag>}
                    </Space>
                    <Typography.Text type="secondary">{t('glance.centres', { n: formatNumber(u.centreCount) })} · {t('glance.notDue')}: {formatNumber(u.notDue)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
    </section>
  );
}
