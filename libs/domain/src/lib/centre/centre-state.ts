/**
 * A centre's state on a date, from its histories (architecture §9 "state is a function of date"). Pure:
 * org's readers apply the same rules in SQL (libs/org migration 1733000300000), and a property test
 * (libs/org/src/lib/org-readers.int-spec.ts) checks the two agree on generated histories.
 */
import { compareIsoDates, daysBetween, vietnamDateOf } from '../periods/iso-date';
import type { IsoDate } from '../periods/iso-date';
import type { CentreStatus, LicenceKind } from '../enums';

/**
 * @description The one clock: today's calendar date in Vietnam (UTC+7, no daylight saving). Every "today"
 * on the server and in the web, and every date bound into SQL, comes from here; never the database's
 * own date (UTC on our servers) nor `new Date().toISOString()` (the UTC date, wrong 00:00–07:00 in Hà Nội).
 * @example todayInVietnam(new Date('2026-12-01T17:30:00Z')) // '2026-12-02'
 */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return vietnamDateOf(now);
}

// ---------------------------------------------------------------------------------------------------------
// Status

export interface CentreStatusRecord {
  status: CentreStatus;
  from: IsoDate;
  /** Inclusive; null while it holds. */
  to: IsoDate | null;
}

/**
 * @description The status in force on `on`: the record with the latest start on or before `on` (a later
 * decision supersedes an earlier one; a future-dated change is not in force before its date). Null before
 * the centre's first record.
 */
export function centreStatusOn<T extends CentreStatusRecord>(history: readonly T[], on: IsoDate): T | null {
  let current: T | null = null;
  for (const record of history) {
    if (compareIsoDates(record.from, on) > 0) continue;
    if (!current || compareIsoDates(record.from, current.from) > 0) current = record;
  }
  return current;
}

/** Statuses under which a centre has no activity (and owes no report). NOT_ENROLLING still operates. */
export const InactiveCentreStatuses: readonly CentreStatus[] = ['SUSPENDED', 'DISSOLVED'];

/** True when a centre in this status operates (ACTIVE or NOT_ENROLLING). */
export function isOperatingStatus(status: CentreStatus): boolean {
  return !InactiveCentreStatuses.includes(status);
}

// ---------------------------------------------------------------------------------------------------------
// Licences

export const LicenceStatuses = ['VALID', 'EXPIRING', 'EXPIRED', 'MISSING'] as const;
/** VALID; EXPIRING (a required decision ends within the window); EXPIRED (one has ended); MISSING (one never held). */
export type LicenceStatus = (typeof LicenceStatuses)[number];

/**
 * Default window of EXPIRING, in days: the largest of the compliance alert windows (domain §D3: 90, 30, 7).
 * A parameter everywhere; this is only the default of callers that have no window of their own.
 */
export const DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS = 90;

export interface LicenceDecisionRecord {
  kind: LicenceKind | string;
  validFrom: IsoDate;
  /** Inclusive; null when open-ended. */
  validTo: IsoDate | null;
  state: 'IN_FORCE' | 'SUPERSEDED' | 'REVOKED' | string;
}

/** The decision of `kind` in force on `on` with the latest end (open-ended wins), or null. */
export function decisionInForce<T extends LicenceDecisionRecord>(licences: readonly T[], kind: string, on: IsoDate): T | null {
  let best: T | null = null;
  for (const l of licences) {
    if (l.kind !== kind || l.state !== 'IN_FORCE' || compareIsoDates(l.validFrom, on) > 0) continue;
    if (l.validTo !== null && compareIsoDates(l.validTo, on) < 0) continue;
    if (!best || (best.validTo !== null && (l.validTo === null || compareIsoDates(l.validTo, best.validTo) > 0))) best = l;
  }
  return best;
}

/** The in-force decision of `kind` that ended most recently before `on` (what an EXPIRED status points at). */
export function lastEndedDecision<T extends LicenceDecisionRecord>(licences: readonly T[], kind: string, on: IsoDate): T | null {
  let last: T | null = null;
  for (const l of licences) {
    if (l.kind !== kind || l.state !== 'IN_FORCE' || l.validTo === null || compareIsoDates(l.validTo, on) >= 0) continue;
    if (!last || compareIsoDates(l.validTo, last.validTo!) > 0) last = l;
  }
  return last;
}

export interface LicenceKindStatus<T extends LicenceDecisionRecord> {
  kind: string;
  status: LicenceStatus;
  /** The decision in force (VALID, EXPIRING) or the one that ended (EXPIRED); null when MISSING. */
  decision: T | null;
  /** Days from `on` to the end of the decision in force; null when open-ended or not in force. */
  daysLeft: number | null;
}

/**
 * @description Status of one licence kind on `on`. EXPIRING when the decision in force ends within
 * `expiringWithinDays` days of `on` (inclusive: 90 days left with a 90-day window is EXPIRING).
 */
export function licenceKindStatusOn<T extends LicenceDecisionRecord>(
  licences: readonly T[], kind: string, on: IsoDate, expiringWithinDays: number = DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS,
): LicenceKindStatus<T> {
  const current = decisionInForce(licences, kind, on);
  if (current) {
    const daysLeft = current.validTo === null ? null : daysBetween(on, current.validTo);
    return { kind, status: daysLeft !== null && daysLeft <= expiringWithinDays ? 'EXPIRING' : 'VALID', decision: current, daysLeft };
  }
  const ended = lastEndedDecision(licences, kind, on);
  return { kind, status: ended ? 'EXPIRED' : 'MISSING', decision: ended, daysLeft: null };
}

const LICENCE_STATUS_SEVERITY: Record<LicenceStatus, number> = { VALID: 0, EXPIRING: 1, EXPIRED: 2, MISSING: 3 };

/**
 * @description The licence status of a centre on `on`: the worst over the kinds its type requires
 * (licence_requirement, read through org's `requiredLicenceKinds`): MISSING > EXPIRED > EXPIRING > VALID.
 * A type that requires nothing is VALID.
 */
export function licenceStatusOn(
  requiredKinds: readonly string[], licences: readonly LicenceDecisionRecord[], on: IsoDate,
  expiringWithinDays: number = DEFAULT_LICENCE_EXPIRING_WITHIN_DAYS,
): LicenceStatus {
  let worst: LicenceStatus = 'VALID';
  for (const kind of requiredKinds) {
    const { status } = licenceKindStatusOn(licences, kind, on, expiringWithinDays);
    if (LICENCE_STATUS_SEVERITY[status] > LICENCE_STATUS_SEVERITY[worst]) worst = status;
  }
  return worst;
}

/** True when every required decision is in force on `on` (VALID or EXPIRING). */
export function isLicensedOn(requiredKinds: readonly string[], licences: readonly LicenceDecisionRecord[], on: IsoDate): boolean {
  const status = licenceStatusOn(requiredKinds, licences, on);
  return status === 'VALID' || status === 'EXPIRING';
}

