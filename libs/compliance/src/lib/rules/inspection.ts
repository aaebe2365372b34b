import { addDays, compareIsoDates, daysBetween, vietnameseDate } from '@gdtx/domain';
import type { IsoDate } from '@gdtx/domain';
import { LegalBasisVi } from './legal-basis';
import type { FindingDraft, Severity } from './types';

export interface InspectionFindingFact {
  id: string;
  inspectionId: string;
  inspectedOn: IsoDate;
  category: string;
  descriptionVi: string;
  severity: Severity;
  remediationDue: IsoDate | null;
  remediatedOn: IsoDate | null;
}

/**
 * @description Inspection outcomes (domain §D3): each unremediated inspection finding is an open
 * INSPECTION_FINDING with the inspector's severity; once its remediation deadline has passed without
 * remediation, INSPECTION_REMEDIATION_OVERDUE (HIGH) as well. Remediating (resolveFinding) closes both.
 */
export function inspectionFindings(facts: readonly InspectionFindingFact[], asOf: IsoDate): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const f of facts) {
    if (compareIsoDates(f.inspectedOn, asOf) > 0) continue;
    if (f.remediatedOn && compareIsoDates(f.remediatedOn, asOf) <= 0) continue;
    const evidence = {
      inspectionId: f.inspectionId, inspectionFindingId: f.id, inspectedOn: f.inspectedOn, category: f.category, remediationDue: f.remediationDue,
    };
    drafts.push({
      ruleCode: 'INSPECTION_FINDING',
      subjectKey: f.id,
      severity: f.severity,
      titleVi: `Kết luận kiểm tra ngày ${f.inspectedOn}: ${f.descriptionVi}`,
      titleEn: `Inspection of ${vietnameseDate(f.inspectedOn)}: ${f.descriptionVi}`,
      legalBasisVi: LegalBasisVi.inspection,
      evidence,
      openedOn: f.inspectedOn,
    });
    if (f.remediationDue && compareIsoDates(asOf, f.remediationDue) > 0) {
      const overdue = daysBetween(f.remediationDue, asOf);
      drafts.push({
        ruleCode: 'INSPECTION_REMEDIATION_OVERDUE',
        subjectKey: f.id,
        severity: 'HIGH',
        titleVi: `Quá hạn khắc phục ${overdue} ngày (hạn ${f.remediationDue}): ${f.descriptionVi}`,
        titleEn: `Remediation ${overdue} days overdue (due ${vietnameseDate(f.remediationDue)}): ${f.descriptionVi}`,
        legalBasisVi: LegalBasisVi.inspection,
        evidence: { ...evidence, daysOverdue: overdue },
        openedOn: addDays(f.remediationDue, 1),
      });
    }
  }
  return drafts;
}
