import { foreignTeacherFindings } from './foreign-teachers';

describe('foreign teachers', () => {
  it('all dossiers complete and qualified: no finding; no foreign teachers: no finding', () => {
    expect(foreignTeacherFindings({ periodCode: '2026-Q3', teachersForeign: 3, dossierComplete: 3, qualified: 3 })).toEqual([]);
    expect(foreignTeacherFindings({ periodCode: '2026-Q3', teachersForeign: 0, dossierComplete: 0, qualified: 0 })).toEqual([]);
    expect(foreignTeacherFindings(null)).toEqual([]);
  });

  it('incomplete dossiers (MEDIUM) and unqualified teachers (HIGH) with rates', () => {
    const drafts = foreignTeacherFindings({ periodCode: '2026-Q3', teachersForeign: 3, dossierComplete: 2, qualified: 1 });
    expect(drafts.map((d) => [d.ruleCode, d.severity])).toEqual([['FOREIGN_TEACHER_DOSSIER_INCOMPLETE', 'MEDIUM'], ['FOREIGN_TEACHER_UNQUALIFIED', 'HIGH']]);
    expect(drafts[0].evidence).toMatchObject({ teachersForeign: 3, dossierComplete: 2, ratePercent: 66.7, missing: 1 });
    expect(drafts[1].evidence).toMatchObject({ qualified: 1, unqualified: 2 });
    expect(drafts[0].titleVi).toContain('2/3');
  });

  it('a blank figure counts as not complete when there are foreign teachers', () => {
    const drafts = foreignTeacherFindings({ periodCode: '2026-Q3', teachersForeign: 2, dossierComplete: null, qualified: 2 });
    expect(drafts.map((d) => d.ruleCode)).toEqual(['FOREIGN_TEACHER_DOSSIER_INCOMPLETE']);
  });
});
