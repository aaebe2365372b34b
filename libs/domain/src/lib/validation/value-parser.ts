/**
 * The one typed parser of report values (issue 11, build item 1). Every way values are written — the GraphQL
 * save and submit, the Excel upload (after its cell reader), the demo seed and the bench generator — passes
 * them through `parseReportValues`, driven by the template version the report is filed against:
 *
 *   integer (fields and integer grid cells)  a JSON number that is a safe integer
 *   decimal (fields and decimal grid cells)  a finite JSON number
 *   percent                                  a finite JSON number from 0 to 100 (percentage points)
 *   boolean                                  true or false
 *   date                                     a string YYYY-MM-DD that is a real calendar date
 *   choice                                   a string among the field's choice values
 *   text                                     a string of at most maxLength characters (NFC-normalised)
 *
 * Nothing is coerced: "1100" is not a count. Stored values are therefore exactly what the indicators read
 * (a count stored as a string used to vanish from PASS_RATE while the rest of the report counted). A key the
 * template does not define is refused, never ignored. Empty values (null, blank text) mean "not filled in"
 * and are left out of the stored document. Computed fields (FieldDef.computed: rates, totals) are never taken
 * from the input: whatever is sent for them is ignored, and they are derived from the other values
 * (deriveComputedValues, computed.ts). Pure; shared by the browser form and the server.
 */
import type { FieldDef, FieldType, FieldValue, TemplateDefinition, ValidationIssue, ValueMap } from '../template-types';
import { isIsoDate } from '../periods/iso-date';
import { isEmptyValue } from './expression';
import { formatNumber, formatValue } from './messages';
import { indexTemplate, valueKeyLabel } from './template-index';
import { deriveComputedValues } from './computed';

export const FieldIssueCodes = {
  required: 'field.required',
  type: 'field.type',
  min: 'field.min',
  max: 'field.max',
  choice: 'field.choice',
  maxLength: 'field.max_length',
  unknownKey: 'field.unknown_key',
  /** The values as a whole are not an object of key: value (or hold too many keys). */
  shape: 'values.shape',
} as const;

/** Default maximum length of a text field (FieldDef.maxLength overrides it). */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;
/** More keys than any template defines: refused before looking at each one. */
export const MAX_VALUE_KEYS = 5000;
/** Where a problem with the values as a whole is filed (`ValidationIssue.fields`). */
export const VALUES_FIELD = 'values';

/** What the parser and the field checks need to know about one value key, whether a field or a grid cell. */
export interface ValueSpec {
  key: string;
  type: FieldType;
  required: boolean;
  /** A computed field: derived, never typed, not checked as input (computed.ts). */
  computed?: boolean;
  min?: number;
  max?: number;
  choices?: FieldDef['choices'];
  maxLength?: number;
  labelVi: string;
  labelEn: string;
}

const valueSpecsCache = new WeakMap<TemplateDefinition, Map<string, ValueSpec>>();

/** Specs of every value key of a template, in form order. Cached per template: forms validate on every keystroke. */
export function valueSpecs(template: TemplateDefinition): Map<string, ValueSpec> {
  const cached = valueSpecsCache.get(template);
  if (cached) return cached;
  const index = indexTemplate(template);
  const specs = new Map<string, ValueSpec>();
  for (const key of index.keys) {
    const info = index.byKey.get(key)!;
    const labelVi = valueKeyLabel(template, key, 'vi');
    const labelEn = valueKeyLabel(template, key, 'en');
    if (info.field) {
      const field = info.field;
      specs.set(key, {
        key,
        type: field.type,
        required: field.required ?? false,
        // Counts are never negative (domain §E.1) unless a template says otherwise.
        min: field.min ?? (field.type === 'integer' ? 0 : undefined),
        max: field.max,
        choices: field.choices,
        maxLength: field.maxLength,
        ...(field.computed ? { computed: true } : {}),
        labelVi,
        labelEn,
      });
    } else {
      // Grid cells are counts or amounts broken down by a dimension: never negative.
      specs.set(key, { key, type: info.grid!.type, required: info.grid!.required ?? false, min: 0, labelVi, labelEn });
    }
  }
  valueSpecsCache.set(template, specs);
  return specs;
}

/** The value keys whose values are numbers (numeric fields and every grid cell): what facts are made of. */
export function numericValueKeys(template: TemplateDefinition): string[] {
  return [...valueSpecs(template).values()].filter((spec) => isNumericType(spec.type)).map((spec) => spec.key);
}

export function isNumericType(type: FieldType): boolean {
  return type === 'integer' || type === 'decimal' || type === 'percent';
}

type Text = { vi: string; en: string };

/** How a wrong raw value is described in messages: its JSON kind, and the value when short. */
function describeRaw(raw: unknown): Text {
  if (typeof raw === 'string') {
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    return { vi: `chuỗi ký tự "${shown}"`, en: `the text "${shown}"` };
  }
  if (typeof raw === 'number') return { vi: `số ${formatNumber(raw, 'vi')}`, en: `the number ${formatNumber(raw, 'en')}` };
  if (typeof raw === 'boolean') return { vi: `giá trị đúng/sai`, en: `a yes/no value` };
  if (Array.isArray(raw)) return { vi: 'một danh sách', en: 'a list' };
  return { vi: 'một đối tượng', en: 'an object' };
}

function issue(key: string, ruleCode: string, text: Text): ValidationIssue {
  return { ruleCode, severity: 'error', fields: [key], messageVi: text.vi, messageEn: text.en };
}

export type ParsedValue = { ok: true; value: FieldValue } | { ok: false; issue: ValidationIssue };

/**
 * @description Parses one non-empty raw value against its key's spec: the typed value (text NFC-normalised),
 * or the issue naming the field. Bounds other than a percentage's 0–100 are not the parser's business: they
 * are rules that a draft may break (validateValues reports them).
 * @example parseFieldValue(spec('exam_candidates'), '1100')
 *   // { ok: false, issue: { ruleCode: 'field.type', fields: ['exam_candidates'],
 *   //   messageVi: 'Số dự thi phải là số nguyên, không phải chuỗi ký tự "1100".', … } }
 */
export function parseFieldValue(spec: ValueSpec, raw: unknown): ParsedValue {
  const { labelVi: vi, labelEn: en, key } = spec;
  const got = describeRaw(raw);
  const wrongType = (want: Text): ParsedValue => ({
    ok: false,
    issue: issue(key, FieldIssueCodes.type, { vi: `${vi} phải là ${want.vi}, không phải ${got.vi}.`, en: `${en} must be ${want.en}, not ${got.en}.` }),
  });
  switch (spec.type) {
    case 'integer':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return wrongType({ vi: 'số nguyên', en: 'a whole number' });
      return { ok: true, value: raw };
    case 'decimal':
    case 'percent': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return wrongType({ vi: 'một số', en: 'a number' });
      if (spec.type === 'percent' && (raw < 0 || raw > 100)) {
        return {
          ok: false,
          issue: issue(key, FieldIssueCodes.type, {
            vi: `${vi} là tỷ lệ phần trăm, phải từ 0 đến 100 (đang là ${formatNumber(raw, 'vi')}).`,
            en: `${en} is a percentage and must be between 0 and 100 (got ${formatNumber(raw, 'en')}).`,
          }),
        };
      }
      return { ok: true, value: raw };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : wrongType({ vi: 'Có hoặc Không (true/false)', en: 'yes or no (true/false)' });
    case 'date':
      return isIsoDate(raw)
        ? { ok: true, value: raw }
        : wrongType({ vi: 'một ngày hợp lệ theo định dạng năm-tháng-ngày (yyyy-mm-dd)', en: 'a valid date written yyyy-mm-dd' });
    case 'choice': {
      const allowed = spec.choices ?? [];
      const text = typeof raw === 'string' ? raw.normalize('NFC') : null;
      if (text !== null && allowed.some((choice) => choice.value === text)) return { ok: true, value: text };
      const listVi = allowed.map((choice) => choice.labelVi).join('; ');
      const listEn = allowed.map((choice) => choice.labelEn).join('; ');
      const shown = typeof raw === 'string' ? raw : formatValue(raw as FieldValue, 'vi');
      return {
        ok: false,
        issue: issue(key, FieldIssueCodes.choice, {
          vi: `${vi}: giá trị "${shown}" không thuộc danh sách (${listVi}).`,
          en: `${en}: "${shown}" is not one of the allowed values (${listEn}).`,
        }),
      };
    }
    case 'text': {
      if (typeof raw !== 'string') return wrongType({ vi: 'văn bản', en: 'text' });
      const text = raw.normalize('NFC');
      const maxLength = spec.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const length = [...text].length;
      if (length > maxLength) {
        return {
          ok: false,
          issue: issue(key, FieldIssueCodes.maxLength, {
            vi: `${vi} dài ${length} ký tự, vượt quá giới hạn ${maxLength} ký tự.`,
            en: `${en} is ${length} characters long, over the limit of ${maxLength}.`,
          }),
        };
      }
      return { ok: true, value: text };
    }
  }
}

/** The error for a key the template does not define: refused, with the template named. */
export function unknownKeyIssue(template: TemplateDefinition, key: string): ValidationIssue {
  const templateName = `${template.code} v${template.version}`;
  return issue(key, FieldIssueCodes.unknownKey, {
    vi: `Mã chỉ tiêu "${key}" không có trong biểu mẫu ${templateName}; hãy bỏ chỉ tiêu này hoặc dùng đúng mã của biểu mẫu.`,
    en: `Key "${key}" is not part of template ${templateName}; remove it or use one of the template's keys.`,
  });
}

function isEmptyRaw(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && isEmptyValue(raw));
}

export type ParseValuesResult = { ok: true; values: ValueMap } | { ok: false; issues: ValidationIssue[] };

/**
 * @description Parses raw report values (typically JSON from a client) against the template version they
 * are filed against. On success: the typed values, keys sorted, empty entries left out (so the same figures
 * are always the same stored document). Otherwise every problem, one per key, each an error naming its key.
 * @example parseReportValues(template, { exam_candidates: 1100 })  // { ok: true, values: { exam_candidates: 1100 } }
 * @example parseReportValues(template, { exam_candidates: '1100', khong_co: 1 }).ok  // false: field.type, field.unknown_key
 * @example parseReportValues(gdtxV2, { exam_candidates: 2279, exam_certified: 2270, exam_pass_rate: 50 }).values.exam_pass_rate // 99.6
 */
export function parseReportValues(template: TemplateDefinition, input: unknown): ParseValuesResult {
  if (input === null || input === undefined) return { ok: true, values: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        issue(VALUES_FIELD, FieldIssueCodes.shape, {
          vi: 'Số liệu phải là một đối tượng {mã chỉ tiêu: giá trị}.',
          en: 'Values must be an object of key: value.',
        }),
      ],
    };
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_VALUE_KEYS) {
    return {
      ok: false,
      issues: [issue(VALUES_FIELD, FieldIssueCodes.shape, { vi: `Quá nhiều chỉ tiêu (tối đa ${MAX_VALUE_KEYS}).`, en: `Too many keys (max ${MAX_VALUE_KEYS}).` })],
    };
  }
  const specs = valueSpecs(template);
  const values: ValueMap = {};
  const issues: ValidationIssue[] = [];
  for (const [key, raw] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (isEmptyRaw(raw)) continue;
    const spec = specs.get(key);
    if (!spec) {
      issues.push(unknownKeyIssue(template, key));
      continue;
    }
    if (spec.computed) continue; // ignored: derived below from the figures it comes from
    const parsed = parseFieldValue(spec, raw);
    if (parsed.ok) values[key] = parsed.value;
    else issues.push(parsed.issue);
  }
  if (issues.length) return { ok: false, issues };
  const derived = deriveComputedValues(template, values);
  if (derived === values) return { ok: true, values };
  return { ok: true, values: Object.fromEntries(Object.entries(derived).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** Thrown where values must already be valid (the seed, the bench generator): a bug in the caller, not user input. */
export class InvalidReportValuesError extends Error {
  constructor(
    readonly templateCode: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`invalid values for ${templateCode}: ${issues.map((i) => `${i.fields.join(',')}: ${i.messageEn}`).join('; ')}`);
    this.name = 'InvalidReportValuesError';
  }
}

/** @description parseReportValues for values that must be valid: returns them typed or throws InvalidReportValuesError. */
export function requireReportValues(template: TemplateDefinition, input: unknown): ValueMap {
  const parsed = parseReportValues(template, input);
  if (!parsed.ok) throw new InvalidReportValuesError(template.code, parsed.issues);
  return parsed.values;
}

/**
 * @description What an existing stored string would be if it were written today: for the migration of values
 * stored before the parser existed. A string converts when it is exactly the JSON text of a value of the
 * key's type ("1100" for an integer, "99.6" for a percentage); anything looser (" 1100", "1.100", "1e3",
 * "01100") does not, and is listed for a person to decide.
 * @example convertStoredString(integerSpec, '1100') // { ok: true, value: 1100 }
 */
export function convertStoredString(spec: ValueSpec, text: string): ParsedValue {
  if (isNumericType(spec.type) && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) {
    const number = Number(text);
    // Exactly: the number written back gives the same text (no digits lost, no trailing zeros).
    if (String(number) === text) return parseFieldValue(spec, number);
  }
  return parseFieldValue(spec, text);
}
