import { Injectable } from '@nestjs/common';
import { currentReportingPeriods, isoDate, dateParts, periodContaining, todayInVietnam } from '@gdtx/domain';
import type { IsoDate, PeriodType } from '@gdtx/domain';
import { TenantContext, TenantDb } from '@gdtx/platform';
import { ReportingReader } from '@gdtx/reporting';
import type { IndicatorValue } from './analytics.types';
import { IndicatorService, indicatorValueOf } from './indicator.service';
import type { LandingResult, LandingResults } from './landing-results.types';

/** How many key results the landing page shows when none are named (the first by the catalogue's order). */
const DEFAULT_KEY_RESULTS = 6;
/** Years of the trend. */
const TREND_YEARS = 5;

/**
 * The key results of the Sở's landing page (issue 15 item 1): for each key indicator, its value in the current
 * period (the one that ended last: libs/domain currentReportingPeriods, as reportingAtAGlance), the like-for-like
 * comparison with the period before (the same centres in both) and the same period of the last five school years.
 * A school-year indicator is read by school year; one whose templates report otherwise (quarterly) by its own type.
 * Served from the rollups whenever IndicatorService can (ADR 0020), else from the facts: the same figures.
 */
@Injectable()
export class LandingResultsService {
  constructor(
    private readonly db: TenantDb,
    private readonly indicators: IndicatorService,
  ) {}

  async landingResults(ctx: TenantContext, codes: string[] | null, today: IsoDate = todayInVietnam()): Promise<LandingResults> {
    const defs = await this.db.read(ctx, async (em) => {
      const all = await this.indicators.definitionsFor(em, ctx, codes);
      const typed = [];
      for (const d of codes ? all : all.slice(0, DEFAULT_KEY_RESULTS)) {
        const types = new Set<PeriodType>();
        for (const t of d.templateCodes) {
          const tpl = await ReportingReader.calendarTemplate(em, t);
          if (tpl) types.add(tpl.periodType);
        }
        const type: PeriodType | null = types.has('SCHOOL_YEAR') ? 'SCHOOL_YEAR' : ([...types][0] ?? null);
        if (type) typed.push({ def: d, type });
      }
      return typed;
    });
    const results: LandingResult[] = [];
    // One pass per period type: the current period with its trend (PERIOD grouping), then the like-for-like figures.
    for (const type of [...new Set(defs.map((d) => d.type))]) {
      const mine = defs.filter((d) => d.type === type).map((d) => d.def);
      const current = currentReportingPeriods(type, today)[0];
      const trendPeriods = sameSeasonOfPastYears(type, current.start, TREND_YEARS);
      const values = await this.indicators.indicatorValuesForPeriods(ctx, mine.map((d) => d.code), trendPeriods);
      const { comparisons, previousPeriodCode, fromRollups } = await this.indicators.likeForLike(ctx, mine.map((d) => d.code), current.code);
      for (const def of mine) {
        const trend = trendPeriods.map((p) => values.find((v) => v.code === def.code && v.periodCode === p)!);
        const lfl = comparisons.get(def.code)!;
        const value = indicatorValueOf(def, lfl.numerator, lfl.denominator, lfl.centres);
        const previousValue = indicatorValueOf(def, lfl.previousNumerator, lfl.previousDenominator, lfl.centres);
        results.push({
          code: def.code, nameVi: def.nameVi, nameEn: def.nameEn, unit: def.unit, periodCode: current.code, previousPeriodCode,
          current: trend[trend.length - 1] as IndicatorValue,
          likeForLike: {
            ...lfl, value, previousValue,
            change: value !== null && previousValue !== null ? Math.round((value - previousValue) * 100) / 100 : null,
          },
          trend,
          fromRollups,
        });
      }
    }
    const order = new Map(defs.map((d, i) => [d.def.code, i]));
    results.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
    return { asOf: today, results, computedAt: new Date() };
  }
}

/** The period of `type` starting on `start` and the same period of each of the `years − 1` years before, oldest first. */
export function sameSeasonOfPastYears(type: PeriodType, start: IsoDate, years: number): string[] {
  const { year, month, day } = dateParts(start);
  const out: string[] = [];
  for (let i = years - 1; i >= 0; i--) out.push(periodContaining(type, isoDate(year - i, month, Math.min(day, 28))).code);
  return out;
}
