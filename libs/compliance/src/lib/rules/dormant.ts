import { addDays, compareIsoDates, daysBetween, vietnameseDate } from '@gdtx/domain';
import type { CentreStatus, IsoDate } from '@gdtx/domain';
import { LegalBasisVi } from './legal-basis';
import type { ComplianceParameters } from './parameters';
import type { FindingDraft } from './types';

/** One quarter's figures from the language/IT quarterly report (non-draft submissions only). */
export interface QuarterIntake {
  periodCode: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Sum of classes_learners.*.new_learners. */
  newLearners: number;
  /** Sum of classes_learners.*.active_learners. */
  activeLearners: number;
  classes: number;
}

export interface DormancyInput {
  status: CentreStatus;
  statusSince: IsoDate;
  establishedOn: IsoDate | null;
  /** Quarterly reports the centre filed, any order. */
  quarters: readonly QuarterIntake[];
  /** Completed quarters up to `asOf`, most recent first (codes), to tell consecutive from gapped. */
  recentQuarterCodes: readonly string[];
  asOf: IsoDate;
}

/**
 * @description Dormant centre (domain §D3, seed 004): status NOT_ENROLLING, or the last N completed quarters
 * (N = dormantQuarters) were all reported with zero new learners. One finding per centre (subject `centre`)
 * whose evidence lists the reasons. A quarter without a report is not counted as zero intake: that is the
 * timeliness rule's business.
 */
export function dormantFindings(input: DormancyInput, params: Pick<ComplianceParameters, 'dormantQuarters'>): FindingDraft[] {
  const reasons: string[] = [];
  const evidence: Record<string, unknown> = { status: input.status, statusSince: input.statusSince, asOf: input.asOf };
  if (input.status === 'NOT_ENROLLING') {
    reasons.push('NOT_ENROLLING');
    evidence['daysNotEnrolling'] = daysBetween(input.statusSince, input.asOf);
  }
  const n = params.dormantQuarters;
  if (n > 0 && input.recentQuarterCodes.length >= n) {
    const byCode = new Map(input.quarters.map((q) => [q.periodCode, q]));
    const window = input.recentQuarterCodes.slice(0, n).map((code) => byCode.get(code));
    if (window.every((q) => q && q.newLearners === 0)) {
      reasons.push('NO_INTAKE');
      evidence['zeroIntakeQuarters'] = window.map((q) => q!.periodCode);
    }
  }
  if (!reasons.length) return [];
  evidence['reasons'] = reasons;
  // Dormant since the earliest reason began: the status change, or the end of the latest zero-intake quarter.
  const since: IsoDate[] = [];
  if (reasons.includes('NOT_ENROLLING')) since.push(input.statusSince);
  if (reasons.includes('NO_INTAKE')) {
    const latest = input.quarters.find((q) => q.periodCode === input.recentQuarterCodes[0]);
    if (latest) since.push(addDays(latest.periodEnd, 1));
  }
  const openedOn = since.sort(compareIsoDates)[0];
  const parts: string[] = [];
  const partsEn: string[] = [];
  if (reasons.includes('NOT_ENROLLING')) partsEn.push(`not enrolling since ${vietnameseDate(input.statusSince)}`);
  if (reasons.includes('NO_INTAKE')) partsEn.push(`no new learners for ${n} quarters in a row (${(evidence['zeroIntakeQuarters'] as string[]).join(', ')})`);
  if (reasons.includes('NOT_ENROLLING')) parts.push(`không tuyển sinh từ ${input.statusSince}`);
  if (reasons.includes('NO_INTAKE')) parts.push(`${n} quý liên tiếp không có học viên mới (${(evidence['zeroIntakeQuarters'] as string[]).join(', ')})`);
  return [{
    ruleCode: 'DORMANT_CENTRE',
    subjectKey: 'centre',
    severity: 'MEDIUM',
    titleVi: `Trung tâm ngừng hoạt động: ${parts.join('; ')}`,
    titleEn: `Centre inactive: ${partsEn.join('; ')}`,
    legalBasisVi: LegalBasisVi.dormant,
    evidence,
    ...(openedOn ? { openedOn } : {}),
  }];
}

/**
 * @description No activity within one year of establishment (NĐ 125/2024 Art. 45): for a centre established at
 * most `activityCheckMaxAgeDays` ago whose first `activityGraceDays` have passed, no quarterly report for a
 * quarter starting in that first year shows classes, new or active learners. HIGH: it is a ground for suspension.
 */
export function noActivityAfterEstablishmentFindings(
  input: Pick<DormancyInput, 'establishedOn' | 'quarters' | 'asOf' | 'status'>,
  params: Pick<ComplianceParameters, 'activityGraceDays' | 'activityCheckMaxAgeDays'>,
): FindingDraft[] {
  const est = input.establishedOn;
  if (!est || input.status === 'DISSOLVED') return [];
  const age = daysBetween(est, input.asOf);
  if (age > params.activityCheckMaxAgeDays || age <= params.activityGraceDays) return [];
  const graceEnd = addDays(est, params.activityGraceDays);
  const firstYear = input.quarters.filter((q) => compareIsoDates(q.periodEnd, est) >= 0 && compareIsoDates(q.periodStart, graceEnd) <= 0);
  if (firstYear.some((q) => q.classes > 0 || q.newLearners > 0 || q.activeLearners > 0)) return [];
  return [{
    ruleCode: 'NO_ACTIVITY_AFTER_ESTABLISHMENT',
    subjectKey: 'centre',
    severity: 'HIGH',
    titleVi: `Không có hoạt động trong ${params.activityGraceDays} ngày kể từ quyết định thành lập (${est})`,
    titleEn: `No activity within ${params.activityGraceDays} days of the establishment decision (${vietnameseDate(est)})`,
    legalBasisVi: LegalBasisVi.noActivityAfterEstablishment,
    evidence: { establishedOn: est, graceEnd, reportedQuarters: firstYear.map((q) => q.periodCode), asOf: input.asOf },
    openedOn: addDays(graceEnd, 1),
  }];
}
