/**
 * What a centre owes, computed (architecture §4: expected reports follow the centre's licence and status
 * dates, so reporting rates never exceed 100% and a closed centre is never "missing"). Pure: no database,
 * `today` is a parameter, so the rules are unit-tested with fixed dates.
 */
import {
  addDays, compareIsoDates, daysBetween, dueDate, isExpected, periodsBetween, vietnamDateOf,
} from '@gdtx/domain';
import type { CentreLifecycle, DeadlineRule, IsoDate, Period, PeriodType, SubmissionStatus } from '@gdtx/domain';

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

export interface ExistingSubmission {
  id: string;
  templateCode: string;
  periodCode: string;
  status: SubmissionStatus;
  version: number;
  /** When it was first submitted (timeliness is judged on the first submission), or null. */
  firstSubmittedAt: Date | string | null;
}

export interface GrantedExtension {
  templateCode: string;
  periodCode: string;
  dueDate: IsoDate;
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
  /** Days from today to the due date: negative once it has passed. */
  daysLeft: number;
  /** Days the first submission came after the due date (0 when on time); null while not submitted. */
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
export function dueStatus(submission: ExistingSubmission | undefined, due: IsoDate, today: IsoDate): DueReportStatus {
  if (submission && submission.status !== 'DRAFT') return submission.status;
  if (compareIsoDates(today, due) > 0) return 'OVERDUE';
  return submission ? 'DRAFT' : 'NOT_STARTED';
}

const ACTION_ORDER: Record<DueReportStatus, number> = { OVERDUE: 0, RETURNED: 1, DRAFT: 2, NOT_STARTED: 3, SUBMITTED: 4, ACCEPTED: 5 };

/**
 * @description The reports a centre is expected to file in the due window, each with its due date (extensions
 * applied), status and days left. A period is listed when the centre was licensed and not suspended/dissolved
 * for at least one day of it (libs/domain reportExpectation), or when a submission for it exists anyway.
 * Sorted so what needs action comes first (overdue, returned, drafts, not started: earliest due first),
 * then what is with the Sở or done (latest first).
 */
export function expectedReports(input: {
  templates: readonly ExpectedTemplate[];
  lifecycle: CentreLifecycle;
  submissions: readonly ExistingSubmission[];
  extensions: readonly GrantedExtension[];
  today: IsoDate;
  windowDays?: number;
}): ExpectedReport[] {
  const { today } = input;
  const result: ExpectedReport[] = [];
  for (const template of input.templates) {
    for (const period of duePeriodWindow(template.periodType, today, input.windowDays)) {
      const submission = input.submissions.find((s) => s.templateCode === template.code && s.periodCode === period.code);
      if (!submission && !isExpected(period, input.lifecycle)) continue;
      const regular = dueDate(period, template.deadline);
      const extension = input.extensions.find((e) => e.templateCode === template.code && e.periodCode === period.code);
      const due = extension && compareIsoDates(extension.dueDate, regular) > 0 ? extension.dueDate : regular;
      const firstSubmitted = submission?.firstSubmittedAt ? vietnamDateOf(submission.firstSubmittedAt) : null;
      result.push({
        templateCode: template.code,
        templateVersion: template.version,
        templateNameVi: template.nameVi,
        templateNameEn: template.nameEn,
        period,
        dueDate: due,
        regularDueDate: regular,
        extended: due !== regular,
        status: dueStatus(submission, due, today),
        daysLeft: daysBetween(today, due),
        daysLate: firstSubmitted ? Math.max(0, daysBetween(due, firstSubmitted)) : null,
        submissionId: submission?.id ?? null,
        submissionVersion: submission?.version ?? null,
      });
    }
  }
  return result.sort((a, b) => {
    const byAction = ACTION_ORDER[a.status] - ACTION_ORDER[b.status];
    if (byAction !== 0) return byAction;
    const byDue = compareIsoDates(a.dueDate, b.dueDate);
    return ACTION_ORDER[a.status] >= ACTION_ORDER.SUBMITTED ? -byDue : byDue;
  });
}

/**
 * @description The date from which a centre may operate, for reportExpectation: the earliest operating
 * permission when its type needs one (private language/IT/life-skills centres, TT 21/2018), else the earliest
 * establishment decision, else the centre's establishment date.
 */
export function licensedFrom(input: {
  requiresOperatingPermission: boolean;
  licences: readonly { kind: string; validFrom: IsoDate; state: string }[];
  establishedOn: IsoDate | null;
}): IsoDate | null {
  const earliest = (kind: string) =>
    input.licences
      .filter((l) => l.kind === kind && l.state !== 'REVOKED')
      .map((l) => l.validFrom)
      .sort(compareIsoDates)[0] ?? null;
  if (input.requiresOperatingPermission) return earliest('OPERATING_PERMISSION');
  return earliest('ESTABLISHMENT') ?? input.establishedOn;
}
