import { fieldProblems, formulaText, recentEndedPeriods } from './indicators';

describe('indicator page helpers', () => {
  it('shows a ratio with its factor and brackets only where needed', () => {
    expect(formulaText({ numerator: 'staff_masters + staff_doctorates', denominator: 'staff_tenured', factor: 100, aggregation: 'RATIO_OF_SUMS' }))
      .toBe('(staff_masters + staff_doctorates) / staff_tenured × 100');
    expect(formulaText({ numerator: 'exam_candidates', denominator: 'exam_councils', factor: 1, aggregation: 'RATIO_OF_SUMS' })).toBe('exam_candidates / exam_councils');
    expect(formulaText({ numerator: 'a + b', denominator: null, factor: 1, aggregation: 'SUM' })).toBe('a + b');
  });

  it('reads the field problems of a VALIDATION_FAILED answer in the reader\'s language', () => {
    const ext = { code: 'VALIDATION_FAILED', fields: [{ field: 'denominator', messageVi: "Mã 'x' không có", messageEn: "Unknown key 'x'" }, 'junk'] };
    expect(fieldProblems(ext, 'vi')).toEqual([{ field: 'denominator', message: "Mã 'x' không có" }]);
    expect(fieldProblems(ext, 'en')).toEqual([{ field: 'denominator', message: "Unknown key 'x'" }]);
    expect(fieldProblems({}, 'vi')).toEqual([]);
  });

  it('lists the ended periods, newest first', () => {
    expect(recentEndedPeriods('SCHOOL_YEAR', 3, '2026-12-02')).toEqual(['2025-2026', '2024-2025', '2023-2024']);
  });
});
