import { addDays, daysBetween, decisionInForce, licenceKindStatusOn, vietnameseDate } from '@gdtx/domain';
import type { IsoDate, LicenceKind } from '@gdtx/domain';
import { LegalBasisVi } from './legal-basis';
import type { ComplianceParameters } from './parameters';
import type { FindingDraft, Severity } from './types';

export interface LicenceFact {
  kind: LicenceKind;
  decisionNumber: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  state: 'IN_FORCE' | 'SUPERSEDED' | 'REVOKED' | string;
}

export const LicenceKindLabelVi: Record<LicenceKind, string> = {
  ESTABLISHMENT: 'Quyết định thành lập',
  OPERATING_PERMISSION: 'Quyết định cho phép hoạt động giáo dục',
  DIRECTOR_RECOGNITION: 'Quyết định công nhận giám đốc',
};

export const LicenceKindLabelEn: Record<LicenceKind, string> = {
  ESTABLISHMENT: 'Establishment decision',
  OPERATING_PERMISSION: 'Permission to operate education',
  DIRECTOR_RECOGNITION: 'Director recognition decision',
};

/** The decision of a kind that covers `asOf` best: in force, started, not ended, with the latest end (open-ended wins). */
export const currentDecision = decisionInForce;

/**
 * @description Licence completeness and expiry (domain §D3): every required decision must exist and be in
 * force on `asOf`. Missing → LICENCE_MISSING (HIGH: often a decision not yet entered); ended → LICENCE_EXPIRED
 * (CRITICAL: the centre operates without a decision in force, e.g. an expired director recognition means it has no
 * lawful director; a late report is at most HIGH, so the two never look alike, issue 16 item 6); ending within the largest alert window →
 * LICENCE_EXPIRING, whose severity rises as the smaller windows are crossed (90 → LOW, 30 → MEDIUM, 7 → HIGH
 * with the default parameters). `evidence.alertDays` names the window crossed, so each crossing can notify once.
 */
export function licenceFindings(
  required: readonly LicenceKind[],
  licences: readonly LicenceFact[],
  asOf: IsoDate,
  params: Pick<ComplianceParameters, 'licenceExpiryAlertDays'>,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const windows = [...params.licenceExpiryAlertDays].sort((a, b) => b - a);
  for (const kind of required) {
    const label = LicenceKindLabelVi[kind];
    const labelEn = LicenceKindLabelEn[kind];
    // The licence-status rule of libs/domain (the one org's readers apply in SQL), with the largest window.
    const { status, decision, daysLeft } = licenceKindStatusOn(licences, kind, asOf, windows[0] ?? 0);
    if (status === 'EXPIRED' && decision) {
      const ended = decision;
      drafts.push({
        ruleCode: 'LICENCE_EXPIRED',
        subjectKey: kind,
        severity: 'CRITICAL',
        titleVi: `${label} số ${ended.decisionNumber} đã hết hiệu lực từ ${ended.validTo} (${daysBetween(ended.validTo!, asOf)} ngày)`,
        titleEn: `${labelEn} no. ${ended.decisionNumber} expired on ${vietnameseDate(ended.validTo!)} (${daysBetween(ended.validTo!, asOf)} days ago)`,
        legalBasisVi: LegalBasisVi.licence,
        evidence: { kind, decisionNumber: ended.decisionNumber, validFrom: ended.validFrom, validTo: ended.validTo, daysSinceExpiry: daysBetween(ended.validTo!, asOf), asOf },
        openedOn: addDays(ended.validTo!, 1),
      });
      continue;
    }
    if (status === 'MISSING') {
      drafts.push({
        ruleCode: 'LICENCE_MISSING',
        subjectKey: kind,
        severity: 'HIGH',
        titleVi: `Thiếu ${label.charAt(0).toLowerCase()}${label.slice(1)} còn hiệu lực`,
        titleEn: `No ${labelEn.charAt(0).toLowerCase()}${labelEn.slice(1)} in force`,
        legalBasisVi: LegalBasisVi.licence,
        evidence: { kind, asOf, recorded: licences.filter((l) => l.kind === kind).length },
      });
      continue;
    }
    if (status !== 'EXPIRING' || !windows.length || !decision || daysLeft === null) continue;
    const current = decision;
    // The smallest window still containing daysLeft: 45 days left → the 90-day window; 5 → the 7-day one.
    const crossed = windows.filter((w) => daysLeft <= w);
    const alertDays = crossed[crossed.length - 1];
    const severity: Severity = crossed.length >= 3 ? 'HIGH' : crossed.length === 2 ? 'MEDIUM' : 'LOW';
    drafts.push({
      ruleCode: 'LICENCE_EXPIRING',
      subjectKey: kind,
      severity,
      titleVi: `${label} số ${current.decisionNumber} hết hiệu lực ngày ${current.validTo} (còn ${daysLeft} ngày)`,
      titleEn: `${labelEn} no. ${current.decisionNumber} expires on ${vietnameseDate(current.validTo!)} (${daysLeft} days left)`,
      legalBasisVi: LegalBasisVi.licence,
      evidence: { kind, decisionNumber: current.decisionNumber, validTo: current.validTo, daysLeft, alertDays, asOf },
      // From the day the largest alert window was entered (the severity rises inside the same finding).
      openedOn: addDays(current.validTo!, -windows[0]),
    });
  }
  return drafts;
}
