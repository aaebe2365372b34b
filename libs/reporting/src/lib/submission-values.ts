/**
 * Submission values as stored: a flat map of value keys (libs/domain template-types.ts) to primitives, with
 * empty values left out, so "the same numbers" always means the same stored document (upload idempotency,
 * version diffs). Pure functions.
 */
import { FieldIssueCodes, indexTemplate, isEmptyValue, validateValues, valueKeyLabel } from '@gdtx/domain';
import type { FieldValue, TemplateDefinition, ValidationIssue, ValueMap } from '@gdtx/domain';

export const MAX_VALUE_KEYS = 5000;
export const MAX_EXPLANATION_LENGTH = 2000;

export class ValuesShapeError extends Error {
  constructor(readonly field: string, readonly messageVi: string, messageEn: string) {
    super(messageEn);
    this.name = 'ValuesShapeError';
  }
}

/**
 * @description Checks the JSON shape of client values (an object of numbers, strings, booleans or null) and
 * drops empty entries. Throws ValuesShapeError for anything else (arrays, nested objects, too many keys).
 */
export function normalizeValues(input: unknown, field = 'values'): ValueMap {
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ValuesShapeError(field, 'Số liệu phải là một đối tượng {mã chỉ tiêu: giá trị}', 'values must be an object of key: value');
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_VALUE_KEYS) {
    throw new ValuesShapeError(field, `Quá nhiều chỉ tiêu (tối đa ${MAX_VALUE_KEYS})`, `Too many keys (max ${MAX_VALUE_KEYS})`);
  }
  const out: ValueMap = {};
  for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (value !== null && !['number', 'string', 'boolean'].includes(typeof value)) {
      throw new ValuesShapeError(key, `Giá trị của "${key}" phải là số, chữ hoặc đúng/sai`, `The value of "${key}" must be a number, text or boolean`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ValuesShapeError(key, `Giá trị của "${key}" không phải số hợp lệ`, `The value of "${key}" is not a finite number`);
    }
    const v = typeof value === 'string' ? value.normalize('NFC') : (value as FieldValue);
    if (!isEmptyValue(v)) out[key] = v;
  }
  return out;
}

/** Explanations of warnings, keyed by rule code (see ValidateValuesOptions.explanations). */
export function normalizeExplanations(input: unknown): Record<string, string> {
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ValuesShapeError('explanations', 'Giải trình phải là một đối tượng {mã quy tắc: nội dung}', 'explanations must be an object of rule code: text');
  }
  const out: Record<string, string> = {};
  for (const [rule, text] of Object.entries(input as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (text === null || text === undefined || text === '') continue;
    if (typeof text !== 'string') throw new ValuesShapeError(`explanations.${rule}`, 'Nội dung giải trình phải là văn bản', 'An explanation must be text');
    if (text.length > MAX_EXPLANATION_LENGTH) {
      throw new ValuesShapeError(`explanations.${rule}`, `Giải trình dài quá ${MAX_EXPLANATION_LENGTH} ký tự`, `Explanation longer than ${MAX_EXPLANATION_LENGTH} characters`);
    }
    if (text.trim()) out[rule] = text.trim().normalize('NFC');
  }
  return out;
}

/** Issue codes that make values unstorable (wrong type, unknown key): a draft with them is refused. */
const SHAPE_ISSUES: readonly string[] = [FieldIssueCodes.type, FieldIssueCodes.choice, FieldIssueCodes.maxLength, FieldIssueCodes.unknownKey];

/**
 * @description Splits validation of a draft: `blocking` are type problems (and unknown keys) that stop it
 * being saved; everything else (rules, bounds, required) is reported but does not stop a draft.
 */
export function draftProblems(template: TemplateDefinition, values: ValueMap): ValidationIssue[] {
  return validateValues(template, values, { reportUnknownKeys: true }).filter((i) => SHAPE_ISSUES.includes(i.ruleCode));
}

export function sameDocument(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).filter((k) => !isEmptyValue(a[k] as FieldValue));
  const kb = Object.keys(b).filter((k) => !isEmptyValue(b[k] as FieldValue));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

export interface ValueChange {
  key: string;
  labelVi: string;
  labelEn: string;
  from: FieldValue;
  to: FieldValue;
}

/** @description Keys whose value differs between two versions, in template order (unknown keys last). */
export function diffValues(template: TemplateDefinition, from: ValueMap, to: ValueMap): ValueChange[] {
  const order = indexTemplate(template).keys;
  const all = new Set([...order, ...Object.keys(from), ...Object.keys(to)]);
  const changes: ValueChange[] = [];
  for (const key of all) {
    const a = from[key] ?? null;
    const b = to[key] ?? null;
    if (Object.is(a, b)) continue;
    changes.push({ key, labelVi: safeLabel(template, key, 'vi'), labelEn: safeLabel(template, key, 'en'), from: a, to: b });
  }
  return changes;
}

function safeLabel(template: TemplateDefinition, key: string, lang: 'vi' | 'en'): string {
  return indexTemplate(template).byKey.has(key) ? valueKeyLabel(template, key, lang) : key;
}
