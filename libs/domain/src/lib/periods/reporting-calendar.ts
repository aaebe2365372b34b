/**
 * The reporting calendar: the one definition of whether a centre owes a report for a period and where that
 * report stands on a date (issue 11, Build 2; the rule and its legal basis are in docs/reporting.md §2).
 * Every consumer — dueReports, reportingRates and the heat map, provinceOverview, compliance timeliness and
 * the deadline reminders — classifies through `classifyReport` and counts through `tallyReports`.
 * Pure: histories and the date are parameters, so the rules are unit- and property-tested.
 */
import type { LicenceKind } from '../enums';
import type { DeadlineRule } from '../template-types';
import { compareIsoDates, daysBetween, maxIsoDate, type IsoDate } from './iso-date';
import { dueDate, periodContaining, previousPeriod, reportExpectation, type CentreStatusInterval, type Period, type ReportExpectationReason } from './periods';
import type { PeriodType } from '../enums';

export const ReportClasses = ['NOT_EXPECTED', 'NOT_YET_DUE', 'ON_TIME', 'LATE', 'RETURNED', 'MISSING'] as const;
/**
 * NOT_EXPECTED: the centre owes nothing for the period. NOT_YET_DUE: owed, nothing submitted, the due date is
 * still ahead (or today). ON_TIME / LATE: submitted, judged on the first submission (see classifyReport).
 * RETURNED: submitted, then returned or reopened, and now back with the centre. MISSING: owed, never
 * submitted, and overdue.
 */
export type ReportClass = (typeof ReportClasses)[number];

/** A licence decision as the calendar needs it: its kind and first day in force. */
export interface LicenceStart {
  kind: LicenceKind | string;
  validFrom: IsoDate;
  /** REVOKED decisions never start an obligation (they were annulled, as if never issued). */
  state?: string;
}

/** What the calendar needs to know about one centre (read through libs/org readCentreCalendarFacts). */
export interface CentreCalendarFacts {
  /** The kinds `licence_requirement` lists for the centre's type. */
  requiredLicenceKinds: readonly string[];
  licences: readonly LicenceStart[];
  /** Status history with effective dates, future ones included; days no interval covers count as ACTIVE. */
  statusHistory: readonly CentreStatusInterval[];
  /** Only used when the type lists no required kind at all (then the centre reports from its establishment). */
  establishedOn?: IsoDate | null;
}

export type SubmissionActionOnCalendar = 'SUBMITTED' | 'RETURNED' | 'REOPENED' | 'ACCEPTED';

/** One step of a report's workflow, on a Vietnamese calendar day (vietnamDateOf of the event's instant). */
export interface SubmissionStep {
  action: SubmissionActionOnCalendar;
  on: IsoDate;
  /** RETURNED / REOPENED: the day by which the centre must resubmit, when the reviewer set one. */
  resubmitBy?: IsoDate | null;
}

export interface ReportClassification {
  class: ReportClass;
  /** Why NOT_EXPECTED (or EXPECTED). */
  expectation: ReportExpectationReason;
  /** Due date after extensions. */
  dueDate: IsoDate;
  /** Due date by the template's rule alone. */
  regularDueDate: IsoDate;
  /** An extension moved the due date later. */
  extended: boolean;
  /** LATE: days after the deadline it was judged against; MISSING: days overdue on the date; else 0. */
  days: number;
  /** Vietnamese day of the first submission on or before the date, or null. */
  firstSubmittedOn: IsoDate | null;
  /**
   * Vietnamese day of the first submission on or before the date that was judged late (after the deadline it was
   * judged against), or null. Set whatever the class: a late report returned to the centre (RETURNED) was still
   * late, and compliance's REPORT_LATE finding dates from this day (not from an earlier, on-time submission).
   */
  firstLateSubmittedOn: IsoDate | null;
  /** The most days late of any submission on or before the date (0 when none was late). Equals `days` when LATE. */
  mostDaysLate: number;
}

/**
 * @description The day from which a centre owes reports: the latest of the first days in force of each licence
 * kind its type requires (licence_requirement), so a language centre reports from its operating permission and
 * a public centre from its establishment decision. Null when a required kind was never issued (never expected).
 * A type that requires no kind reports from its establishment date.
 * @example expectedFrom({ requiredLicenceKinds: ['ESTABLISHMENT', 'OPERATING_PERMISSION'], licences: [
 *   { kind: 'ESTABLISHMENT', validFrom: '2020-01-01' }, { kind: 'OPERATING_PERMISSION', validFrom: '2020-03-01' }], statusHistory: [] }) // '2020-03-01'
 */
export function expectedFrom(centre: CentreCalendarFacts): IsoDate | null {
  if (!centre.requiredLicenceKinds.length) return centre.establishedOn ?? null;
  let latest: IsoDate | null = null;
  for (const kind of centre.requiredLicenceKinds) {
    const starts = centre.licences.filter((l) => l.kind === kind && l.state !== 'REVOKED').map((l) => l.validFrom).sort(compareIsoDates);
    if (!starts.length) return null;
    latest = latest === null ? starts[0] : maxIsoDate(latest, starts[0]);
  }
  return latest;
}

/**
 * @description Classifies one (centre, template, period) on `asOf`. Only what had happened by `asOf` counts, so
 * the same call answers "as of" any past date.
 * - Expected when, on at least one day of the period from `expectedFrom` on, the centre was neither
 *   SUSPENDED nor DISSOLVED (NOT_ENROLLING still reports: domain §D3). Otherwise NOT_EXPECTED, whatever was filed.
 * - Due date: the template's deadline rule; an extension replaces it when later.
 * - Not submitted by `asOf`: NOT_YET_DUE up to and including the due date, MISSING after it.
 * - Last step RETURNED / REOPENED: RETURNED (back with the centre; not submitted).
 * - Otherwise submitted: ON_TIME iff the first submission is no later than the due date, and every
 *   resubmission that follows a return with a `resubmitBy` day is no later than that day; LATE with the most
 *   days late among those judgements. A resubmission after a return without a day set is not judged.
 */
export function classifyReport(input: {
  centre: CentreCalendarFacts;
  period: Period;
  deadline: DeadlineRule;
  /** Granted extension's due date for this (centre, template, period), if any. */
  extendedDueDate?: IsoDate | null;
  /** The report's workflow steps, any order; empty or omitted when nothing was ever submitted. */
  steps?: readonly SubmissionStep[];
  asOf: IsoDate;
}): ReportClassification {
  const { period, asOf } = input;
  const regular = dueDate(period, input.deadline);
  const due = input.extendedDueDate && compareIsoDates(input.extendedDueDate, regular) > 0 ? input.extendedDueDate : regular;
  const expectation = reportExpectation(period, { licensedFrom: expectedFrom(input.centre), statusIntervals: [...input.centre.statusHistory] });
  const steps = (input.steps ?? []).filter((s) => compareIsoDates(s.on, asOf) <= 0).sort((a, b) => compareIsoDates(a.on, b.on));
  const first = steps.find((s) => s.action === 'SUBMITTED');
  let late = 0;
  let firstLateSubmittedOn: IsoDate | null = null;
  steps.forEach((step, i) => {
    if (step.action !== 'SUBMITTED') return;
    const deadline = deadlineOfNextSubmission(steps.slice(0, i), due);
    const days = deadline ? daysBetween(deadline, step.on) : 0;
    if (days > 0 && firstLateSubmittedOn === null) firstLateSubmittedOn = step.on;
    late = Math.max(late, days);
  });
  const base = {
    expectation,
    dueDate: due,
    regularDueDate: regular,
    extended: due !== regular,
    firstSubmittedOn: first?.on ?? null,
    firstLateSubmittedOn: expectation === 'EXPECTED' ? firstLateSubmittedOn : null,
    mostDaysLate: expectation === 'EXPECTED' ? late : 0,
  };
  if (expectation !== 'EXPECTED') return { ...base, class: 'NOT_EXPECTED', days: 0 };
  if (!first) {
    const overdue = daysBetween(due, asOf);
    return overdue > 0 ? { ...base, class: 'MISSING', days: overdue } : { ...base, class: 'NOT_YET_DUE', days: 0 };
  }
  const lastStep = steps[steps.length - 1];
  if (lastStep.action === 'RETURNED' || lastStep.action === 'REOPENED') return { ...base, class: 'RETURNED', days: 0 };
  return late > 0 ? { ...base, class: 'LATE', days: late } : { ...base, class: 'ON_TIME', days: 0 };
}

/**
 * @description The deadline the next submission of a report is judged against, given the steps before it (any
 * order) and the due date after extensions: the due date for the first submission; after a return (or reopening)
 * with a `resubmitBy` day, that day; after a return without one, none (a resubmission is then not judged). The one
 * rule behind classifyReport's LATE and the late reason asked for when a centre submits.
 * @example deadlineOfNextSubmission([], '2026-10-10') // '2026-10-10'
 * @example deadlineOfNextSubmission([{ action: 'SUBMITTED', on: '2026-10-01' }, { action: 'RETURNED', on: '2026-10-03', resubmitBy: '2026-10-20' }], '2026-10-10') // '2026-10-20'
 */
export function deadlineOfNextSubmission(stepsBefore: readonly SubmissionStep[], due: IsoDate): IsoDate | null {
  const sorted = [...stepsBefore].sort((a, b) => compareIsoDates(a.on, b.on));
  if (!sorted.some((s) => s.action === 'SUBMITTED')) return due;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const step = sorted[i];
    if (step.action === 'SUBMITTED') return null; // already judged since the last return
    if (step.action === 'RETURNED' || step.action === 'REOPENED') return step.resubmitBy ?? null;
  }
  return null;
}

/**
 * @description How many days late a submission on `on` would be (0 when on time or not judged): the deadline of
 * deadlineOfNextSubmission. The web asks for a reason, and the server requires one, exactly when this is above 0.
 */
export function daysLateOfNextSubmission(stepsBefore: readonly SubmissionStep[], due: IsoDate, on: IsoDate): number {
  const deadline = deadlineOfNextSubmission(stepsBefore, due);
  return deadline ? Math.max(0, daysBetween(deadline, on)) : 0;
}

/** Counts of classified reports. `expected = notDue + onTime + late + returned + missing`; `submitted = onTime + late`. */
export interface ReportTally {
  expected: number;
  notDue: number;
  onTime: number;
  late: number;
  returned: number;
  missing: number;
  submitted: number;
  /** submitted / (expected − notDue), in % with one decimal; null when nothing is due yet. */
  submittedRate: number | null;
  /** onTime / (expected − notDue), in %; null when nothing is due yet. */
  onTimeRate: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** @description Tallies classes (NOT_EXPECTED ones are not counted at all) into the rates of the calendar. */
export function tallyReports(classes: Iterable<ReportClass>): ReportTally {
  const t = { expected: 0, notDue: 0, onTime: 0, late: 0, returned: 0, missing: 0 };
  for (const c of classes) {
    if (c === 'NOT_EXPECTED') continue;
    t.expected++;
    if (c === 'NOT_YET_DUE') t.notDue++;
    else if (c === 'ON_TIME') t.onTime++;
    else if (c === 'LATE') t.late++;
    else if (c === 'RETURNED') t.returned++;
    else t.missing++;
  }
  const submitted = t.onTime + t.late;
  const due = t.expected - t.notDue;
  return {
    ...t,
    submitted,
    submittedRate: due ? round1((submitted / due) * 100) : null,
    onTimeRate: due ? round1((t.onTime / due) * 100) : null,
  };
}

/**
 * @description The periods an "at a glance" page counts for a template's period type on a day: the one that
 * ended last (its report is due now, or overdue) and the one running (not yet due, counted apart). The landing
 * pages of the Sở and the supervisors (reportingAtAGlance) and nothing else decide "the current periods" here.
 * @example currentReportingPeriods('SEMESTER', '2026-03-10').map((p) => p.code) // ['2025-2026-S1', '2025-2026-S2']
 */
export function currentReportingPeriods(type: PeriodType, today: IsoDate): Period[] {
  const running = periodContaining(type, today);
  return [previousPeriod(running), running];
}

/** What an "at a glance" page counts as waiting for a reviewer: submitted (on time or late) and not yet accepted. */
export function isWaitingForReview(reportClass: ReportClass, submissionStatus: string | null | undefined): boolean {
  return (reportClass === 'ON_TIME' || reportClass === 'LATE') && submissionStatus === 'SUBMITTED';
}
