import { useState } from 'react';
import { Card, Select, Space, Typography } from 'antd';
import { periodContaining, previousPeriod, shippedTemplates, todayInVietnam, type PeriodType } from '@gdtx/domain';
import { useI18n } from '../../i18n';
import { SubmissionsTable } from './SubmissionsTable';

/**
 * Submitted reports in the reviewer's scope (the API limits a supervisor to their area), with filters by template
 * and period, waiting time and lateness per report, and bulk accept of the clean ones.
 */
export function ReviewQueuePage() {
  const { t, pick, periodLabel } = useI18n();
  const [templateCode, setTemplateCode] = useState<string | undefined>();
  const [periodCode, setPeriodCode] = useState<string | undefined>();
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
        </Space>
        <SubmissionsTable
          bulkAccept
          waiting
          filter={{ status: 'SUBMITTED', ...(templateCode ? { templateCode } : {}), ...(periodCode ? { periodId: periodCode } : {}) }}
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
  if (!type) return [];
  const codes: string[] = [];
  let period = periodContaining(type, todayInVietnam());
  for (let i = 0; i < 8; i++) {
    codes.push(period.code);
    period = previousPeriod(period);
  }
  return codes;
}
