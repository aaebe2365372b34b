import { Injectable } from '@nestjs/common';
import { currentReportingPeriods, isWaitingForReview, tallyReports, todayInVietnam } from '@gdtx/domain';
import type { IsoDate, ReportTally } from '@gdtx/domain';
import { readCentreCalendarFacts } from '@gdtx/org';
import { Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { reportCalendar, type CalendarEntry } from './report-calendar';
import { TemplateService } from './template.service';
import type { GlanceItem, GlancePeriod, GlanceTally, ReportingAtAGlance } from './reporting.types';

/** Longest "needs action" list one request returns (the count is always complete). */
export const MAX_GLANCE_ITEMS = 200;

/** Order of the "needs action" list: what the supervisor must chase first. */
const ACTION_ORDER = { MISSING: 0, RETURNED: 1, LATE: 2, ON_TIME: 3 } as const;

/**
 * The landing pages' picture (issue 16 item 5, issue 15 item 1): for every centre the caller may see (row-level
 * security decides: a commune officer's commune, an area officer's area, the Sở's province) and every published
 * template, the current periods (libs/domain currentReportingPeriods: the one ended last and the one running)
 * classified by the one reporting calendar (classifyReport through reportCalendar). Counts per template and
 * period, their totals, and the reports needing action: missing, returned, or waiting for review.
 */
@Injectable()
export class AtAGlanceService {
  constructor(private readonly db: TenantDb, private readonly templates: TemplateService) {}

  async atAGlance(ctx: TenantContext, opts: { today?: IsoDate } = {}): Promise<ReportingAtAGlance> {
    const today = opts.today ?? todayInVietnam();
    return this.db.read(ctx, async (em) => {
      const templates = await this.templates.latestDefinitions(em, ctx, null);
      const types = [...new Set(templates.flatMap((t) => t.centreTypes))];
      const centres = types.length ? await readCentreCalendarFacts(em, { types }) : [];
      const entries = (await reportCalendar(em, { centres, templates, periodsOf: (t) => currentReportingPeriods(t.periodType, today), asOf: today }))
        .filter((e) => e.classification.class !== 'NOT_EXPECTED');
      const nameOf = new Map(centres.map((c) => [c.centreId, c.name]));
      const templateOf = new Map(templates.map((t) => [t.code, t]));

      const periods: GlancePeriod[] = [];
      for (const template of templates) {
        for (const period of currentReportingPeriods(template.periodType, today)) {
          const list = entries.filter((e) => e.templateCode === template.code && e.period.code === period.code);
          if (!list.length) continue;
          periods.push({
            templateCode: template.code, templateNameVi: template.nameVi, templateNameEn: template.nameEn,
            periodCode: period.code, periodLabelVi: period.labelVi, periodLabelEn: period.labelEn,
            dueDate: list[0].classification.regularDueDate,
            ...tallyOf(list),
          });
        }
      }
      const needing = entries
        .filter((e) => e.classification.class === 'MISSING' || e.classification.class === 'RETURNED' || isWaitingForReview(e.classification.class, e.submission?.status))
        .sort((a, b) =>
          ACTION_ORDER[a.classification.class as keyof typeof ACTION_ORDER] - ACTION_ORDER[b.classification.class as keyof typeof ACTION_ORDER]
          || b.classification.days - a.classification.days
          || (nameOf.get(a.centreId) ?? '').localeCompare(nameOf.get(b.centreId) ?? '', 'vi'));
      const allNeedingAction: GlanceItem[] = needing.map((e) => {
        const template = templateOf.get(e.templateCode)!;
        return {
          centreId: e.centreId, centreName: nameOf.get(e.centreId) ?? '',
          templateCode: e.templateCode, templateNameVi: template.nameVi, templateNameEn: template.nameEn,
          periodCode: e.period.code, periodLabelVi: e.period.labelVi, periodLabelEn: e.period.labelEn,
          dueDate: e.classification.dueDate, reportClass: e.classification.class, days: e.classification.days,
          waitingReview: isWaitingForReview(e.classification.class, e.submission?.status),
          submissionId: e.submission?.id ?? null, submissionStatus: e.submission?.status ?? null,
        };
      });
      return {
        asOf: today,
        centreCount: new Set(entries.map((e) => e.centreId)).size,
        totals: tallyOf(entries),
        periods,
        needsActionCount: needing.length,
        allNeedingAction,
        computedAt: new Date(),
      };
    });
  }
}

/** The first `first` reports needing action (default 50, at most MAX_GLANCE_ITEMS). */
export function firstNeedingAction(glance: ReportingAtAGlance, first: number | null | undefined): GlanceItem[] {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 0 || n > MAX_GLANCE_ITEMS) {
    throw Errors.badInput(`Số dòng phải từ 0 đến ${MAX_GLANCE_ITEMS}`, `first must be between 0 and ${MAX_GLANCE_ITEMS}`, { field: 'first' });
  }
  return glance.allNeedingAction.slice(0, n);
}

function tallyOf(entries: readonly CalendarEntry[]): GlanceTally {
  const tally: ReportTally = tallyReports(entries.map((e) => e.classification.class));
  return { ...tally, waitingReview: entries.filter((e) => isWaitingForReview(e.classification.class, e.submission?.status)).length };
}
