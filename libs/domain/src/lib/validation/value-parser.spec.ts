import fc from 'fast-check';
import type { TemplateDefinition, ValueMap } from '../template-types';
import { shippedTemplates } from '../templates/shipped-templates';
import { S0_THANH_HOA_2020_2021_VALUES } from '../templates/s0-thanh-hoa.values';
import { findShippedTemplate } from '../templates';
import { deriveComputedValues } from './computed';
import {
  convertStoredString,
  FieldIssueCodes,
  InvalidReportValuesError,
  numericValueKeys,
  parseReportValues,
  requireReportValues,
  valueSpecs,
  type ValueSpec,
} from './value-parser';

// Issue 11, build item 1 and defects 1 and 14: the one typed parser at the write boundary.
const gdtx = findShippedTemplate('GDTX_SEMESTER', 1) as TemplateDefinition;
const runs = { numRuns: 200 };

const templateArb = fc.constantFrom(...shippedTemplates);
/** A template and one of its keys of the given kinds. */
const keyOf = (types: ValueSpec['type'][]) =>
  templateArb.chain((template) => {
    // Computed keys are never read from the input (computed.spec.ts covers them).
    const specs = [...valueSpecs(template).values()].filter((spec) => types.includes(spec.type) && !spec.computed);
    return fc.constantFrom(...specs).map((spec) => ({ template, spec }));
  });

/** A valid value for a spec, as a client sends it. */
function validValueArb(spec: ValueSpec): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case 'integer':
      return fc.integer({ min: 0, max: 1_000_000 });
    case 'decimal':
      return fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });
    case 'percent':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'choice':
      return fc.constantFrom(...(spec.choices ?? []).map((choice) => choice.value));
    case 'text':
      return fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
  }
}

describe('parseReportValues', () => {
  it('accepts the seed figures of S0 unchanged (keys sorted, empties left out)', () => {
    const parsed = parseReportValues(gdtx, { ...S0_THANH_HOA_2020_2021_VALUES, exam_councils: null, note: '  ' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const expected = Object.fromEntries(Object.entries(S0_THANH_HOA_2020_2021_VALUES).filter(([k]) => k !== 'exam_councils').sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(Object.keys(parsed.values)).toEqual(Object.keys(expected));
    expect(parsed.values).toEqual(expected);
  });

  it('defect 1: a count sent as a JSON string is a type error naming the field, in Vietnamese and English', () => {
    const parsed = parseReportValues(gdtx, { ...S0_THANH_HOA_2020_2021_VALUES, exam_candidates: '1100' });
    expect(parsed).toEqual({
      ok: false,
      issues: [
        {
          ruleCode: 'field.type', severity: 'error', fields: ['exam_candidates'],
          messageVi: 'Số dự thi phải là số nguyên, không phải chuỗi ký tự "1100".',
          messageEn: 'Candidates must be a whole number, not the text "1100".',
        },
      ],
    });
  });

  it('defect 14: a key the template does not know is an error on that key, not a warning promising to ignore it', () => {
    const parsed = parseReportValues(gdtx, { exam_candidates: 10, so_lop_moi: 3 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([expect.objectContaining({ ruleCode: FieldIssueCodes.unknownKey, severity: 'error', fields: ['so_lop_moi'] })]);
    expect(parsed.issues[0].messageVi).toBe('Mã chỉ tiêu "so_lop_moi" không có trong biểu mẫu GDTX_SEMESTER v1; hãy bỏ chỉ tiêu này hoặc dùng đúng mã của biểu mẫu.');
    expect(parsed.issues[0].messageEn).not.toMatch(/ignore/);
  });

  it('refuses values that are not an object of key: value', () => {
    for (const input of [[1], 'x', 5]) {
      expect(parseReportValues(gdtx, input)).toEqual({ ok: false, issues: [expect.objectContaining({ ruleCode: 'values.shape', fields: ['values'] })] });
    }
    expect(parseReportValues(gdtx, null)).toEqual({ ok: true, values: {} });
  });

  it('dates must be real calendar dates written YYYY-MM-DD', () => {
    const template = findShippedTemplate('LANGUAGE_IT_QUARTERLY') as TemplateDefinition;
    const key = [...valueSpecs(template).values()].find((spec) => spec.type === 'date')!.key;
    expect(parseReportValues(template, { [key]: '2024-02-29' })).toEqual({ ok: true, values: { [key]: '2024-02-29' } });
    for (const bad of ['2023-02-29', '2024-13-01', '29/02/2024', '2024-2-9', 20240229]) {
      expect(parseReportValues(template, { [key]: bad })).toMatchObject({ ok: false, issues: [{ ruleCode: 'field.type', fields: [key] }] });
    }
  });

  it('property: a valid value of any key of any shipped template is stored as it was sent', () => {
    fc.assert(
      fc.property(
        keyOf(['integer', 'decimal', 'percent', 'boolean', 'date', 'choice', 'text']).chain(({ template, spec }) =>
          validValueArb(spec).map((value) => ({ template, spec, value })),
        ),
        ({ template, spec, value }) => {
          const parsed = parseReportValues(template, { [spec.key]: value });
          // As sent, plus what a computed field of the template derives from it (computed.ts).
          const sent = { [spec.key]: typeof value === 'string' ? value.normalize('NFC') : value } as ValueMap;
          expect(parsed).toEqual({ ok: true, values: deriveComputedValues(template, sent) });
        },
      ),
      runs,
    );
  });

  it('property: any string, boolean, list or object under a numeric key is refused with that key in fields', () => {
    const wrong = fc.oneof(
      fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
      fc.integer().map(String),
      fc.double({ noNaN: true }).map(String),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(keyOf(['integer', 'decimal', 'percent']), wrong, ({ template, spec }, value) => {
        const parsed = parseReportValues(template, { [spec.key]: value });
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.issues).toHaveLength(1);
        expect(parsed.issues[0]).toMatchObject({ severity: 'error', fields: [spec.key], ruleCode: FieldIssueCodes.type });
        expect(parsed.issues[0].messageVi).toContain(spec.labelVi);
        expect(parsed.issues[0].messageEn).toContain(spec.labelEn);
      }),
      runs,
    );
  });

  it('property: integer keys take safe integers only', () => {
    fc.assert(
      fc.property(keyOf(['integer']), fc.double({ noNaN: true }), ({ template, spec }, value) => {
        const parsed = parseReportValues(template, { [spec.key]: value });
        expect(parsed.ok).toBe(Number.isSafeInteger(value));
      }),
      runs,
    );
  });

  it('property: every key the template does not define is refused, however the rest looks', () => {
    fc.assert(
      fc.property(templateArb, fc.string({ minLength: 1, maxLength: 30 }), fc.integer(), (template, key, value) => {
        fc.pre(!valueSpecs(template).has(key));
        const parsed = parseReportValues(template, { [key]: value });
        expect(parsed).toEqual({ ok: false, issues: [expect.objectContaining({ ruleCode: 'field.unknown_key', severity: 'error', fields: [key] })] });
      }),
      runs,
    );
  });

  it('property: what the parser accepts is flattenable: every numeric key holds a JSON number', () => {
    const documentArb = templateArb.chain((template) => {
      const specs = [...valueSpecs(template).values()];
      return fc
        .tuple(...specs.map((spec) => fc.option(validValueArb(spec), { nil: null })))
        .map((values) => ({ template, raw: Object.fromEntries(specs.map((spec, i) => [spec.key, values[i]])) }));
    });
    fc.assert(
      fc.property(documentArb, ({ template, raw }) => {
        const values: ValueMap = requireReportValues(template, raw);
        for (const key of numericValueKeys(template)) {
          if (key in values) expect(typeof values[key]).toBe('number');
        }
        // Round trip: what was stored parses to itself (a stored document is always a valid input).
        expect(parseReportValues(template, JSON.parse(JSON.stringify(values)))).toEqual({ ok: true, values });
      }),
      { numRuns: 50 },
    );
  });

  it('requireReportValues throws for the seed and the bench, naming every bad key', () => {
    expect(() => requireReportValues(gdtx, { exam_candidates: '1100', x: 1 })).toThrow(InvalidReportValuesError);
    expect(() => requireReportValues(gdtx, { exam_candidates: '1100', x: 1 })).toThrow(/exam_candidates.*x: Key "x"/);
  });
});

describe('convertStoredString (the migration of values stored before the parser)', () => {
  const spec = (type: ValueSpec['type']) => ({ ...[...valueSpecs(gdtx).values()].find((s) => s.type === type)! });

  it('property: the exact JSON text of an integer converts to that integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(convertStoredString(spec('integer'), String(n))).toEqual({ ok: true, value: n });
      }),
      runs,
    );
  });

  it('property: the exact text of a percentage converts; a decimal text for an integer key does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10), (n) => {
        expect(convertStoredString(spec('percent'), String(n))).toEqual({ ok: true, value: n });
        if (!Number.isInteger(n)) expect(convertStoredString(spec('integer'), String(n)).ok).toBe(false);
      }),
      runs,
    );
  });

  it('anything looser stays a string and is reported', () => {
    for (const text of [' 1100', '1100 ', '1.100', '01100', '1e3', '+5', '1,5', 'nhiều', '']) {
      expect(convertStoredString(spec('integer'), text).ok).toBe(false);
    }
    expect(convertStoredString(spec('integer'), '-5')).toEqual({ ok: true, value: -5 }); // a type match; the bound is a rule
    expect(convertStoredString(spec('percent'), '120').ok).toBe(false);
    const text: ValueSpec = { key: 'decision_no', type: 'text', required: false, labelVi: 'Số quyết định', labelEn: 'Decision number' };
    expect(convertStoredString(text, '1100')).toEqual({ ok: true, value: '1100' });
  });
});
