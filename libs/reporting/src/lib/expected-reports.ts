/**
 * What a centre owes, computed (architecture §4: expected reports follow the centre's licence and status
 * dates, so reporting rates never exceed 100% and a closed centre is never "missing"). Pure: no database,
 * `today` is a parameter, so the rules are unit-tested with fixed dates.
 */
import { addDays, compareIsoDates, daysBetween, periodsBetween } from '@gdtx/domain';
import type { DeadlineRule, IsoDate, Period, PeriodType, ReportClass, SubmissionStatus } from '@gdtx/domain';
import type { CalendarEntry } from './report-calendar';

export const DueReportStatuses = ['NOT_STARTED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'OVERDUE'] as const;
export type DueReportStatus = (typeof DueReportStatuses)[number];

/** How far back the due list looks: periods that ended within this many days, plus the current one. */
export const DUE_WINDOW_DAYS = 366;

export interface ExpectedTemplate {
  code: string;
  version: number;
  nameVi: string;
  nameEn: string;
  periodType: PeriodType;
  deadline: DeadlineRule;
}


export interface ExpectedReport {
  templateCode: string;
  templateVersion: number;
  templateNameVi: string;
  templateNameEn: string;
  period: Period;
  /** Due date after any extension. */
  dueDate: IsoDate;
  /** Due date from the template's deadline rule alone. */
  regularDueDate: IsoDate;
  extended: boolean;
  status: DueReportStatus;
  /** The reporting calendar's class (the same one reportingRates counts). */
  calendarStatus: ReportClass;
  /** Days from today to the due date: negative once it has passed. */
  daysLeft: number;
  /** LATE: days late as the calendar judges it; otherwise days the first submission came after the due date (0 when on time); null while not submitted. */
  daysLate: number | null;
  submissionId: string | null;
  submissionVersion: number | null;
}

/** Periods of `type` that ended at most DUE_WINDOW_DAYS ago, up to and including the one containing today. */
export function duePeriodWindow(type: PeriodType, today: IsoDate, windowDays = DUE_WINDOW_DAYS): Period[] {
  const from = addDays(today, -windowDays);
  return periodsBetween(type, from, today).filter((p) => compareIsoDates(p.end, from) >= 0);
}

/**
 * @description Status of one expected report on `today`. A draft (or nothing) past its due date is OVERDUE;
 * a returned report stays RETURNED (the centre must act on the comments, and the review queue shows it).
 */
export function dueStatus(submission: { status: SubmissionStatus } | undefined, due: IsoDate, today: IsoDate): DueReportStatus {
  if (submission && submission.status !== 'DRAFT') return submission.status;
  if (compareIsoDates(today, due) > 0) return 'OVERDUE';
  return submission ? 'DRAFT' : 'NOT_STARTED';
}

const ACTION_ORDER: Record<DueReportStatus, number> = { OVERDUE: 0, RETURNED: 1, DRAFT: 2, NOT_STARTED: 3, SUBMITTED: 4, ACCEPTED: 5 };

/**
 * @description The reports a centre is expected to file in the due window, from the reporting calendar's
 * classifications (report-calendar.ts): each expected one, plus any that was not expected but has a submission
 * anyway (the centre must still reach it), with its due date (extensions applied), status and days left.
 * Sorted so what needs action comes first (overdue, returned, drafts, not started: earliest due first),
 * then what is with the Sở or done (latest first).
 */
export function expectedReports(input: {
  templates: readonly ExpectedTemplate[];
  entries: readonly CalendarEntry[];
  today: IsoDate;
}): ExpectedReport[] {
  const { today } = input;
  const result: ExpectedReport[] = [];
  for (const entry of input.entries) {
    const template = input.templates.find((t) => t.code === entry.templateCode);
    const { classification: c, submission, period } = entry;
    if (!template || (c.class === 'NOT_EXPECTED' && !submission)) continue;
    result.push({
      templateCode: template.code,
      templateVersion: template.version,
      templateNameVi: template.nameVi,
      templateNameEn: template.nameEn,
      period,
      dueDate: c.dueDate,
      regularDueDate: c.regularDueDate,
      extended: c.extended,
      status: dueStatus(submission ?? undefined, c.dueDate, today),
      calendarStatus: c.class,
      daysLeft: daysBetween(today, c.dueDate),
      daysLate: c.class === 'LATE' ? c.days : c.firstSubmittedOn ? Math.max(0, daysBetween(c.dueDate, c.firstSubmittedOn)) : null,
      submissionId: submission?.id ?? null,
      submissionVersion: submission?.version ?? null,
    });
  }
  return result.sort((a, b) => {
    const byAction = ACTION_ORDER[a.status] - ACTION_ORDER[b.status];
    if (byAction !== 0) return byAction;
    const byDue = compareIsoDates(a.dueDate, b.dueDate);
    return ACTION_ORDER[a.status] >= ACTION_ORDER.SUBMITTED ? -byDue : byDue;
  });
}
