import { Injectable } from '@nestjs/common';
import { periodTypeOfCode, todayInVietnam } from '@gdtx/domain';
import { centreStateCountsOn } from '@gdtx/org';
import { ReportingReader } from '@gdtx/reporting';
import { TenantContext, TenantDb } from '@gdtx/platform';
import { IndicatorService } from './indicator.service';
import { ReportingRateService } from './reporting-rate.service';
import type { ProvinceOverview } from './overview.types';

/** The Sở's landing dashboard: key totals and indicator values with their trend against the previous period. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
    private readonly rates: ReportingRateService,
  ) {}

  async provinceOverview(ctx: TenantContext, periodCode: string): Promise<ProvinceOverview> {
    const counts = await this.db.read(ctx, async (em) => {
      // Status and licence status in force today, from org's histories (a future-dated change counts from its date).
      const { byType, byStatus, byLicence } = await centreStateCountsOn(em, todayInVietnam());
      const bySubmission = await ReportingReader.submissionCountsByStatus(em, periodCode);
      const periodType = periodTypeOfCode(periodCode);
      const templateCodes = periodType ? (await ReportingReader.publishedTemplateCodes(em, periodType)).map((code) => ({ code })) : [];
      return { byType, byStatus, byLicence, bySubmission, templateCodes };
    });
    // What was due in the period and where it stands: the reporting calendar, as reportingRates counts it.
    const reportingRates = [];
    for (const { code } of counts.templateCodes) reportingRates.push(...(await this.rates.rates(ctx, { templateCode: code, periodFrom: periodCode })));
    const trends = await this.indicators.compareWithPrevious(ctx, periodCode, null);
    return {
      periodCode,
      centreCount: counts.byType.reduce((s, r) => s + r.count, 0),
      centresByType: counts.byType,
      centresByStatus: counts.byStatus,
      centresByLicenceStatus: counts.byLicence,
      submissionsByStatus: counts.bySubmission,
      reportingRates,
      indicators: trends.map((t) => ({
        ...t,
        change: t.current.value !== null && t.previous?.value != null ? Math.round((t.current.value - t.previous.value) * 100) / 100 : null,
      })),
      computedAt: new Date(),
    };
  }
}
