import { findShippedTemplate, S0_THANH_HOA_2020_2021_VALUES } from '@gdtx/domain';
import type { TemplateDefinition } from '@gdtx/domain';
import { AppError } from '@gdtx/platform';
import { diffValues, normalizeExplanations, parseDraftValues, sameDocument, ValuesShapeError } from './submission-values';

// Version 1: every field typed (version 2 computes the rates and the staff total; see the case below).
const template = findShippedTemplate('GDTX_SCHOOL_YEAR', 1) as TemplateDefinition;

describe('parseDraftValues', () => {
  it('drops empty values, sorts keys and NFC-normalises text', () => {
    const lang = findShippedTemplate('LANGUAGE_IT_QUARTERLY') as TemplateDefinition;
    const parsed = parseDraftValues(lang, { teachers_total: 8, branch_count: 1, support_staff: null, establishment_decision_no: 'Hoa\u0300' });
    expect(Object.keys(parsed)).toEqual(['branch_count', 'establishment_decision_no', 'teachers_total']);
    expect(parsed['establishment_decision_no']).toBe('Hoà');
    expect(parseDraftValues(template, null)).toEqual({});
  });
  const refusal = (input: unknown) => {
    try {
      parseDraftValues(template, input);
    } catch (e) {
      return e as AppError;
    }
    throw new Error('expected a refusal');
  };
  it('blocks only what cannot be stored: wrong types and unknown keys, not rule errors', () => {
    expect(parseDraftValues(template, { ...S0_THANH_HOA_2020_2021_VALUES, exam_certified: 9999 })['exam_certified']).toBe(9999);
    const error = refusal({ exam_candidates: 'nhiều', khong_co: 1, exam_councils: { a: 1 }, staff_total: Number.POSITIVE_INFINITY });
    const body = error.getResponse() as { code: string; fields: { field: string; ruleCode: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f) => [f.field, f.ruleCode])).toEqual([
      ['exam_candidates', 'field.type'], ['exam_councils', 'field.type'], ['khong_co', 'field.unknown_key'], ['staff_total', 'field.type'],
    ]);
  });
  it('under version 2, a value sent for a computed field is ignored (never refused) and derived from the counts', () => {
    const v2 = findShippedTemplate('GDTX_SCHOOL_YEAR', 2) as TemplateDefinition;
    const parsed = parseDraftValues(v2, { ...S0_THANH_HOA_2020_2021_VALUES, staff_total: Number.POSITIVE_INFINITY, exam_pass_rate: 12 });
    expect([parsed['staff_total'], parsed['exam_pass_rate'], parsed['staff_ldtt_rate']]).toEqual([56, 99.6, 88.9]);
  });
  it('refuses values that are not an object of key: value', () => {
    expect((refusal([1]).getResponse() as { fields: { field: string }[] }).fields[0].field).toBe('values');
  });
});

describe('normalizeExplanations', () => {
  it('explanations are trimmed text keyed by rule code', () => {
    expect(normalizeExplanations({ 'exam.candidates_change': '  Mở thêm hội đồng  ', x: '' })).toEqual({ 'exam.candidates_change': 'Mở thêm hội đồng' });
    expect(() => normalizeExplanations({ x: 5 })).toThrow(ValuesShapeError);
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
