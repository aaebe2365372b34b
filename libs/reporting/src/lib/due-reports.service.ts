import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@gdtx/domain';
import { readCentreCalendarFacts } from '@gdtx/org';
import { assertUuid, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { duePeriodWindow, expectedReports } from './expected-reports';
import type { ExpectedReport as DueReportItem } from './expected-reports';
import { reportCalendar } from './report-calendar';
import { CENTRE } from './submission.store';
import { TemplateService } from './template.service';
import type { DueReport } from './reporting.types';

/** What a centre owes: the reporting calendar (libs/domain classifyReport) over the last 12 months and the current period. */
@Injectable()
export class DueReportsService {
  constructor(private readonly db: TenantDb, private readonly templates: TemplateService) {}

  async dueReports(ctx: TenantContext, centreId: string, today = todayInVietnam()): Promise<DueReport[]> {
    assertUuid(centreId, 'centreId');
    return this.db.run(ctx, async (em) => {
      const [centre] = await readCentreCalendarFacts(em, { centreIds: [centreId] });
      if (!centre) throw Errors.notFound(CENTRE, centreId);
      const templates = await this.templates.latestDefinitions(em, ctx, centre.type);
      const entries = await reportCalendar(em, {
        centres: [centre],
        templates,
        periodsOf: (t) => duePeriodWindow(t.periodType, today),
        asOf: today,
      });
      return expectedReports({ templates, entries, today }).map((item) => toDueReportDto(centreId, item));
    });
  }
}

function toDueReportDto(centreId: string, item: DueReportItem): DueReport {
  return {
    centreId, templateCode: item.templateCode, templateVersion: item.templateVersion, templateNameVi: item.templateNameVi,
    templateNameEn: item.templateNameEn, periodCode: item.period.code, periodType: item.period.type, periodLabelVi: item.period.labelVi,
    periodLabelEn: item.period.labelEn, periodStart: item.period.start, periodEnd: item.period.end, dueDate: item.dueDate,
    regularDueDate: item.regularDueDate, extended: item.extended, status: item.status, calendarStatus: item.calendarStatus, daysLeft: item.daysLeft, daysLate: item.daysLate,
    submissionId: item.submissionId, submissionVersion: item.submissionVersion,
  };
}
