import type { TemplateDefinition, ValueMap } from '../template-types';
import { findShippedTemplate } from '../templates/shipped-templates';
import { S0_THANH_HOA_2020_2021_VALUES } from '../templates/s0-thanh-hoa.values';
import { computedFields, deriveComputedValues, isComputedKey, roundHalfAwayFromZero } from './computed';
import { validateValues } from './engine';
import { validateTemplateDefinition } from './template-definition';
import { parseReportValues } from './value-parser';

const v1 = findShippedTemplate('GDTX_SCHOOL_YEAR', 1)!;
const v2 = findShippedTemplate('GDTX_SCHOOL_YEAR', 2)!;

/** A small template exercising each rule of computed fields, independent of the shipped data. */
const template = (fields: TemplateDefinition['sections'][number]['fields']): TemplateDefinition => ({
  code: 'COMPUTED_TEST',
  version: 1,
  nameVi: 'Kiểm thử',
  nameEn: 'Test',
  centreTypes: ['LANGUAGE'],
  periodType: 'QUARTER',
  deadline: { kind: 'AFTER_PERIOD_END', days: 5 },
  sections: [{ code: 'main', titleVi: 'Chính', titleEn: 'Main', fields, grids: [
    { code: 'g', labelVi: 'Bảng', labelEn: 'Grid', type: 'integer', rowDimension: 'grade', columnDimension: 'sex',
      rows: [{ code: 'a', labelVi: 'A', labelEn: 'A' }, { code: 'b', labelVi: 'B', labelEn: 'B' }], columns: [{ code: 'n', labelVi: 'N', labelEn: 'N' }] },
  ] }],
  rules: [],
});
const small = template([
  { code: 'candidates', labelVi: 'Dự thi', labelEn: 'Candidates', type: 'integer' },
  { code: 'certified', labelVi: 'Đạt', labelEn: 'Certified', type: 'integer' },
  { code: 'rate', labelVi: 'Tỷ lệ', labelEn: 'Rate', type: 'percent', min: 0, max: 100, computed: { expression: '100 * certified / candidates' } },
  { code: 'grid_total', labelVi: 'Tổng bảng', labelEn: 'Grid total', type: 'integer', computed: { expression: 'sum(g.*.n)' } },
  { code: 'average', labelVi: 'Bình quân', labelEn: 'Average', type: 'decimal', computed: { expression: 'sum(g.*.n) / candidates' } },
  { code: 'per_mille', labelVi: 'Phần nghìn', labelEn: 'Per mille', type: 'decimal', computed: { expression: '1000 * certified / candidates', decimals: 0 } },
]);

describe('roundHalfAwayFromZero', () => {
  it.each([
    [88.888, 1, 88.9], [88.85, 1, 88.9], [88.849, 1, 88.8], [1.005, 2, 1.01], [2.5, 0, 3], [-2.5, 0, -3], [-0.04, 1, 0], [99.6049, 1, 99.6], [7, 2, 7],
  ])('%p to %p decimals is %p', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
    expect(Object.is(roundHalfAwayFromZero(value, decimals), -0)).toBe(false);
  });
});

describe('deriveComputedValues', () => {
  it('derives a rate to one decimal, a total from a grid pattern, a decimal to two places and explicit decimals', () => {
    expect(deriveComputedValues(small, { candidates: 36, certified: 32, 'g.a.n': 10, 'g.b.n': 5 })).toEqual({
      candidates: 36, certified: 32, 'g.a.n': 10, 'g.b.n': 5, rate: 88.9, grid_total: 15, average: 0.42, per_mille: 889,
    });
  });

  it('replaces whatever was sent for a computed field: a typed rate does not win', () => {
    expect(deriveComputedValues(small, { candidates: 10, certified: 5, rate: 99 }).rate).toBe(50);
    expect(deriveComputedValues(small, { candidates: 10, certified: 5, grid_total: 1000 }).grid_total).toBeUndefined();
  });

  it('leaves a computed field empty on a division by zero, and when nothing it reads was entered', () => {
    const zero = deriveComputedValues(small, { candidates: 0, certified: 0, rate: 12 });
    expect(zero).toEqual({ candidates: 0, certified: 0 });
    expect('rate' in deriveComputedValues(small, { certified: 3 })).toBe(false); // 3 / empty (0): division by zero
    expect(deriveComputedValues(small, {})).toEqual({});
    // A total over entered zeros is 0, not empty: the centre said "none".
    expect(deriveComputedValues(small, { 'g.a.n': 0 }).grid_total).toBe(0);
  });

  it('keeps a rate above 100 % as it is (the rule on the counts reports it) and gives it no field error', () => {
    expect(deriveComputedValues(small, { candidates: 10, certified: 11 }).rate).toBe(110);
    const issues = validateValues(small, { candidates: 10, certified: 11 });
    expect(issues.filter((issue) => issue.fields.includes('rate'))).toEqual([]);
  });

  it('returns the same object for a template without computed fields', () => {
    const values: ValueMap = { ...S0_THANH_HOA_2020_2021_VALUES };
    expect(deriveComputedValues(v1, values)).toBe(values);
    expect(computedFields(v1)).toEqual([]);
  });
});

describe('GDTX version 2: rates and the staff total are computed; version 1 is untouched', () => {
  it('marks the two rates and the total computed in v2 only', () => {
    expect(computedFields(v2).map((c) => c.field.code)).toEqual(['staff_total', 'staff_ldtt_rate', 'exam_pass_rate']);
    expect(isComputedKey(v2, 'exam_pass_rate')).toBe(true);
    expect(isComputedKey(v1, 'exam_pass_rate')).toBe(false);
    expect(validateTemplateDefinition(v2)).toEqual([]);
  });

  it('derives S0 exactly as the Sở printed it: 56 staff, 88.9 % LĐTT, 99.6 % certified', () => {
    const { staff_total: _t, staff_ldtt_rate: _l, exam_pass_rate: _e, ...typedOnly } = S0_THANH_HOA_2020_2021_VALUES;
    const parsed = parseReportValues(v2, typedOnly);
    expect(parsed.ok && parsed.values).toMatchObject({ staff_total: 56, staff_ldtt_rate: 88.9, exam_pass_rate: 99.6 });
    expect(validateValues(v2, typedOnly)).toEqual([]);
  });

  it('the write boundary ignores a value sent for a computed field, even of the wrong type, under v2 only', () => {
    const parsed = parseReportValues(v2, { ...S0_THANH_HOA_2020_2021_VALUES, exam_pass_rate: 'nhiều', staff_total: 999 });
    expect(parsed).toEqual({ ok: true, values: expect.objectContaining({ exam_pass_rate: 99.6, staff_total: 56 }) });
    // Version 1 keeps the typed rate, and refuses a wrongly typed one, exactly as before.
    const old = parseReportValues(v1, { ...S0_THANH_HOA_2020_2021_VALUES, exam_pass_rate: 99.5 });
    expect(old.ok && old.values['exam_pass_rate']).toBe(99.5);
    expect(parseReportValues(v1, { exam_pass_rate: 'nhiều' }).ok).toBe(false);
  });

  it('v2 drops the rules that compared a typed rate or total with its counts and shows issues at a typed field', () => {
    const codes = v2.rules.map((r) => r.code);
    expect(codes).not.toContain('exam.pass_rate_matches');
    expect(codes).not.toContain('staff.tenured_plus_contract');
    expect(v2.rules.find((r) => r.code === 'staff.leaders_plus_departments')!.fields[0]).toBe('staff_leaders');
    const issues = validateValues(v2, { ...S0_THANH_HOA_2020_2021_VALUES, staff_contract: 21 });
    expect(issues.map((i) => [i.ruleCode, i.fields[0]])).toEqual([['staff.leaders_plus_departments', 'staff_leaders']]);
  });
});

describe('validateTemplateDefinition on computed fields', () => {
  const problems = (field: Record<string, unknown>) =>
    validateTemplateDefinition(template([
      { code: 'a', labelVi: 'A', labelEn: 'A', type: 'integer' },
      { code: 'c', labelVi: 'C', labelEn: 'C', type: 'integer', computed: { expression: 'a * 2' } },
      { code: 'x', labelVi: 'X', labelEn: 'X', type: 'integer', ...field },
    ])).map((p) => p.messageEn);

  it('accepts a numeric formula over the report\'s own typed keys', () => {
    expect(problems({ computed: { expression: 'a + sum(g.*.n)' } })).toEqual([]);
  });

  it.each([
    [{ type: 'text', computed: { expression: 'a' } }, /must be numeric/],
    [{ required: true, computed: { expression: 'a' } }, /cannot be required/],
    [{ computed: { expression: 'a > 1' } }, /must yield a number/],
    [{ computed: { expression: 'prev(a)' } }, /own figures/],
    [{ computed: { expression: 'c + 1' } }, /must not read the computed field "c"/],
    [{ computed: { expression: 'x + 1' } }, /must not read the computed field "x"/],
    [{ computed: { expression: 'nope + 1' } }, /Unknown key 'nope'/],
    [{ computed: { expression: 'a +' } }, /Formula of "x"/],
    [{ computed: { expression: 'a', decimals: 9 } }, /Decimals of "x"/],
  ])('refuses %j', (field, message) => {
    expect(problems(field).join(' | ')).toMatch(message);
  });
});
