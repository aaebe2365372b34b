/**
 * Reporting periods: pure arithmetic over 'YYYY-MM-DD' dates (see iso-date.ts).
 *
 * Period codes and conventions (end dates are inclusive):
 *   MONTH          2024-M07        1–31 Jul 2024                          "Tháng 7/2024"
 *   QUARTER        2024-Q3         1 Jul – 30 Sep 2024                    "Quý 3/2024"
 *   SCHOOL_YEAR    2024-2025       1 Sep 2024 – 31 Aug 2025               "Năm học 2024-2025"
 *   SEMESTER       2024-2025-S1    1 Sep 2024 – 15 Jan 2025               "Học kỳ I năm học 2024-2025"
 *                  2024-2025-S2    16 Jan – 31 Aug 2025                   "Học kỳ II năm học 2024-2025"
 *   LITERACY_YEAR  XMC-2024-2025   1 Oct 2024 – 30 Sep 2025               "Năm XMC 2024-2025"
 *
 * Why semester 1 ends on 15 January: the Ministry's school-year frame (QĐ 2045/QĐ-BGDĐT for 2024-25, domain
 * §C) ends semester 1 "before 18 January", and the semester review is due then. A period ending 31 January
 * could never have its report due before 18 January, so the boundary sits in mid-January and the semester
 * templates use AFTER_PERIOD_END + 2 days (due 17 January). The two semesters tile the school year with no
 * gap, so semester figures add up to the year and every date belongs to exactly one semester (summer courses
 * and joint training run through June–August and fall in semester 2).
 * The literacy year follows the PCGD-XMC data year of TT 19/2020 (1 Oct – 30 Sep; domain §C, §E.8).
 */
import type { CentreStatus, PeriodType } from '../enums';
import type { DeadlineRule } from '../template-types';
import { isOperatingStatus } from '../centre/centre-state';
import {
  addDays,
  compareIsoDates,
  dateParts,
  daysBetween,
  daysInMonth,
  isIsoDate,
  isoDate,
  maxIsoDate,
  minIsoDate,
  type IsoDate,
} from './iso-date';

export interface Period {
  code: string;
  type: PeriodType;
  /** First day, inclusive. */
  start: IsoDate;
  /** Last day, inclusive. */
  end: IsoDate;
  labelVi: string;
  labelEn: string;
}

/** Semester 1 runs from 1 September to this day of January (inclusive); semester 2 starts the next day. */
export const SEMESTER_1_LAST_DAY_OF_JANUARY = 15;
export const SCHOOL_YEAR_FIRST_MONTH = 9;
export const LITERACY_YEAR_FIRST_MONTH = 10;

export class PeriodCodeError extends RangeError {
  constructor(readonly code: string) {
    super(
      `Invalid period code '${code}': expected e.g. 2024-M07, 2024-Q3, 2024-2025-S1, 2024-2025 or XMC-2024-2025`,
    );
    this.name = 'PeriodCodeError';
  }
}

const MONTH_NAMES_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const isSupportedYear = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const pad2 = (value: number) => String(value).padStart(2, '0');

function monthPeriod(year: number, month: number): Period {
  return {
    code: `${year}-M${pad2(month)}`,
    type: 'MONTH',
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
    labelVi: `Tháng ${month}/${year}`,
    labelEn: `${MONTH_NAMES_EN[month - 1]} ${year}`,
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3;
  return {
    code: `${year}-Q${quarter}`,
    type: 'QUARTER',
    start: isoDate(year, lastMonth - 2, 1),
    end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    labelVi: `Quý ${quarter}/${year}`,
    labelEn: `Q${quarter} ${year}`,
  };
}

/** `startYear` is the year the school year begins (2024 for 2024-2025). */
function schoolYearPeriod(startYear: number): Period {
  const years = `${startYear}-${startYear + 1}`;
  return {
    code: years,
    type: 'SCHOOL_YEAR',
    start: isoDate(startYear, SCHOOL_YEAR_FIRST_MONTH, 1),
    end: isoDate(startYear + 1, SCHOOL_YEAR_FIRST_MONTH - 1, 31),
    labelVi: `Năm học ${years}`,
    labelEn: `School year ${years}`,
  };
}

function semesterPeriod(startYear: number, semester: 1 | 2): Period {
  const years = `${startYear}-${startYear + 1}`;
  const firstSemester = semester === 1;
  return {
    code: `${years}-S${semester}`,
    type: 'SEMESTER',
    start: firstSemester
      ? isoDate(startYear, SCHOOL_YEAR_FIRST_MONTH, 1)
      : isoDate(startYear + 1, 1, SEMESTER_1_LAST_DAY_OF_JANUARY + 1),
    end: firstSemester
      ? isoDate(startYear + 1, 1, SEMESTER_1_LAST_DAY_OF_JANUARY)
      : isoDate(startYear + 1, SCHOOL_YEAR_FIRST_MONTH - 1, 31),
    labelVi: `Học kỳ ${firstSemester ? 'I' : 'II'} năm học ${years}`,
    labelEn: `Semester ${semester}, school year ${years}`,
  };
}

function literacyYearPeriod(startYear: number): Period {
  const years = `${startYear}-${startYear + 1}`;
  return {
    code: `XMC-${years}`,
    type: 'LITERACY_YEAR',
    start: isoDate(startYear, LITERACY_YEAR_FIRST_MONTH, 1),
    end: isoDate(startYear + 1, LITERACY_YEAR_FIRST_MONTH - 1, 30),
    labelVi: `Năm XMC ${years}`,
    labelEn: `Literacy year ${years}`,
  };
}

const CODE_PATTERNS: { type: PeriodType; pattern: RegExp }[] = [
  { type: 'MONTH', pattern: /^(\d{4})-M(0[1-9]|1[0-2])$/ },
  { type: 'QUARTER', pattern: /^(\d{4})-Q([1-4])$/ },
  { type: 'SEMESTER', pattern: /^(\d{4})-(\d{4})-S([12])$/ },
  { type: 'SCHOOL_YEAR', pattern: /^(\d{4})-(\d{4})$/ },
  { type: 'LITERACY_YEAR', pattern: /^XMC-(\d{4})-(\d{4})$/ },
];

/** The period type a code denotes, or null when the code is not well-formed. */
export function periodTypeOfCode(code: string): PeriodType | null {
  try {
    return periodFromCode(code).type;
  } catch {
    return null;
  }
}

export function isPeriodCode(code: string): boolean {
  return periodTypeOfCode(code) !== null;
}

/**
 * @description Resolves a period code to its dates and labels. Throws PeriodCodeError when malformed
 * (including a year pair that does not follow on, such as 2024-2026).
 * @example periodFromCode('2024-2025-S1') // { start: '2024-09-01', end: '2025-01-15', labelVi: 'Học kỳ I năm học 2024-2025', … }
 */
export function periodFromCode(code: string): Period {
  for (const { type, pattern } of CODE_PATTERNS) {
    const match = pattern.exec(code);
    if (!match) continue;
    const first = Number(match[1]);
    const second = Number(match[2]);
    if (!isSupportedYear(first)) throw new PeriodCodeError(code);
    switch (type) {
      case 'MONTH':
        return monthPeriod(first, second);
      case 'QUARTER':
        return quarterPeriod(first, second);
      default:
        if (second !== first + 1) throw new PeriodCodeError(code);
        if (type === 'SEMESTER') return semesterPeriod(first, Number(match[3]) as 1 | 2);
        return type === 'SCHOOL_YEAR' ? schoolYearPeriod(first) : literacyYearPeriod(first);
    }
  }
  throw new PeriodCodeError(code);
}

export function periodLabelVi(code: string): string {
  return periodFromCode(code).labelVi;
}

export function periodLabelEn(code: string): string {
  return periodFromCode(code).labelEn;
}

/**
 * @description The period of the given type that contains a date.
 * @example periodContaining('SEMESTER', '2025-01-16').code // '2024-2025-S2'
 */
export function periodContaining(type: PeriodType, date: IsoDate): Period {
  const { year, month, day } = dateParts(date);
  switch (type) {
    case 'MONTH':
      return monthPeriod(year, month);
    case 'QUARTER':
      return quarterPeriod(year, Math.ceil(month / 3));
    case 'SCHOOL_YEAR':
      return schoolYearPeriod(month >= SCHOOL_YEAR_FIRST_MONTH ? year : year - 1);
    case 'SEMESTER': {
      const startYear = month >= SCHOOL_YEAR_FIRST_MONTH ? year : year - 1;
      const inFirstSemester =
        month >= SCHOOL_YEAR_FIRST_MONTH || (month === 1 && day <= SEMESTER_1_LAST_DAY_OF_JANUARY);
      return semesterPeriod(startYear, inFirstSemester ? 1 : 2);
    }
    case 'LITERACY_YEAR':
      return literacyYearPeriod(month >= LITERACY_YEAR_FIRST_MONTH ? year : year - 1);
  }
}

function asPeriod(period: Period | string): Period {
  return typeof period === 'string' ? periodFromCode(period) : period;
}

export function previousPeriod(period: Period | string): Period {
  const resolved = asPeriod(period);
  return periodContaining(resolved.type, addDays(resolved.start, -1));
}

/**
 * @description The codes of the `count` latest periods of a type, newest first: the ended ones, or from the current
 * one when `includeCurrent` (the pickers of the review queue, data quality, the map and the reconciliation).
 * @example recentPeriodCodes('QUARTER', 3, '2026-12-03') // ['2026-Q3', '2026-Q2', '2026-Q1']
 */
export function recentPeriodCodes(type: PeriodType, count: number, today: IsoDate, { includeCurrent = false } = {}): string[] {
  const codes: string[] = [];
  let period = periodContaining(type, today);
  if (!includeCurrent) period = previousPeriod(period);
  for (let i = 0; i < count; i++, period = previousPeriod(period)) codes.push(period.code);
  return codes;
}

export function nextPeriod(period: Period | string): Period {
  const resolved = asPeriod(period);
  return periodContaining(resolved.type, addDays(resolved.end, 1));
}

/** Guards against a mistyped year turning a dashboard query into a million-row loop. */
const MAX_PERIODS_BETWEEN = 2000;

/**
 * @description Every period of `type` that overlaps the range from `from` to `to` (both inclusive), oldest first.
 * Each bound is a date (YYYY-MM-DD) or a period code (of any type; its start / end is used).
 * @example periodsBetween('QUARTER', '2024-02-10', '2024-08-01').map((p) => p.code) // ['2024-Q1', '2024-Q2', '2024-Q3']
 */
export function periodsBetween(type: PeriodType, from: IsoDate | string, to: IsoDate | string): Period[] {
  const fromDate = isIsoDate(from) ? from : periodFromCode(from).start;
  const toDate = isIsoDate(to) ? to : periodFromCode(to).end;
  const periods: Period[] = [];
  let current = periodContaining(type, fromDate);
  while (compareIsoDates(current.start, toDate) <= 0) {
    periods.push(current);
    if (periods.length > MAX_PERIODS_BETWEEN) {
      throw new RangeError(`periodsBetween: more than ${MAX_PERIODS_BETWEEN} periods from ${from} to ${to}`);
    }
    current = nextPeriod(current);
  }
  return periods;
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

/**
 * @description The last day on which a report for the period is on time.
 *   AFTER_PERIOD_END: the period's last day + `days`.
 *   FIXED_DATE: month/day in (the period's end year + yearOffset); a day past the month's end is clamped
 *   (29 Feb in a common year becomes 28 Feb).
 * `extensionDays` (granted by the Sở for one period) is added to either.
 * @example dueDate('2024-Q3', { kind: 'AFTER_PERIOD_END', days: 5 }) // '2024-10-05'
 */
export function dueDate(period: Period | string, deadline: DeadlineRule, extensionDays = 0): IsoDate {
  if (!Number.isInteger(extensionDays) || extensionDays < 0) {
    throw new RangeError(`extensionDays must be a whole number ≥ 0, got ${extensionDays}`);
  }
  const resolved = asPeriod(period);
  if (deadline.kind === 'AFTER_PERIOD_END') {
    return addDays(resolved.end, deadline.days + extensionDays);
  }
  const year = dateParts(resolved.end).year + deadline.yearOffset;
  const day = Math.min(deadline.day, daysInMonth(year, deadline.month));
  return addDays(isoDate(year, deadline.month, day), extensionDays);
}

/**
 * @description Whole days a submission is late: 0 when submitted on or before the due date. `submittedOn` is
 * a calendar date in Vietnam — convert timestamps with vietnamDateOf().
 * @example daysLate('2025-01-17', '2025-01-20') // 3
 */
export function daysLate(due: IsoDate, submittedOn: IsoDate): number {
  return Math.max(0, daysBetween(due, submittedOn));
}

// ---------------------------------------------------------------------------------------------------------
// Expected reports

export interface CentreStatusInterval {
  status: CentreStatus;
  from: IsoDate;
  /** Inclusive; null while the status still holds. */
  to: IsoDate | null;
}

export interface CentreLifecycle {
  /** Date the centre was licensed (operating permission; for public centres the establishment decision). */
  licensedFrom: IsoDate | null;
  /** Status history. Days not covered by any interval count as ACTIVE. */
  statusIntervals: CentreStatusInterval[];
}

export type ReportExpectationReason =
  | 'EXPECTED'
  | 'NOT_LICENSED'
  | 'LICENSED_AFTER_PERIOD'
  | 'INACTIVE_WHOLE_PERIOD';


/**
 * @description Whether a centre owes a report for a period, and why not when it does not.
 * A centre is expected when, on at least one day of the period, it was licensed and neither SUSPENDED nor
 * DISSOLVED. So a centre licensed or suspended part-way through a period still reports for it.
 * A NOT_ENROLLING centre is still expected: it holds its licence, keeps staff and premises, and its
 * zero-intake report is exactly what the Sở needs to spot dormant centres (NĐ 125/2024 Art. 45; domain §D3, S4).
 * Overlapping intervals are resolved in favour of the one that starts later (a later decision supersedes).
 */
export function reportExpectation(period: Period | string, lifecycle: CentreLifecycle): ReportExpectationReason {
  const resolved = asPeriod(period);
  if (!lifecycle.licensedFrom) return 'NOT_LICENSED';
  if (compareIsoDates(lifecycle.licensedFrom, resolved.end) > 0) return 'LICENSED_AFTER_PERIOD';
  const windowStart = maxIsoDate(resolved.start, lifecycle.licensedFrom);
  // Effective status segments: each interval holds until the next one (by start date) begins.
  const sorted = [...lifecycle.statusIntervals].sort((a, b) => compareIsoDates(a.from, b.from));
  let uncovered = windowStart; // first day of the window not yet shown to be inactive
  for (let index = 0; index < sorted.length; index++) {
    const interval = sorted[index];
    const next = sorted[index + 1];
    let effectiveEnd = interval.to ?? resolved.end;
    if (next) effectiveEnd = minIsoDate(effectiveEnd, addDays(next.from, -1));
    if (compareIsoDates(effectiveEnd, interval.from) < 0) continue; // superseded entirely
    if (isOperatingStatus(interval.status)) continue;
    if (compareIsoDates(interval.from, uncovered) > 0) break; // an active day precedes this inactive segment
    if (compareIsoDates(effectiveEnd, uncovered) >= 0) uncovered = addDays(effectiveEnd, 1);
  }
  return compareIsoDates(uncovered, resolved.end) > 0 ? 'INACTIVE_WHOLE_PERIOD' : 'EXPECTED';
}

/** True when the centre owes a report for the period (see reportExpectation for the rules). */
export function isExpected(period: Period | string, lifecycle: CentreLifecycle): boolean {
  return reportExpectation(period, lifecycle) === 'EXPECTED';
}
