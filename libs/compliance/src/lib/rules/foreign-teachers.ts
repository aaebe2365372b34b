import { LegalBasisVi } from './legal-basis';
import type { FindingDraft } from './types';

export interface ForeignTeacherFigures {
  periodCode: string;
  teachersForeign: number | null;
  dossierComplete: number | null;
  qualified: number | null;
}

/**
 * @description Foreign teachers (domain §D3, TT 21/2018) from the latest filed language/IT quarterly report:
 * dossiers complete / foreign teachers < 100% → FOREIGN_TEACHER_DOSSIER_INCOMPLETE (MEDIUM); qualified /
 * foreign teachers < 100% → FOREIGN_TEACHER_UNQUALIFIED (HIGH). A figure left blank counts as 0 when there are
 * foreign teachers: a dossier not declared complete is not complete.
 */
export function foreignTeacherFindings(latest: ForeignTeacherFigures | null): FindingDraft[] {
  if (!latest) return [];
  const foreign = latest.teachersForeign ?? 0;
  if (foreign <= 0) return [];
  const drafts: FindingDraft[] = [];
  const dossier = latest.dossierComplete ?? 0;
  const qualified = latest.qualified ?? 0;
  const rate = (n: number) => Math.round((n / foreign) * 1000) / 10;
  if (dossier < foreign) {
    drafts.push({
      ruleCode: 'FOREIGN_TEACHER_DOSSIER_INCOMPLETE',
      subjectKey: 'foreign_teachers',
      severity: 'MEDIUM',
      titleVi: `Hồ sơ giáo viên nước ngoài chưa đầy đủ: ${dossier}/${foreign} (${rate(dossier)}%) – kỳ ${latest.periodCode}`,
      titleEn: `Foreign teachers' dossiers incomplete: ${dossier}/${foreign} (${rate(dossier)}%) – period ${latest.periodCode}`,
      legalBasisVi: LegalBasisVi.foreignTeacherDossier,
      evidence: { periodCode: latest.periodCode, teachersForeign: foreign, dossierComplete: dossier, ratePercent: rate(dossier), missing: foreign - dossier },
    });
  }
  if (qualified < foreign) {
    drafts.push({
      ruleCode: 'FOREIGN_TEACHER_UNQUALIFIED',
      subjectKey: 'foreign_teachers',
      severity: 'HIGH',
      titleVi: `Giáo viên nước ngoài chưa đạt chuẩn: ${foreign - qualified}/${foreign} – kỳ ${latest.periodCode}`,
      titleEn: `Foreign teachers below the standard: ${foreign - qualified}/${foreign} – period ${latest.periodCode}`,
      legalBasisVi: LegalBasisVi.foreignTeacherQualification,
      evidence: { periodCode: latest.periodCode, teachersForeign: foreign, qualified, ratePercent: rate(qualified), unqualified: foreign - qualified },
    });
  }
  return drafts;
}
