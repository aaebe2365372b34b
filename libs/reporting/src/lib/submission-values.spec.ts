import { findShippedTemplate, S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
import type { TemplateDefinition } from '@gdtx/domain';
import { diffValues, draftProblems, normalizeExplanations, normalizeValues, sameDocument, ValuesShapeError } from './submission-values';

const template = findShippedTemplate('GDTX_SCHOOL_YEAR') as TemplateDefinition;

describe('normalizeValues', () => {
  it('drops empty values, sorts keys and NFC-normalises text', () => {
    expect(Object.keys(normalizeValues({ b: 1, a: null, c: '', d: 'Hoa\u0300' }))).toEqual(['b', 'd']);
    expect(normalizeValues({ d: 'Hoa\u0300' })['d']).toBe('Hoà');
    expect(normalizeValues(null)).toEqual({});
  });
  it('refuses nested objects, arrays and non-finite numbers', () => {
    expect(() => normalizeValues([1])).toThrow(ValuesShapeError);
    expect(() => normalizeValues({ a: { b: 1 } })).toThrow(ValuesShapeError);
    expect(() => normalizeValues({ a: [1] })).toThrow(/a/);
    expect(() => normalizeValues({ a: Number.POSITIVE_INFINITY })).toThrow(ValuesShapeError);
  });
  it('explanations are trimmed text keyed by rule code', () => {
    expect(normalizeExplanations({ 'exam.candidates_change': '  Mở thêm hội đồng  ', x: '' })).toEqual({ 'exam.candidates_change': 'Mở thêm hội đồng' });
    expect(() => normalizeExplanations({ x: 5 })).toThrow(ValuesShapeError);
  });
});

describe('draftProblems', () => {
  it('blocks only what cannot be stored: wrong types and unknown keys, not rule errors', () => {
    expect(draftProblems(template, { ...S0_THANH_HOA_2020_2021_VALUES, exam_certified: 9999 })).toEqual([]);
    const problems = draftProblems(template, { exam_candidates: 'nhiều', khong_co: 1 });
    expect(problems.map((p) => p.ruleCode).sort()).toEqual(['field.type', 'field.unknown_key']);
    expect(problems.find((p) => p.ruleCode === 'field.type')!.fields).toEqual(['exam_candidates']);
  });
});

describe('sameDocument and diffValues', () => {
  it('treats missing and null as the same, and compares values exactly', () => {
    expect(sameDocument({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameDocument({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameDocument({}, { a: 0 })).toBe(false);
  });
  it('lists changed keys in template order with their labels', () => {
    const from = { ...S0_THANH_HOA_2020_2021_VALUES };
    const to = { ...from, exam_candidates: 2280, staff_total: 57 };
    delete (to as Record<string, unknown>)['exam_pass_rate'];
    expect(diffValues(template, from, to)).toEqual([
      expect.objectContaining({ key: 'staff_total', from: 56, to: 57 }),
      { key: 'exam_candidates', labelVi: 'Số dự thi', labelEn: 'Candidates', from: 2279, to: 2280 },
      expect.objectContaining({ key: 'exam_pass_rate', from: 99.6, to: null }),
    ]);
  });
});
