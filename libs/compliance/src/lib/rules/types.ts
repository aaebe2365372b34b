import type { IsoDate } from '@gdtx/domain';

/** Every rule the compliance context evaluates (domain §D3). Stored in finding.rule_code. */
export const RuleCodes = [
  'REPORT_MISSING',
  'REPORT_LATE',
  'LICENCE_MISSING',
  'LICENCE_EXPIRED',
  'LICENCE_EXPIRING',
  'DORMANT_CENTRE',
  'NO_ACTIVITY_AFTER_ESTABLISHMENT',
  'FOREIGN_TEACHER_DOSSIER_INCOMPLETE',
  'FOREIGN_TEACHER_UNQUALIFIED',
  'INSPECTION_FINDING',
  'INSPECTION_REMEDIATION_OVERDUE',
] as const;
export type RuleCode = (typeof RuleCodes)[number];

/** LOW and MEDIUM put a centre AT_RISK; HIGH and CRITICAL make it NON_COMPLIANT. */
export const Severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof Severities)[number];

export const ComplianceStatuses = ['COMPLIANT', 'AT_RISK', 'NON_COMPLIANT'] as const;
export type ComplianceStatus = (typeof ComplianceStatuses)[number];

/**
 * What a rule concludes about one subject of one centre on one date. The natural key of the stored finding is
 * (centre, ruleCode, subjectKey): evaluating again updates the same row instead of adding another.
 */
export interface FindingDraft {
  ruleCode: RuleCode;
  /** What the finding is about within the centre, e.g. `LANGUAGE_IT_QUARTERLY:2026-Q2` or `DIRECTOR_RECOGNITION`. */
  subjectKey: string;
  severity: Severity;
  titleVi: string;
  /** The same in English (dd/mm/yyyy dates in both; names and a user's own descriptions stay as written). */
  titleEn: string;
  legalBasisVi: string;
  /** Numbers and dates the conclusion rests on, shown to the user as they are. */
  evidence: Record<string, unknown>;
  /**
   * The day the condition began to hold, when the data says (the day after a missed due date, after a decision
   * ended, the inspection date…); stored as the finding's opened_on, so "open on a date" is true on the dates
   * it was true, not only from the day it was computed. Absent: the evaluation date.
   */
  openedOn?: IsoDate;
}

/** The status a set of open findings gives a centre. */
export function complianceStatusOf(openSeverities: readonly Severity[]): ComplianceStatus {
  if (openSeverities.some((s) => s === 'HIGH' || s === 'CRITICAL')) return 'NON_COMPLIANT';
  return openSeverities.length ? 'AT_RISK' : 'COMPLIANT';
}

export const SEVERITY_RANK: Record<Severity, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

export type { IsoDate };
