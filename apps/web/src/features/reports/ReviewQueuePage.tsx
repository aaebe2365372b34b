import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Card, Select, Space, Tag, Typography } from 'antd';
import { recentPeriodCodes, shippedTemplates, todayInVietnam, type PeriodType } from '@gdtx/domain';
import { useAuth } from '../../auth';
import { SUPERVISORY_AREAS } from '../../gql/org';
import { useI18n } from '../../i18n';
import { SubmissionsTable } from './SubmissionsTable';

/**
 * Submitted reports in the reviewer's scope (the API limits a supervisor to their area), with filters by template,
 * period and (for the Sở) supervisory area, waiting time, lateness and the data checks (errors, warnings and how many
 * are not explained) per report, and bulk accept of the clean ones.
 */
export function ReviewQueuePage() {
  const { t, pick, periodLabel } = useI18n();
  const [templateCode, setTemplateCode] = useState<string | undefined>();
  const [periodCode, setPeriodCode] = useState<string | undefined>();
  // The overview's "Khu vực cần chú ý" links here filtered to an area (?areaId=) or a commune (?unitId=).
  const [search, setSearch] = useSearchParams();
  const [areaId, setAreaId] = useState<string | undefined>(() => search.get('areaId') ?? undefined);
  const unitId = search.get('unitId') ?? undefined;
  const clearUnit = () => {
    const next = new URLSearchParams(search);
    next.delete('unitId');
    setSearch(next, { replace: true });
  };
  const { user } = useAuth();
  // The Sở reviews the whole province: it narrows by supervisory area. A supervisor's queue is its area already.
  const byArea = user?.scope === 'province';
  const areas = useQuery(SUPERVISORY_AREAS, { variables: {}, skip: !byArea });
  const template = shippedTemplates.find((x) => x.code === templateCode);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>{t('review.title')}</Typography.Title>
      <Card data-testid="review-queue">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('col.template')}
            placeholder={t('review.allTemplates')}
            style={{ minWidth: 260, maxWidth: '100%' }}
            value={templateCode}
            onChange={(v) => { setTemplateCode(v); setPeriodCode(undefined); }}
            options={shippedTemplates.map((x) => ({ value: x.code, label: pick(x.nameVi, x.nameEn) }))}
            data-testid="filter-template"
          />
          <Select
            allowClear
            aria-label={t('col.period')}
            placeholder={t('review.periodCode')}
            style={{ minWidth: 200 }}
            value={periodCode}
            onChange={setPeriodCode}
            showSearch
            disabled={!template}
            options={recentPeriods(template?.periodType).map((code) => ({ value: code, label: periodLabel(code) }))}
            data-testid="filter-period"
          />
          {byArea && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              aria-label={t('col.area')}
              placeholder={t('review.allAreas')}
              style={{ minWidth: 220, maxWidth: '100%' }}
              value={areaId}
              onChange={setAreaId}
              loading={areas.loading}
              options={(areas.data?.supervisoryAreas ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="filter-area"
            />
          )}
          {unitId && (
            <Tag closable onClose={clearUnit} closeIcon={<span aria-label={t('review.clearUnit')}>×</span>} data-testid="filter-unit">
              {t('review.unitFilter')}
            </Tag>
          )}
        </Space>
        <SubmissionsTable
          bulkAccept
          waiting
          filter={{ status: 'SUBMITTED', ...(templateCode ? { templateCode } : {}), ...(periodCode ? { periodId: periodCode } : {}), ...(areaId ? { areaId } : {}), ...(unitId ? { unitId } : {}) }}
          showCentre
          emptyText={t('review.empty')}
          actionLabel={t('review.open')}
          exportTitle={t('review.title')}
          exportSubtitle={`${t('col.status')}: ${t('status.SUBMITTED')}`}
        />
      </Card>
    </>
  );
}

/** The current period of a type and the seven before it (the reports a reviewer is most likely to look for). */
function recentPeriods(type: PeriodType | undefined): string[] {
  return type ? recentPeriodCodes(type, 8, todayInVietnam(), { includeCurrent: true }) : [];
}
