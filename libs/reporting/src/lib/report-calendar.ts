/**
 * The reporting calendar over the database: for a set of centres (facts read by org's
 * readCentreCalendarFacts), templates and periods, every expected (centre, template, period) classified by
 * libs/domain classifyReport — whether or not anyone ever opened a draft. dueReports, reportingRates, the heat
 * map, provinceOverview and compliance timeliness all read their classifications from here.
 */
import { classifyReport, compareIsoDates, vietnamDateOf } from '@gdtx/domain';
import type {
  CentreCalendarFacts, DeadlineRule, IsoDate, Period, PeriodType, ReportClassification, SubmissionActionOnCalendar, SubmissionStatus, SubmissionStep,
} from '@gdtx/domain';

/** Anything that runs SQL in the caller's transaction (a TypeORM EntityManager, or `{ query: sql }`). */
export interface CalendarQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
}

/** A centre as the calendar needs it (org's CentreCalendarRecord fits). */
export interface CalendarCentre {
  centreId: string;
  type: string;
  facts: CentreCalendarFacts;
}

export interface CalendarTemplate {
  code: string;
  periodType: PeriodType;
  deadline: DeadlineRule;
  centreTypes: readonly string[];
}

export interface CalendarSubmission {
  id: string;
  status: SubmissionStatus;
  version: number;
}

export interface CalendarEntry {
  centreId: string;
  templateCode: string;
  period: Period;
  classification: ReportClassification;
  submission: CalendarSubmission | null;
}

const ON_CALENDAR: readonly SubmissionActionOnCalendar[] = ['SUBMITTED', 'RETURNED', 'REOPENED', 'ACCEPTED'];

/**
 * @description Classifies every (centre, template, period) where the centre is of one of the template's types,
 * for the periods `periodsOf(template)` gives, on `asOf`. Reads the submissions' workflow events and the
 * extensions of those centres in bulk (three queries), with the caller's transaction and scope.
 */
export async function reportCalendar(em: CalendarQueryable, input: {
  centres: readonly CalendarCentre[];
  templates: readonly CalendarTemplate[];
  periodsOf: (template: CalendarTemplate) => readonly Period[];
  asOf: IsoDate;
}): Promise<CalendarEntry[]> {
  const centreIds = input.centres.map((c) => c.centreId);
  const codes = input.templates.map((t) => t.code);
  if (!centreIds.length || !codes.length) return [];
  // Only the periods asked for are read (a landing page asks two periods of centres with ten years of reports).
  const periodCodes = [...new Set(input.templates.flatMap((t) => input.periodsOf(t).map((p) => p.code)))];
  const submissions = (await em.query(
    `SELECT id, centre_id AS "centreId", template_code AS "templateCode", period_code AS "periodCode", status, version
     FROM submission WHERE centre_id = ANY($1::uuid[]) AND template_code = ANY($2::text[]) AND period_code = ANY($3::text[])`,
    [centreIds, codes, periodCodes],
  )) as (CalendarSubmission & { centreId: string; templateCode: string; periodCode: string })[];
  const stepsOf = await calendarStepsOf(em, submissions.map((s) => s.id));
  const extensions = (await em.query(
    `SELECT centre_id AS "centreId", template_code AS "templateCode", period_code AS "periodCode", to_char(due_date, 'YYYY-MM-DD') AS "dueDate"
     FROM deadline_extension WHERE centre_id = ANY($1::uuid[]) AND template_code = ANY($2::text[]) AND period_code = ANY($3::text[])`,
    [centreIds, codes, periodCodes],
  )) as { centreId: string; templateCode: string; periodCode: string; dueDate: IsoDate }[];

  const key = (centreId: string, templateCode: string, periodCode: string) => `${centreId}|${templateCode}|${periodCode}`;
  const submissionOf = new Map(submissions.map((s) => [key(s.centreId, s.templateCode, s.periodCode), s]));
  const extensionOf = new Map(extensions.map((x) => [key(x.centreId, x.templateCode, x.periodCode), x.dueDate]));

  const entries: CalendarEntry[] = [];
  for (const template of input.templates) {
    const periods = input.periodsOf(template);
    for (const centre of input.centres) {
      if (!template.centreTypes.includes(centre.type)) continue;
      for (const period of periods) {
        const k = key(centre.centreId, template.code, period.code);
        const submission = submissionOf.get(k);
        entries.push({
          centreId: centre.centreId,
          templateCode: template.code,
          period,
          classification: classifyReport({
            centre: centre.facts,
            period,
            deadline: template.deadline,
            extendedDueDate: extensionOf.get(k) ?? null,
            steps: submission ? stepsOf.get(submission.id) ?? [] : [],
            asOf: input.asOf,
          }),
          submission: submission ? { id: submission.id, status: submission.status, version: submission.version } : null,
        });
      }
    }
  }
  return entries.sort((a, b) => compareIsoDates(a.period.start, b.period.start));
}

/** A step on the calendar with what its event said (a submission's late reason is its comment). */
export interface CalendarStep extends SubmissionStep {
  comment: string | null;
}

/**
 * @description The workflow steps that count on the calendar (submitted, returned, reopened, accepted) of each
 * submission, in the order they happened, on Vietnamese calendar days; one query, the caller's transaction and scope.
 */
export async function calendarStepsOf(em: CalendarQueryable, submissionIds: readonly string[]): Promise<Map<string, CalendarStep[]>> {
  const stepsOf = new Map<string, CalendarStep[]>();
  if (!submissionIds.length) return stepsOf;
  const events = (await em.query(
    `SELECT submission_id AS "submissionId", action, at, to_char(resubmit_by, 'YYYY-MM-DD') AS "resubmitBy", comment FROM submission_event
     WHERE submission_id = ANY($1::uuid[]) AND action = ANY($2::text[]) ORDER BY id`,
    [submissionIds, ON_CALENDAR],
  )) as { submissionId: string; action: SubmissionActionOnCalendar; at: Date | string; resubmitBy: IsoDate | null; comment: string | null }[];
  for (const e of events) {
    const list = stepsOf.get(e.submissionId) ?? [];
    list.push({ action: e.action, on: vietnamDateOf(e.at), resubmitBy: e.resubmitBy, comment: e.comment });
    stepsOf.set(e.submissionId, list);
  }
  return stepsOf;
}
