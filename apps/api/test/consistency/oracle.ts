/**
 * The consistency suite's oracle (issue 11, Must show): plain TypeScript written from the rules as the docs state
 * them (docs/reporting.md §2 "The reporting calendar", /work/shared/docs/domain.md §C, §D2, §D3, docs/literacy.md),
 * sharing NO code with the implementation: it imports nothing from libs/ (not @gdtx/domain's periods, calendar or
 * tally, not analytics' indicator code). It works day by day and set by set, the slow obvious way, so that a bug in
 * the product's clever version cannot hide in a shared helper.
 */

// ---------------------------------------------------------------------------------------------------------------
// Calendar days (ISO strings, compared as strings)

export type Day = string;

const MS_PER_DAY = 86_400_000;

export function dayToNumber(d: Day): number {
  const [y, m, dd] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, dd) / MS_PER_DAY;
}

export function numberToDay(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function plusDays(d: Day, n: number): Day {
  return numberToDay(dayToNumber(d) + n);
}

export function daysFromTo(a: Day, b: Day): number {
  return dayToNumber(b) - dayToNumber(a);
}

/** The calendar day in Vietnam (UTC+7) of an instant. */
export function vietnamDay(instant: Date): Day {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): Day => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// ---------------------------------------------------------------------------------------------------------------
// Periods (docs/reporting.md §2: 2024-Q3, 2024-2025-S1 = 1 Sep – 15 Jan, S2 = 16 Jan – 31 Aug, 2024-2025 = Sep–Aug)

export type OraclePeriodType = 'QUARTER' | 'SEMESTER' | 'SCHOOL_YEAR';

export interface OraclePeriod {
  type: OraclePeriodType;
  code: string;
  start: Day;
  end: Day;
}

/** Every period of `type` that has at least one day in [from, to], oldest first. */
export function oraclePeriods(type: OraclePeriodType, from: Day, to: Day): OraclePeriod[] {
  const out: OraclePeriod[] = [];
  const y0 = Number(from.slice(0, 4)) - 1;
  const y1 = Number(to.slice(0, 4)) + 1;
  for (let y = y0; y <= y1; y++) {
    if (type === 'QUARTER') {
      for (let q = 1; q <= 4; q++) {
        const m = (q - 1) * 3 + 1;
        out.push({ type, code: `${y}-Q${q}`, start: ymd(y, m, 1), end: ymd(y, m + 2, lastDayOfMonth(y, m + 2)) });
      }
    } else if (type === 'SEMESTER') {
      out.push({ type, code: `${y}-${y + 1}-S1`, start: ymd(y, 9, 1), end: ymd(y + 1, 1, 15) });
      out.push({ type, code: `${y}-${y + 1}-S2`, start: ymd(y + 1, 1, 16), end: ymd(y + 1, 8, 31) });
    } else {
      out.push({ type, code: `${y}-${y + 1}`, start: ymd(y, 9, 1), end: ymd(y + 1, 8, 31) });
    }
  }
  return out.filter((p) => p.end >= from && p.start <= to).sort((a, b) => (a.start < b.start ? -1 : 1));
}

export function oraclePeriodByCode(code: string): OraclePeriod {
  const type: OraclePeriodType = /Q\d$/.test(code) ? 'QUARTER' : /-S[12]$/.test(code) ? 'SEMESTER' : 'SCHOOL_YEAR';
  const y = Number(code.slice(0, 4));
  const found = oraclePeriods(type, ymd(y - 1, 1, 1), ymd(y + 2, 12, 31)).find((p) => p.code === code);
  if (!found) throw new Error(`oracle: unknown period ${code}`);
  return found;
}

/** The period of the same type that ends the day before this one starts. */
export function oraclePreviousPeriod(p: OraclePeriod): OraclePeriod {
  const before = plusDays(p.start, -1);
  return oraclePeriods(p.type, before, before)[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Centres, licences, statuses (docs/reporting.md §2, domain §B, §D3)

export type OracleCentreType = 'PROVINCIAL_GDTX' | 'GDNN_GDTX' | 'LANGUAGE' | 'IT' | 'LANGUAGE_IT' | 'LIFE_SKILLS';
export type LicenceKindName = 'ESTABLISHMENT' | 'OPERATING_PERMISSION' | 'DIRECTOR_RECOGNITION';
export type StatusName = 'ACTIVE' | 'NOT_ENROLLING' | 'SUSPENDED' | 'DISSOLVED';

/**
 * Which decisions a type must hold before it reports (domain §B: public centres are established by the UBND;
 * language / IT / life-skills centres need establishment, the Sở's operating permission and a recognised director).
 */
export const REQUIRED_KINDS: Record<OracleCentreType, LicenceKindName[]> = {
  PROVINCIAL_GDTX: ['ESTABLISHMENT'],
  GDNN_GDTX: ['ESTABLISHMENT'],
  LANGUAGE: ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'],
  IT: ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'],
  LANGUAGE_IT: ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'],
  LIFE_SKILLS: ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'],
};

export interface OracleLicence {
  kind: LicenceKindName;
  validFrom: Day;
  state: 'IN_FORCE' | 'SUPERSEDED' | 'REVOKED';
}

/** A status change: `status` from `from` until the day before the next change (none: from then on). */
export interface OracleStatusChange {
  status: StatusName;
  from: Day;
}

export interface OracleCentre {
  type: OracleCentreType;
  licences: OracleLicence[];
  /** Sorted by `from`, distinct days. Days before the first change are ACTIVE. */
  statuses: OracleStatusChange[];
}

/** Status on a day: the last change on or before it. */
export function statusOn(c: OracleCentre, d: Day): StatusName {
  let s: StatusName = 'ACTIVE';
  for (const ch of c.statuses) if (ch.from <= d) s = ch.status;
  return s;
}

/** The first day the centre owes reports, or null (a required decision never issued, or only revoked). */
export function oracleExpectedFrom(c: OracleCentre): Day | null {
  let latest: Day | null = null;
  for (const kind of REQUIRED_KINDS[c.type]) {
    const starts = c.licences.filter((l) => l.kind === kind && l.state !== 'REVOKED').map((l) => l.validFrom).sort();
    if (!starts.length) return null;
    if (latest === null || starts[0] > latest) latest = starts[0];
  }
  return latest;
}

/** Expected for a period: on at least one day of it, from the expected-from day, neither SUSPENDED nor DISSOLVED. */
export function oracleIsExpected(c: OracleCentre, p: OraclePeriod): boolean {
  const from = oracleExpectedFrom(c);
  if (from === null) return false;
  for (let d = from > p.start ? from : p.start; d <= p.end; d = plusDays(d, 1)) {
    const s = statusOn(c, d);
    if (s !== 'SUSPENDED' && s !== 'DISSOLVED') return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Classification (docs/reporting.md §2 table)

export type OracleStep = { action: 'SUBMITTED' | 'RETURNED' | 'REOPENED' | 'ACCEPTED'; on: Day; resubmitBy?: Day | null };
export type OracleClass = 'NOT_EXPECTED' | 'NOT_YET_DUE' | 'ON_TIME' | 'LATE' | 'RETURNED' | 'MISSING';

export interface OracleVerdict {
  cls: OracleClass;
  due: Day;
  /** LATE: days late; MISSING: days overdue; else 0. */
  days: number;
  /** Some submission so far was after the deadline it answered (also when the report is now RETURNED). */
  lateSoFar?: boolean;
}

export function oracleClassify(input: {
  centre: OracleCentre;
  period: OraclePeriod;
  deadlineDaysAfterEnd: number;
  extension: Day | null;
  /** In the order they happened. */
  steps: OracleStep[];
  asOf: Day;
}): OracleVerdict {
  const regular = plusDays(input.period.end, input.deadlineDaysAfterEnd);
  const due = input.extension && input.extension > regular ? input.extension : regular;
  if (!oracleIsExpected(input.centre, input.period)) return { cls: 'NOT_EXPECTED', due, days: 0 };
  const known = input.steps.filter((s) => s.on <= input.asOf);
  const submissions = known.filter((s) => s.action === 'SUBMITTED');
  if (!submissions.length) {
    return input.asOf > due ? { cls: 'MISSING', due, days: daysFromTo(due, input.asOf) } : { cls: 'NOT_YET_DUE', due, days: 0 };
  }
  // The first submission against the due date; a resubmission after a return with a day set, against that day.
  let worst = Math.max(0, daysFromTo(due, submissions[0].on));
  let deadline: Day | null = null;
  known.forEach((s, i) => {
    if (s.action === 'RETURNED' || s.action === 'REOPENED') deadline = s.resubmitBy ?? null;
    if (s.action === 'SUBMITTED' && i > known.indexOf(submissions[0])) {
      if (deadline) worst = Math.max(worst, daysFromTo(deadline, s.on));
      deadline = null;
    }
  });
  const last = known[known.length - 1];
  if (last.action === 'RETURNED' || last.action === 'REOPENED') return { cls: 'RETURNED', due, days: 0, lateSoFar: worst > 0 };
  return worst > 0 ? { cls: 'LATE', due, days: worst } : { cls: 'ON_TIME', due, days: 0 };
}

export interface OracleTally {
  expected: number;
  notDue: number;
  onTime: number;
  late: number;
  returned: number;
  missing: number;
  submitted: number;
}

export function oracleTally(classes: OracleClass[]): OracleTally {
  const count = (c: OracleClass) => classes.filter((x) => x === c).length;
  const t = { notDue: count('NOT_YET_DUE'), onTime: count('ON_TIME'), late: count('LATE'), returned: count('RETURNED'), missing: count('MISSING') };
  return { expected: t.notDue + t.onTime + t.late + t.returned + t.missing, ...t, submitted: t.onTime + t.late };
}

// ---------------------------------------------------------------------------------------------------------------
// Indicators (domain §D2, §D3, the shipped definitions' descriptions): a ratio is the ratio of sums over the
// accepted reports that hold every part of it; a sum is over the accepted reports that hold its keys.

export interface OracleIndicator {
  code: string;
  templates: string[];
  numerator: string[];
  /** null: a plain sum. */
  denominator: string[] | null;
  /** The denominator is the target the same centre set in its accepted report of the period before. */
  denominatorFromPreviousPeriod?: boolean;
  factor: number;
}

const GDTX = ['GDTX_SCHOOL_YEAR', 'GDTX_SEMESTER'];
const LANG = ['LANGUAGE_IT_QUARTERLY'];

/** The shipped indicators, from their documented formulas (domain §D2/§D3; issue 11 Build 4). */
export const ORACLE_INDICATORS: OracleIndicator[] = [
  { code: 'PASS_RATE', templates: GDTX, numerator: ['exam_certified'], denominator: ['exam_candidates'], factor: 100 },
  { code: 'QUALIFICATION_RATIO', templates: GDTX, numerator: ['staff_masters', 'staff_doctorates'], denominator: ['staff_tenured'], factor: 100 },
  { code: 'LDTT_SHARE', templates: GDTX, numerator: ['staff_ldtt'], denominator: ['staff_tenured'], factor: 100 },
  { code: 'RETENTION', templates: GDTX, numerator: ['secondary_graduates'], denominator: ['secondary_graduates', 'secondary_dropouts'], factor: 100 },
  { code: 'TARGET_ACHIEVEMENT_JOINT', templates: GDTX, numerator: ['joint_long_term_intake'], denominator: ['target_joint_long_term_intake'], denominatorFromPreviousPeriod: true, factor: 100 },
  { code: 'EXAM_CANDIDATES', templates: GDTX, numerator: ['exam_candidates'], denominator: null, factor: 1 },
  { code: 'CANDIDATES_PER_COUNCIL', templates: GDTX, numerator: ['exam_candidates'], denominator: ['exam_councils'], factor: 1 },
  { code: 'SHORT_COURSE_CERTIFIED', templates: GDTX, numerator: ['short_course_certified'], denominator: null, factor: 1 },
  { code: 'JOINT_TRAINING_INTAKE', templates: GDTX, numerator: ['joint_long_term_intake', 'joint_short_term_intake'], denominator: null, factor: 1 },
  { code: 'STAFF_TOTAL', templates: GDTX, numerator: ['staff_total'], denominator: null, factor: 1 },
  { code: 'FOREIGN_TEACHER_DOSSIER_RATE', templates: LANG, numerator: ['foreign_teachers_dossier_complete'], denominator: ['teachers_foreign'], factor: 100 },
  { code: 'CERTIFICATES_ISSUED', templates: LANG, numerator: ['certificates_issued'], denominator: null, factor: 1 },
];

/** An accepted report's raw values as stored (the oracle reads them itself, never the facts). */
export interface RawAcceptedReport {
  centreId: string;
  templateCode: string;
  periodCode: string;
  values: Record<string, unknown>;
}

export interface OracleAggregate {
  numerator: number;
  denominator: number | null;
  /** Exact (not rounded); null when no report holds every part, or the denominator is 0. */
  value: number | null;
  reporting: Set<string>;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function oracleAggregate(def: OracleIndicator, periodCode: string, reports: RawAcceptedReport[], centreFilter: (centreId: string) => boolean = () => true): OracleAggregate {
  const prev = def.denominatorFromPreviousPeriod ? oraclePreviousPeriod(oraclePeriodByCode(periodCode)).code : null;
  let numerator = 0;
  let denominator = 0;
  const reporting = new Set<string>();
  for (const r of reports) {
    if (r.periodCode !== periodCode || !def.templates.includes(r.templateCode) || !centreFilter(r.centreId)) continue;
    if (!def.numerator.every((k) => isNum(r.values[k]))) continue;
    let denValues: Record<string, unknown> | undefined = r.values;
    if (prev) denValues = reports.find((x) => x.centreId === r.centreId && x.templateCode === r.templateCode && x.periodCode === prev)?.values;
    if (def.denominator && !(denValues && def.denominator.every((k) => isNum(denValues![k])))) continue;
    for (const k of def.numerator) numerator += r.values[k] as number;
    if (def.denominator) for (const k of def.denominator) denominator += denValues![k] as number;
    reporting.add(r.centreId);
  }
  const den = def.denominator ? denominator : null;
  const value = !reporting.size ? null : den === null ? numerator * def.factor : den > 0 ? (numerator / den) * def.factor : null;
  return { numerator, denominator: den, value, reporting };
}
