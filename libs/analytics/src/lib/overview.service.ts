import { Injectable } from '@nestjs/common';
import { periodTypeOfCode } from '@gdtx/domain';
import { TenantContext, TenantDb } from '@gdtx/platform';
import { IndicatorService } from './indicator.service';
import { ReportingRateService } from './reporting-rate.service';
import type { ProvinceOverview } from './overview.types';

/**
 * Licence status counts, set-based: in-force decisions are aggregated once per (centre, kind) and hash-joined
 * to the requirements — the same rule as centre_licence_status(), which costs one call per centre.
 */
export const LICENCE_STATUS_COUNTS = `
  WITH held AS (
    SELECT centre_id, kind, max(coalesce(valid_to, 'infinity'::date)) AS until
    FROM licence_record WHERE state = 'IN_FORCE' AND valid_from <= current_date GROUP BY 1, 2),
  per_centre AS (
    SELECT c.id, CASE WHEN bool_or(h.until IS NULL) THEN 'MISSING' WHEN bool_or(h.until < current_date) THEN 'EXPIRED'
                      WHEN bool_or(h.until < current_date + 90) THEN 'EXPIRING' ELSE 'VALID' END AS status
    FROM centre c JOIN licence_requirement r ON r.centre_type = c.type
    LEFT JOIN held h ON h.centre_id = c.id AND h.kind = r.kind
    GROUP BY c.id)
  SELECT status AS key, count(*)::int AS count FROM per_centre GROUP BY 1 ORDER BY 1`;

/** The Sở's landing dashboard: key totals and indicator values with their trend against the previous period. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
    private readonly rates: ReportingRateService,
  ) {}

  async provinceOverview(ctx: TenantContext, periodCode: string): Promise<ProvinceOverview> {
    const counts = await this.db.run(ctx, async (em) => {
      const byType = await em.query(`SELECT type AS key, count(*)::int AS count FROM centre GROUP BY 1 ORDER BY 1`);
      const byStatus = await em.query(`SELECT status AS key, count(*)::int AS count FROM centre GROUP BY 1 ORDER BY 1`);
      // Set-based licence status (the same rule as centre_licence_status(), which costs a call per centre).
      const byLicence = await em.query(LICENCE_STATUS_COUNTS);
      const bySubmission = await em.query(`SELECT status AS key, count(*)::int AS count FROM submission WHERE period_code = $1 GROUP BY 1 ORDER BY 1`, [periodCode]);
      const periodType = periodTypeOfCode(periodCode);
      const templateCodes: { code: string }[] = periodType
        ? await em.query(`SELECT DISTINCT code FROM report_template_version WHERE published_at IS NOT NULL AND definition->>'periodType' = $1 ORDER BY code`, [periodType])
        : [];
      return { byType, byStatus, byLicence, bySubmission, templateCodes };
    });
    // What was due in the period and where it stands: the reporting calendar, as reportingRates counts it.
    const reportingRates = [];
    for (const { code } of counts.templateCodes) reportingRates.push(...(await this.rates.rates(ctx, { templateCode: code, periodFrom: periodCode })));
    const trends = await this.indicators.compareWithPrevious(ctx, periodCode, null);
    return {
      periodCode,
      centreCount: counts.byType.reduce((s: number, r: { count: number }) => s + r.count, 0),
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
